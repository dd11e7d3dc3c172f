"""The generated project's import contracts (pyproject.toml's [tool.importlinter], which its CI
and pre-commit run with `lint-imports`): every bake keeps them, and an import that goes against
the layers breaks the contract that forbids it.

Rendering is enough: import-linter reads the source, it imports nothing of the project.
"""

import shutil
import sys
from pathlib import Path

import pytest

from bakery import OPTION_SETS, option_sets
from harness.commands import run

LINT_IMPORTS = str(Path(sys.executable).parent / "lint-imports")


@pytest.mark.parametrize("answers", option_sets(OPTION_SETS), indirect=True)
def test_every_bake_keeps_its_import_contracts(project):
    result = run([LINT_IMPORTS, "--no-cache"], project)

    assert "0 broken" in result.stdout


@pytest.mark.parametrize("answers", option_sets(["default"]), indirect=True)
@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        (
            "{slug}/tokens/throttling.py",
            "from ..users import models",
            "tokens imports no other app",
        ),
        (
            "{slug}/tokens/authentication.py",
            "from ..health import outages",
            "tokens imports no other app",
        ),
        (
            "{slug}/health/views.py",
            "from ..subscribers import models",
            "Apps are independent of each other",
        ),
        (
            "{slug}/errors.py",
            "from .tokens import throttling",
            "Apps are independent of each other",
        ),
        ("config/settings/test.py", "from {slug} import errors", "Settings import nothing"),
        ("{slug}/errors.py", "from config import urls", "The project package imports nothing"),
        ("{slug}/users/serializers.py", "from . import views", "No import cycles"),
    ],
    ids=[
        "tokens-users",
        "tokens-health",
        "app-app",
        "shared-tokens",
        "settings",
        "config",
        "cycle",
    ],
)
def test_an_import_against_the_layers_breaks_its_contract(
    project, tmp_path, module, line, contract
):
    copy = shutil.copytree(project, tmp_path / project.name)
    slug = project.name
    with (copy / module.format(slug=slug)).open("a", encoding="utf-8") as source:
        source.write(f"\n{line.format(slug=slug)}  # noqa\n")

    result = run([LINT_IMPORTS, "--no-cache"], copy, check=False)

    assert result.returncode != 0
    broken = result.stdout.split("Broken contracts", 1)[1]
    assert contract in broken


@pytest.mark.parametrize("answers", option_sets(["default"]), indirect=True)
def test_ci_and_pre_commit_check_the_import_contracts(project):
    workflow = (project / ".github/workflows/ci.yml").read_text()
    pre_commit = (project / ".pre-commit-config.yaml").read_text()

    assert "run: uv run lint-imports" in workflow
    assert "entry: uv run lint-imports" in pre_commit
