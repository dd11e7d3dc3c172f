"""The generated project's CI workflow and pre-commit configuration are valid and do their job.

The workflow is checked against the GitHub Actions schema that check-jsonschema ships (offline),
and its commands are run in the bake with the job's environment: what GitHub would run on push.
"""

import shutil
import sys
import tomllib

import pytest
import yaml
from packaging.requirements import Requirement

from bakery import OPTION_SETS, TEMPLATE, option_sets, project_environment, run

WORKFLOW = ".github/workflows/ci.yml"
# The workflow's commands take about twenty seconds of CPU a bake (the fuzz suite most): run them
# for the PostgreSQL bake, whose job also has the service and DATABASE_URL. SQLite bakes run the
# same commands without them in test_bake.py.
WORKFLOW_RUN_SETS = ("postgresql",)


@pytest.mark.parametrize("answers", option_sets(OPTION_SETS), indirect=True)
def test_workflow_is_a_valid_github_actions_workflow(project):
    run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema",
         "vendor.github-workflows", WORKFLOW],
        project,
    )  # fmt: skip


@pytest.mark.parametrize("answers", option_sets(OPTION_SETS), indirect=True)
def test_workflow_starts_postgresql_only_for_postgresql_projects(project, answers):
    job = yaml.safe_load((project / WORKFLOW).read_text())["jobs"]["test"]
    postgresql = answers.get("database") == "postgresql"

    assert ("services" in job) == postgresql
    assert ("DATABASE_URL" in job["env"]) == postgresql


@pytest.mark.parametrize("answers", option_sets(WORKFLOW_RUN_SETS), indirect=True)
def test_workflow_commands_pass_in_the_project(project, postgres_database, mypy_cache, tmp_path):
    # A copy without the git-ignored .env, like the checkout GitHub runs the workflow in.
    checkout = shutil.copytree(
        project, tmp_path / "checkout", ignore=shutil.ignore_patterns(".env")
    )
    job = yaml.safe_load((checkout / WORKFLOW).read_text())["jobs"]["test"]
    environment = project_environment(**job["env"], MYPY_CACHE_DIR=str(mypy_cache))
    if "DATABASE_URL" in job["env"]:
        # The workflow's URL names the service container; here, a fresh database on this server.
        environment["DATABASE_URL"] = postgres_database()
    commands = [step["run"] for step in job["steps"] if "run" in step]
    assert commands[0].startswith("python -m pip install"), commands
    assert any("pytest" in command for command in commands), commands

    # The packages are installed already: these tests run in an environment that has them, whose
    # `python` comes first on PATH.
    for command in commands[1:]:
        run(["bash", "-e", "-c", command], checkout, environment)


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
        for requirement in map(Requirement, pyproject["project"]["optional-dependencies"]["dev"])
        if requirement.name == "ruff"
    ]
    assert pinned.specifier.contains(ruff["rev"].removeprefix("v"))
