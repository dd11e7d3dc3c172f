"""A generated README's code blocks, and its transcripts of what commands print.

Plain Python, no pytest: the benchmarks import it too.
"""

import re
from pathlib import Path

FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def fenced_blocks(markdown: str) -> list[tuple[str, str]]:
    """(language, text) of each fenced code block in `markdown`, in order."""
    return FENCE.findall(markdown)


def readme_pip_commands(project: Path) -> str:
    """The generated README's pip installation: its `shell` block that runs `pip install`."""
    (block,) = [
        text
        for language, text in fenced_blocks((project / "README.md").read_text())
        if language == "shell" and "pip install" in text
    ]
    return block


def transcript_matches(expected: str, actual: str) -> bool:
    """Whether `actual` output is what a README transcript shows, in which `...` stands for any
    text."""
    pattern = ".*?".join(map(re.escape, expected.strip().split("...")))
    return re.fullmatch(pattern, actual.strip(), re.DOTALL) is not None
