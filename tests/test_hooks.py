"""The hooks' functions, tested directly: rendered as cookiecutter renders them, then imported."""

import importlib.util
import itertools
import json
import stat
from pathlib import Path
from types import ModuleType

import pytest
from cookiecutter.environment import StrictEnvironment

from harness.paths import TEMPLATE
from local_extensions import decisions

DEFAULT_ANSWERS = {
    key: value
    for key, value in json.loads((TEMPLATE / "cookiecutter.json").read_text()).items()
    if not key.startswith("_")
}
DEFAULT_ANSWERS |= {
    key: value[0] for key, value in DEFAULT_ANSWERS.items() if isinstance(value, list)
}
DEFAULT_ANSWERS["project_slug"] = "subscribers_api"
ALGORITHMS = json.loads((TEMPLATE / "cookiecutter.json").read_text())["jwt_algorithm"]
EXTENSIONS = json.loads((TEMPLATE / "cookiecutter.json").read_text())["_extensions"]


def load_hook(name: str, tmp_path: Path, answers: dict) -> ModuleType:
    source = (TEMPLATE / "hooks" / f"{name}.py").read_text()
    # The template's own filters, loaded as cookiecutter loads them (cookiecutter.json's
    # `_extensions`).
    environment = StrictEnvironment(context={"cookiecutter": {"_extensions": EXTENSIONS}})
    rendered = environment.from_string(source).render(cookiecutter=answers)
    path = tmp_path / f"{name}.py"
    path.write_text(rendered)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def pre_gen(tmp_path) -> ModuleType:
    return load_hook("pre_gen_project", tmp_path, DEFAULT_ANSWERS)


@pytest.fixture
def post_gen(tmp_path) -> ModuleType:
    return load_hook("post_gen_project", tmp_path, DEFAULT_ANSWERS)


def test_hooks_read_the_answers_as_data(tmp_path):
    answers = {**DEFAULT_ANSWERS, "description": 'r"""\\"; import os; os.exit(3) #'}

    for hook in ("pre_gen_project", "post_gen_project"):
        loaded = load_hook(hook, tmp_path, answers)
        assert answers == loaded.ANSWERS


def test_default_answers_pass_every_validator(pre_gen, capsys):
    assert pre_gen.main(DEFAULT_ANSWERS) == 0
    assert capsys.readouterr().err == ""


def test_first_failure_is_reported_on_one_line(pre_gen, capsys):
    answers = {**DEFAULT_ANSWERS, "project_slug": "json", "refresh_token_lifetime_days": "0"}

    assert pre_gen.main(answers) == 1
    assert capsys.readouterr().err == (
        "ERROR: project_slug 'json' would shadow the module of that name: choose another\n"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [(5, 5), ("5", 5), ("1440", 1440), ("05", 5), (0, None), (-1, None), ("0", None),
     ("00", None), ("5.0", None), (" 5", None), ("", None), ("\u0665", None), (True, None),
     (None, None), (2.0, None)],
)  # fmt: skip
def test_whole_number(pre_gen, value, expected):
    assert pre_gen._whole_number(value) == expected


@pytest.mark.parametrize(
    ("access_minutes", "refresh_days", "accepted"),
    [(1439, 1, True), (1440, 1, False), (1440, 2, True), (60, 30, True)],
)
def test_access_tokens_must_expire_before_refresh_tokens(
    pre_gen, access_minutes, refresh_days, accepted
):
    answers = {
        **DEFAULT_ANSWERS,
        "access_token_lifetime_minutes": access_minutes,
        "refresh_token_lifetime_days": refresh_days,
    }
    if accepted:
        pre_gen.validate_lifetimes(answers)
    else:
        with pytest.raises(ValueError, match=r"^access_token_lifetime_minutes must be shorter"):
            pre_gen.validate_lifetimes(answers)


@pytest.mark.parametrize("slug", [42, None, ["api"]])
def test_slug_that_is_not_text_is_refused(pre_gen, slug):
    with pytest.raises(ValueError, match=r"^project_slug must be a lowercase Python identifier"):
        pre_gen.validate_project_slug({**DEFAULT_ANSWERS, "project_slug": slug})


