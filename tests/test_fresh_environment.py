"""A bake proves itself as its user meets it, outside this test run's environment.

The default bake and the one with every optional dependency are made with `uvx cookiecutter`
(the root README's command), copied without the git-ignored .env as a CI checkout would be, and
run in a new user's shell: no virtual environment and no package of this test run on PATH, only
uv (harness.environments.fresh_environment). There every step of the bake's CI workflow runs as
GitHub would run it, once per Python of the workflow's matrix: `uv sync --locked` makes a new
.venv from uv.lock, then the workflow's own commands lint, type-check, check and test the
project, fuzz suite and all. The commands are read from the workflow, so whatever it runs, this
runs.
"""

import json
import shutil
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.utils import canonicalize_name

from bakery import OPTION_SETS, WORKFLOW_SETS, option_sets
from harness.commands import run
from harness.environments import fresh_environment
from harness.paths import TEMPLATE
from harness.pythons import require_python
from harness.workflow import AUDIT, run_audit, workflow_job

# The Pythons of the workflow's matrix (test_workflow_matrix_is_what_this_module_runs checks):
# the oldest supported one runs Django 5.2 LTS, the newest Django 6.
WORKFLOW_PYTHONS = ("3.11", "3.13")
DJANGO_MAJOR = {"3.11": 5, "3.13": 6}
# What the workflow's `uses` steps do is done here: the copy is the checkout, and setup-uv's
# python-version is UV_PYTHON, naming an interpreter of this machine.
SETUP_UV = "astral-sh/setup-uv"
KNOWN_ACTIONS = ("actions/checkout", SETUP_UV)


def fresh_set(name: str, python_version: str):
    """A test parameter: the option set `name` on `python_version`. Both Pythons of one option set
    run on one worker, which bakes it once."""
    return pytest.param(
        name,
        python_version,
        id=f"{name}-{python_version}",
        marks=pytest.mark.xdist_group(f"fresh-{name}"),
    )


def command_line_answers(answers: dict) -> list[str]:
    """`answers` as cookiecutter's `key=value` arguments."""
    return [
        f"{key}={str(value).lower() if isinstance(value, bool) else value}"
        for key, value in answers.items()
    ]


@pytest.fixture(scope="session")
def user_bake(tmp_path_factory, uv_tools) -> Callable[[str], tuple[Path, str]]:
    """Bake an option set with `uvx cookiecutter` in a new user's shell (once a worker); return
    the project and what cookiecutter printed."""
    bakes: dict[str, tuple[Path, str]] = {}

    def bake(name: str) -> tuple[Path, str]:
        if name not in bakes:
            home = tmp_path_factory.mktemp(f"uvx-{name}")
            # Cookiecutter's replay record and clones stay in this directory.
            config = home / "cookiecutter.yaml"
            config.write_text(f"cookiecutters_dir: {home}/clones\nreplay_dir: {home}/replay\n")
            result = run(
                ["uvx", "cookiecutter", "--no-input", "--config-file", str(config),
                 "--output-dir", str(home / "bake"), str(TEMPLATE),
                 *command_line_answers(OPTION_SETS[name])],
                home,
                fresh_environment(uv_tools),
            )  # fmt: skip
            (project,) = (home / "bake").iterdir()
            bakes[name] = project, result.stdout
        return bakes[name]

    return bake


def locked_versions(project: Path, python: Path, environment: dict[str, str]) -> dict[str, str]:
    """The version uv.lock holds of each package that installs on `python`: the lock exported
    as requirements, with their markers evaluated by that interpreter's environment."""
    exported = run(
        ["uv", "export", "--frozen", "--no-hashes", "--no-header", "--no-annotate",
         "--no-emit-project"],
        project,
        environment,
    ).stdout  # fmt: skip
    marker_environment = json.loads(
        run(
            [str(python), "-c",
             "import json; from packaging.markers import default_environment as e; "
             "print(json.dumps(e()))"],
            project,
            environment,
        ).stdout
    )  # fmt: skip
    locked = {}
    for line in exported.splitlines():
        requirement, _, marker = line.partition(" ; ")
        if not marker or Marker(marker).evaluate(marker_environment):
            name, _, version = requirement.partition("==")
            locked[canonicalize_name(name.split("[")[0])] = version
    return locked


def installed_versions(python: Path, project: Path, environment) -> dict[str, str]:
    """Every distribution installed in `python`'s environment, by normalized name."""
    listing = run(
        [str(python), "-c",
         "import importlib.metadata as m, json; "
         "print(json.dumps({d.metadata['Name']: d.version for d in m.distributions()}))"],
        project,
        environment,
    ).stdout  # fmt: skip
    return {canonicalize_name(name): version for name, version in json.loads(listing).items()}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "python_version"),
    [fresh_set(name, version) for name in WORKFLOW_SETS for version in WORKFLOW_PYTHONS],
)
def test_ci_workflow_passes_in_a_fresh_environment(
    user_bake, uv_tools, postgres_database, tmp_path, name, python_version
):
    python = require_python(python_version)
    project, _ = user_bake(name)
    # A copy without the git-ignored .env, like the checkout GitHub runs the workflow in.
    checkout = shutil.copytree(
        project, tmp_path / "checkout", ignore=shutil.ignore_patterns(".env")
    )
    job = workflow_job(checkout)
    environment = fresh_environment(uv_tools, **job["env"])
    if "DATABASE_URL" in job["env"]:
        # The workflow's URL names its service container; here, a new database on this server.
        environment["DATABASE_URL"] = postgres_database()

    seconds = {}
    for step in job["steps"]:
        if "uses" in step:
            action = step["uses"].split("@")[0]
            assert action in KNOWN_ACTIONS, f"this test does not know what {action} does"
            if action == SETUP_UV:
                assert step["with"]["python-version"] == "${{ matrix.python-version }}"
                environment["UV_PYTHON"] = python
            continue
        started = time.monotonic()
        step_environment = environment | step.get("env", {})
        if AUDIT in step["run"]:
            run_audit(step["run"], checkout, step_environment)
        else:
            run(["bash", "-e", "-c", step["run"]], checkout, step_environment, 900)
        seconds[step.get("name", step["run"])] = time.monotonic() - started
    print(f"{name} on Python {python_version}:", *(f"{s:.1f} s {n}" for n, s in seconds.items()))

    venv_python = checkout / ".venv" / "bin" / "python"
    installed = installed_versions(venv_python, checkout, environment)
    assert installed == locked_versions(checkout, venv_python, environment)
    assert int(installed["django"].split(".")[0]) == DJANGO_MAJOR[python_version]


@pytest.mark.parametrize("answers", option_sets(["default"]), indirect=True)
def test_workflow_matrix_is_what_this_module_runs(project):
    matrix = workflow_job(project)["strategy"]["matrix"]["python-version"]

    assert tuple(matrix) == WORKFLOW_PYTHONS


@pytest.mark.xdist_group("fresh-default")
def test_uvx_cookiecutter_makes_the_project_and_prints_the_next_steps(user_bake):
    project, printed = user_bake("default")

    assert tomllib.loads((project / "pyproject.toml").read_text())["project"]["name"] == (
        "subscribers-api"
    )
    assert printed.startswith(f"Next steps:\n  cd {project}\n  uv run pytest\n")
