"""A new user's shell, and the commands of a generated README: for the template's tests and
benchmarks.

Plain Python, no pytest: the benchmarks run as scripts, and the tests import it as
`benchmarks.new_user`.
"""

import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

from uv import find_uv_bin

FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


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


def fenced_blocks(markdown: str) -> list[tuple[str, str]]:
    """(language, text) of each fenced code block in `markdown`, in order."""
    return FENCE.findall(markdown)


def readme_pip_commands(project: Path) -> str:
    """The generated README's pip installation: its `shell` block that runs `pip install`."""
    (block,) = [
        text
        for language, text in fenced_blocks((project / "README.md").read_text())
        if language == "shell" and "pip install" in text
    ]
    return block
