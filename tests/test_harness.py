"""The harness (harness/ at the template's root) does what the tests and benchmarks rely on, and
keeps its direction: tests and benchmarks import it, it imports neither. Its servers have their
own module, test_serving.py."""

import ast
import http.server
import json
import smtplib
import socket
import sys
import threading
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from harness import client, services
from harness.answers import ALGORITHMS, ASYMMETRIC_ALGORITHMS, is_asymmetric
from harness.bakes import bake, dotenv
from harness.commands import assert_suite_passed, run
from harness.deployment import MAIL_VARIABLES, production_environment
from harness.environments import new_user_environment, project_environment
from harness.mail import smtp_server
from harness.paths import TEMPLATE
from harness.project_code import signing_key_pem
from harness.readme import fenced_blocks, readme_pip_commands, transcript_matches
from harness.workflow import run_audit, workflow_commands

HARNESS = TEMPLATE / "harness"
BENCHMARKS = TEMPLATE / "benchmarks"


def imported_modules(path: Path) -> set[str]:
    """The modules `path` imports, by their full dotted names."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_the_harness_imports_neither_the_tests_nor_the_benchmarks():
    tests = {"bakery", "conftest"} | {path.stem for path in (TEMPLATE / "tests").glob("test_*")}
    for path in HARNESS.glob("*.py"):
        tops = {name.partition(".")[0] for name in imported_modules(path)}
        assert not tops & (tests | {"benchmarks", "tests"}), path.name


def test_the_harness_modules_the_benchmarks_import_need_no_pytest():
    # The benchmarks run as scripts: what they import must load where pytest is not imported.
    used = {
        name
        for path in BENCHMARKS.glob("*.py")
        for name in imported_modules(path)
        if name.startswith("harness.") and (HARNESS / f"{name.split('.')[1]}.py").exists()
    }
    modules = sorted({".".join(name.split(".")[:2]) for name in used})
    assert "harness.serving" in modules
    probe = f"import sys, {', '.join(modules)}; print('pytest' in sys.modules)"

    result = run([sys.executable, "-c", probe], TEMPLATE)

    assert result.stdout.strip() == "False"


def test_the_tests_import_no_benchmark_but_those_that_test_one():
    for path in (TEMPLATE / "tests").glob("*.py"):
        if path.stem not in {"test_benchmark", "test_benchmarks"}:
            tops = {name.partition(".")[0] for name in imported_modules(path)}
            assert "benchmarks" not in tops, path.name


def test_algorithms_are_the_templates_choices_default_first():
    assert ALGORITHMS[0] == "HS256"
    assert "EdDSA" in ASYMMETRIC_ALGORITHMS
    assert not any(name.startswith("HS") for name in ASYMMETRIC_ALGORITHMS)
    assert not is_asymmetric({})
    assert is_asymmetric({"jwt_algorithm": "ES256"})


def test_signing_keys_come_from_the_projects_own_key_code():
    key = serialization.load_pem_private_key(signing_key_pem("ES256").encode(), password=None)

    assert isinstance(key, ec.EllipticCurvePrivateKey)
    assert key.curve.name == "secp256r1"


def test_a_bake_outside_pytest_gets_the_answers_and_its_own_secrets(tmp_path):
    first = bake(tmp_path / "first", project_slug="bench", docker=False)
    second = bake(tmp_path / "second")

    assert (first.name, second.name) == ("bench", "subscribers_api")
    assert not (first / "Dockerfile").exists()
    assert (second / "Dockerfile").exists()
    assert dotenv(first)["DJANGO_SECRET_KEY"] != dotenv(second)["DJANGO_SECRET_KEY"]


def test_dotenv_reads_assignments_and_skips_comments(tmp_path):
    (tmp_path / ".env").write_text("# A comment=not a variable\n\nDEBUG = true\nURL=a=b\n")

    assert dotenv(tmp_path) == {"DEBUG": "true", "URL": "a=b"}


def test_a_projects_environment_holds_nothing_of_this_test_run(monkeypatch):
    for name in ("PYTEST_XDIST_WORKER", "DJANGO_SETTINGS_MODULE", "COV_CORE_SOURCE"):
        monkeypatch.setenv(name, "from the test run")
    monkeypatch.setenv("DATABASE_URL", "sqlite:///test-run.sqlite3")

    environment = project_environment(DEBUG="1")

    assert not {"PYTEST_XDIST_WORKER", "DJANGO_SETTINGS_MODULE", "COV_CORE_SOURCE"} & set(
        environment
    )
    assert "DATABASE_URL" not in environment
    assert environment["PATH"].split(":")[0] == str(Path(sys.executable).parent)
    assert environment["DEBUG"] == "1"


def test_a_new_users_path_holds_uv_and_nothing_of_this_python(tmp_path):
    ours = Path(sys.prefix) / "bin"
    base = {
        "PATH": f"{ours}:/usr/bin",
        "VIRTUAL_ENV": sys.prefix,
        "PYTHONPATH": str(TEMPLATE),
        "UV_CACHE_DIR": "/somewhere",
        "HOME": "/home/user",
    }

    environment = new_user_environment(tmp_path, base, EXTRA="1")

    assert environment["PATH"] == f"{tmp_path}:/usr/bin"
    assert environment == {
        "PATH": f"{tmp_path}:/usr/bin",
        "HOME": "/home/user",
        "UV_PYTHON_DOWNLOADS": "never",
        "EXTRA": "1",
    }


@pytest.mark.parametrize(
    ("answers", "signing_key", "mail"),
    [({}, True, False), ({"jwt_algorithm": "EdDSA", "registration": True}, False, True)],
    ids=["HS256", "EdDSA-registration"],
)
def test_production_environment_holds_what_the_bakes_production_settings_need(
    answers, signing_key, mail
):
    environment = production_environment(answers, DATABASE_URL="sqlite:///db.sqlite3")

    assert environment["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    assert len(environment["DJANGO_SECRET_KEY"]) >= 50
    assert ("JWT_SIGNING_KEY" in environment) == signing_key
    assert (MAIL_VARIABLES.items() <= environment.items()) == mail
    assert environment["DATABASE_URL"] == "sqlite:///db.sqlite3"


def test_a_failing_command_fails_the_test_with_its_output(tmp_path):
    command = [sys.executable, "-c", "print('what went wrong'); raise SystemExit(2)"]

    with pytest.raises(
        pytest.fail.Exception, match=r"exited 2 in .*\n--- stdout\nwhat went wrong"
    ):
        run(command, tmp_path)
    assert run(command, tmp_path, check=False).returncode == 2


@pytest.mark.parametrize(
    ("closing", "passed"),
    [
        ("===== 60 passed in 3.10s =====", True),
        ("===== 49 passed in 3.10s =====", False),
        ("===== 59 passed, 1 skipped in 3.10s =====", False),
        ("===== 1 failed, 59 passed in 3.10s =====", False),
    ],
)
def test_a_bakes_suite_passed_only_in_full(closing, passed):
    output = f"tests/test_a.py ....\n{closing}\n"

    if passed:
        assert_suite_passed(output)
    else:
        with pytest.raises(AssertionError):
            assert_suite_passed(output)


def test_readme_blocks_are_read_with_their_language(tmp_path):
    (tmp_path / "README.md").write_text(
        "Install:\n\n```shell\npython3 -m venv .venv\npython -m pip install -e .\n```\n\n"
        "```bash\nuv run pytest\n```\n"
    )

    assert fenced_blocks((tmp_path / "README.md").read_text()) == [
        ("shell", "python3 -m venv .venv\npython -m pip install -e .\n"),
        ("bash", "uv run pytest\n"),
    ]
    assert readme_pip_commands(tmp_path) == "python3 -m venv .venv\npython -m pip install -e .\n"


def test_a_transcripts_dots_stand_for_any_text_and_the_rest_for_itself():
    assert transcript_matches("Created ...\nNext steps: ...", "Created /tmp/x\nNext steps: cd x")
    assert not transcript_matches("Created ...", "Removed /tmp/x")
    # Everything but the dots is literal, regular expression characters included.
    assert not transcript_matches("a.b (c)", "axb (c)")


def test_workflow_commands_are_the_test_jobs_run_steps_in_order(tmp_path):
    workflow = tmp_path / ".github" / "workflows" / "ci.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(
        "jobs:\n  test:\n    steps:\n      - uses: actions/checkout@v4\n"
        "      - run: uv sync --locked\n      - name: Lint\n        run: ruff check .\n"
    )

    assert workflow_commands(tmp_path) == ["uv sync --locked", "ruff check ."]


def test_an_audit_without_its_database_is_a_warning_and_a_finding_a_failure(tmp_path):
    unreachable = "echo 'Max retries exceeded with url: /pypi' >&2; exit 1"
    with pytest.warns(UserWarning, match="audited nothing.*Max retries exceeded"):
        run_audit(unreachable, tmp_path, project_environment())

    finding = "echo 'Found 1 known vulnerability in 1 package'; exit 1"
    with pytest.raises(pytest.fail.Exception, match="1 known vulnerability"):
        run_audit(finding, tmp_path, project_environment())


@pytest.mark.parametrize(("in_ci", "outcome"), [(False, "skip"), (True, "fail")])
def test_a_missing_need_skips_but_fails_in_ci(monkeypatch, in_ci, outcome):
    monkeypatch.setattr(services, "IN_CI", in_ci)
    services.require(True, "present")

    expected = pytest.skip.Exception if outcome == "skip" else pytest.fail.Exception
    with pytest.raises(expected, match="no redis"):
        services.require(False, "no redis")


def test_the_mailbox_keeps_what_it_is_sent():
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@example.com", "b@example.com", "Hi"
    message.set_content("Follow the link.")

    with smtp_server() as mailbox:
        with smtplib.SMTP("127.0.0.1", mailbox.port, timeout=10) as connection:
            connection.send_message(message)
        received = mailbox.next(timeout=10)

    assert received["Subject"] == "Hi"
    assert received.get_content().strip() == "Follow the link."


class Handler(http.server.BaseHTTPRequestHandler):
    """Answers with what the request carried (JSON), plain text, or a redirect, by path."""

    def do_POST(self) -> None:
        if self.path == "/text":
            self.answer(500, b"<h1>Server Error</h1>", "text/html")
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            received = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            echo = {"path": self.path, "authorization": self.headers["Authorization"]}
            self.answer(200, json.dumps(echo | {"body": received}).encode(), "application/json")

    def answer(self, status: int, content: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def echo_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_call_sends_json_and_the_token_and_reads_json(echo_server):
    answer = client.call("POST", f"{echo_server}/api/x/?page=2", {"a": 1}, "t0k", keyword="JWT")

    assert answer.status == 200
    assert answer.body == {"path": "/api/x/?page=2", "authorization": "JWT t0k", "body": {"a": 1}}


def test_call_gives_errors_and_redirects_as_answers(echo_server):
    error = client.call("POST", f"{echo_server}/text", {})
    moved = client.call("POST", f"{echo_server}/moved", {})

    assert (error.status, error.body) == (500, "<h1>Server Error</h1>")
    assert (moved.status, moved.headers["Location"]) == (302, "/elsewhere")


def test_call_fails_the_test_when_no_answer_comes(monkeypatch):
    monkeypatch.setattr(client, "HANG_LIMIT", 0.5)
    # Connections complete in the kernel's backlog; nobody ever reads or answers them.
    with socket.create_server(("127.0.0.1", 0)) as silent:
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/"
        with pytest.raises(pytest.fail.Exception, match=r"did not answer within 0\.5 s"):
            client.call("GET", url)


def test_call_refuses_an_answer_with_a_traceback(echo_server):
    with pytest.raises(AssertionError, match="Traceback"):
        client.call("POST", f"{echo_server}/echo", {"note": "Traceback (most recent call last)"})
