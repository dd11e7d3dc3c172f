"""Passkeys (passkeys/), driven by a software authenticator (webauthn_authenticator.py): added
by a signed-in user who gives the password again, answering a login's challenge, and logging in
alone. What an attacker tries is written beside each test: replaying an answer, answering from
another site, with another user's passkey, after a passkey was removed, with a cloned
authenticator (its counter goes back), without user verification, and with malformed bodies."""

from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pyotp
import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient
from webauthn.helpers import bytes_to_base64url

from {{ cookiecutter.project_slug }} import events
from {{ cookiecutter.project_slug }}.factors.challenges import MAX_ATTEMPTS
from {{ cookiecutter.project_slug }}.passkeys.ceremonies import CHALLENGE_LIFETIME
from {{ cookiecutter.project_slug }}.passkeys.models import Passkey, PasskeyChallenge

from .helpers import (
    ALICE,
    PASSWORD,
    TOKEN_FIELDS,
    bearer,
    credentials,
    login_answers,
    login_of,
    new_api_client,
    refresh_token_in,
    refresh_with,
)
from .webauthn_authenticator import Authenticator

if TYPE_CHECKING:
    # What the test client returns (in the type stubs only): a DRF Response with json().
    from rest_framework.response import _MonkeyPatchedResponse as TestResponse

BOB = login_of("bob")


def log_in(name: str = ALICE) -> "TestResponse":
    """The answer of the first step of a login (the password)."""
    return new_api_client().post(reverse("token_obtain_pair"), credentials(name, PASSWORD))


def tokens_of(response: "TestResponse") -> dict[str, str]:
    assert response.status_code == 200, response.content
    assert response.json().keys() >= TOKEN_FIELDS
    return {"access": response.json()["access"], "refresh": refresh_token_in(response)}


def client_of(access: str) -> APIClient:
    client = APIClient()
    client.credentials(**bearer(access))
    return client


def registration_options(access: str) -> dict[str, Any]:
    response = client_of(access).post(reverse("passkey_options"), {"password": PASSWORD})
    assert response.status_code == 200, response.content
    return response.json()


def register(access: str, credential: dict[str, Any]) -> "TestResponse":
    return client_of(access).post(
        reverse("passkeys"), {"credential": credential, "name": "laptop"}, format="json"
    )


def add_passkey(access: str, authenticator: Authenticator) -> dict[str, Any]:
    """Add a passkey of `authenticator` for the user of `access`; the answer."""
    response = register(access, authenticator.create(registration_options(access)))
    assert response.status_code == 201, response.content
    return response.json()


