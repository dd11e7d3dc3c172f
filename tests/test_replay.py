"""The root README's config file answers every question, and `--replay` makes the same project."""

import filecmp
import json
import re
import sys
from pathlib import Path

import pytest
import yaml

from harness.commands import run
from harness.environments import project_environment
from harness.paths import TEMPLATE

README_CONFIG = re.compile(r"```yaml\n(# answers\.yaml\n.*?)```", re.DOTALL)


@pytest.fixture
def config_example() -> str:
    (example,) = README_CONFIG.findall((TEMPLATE / "README.md").read_text())
    return example


def test_config_example_answers_every_question(config_example):
    questions = json.loads((TEMPLATE / "cookiecutter.json").read_text())
    answers = yaml.safe_load(config_example)["default_context"]

    assert set(answers) == {key for key in questions if not key.startswith("_")}


def test_config_file_answers_and_replay_make_the_same_project(config_example, tmp_path):
    # HOME decides where cookiecutter keeps its replay records: keep them out of the real one.
    environment = project_environment(HOME=str(tmp_path))
    (tmp_path / "answers.yaml").write_text(config_example)
    cookiecutter = [sys.executable, "-m", "cookiecutter", "--no-input"]

    run([*cookiecutter, "--config-file", "answers.yaml", "-o", "first", str(TEMPLATE)],
        tmp_path, environment)  # fmt: skip
    (record,) = (tmp_path / ".cookiecutter_replay").glob("*.json")
    replayed = json.loads(record.read_text())["cookiecutter"]
    answers = yaml.safe_load(config_example)["default_context"]
    assert {key: replayed[key] for key in answers} == {
        key: str(value) if isinstance(value, int) and not isinstance(value, bool) else value
        for key, value in answers.items()
    }
    run([sys.executable, "-m", "cookiecutter", "--replay", "-o", "again", str(TEMPLATE)],
        tmp_path, environment)  # fmt: skip

    first, again = (
        tmp_path / "first" / answers["project_slug"],
        tmp_path / "again" / answers["project_slug"],
    )
    # Fresh secrets for each project: .env, and compose's secret files.
    secret_files = sorted(str(path.relative_to(first)) for path in first.glob("deploy/secrets/*"))
    assert secret_files
    assert different_files(first, again) == [".env", *secret_files]


def different_files(left: Path, right: Path) -> list[str]:
    """Relative paths of files that differ between, or exist in only one of, two directories."""
    differences: list[str] = []
    comparison = filecmp.dircmp(left, right)
    pending = [(Path(), comparison)]
    while pending:
        prefix, comparison = pending.pop()
        names = comparison.diff_files + comparison.left_only + comparison.right_only
        differences += [str(prefix / name) for name in names]
        pending += [(prefix / name, sub) for name, sub in comparison.subdirs.items()]
    return sorted(differences)
