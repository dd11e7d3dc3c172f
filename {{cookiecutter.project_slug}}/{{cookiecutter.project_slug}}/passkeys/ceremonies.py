"""The WebAuthn ceremonies, checked by py_webauthn: options for the browser, and the check of
what the authenticator answered.

Every challenge is random (256 bits), lives CHALLENGE_LIFETIME, and is deleted by the first
response that names it, before that response is checked: a response is never accepted twice,
and a wrong one burns its challenge. The relying party (the site whose passkeys these are) is
the front end's: settings.PASSKEYS_RP_ID and PASSKEYS_ORIGIN, from DJANGO_FRONTEND_URL.
"""

import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from webauthn import (
    base64url_to_bytes,
    generate_authentication_options,
    generate_registration_options,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import (
    bytes_to_base64url,
    options_to_json_dict,
    parse_authentication_credential_json,
    parse_client_data_json,
    parse_registration_credential_json,
)
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from .models import Ceremony, Passkey, PasskeyChallenge

CHALLENGE_LIFETIME = timedelta(minutes=5)
TIMEOUT_MS = int(CHALLENGE_LIFETIME.total_seconds() * 1000)
MAX_PASSKEYS = 10


class Refused(Exception):
    """The response is malformed, names no live challenge of this ceremony, or does not verify."""


def _new_challenge(
    ceremony: Ceremony, user: AbstractBaseUser | None = None, **binding: str
) -> bytes:
    challenge = secrets.token_bytes(32)
    now = timezone.now()
    # Expired challenges go as new ones come: they never pile up.
    PasskeyChallenge.objects.filter(expires_at__lte=now).delete()
    PasskeyChallenge.objects.create(
        challenge=bytes_to_base64url(challenge),
        ceremony=ceremony,
        user_id=None if user is None else user.pk,
        expires_at=now + CHALLENGE_LIFETIME,
        **binding,
    )
    return challenge


def _spend_challenge(
    client_data_json: bytes, ceremony: Ceremony, **binding: object
) -> PasskeyChallenge:
    """The challenge the response's client data names, deleted, if it is a live challenge of
    `ceremony` with `binding` (its user, its login challenge); Refused otherwise."""
    try:
        challenge = parse_client_data_json(client_data_json).challenge
    except (WebAuthnException, ValueError) as error:
        raise Refused from error
    live = PasskeyChallenge.objects.filter(
        challenge=bytes_to_base64url(challenge),
        ceremony=ceremony,
        expires_at__gt=timezone.now(),
        **binding,
    )
    spent = live.first()
    # Deleted by one response only, however many race: the one that deleted the row goes on.
    if spent is None or not live.delete()[0]:
        raise Refused
    return spent


def _descriptors(user: AbstractBaseUser) -> list[PublicKeyCredentialDescriptor]:
    return [
        PublicKeyCredentialDescriptor(
            id=base64url_to_bytes(passkey.credential_id),
            transports=[
                AuthenticatorTransport(name)
                for name in passkey.transports
                if name in AuthenticatorTransport._value2member_map_
            ],
        )
        for passkey in Passkey.objects.filter(user_id=user.pk)
    ]


def user_handle(user: AbstractBaseUser) -> str:
    """The user's WebAuthn user handle: their passkeys' one, or a new random one."""
    existing = Passkey.objects.filter(user_id=user.pk).values_list("user_handle", flat=True)
    return existing.first() or bytes_to_base64url(secrets.token_bytes(32))


def registration_options(user: AbstractBaseUser) -> dict[str, Any]:
    """Options for navigator.credentials.create(): a discoverable credential (it can log in with
    no account named), none of the user's passkeys again, no attestation asked."""
    handle = user_handle(user)
    options = generate_registration_options(
        rp_id=settings.PASSKEYS_RP_ID,
        rp_name=settings.PASSKEYS_RP_NAME,
        user_name=user.get_username(),
        user_id=base64url_to_bytes(handle),
        challenge=_new_challenge(Ceremony.REGISTRATION, user, user_handle=handle),
        timeout=TIMEOUT_MS,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
        exclude_credentials=_descriptors(user),
    )
    return options_to_json_dict(options)


def register(user: AbstractBaseUser, credential: object, name: str) -> Passkey:
    """The passkey of `credential`, an answer to the user's registration options, added."""
    try:
        parsed = parse_registration_credential_json(credential)  # type: ignore[arg-type]
        challenge = _spend_challenge(
            parsed.response.client_data_json, Ceremony.REGISTRATION, user_id=user.pk
        )
        verified = verify_registration_response(
            credential=parsed,
            expected_challenge=base64url_to_bytes(challenge.challenge),
            expected_rp_id=settings.PASSKEYS_RP_ID,
            expected_origin=settings.PASSKEYS_ORIGIN,
        )
    except (WebAuthnException, ValueError) as error:
        raise Refused from error
    credential_id = bytes_to_base64url(verified.credential_id)
    if Passkey.objects.filter(credential_id=credential_id).exists():
        raise Refused
    return Passkey.objects.create(
        user_id=user.pk,
        credential_id=credential_id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        transports=[str(transport) for transport in parsed.response.transports or []],
        user_handle=challenge.user_handle,
        name=name,
    )


def second_factor_options(user: AbstractBaseUser, login_challenge: str) -> dict[str, Any]:
    """Options for navigator.credentials.get() in the second step of a login: one of the
    user's passkeys, bound to the login's challenge (its hash)."""
    options = generate_authentication_options(
        rp_id=settings.PASSKEYS_RP_ID,
        challenge=_new_challenge(Ceremony.SECOND_FACTOR, user, login_challenge=login_challenge),
        timeout=TIMEOUT_MS,
        allow_credentials=_descriptors(user),
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    return options_to_json_dict(options)


def login_options() -> dict[str, Any]:
    """Options for a login without a password: any discoverable passkey of this site, which
    must verify its user. The same for everyone: no account is named."""
    options = generate_authentication_options(
        rp_id=settings.PASSKEYS_RP_ID,
        challenge=_new_challenge(Ceremony.LOGIN),
        timeout=TIMEOUT_MS,
        user_verification=UserVerificationRequirement.REQUIRED,
    )
    return options_to_json_dict(options)


def parse_assertion(credential: object) -> Any:
    try:
        return parse_authentication_credential_json(credential)  # type: ignore[arg-type]
    except (WebAuthnException, ValueError) as error:
        raise Refused from error


def passkey_of(assertion: Any, **owner: object) -> Passkey:
    """The passkey an assertion names, locked (of `owner`'s only, if given); Refused if none."""
    passkey = (
        Passkey.objects.select_for_update()
        .filter(credential_id=bytes_to_base64url(assertion.raw_id), **owner)
        .first()
    )
    if passkey is None:
        raise Refused
    return passkey


def verify(passkey: Passkey, assertion: Any, challenge: bytes, *, user_verification: bool) -> None:
    """Check `assertion` by `passkey` for `challenge`: Refused unless it verifies and counts
    past the passkey's signature counter; then the passkey records its use."""
    try:
        verified = verify_authentication_response(
            credential=assertion,
            expected_challenge=challenge,
            expected_rp_id=settings.PASSKEYS_RP_ID,
            expected_origin=settings.PASSKEYS_ORIGIN,
            credential_public_key=bytes(passkey.public_key),
            credential_current_sign_count=passkey.sign_count,
            require_user_verification=user_verification,
        )
    except (WebAuthnException, ValueError) as error:
        raise Refused from error
    passkey.sign_count = verified.new_sign_count
    passkey.last_used_at = timezone.now()
    passkey.save(update_fields=["sign_count", "last_used_at"])


def login(credential: object) -> tuple[Passkey, Any, bytes]:
    """The passkey a login without a password names, its assertion and the login challenge it
    answers (spent, for good, even if the assertion is then refused); Refused if any is
    missing. The caller checks the assertion (verify, with user verification) in a
    transaction: passkey_of locks the passkey."""
    assertion = parse_assertion(credential)
    challenge = _spend_challenge(assertion.response.client_data_json, Ceremony.LOGIN).challenge
    passkey = Passkey.objects.filter(credential_id=bytes_to_base64url(assertion.raw_id)).first()
    handle = assertion.response.user_handle
    # A discoverable credential answers the user handle it was created for.
    if passkey is None or handle is None or bytes_to_base64url(handle) != passkey.user_handle:
        raise Refused
    return passkey, assertion, base64url_to_bytes(challenge)


def reauthentication_options(user: AbstractBaseUser) -> dict[str, Any]:
    """Options for navigator.credentials.get() when the signed-in user proves a passkey again
    (to renew the recovery codes): one of the user's passkeys, for this ceremony only."""
    options = generate_authentication_options(
        rp_id=settings.PASSKEYS_RP_ID,
        challenge=_new_challenge(Ceremony.REAUTHENTICATION, user),
        timeout=TIMEOUT_MS,
        allow_credentials=_descriptors(user),
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    return options_to_json_dict(options)


def answer_second_factor(user: AbstractBaseUser, login_challenge: str, credential: object) -> bool:
    """Whether `credential` is an assertion by one of `user`'s passkeys for a live challenge of
    this login (`login_challenge`, its hash)."""
    return _answered(user, credential, Ceremony.SECOND_FACTOR, login_challenge=login_challenge)


def reauthenticate(user: AbstractBaseUser, credential: object) -> bool:
    """Whether `credential` is an assertion by one of `user`'s passkeys for a live challenge of
    reauthentication_options."""
    return _answered(user, credential, Ceremony.REAUTHENTICATION)


def _answered(
    user: AbstractBaseUser, credential: object, ceremony: Ceremony, **binding: str
) -> bool:
    with transaction.atomic():
        try:
            assertion = parse_assertion(credential)
            challenge = _spend_challenge(
                assertion.response.client_data_json, ceremony, user_id=user.pk, **binding
            )
            passkey = passkey_of(assertion, user_id=user.pk)
            verify(
                passkey,
                assertion,
                base64url_to_bytes(challenge.challenge),
                user_verification=False,
            )
        except Refused:
            return False
    return True
