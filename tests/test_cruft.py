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
from harness.environments import fresh_environment, project_environment
from harness.paths import TEMPLATE
from harness.readme import fenced_blocks

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
    secret_key = (project / "deploy" / "secrets" / "django-secret-key").read_text()
    # The project's own change, in the file the template will change too.
    readme = project / "README.md"
    readme.write_text(readme.read_text().replace("A Django REST", USER_INTRO + "A Django REST", 1))
    git(project, environment, "commit", "-q", "-am", "Our introduction")

    assert cruft(project, environment, "check").returncode == 0
    local_changes = cruft(project, environment, "diff").stdout
    assert USER_INTRO in local_changes
    # The only difference is the project's own: its secrets (.env, compose's deploy/secrets/)
    # are its own too, not a change.
    diffed = [line.split()[2] for line in local_changes.splitlines() if line.startswith("diff ")]
    assert [path.split("/", 1)[1] for path in diffed] == ["README.md"]

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
    assert (project / "deploy" / "secrets" / "django-secret-key").read_text() == secret_key
    assert json.loads((project / ".cruft.json").read_text())["commit"] == template_commit
    changed = git(project, environment, "status", "--porcelain").splitlines()
    assert sorted(line[3:] for line in changed) == [".cruft.json", "README.md"]
    assert cruft(project, environment, "check").returncode == 0


def readme_block(containing: str) -> list[str]:
    """The commands of the root README's `bash` block that holds `containing`, a line each."""
    (block,) = [
        text
        for language, text in fenced_blocks((TEMPLATE / "README.md").read_text())
        if language == "bash" and containing in text
    ]
    return block.splitlines()


@pytest.mark.slow
def test_the_readmes_cruft_commands_work_as_printed(template_repository, tmp_path, uv_tools):
    """Each cruft command of the README, typed in a new user's shell (uv only, cruft through
    uvx), answering its questions on standard input as a person would at the prompt."""
    environment = fresh_environment(uv_tools, **GIT_ENVIRONMENT)

    def shell(command: str, cwd: Path, answers: str = "") -> subprocess.CompletedProcess[str]:
        command = command.replace("<URL of this repository>", str(template_repository))
        return subprocess.run(
            ["bash", "-c", command], cwd=cwd, env=environment, input=answers,
            capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip

    # Made with cruft, every question answered with its default (Enter).
    create, commit = readme_block("cruft create")
    assert shell(create, tmp_path, answers="\n" * 40).returncode == 0
    assert shell(commit, tmp_path).returncode == 0
    project = tmp_path / "subscribers_api"

    template_readme = template_repository / "{{cookiecutter.project_slug}}" / "README.md"
    template_readme.write_text(template_readme.read_text() + SUPPORT_SECTION)
    git(template_repository, environment, "commit", "-q", "-am", "README: a support section")

    check, diff, update = readme_block("cruft check")
    assert shell(check, project).returncode == 1
    assert shell(diff, project).returncode == 0
    updated = shell(update, project, answers="y\n")
    assert updated.returncode == 0, updated.stdout + updated.stderr
    assert (project / "README.md").read_text().endswith(SUPPORT_SECTION)
    template_commit = git(template_repository, environment, "rev-parse", "HEAD").strip()
    assert json.loads((project / ".cruft.json").read_text())["commit"] == template_commit

    # Made with plain Cookiecutter from the README's answers file, then linked.
    (answers_file,) = [
        text for language, text in fenced_blocks((TEMPLATE / "README.md").read_text())
        if language == "yaml" and "# answers.yaml" in text
    ]  # fmt: skip
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "answers.yaml").write_text(answers_file)
    # (This environment's Cookiecutter: the command under test is the link below.)
    made = shell(
        f"{sys.executable} -m cookiecutter --no-input --config-file answers.yaml "
        f"{template_repository}",
        plain,
    )
    assert made.returncode == 0, made.stderr
    linked_project = plain / "mailing_list"
    for command in ("git init -q", "git add -A", "git commit -q -m Generated"):
        assert shell(command, linked_project).returncode == 0
    link, commit_link = readme_block("cruft link")
    linked = shell(link, linked_project)
    assert linked.returncode == 0, linked.stdout + linked.stderr
    assert shell(commit_link, linked_project).returncode == 0

    recorded = json.loads((linked_project / ".cruft.json").read_text())["context"]["cookiecutter"]
    assert (recorded["project_name"], recorded["database"], recorded["login_field"]) == (
        "Mailing List", "postgresql", "email",
    )  # fmt: skip
    linked_commit = json.loads((linked_project / ".cruft.json").read_text())["commit"]
    assert linked_commit == template_commit
