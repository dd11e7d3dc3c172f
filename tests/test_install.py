"""A baked project installs as its README says, in a fresh virtual environment, and passes its
checks there with the newest Python and Django 6 (the other tests run Django 5.2 LTS).
"""

import shutil

import pytest

from bakery import assert_suite_passed, find_python, project_environment, require, run


@pytest.mark.slow
def test_fresh_install_on_the_newest_python_runs_django_6_and_passes(bake, tmp_path):
    python = find_python(minimum=(3, 12))
    require(
        python is not None,
        "no Python 3.12 or newer found (python3.12, python3.13, ... on PATH, or under pyenv): "
        "Django 6 needs one. Install it, e.g. `pyenv install 3.13`, to run this test",
    )
    project = tmp_path / "project"
    shutil.copytree(bake(), project)
    venv = tmp_path / "venv"
    run([python, "-m", "venv", str(venv)], project)
    environment = project_environment(VIRTUAL_ENV=str(venv))
    environment["PATH"] = f"{venv / 'bin'}:{environment['PATH']}"
    in_venv = {"cwd": project, "environment": environment}

    run(["python", "-m", "pip", "install", "-q", "-e", ".[dev]"], **in_venv, timeout=900)

    versions = run(
        ["python", "-c", "import django, sys; print(django.VERSION[0], sys.version_info[1])"],
        **in_venv,
    ).stdout.split()
    assert int(versions[0]) >= 6, f"pip installed Django {versions[0]} on Python 3.{versions[1]}"
    run(["ruff", "check", "--no-cache", "."], **in_venv)
    run(["python", "manage.py", "check"], **in_venv)
    result = run(["python", "-m", "pytest", "-q", "-p", "no:cacheprovider"], **in_venv)
    assert_suite_passed(result.stdout)