def second_step_options(challenge: str) -> dict[str, Any]:
    response = new_api_client().post(
        reverse("token_second_factor_passkey_options"), {"challenge": challenge}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def second_step(challenge: str, credential: dict[str, Any]) -> "TestResponse":
    return new_api_client().post(
        reverse("token_second_factor_passkey"),
        {"challenge": challenge, "credential": credential},
        format="json",
    )


def login_options() -> dict[str, Any]:
    response = new_api_client().post(reverse("token_passkey_options"), format="json")
    assert response.status_code == 200, response.content
    return response.json()


def passwordless(credential: dict[str, Any]) -> "TestResponse":
    return new_api_client().post(
        reverse("token_passkey"), {"credential": credential}, format="json"
    )


def assert_refused(response: "TestResponse", code: str) -> None:
    assert response.status_code == 401, response.content
    assert response.json()["code"] == code
    assert not response.cookies


@pytest.fixture
def authenticator() -> Authenticator:
    return Authenticator()


@pytest.fixture
def added(user, authenticator) -> dict[str, Any]:
    """Alice's passkey, added in a session of hers; its answer."""
    return add_passkey(tokens_of(log_in())["access"], authenticator)


@pytest.fixture
def challenge(added) -> str:
    response = log_in()
    assert response.status_code == 200, response.content
    return response.json()["challenge"]


@pytest.fixture
def bob(db):
    return get_user_model().objects.create_user(
        **({"email": "bob@example.com"} | credentials(BOB, PASSWORD))
    )


# Adding and removing passkeys.


def test_adding_a_passkey_needs_the_password(user):
    # A stolen access token (a session left open) cannot add the thief's passkey.
    access = tokens_of(log_in())["access"]

    response = client_of(access).post(reverse("passkey_options"), {"password": "wrong"})

    assert response.status_code == 400
    assert "password" in response.json()
    assert not PasskeyChallenge.objects.exists()


def test_the_passkeys_need_a_valid_access_token(db):
    assert APIClient().get(reverse("passkeys")).status_code == 401
    assert APIClient().post(reverse("passkey_options"), {"password": PASSWORD}).status_code == 401


def test_registration_options_name_the_front_ends_site_and_a_discoverable_credential(
    user, settings
):
    options = registration_options(tokens_of(log_in())["access"])

    assert options["rp"]["id"] == settings.PASSKEYS_RP_ID
    assert options["authenticatorSelection"]["residentKey"] == "required"
    assert options["attestation"] == "none"
    # The user handle is random: not the account's id or name.
    assert options["user"]["id"] not in {str(user.pk), ALICE}
    assert len(options["challenge"]) >= 43


def test_a_first_passkey_comes_with_recovery_codes_and_is_listed(user, authenticator):
    access = tokens_of(log_in())["access"]

    answer = add_passkey(access, authenticator)
    listed = client_of(access).get(reverse("passkeys")).json()

    assert len(answer["recovery_codes"]) == 10
    assert [passkey["name"] for passkey in listed] == ["laptop"]
    assert listed[0]["last_used_at"] is None
    # A second passkey keeps the codes the user has.
    assert add_passkey(access, Authenticator())["recovery_codes"] == []


def test_adding_a_passkey_ends_the_other_sessions(user, authenticator):
    other = tokens_of(log_in())
    access = tokens_of(log_in())["access"]

    add_passkey(access, authenticator)

    assert refresh_with(new_api_client(), other["refresh"]).status_code == 401


def test_a_registration_answer_is_accepted_once(user, authenticator):
    # A replayed registration (captured, or sent twice) adds nothing.
    access = tokens_of(log_in())["access"]
    credential = authenticator.create(registration_options(access))
    assert register(access, credential).status_code == 201

    assert register(access, credential).status_code == 400
    assert Passkey.objects.count() == 1


def test_a_registration_answer_from_another_site_is_refused(user, authenticator):
    # A phishing page that relays the options gets an answer with its own origin.
    access = tokens_of(log_in())["access"]
    options = registration_options(access)

    response = register(access, authenticator.create(options, origin="https://evil.example"))

    assert response.status_code == 400
    assert not Passkey.objects.exists()


def test_a_registration_answer_for_another_relying_party_is_refused(user, authenticator):
    access = tokens_of(log_in())["access"]
    options = registration_options(access)

    response = register(access, authenticator.create(options, rp_id="evil.example"))

    assert response.status_code == 400
    assert not Passkey.objects.exists()


def test_registration_options_of_one_user_do_not_register_for_another(user, bob, authenticator):
    # The challenge is bound to the user it was given to.
    options = registration_options(tokens_of(log_in())["access"])

    response = register(tokens_of(log_in(BOB))["access"], authenticator.create(options))

    assert response.status_code == 400
    assert not Passkey.objects.exists()


def test_registration_options_expire(user, authenticator):
    options = registration_options(tokens_of(log_in())["access"])

    later = timezone.now() + CHALLENGE_LIFETIME + timedelta(seconds=1)
    with time_machine.travel(later, tick=False):
        # A fresh access token: the first one's lifetime may be as short.
        response = register(tokens_of(log_in())["access"], authenticator.create(options))

    assert response.status_code == 400


def test_removing_a_passkey_needs_the_password_and_ends_the_other_sessions(added):
    other = tokens_of(challenge_answered())
    access = tokens_of(challenge_answered())["access"]
    url = reverse("passkey", args=[added["passkey"]["id"]])

    wrong = client_of(access).delete(url, {"password": "wrong"}, format="json")
    removed = client_of(access).delete(url, {"password": PASSWORD}, format="json")

    assert wrong.status_code == 400
    assert removed.status_code == 204
    assert refresh_with(new_api_client(), other["refresh"]).status_code == 401
    # The last factor gone, the password alone logs in again.
    assert log_in().json().keys() >= TOKEN_FIELDS


def test_another_users_passkey_cannot_be_removed(added, bob):
    access = tokens_of(log_in(BOB))["access"]

    response = client_of(access).delete(
        reverse("passkey", args=[added["passkey"]["id"]]), {"password": PASSWORD}, format="json"
    )

    assert response.status_code == 404
    assert Passkey.objects.count() == 1


# The second step of a login.


def challenge_answered(authenticator: Authenticator | None = None) -> "TestResponse":
    """A login of Alice's through both steps, her passkey answering the challenge."""
    challenge = log_in().json()["challenge"]
    credential = (authenticator or AUTHENTICATOR).get(second_step_options(challenge))
    return second_step(challenge, credential)


AUTHENTICATOR = Authenticator()


@pytest.fixture(autouse=True)
def _one_authenticator(authenticator, monkeypatch):
    # challenge_answered() answers with the test's authenticator.
    monkeypatch.setattr(f"{__name__}.AUTHENTICATOR", authenticator)


def test_with_a_passkey_the_password_answers_a_challenge_a_passkey_can_answer(challenge):
    response = log_in()

    assert response.json()["methods"] == ["passkey", "recovery_code"]
    assert not response.cookies


def test_a_recovery_code_of_the_first_passkey_answers_a_challenge(added):
    # The passkey lost with its phone: a recovery code still gets its owner in, once.
    code = added["recovery_codes"][0]
    answer = {"challenge": log_in().json()["challenge"], "recovery_code": code}

    tokens_of(new_api_client().post(reverse("token_second_factor"), answer))
    answer["challenge"] = log_in().json()["challenge"]
    again = new_api_client().post(reverse("token_second_factor"), answer)

    assert_refused(again, "second_factor_code")


def test_with_an_authenticator_app_too_the_challenge_offers_both(challenge, authenticator):
    tokens = tokens_of(second_step(challenge, authenticator.get(second_step_options(challenge))))
    client = client_of(tokens["access"])
    secret = client.post(reverse("totp"), {"password": PASSWORD}).json()["secret"]
    confirmed = client.post(reverse("totp_confirm"), {"totp": pyotp.TOTP(secret).now()})
    assert confirmed.status_code == 200, confirmed.content

    assert log_in().json()["methods"] == ["totp", "passkey", "recovery_code"]


# Recovery codes of a user with passkeys.


def recovery_code_answer(code: str) -> "TestResponse":
    """The second step of a new login of Alice's, answered with recovery code `code`."""
    answer = {"challenge": log_in().json()["challenge"], "recovery_code": code}
    return new_api_client().post(reverse("token_second_factor"), answer)


def renewal_options(access: str) -> dict[str, Any]:
    response = client_of(access).post(reverse("passkey_recovery_codes_options"), format="json")
    assert response.status_code == 200, response.content
    return response.json()


def renew_with_passkey(
    access: str, credential: dict[str, Any], password: str = PASSWORD
) -> "TestResponse":
    return client_of(access).post(
        reverse("passkey_recovery_codes"),
        {"password": password, "credential": credential},
        format="json",
    )


def test_turning_the_authenticator_app_off_keeps_the_recovery_codes_of_passkeys(
    challenge, authenticator
):
    # The passkey still asks for a second factor: its owner must still be able to recover.
    access = tokens_of(second_step(challenge, authenticator.get(second_step_options(challenge))))[
        "access"
    ]
    client = client_of(access)
    secret = client.post(reverse("totp"), {"password": PASSWORD}).json()["secret"]
    codes = client.post(reverse("totp_confirm"), {"totp": pyotp.TOTP(secret).now()}).json()[
        "recovery_codes"
    ]

    off = client.post(reverse("totp_disable"), {"password": PASSWORD, "recovery_code": codes[0]})

    assert off.status_code == 204, off.content
    assert client.get(reverse("factors")).json() == {"totp": False, "recovery_codes": 9}
    assert log_in().json()["methods"] == ["passkey", "recovery_code"]
    assert tokens_of(recovery_code_answer(codes[1]))


def test_with_passkeys_only_a_recovery_code_renews_the_recovery_codes(added):
    other = tokens_of(challenge_answered())
    access = tokens_of(challenge_answered())["access"]
    old = added["recovery_codes"]

    response = client_of(access).post(
        reverse("recovery_codes"), {"password": PASSWORD, "recovery_code": old[0]}
    )

    assert response.status_code == 200, response.content
    new = response.json()["recovery_codes"]
    assert len(new) == 10
    assert set(new).isdisjoint(old)
    assert_refused(recovery_code_answer(old[1]), "second_factor_code")
    assert tokens_of(recovery_code_answer(new[0]))
    assert refresh_with(new_api_client(), other["refresh"]).status_code == 401


def test_with_passkeys_only_a_passkey_renews_the_recovery_codes(added, authenticator):
    # The codes used up, or lost: the passkey and the password give new ones.
    other = tokens_of(challenge_answered())
    access = tokens_of(challenge_answered())["access"]
    old = added["recovery_codes"]
    credential = authenticator.get(renewal_options(access))

    response = renew_with_passkey(access, credential)
    again = renew_with_passkey(access, credential)

    assert response.status_code == 200, response.content
    new = response.json()["recovery_codes"]
    assert set(new).isdisjoint(old)
    assert_refused(recovery_code_answer(old[0]), "second_factor_code")
    assert tokens_of(recovery_code_answer(new[0]))
    assert refresh_with(new_api_client(), other["refresh"]).status_code == 401
    # A captured answer is accepted once.
    assert again.status_code == 400


def test_renewing_the_recovery_codes_with_a_passkey_needs_the_password(added, authenticator):
    access = tokens_of(challenge_answered())["access"]

    response = renew_with_passkey(access, authenticator.get(renewal_options(access)), "wrong")

    assert response.status_code == 400
    assert response.json().keys() == {"password"}
    assert tokens_of(recovery_code_answer(added["recovery_codes"][0]))


@pytest.mark.parametrize(
    "bend", [{"origin": "https://evil.example"}, {"rp_id": "evil.example"}], ids=str
)
def test_a_renewal_answer_from_another_site_is_refused(added, authenticator, bend):
    access = tokens_of(challenge_answered())["access"]

    response = renew_with_passkey(access, authenticator.get(renewal_options(access), **bend))

    assert response.status_code == 400
    assert response.json().keys() == {"credential"}


def test_a_login_and_a_renewal_answer_do_not_stand_in_for_each_other(challenge, authenticator):
    # An assertion a phishing page got for a login does not renew the codes, nor the reverse.
    for_login = authenticator.get(second_step_options(challenge))
    access = tokens_of(challenge_answered())["access"]
    for_renewal = authenticator.get(renewal_options(access))

    assert renew_with_passkey(access, for_login).status_code == 400
    assert_refused(second_step(challenge, for_renewal), "second_factor_code")


def test_renewal_options_are_for_a_user_with_passkeys(bob, added, authenticator):
    # Bob has no passkey: no options; Alice's options name her passkeys only.
    bobs = client_of(tokens_of(log_in(BOB))["access"]).post(
        reverse("passkey_recovery_codes_options"), format="json"
    )
    alices = renewal_options(tokens_of(challenge_answered())["access"])

    assert bobs.status_code == 400
    assert [allowed["id"] for allowed in alices["allowCredentials"]] == [
        bytes_to_base64url(authenticator.credentials[-1].id)
    ]


def test_the_schema_shows_passkey_among_the_challenges_methods(api_client, db):
    schema = api_client.get(reverse("schema"), {"format": "json"}).json()

    [challenge] = [answer for answer in login_answers(schema) if "methods" in answer["required"]]
    methods = challenge["properties"]["methods"]["items"]["$ref"].rsplit("/", 1)[-1]
    assert "passkey" in schema["components"]["schemas"][methods]["enum"]


def test_a_passkey_answers_the_challenge_with_the_tokens(challenge, authenticator):
    options = second_step_options(challenge)

    tokens = tokens_of(second_step(challenge, authenticator.get(options)))

    assert refresh_with(new_api_client(), tokens["refresh"]).status_code == 200
    assert Passkey.objects.get().last_used_at is not None
    # The options offered Alice's passkey only.
    assert [c["id"] for c in options["allowCredentials"]] == [Passkey.objects.get().credential_id]


def test_an_assertion_is_accepted_once(challenge, authenticator):
    # A captured answer replayed, in a new login of the attacker's who has the password.
    credential = authenticator.get(second_step_options(challenge))
    tokens_of(second_step(challenge, credential))

    again = log_in().json()["challenge"]
    second_step_options(again)

    assert_refused(second_step(again, credential), "second_factor_code")


def test_an_assertion_for_another_login_is_refused(challenge, authenticator):
    # The options of one login do not answer another's challenge.
    credential = authenticator.get(second_step_options(challenge))
    other = log_in().json()["challenge"]

    assert_refused(second_step(other, credential), "second_factor_code")


def test_an_assertion_from_another_site_is_refused(challenge, authenticator):
    options = second_step_options(challenge)

    response = second_step(challenge, authenticator.get(options, origin="https://evil.example"))

    assert_refused(response, "second_factor_code")


def test_an_assertion_for_another_relying_party_is_refused(challenge, authenticator):
    options = second_step_options(challenge)

    response = second_step(challenge, authenticator.get(options, rp_id="evil.example"))

    assert_refused(response, "second_factor_code")


def test_another_users_passkey_does_not_answer_a_challenge(challenge, bob):
    # Bob's own passkey, answering Alice's challenge (Bob knows her password).
    bobs = Authenticator()
    add_passkey(tokens_of(log_in(BOB))["access"], bobs)

    response = second_step(challenge, bobs.get(second_step_options(challenge)))

    assert_refused(response, "second_factor_code")


def test_a_cloned_authenticator_whose_counter_goes_back_is_refused(challenge, authenticator):
    tokens_of(second_step(challenge, authenticator.get(second_step_options(challenge))))
    challenge = log_in().json()["challenge"]

    response = second_step(
        challenge, authenticator.get(second_step_options(challenge), sign_count=1)
    )

    assert_refused(response, "second_factor_code")


def test_the_passkey_options_expire(challenge, authenticator):
    options = second_step_options(challenge)

    later = timezone.now() + CHALLENGE_LIFETIME + timedelta(seconds=1)
    with time_machine.travel(later, tick=False):
        response = second_step(challenge, authenticator.get(options))

    assert_refused(response, "second_factor_challenge")


def test_a_removed_passkey_answers_no_challenge(added, authenticator):
    access = tokens_of(challenge_answered())["access"]
    # A second factor stays on: the login still asks for one.
    add_passkey(access, Authenticator())
    client_of(access).delete(
        reverse("passkey", args=[added["passkey"]["id"]]), {"password": PASSWORD}, format="json"
    )
    challenge = log_in().json()["challenge"]

    response = second_step(challenge, authenticator.get(second_step_options(challenge)))

    assert_refused(response, "second_factor_code")


def test_wrong_assertions_end_the_challenge_and_count_against_the_account(
    challenge, authenticator
):
    # Answers signed for challenges the server never gave: each one a wrong guess.
    made_up = {"challenge": "bWFkZS11cA"}
    for _ in range(MAX_ATTEMPTS):
        second_step(challenge, authenticator.get(made_up))

    options = second_step_options(log_in().json()["challenge"])
    assert_refused(second_step(challenge, authenticator.get(options)), "second_factor_challenge")
    # The account's limit counts every wrong answer, of any challenge.
    challenge = log_in().json()["challenge"]
    for _ in range(MAX_ATTEMPTS):
        second_step(challenge, authenticator.get(made_up))
    challenge = log_in().json()["challenge"]
    response = second_step(challenge, authenticator.get(second_step_options(challenge)))

    assert response.status_code == 429


def test_options_need_a_live_challenge(db):
    response = new_api_client().post(
        reverse("token_second_factor_passkey_options"), {"challenge": "made-up"}, format="json"
    )

    assert_refused(response, "second_factor_challenge")


# Login with a passkey alone.


def test_a_passkey_that_verifies_its_user_logs_in_alone(added, authenticator):
    tokens = tokens_of(passwordless(authenticator.get(login_options())))

    assert refresh_with(new_api_client(), tokens["refresh"]).status_code == 200


def test_the_login_options_are_the_same_for_everyone(added):
    # No account is named: nothing tells who has a passkey.
    options = login_options()

    assert options.keys() == login_options().keys()
    assert options["allowCredentials"] == []
    assert options["userVerification"] == "required"


def test_a_passkey_without_user_verification_does_not_log_in_alone(added, authenticator):
    # A stolen security key, with no PIN asked: one factor, not two.
    response = passwordless(authenticator.get(login_options(), user_verified=False))

    assert_refused(response, "passkey_refused")


def test_a_login_answer_is_accepted_once(added, authenticator):
    credential = authenticator.get(login_options())
    tokens_of(passwordless(credential))

    assert_refused(passwordless(credential), "passkey_refused")


def test_a_login_answer_from_another_site_is_refused(added, authenticator):
    response = passwordless(authenticator.get(login_options(), origin="https://evil.example"))

    assert_refused(response, "passkey_refused")


def test_a_login_answer_for_another_relying_party_is_refused(added, authenticator):
    response = passwordless(authenticator.get(login_options(), rp_id="evil.example"))

    assert_refused(response, "passkey_refused")


def test_a_removed_passkey_does_not_log_in(added, authenticator):
    access = tokens_of(challenge_answered())["access"]
    client_of(access).delete(
        reverse("passkey", args=[added["passkey"]["id"]]), {"password": PASSWORD}, format="json"
    )

    assert_refused(passwordless(authenticator.get(login_options())), "passkey_refused")


def test_an_unknown_passkey_does_not_log_in(added):
    stranger = Authenticator()
    stranger.create(registration_options(tokens_of(challenge_answered())["access"]))

    assert_refused(passwordless(stranger.get(login_options())), "passkey_refused")


def test_a_deactivated_users_passkey_does_not_log_in(added, authenticator, user):
    user.is_active = False
    user.save()

    assert_refused(passwordless(authenticator.get(login_options())), "passkey_refused")


def test_login_options_expire(added, authenticator):
    options = login_options()

    later = timezone.now() + CHALLENGE_LIFETIME + timedelta(seconds=1)
    with time_machine.travel(later, tick=False):
        response = passwordless(authenticator.get(options))

    assert_refused(response, "passkey_refused")


def test_a_cloned_authenticators_login_is_refused(added, authenticator):
    tokens_of(passwordless(authenticator.get(login_options())))

    assert_refused(
        passwordless(authenticator.get(login_options(), sign_count=1)), "passkey_refused"
    )


# Malformed bodies: a 400, never a 500.

GARBAGE: list[object] = [
    None,
    "credential",
    [],
    {},
    {"id": 5},
    {"id": "AA", "rawId": "AA", "type": "public-key", "response": {}},
    {
        "id": "AA",
        "rawId": "!!",
        "type": "public-key",
        "response": {
            "clientDataJSON": "e30",
            "authenticatorData": "AA",
            "signature": "AA",
            "userHandle": "!!",
        },
    },
    {
        "id": "AA",
        "rawId": "AA",
        "type": "public-key",
        "response": {"clientDataJSON": "bm90IGpzb24", "attestationObject": "oA"},
    },
]


@pytest.mark.parametrize("credential", GARBAGE)
def test_a_malformed_login_answer_is_refused(added, credential):
    response = passwordless(credential)

    assert response.status_code in {400, 401}, response.content


@pytest.mark.parametrize("credential", GARBAGE)
def test_a_malformed_second_step_is_refused(challenge, credential):
    response = second_step(challenge, credential)

    assert response.status_code in {400, 401}, response.content


@pytest.mark.parametrize("credential", GARBAGE)
def test_a_malformed_registration_is_refused(user, credential):
    access = tokens_of(log_in())["access"]
    registration_options(access)

    assert register(access, credential).status_code == 400


@pytest.mark.parametrize(
    "url", ["token_passkey", "token_second_factor_passkey", "token_second_factor_passkey_options"]
)
def test_a_form_cannot_reach_the_login_steps(db, url):
    response = new_api_client().post(
        reverse(url), {"credential": "x", "challenge": "x"}, format="multipart"
    )

    assert response.status_code == 415


# Security events.


def test_passkey_logins_and_changes_are_security_events(added, authenticator, log_records):
    tokens_of(challenge_answered())
    passwordless(authenticator.get(login_options(), user_verified=False))
    tokens_of(passwordless(authenticator.get(login_options())))

    named = [
        (record.event, getattr(record, "reason", None))
        for record in log_records
        if getattr(record, "event", None)
    ]
    assert named == [
        (events.Event.SECOND_FACTOR_CHALLENGED, None),
        (events.Event.LOGIN_SUCCEEDED, "passkey"),
        (events.Event.SECOND_FACTOR_FAILED, None),
        (events.Event.LOGIN_SUCCEEDED, "passkey_login"),
    ]


def test_adding_a_passkey_is_a_security_event(user, authenticator, log_records):
    add_passkey(tokens_of(log_in())["access"], authenticator)

    assert (events.Event.SECOND_FACTOR_ENABLED, "passkey") in {
        (getattr(record, "event", None), getattr(record, "reason", None)) for record in log_records
    }
