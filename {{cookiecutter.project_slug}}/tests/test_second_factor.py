"""The second factor (factors/): an authenticator app's codes (TOTP), computed here with pyotp,
and recovery codes. What an attacker tries is written beside each test: guessing codes, replaying
a code or a challenge, answering one user's challenge with another's code, using a recovery code
twice, and turning the factor off without the password and a code."""

from datetime import timedelta
from typing import TYPE_CHECKING

import pyotp
import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from {{ cookiecutter.project_slug }} import events
from {{ cookiecutter.project_slug }}.factors.challenges import CHALLENGE_LIFETIME, MAX_ATTEMPTS

from .helpers import (
    ALICE,
    PASSWORD,
    TOKEN_FIELDS,
    bearer,
    claims_of,
    credentials,
    login_answers,
    login_of,
    new_api_client,
    refresh_with,
)
from .second_factor import log_in, tokens_of

if TYPE_CHECKING:
    # What the test client returns (in the type stubs only): a DRF Response with json().
    from rest_framework.response import _MonkeyPatchedResponse as TestResponse

SECOND_STEP = reverse("token_second_factor")


def enrol(access: str) -> pyotp.TOTP:
    """Turn the authenticator app on for the user of `access`; the app, as pyotp."""
    client = APIClient()
    client.credentials(**bearer(access))
    started = client.post(reverse("totp"), {"password": PASSWORD})
    assert started.status_code == 201, started.content
    app = pyotp.TOTP(started.json()["secret"])
    confirmed = client.post(reverse("totp_confirm"), {"totp": app.now()})
    assert confirmed.status_code == 200, confirmed.content
    return app


def answer(challenge: str, **code: str) -> "TestResponse":
    return new_api_client().post(SECOND_STEP, {"challenge": challenge, **code})


def next_step() -> time_machine.travel:
    """The clock 30 seconds on: the authenticator app shows its next code."""
    return time_machine.travel(timezone.now() + timedelta(seconds=30), tick=False)


@pytest.fixture
def app(user) -> pyotp.TOTP:
    """Alice's authenticator app, turned on."""
    return enrol(tokens_of(log_in())["access"])


@pytest.fixture
def challenge(app) -> str:
    response = log_in()
    assert response.status_code == 200, response.content
    return response.json()["challenge"]


def test_without_a_second_factor_login_answers_tokens(user):
    assert log_in().json().keys() >= TOKEN_FIELDS


def test_with_a_second_factor_the_password_answers_a_challenge_and_no_token(app):
    response = log_in()

    assert response.status_code == 200
    body = response.json()
    assert body.keys() == {"challenge", "methods", "expires_in"}
    assert body["methods"] == ["totp", "recovery_code"]
    assert not response.cookies


def test_the_schema_shows_that_login_answers_tokens_or_a_challenge(api_client, db):
    schema = api_client.get(reverse("schema"), {"format": "json"}).json()

    answers = [set(component["required"]) for component in login_answers(schema)]
    assert {"challenge", "methods", "expires_in"} in answers
    assert TOKEN_FIELDS in answers


def test_the_challenge_and_a_code_answer_the_tokens_of_a_new_session(app, challenge):
    with next_step():
        tokens = tokens_of(answer(challenge, totp=app.now()))

        sessions = APIClient().get(reverse("session-list"), **bearer(tokens["access"]))
        assert refresh_with(new_api_client(), tokens["refresh"]).status_code == 200
    assert [s["id"] for s in sessions.json() if s["current"]] == [
        claims_of(tokens["access"])["sid"]
    ]


def test_a_wrong_password_gets_no_challenge(app):
    response = new_api_client().post(
        reverse("token_obtain_pair"), credentials(ALICE, "wrong-password")
    )

    assert response.status_code == 401
    assert "challenge" not in response.json()


def test_a_wrong_code_is_refused(app, challenge):
    wrong = str((int(app.now()) + 1) % 10**6).zfill(6)

    response = answer(challenge, totp=wrong)

    assert response.status_code == 401
    assert response.json()["code"] == "second_factor_code"


def test_guessing_a_challenge_ends_it_after_a_few_codes(app, challenge):
    # An attacker with the password guesses codes: the challenge dies, the right code too late.
    for _ in range(MAX_ATTEMPTS):
        answer(challenge, totp="000000" if app.now() != "000000" else "111111")

    with next_step():
        response = answer(challenge, totp=app.now())

    assert response.status_code == 401
    assert response.json()["code"] == "second_factor_challenge"


