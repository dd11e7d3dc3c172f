"""The generated project's CI workflow, Dependabot and pre-commit configurations are valid and
do their job.

The workflow and the Dependabot configuration are checked against the schemas check-jsonschema
ships (offline). test_fresh_environment.py runs the workflow's commands.
"""

import sys
import tomllib

import pytest
import yaml
from packaging.requirements import Requirement

from bakery import OPTION_SETS, option_sets
from harness.commands import run
from harness.paths import TEMPLATE
from harness.workflow import WORKFLOW, workflow_job

DEPENDABOT = ".github/dependabot.yml"


@pytest.mark.parametrize("answers", option_sets(OPTION_SETS), indirect=True)
def test_workflow_is_a_valid_github_actions_workflow(project):
    run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema",
         "vendor.github-workflows", WORKFLOW],
        project,
    )  # fmt: skip


@pytest.mark.parametrize("answers", option_sets(OPTION_SETS), indirect=True)
def test_workflow_starts_postgresql_only_for_postgresql_projects(project, answers):
    job = workflow_job(project)
    postgresql = answers.get("database") == "postgresql"

    assert ("services" in job) == postgresql
    assert ("DATABASE_URL" in job["env"]) == postgresql


@pytest.mark.parametrize("answers", option_sets(["default"]), indirect=True)
def test_dependabot_updates_the_lock_and_the_actions(project):
    run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.dependabot",
         DEPENDABOT],
        project,
    )  # fmt: skip
    updates = yaml.safe_load((project / DEPENDABOT).read_text())["updates"]

    assert {update["package-ecosystem"] for update in updates} == {"uv", "github-actions"}


@pytest.mark.parametrize("answers", option_sets(["default"]), indirect=True)
def test_pre_commit_config_is_valid_and_runs_the_ruff_the_project_pins(project):
    run(
        [sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"], project
    )
    text = (project / ".pre-commit-config.yaml").read_text()
    # Jinja-free: the template's copy is the project's, so `pre-commit autoupdate` works on both.
    assert (
        text
        == (TEMPLATE / "{{cookiecutter.project_slug}}" / ".pre-commit-config.yaml").read_text()
    )
    config = yaml.safe_load(text)
    (ruff,) = [repo for repo in config["repos"] if repo["repo"].endswith("/ruff-pre-commit")]
    assert {hook["id"] for hook in ruff["hooks"]} == {"ruff-check", "ruff-format"}
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    (pinned,) = [
        requirement
        for requirement in map(Requirement, pyproject["dependency-groups"]["dev"])
        if requirement.name == "ruff"
    ]
    assert pinned.specifier.contains(ruff["rev"].removeprefix("v"))
