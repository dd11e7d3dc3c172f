"""The generated README.md and docs/ pages, in every option set's bake: each relative link leads
to a file and heading of that bake, every docs page is reached from the README, no template
syntax is left over, and the README stays a short how-to (issue 23: at most 400 lines)."""

import re
from pathlib import Path

import pytest

from bakery import OPTION_SETS, option_sets

# The how-to fits on a few screens; the reasoning and reference live in docs/.
README_MAX_LINES = 400
FENCED_BLOCK = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]*`")
# [text](target): a Markdown link; an image's `![` is a link too.
LINK = re.compile(r"\[[^\]\n]*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6} +(.+?) *$", re.MULTILINE)


def prose(markdown: str) -> str:
    """`markdown` without its code: links and headings inside code are not links or headings."""
    return INLINE_CODE.sub("", FENCED_BLOCK.sub("", markdown))


def anchor(heading: str) -> str:
    """The fragment GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(markdown: str) -> set[str]:
    """The fragments of every heading in `markdown`; a repeated one gets -1, -2, ... as GitHub
    numbers them."""
    found: set[str] = set()
    for heading in HEADING.findall(FENCED_BLOCK.sub("", markdown)):
        base = anchor(heading)
        name, number = base, 0
        while name in found:
            number += 1
            name = f"{base}-{number}"
        found.add(name)
    return found


def relative_links(markdown: str) -> list[str]:
    """The targets of `markdown`'s links that point inside the project (no scheme, no host)."""
    return [
        target
        for target in LINK.findall(prose(markdown))
        if not re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE)
    ]


def pages(project: Path) -> list[Path]:
    return [project / "README.md", *sorted((project / "docs").glob("*.md"))]


def leads_somewhere(page: Path, target: str) -> bool:
    """Whether the link `target` on `page` names a file that exists and, after a `#`, one of
    its headings."""
    path, _, fragment = target.partition("#")
    linked = (page.parent / path).resolve() if path else page
    if not linked.exists():
        return False
    return not fragment or (linked.suffix == ".md" and fragment in anchors(linked.read_text()))


def broken_links(project: Path) -> list[str]:
    """Each relative link of the README and docs pages whose file or heading does not exist, as
    `page: target`."""
    return [
        f"{page.relative_to(project)}: {target}"
        for page in pages(project)
        for target in relative_links(page.read_text())
        if not leads_somewhere(page, target)
    ]


def unreached_pages(project: Path) -> list[str]:
    """The docs pages no link leads to from README.md, directly or through other pages."""
    reached, todo = set(), [project / "README.md"]
    while todo:
        page = todo.pop()
        for target in relative_links(page.read_text()):
            linked = (page.parent / target.partition("#")[0]).resolve()
            if linked.suffix == ".md" and linked.is_file() and linked not in reached:
                reached.add(linked)
                todo.append(linked)
    return [
        str(page.relative_to(project))
        for page in pages(project)[1:]
        if page.resolve() not in reached
    ]


def test_links_and_anchors_are_read_as_github_renders_them(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "README.md").write_text(
        "# Title\n\n## The API's map\n\nSee [map](#the-apis-map), [b](docs/b.md#b-c) and "
        "[the web](https://example.com/x.md), not `[code](docs/none.md)`.\n\n"
        "```\n[in a block](docs/none.md)\n# not a heading\n```\n"
    )
    (tmp_path / "docs" / "b.md").write_text("# `B` c\n\n## Twice\n\n## Twice\n")

    readme = (tmp_path / "README.md").read_text()
    assert relative_links(readme) == ["#the-apis-map", "docs/b.md#b-c"]
    assert anchors((tmp_path / "docs" / "b.md").read_text()) == {"b-c", "twice", "twice-1"}
    assert broken_links(tmp_path) == []
    assert unreached_pages(tmp_path) == []

    (tmp_path / "docs" / "c.md").write_text("[gone](b.md#nowhere) [missing](d.md)\n")
    assert broken_links(tmp_path) == ["docs/c.md: b.md#nowhere", "docs/c.md: d.md"]
    assert unreached_pages(tmp_path) == ["docs/c.md"]


@pytest.mark.parametrize("name", option_sets(OPTION_SETS))
def test_readme_and_docs_link_only_to_what_the_bake_has(bake, name):
    project = bake(**OPTION_SETS[name])

    assert len((project / "README.md").read_text().splitlines()) <= README_MAX_LINES
    assert broken_links(project) == []
    assert unreached_pages(project) == []
    for page in pages(project):
        text = page.read_text()
        assert "{{" not in text, page
        assert "{%" not in text, page
        assert "\n\n\n" not in text, f"{page}: a blank line left where a block was left out"


@pytest.mark.parametrize("name", ["default", "stateless-without-docker"])
def test_readme_says_which_tokens_a_password_change_ends(bake, name):
    answers = OPTION_SETS[name]
    readme = (bake(**answers) / "README.md").read_text()

    (row,) = [line for line in readme.splitlines() if "`/api/users/me/password/`" in line]
    if answers.get("stateless_auth"):
        # Stateless calls read no user row: earlier access tokens work until they expire.
        assert "every earlier one refused" not in row
        assert "earlier access tokens work until they expire" in row
    else:
        assert "every earlier one refused" in row


@pytest.mark.parametrize("name", ["default", "cookie"])
def test_files_the_readmes_curl_calls_write_are_git_ignored(bake, name):
    project = bake(**OPTION_SETS[name])

    # curl's -c: the cookie jar, which holds a live refresh token.
    written = set(re.findall(r"curl [^\n]*?-c (\S+)", (project / "README.md").read_text()))
    ignored = set((project / ".gitignore").read_text().splitlines())

    assert written == ({"cookies.txt"} if name == "cookie" else set())
    assert written <= ignored
