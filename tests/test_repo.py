"""The template repository's own code (hooks, extensions, these tests) is as clean as a bake's, and
its requirements keep no pin whose reason is gone."""

import re
import sys

import pytest

from harness.commands import run
from harness.environments import fresh_environment
from harness.paths import TEMPLATE

GROUPED_TESTS = """
import pytest


@pytest.mark.parametrize("n", range(8))
@pytest.mark.xdist_group("one")
def test_grouped(n):
    pass
"""


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_template_code_is_ruff_clean(command):
    run(["ruff", *command, "--no-cache", "."], TEMPLATE)


def test_pytest_pin_is_still_needed_for_xdist_groups(uv_tools, tmp_path):
    """requirements.txt keeps pytest below 9.2: with 9.2, pytest-xdist 3.8's `--dist loadgroup`
    spreads one group's tests over several workers (each would bake its option set again). When
    the newest pytest and pytest-xdist keep a group on one worker, this fails: drop the pin."""
    environment = fresh_environment(uv_tools)
    venv = tmp_path / "venv"
    run(["uv", "venv", "--quiet", "--python", sys.executable, str(venv)], tmp_path, environment)
    run(
        ["uv", "pip", "install", "--quiet", "--python", str(venv), "pytest>=9.2", "pytest-xdist"],
        tmp_path,
        environment,
    )
    (tmp_path / "test_grouped.py").write_text(GROUPED_TESTS)

    result = run(
        [str(venv / "bin" / "python"), "-m", "pytest", "-v", "-p", "no:cacheprovider",
         "-n", "2", "--dist", "loadgroup", "test_grouped.py"],
        tmp_path,
        environment,
    )  # fmt: skip

    workers = set(re.findall(r"^\[(gw\d+)\].* PASSED ", result.stdout, re.MULTILINE))
    assert len(workers) > 1, "one group, one worker with the newest pytest: drop the pytest pin"
