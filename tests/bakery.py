"""The option sets the template's tests bake, and the test parameters that name them.

The machinery that bakes, runs and serves them is the harness package at the template's root.
"""

from collections.abc import Iterable

import pytest

from harness.answers import ALGORITHMS

# The option sets every test of test_bake.py runs on: each option value is in at least one, every
# combination of the options that interact has its own, and one bake per family of signing
# algorithm (HMAC, RSA PKCS#1 v1.5, RSA-PSS, ECDSA, EdDSA) stands for that family. An algorithm's
# family decides its code, keys and tests; its hash size only their sizes, so the other sizes run
# the tests that sign and verify (test_algorithms.py), not the whole list again. Options that
# cannot affect each other share a bake: the algorithm changes no request, the header keyword and
# the lifetimes no key.
OPTION_SETS: dict[str, dict] = {
    "default": {},
    # Sign-up and password reset, and the second factor, ride along here with header tokens and
    # username login, and in EdDSA-cookie-stateless-postgresql with the others: they change no
    # token and no key. The cookie set has the second factor too.
    "HS512-JWT-keyword-long-lifetimes": {
        "jwt_algorithm": "HS512",
        "auth_header_type": "JWT",
        "access_token_lifetime_minutes": 60,
        "refresh_token_lifetime_days": 30,
        "registration": True,
        "second_factor": "totp",
    },
    "RS256-rotation-without-blacklist": {
        "jwt_algorithm": "RS256",
        "blacklist_after_rotation": False,
    },
    "PS256-blacklist-without-rotation": {
        "jwt_algorithm": "PS256",
        "rotate_refresh_tokens": False,
    },
    "ES256-no-rotation-no-blacklist": {
        "jwt_algorithm": "ES256",
        "rotate_refresh_tokens": False,
        "blacklist_after_rotation": False,
    },
    # Without the container files: they depend on no other option.
    "stateless-without-docker": {"stateless_auth": True, "docker": False},
    "postgresql": {"database": "postgresql"},
    # The second factor without passkeys: the front end's code-only login and security section
    # (login_second_factor.js, factors.js), which only a cookie bake has.
    "cookie": {"token_transport": "cookie", "second_factor": "totp"},
    # Without the blacklist, cookie logout only clears the cookie; without rotation, refresh
    # leaves it alone.
    "cookie-no-rotation-no-blacklist": {
        "token_transport": "cookie",
        "rotate_refresh_tokens": False,
        "blacklist_after_rotation": False,
    },
    # Public keys, the cookie and stateless authentication each touch the tokens app: together,
    # with PostgreSQL, this bake has every optional file and every optional dependency. Login by
    # email rides along: it changes the token endpoint, the stateless claims and the cookie
    # views, and its concurrent sign-up test needs PostgreSQL. So does registration: its sign-up
    # takes the email as the login, and a reset must end the tokens of cookie and stateless
    # clients too. Passkeys ride here: they need the cookie front end's origin, and
    # test_browser.py makes one in Chromium against this bake.
    "EdDSA-cookie-stateless-postgresql": {
        "jwt_algorithm": "EdDSA",
        "token_transport": "cookie",
        "stateless_auth": True,
        "database": "postgresql",
        "login_field": "email",
        "registration": True,
        "second_factor": "totp_and_passkeys",
    },
}
# The option sets whose bakes test_fresh_environment.py makes as a user would (`uvx cookiecutter`)
# and runs every command of their CI workflow on, lint, type-check and test suite included, on
# both Pythons of its matrix: test_bake.py does not run those commands on them a third time.
WORKFLOW_SETS = ("default", "EdDSA-cookie-stateless-postgresql")
# The algorithms the option sets bake, and the others: test_algorithms.py runs the others' signing
# and verifying tests.
BAKED_ALGORITHMS = {
    answers.get("jwt_algorithm", ALGORITHMS[0]) for answers in OPTION_SETS.values()
}
OTHER_ALGORITHMS = tuple(name for name in ALGORITHMS if name not in BAKED_ALGORITHMS)
# The API's operations differ with these options only (the algorithm changes no request or
# response): the schema fuzz runs for one bake of each, not for all. test_fresh_environment.py
# fuzzes the default bake and EdDSA-cookie-stateless-postgresql, on two Pythons.
FUZZED_OPTION_SETS = (
    "HS512-JWT-keyword-long-lifetimes",
    "ES256-no-rotation-no-blacklist",
    "stateless-without-docker",
    "postgresql",
    "cookie",
    "cookie-no-rotation-no-blacklist",
)


def option_set(name: str, *values: object):
    """A test parameter for the option set `name` of OPTION_SETS (and `values`, for the test's
    other arguments): the tests of one option set run on one worker, which bakes it once."""
    return pytest.param(name, *values, marks=pytest.mark.xdist_group(name))


def option_sets(names: Iterable[str]) -> list:
    """A test parameter for each option set in `names`."""
    return [option_set(name) for name in names]
