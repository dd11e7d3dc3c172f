"""The environment a baked project runs in: its user's shell, or a new user's.

Plain Python, no pytest: the benchmarks import it too.
"""

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from uv import find_uv_bin


def project_environment(**variables: str) -> dict[str, str]:
    """The environment a user's shell would give a baked project: nothing from this test run."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PYTEST_", "DJANGO_", "COV_")) and name != "DATABASE_URL"
    }
    # Commands of the virtual environment running these tests (ruff, pytest) come first.
    environment["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{environment['PATH']}"
    environment.update(variables)
    return environment


def uv_only(directory: Path) -> Path:
    """`directory`, holding uv and uvx (the ones this environment installed) and nothing else: a
    PATH entry that brings no Python package along."""
    directory.mkdir(parents=True, exist_ok=True)
    uv = Path(find_uv_bin())
    for name in ("uv", "uvx"):
        if not (directory / name).exists():
            (directory / name).symlink_to(uv.with_name(name))
    return directory


def new_user_environment(
    tools: Path, base: Mapping[str, str] = os.environ, **variables: str
) -> dict[str, str]:
    """`base` as a new user's shell has it: no virtual environment and no package of the running
    Python (its directories are off PATH), `tools` (see `uv_only`) first on PATH."""
    environment = {
        name: value
        for name, value in base.items()
        if name not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"} and not name.startswith("UV_")
    }
    ours = Path(sys.prefix).resolve()
    environment["PATH"] = os.pathsep.join(
        [str(tools)]
        + [
            entry
            for entry in environment["PATH"].split(os.pathsep)
            if entry and not Path(entry).resolve().is_relative_to(ours)
        ]
    )
    # Nothing to download a Python from here: a missing version fails at once, saying so.
    environment["UV_PYTHON_DOWNLOADS"] = "never"
    environment.update(variables)
    return environment


def fresh_environment(tools: Path, **variables: str) -> dict[str, str]:
    """The environment of a new user's shell: no virtual environment and no package of this test
    run on PATH, only `tools` (the `uv_tools` fixture: uv and uvx)."""
    return new_user_environment(tools, project_environment(), **variables)
