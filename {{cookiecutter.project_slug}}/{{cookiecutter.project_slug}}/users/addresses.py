"""One form of an email address per mailbox: what every account stores, lookups compare, the
unique constraint holds and the mail limit counts.

Every way in goes through it: sign-up's serializer, and the user manager's `normalize_email`
(user_email), which create_user calls (from a shell, createsuperuser or a data migration) and
Django's AbstractUser.clean calls for the admin's forms.

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


def user_email(address: str | None) -> str:
    """`address` as a user's email field holds it: its one form, or blank for none (accounts of
    username bakes may have no address). Raises ValidationError naming the field, `email`, for
    an address without one form, so that a form shows it beside the field."""
    address = (address or "").strip()
    if not address:
        return ""
    try:
        return canonical_email(address)
    except ValidationError as error:
        raise ValidationError({"email": error.error_list}) from None
