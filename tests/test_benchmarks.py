"""The benchmark scripts run and print their tables; their figures are for reading only."""

import socket
import struct
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bakery import option_sets
from benchmarks import first_green, password_hashing, peers, soak
from harness.commands import run
from harness.paths import TEMPLATE


def test_token_algorithm_benchmark_prints_a_row_per_algorithm():
    result = run(
        [sys.executable, "benchmarks/token_algorithms.py", "--number", "3", "--repeat", "1"],
        TEMPLATE,
    )

    rows = [line.split("|")[1:-1] for line in result.stdout.splitlines()[4:]]
    sizes = {algorithm.strip(): int(size) for algorithm, size, _ in rows}
    assert list(sizes) == [
        "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
        "ES256", "ES384", "ES512", "EdDSA",
    ]  # fmt: skip
    # A 2048-bit RSA signature alone is 342 base64url characters; Ed25519's is 86.
    assert sizes["RS256"] > sizes["ES256"] > sizes["HS256"]
    assert sizes["EdDSA"] == sizes["ES256"]


@pytest.mark.parametrize("answers", option_sets(["default"]), indirect=True)
def test_first_green_runs_the_readme_pip_commands_in_the_environment_they_make(project):
    steps = first_green.pip_steps(project)

    assert steps[0][0].startswith("python3 -m venv .venv")
    assert [step for step, _ in steps[1:]] == [
        "python -m pip install --upgrade pip",
        "python -m pip install -e . --group dev",
        "python -m pytest -q",
    ]
    assert all(command == f". .venv/bin/activate && {step}" for step, command in steps[1:])


def test_first_green_table_ends_with_the_sum_of_the_steps():
    table = first_green.table("uv", [("uv sync", 2.0, 1.0), ("uv run pytest", 8.5, 7.25)])

    assert table.splitlines()[-1] == "| first green | 10.5 | 8.2 |"


# benchmarks/peers.py: its pieces that need no server, PostgreSQL or peer checkout.


def pg_message(kind: bytes, *parts: bytes) -> bytes:
    body = b"".join(parts)
    return kind + struct.pack("!i", len(body) + 4) + body


def client_stream() -> bytes:
    """What psycopg sends on a new connection that runs four statements: one simple query, one
    unnamed extended-protocol query, one named (prepared) statement executed twice."""
    user_query = b'SELECT "users_user"."id" FROM "users_user" WHERE "users_user"."id" = $1'
    return b"".join([
        struct.pack("!ii", 8, peers.SSL_REQUEST),
        struct.pack("!ii", 17, 196608) + b"user\0pg\0\0",
        pg_message(b"Q", b"SELECT 1\0"),
        pg_message(b"P", b"\0", user_query + b"\0", b"\0\0"),
        pg_message(b"B", b"\0\0", b"\0\0\0\0\0\0"),
        pg_message(b"D", b"P\0"),
        pg_message(b"E", b"\0", b"\0\0\0\0"),
        pg_message(b"S"),
        pg_message(b"P", b"_pg3_0\0", b"BEGIN\0", b"\0\0"),
        pg_message(b"B", b"\0_pg3_0\0", b"\0\0\0\0\0\0"),
        pg_message(b"E", b"\0", b"\0\0\0\0"),
        pg_message(b"B", b"\0_pg3_0\0", b"\0\0\0\0\0\0"),
        pg_message(b"E", b"\0", b"\0\0\0\0"),
        pg_message(b"S"),
    ])  # fmt: skip


def test_statements_are_counted_from_the_protocol_whatever_the_chunks():
    counter = peers.StatementCounter()
    feed = counter.connection()
    stream = client_stream()

    for start in range(0, len(stream), 3):  # messages split across reads
        feed(stream[start : start + 3])

    statements = counter.take()
    assert [peers.summary(statement) for statement in statements] == [
        "SELECT 1", "SELECT users_user", "BEGIN", "BEGIN",
    ]  # fmt: skip
    assert counter.take() == []


def test_the_counting_proxy_forwards_both_ways_and_counts_what_clients_send():
    upstream = socket.create_server(("127.0.0.1", 0))
    received = bytearray()

    def answer() -> None:
        connection, _ = upstream.accept()
        with connection:
            while len(received) < len(client_stream()):
                received.extend(connection.recv(65536))
            connection.sendall(b"Z")

    server = threading.Thread(target=answer, daemon=True)
    server.start()
    counter = peers.StatementCounter()
    with (
        peers.counting_proxy(upstream.getsockname(), counter) as port,
        socket.create_connection(("127.0.0.1", port), timeout=10) as client,
    ):
        client.sendall(client_stream())
        assert client.recv(1) == b"Z"
    server.join(timeout=10)
    upstream.close()

    assert bytes(received) == client_stream()
    assert len(counter.take()) == 4


