"""The newest releases that a bake's ranges allow still pass its CI, so a release that breaks the
bakes shows here before a user meets it.

uv.lock keeps every bake on the versions this template tested; a user who installs with pip, as
the README's pip commands do, gets the newest releases instead, and so does `uv lock --upgrade`.
Here the bake with every optional dependency is installed just so, on the newest Python (Django
6), and runs the commands of its CI workflow, the fuzz suite included. When this fails, cap the
range in the project's pyproject.toml with a comment naming the defect, and add a test here that
fails once the cap can go, like the one for pytest's.
"""

import json
import shutil
import subprocess

import pytest

from bakery import option_set
from harness.commands import run
from harness.environments import fresh_environment
from harness.pythons import find_python
from harness.readme import readme_pip_commands
from harness.services import require
from harness.workflow import AUDIT, run_audit, workflow_commands, workflow_job

NEWEST_SET = "EdDSA-cookie-stateless-postgresql"


def newest_python() -> str:
    python = find_python(minimum=(3, 12))
    require(
        python is not None,
        "no Python 3.12 or newer found (python3.12, python3.13, ... on PATH, or under pyenv): "
        "Django 6 needs one. Install it, e.g. `pyenv install 3.13`, to run this test",
    )
    return python


def python3_as(python: str, directory) -> str:
    """A PATH entry where `python3` is `python`: the README's `python3`, on the Python wanted."""
    directory.mkdir()
    (directory / "python3").symlink_to(python)
    return str(directory)


@pytest.mark.slow
@pytest.mark.parametrize("answers", [option_set(NEWEST_SET)], indirect=True)
def test_newest_releases_pass_the_workflow_installed_as_the_readme_says(
    project, uv_tools, postgres_database, tmp_path
):
    python = newest_python()
    checkout = shutil.copytree(
        project, tmp_path / "checkout", ignore=shutil.ignore_patterns(".env", "__pycache__")
    )
    job = workflow_job(checkout)
    environment = fresh_environment(
        uv_tools, **(job["env"] | {"DATABASE_URL": postgres_database()})
    )
    environment["PATH"] = f"{python3_as(python, tmp_path / 'bin')}:{environment['PATH']}"
    install, *commands = workflow_commands(checkout)
    assert install.startswith("uv sync"), install
    assert all("uv run " in command or AUDIT in command for command in commands), commands

    run(["bash", "-e", "-c", readme_pip_commands(checkout)], checkout, environment, timeout=900)
    # What the README's `. .venv/bin/activate` does for the commands after it.
    venv = checkout / ".venv"
    environment |= {"VIRTUAL_ENV": str(venv), "PATH": f"{venv / 'bin'}:{environment['PATH']}"}
    listing = run(["python", "-m", "pip", "list", "--format", "json"], checkout, environment)
    versions = {package["name"]: package["version"] for package in json.loads(listing.stdout)}
    print("newest releases:", *(f"{name} {version}" for name, version in versions.items()))
    for command in commands:
        if AUDIT in command:
            run_audit(command, checkout, environment)
        else:
            run(["bash", "-e", "-c", command.replace("uv run ", "")], checkout, environment, 900)

    assert int(versions["Django"].split(".")[0]) >= 6


@pytest.mark.slow
@pytest.mark.parametrize("answers", [option_set("default")], indirect=True)
def test_pytest_cap_is_still_needed_for_schemathesis(project, uv_tools, tmp_path):
    """The project's pyproject.toml keeps pytest below 9.2, under which schemathesis's pytest
    plugin fails. When the newest schemathesis works with the newest pytest, this test fails:
    lift the cap then."""
    checkout = shutil.copytree(
        project, tmp_path / "checkout", ignore=shutil.ignore_patterns(".env", "__pycache__")
    )
    environment = fresh_environment(uv_tools)
    venv = tmp_path / "venv"
    (tmp_path / "overrides.txt").write_text("pytest>=9.2\n")
    run(["uv", "venv", "--quiet", "--python", newest_python(), str(venv)], checkout, environment)
    run(
        ["uv", "pip", "install", "--quiet", "--python", str(venv), "-r", "pyproject.toml",
         "--group", "dev", "--override", str(tmp_path / "overrides.txt")],
        checkout,
        environment,
    )  # fmt: skip

    fuzz = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pytest", "-m", "fuzz", "-p", "no:cacheprovider"],
        cwd=checkout,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert fuzz.returncode != 0, (
        "the fuzz suite passes with the newest pytest and schemathesis: lift the cap "
        "`pytest<9.2` in the project's pyproject.toml (and this test)\n" + fuzz.stdout[-2000:]
    )
    assert "'Function' object has no attribute '_nodeid'" in fuzz.stdout, fuzz.stdout[-4000:]
