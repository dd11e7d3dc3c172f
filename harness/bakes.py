"""Baking the template outside pytest (the tests bake with pytest-cookies' fixture), and what
a bake's post-generation hook wrote for it.

Plain Python, no pytest: the benchmarks import it.
"""

from pathlib import Path

from cookiecutter.main import cookiecutter

from harness.paths import TEMPLATE


def bake(output: Path, **answers: object) -> Path:
    """The template baked into `output` with `answers` (the defaults for the rest, whatever the
    user's cookiecutter configuration says); the project's directory."""
    return Path(
        cookiecutter(
            str(TEMPLATE),
            no_input=True,
            output_dir=str(output),
            extra_context=answers,
            default_config=True,
        )
    )


def dotenv(project: Path) -> dict[str, str]:
    """The variables the bake's .env sets (its fresh secrets): `NAME=value` lines, comments
    and blank lines skipped."""
    variables = {}
    for line in (project / ".env").read_text().splitlines():
        name, equals, value = line.partition("=")
        if equals and not name.startswith("#"):
            variables[name.strip()] = value.strip()
    return variables
