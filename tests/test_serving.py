"""Servers of the tests and benchmarks start on a port of their own, even with others starting
side by side, and stop with every process they started."""

import errno
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from harness import serving

HTTP_SERVER = [sys.executable, "-m", "http.server", "{port}", "--bind", "127.0.0.1"]


def refuses_connections(port: int, within: float = 5) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except ConnectionRefusedError:
            return True
        time.sleep(0.1)
    return False


def test_a_reserved_port_is_given_to_a_server_and_to_nobody_else():
    port = serving.reserved_port()

    with socket.socket() as other, pytest.raises(OSError, match="in use") as refused:
        other.bind(("127.0.0.1", port))
    assert refused.value.errno == errno.EADDRINUSE
    # Servers bind with SO_REUSEADDR, as create_server does.
    socket.create_server(("127.0.0.1", port)).close()


def test_a_server_whose_port_is_taken_starts_again_on_another(monkeypatch, tmp_path):
    # Taken the way a race would take it: bound by another socket between reservation and start.
    taker = socket.socket()
    taker.bind(("127.0.0.1", 0))
    taken = taker.getsockname()[1]
    ports = iter([taken, serving.reserved_port()])
    monkeypatch.setattr(serving, "reserved_port", lambda: next(ports))

    with taker, serving.serving(HTTP_SERVER, tmp_path, {}, tmp_path / "server.log") as server:
        assert server.url != f"http://127.0.0.1:{taken}"
        with urllib.request.urlopen(server.url, timeout=10) as answer:
            assert answer.status == 200


def test_a_server_that_exits_is_reported_with_its_log(tmp_path):
    crash = [sys.executable, "-c", "print('settings are broken'); raise SystemExit(3)"]

    with (
        pytest.raises(serving.ServerDidNotStart, match="exited 3:\nsettings are broken"),
        serving.serving(crash, tmp_path, {}, tmp_path / "server.log"),
    ):
        pytest.fail("started")


def test_stopping_a_server_stops_the_processes_it_started(tmp_path):
    # A parent that serves through a child, as runserver's reloader does.
    parent = [sys.executable, "-c", "import subprocess, sys; subprocess.run(sys.argv[1:])"]

    with serving.serving([*parent, *HTTP_SERVER], tmp_path, {}, tmp_path / "server.log") as server:
        port = int(server.url.rpartition(":")[2])

    assert refuses_connections(port)


# A server that, told to stop, waits for its worker without passing the signal on: gunicorn's
# master, when its worker lost the SIGTERM it was sent between its fork and its own handlers.
MASTER_THAT_WAITS_FOR_ITS_WORKER = """
import os, signal, time
worker = os.fork()
if worker == 0:
    time.sleep(60)
    os._exit(0)
signal.signal(signal.SIGTERM, lambda *_: None)
print("ready", flush=True)
os.waitpid(worker, 0)
"""


def test_stop_signals_the_session_again_when_the_server_waits_for_a_worker(tmp_path):
    log = tmp_path / "master.log"
    with log.open("w") as output:
        master = subprocess.Popen(
            [sys.executable, "-c", MASTER_THAT_WAITS_FOR_ITS_WORKER],
            stdout=output, start_new_session=True,
        )  # fmt: skip
    for _ in range(100):  # bounded: ten seconds
        if "ready" in log.read_text():
            break
        time.sleep(0.1)

    serving.stop(master, timeout=15)

    assert master.returncode == 0
