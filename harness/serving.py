"""Run a server command on a loopback port until done: for the template's tests and benchmarks.

Plain Python, no pytest.
"""

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

LOOPBACK = "127.0.0.1"
# How gunicorn, runserver and http.server each end their log when another socket holds the port.
PORT_TAKEN = "already in use"
ATTEMPTS = 5


class ServerDidNotStart(RuntimeError):
    """The server exited, or did not listen in time; the message holds its log."""


@dataclass(frozen=True)
class Server:
    url: str
    process: subprocess.Popen


def reserved_port() -> int:
    """A free loopback port that a server can bind for the next minute and nobody else is given.

    The port is left in TIME_WAIT by a connection of its own: the kernel hands it to no other
    `bind(("", 0))` or outgoing connection meanwhile, yet a server that binds it by number with
    SO_REUSEADDR (gunicorn, runserver, http.server all do) gets it.
    """
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((LOOPBACK, 0))
        listener.listen(1)
        address = listener.getsockname()
        with socket.create_connection(address):
            accepted, _ = listener.accept()
            accepted.close()  # this end closes first: it is the one that waits
    return address[1]


@contextlib.contextmanager
def serving(
    args: list[str], cwd: Path, environment: dict[str, str], log: Path, timeout: float = 30
) -> Iterator[Server]:
    """Start `args`, `{port}` in them a reserved loopback port, its output in `log`; yield the
    server once the port accepts connections; stop it, and every process it started, after.

    A server that exits because its port was taken all the same (PORT_TAKEN in its log) starts
    again on another. Raises ServerDidNotStart if it exits otherwise, does not listen within
    `timeout` seconds, or loses its port ATTEMPTS times.
    """
    for _ in range(ATTEMPTS):
        port = reserved_port()
        with log.open("w") as output:
            # A session of its own: stopping it stops its children too (runserver's reloader).
            process = subprocess.Popen(
                [arg.format(port=port) for arg in args],
                cwd=cwd,
                env=environment,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            started = listening(port, process, log, timeout)
        except BaseException:
            stop(process)
            raise
        if started:
            break
    else:
        raise ServerDidNotStart(f"its port was taken {ATTEMPTS} times:\n{log.read_text()}")
    try:
        yield Server(f"http://{LOOPBACK}:{port}", process)
    finally:
        stop(process)


@contextlib.contextmanager
def running(args: list[str], cwd: Path, environment: dict[str, str], log: Path) -> Iterator[None]:
    """Run `args`, a process that listens on no port (the mail worker), its output in `log`,
    until the block ends; then stop it and every process it started."""
    with log.open("w") as output:
        process = subprocess.Popen(
            args, cwd=cwd, env=environment, stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        yield
    finally:
        stop(process)


def listening(port: int, process: subprocess.Popen, log: Path, timeout: float) -> bool:
    """Wait until `process` accepts connections on loopback `port`: True once it does, False if
    it exited because the port was taken."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection((LOOPBACK, port), timeout=1).close()
            return True
        except OSError:
            pass
        if process.poll() is not None:
            text = log.read_text()
            if PORT_TAKEN in text:
                return False
            raise ServerDidNotStart(f"the server exited {process.returncode}:\n{text}")
        if time.monotonic() > deadline:
            raise ServerDidNotStart(
                f"no server on port {port} after {timeout} s:\n{log.read_text()}"
            )
        time.sleep(0.1)


# Seconds a server gets to stop on its own before its session gets the signal again.
SIGTERM_AGAIN_AFTER = 5


def stop(process: subprocess.Popen, timeout: float = 30) -> None:
    """Stop `process` with SIGTERM, then kill what is left of its session; fail (after killing
    it) if `process` outlasts `timeout` seconds.

    The signal goes to `process` alone, which stops its own children: sent to gunicorn's workers
    too, it raced their master, which booted new workers in their place before it read its own
    SIGTERM and then waited out its graceful timeout for them.

    gunicorn 27.0.1 loses the SIGTERM its master sends a worker between the worker's fork and its
    own signal handlers (the handler it inherited queues the signal for a master it is not): that
    worker serves on, and the master waits out its 30 s graceful timeout for it. So the session
    gets SIGTERM again after SIGTERM_AGAIN_AFTER seconds, when the master is stopping and boots
    no more workers.
    """
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        try:
            process.wait(timeout=min(SIGTERM_AGAIN_AFTER, timeout))
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=max(timeout - SIGTERM_AGAIN_AFTER, 0))
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise
    finally:
        # Children it left behind (runserver's reloaded child, a worker that outlived it).
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