def test_cpu_of_a_server_counts_every_process_below_it():
    if not Path("/proc/self/stat").exists():
        pytest.skip("no /proc on this system: the benchmark prints '?' for CPU there")
    # A child whose own child burns 0.3 s of CPU, says so, then waits for its input to end
    # (uvicorn's workers are children of its supervisor, as gunicorn's are of its master).
    burn = (
        "import sys, time\n"
        "start = time.process_time()\n"
        "while time.process_time() - start < 0.3: pass\n"
        "print('done', flush=True)\n"
        "sys.stdin.read()\n"
    )
    parent = f"import subprocess, sys\nsubprocess.run([sys.executable, '-c', {burn!r}])\n"
    child = subprocess.Popen(
        [sys.executable, "-c", parent], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline() == "done\n"
        used = peers.tree_cpu_seconds(child.pid)
    finally:
        child.stdin.close()  # the grandchild's input ends: both exit
        child.wait(timeout=30)

    assert used is not None
    assert used >= 0.25


def setup(name: str, rates: list[float], **values: object) -> peers.Setup:
    made = peers.Setup(name, Path("."), {}, ["python"], "/me", lambda url: "")
    made.rates = rates
    made.cpu = [1000 / rate for rate in rates]
    for key, value in values.items():
        setattr(made, key, value)
    return made


def test_peer_table_pairs_the_rounds_and_shows_statements_per_request():
    # Round 2 ran on a machine twice as busy: every setup alike.
    setups = [
        setup("ours-default", [1500.0, 750.0, 1400.0], statements_per_request=1.0,
              statements=['SELECT "users_user"."id" FROM "users_user"']),
        setup("cookiecutter-django", [1000.0, 500.0, 1000.0], statements_per_request=3.0,
              statements=["BEGIN", 'SELECT "authtoken_token"."key" FROM "authtoken_token"',
                          "COMMIT"]),
    ]  # fmt: skip

    table = peers.format_table(setups, "cookiecutter-django").splitlines()

    assert [cell.strip() for cell in table[2].strip("|").split("|")] == [
        "ours-default", "1400", "1.50x", "0.71", "1.50x", "1", "SELECT users_user",
    ]  # fmt: skip
    assert table[3].split("|")[-2].strip() == "BEGIN, SELECT authtoken_token, COMMIT"
    assert peers.goal_lines(setups) == [
        "goal ours-default >= 1.3x cookiecutter-django (req/s): 1.50x, met",
        "goal ours-default >= 1.3x cookiecutter-django (less CPU): 1.50x, met",
    ]


def test_differences_list_only_the_facts_that_differ():
    mine = setup(
        "ours-default",
        [1.0],
        facts={"Python": "3.13.0", "middleware": 9, "versions": {"django": "6.0"}},
    )
    theirs = setup("fastapi", [1.0], facts={"Python": "3.13.0", "middleware": 1,
                                            "versions": {"fastapi": "0.120"}})  # fmt: skip

    rows = peers.format_differences([mine, theirs]).splitlines()

    assert [row.split("|")[1].strip() for row in rows[2:]] == ["versions", "middleware"]
    assert "django 6.0" in rows[2]
    assert "fastapi 0.120" in rows[2]


def test_peer_arguments_default_to_the_issues_setup(tmp_path):
    arguments = peers.parse_args(["--fastapi", str(tmp_path)])

    assert (arguments.workers, arguments.threads, arguments.connections) == (2, 2, 16)
    assert (arguments.rounds, arguments.duration, arguments.python) == (5, 6, "3.13")
    assert arguments.cookiecutter_django is None
    assert arguments.fastapi == tmp_path


@pytest.mark.parametrize(
    "argv",
    [["--fastapi", "/nonexistent/checkout"], ["--database-prefix", "Robert'); DROP"],
     ["--python", "python3"], ["--threads", "4", "--connections", "2"]],
)  # fmt: skip
def test_bad_peer_arguments_are_refused(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        peers.parse_args(argv)

    assert exit_info.value.code == 2
    assert "error:" in capsys.readouterr().err


def test_peers_without_wrk_say_how_to_install_it_and_make_nothing(monkeypatch, capsys):
    monkeypatch.setattr(peers.shutil, "which", lambda name: None)
    monkeypatch.setattr(peers, "plan", lambda *args: pytest.fail("made environments"))

    assert peers.main([]) == 2
    assert "apt-get install wrk" in capsys.readouterr().err


def test_the_server_commands_compared_leave_out_paths_and_ports():
    gunicorn = setup("ours-default", [1.0])
    gunicorn.command = [
        "/tmp/x/.venv/bin/python",
        "-m",
        "gunicorn",
        "-c",
        "config/gunicorn.py",
        "config.wsgi",
        "--bind",
        "127.0.0.1:{port}",
        "--workers",
        "{workers}",
    ]
    uvicorn = setup("fastapi", [1.0])
    uvicorn.command = ["/tmp/x/venv/bin/fastapi", "run", "--host", "127.0.0.1", "--port",
                       "{port}", "--workers", "{workers}", "app/main.py"]  # fmt: skip

    assert peers.describe_server(gunicorn, 2) == (
        "python -m gunicorn -c config/gunicorn.py config.wsgi --workers 2"
    )
    assert peers.describe_server(uvicorn, 2) == "fastapi run --workers 2 app/main.py"


def test_password_hashing_table_shows_each_profiles_cost_beside_djangos_default():
    default, owasp = password_hashing.PROFILES[0], password_hashing.PROFILES[3]

    table = password_hashing.table([(default, 0.25, 0.1), (owasp, 0.025, 0.03)], cores=2)

    assert default.name == "Django default"
    assert table.splitlines()[2] == "| Django default | 2 | 100 | 8 | 250 | 100 | 8 | 1.00x |"
    assert table.splitlines()[3] == "| OWASP m=19 MiB t=2 | 2 | 19 | 1 | 25 | 30 | 80 | 0.19x |"


def test_password_hashing_measures_the_cpu_of_every_thread_of_a_hash():
    lanes = password_hashing.Profile("four lanes", 1, 8 * 1024, 4)

    cpu, wall = password_hashing.measure(lanes, repeat=1)

    assert cpu > 0
    assert wall > 0


def test_soak_faults_come_in_turn_and_the_last_leaves_time_to_recover():
    plan = soak.schedule(duration=600, every=40, first=15)

    assert [kind for _, kind in plan[:5]] == [
        "worker",
        "postgres",
        "redis",
        "postgres-quiet",
        "worker",
    ]
    assert plan[1][0] == 55
    assert plan[-1][0] + 40 <= 600
    assert soak.schedule(duration=30, every=40, first=10) == [(10, "worker")]
