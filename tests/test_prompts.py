"""Bad answers are refused with one clear line and leave nothing behind; odd text bakes safely."""

import ast
import subprocess
import sys
import tomllib

import pytest
from cookiecutter.exceptions import FailedHookException
from packaging.utils import canonicalize_name

from harness.commands import run
from harness.environments import project_environment
from harness.paths import TEMPLATE
from harness.readme import fenced_blocks, transcript_matches

BAD_ANSWERS = [
    ("project_name", "   "),
    ("project_name", "two\nlines"),
    ("project_slug", "My-API"),
    ("project_slug", "1api"),
    ("project_slug", "api!"),
    ("project_slug", "class"),
    ("project_slug", "django"),
    ("project_slug", "rest_framework"),
    ("project_slug", "config"),
    ("project_slug", "test"),
    ("project_slug", "json"),
    ("project_slug", "a" * 51),
    ("description", ""),
    ("author_name", ""),
    ("author_email", "not-an-email"),
    ("author_email", "two@at@example.com"),
    ("access_token_lifetime_minutes", "0"),
    ("access_token_lifetime_minutes", "-5"),
    ("access_token_lifetime_minutes", "five"),
    ("access_token_lifetime_minutes", "1.5"),
    ("access_token_lifetime_minutes", "\u0665"),  # ARABIC-INDIC DIGIT FIVE
    ("access_token_lifetime_minutes", "1441"),
    ("refresh_token_lifetime_days", "0"),
    ("refresh_token_lifetime_days", "366"),
    ("refresh_token_lifetime_days", ""),
]
BAD_ANSWER_SETS = [
    pytest.param({key: value}, key, id=f"{key}={value!r}") for key, value in BAD_ANSWERS
] + [
    pytest.param(
        {"access_token_lifetime_minutes": "1440", "refresh_token_lifetime_days": "1"},
        "access_token_lifetime_minutes",
        id="access-token-outlives-refresh-token",
    ),
    pytest.param(
        {"second_factor": "totp", "blacklist_after_rotation": False},
        "second_factor",
        id="second-factor-without-sessions",
    ),
]


@pytest.mark.parametrize(("answers", "key"), BAD_ANSWER_SETS)
def test_bad_answer_is_refused_naming_its_key(cookies, capfd, tmp_path, answers, key):
    # A valid slug of its own, so that a bad name is judged by itself and not by its slug.
    result = cookies.bake(extra_context={"project_slug": "refused_api", **answers})

    assert isinstance(result.exception, FailedHookException)
    assert result.project_path is None
    errors = [line for line in capfd.readouterr().err.splitlines() if line.startswith("ERROR:")]
    assert len(errors) == 1
    assert errors[0].startswith(f"ERROR: {key} ")
    # pytest-cookies bakes under tmp_path/cookies: not one file may be left there.
    assert [path for path in (tmp_path / "cookies").rglob("*") if path.is_file()] == []


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("jwt_algorithm", "none"),
        ("jwt_algorithm", "ES256K"),
        ("auth_header_type", "Token"),
        ("database", "mysql"),
        ("token_transport", "localStorage"),
        ("login_field", "phone"),
        ("rotate_refresh_tokens", "maybe"),
        ("blacklist_after_rotation", "2"),
        ("registration", "perhaps"),
        ("second_factor", "sms"),
        ("docker", "maybe"),
    ],
)
def test_answer_cookiecutter_cannot_read_is_refused_naming_its_key(cookies, key, value):
    # Cookiecutter itself refuses these before any hook runs: a value outside a choice, or one
    # that is not yes/no for a boolean.
    result = cookies.bake(extra_context={key: value})

    assert result.project_path is None
    assert isinstance(result.exception, ValueError)
    assert str(result.exception).startswith(f"{value} provided for ")
    assert f" variable {key}" in str(result.exception)