@pytest.mark.parametrize(
    "off", [{"rotate_refresh_tokens": False}, {"blacklist_after_rotation": False}]
)
def test_second_factor_without_rotation_and_blacklist_is_refused(pre_gen, off):
    answers = {**DEFAULT_ANSWERS, "second_factor": "totp", **off}

    with pytest.raises(ValueError, match=r"^second_factor 'totp' needs rotate_refresh_tokens"):
        pre_gen.validate_second_factor(answers)


def test_second_factor_with_rotation_and_blacklist_is_accepted(pre_gen):
    pre_gen.validate_second_factor({**DEFAULT_ANSWERS, "second_factor": "totp"})


BOOLEAN_KEYS = [
    "rotate_refresh_tokens",
    "blacklist_after_rotation",
    "stateless_auth",
    "registration",
    "docker",
]


@pytest.mark.parametrize("key", BOOLEAN_KEYS)
@pytest.mark.parametrize("value", [True, False])
def test_booleans_accept_true_and_false(pre_gen, key, value):
    pre_gen.validate_booleans({**DEFAULT_ANSWERS, key: value})


@pytest.mark.parametrize("key", BOOLEAN_KEYS)
@pytest.mark.parametrize("value", ["yes", "true", 1, None])
def test_booleans_refuse_anything_else(pre_gen, key, value):
    with pytest.raises(ValueError, match=rf"^{key} must be true or false"):
        pre_gen.validate_booleans({**DEFAULT_ANSWERS, key: value})


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("jwt_algorithm", "none"),
        ("auth_header_type", "bearer"),
        ("login_field", "Email"),
        ("database", "mysql"),
    ],
)
def test_choices_refuse_values_outside_them(pre_gen, key, value):
    with pytest.raises(ValueError, match=f"^{key} must be one of "):
        pre_gen.validate_choices({**DEFAULT_ANSWERS, key: value})


def test_dotenv_replaces_only_the_secrets_and_keeps_everything_else(post_gen):
    example = "# JWT_SIGNING_KEY=commented-out\nDJANGO_SECRET_KEY=change-me\nOTHER=kept\n"

    dotenv = post_gen.dotenv_from_example(example)

    lines = dotenv.splitlines()
    assert lines[0].startswith("# Written with fresh secrets")
    assert lines[1] == "# JWT_SIGNING_KEY=commented-out"
    assert lines[2].startswith("DJANGO_SECRET_KEY=")
    assert len(lines[2]) > len("DJANGO_SECRET_KEY=") + 50
    assert lines[3] == "OTHER=kept"


def test_every_dotenv_gets_its_own_secrets(post_gen):
    example = (
        "DJANGO_SECRET_KEY=change-me\nJWT_SIGNING_KEY=change-me\nPOSTGRES_PASSWORD=change-me\n"
    )

    values = [
        line.split("=", 1)[1]
        for _ in range(20)
        for line in post_gen.dotenv_from_example(example).splitlines()[1:]
    ]

    assert len(set(values)) == 60
    # No character that django-environ would read as a variable reference or a comment.
    assert all(value.replace("-", "").replace("_", "").isalnum() for value in values)


def test_dotenv_is_readable_by_its_owner_only(post_gen, tmp_path):
    (tmp_path / ".env.example").write_text("JWT_SIGNING_KEY=change-me\n")

    post_gen.write_dotenv(tmp_path)

    assert stat.S_IMODE((tmp_path / ".env").stat().st_mode) == 0o600


def test_compose_secrets_are_files_of_fresh_values_in_a_directory_of_their_owner(
    post_gen, tmp_path
):
    chosen = decisions(DEFAULT_ANSWERS | {"database": "postgresql", "docker": True})
    projects = [tmp_path / "one", tmp_path / "two"]

    for project in projects:
        post_gen.write_secret_files(project, chosen)

    directory = projects[0] / "deploy" / "secrets"
    names = {path.name for path in directory.iterdir()}
    assert names == {
        "django-secret-key",
        "jwt-signing-key",
        "postgres-password",
        "database-password",
        "metrics-token",
    }
    # Nobody else on the host reaches them; the containers' users read them once mounted.
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    assert {stat.S_IMODE((directory / name).stat().st_mode) for name in names} == {0o644}
    values = [
        (project / "deploy" / "secrets" / name).read_text()
        for project in projects
        for name in names
    ]
    assert len(set(values)) == 2 * len(names)  # fresh for each file of each project
    # The whole file is the value: no line break, nothing django-environ or a URL would misread.
    assert all(len(value) >= 43 for value in values)
    assert all(value.replace("-", "").replace("_", "").isalnum() for value in values)


