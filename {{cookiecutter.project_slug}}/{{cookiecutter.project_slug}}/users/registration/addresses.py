"""One form of an email address per mailbox: what sign-up stores, lookups compare, the unique
constraint holds and the mail limit counts.

An address has that form, or is refused: a mail server delivers `"ada"@example.org` to `ada`,
and IDNA maps a soft hyphen or a zero-width character in the domain away, so such variants are
other strings for one mailbox. Letter case never matters.
"""

import stringprep
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

INVALID = _("Enter the address as your mail provider writes it: plain letters, no quotes.")


def canonical_email(address: str) -> str:
    """The one form of `address`: its local part in lower-case ASCII, its domain as IDNA
    writes it (lower case). Raises ValidationError for an address without one."""
    validate_email(address)
    local, _at, domain = address.rpartition("@")
    # Quoted local parts, and non-ASCII ones (Django's validator lets the long s and the Kelvin
    # sign through as letters, which NFKC and case folding make `s` and `k`).
    if not local.isascii() or '"' in local or "\\" in local:
        raise ValidationError(INVALID, code="invalid")
    # What IDNA maps to nothing (soft hyphen, zero-width characters, variation selectors: its
    # table B.1) or NFKC changes (full-width letters) would be another string for one domain.
    if any(map(stringprep.in_table_b1, domain)) or unicodedata.normalize("NFKC", domain) != domain:
        raise ValidationError(INVALID, code="invalid")
    try:
        # IDNA's own form: lower case, and `xn--` labels as the letters they encode.
        written = domain.encode("idna").decode("idna").lower()
    except UnicodeError:
        raise ValidationError(INVALID, code="invalid") from None
    return f"{local.lower()}@{written}"
