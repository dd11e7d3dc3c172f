"""A PostgreSQL cluster and a Redis server of the caller's own, on loopback ports it chooses,
that it may stop and start again at will (the soak's faults) without touching the machine's
shared servers. Each is stopped by its own process id.

Plain Python, no pytest.
"""

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from harness.serving import LOOPBACK

# Seconds any start or stop may take before it counts as failed.
WAIT = 30


def free_port(first: int, last: int) -> int:
    """The first port in first..last that nothing listens on and this process can bind."""
    for port in range(first, last + 1):
        with socket.socket() as probe:
            try:
                probe.bind((LOOPBACK, port))
            except OSError:
                continue
        return port
    raise RuntimeError(f"no free port in {first}-{last}")


def accepts(port: int) -> bool:
    """Whether something accepts connections on loopback `port` within a second."""
    try:
        socket.create_connection((LOOPBACK, port), timeout=1).close()
    except OSError:
        return False
    return True


def postgres_bin(name: str) -> str:
    """A PostgreSQL server program (initdb, pg_ctl), from Debian's versioned directories."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise FileNotFoundError(f"{name}: install Debian's postgresql package")
    return found[-1]


def missing() -> str | None:
    """What this machine lacks to run a PostgreSQL cluster and a Redis of one's own, with how
    to get it; None if nothing."""
    if not glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        return "PostgreSQL's server programs (initdb, pg_ctl): `apt-get install postgresql`"
    if not shutil.which("redis-server"):
        return "redis-server: `apt-get install redis-server`"
    return None


class PostgresCluster:
    """A cluster in `directory` listening on loopback `port` only, trust authentication.

    PostgreSQL refuses to run as root: as root, its programs run as the `postgres` account, and
    the cluster lives in a directory of its own in /tmp that this account can reach (pytest's
    temporary directories are root's alone); `remove` deletes it.
    """

    def __init__(self, directory: Path, port: int):
        if os.geteuid() == 0:
            directory = Path(tempfile.mkdtemp(prefix="postgres-cluster-"))
            os.chown(directory, *_postgres_ids())
        self.directory = directory
        self.data = directory / "data"
        self.port = port
        self.log = directory / "postgres.log"

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@{LOOPBACK}:{self.port}/{database}"

    def _run(self, *args: str) -> None:
        as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        result = subprocess.run(
            [*as_postgres, *args], capture_output=True, text=True, timeout=WAIT * 2, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} exited {result.returncode}:\n{result.stderr}")

    def create(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        self._run(postgres_bin("initdb"), "-D", str(self.data), "-U", "postgres",
                  "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8")  # fmt: skip

    def start(self) -> None:
        # Durability across a crash of the machine is not under test: no fsync.
        options = (f"-p {self.port} -c listen_addresses={LOOPBACK} -k {self.directory} "
                   "-c fsync=off -c full_page_writes=off -c max_connections=100")  # fmt: skip
        self._run(postgres_bin("pg_ctl"), "start", "-w", "-t", str(WAIT), "-D", str(self.data),
                  "-l", str(self.log), "-o", options)  # fmt: skip

    def stop(self) -> None:
        """Stop the server as a restart does: `fast` ends every session, rolling back what they
        had not committed. Falls back to SIGKILL of its process if it outlasts WAIT."""
        pid = self.pid()
        if pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGINT)  # PostgreSQL's fast shutdown
        if not _gone(pid, WAIT):
            os.kill(pid, signal.SIGKILL)
            _gone(pid, WAIT)

    def remove(self) -> None:
        """Delete the cluster's files (once stopped)."""
        shutil.rmtree(self.directory, ignore_errors=True)

    def pid(self) -> int | None:
        """The postmaster's process id, while it runs."""
        pidfile = self.data / "postmaster.pid"
        try:
            pid = int(pidfile.read_text().split()[0])
        except (FileNotFoundError, IndexError, ValueError):
            return None
        return pid if _alive(pid) else None


def _postgres_ids() -> tuple[int, int]:
    import pwd

    entry = pwd.getpwnam("postgres")
    return entry.pw_uid, entry.pw_gid


class RedisServer:
    """redis-server on loopback `port`, keeping nothing on disk."""

    def __init__(self, directory: Path, port: int):
        self.directory = directory
        self.port = port
        self.log = directory / "redis.log"
        self.process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://{LOOPBACK}:{self.port}/{db}"

    def start(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        with self.log.open("a") as output:
            self.process = subprocess.Popen(
                ["redis-server", "--bind", LOOPBACK, "--port", str(self.port), "--save", "",
                 "--appendonly", "no", "--dir", str(self.directory)],
                stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        deadline = time.monotonic() + WAIT
        while not accepts(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start:\n{self.log.read_text()}")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=WAIT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=WAIT)
        self.process = None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _gone(pid: int, timeout: float) -> bool:
    """Wait up to `timeout` seconds for process `pid` to end; whether it did."""
    deadline = time.monotonic() + timeout
    while _alive(pid):
        # A child of ours (it is not: pg_ctl starts it) would need reaping; a stranger is gone
        # once kill(0) fails.
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@contextlib.contextmanager
def postgres_cluster(directory: Path, port: int) -> Iterator[PostgresCluster]:
    """A new cluster, started; stopped after."""
    cluster = PostgresCluster(directory, port)
    try:
        cluster.create()
        cluster.start()
        yield cluster
    finally:
        cluster.stop()
        cluster.remove()


@contextlib.contextmanager
def redis_server(directory: Path, port: int) -> Iterator[RedisServer]:
    """A redis-server, started; stopped after."""
    server = RedisServer(directory, port)
    server.start()
    try:
        yield server
    finally:
        server.stop()