def test_guessing_codes_is_limited_per_account_across_challenges(app):
    # New challenges do not buy new guesses: the account's limit counts every one.
    for _ in range(2):
        challenge = log_in().json()["challenge"]
        for _ in range(MAX_ATTEMPTS):
            answer(challenge, totp="000000" if app.now() != "000000" else "111111")

    with next_step():
        response = answer(log_in().json()["challenge"], totp=app.now())

    assert response.status_code == 429
    assert "Retry-After" in response


def test_a_code_cannot_be_used_twice(app):
    # A code seen over a shoulder (or in a log) is useless once its owner used it.
    with next_step():
        code = app.now()
        tokens_of(answer(log_in().json()["challenge"], totp=code))

        response = answer(log_in().json()["challenge"], totp=code)

    assert response.status_code == 401
    assert response.json()["code"] == "second_factor_code"


def test_a_challenge_answers_once(app, challenge):
    with next_step():
        tokens_of(answer(challenge, totp=app.now()))
    with next_step(), next_step():
        response = answer(challenge, totp=app.now())

    assert response.status_code == 401
    assert response.json()["code"] == "second_factor_challenge"


def test_a_challenge_expires(app, challenge):
    later = timezone.now() + CHALLENGE_LIFETIME + timedelta(seconds=1)
    with time_machine.travel(later, tick=False):
        response = answer(challenge, totp=app.now())

    assert response.status_code == 401
    assert response.json()["code"] == "second_factor_challenge"


def test_a_challenge_dies_with_a_password_change(app, challenge, user):
    user.refresh_from_db()
    user.set_password("a-brand-new-passphrase")
    user.save()

    with next_step():
        response = answer(challenge, totp=app.now())

    assert response.status_code == 401


def test_another_users_code_does_not_answer_a_challenge(app, challenge):
    # Bob knows his own code, and Alice's password: his code opens only his account.
    get_user_model().objects.create_user(**credentials(login_of("bob")))
    bobs_app = enrol(tokens_of(log_in(login_of("bob")))["access"])

    with next_step():
        response = answer(challenge, totp=bobs_app.now())

    assert response.status_code == 401


def test_an_unknown_challenge_is_refused(app):
    response = answer("not-a-challenge", totp=app.now())

    assert response.status_code == 401
    assert response.json()["code"] == "second_factor_challenge"


@pytest.mark.parametrize(
    "body",
    [{}, {"challenge": "x"}, {"challenge": "x", "totp": "1", "recovery_code": "2"}],
)
def test_a_body_without_one_code_is_a_bad_request(db, body):
    assert new_api_client().post(SECOND_STEP, body).status_code == 400


def test_a_form_cannot_answer_a_challenge(app, challenge):
    # A page on another site can post a form without a preflight: it must not log anyone in.
    response = new_api_client().post(
        SECOND_STEP, {"challenge": challenge, "totp": app.now()}, format="multipart"
    )

    assert response.status_code == 415


def test_a_recovery_code_answers_a_challenge_once(user):
    access = tokens_of(log_in())["access"]
    client = APIClient()
    client.credentials(**bearer(access))
    app = pyotp.TOTP(client.post(reverse("totp"), {"password": PASSWORD}).json()["secret"])
    codes = client.post(reverse("totp_confirm"), {"totp": app.now()}).json()["recovery_codes"]
    assert len(set(codes)) == 10

    tokens_of(answer(log_in().json()["challenge"], recovery_code=codes[0].upper()))
    response = answer(log_in().json()["challenge"], recovery_code=codes[0])

    assert response.status_code == 401
    assert tokens_of(answer(log_in().json()["challenge"], recovery_code=codes[1]))


def test_enrolment_needs_the_password(user):
    client = APIClient()
    client.credentials(**bearer(tokens_of(log_in())["access"]))

    response = client.post(reverse("totp"), {"password": "wrong-password"})

    assert response.status_code == 400
    assert log_in().json().keys() >= TOKEN_FIELDS


def test_enrolment_needs_a_code_of_the_app_before_login_asks_for_it(user):
    client = APIClient()
    client.credentials(**bearer(tokens_of(log_in())["access"]))
    client.post(reverse("totp"), {"password": PASSWORD})

    response = client.post(reverse("totp_confirm"), {"totp": "000000"})

    assert response.status_code == 400
    assert log_in().json().keys() >= TOKEN_FIELDS
    assert client.get(reverse("factors")).json() == {"totp": False, "recovery_codes": 0}


