"""Addresses in other spellings, as the tests of every way in give them: the form each is kept
in (users/addresses.py), or none, and the refusal of those without one."""

from .helpers import LOGIN_FIELD

# Other spellings of one address, and the form each is kept in.
CANONICAL_FORMS = [
    ("Sam@EXAMPLE.COM", "sam@example.com"),
    ("sam@xn--bcher-kva.example", "sam@b\u00fccher.example"),
    ("SAM@B\u00dcCHER.example", "sam@b\u00fccher.example"),
]
# Addresses with no such form: each may be another string for the mailbox of a plain address.
NO_CANONICAL_FORM = [
    "\u017fam@example.com",  # long s: NFKC and case folding make it "s"
    "\u212aate@example.com",  # Kelvin sign: they make it "k"
    '"sam"@example.com',  # a quoted local part delivers to sam@
    "sam@exa\u00admple.com",  # soft hyphen: IDNA maps it away
    "sam@exa\u200bmple.com",  # zero-width space, likewise
    "sam@example.com\ufe0f",  # variation selector, likewise
    "sam@\uff45xample.com",  # full-width e: NFKC makes it "e"
]
REFUSAL = "Enter the address as your mail provider writes it: plain letters, no quotes."


def account(address: str) -> dict[str, str]:
    """create_user's fields for an account of `address`: the address alone where it is the
    login, beside the username `sam` where users log in by username."""
    return {LOGIN_FIELD: "sam"} | {"email": address}
