"""No bake reaches into its libraries' internals on the path of a request (issue 23): the user
lookup goes through the ORM's public API, the token backend through simplejwt's token classes,
and PyJWT's algorithms are left as PyJWT registers them."""

import re

import pytest

from bakery import OPTION_SETS, option_sets

LIBRARY_INTERNALS = re.compile(
    # Django's SQL compiler, its column converters and Model.from_db (refresh_from_db is public).
    r"get_compiler|get_db_converters|\bfrom_db\("
    # simplejwt's process-wide backend, assigned or patched.
    r"|state\.token_backend\s*=|setattr\(\s*state\b"
    # PyJWT's process-wide table of algorithms.
    r"|jwt\.(?:un)?register_algorithm"
)


@pytest.mark.parametrize("answers", option_sets(OPTION_SETS), indirect=True)
def test_no_library_internals_and_no_reassigned_library_globals(project):
    found = [
        f"{path.relative_to(project)}:{number}: {line.strip()}"
        for path in sorted(project.rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if LIBRARY_INTERNALS.search(line)
    ]

    assert found == []
