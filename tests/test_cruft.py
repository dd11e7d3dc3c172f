"""Projects made with cruft take later template changes with `cruft update`, keeping their own.

The template is copied, as it is in this checkout, into a new git repository: a local clone that
the test can commit to, standing for the template's upstream.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from harness.commands import run
from harness.environments import project_environment
from harness.paths import TEMPLATE

# Commits need an author; a user's git configuration (signing, hooks) must not change the run.
GIT_ENVIRONMENT = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Template Tests",
    "GIT_AUTHOR_EMAIL": "tests@example.com",
    "GIT_COMMITTER_NAME": "Template Tests",
    "GIT_COMMITTER_EMAIL": "tests@example.com",
}
SUPPORT_SECTION = "\n## Support\n\nAsk in #api-help.\n"
USER_INTRO = "Our team's API. "


@pytest.fixture
def environment() -> dict[str, str]:
    return project_environment(**GIT_ENVIRONMENT)


@pytest.fixture
def template_repository(tmp_path, environment) -> Path:
    """This checkout's template files (committed or not, less what git ignores) in a new repo."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=TEMPLATE,
        capture_output=True,
        check=True,
    ).stdout.decode()
    repository = tmp_path / "template"
    for name in filter(None, listed.split("\0")):
        source = TEMPLATE / name
        if source.is_file():  # a file deleted but not yet staged is listed too
            (repository / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repository / name)
    git(repository, environment, "init", "-q", "-b", "main")
    git(repository, environment, "add", "-A")
    git(repository, environment, "commit", "-q", "-m", "Template as tested")
    return repository


def git(directory: Path, environment: dict[str, str], *args: str) -> str:
    return run(["git", *args], directory, environment).stdout


def cruft(directory: Path, environment: dict[str, str], *args: str, check: bool = True):
    command = [sys.executable, "-m", "cruft", *args]
    if check:
        return run(command, directory, environment)
    return subprocess.run(
        command, cwd=directory, env=environment, capture_output=True, text=True, check=False
    )


def test_cruft_update_brings_a_template_commit_into_a_project(
    template_repository, tmp_path, environment
):
    cruft(tmp_path, environment, "create", "--no-input", "--output-dir", "projects",
          str(template_repository))  # fmt: skip
    project = tmp_path / "projects" / "subscribers_api"
    git(project, environment, "init", "-q", "-b", "main")
    git(project, environment, "add", "-A")
    git(project, environment, "commit", "-q", "-m", "Generated with cruft")
    secrets = (project / ".env").read_text()
    # The project's own change, in the file the template will change too.
    readme = project / "README.md"
    readme.write_text(readme.read_text().replace("A Django REST", USER_INTRO + "A Django REST", 1))
    git(project, environment, "commit", "-q", "-am", "Our introduction")

    assert cruft(project, environment, "check").returncode == 0
    local_changes = cruft(project, environment, "diff").stdout
    assert USER_INTRO in local_changes
    assert ".env" not in local_changes  # its secrets are the project's own, not a change

    template_readme = template_repository / "{{cookiecutter.project_slug}}" / "README.md"
    template_readme.write_text(template_readme.read_text() + SUPPORT_SECTION)
    # A newer lock too: the project keeps its own (Dependabot's and its `uv lock`s).
    for lock in (template_repository / "templates" / "locks").iterdir():
        lock.write_text(lock.read_text() + "# locked again\n")
    git(template_repository, environment, "commit", "-q", "-am", "README: a support section")
    template_commit = git(template_repository, environment, "rev-parse", "HEAD").strip()

    assert cruft(project, environment, "check", check=False).returncode != 0
    cruft(project, environment, "update", "--skip-apply-ask")

    assert readme.read_text().endswith(SUPPORT_SECTION)
    assert USER_INTRO + "A Django REST" in readme.read_text()
    assert (project / ".env").read_text() == secrets
    assert json.loads((project / ".cruft.json").read_text())["commit"] == template_commit
    changed = git(project, environment, "status", "--porcelain").splitlines()
    assert sorted(line[3:] for line in changed) == [".cruft.json", "README.md"]
    assert cruft(project, environment, "check").returncode == 0
