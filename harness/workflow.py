"""A baked project's CI workflow: its test job, its commands, and its dependency audit run as a
test."""

import warnings
from pathlib import Path

import pytest
import yaml

from harness.commands import run

WORKFLOW = ".github/workflows/ci.yml"
# The workflow's dependency audit asks a vulnerability database online about every package. Where
# it cannot reach one (these machines reach the package registries only), it says one of these
# instead of a verdict.
AUDIT = "pip-audit"
DATABASE_UNREACHABLE = (
    "Dependency not found on PyPI and could not be audited",
    "Max retries exceeded",
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
)


def workflow_job(project: Path) -> dict:
    """The test job of the project's CI workflow, as parsed YAML."""
    return yaml.safe_load((project / WORKFLOW).read_text())["jobs"]["test"]


def workflow_commands(project: Path) -> list[str]:
    """The shell commands of the workflow's test job (its `run` steps), in order."""
    return [step["run"] for step in workflow_job(project)["steps"] if "run" in step]


def run_audit(command: str, cwd: Path, environment: dict[str, str]) -> None:
    """Run the workflow's audit step, `command`: it passes, or fails the test; where its
    vulnerability database cannot be reached, it is reported as not done (a warning in the test
    summary) and the test goes on, as it could not on GitHub."""
    result = run(["bash", "-e", "-c", command], cwd, environment, timeout=900, check=False)
    output = result.stdout + result.stderr
    if result.returncode == 0:
        return
    unreachable = [
        line for line in output.splitlines() if any(s in line for s in DATABASE_UNREACHABLE)
    ]
    if unreachable and "known vulnerabilit" not in output:
        warnings.warn(
            "the dependency audit ran but audited nothing, for want of a vulnerability database: "
            + unreachable[0],
            stacklevel=2,
        )
        return
    pytest.fail(f"`{command}` exited {result.returncode}\n{output}", pytrace=False)
