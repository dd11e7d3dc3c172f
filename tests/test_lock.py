"""Every bake's uv.lock is current: `uv lock --locked` finds nothing to change in it.

A bake's uv.lock is templates/locks/<name> with the project's name rendered in; local_extensions'
lock_name picks the file. When a test here fails, a dependency in the project's pyproject.toml
changed without its locks: run `.venv/bin/python scripts/lock.py` and commit templates/locks/.
"""

import subprocess

import pytest
from uv import find_uv_bin

from bakery import OPTION_SETS, option_sets
from harness.environments import project_environment
from scripts.lock import LOCKS, answer_sets

STALE = "uv.lock is stale: run `.venv/bin/python scripts/lock.py` and commit templates/locks/"


def assert_lock_is_current(project) -> None:
    result = subprocess.run(
        [find_uv_bin(), "lock", "--locked"],
        cwd=project,
        env=project_environment(UV_PYTHON_DOWNLOADS="never"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"{STALE}\n{result.stderr}"


@pytest.mark.parametrize("answers", option_sets(OPTION_SETS), indirect=True)
def test_lock_of_each_option_set_is_current(project):
    assert_lock_is_current(project)


@pytest.mark.parametrize("answers", answer_sets().values(), ids=answer_sets())
def test_every_lock_file_is_current(cookies, answers):
    result = cookies.bake(extra_context=answers)
    assert result.exception is None, result.exception

    assert_lock_is_current(result.project_path)


def test_every_lock_file_is_one_some_answers_use():
    assert {path.name for path in LOCKS.iterdir()} == set(answer_sets())


def test_lock_names_the_project_as_its_pyproject_does(cookies):
    result = cookies.bake(extra_context={"project_slug": "my__api_"})
    assert result.exception is None, result.exception

    assert_lock_is_current(result.project_path)
    assert 'name = "my-api"\n' in (result.project_path / "uv.lock").read_text()
