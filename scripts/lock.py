"""Write templates/locks/: the uv.lock of every set of dependencies a bake can have.

Run it from anywhere with the template's test environment, after changing a dependency in the
project's pyproject.toml (tests/test_lock.py fails until you do):

    .venv/bin/python scripts/lock.py                          # lock what changed, keep the rest
    .venv/bin/python scripts/lock.py --upgrade                # the newest releases of everything
    .venv/bin/python scripts/lock.py --upgrade-package django # the newest Django only

It bakes one project per lock file (local_extensions.lock_name names it), starting from the lock
file it has, runs `uv lock` in it with the options given, and writes the result back with the
project's name as a template expression: each bake renders its own name into its uv.lock.
"""

import itertools
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from cookiecutter.main import cookiecutter
from uv import find_uv_bin

TEMPLATE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TEMPLATE))
from local_extensions import distribution_name, lock_name  # noqa: E402

LOCKS = TEMPLATE / "templates" / "locks"
SLUG = "locked_project"
NAME_LINE = f'name = "{distribution_name(SLUG)}"\n'
NAME_TEMPLATE = 'name = "{{ cookiecutter.project_slug | distribution_name }}"\n'


def answer_sets() -> dict[str, dict]:
    """One set of answers for each lock file: the first, in the order of cookiecutter.json's
    choices (defaults first), of all the answer sets that need that file."""
    context = json.loads((TEMPLATE / "cookiecutter.json").read_text())
    choices = {
        key: value if isinstance(value, list) else [value, not value]
        for key, value in context.items()
        if isinstance(value, list | bool) and not key.startswith("_")
    }
    sets: dict[str, dict] = {}
    for values in itertools.product(*choices.values()):
        answers = dict(zip(choices, values, strict=True))
        sets.setdefault(lock_name(answers), answers)
    return sets


def lock(name: str, answers: dict, uv_options: list[str], workspace: Path) -> None:
    """Bake `answers`, run `uv lock` in the bake, and keep its uv.lock as templates/locks/name."""
    path = LOCKS / name
    if not path.exists():
        path.write_text("")  # a new set of dependencies: the bake's uv.lock starts empty
    project = Path(
        cookiecutter(
            str(TEMPLATE),
            no_input=True,
            extra_context={**answers, "project_slug": SLUG},
            output_dir=str(workspace / name),
        )
    )
    if not (project / "uv.lock").read_text():
        (project / "uv.lock").unlink()
    subprocess.run([find_uv_bin(), "lock", "--quiet", *uv_options], cwd=project, check=True)
    text = (project / "uv.lock").read_text()
    if any(tag in text for tag in ("{{", "{%", "{#")):
        raise SystemExit(f"{name}: the lock holds text Jinja would read as a template tag")
    if text.count(NAME_LINE) != 1:
        raise SystemExit(f"{name}: expected the project's name once, as {NAME_LINE.strip()}")
    path.write_text(text.replace(NAME_LINE, NAME_TEMPLATE))


def main(uv_options: list[str]) -> None:
    LOCKS.mkdir(parents=True, exist_ok=True)
    sets = answer_sets()
    with tempfile.TemporaryDirectory() as workspace:
        for name, answers in sets.items():
            lock(name, answers, uv_options, Path(workspace))
            print(f"templates/locks/{name}")
    for stale in set(LOCKS.glob("*.lock")) - {LOCKS / name for name in sets}:
        stale.unlink()
        print(f"removed templates/locks/{stale.name}: no answers use it")


if __name__ == "__main__":
    main(sys.argv[1:])
