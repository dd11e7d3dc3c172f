"""Running a command in a baked project, as a test: a failure fails the test, with the output."""

import re
import subprocess
from pathlib import Path

import pytest

from harness.environments import project_environment


def run(
    args: list[str],
    cwd: Path,
    environment: dict[str, str] | None = None,
    timeout: float = 300,
    check: bool = True,
) -> subprocess.CompletedProcess:
    """Run a command in a baked project; fail the test with the command's output if it fails
    (with `check`)."""
    result = subprocess.run(
        args,
        cwd=cwd,
        env=environment or project_environment(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if check and result.returncode != 0:
        pytest.fail(
            f"`{' '.join(map(str, args))}` exited {result.returncode} in {cwd}\n"
            f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}",
            pytrace=False,
        )
    return result


def assert_suite_passed(output: str, at_least: int = 50) -> None:
    """Assert that a baked project's pytest run, whose output this is, passed in full: no test
    failed or was skipped, and at least `at_least` tests ran."""
    closing = output.strip().splitlines()[-1]
    counts = {
        word: int(count)
        for count, word in re.findall(r"(\d+) (passed|failed|skipped|error)", closing)
    }
    assert counts.get("passed", 0) >= at_least, output
    assert set(counts) == {"passed"}, output
