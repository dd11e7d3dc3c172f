"""The signed-in user's sessions, one per login (tokens/sessions.py): listed with where they
came from, the current one marked, and ended one at a time or all but the current one. Ending a
session refuses its refresh token at once."""

from datetime import timedelta

import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework_simplejwt.settings import api_settings

from {{ cookiecutter.project_slug }} import events
from {{ cookiecutter.project_slug }}.tokens.models import Session

from .helpers import (
    ALICE,
    PASSWORD,
    bearer,
    claims_of,
    credentials,
    login_of,
    new_api_client,
    refresh_token_in,
    refresh_with,
)

LIST_URL = reverse("session-list")
END_OTHERS_URL = reverse("session-end-others")


def login(user_agent: str = "test", address: str = "127.0.0.1", name: str = ALICE) -> dict:
    """Log in from a client with this user agent and address; the tokens it got."""
    client = new_api_client()
    response = client.post(
        reverse("token_obtain_pair"),
        credentials(name, PASSWORD),
        HTTP_USER_AGENT=user_agent,
        REMOTE_ADDR=address,
    )
    assert response.status_code == 200, response.content
    return {"access": response.json()["access"], "refresh": refresh_token_in(response)}


def sessions_of(tokens: dict) -> list[dict]:
    response = APIClient().get(LIST_URL, **bearer(tokens["access"]))
    assert response.status_code == 200, response.content
    return response.json()


def end(tokens: dict, session_id: str) -> int:
    url = reverse("session-detail", args=[session_id])
    return APIClient().delete(url, **bearer(tokens["access"])).status_code


def test_each_login_is_a_session_marked_current_for_its_own_token(user):
    phone = login("Phone/1.0", "198.51.100.7")
    laptop = login("Laptop/2.0", "2001:db8:1234:5678::1")

    listed = sessions_of(laptop)

    assert [(s["user_agent"], s["network"], s["current"]) for s in listed] == [
        ("Laptop/2.0", "2001:db8:1234::/48", True),
        ("Phone/1.0", "198.51.100.0/24", False),
    ]
    assert listed[1]["id"] == claims_of(phone["access"])["sid"]
    assert {"created_at", "refreshed_at"} <= listed[0].keys()


def test_a_refresh_continues_its_session_and_notes_the_time(user):
    tokens = login()
    (before,) = sessions_of(tokens)

    with time_machine.travel(timezone.now() + timedelta(minutes=1), tick=False):
        response = refresh_with(new_api_client(), tokens["refresh"])
        assert response.status_code == 200
        (after,) = sessions_of({"access": response.json()["access"]})

    assert after["id"] == before["id"]
    assert after["created_at"] == before["created_at"]
    assert after["refreshed_at"] > before["refreshed_at"]
    assert after["current"] is True


def test_a_session_shows_the_client_it_was_last_refreshed_from(user):
    tokens = login("Phone/1.0", "198.51.100.7")

    client = new_api_client()
    client.credentials(HTTP_USER_AGENT="Phone/1.1", REMOTE_ADDR="203.0.113.9")
    response = refresh_with(client, tokens["refresh"])

    assert response.status_code == 200
    (session,) = sessions_of({"access": response.json()["access"]})
    assert (session["user_agent"], session["network"]) == ("Phone/1.1", "203.0.113.0/24")


def test_ending_a_session_refuses_its_refresh_token_at_once(user):
    phone, laptop = login("Phone"), login("Laptop")
    phone_session = claims_of(phone["access"])["sid"]

    assert end(laptop, phone_session) == 204

    assert refresh_with(new_api_client(), phone["refresh"]).status_code == 401
    assert refresh_with(new_api_client(), laptop["refresh"]).status_code == 200
    assert [s["id"] for s in sessions_of(laptop)] == [claims_of(laptop["access"])["sid"]]


def test_ending_a_session_revokes_its_newest_refresh_token(user):
    tokens, other = login(), login()
    rotated = refresh_with(new_api_client(), tokens["refresh"])

    end(other, claims_of(tokens["access"])["sid"])

    assert refresh_with(new_api_client(), refresh_token_in(rotated)).status_code == 401