def test_refusal_on_the_command_line_prints_what_the_readme_shows_and_leaves_no_directory(
    tmp_path,
):
    (transcript,) = [
        text
        for language, text in fenced_blocks((TEMPLATE / "README.md").read_text())
        if language == "console" and "project_slug=json" in text
    ]
    command, expected = transcript.split("\n", 1)
    assert command == "$ cookiecutter --no-input <template> project_slug=json"

    result = subprocess.run(
        [sys.executable, "-m", "cookiecutter", "--no-input", "--output-dir", str(tmp_path),
         str(TEMPLATE), "project_slug=json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=project_environment(),
        check=False,
    )  # fmt: skip

    assert result.returncode == 1
    assert transcript_matches(expected, result.stdout), result.stdout
    assert list(tmp_path.iterdir()) == []


def test_a_bake_on_the_command_line_prints_the_next_steps_and_nothing_else(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "cookiecutter", "--no-input", "--output-dir", str(tmp_path),
         str(TEMPLATE)],
        capture_output=True,
        text=True,
        env=project_environment(),
        check=True,
    )  # fmt: skip

    assert result.stdout == (
        "Next steps:\n"
        f"  cd {tmp_path / 'subscribers_api'}\n"
        "  uv run pytest\n"
        "  uv run python manage.py migrate && uv run python manage.py runserver\n"
        # The default bake has the container files, and their secrets.
        "compose.yaml's secrets are the files of deploy/secrets/, apart from .env: keep them out"
        " of sight and copies (docs/containers.md).\n"
    )
    assert result.stderr == ""


def test_a_mistyped_key_is_dropped_before_any_hook_as_the_readme_says(cookies):
    # Cookiecutter keeps only the keys cookiecutter.json names (generate.py,
    # apply_overwrites_to_context): no hook sees the others, so none can refuse them.
    assert "`databse=postgresql`" in (TEMPLATE / "README.md").read_text()

    result = cookies.bake(extra_context={"databse": "postgresql"})

    assert result.exit_code == 0
    assert "databse" not in result.context
    assert result.context["database"] == "sqlite"


HOSTILE_TEXT = {
    "project_name": 'Zoë\'s "Quoted" API \\ """ ',
    "project_slug": "hostile_api",
    "description": 'It\'s a "test" with \\backslashes\\, """triple""" quotes, ünïcödé & <html>',
    "author_name": 'O\'Brien "Bob" \\ Ünal',
    "author_email": "o'brien+test@exämple.com",
}


@pytest.fixture(scope="module")
def hostile_project(cookies_session):
    result = cookies_session.bake(extra_context=HOSTILE_TEXT)
    assert result.exception is None, result.exception
    return result.project_path


def test_hostile_text_bakes_into_valid_python(hostile_project):
    for path in hostile_project.rglob("*.py"):
        ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_hostile_text_survives_unchanged_in_toml_and_python(hostile_project):
    project = tomllib.loads((hostile_project / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["description"] == HOSTILE_TEXT["description"]
    assert project["project"]["authors"] == [
        {"name": HOSTILE_TEXT["author_name"], "email": HOSTILE_TEXT["author_email"]}
    ]

    # The API docs' title and description (config/settings/components/docs.py reads them).
    components = (hostile_project / "config/settings/components/__init__.py").read_text(
        encoding="utf-8"
    )
    settings = {
        node.targets[0].id: ast.literal_eval(node.value)
        for node in ast.parse(components).body
        if isinstance(node, ast.Assign)
        and getattr(node.targets[0], "id", None) in ("TITLE", "DESCRIPTION")
    }
    assert settings["TITLE"] == HOSTILE_TEXT["project_name"]
    assert settings["DESCRIPTION"] == HOSTILE_TEXT["description"]


def test_hostile_text_bake_is_clean_and_serves_a_valid_schema(hostile_project):
    run(["ruff", "check", "--no-cache", "."], hostile_project)
    run(["ruff", "format", "--check", "--no-cache", "."], hostile_project)
    run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_schema.py"],
        hostile_project,
    )


@pytest.mark.parametrize("slug", ["api_", "my__api", "a_b_"])
def test_any_valid_slug_names_a_valid_distribution(cookies, slug):
    result = cookies.bake(extra_context={"project_slug": slug})
    assert result.exception is None, result.exception
    name = tomllib.loads((result.project_path / "pyproject.toml").read_text())["project"]["name"]

    # PEP 508 names start and end with a letter or digit; uv.lock writes them normalized.
    assert name == canonicalize_name(name, validate=True)