def test_turning_the_factor_on_ends_the_other_sessions(user):
    other, own = tokens_of(log_in()), tokens_of(log_in())

    enrol(own["access"])

    assert refresh_with(new_api_client(), other["refresh"]).status_code == 401
    assert refresh_with(new_api_client(), own["refresh"]).status_code == 200


def test_turning_the_factor_off_needs_the_password_and_a_code(app, challenge):
    with next_step():
        tokens = tokens_of(answer(challenge, totp=app.now()))
    client = APIClient()
    client.credentials(**bearer(tokens["access"]))
    url = reverse("totp_disable")

    # A thief holding only the access token cannot take the factor off.
    with next_step(), next_step():
        assert client.post(url, {"password": PASSWORD}).status_code == 400
        assert client.post(url, {"password": "wrong", "totp": app.now()}).status_code == 400
        assert client.post(url, {"password": PASSWORD, "totp": "000000"}).status_code in (400,)
        assert client.get(reverse("factors")).json()["totp"] is True

        response = client.post(url, {"password": PASSWORD, "totp": app.now()})

    assert response.status_code == 204
    assert log_in().json().keys() >= TOKEN_FIELDS


def test_turning_the_factor_off_ends_the_other_sessions(app):
    with next_step():
        other = tokens_of(answer(log_in().json()["challenge"], totp=app.now()))
    with next_step(), next_step():
        own = tokens_of(answer(log_in().json()["challenge"], totp=app.now()))
    client = APIClient()
    client.credentials(**bearer(own["access"]))

    with next_step(), next_step(), next_step():
        assert (
            client.post(
                reverse("totp_disable"), {"password": PASSWORD, "totp": app.now()}
            ).status_code
            == 204
        )
        assert refresh_with(new_api_client(), other["refresh"]).status_code == 401
        assert refresh_with(new_api_client(), own["refresh"]).status_code == 200


def test_new_recovery_codes_replace_the_old_and_end_the_other_sessions(user):
    other = tokens_of(log_in())
    access = tokens_of(log_in())["access"]
    client = APIClient()
    client.credentials(**bearer(access))
    app = pyotp.TOTP(client.post(reverse("totp"), {"password": PASSWORD}).json()["secret"])
    old = client.post(reverse("totp_confirm"), {"totp": app.now()}).json()["recovery_codes"]

    with next_step():
        response = client.post(
            reverse("recovery_codes"), {"password": PASSWORD, "totp": app.now()}
        )
    new = response.json()["recovery_codes"]

    assert response.status_code == 200
    assert set(new).isdisjoint(old)
    assert answer(log_in().json()["challenge"], recovery_code=old[0]).status_code == 401
    assert tokens_of(answer(log_in().json()["challenge"], recovery_code=new[0]))
    assert refresh_with(new_api_client(), other["refresh"]).status_code == 401


def test_the_factors_need_a_valid_access_token(db):
    assert APIClient().get(reverse("factors")).status_code == 401
    assert APIClient().post(reverse("totp"), {"password": PASSWORD}).status_code == 401


def test_a_login_through_the_factor_is_security_events_without_a_code(app, log_records):
    challenge = log_in().json()["challenge"]
    answer(challenge, totp="000000" if app.now() != "000000" else "111111")
    with next_step():
        code = app.now()
        tokens_of(answer(challenge, totp=code))

    named = [getattr(record, "event", None) for record in log_records]
    assert [name for name in named if name] == [
        events.Event.SECOND_FACTOR_CHALLENGED,
        events.Event.SECOND_FACTOR_FAILED,
        events.Event.LOGIN_SUCCEEDED,
    ]
    assert [getattr(r, "reason", None) for r in log_records if getattr(r, "event", None)][-1] == (
        "totp"
    )
    assert not any(code in record.getMessage() for record in log_records)


def test_a_change_of_factors_is_a_security_event(user, log_records):
    enrol(tokens_of(log_in())["access"])

    assert events.Event.SECOND_FACTOR_ENABLED in {
        getattr(record, "event", None) for record in log_records
    }


def test_only_the_code_step_records_a_login(app, log_records):
    challenge = log_in().json()["challenge"]
    with next_step():
        answer(challenge, totp=app.now())

    logins = [r for r in log_records if getattr(r, "event", None) == "login.succeeded"]
    assert [r.reason for r in logins] == ["totp"]
