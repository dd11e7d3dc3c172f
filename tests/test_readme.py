"""The generated README's commands, run as a newcomer would type them, in a fresh bake.

The README's fenced blocks follow one convention, which reads naturally to people too:
- a `bash` block holds commands to type, run line by line in one shell session (a `\\` at the end
  of a line continues it); variables and the activated virtual environment carry over to later
  blocks;
- a `console` block is a transcript: `$ ` starts a command, the lines after it are its output, in
  which `...` stands for any text (tokens differ every run);
- blocks with another tag, or none, are not run: the layout tree, or `shell` blocks of commands
  meant for a production server (they need its environment, and gunicorn serves until stopped)
  or for pip instead of uv (test_newest_releases.py runs those).
`python manage.py runserver` serves until stopped: the test starts it in the background on a free
loopback port, points every later `127.0.0.1:8000` of the README at that port, and stops it at the
end.
The shell is a new user's: no virtual environment and no package of this test run on PATH, only
uv (harness.environments.fresh_environment). The install step is real: uv installs the
project's dependencies from its uv.lock into a new virtual environment, as the README says.
"""

import contextlib
import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bakery import option_sets
from harness.client import call
from harness.commands import run
from harness.environments import fresh_environment
from harness.readme import fenced_blocks, transcript_matches
from harness.services import require
from harness.serving import serving

SERVE = "python manage.py runserver"
README_PORT = "127.0.0.1:8000"
# Each run installs the project's dependencies into a new virtual environment and runs its suite:
# one bake, the default one, whose README has every section (rotation, logout).
README_SETS = ("default",)


@dataclass
class Command:
    text: str
    expected: str | None = None  # a transcript's output; None for a `bash` block's commands


@dataclass
class Shell:
    """One shell session, as a person keeps one terminal open: exported state carries over."""

    cwd: Path
    environment: dict[str, str]
    state: Path = field(init=False)

    def __post_init__(self) -> None:
        self.state = self.cwd.parent / "shell-state.sh"
        self.state.write_text("")

    def run(self, command: str) -> str:
        """What `command` prints, run in this session; fails the test if it fails
        (harness.commands.run)."""
        # `set -a` exports every variable a command sets, so `export -p` can hand it to the next.
        script = f"set -a\n. {shlex.quote(str(self.state))}\n{command}\n" + (
            f"status=$?; export -p > {shlex.quote(str(self.state))}; exit $status"
        )
        return run(["bash", "-c", script], self.cwd, self.environment, timeout=900).stdout

    def environment_now(self) -> dict[str, str]:
        """The session's environment, as a server started from it would see it."""
        dump = subprocess.run(
            ["bash", "-c", f". {shlex.quote(str(self.state))}; env -0"],
            cwd=self.cwd,
            env=self.environment,
            capture_output=True,
            check=True,
        ).stdout.decode()
        return dict(entry.split("=", 1) for entry in dump.split("\0") if "=" in entry)


def readme_commands(readme: str) -> list[Command]:
    """The commands of the README's `bash` and `console` blocks, in order."""
    commands: list[Command] = []
    for language, body in fenced_blocks(readme):
        lines = iter(body.splitlines())
        if language == "bash":
            for line in lines:
                while line.endswith("\\"):
                    line = line + "\n" + next(lines)
                if line.strip():
                    commands.append(Command(line))
        elif language == "console":
            for line in lines:
                if line.startswith("$ "):
                    commands.append(Command(line[2:], expected=""))
                    while commands[-1].text.endswith("\\"):
                        commands[-1].text += "\n" + next(lines)
                elif line.strip() and commands and commands[-1].expected is not None:
                    commands[-1].expected += line + "\n"
    return commands


def test_readme_commands_are_parsed_by_the_convention():
    readme = """
```bash
python -m venv .venv && \\
    . .venv/bin/activate
echo hello
```

```console
$ curl -s http://127.0.0.1:8000/ \\
    -H "A: b"
{"token":"eyJ..."}

$ true
```

```
layout/   not a command
```
"""
    assert readme_commands(readme) == [
        Command("python -m venv .venv && \\\n    . .venv/bin/activate"),
        Command("echo hello"),
        Command('curl -s http://127.0.0.1:8000/ \\\n    -H "A: b"', '{"token":"eyJ..."}\n'),
        Command("true", ""),
    ]
    assert transcript_matches('{"token":"eyJ..."}', '{"token":"eyJhbGciOiJIUzI1NiJ9.x.y"}\n')
    assert not transcript_matches('{"token":"eyJ..."}', '{"detail":"no"}')


@pytest.mark.slow
@pytest.mark.parametrize("answers", option_sets(README_SETS), indirect=True)
def test_readme_commands_work_as_written(project, uv_tools, tmp_path):
    require(shutil.which("curl") is not None, "curl is not installed: the README's calls use it")
    # A fresh copy of the bake: nothing that other tests ran in it (database, caches) comes along.
    fresh = shutil.copytree(
        project,
        tmp_path / "project",
        ignore=shutil.ignore_patterns("db.sqlite3", "__pycache__", ".*_cache"),
    )
    # A newcomer's shell: `python3` is some Python 3.11+, uv is installed, no Django variables,
    # no virtual environment.
    shell = Shell(fresh, fresh_environment(uv_tools))
    readme = (fresh / "README.md").read_text()
    commands = readme_commands(readme)
    assert [c.text for c in commands if c.text == SERVE] == [SERVE], "README must start a server"

    # The README's 127.0.0.1:8000 stands for the server's address, known once it runs.
    address = README_PORT
    with contextlib.ExitStack() as stack:
        for command in commands:
            if command.text == SERVE:
                runserver = [*shlex.split(SERVE), "127.0.0.1:{port}"]
                log = tmp_path / "runserver.log"
                server = stack.enter_context(
                    serving(runserver, fresh, shell.environment_now(), log)
                )
                address = server.url.removeprefix("http://")
                continue
            text = command.text.replace(README_PORT, address)
            output = shell.run(text)
            if command.expected is not None:
                expected = command.expected.replace(README_PORT, address)
                assert transcript_matches(expected, output), (
                    f"README command:\n{text}\nprinted:\n{output}\nREADME says:\n{expected}"
                )
        # Every address the README sends a reader to answers something.
        for path in re.findall(r"<http://127\.0\.0\.1:8000(/[^>]*)>", readme):
            assert call("GET", f"http://{address}{path}").status != 404, path