def test_compose_secrets_follow_the_answers(post_gen, tmp_path):
    def written(**answers) -> set[str]:
        project = tmp_path / str(len(list(tmp_path.iterdir())))
        post_gen.write_secret_files(project, decisions(DEFAULT_ANSWERS | answers))
        secrets = project / "deploy" / "secrets"
        return {path.name for path in secrets.iterdir()} if secrets.exists() else set()

    # A public-key bake signs with keys/signing.pem; SQLite has no passwords; no compose, none.
    assert written(jwt_algorithm="ES256", docker=True) == {"django-secret-key", "metrics-token"}
    assert written(docker=True) == {"django-secret-key", "jwt-signing-key", "metrics-token"}
    assert written(docker=False, database="postgresql") == set()


def test_next_steps_are_the_directory_and_the_two_commands(post_gen, tmp_path):
    project = tmp_path / "my projects" / "subscribers_api"

    assert post_gen.next_steps(project, database="sqlite", uv=True, registration=False) == (
        "Next steps:\n"
        f"  cd '{project}'\n"
        "  uv run pytest\n"
        "  uv run python manage.py migrate && uv run python manage.py runserver\n"
    )


def test_next_steps_of_a_postgresql_bake_create_its_database_first(post_gen, tmp_path):
    project = tmp_path / "subscribers_api"

    assert post_gen.next_steps(project, database="postgresql", uv=True, registration=False) == (
        "Next steps:\n"
        f"  cd {project}\n"
        "  uv run pytest\n"
        "  createdb -h 127.0.0.1 -U postgres subscribers_api   # the database .env names\n"
        "  uv run python manage.py migrate && uv run python manage.py runserver\n"
    )


def test_next_steps_of_a_registration_bake_start_its_mail_worker_too(post_gen, tmp_path):
    project = tmp_path / "subscribers_api"

    assert post_gen.next_steps(project, database="sqlite", uv=True, registration=True) == (
        "Next steps:\n"
        f"  cd {project}\n"
        "  uv run pytest\n"
        "  uv run python manage.py migrate && uv run python manage.py runserver\n"
        "  uv run python manage.py db_worker   # in another terminal: it sends the mails\n"
    )


def test_next_steps_without_uv_are_pips(post_gen, tmp_path):
    project = tmp_path / "subscribers_api"

    assert post_gen.next_steps(project, database="sqlite", uv=False, registration=False) == (
        "Next steps (uv installs the tested versions of uv.lock: https://docs.astral.sh/uv/;"
        " without it, pip 25.1 or newer):\n"
        f"  cd {project}\n"
        "  python3 -m venv .venv && . .venv/bin/activate\n"
        "  python -m pip install --upgrade pip && python -m pip install -e . --group dev\n"
        "  pytest\n"
        "  python manage.py migrate && python manage.py runserver\n"
    )


def test_every_optional_path_is_in_the_template(post_gen):
    template = TEMPLATE / "{{cookiecutter.project_slug}}"
    missing = [
        pattern
        for pattern in post_gen.OPTIONAL_PATHS
        if not (template / pattern.format(slug="{{cookiecutter.project_slug}}")).exists()
    ]
    assert missing == []


def test_hook_reads_the_decisions_the_templates_make(tmp_path):
    answers = {**DEFAULT_ANSWERS, "jwt_algorithm": "EdDSA", "token_transport": "cookie"}

    hook = load_hook("post_gen_project", tmp_path, answers)

    assert decisions(answers) == hook.DECISIONS
    assert hook.DECISIONS["asymmetric"]
    assert hook.DECISIONS["cookie"]


def test_every_rule_names_known_decisions_only(post_gen):
    for choice in post_gen.OPTIONAL_PATHS.values():
        rule = choice[0] if isinstance(choice, tuple) else choice
        post_gen.holds(rule, decisions(DEFAULT_ANSWERS))  # KeyError for an unknown name
    for rule, _ in post_gen.SECRET_FILES.values():
        post_gen.holds(rule, decisions(DEFAULT_ANSWERS))


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("cookie", False),
        ("not cookie", True),
        ("rotation and blacklist", True),
        ("rotation and not blacklist", False),
        ("asymmetric or cookie", False),
        ("asymmetric or rotation", True),
    ],
)
def test_rules_combine_decisions(post_gen, rule, expected):
    assert post_gen.holds(rule, decisions(DEFAULT_ANSWERS)) is expected