def test_a_refresh_after_the_end_is_refused_and_a_refresh_before_it_is_revoked(user):
    # The two orders a refresh racing the end can take: both under the user's row lock.
    first, second, laptop = login(), login(), login()
    early = refresh_with(new_api_client(), first["refresh"])

    end(laptop, claims_of(first["access"])["sid"])
    end(laptop, claims_of(second["access"])["sid"])

    assert refresh_with(new_api_client(), refresh_token_in(early)).status_code == 401
    assert refresh_with(new_api_client(), second["refresh"]).status_code == 401


def test_ending_every_other_session_keeps_the_current_one(user):
    others = [login("Phone"), login("Tablet")]
    laptop = login("Laptop")

    response = APIClient().post(END_OTHERS_URL, **bearer(laptop["access"]))

    assert response.status_code == 204
    assert [s["user_agent"] for s in sessions_of(laptop)] == ["Laptop"]
    for tokens in others:
        assert refresh_with(new_api_client(), tokens["refresh"]).status_code == 401
    assert refresh_with(new_api_client(), laptop["refresh"]).status_code == 200


def test_another_users_session_cannot_be_seen_or_ended(user):
    get_user_model().objects.create_user(**credentials(login_of("bob")))
    bobs = login(name=login_of("bob"))
    alices = login()
    bobs_session = claims_of(bobs["access"])["sid"]

    assert end(alices, bobs_session) == 404
    assert [s["id"] for s in sessions_of(alices)] == [claims_of(alices["access"])["sid"]]
    assert refresh_with(new_api_client(), bobs["refresh"]).status_code == 200


def test_an_unknown_session_is_not_found(user):
    assert end(login(), "no-such-session") == 404


def test_a_session_ended_by_logging_out_everywhere_is_no_longer_listed(user):
    first, second = login(), login()
    APIClient().post(reverse("user_logout_everywhere"), **bearer(first["access"]))

    assert sessions_of(second) == []


def test_a_session_whose_token_was_reused_is_no_longer_listed(user):
    stolen, laptop = login(), login("Laptop")
    refresh_with(new_api_client(), stolen["refresh"])
    refresh_with(new_api_client(), stolen["refresh"])  # replayed: the family is revoked

    assert [s["user_agent"] for s in sessions_of(laptop)] == ["Laptop"]


def test_the_sessions_need_a_valid_access_token(user):
    assert APIClient().get(LIST_URL).status_code == 401


def test_ending_sessions_is_a_security_event(user, log_records):
    other, own = login(), login()
    end(own, claims_of(other["access"])["sid"])
    APIClient().post(END_OTHERS_URL, **bearer(own["access"]))

    ended = [r for r in log_records if getattr(r, "event", None) == events.Event.SESSION_ENDED]
    assert [getattr(record, "reason", None) for record in ended] == ["one", "others"]


def test_housekeeping_forgets_the_sessions_no_refresh_token_can_continue(user):
    lifetime = api_settings.REFRESH_TOKEN_LIFETIME
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        expired = login("Old/1.0")
        refreshed = login("Refreshed/1.0")
        traveller.shift(lifetime / 2)
        assert refresh_with(new_api_client(), refreshed["refresh"]).status_code == 200
        traveller.shift(lifetime / 2 + timedelta(seconds=1))
        latest = login("Latest/1.0")
        call_command("flushexpiredsessions", verbosity=0)

        kept = set(Session.objects.values_list("family", flat=True))
        assert claims_of(expired["access"])["sid"] not in kept
        assert kept == {claims_of(refreshed["access"])["sid"], claims_of(latest["access"])["sid"]}
        assert len(sessions_of(latest)) == len(kept)


def test_a_password_change_starts_a_session_that_shows_its_client(user):
    old = login("Phone/1.0", "198.51.100.7")
    client = APIClient()
    client.credentials(**bearer(old["access"]))
    response = client.post(
        reverse("user_password"),
        {"current_password": PASSWORD, "new_password": "a-new-long-password-for-alice"},
        HTTP_USER_AGENT="Laptop/2.0",
        REMOTE_ADDR="2001:db8:1234:5678::1",
    )
    assert response.status_code == 200, response.content

    listed = sessions_of({"access": response.json()["access"]})
    assert [(s["user_agent"], s["network"], s["current"]) for s in listed] == [
        ("Laptop/2.0", "2001:db8:1234::/48", True)
    ]
