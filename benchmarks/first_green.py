"""Time to first green: from nothing to a passing test suite of a new bake, as a user gets there.

Run from the repository root with the template's test environment:

    .venv/bin/python benchmarks/first_green.py          # with the caches this machine has
    .venv/bin/python benchmarks/first_green.py --cold   # empty uv and pip caches: all downloaded

Both ways start from a new user's shell (no virtual environment; uv on PATH) and a fresh bake
made with `uvx cookiecutter`. With uv: the command the bake prints, `uv run pytest`, which makes
.venv from uv.lock and tests (timed as its two halves, `uv sync` and the test run). With pip: the
generated README's pip commands, then `python -m pytest`. It prints the wall and CPU seconds of
each step and their sum.
"""

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The template's root, for the harness package when this runs as a script.
TEMPLATE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TEMPLATE))
from harness.environments import new_user_environment, uv_only  # noqa: E402
from harness.readme import readme_pip_commands  # noqa: E402


def timed(command: str, cwd: Path, environment: dict[str, str]) -> tuple[float, float]:
    """Run `command` in bash; (wall seconds, CPU seconds of it and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    result = subprocess.run(
        ["bash", "-e", "-c", command], cwd=cwd, env=environment, capture_output=True, text=True
    )
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"`{command}` failed:\n{result.stdout}\n{result.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def table(title: str, rows: list[tuple[str, float, float]]) -> str:
    """The steps' times, and their sum, as a Markdown table."""
    lines = [f"| {title} | wall (s) | CPU (s) |", "|---|---:|---:|"]
    lines += [f"| `{step}` | {wall:.1f} | {cpu:.1f} |" for step, wall, cpu in rows]
    lines.append(
        f"| first green | {sum(r[1] for r in rows):.1f} | {sum(r[2] for r in rows):.1f} |"
    )
    return "\n".join(lines)


def uv_steps(project: Path) -> list[tuple[str, str]]:
    """(step, command): the bake's `uv run pytest`, as its two halves."""
    return [("uv sync", "uv sync --quiet"), ("uv run pytest", "uv run pytest -q")]


def pip_steps(project: Path) -> list[tuple[str, str]]:
    """(step, command): the README's pip commands, each after the first in the environment the
    first makes and activates, then the tests."""
    lines = [*readme_pip_commands(project).splitlines(), "python -m pytest -q"]
    return [(lines[0], lines[0])] + [
        (line, f". .venv/bin/activate && {line}") for line in lines[1:]
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cold", action="store_true", help="start with empty uv and pip caches")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        caches = {}
        if options.cold:
            caches = {"UV_CACHE_DIR": str(work / "uv-cache"), "PIP_CACHE_DIR": str(work / "pip")}
        environment = new_user_environment(uv_only(work / "tools"), **caches)
        bake = f"uvx cookiecutter --no-input --output-dir bakes {TEMPLATE}"
        for title, steps in (("uv", uv_steps), ("pip", pip_steps)):
            place = work / title
            place.mkdir()
            rows = [("uvx cookiecutter", *timed(bake, place, environment))]
            (project,) = (place / "bakes").iterdir()
            for step, command in steps(project):
                rows.append((step, *timed(command, project, environment)))
            print(table(title + (" (cold caches)" if options.cold else ""), rows), end="\n\n")


if __name__ == "__main__":
    main()