def every_bake() -> list[dict]:
    """Answers for every combination of the choices the hook's rules depend on."""
    choices = {
        "jwt_algorithm": ["HS256", "EdDSA"],
        "rotate_refresh_tokens": [True, False],
        "blacklist_after_rotation": [True, False],
        "stateless_auth": [True, False],
        "token_transport": ["header", "cookie"],
        "login_field": ["username", "email"],
        "database": ["sqlite", "postgresql"],
        "registration": [True, False],
        "second_factor": ["none", "totp", "totp_and_passkeys"],
    }
    return [
        {**DEFAULT_ANSWERS, **dict(zip(choices, values, strict=True))}
        for values in itertools.product(*choices.values())
    ]


def test_no_bake_gets_two_versions_of_one_module_and_each_version_is_used(post_gen):
    versions: dict[str, list[str]] = {}
    for choice in post_gen.OPTIONAL_PATHS.values():
        if isinstance(choice, tuple):
            versions.setdefault(choice[1], []).append(choice[0])
    used = set()
    for answers in every_bake():
        chosen = decisions(answers)
        for name, rules in versions.items():
            kept = [rule for rule in rules if post_gen.holds(rule, chosen)]
            assert len(kept) <= 1, (name, answers)
            used.update(kept)
    assert used == {rule for rules in versions.values() for rule in rules}


def test_a_typo_in_a_rule_fails_instead_of_dropping_a_file(post_gen):
    with pytest.raises(KeyError):
        post_gen.holds("cokie", decisions(DEFAULT_ANSWERS))


@pytest.mark.parametrize(
    "answers",
    [
        {},
        {"blacklist_after_rotation": False},
        {"rotate_refresh_tokens": False, "blacklist_after_rotation": False},
        {"token_transport": "cookie"},
        {"database": "postgresql"},
        {"stateless_auth": True},
        {"jwt_algorithm": "EdDSA"},
        {"docker": False},
        {"login_field": "email"},
        {"registration": True},
        {"registration": True, "login_field": "email", "token_transport": "cookie"},
        {"token_transport": "cookie", "blacklist_after_rotation": False},
        {"second_factor": "totp", "token_transport": "cookie", "stateless_auth": True},
        {"second_factor": "totp_and_passkeys"},
    ],
    ids=[
        "default",
        "no-blacklist",
        "neither",
        "cookie",
        "postgresql",
        "stateless",
        "EdDSA",
        "no-docker",
        "email-login",
        "registration",
        "registration-email-cookie",
        "cookie-no-blacklist",
        "totp-cookie-stateless",
        "passkeys-header",
    ],
)
def test_main_removes_exactly_the_paths_these_answers_do_not_keep(
    post_gen, tmp_path, answers, capsys
):
    answers = {**DEFAULT_ANSWERS, **answers}
    project = tmp_path / "project"
    chosen = decisions(answers)
    kept = {}
    for pattern, choice in post_gen.OPTIONAL_PATHS.items():
        rule, name = choice if isinstance(choice, tuple) else (choice, pattern)
        kept[pattern.format(slug="pkg")] = (
            name.format(slug="pkg") if post_gen.holds(rule, chosen) else None
        )
    paths = list(kept)
    for path in paths:
        # Folders and files alike are made as folders holding one file (some inside others).
        (project / path).mkdir(parents=True, exist_ok=True)
        (project / path / "module.py").touch()
    (project / ".env.example").write_text("JWT_SIGNING_KEY=change-me\n")

    post_gen.main({**answers, "project_slug": "pkg"}, chosen, project)

    everything = set(paths) | {name for name in kept.values() if name is not None}
    left = {path for path in everything if (project / path).exists()}
    assert left == {name for name in kept.values() if name is not None}
    assert left != set(paths)
    assert (project / ".env").is_file()
    # compose.yaml's secrets, and the next steps say where they are.
    assert (project / "deploy" / "secrets").is_dir() is chosen["docker"]
    assert ("deploy/secrets/" in capsys.readouterr().out) is chosen["docker"]
