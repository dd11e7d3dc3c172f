"""Verifier-only mode: the backend a service gets with JWT_JWKS_URL set, checking tokens with the
keys an issuer publishes and building the user from the token, without the user table.

The two-server test of the template runs this mode for real, over HTTP; here the issuer's JWKS
comes from a small server on a loopback port.
"""

import io
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from jwt import PyJWKClient
from rest_framework.test import APIRequestFactory
from rest_framework_simplejwt.authentication import JWTStatelessUserAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken, TokenBackendError
from rest_framework_simplejwt.models import TokenUser

from {{ cookiecutter.project_slug }}.tokens.backends import KeyIdTokenBackend
from {{ cookiecutter.project_slug }}.tokens.keys import KeySet
from {{ cookiecutter.project_slug }}.tokens.signing import build_token_backend
from {{ cookiecutter.project_slug }}.tokens.types import TypedTokenBackend, backend_options
from {{ cookiecutter.project_slug }}.tokens.verifier_urls import urlpatterns as verifier_urls

from .helpers import authenticated_user, bearer, claims_of
from .signing import ALGORITHM, access_token_for, key, new_key_set, sign, use_key_set


class Issuer:
    """Serves a key set's JWKS on a loopback port, as the issuing service does."""

    def __init__(self, key_set: KeySet) -> None:
        self.key_set = key_set
        self.fetches = 0
        issuer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                issuer.fetches += 1
                body = json.dumps(issuer.key_set.jwks).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/.well-known/jwks.json"


@pytest.fixture
def issuer() -> Iterator[Issuer]:
    issuer = Issuer(new_key_set("issuer"))
    thread = threading.Thread(
        target=issuer.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
    )
    thread.start()
    yield issuer
    issuer.server.shutdown()
    issuer.server.server_close()


@pytest.fixture
def verify(issuer, use_token_backend):
    """Authenticate a token as the verifier-only service would, with this project's issuer and
    audience settings unless `audience` names the verifier otherwise; returns the request's user."""
    client = PyJWKClient(issuer.url, cooldown_duration=0, timeout=5)

    def verify(token: str, **options: object) -> TokenUser:
        backend = KeyIdTokenBackend(ALGORITHM, jwks_client=client, **backend_options() | options)
        use_token_backend(backend)
        request = APIRequestFactory().get("/", **bearer(token))
        user = authenticated_user(JWTStatelessUserAuthentication(), request)
        assert isinstance(user, TokenUser)
        return user

    return verify


@pytest.fixture
def verifier(issuer, settings) -> TypedTokenBackend:
    """The backend the tokens app builds at start-up for a verifier-only service of `issuer`:
    the project's settings, JWT_JWKS_URL naming the issuer's JWKS."""
    settings.TOKENS = {**settings.TOKENS, "JWKS_URL": issuer.url}
    backend = build_token_backend()
    assert backend is not None
    return backend


def authenticates(use_token_backend, backend: TypedTokenBackend, token: str) -> bool:
    """Whether `backend` takes `token` as a stateless API call's would."""
    use_token_backend(backend)
    request = APIRequestFactory().get("/", **bearer(token))
    try:
        authenticated_user(JWTStatelessUserAuthentication(), request)
    except InvalidToken:
        return False
    return True


def issue(use_token_backend, key_set: KeySet, user) -> str:
    use_key_set(use_token_backend, key_set)
    return access_token_for(user)


def test_token_of_the_issuer_authenticates_without_the_user_table(
    issuer, verify, user, use_token_backend, django_assert_num_queries
):
    token = issue(use_token_backend, issuer.key_set, user)

    with django_assert_num_queries(0):
        authenticated = verify(token)

    assert isinstance(authenticated, TokenUser)
    assert authenticated.id == str(user.pk)


