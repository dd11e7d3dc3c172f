"""The check every secret key passes before a server starts with it.

A key copied from .env.example, typed by hand or padded to length would let anyone who guesses
it sign sessions or tokens; `check --deploy` only warns about some of these, and only when run.
"""

import re

from django.core.exceptions import ImproperlyConfigured

# Words of the values people leave in place of a key ("change-me" in .env.example), compared
# without case, digits or punctuation. "insecure" is in Django's generated development keys.
PLACEHOLDER_WORDS = ("changeme", "changethis", "replaceme", "placeholder", "example", "insecure")
# Random keys have many: 32 random hex digits hold fewer than 8 distinct ones about never.
MIN_DISTINCT_CHARACTERS = 8
HOW_TO_GENERATE = 'generate one with: python -c "import secrets; print(secrets.token_urlsafe(64))"'


def check_secret(name: str, value: str, min_length: int) -> None:
    """Raise ImproperlyConfigured, naming the variable `name`, unless `value` looks like a
    random key of at least `min_length` bytes: not a placeholder, not short, not repetitive."""
    letters = re.sub(r"[^a-z]", "", value.lower())
    if any(word in letters for word in PLACEHOLDER_WORDS):
        problem = "is a placeholder"
    elif len(value.encode()) < min_length:
        problem = f"must be at least {min_length} bytes long"
    elif len(set(value)) < MIN_DISTINCT_CHARACTERS:
        problem = f"must hold at least {MIN_DISTINCT_CHARACTERS} distinct characters"
    else:
        return
    raise ImproperlyConfigured(f"{name} {problem}: {HOW_TO_GENERATE}")
