"""Where things are in the template's repository."""

from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent
# Screenshots and other files a test leaves for people to look at; git-ignored.
ARTIFACTS = TEMPLATE / "test-artifacts"