def test_the_verify_endpoint_takes_the_issuers_token_without_the_user_table(
    issuer, verifier, user, use_token_backend, django_assert_num_queries
):
    """A verifier has no copy of the issuer's users: its verify answers as its API does, from
    the token alone."""
    token = issue(use_token_backend, issuer.key_set, user)
    use_token_backend(verifier)
    user.delete()
    verify_view = verifier_urls[0].callback
    request = APIRequestFactory().post("/api/token/verify/", {"token": token}, format="json")

    with django_assert_num_queries(0):
        response = verify_view(request)

    assert response.status_code == 200, response.data
    forged = APIRequestFactory().post("/api/token/verify/", {"token": token[:-4]}, format="json")
    assert verify_view(forged).status_code == 401


def test_token_of_another_key_is_refused(issuer, verify, user, use_token_backend):
    token = issue(use_token_backend, new_key_set("other"), user)

    with pytest.raises(InvalidToken):
        verify(token)


def test_token_for_another_audience_is_refused(issuer, verify, user, use_token_backend):
    token = issue(use_token_backend, issuer.key_set, user)

    assert verify(token).id == str(user.pk)
    with pytest.raises(InvalidToken):
        verify(token, accepted_audience="orders")


def test_token_of_another_issuer_is_refused(issuer, verify, user, use_token_backend):
    token = issue(use_token_backend, issuer.key_set, user)

    with pytest.raises(InvalidToken):
        verify(token, issuer="https://auth.example.com")


def test_rotation_on_the_issuer_reaches_the_verifier(issuer, verify, user, use_token_backend):
    old_token = issue(use_token_backend, issuer.key_set, user)
    verify(old_token)
    issuer.key_set = new_key_set("rotated", issuer.key_set.signing_key)

    new_token = issue(use_token_backend, issuer.key_set, user)

    assert verify(new_token).id == str(user.pk)
    assert verify(old_token).id == str(user.pk)
    assert issuer.fetches == 2


def test_a_verifier_cannot_sign(issuer):
    backend = KeyIdTokenBackend(ALGORITHM, jwks_client=PyJWKClient(issuer.url))

    with pytest.raises(TokenBackendError, match="verifies tokens only"):
        backend.encode({"sub": "1"})


def test_an_unreachable_issuer_means_401_not_500(user, use_token_backend):
    token = issue(use_token_backend, new_key_set("other"), user)
    client = PyJWKClient("http://127.0.0.1:9/.well-known/jwks.json", timeout=1)
    use_token_backend(KeyIdTokenBackend(ALGORITHM, jwks_client=client))

    request = APIRequestFactory().get("/", **bearer(token))
    with pytest.raises(InvalidToken):
        JWTStatelessUserAuthentication().authenticate(request)


def test_a_verifier_refuses_to_issue_tokens(issuer, user, use_token_backend):
    client = PyJWKClient(issuer.url)
    backend = KeyIdTokenBackend(ALGORITHM, jwks_client=client, **backend_options())
    use_token_backend(backend)

    with pytest.raises(CommandError, match="verifies tokens only: it cannot sign them"):
        call_command("issue_token", user.get_username(), stdout=io.StringIO())


def test_a_token_of_a_new_key_is_taken_at_once_after_a_rotation(
    issuer, verifier, user, use_token_backend
):
    old_token = issue(use_token_backend, issuer.key_set, user)
    assert authenticates(use_token_backend, verifier, old_token)
    issuer.key_set = new_key_set("rotated", issuer.key_set.signing_key)

    new_token = issue(use_token_backend, issuer.key_set, user)

    # The kid it does not hold makes the verifier fetch the keys again, seconds after the first.
    assert authenticates(use_token_backend, verifier, new_token)
    assert issuer.fetches == 2


def test_unknown_kids_fetch_the_issuers_keys_at_most_once_an_interval(
    issuer, verifier, user, use_token_backend
):
    genuine = issue(use_token_backend, issuer.key_set, user)
    assert authenticates(use_token_backend, verifier, genuine)

    for number in range(10):
        header = {"alg": ALGORITHM, "typ": "at+jwt", "kid": f"unknown-{number}"}
        forged = sign(header, claims_of(genuine), key("attacker"))
        assert not authenticates(use_token_backend, verifier, forged)

    # The first fetch, and one more the first unknown kid forced; the others waited.
    assert issuer.fetches == 2
    assert authenticates(use_token_backend, verifier, genuine)
