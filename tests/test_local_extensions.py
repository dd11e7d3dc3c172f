"""The Jinja filters: free text into generated Python and TOML, and the shared predicates."""

import ast
import subprocess
import tomllib

import pytest
from jinja2 import Environment

from harness.environments import project_environment
from local_extensions import (
    Filters,
    asymmetric,
    decisions,
    distribution_name,
    hmac_key_bytes,
    python_string,
    toml_string,
)

TEXTS = [
    "Subscribers API",
    "",
    "it's",
    'say "hi"',
    "both ' and \" quotes",
    "\"\"\" and '''",
    "back\\slash\\",
    "tab\tnew\nline\r",
    "ünïcødé ☃ 𝄞",
    "{{ not jinja }} {% nor this %}",
]


def render(text: str, function) -> str:
    """`text` through one filter, the way cookiecutter renders a template."""
    environment = Environment(extensions=[Filters])
    return environment.from_string(f"{{{{ value | {function.__name__} }}}}").render(value=text)


@pytest.mark.parametrize("text", TEXTS)
def test_python_string_reads_back_as_the_same_text(text):
    assert ast.literal_eval(render(text, python_string)) == text


@pytest.mark.parametrize("text", TEXTS)
def test_toml_string_reads_back_as_the_same_text(text):
    assert tomllib.loads(f"value = {render(text, toml_string)}")["value"] == text


def test_python_strings_are_quoted_as_ruff_format_quotes_them(tmp_path):
    source = "".join(
        f"VALUE_{n} = {render(text, python_string)}\n" for n, text in enumerate(TEXTS)
    )
    (tmp_path / "literals.py").write_text(source, encoding="utf-8")

    result = subprocess.run(
        ["ruff", "format", "--check", "--diff", "--no-cache", "--isolated", "literals.py"],
        cwd=tmp_path,
        env=project_environment(),
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("algorithm", "expected"),
    [("HS256", False), ("HS512", False), ("RS256", True), ("PS384", True), ("ES512", True),
     ("EdDSA", True)],
)  # fmt: skip
def test_asymmetric_is_a_filter_templates_can_test(algorithm, expected):
    template = "{{ 'yes' if algorithm | asymmetric else 'no' }}"
    rendered = Environment(extensions=[Filters]).from_string(template).render(algorithm=algorithm)

    assert asymmetric(algorithm) is expected
    assert rendered == ("yes" if expected else "no")


@pytest.mark.parametrize(("algorithm", "size"), [("HS256", 32), ("HS384", 48), ("HS512", 64)])
def test_hmac_key_bytes_is_the_hash_length(algorithm, size):
    assert hmac_key_bytes(algorithm) == size


def test_hmac_key_bytes_refuses_a_public_key_algorithm():
    with pytest.raises(ValueError, match="RS256 is not an HMAC algorithm"):
        hmac_key_bytes("RS256")


@pytest.mark.parametrize(
    ("slug", "name"),
    [("subscribers_api", "subscribers-api"), ("my__api", "my-api"), ("api_", "api"),
     ("api2", "api2")],
)  # fmt: skip
def test_distribution_name_is_the_slug_as_pep_503_normalizes_it(slug, name):
    assert distribution_name(slug) == name


ANSWERS = {
    "jwt_algorithm": "HS256",
    "rotate_refresh_tokens": True,
    "blacklist_after_rotation": True,
    "stateless_auth": False,
    "token_transport": "header",
    "login_field": "username",
    "database": "sqlite",
    "registration": False,
    "second_factor": "none",
    "docker": True,
    "auth_header_type": "Bearer",
}


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({}, {"detects_reuse", "header_logout", "rotation", "blacklist", "docker", "bearer"}),
        (
            {"token_transport": "cookie", "rotate_refresh_tokens": False},
            {"cookie", "blacklist", "docker", "bearer"},
        ),
        (
            {"jwt_algorithm": "ES256", "login_field": "email", "database": "postgresql"},
            {"asymmetric", "stateless_class", "email_login", "postgresql", "bearer"}
            | {"detects_reuse", "header_logout", "rotation", "blacklist", "docker"},
        ),
        (
            {"stateless_auth": True, "registration": True, "blacklist_after_rotation": False},
            {"stateless", "stateless_class", "registration", "rotation", "docker", "bearer"},
        ),
        (
            {"second_factor": "totp", "token_transport": "cookie"},
            {"totp", "cookie", "detects_reuse", "rotation", "blacklist", "docker", "bearer"},
        ),
        (
            {"jwt_algorithm": "PS384", "auth_header_type": "JWT"},
            {"asymmetric", "rsa", "stateless_class"}
            | {"detects_reuse", "header_logout", "rotation", "blacklist", "docker"},
        ),
    ],
)
def test_decisions_name_what_the_answers_decide(answers, expected):
    made = decisions({**ANSWERS, **answers})

    assert {name for name, taken in made.items() if taken} == expected


@pytest.mark.parametrize(
    "name", ["detects_reuse", "cookie", "header_logout", "email_login", "totp"]
)
def test_templates_test_a_decision_by_the_name_the_hook_reads(name):
    answers = {**ANSWERS, "token_transport": "cookie", "login_field": "email"}
    environment = Environment(extensions=[Filters])

    rendered = environment.from_string(f"{{{{ answers | {name} }}}}").render(answers=answers)

    assert rendered == str(decisions(answers)[name])
