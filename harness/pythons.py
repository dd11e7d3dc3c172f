"""The Python interpreters this machine has, for tests that run a bake on more than one and for
the benchmarks (find_python loads without pytest; require_python is for tests)."""

import os
import shutil
import subprocess
from pathlib import Path


def find_python(minimum: tuple[int, int], exact: bool = False) -> str | None:
    """The newest Python interpreter of at least version `minimum` (with `exact`, of that minor
    version) that can make a virtual environment: `python3.X` on PATH, or one of pyenv's
    installed versions. None if there is none."""
    candidates = [shutil.which(f"python3.{minor}") for minor in range(minimum[1], 30)]
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates += sorted(map(str, pyenv_root.glob("versions/3.*/bin/python3")))
    found: dict[tuple[int, int], str] = {}
    for executable in filter(None, candidates):
        probe = subprocess.run(
            [executable, "-c", "import sys, venv; print(*sys.version_info[:2])"],
            capture_output=True,
            text=True,
            check=False,
        )
        if probe.returncode == 0:
            found[tuple(map(int, probe.stdout.split()))] = executable
    eligible = [version for version in found if version >= minimum]
    if exact:
        eligible = [version for version in eligible if version == minimum]
    return found[max(eligible)] if eligible else None


def require_python(version: str) -> str:
    """An interpreter of Python `version` ("3.13"); skips (fails under CI=true) without one."""
    # Imported here: it brings pytest, which the benchmarks that use find_python run without.
    from harness.services import require

    python = find_python(tuple(map(int, version.split("."))), exact=True)
    require(
        python is not None,
        f"no Python {version} found (python{version} on PATH, or under pyenv): install it, "
        f"e.g. `pyenv install {version}`, to run this test",
    )
    return python
