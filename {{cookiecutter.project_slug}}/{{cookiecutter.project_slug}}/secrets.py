"""What every secret key must be before a server starts with it.

A key copied from .env.example, typed by hand or padded to length would let anyone who guesses
it sign sessions or tokens; Django's own `check --deploy` only warns about some of these.
"""

import re

# Words of the values people leave in place of a key ("change-me" in .env.example), compared
# without case, digits or punctuation. "insecure" is in Django's generated development keys.
PLACEHOLDER_WORDS = ("changeme", "changethis", "replaceme", "placeholder", "example", "insecure")
# Random keys have many: 32 random hex digits hold fewer than 8 distinct ones about never.
MIN_DISTINCT_CHARACTERS = 8
HOW_TO_GENERATE = 'generate one with: python -c "import secrets; print(secrets.token_urlsafe(64))"'


def weak_secret(value: str, min_length: int) -> str | None:
    """What is wrong with `value` as a key of at least `min_length` bytes (a placeholder, too
    short, too repetitive), with how to make a good one; None if it looks like a random key."""
    letters = re.sub(r"[^a-z]", "", value.lower())
    if any(word in letters for word in PLACEHOLDER_WORDS):
        problem = "is a placeholder"
    elif len(value.encode()) < min_length:
        problem = f"must be at least {min_length} bytes long"
    elif len(set(value)) < MIN_DISTINCT_CHARACTERS:
        problem = f"must hold at least {MIN_DISTINCT_CHARACTERS} distinct characters"
    else:
        return None
    return f"{problem}: {HOW_TO_GENERATE}"
