"""The Jinja filters that put free text into generated Python and TOML."""

import ast
import subprocess
import tomllib

import pytest
from jinja2 import Environment

from bakery import project_environment
from local_extensions import python_string, toml_string

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


def render(text: str, extension) -> str:
    """`text` through one filter, the way cookiecutter renders a template."""
    # simple_filter turns each function into a Jinja extension that registers it under its name.
    environment = Environment(extensions=[extension])
    return environment.from_string(f"{{{{ value | {extension.__name__} }}}}").render(value=text)


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
