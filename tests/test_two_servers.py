"""An issuer and a verifier-only service, each a real gunicorn server on loopback, baked from the
same template: tokens of the issuer open the verifier, tokens of any other key, issuer or
audience do not, a verifier built on PyJWT alone takes the access tokens and refuses the refresh
tokens, a key rotation on the issuer reaches the verifier at once without restarting it, and a
key the issuer withdraws is refused by a verifier within twice its JWKS lifespan."""

import base64
import contextlib
import json
import signal
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from jwt import PyJWKClient

from bakery import OPTION_SETS, option_sets
from harness.client import call
from harness.commands import run
from harness.deployment import production_environment
from harness.project_code import signing_key_pem
from harness.serving import Server, serving

# The ECDSA bake: the verifier reads the issuer's public keys from its JWKS.
OPTION_SET = "ES256-no-rotation-no-blacklist"
ALGORITHM = OPTION_SETS[OPTION_SET]["jwt_algorithm"]
PASSWORD = "a-long-password-for-the-e2e-user"
ISSUER = "https://auth.example.com"


def served_environment(database: Path, **variables: str) -> dict[str, str]:
    """Production settings over plain HTTP on loopback, with a database of its own."""
    return production_environment(
        OPTION_SETS[OPTION_SET],
        DJANGO_SECURE_SSL_REDIRECT="false",
        DATABASE_URL=f"sqlite:///{database}",
        **variables,
    )


@pytest.fixture
def start_gunicorn(tmp_path) -> Iterator[Callable[[Path, dict[str, str], str], Server]]:
    """Start gunicorn serving a project, its log `<name>.log`; each server started is stopped at
    the end."""
    args = [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", "127.0.0.1:{port}",
            "--workers", "1", "--graceful-timeout", "5", "--no-control-socket"]  # fmt: skip
    with contextlib.ExitStack() as servers:

        def start(project: Path, environment: dict[str, str], name: str) -> Server:
            log = tmp_path / f"{name}.log"
            return servers.enter_context(serving(args, project, environment, log))

        yield start


def signed_token(claims: dict, kid: str, key: ec.EllipticCurvePrivateKey | None = None) -> str:
    """A token for `claims` under `kid`, signed by `key`, or by a key nobody trusts."""
    key = key or ec.generate_private_key(ec.SECP256R1())

    def segment(value: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    signing_input = f"{segment({'alg': ALGORITHM, 'kid': kid, 'typ': 'at+jwt'})}.{segment(claims)}"
    der = key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256()))
    # JWS wants the raw r || s form of the ECDSA signature, not DER.
    r, s = decode_dss_signature(der)
    signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return f"{signing_input}.{base64.urlsafe_b64encode(signature).rstrip(b'=').decode()}"


def third_party_claims(token: str, jwks: PyJWKClient) -> dict:
    """The claims of `token` as a service of the audience "orders" built on PyJWT checks it: as
    PyJWT's documentation shows (the key from the issuer's JWKS by `kid`, one algorithm, the
    audience, the issuer and the claims it requires), then the `typ` header, as RFC 9068
    section 4 asks of resource servers and PyJWT leaves to its caller."""
    decoded = jwt.decode_complete(
        token,
        jwks.get_signing_key_from_jwt(token).key,
        algorithms=[ALGORITHM],
        audience="orders",
        issuer=ISSUER,
        options={"require": ["exp", "iat", "iss", "aud", "sub", "jti"]},
    )
    if decoded["header"].get("typ") != "at+jwt":
        raise jwt.InvalidTokenError("not an access token")
    return decoded["payload"]


def header_and_claims(token: str) -> tuple[dict, dict]:
    def decode(part: str) -> dict:
        return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))

    header, claims, _ = token.split(".")
    return decode(header), decode(claims)


def kids(base: str) -> list[str]:
    jwks = call("GET", f"{base}/.well-known/jwks.json")
    assert jwks.status == 200
    return [jwk["kid"] for jwk in jwks.body["keys"]]


@pytest.mark.parametrize("answers", option_sets([OPTION_SET]), indirect=True)
def test_verifier_only_service_trusts_the_issuer_and_follows_its_rotation(
    project, tmp_path, start_gunicorn
):
    keys = tmp_path / "keys"
    keys.mkdir()
    (keys / "signing.pem").write_text(signing_key_pem(ALGORITHM))
    (keys / "previous.pem").write_text("")
    issuer_environment = served_environment(
        tmp_path / "issuer.sqlite3",
        JWT_SIGNING_KEY_FILE=str(keys / "signing.pem"),
        JWT_PREVIOUS_VERIFYING_KEYS_FILE=str(keys / "previous.pem"),
        DJANGO_SUPERUSER_PASSWORD=PASSWORD,
        JWT_ISSUER=ISSUER,
        # Its tokens open the issuer's own API and the verifier's (named "orders").
        JWT_AUDIENCE="subscribers_api,orders",
    )
    run([sys.executable, "manage.py", "migrate", "--no-input"], project, issuer_environment)
    run(
        [sys.executable, "manage.py", "createsuperuser", "--no-input", "--username", "admin",
         "--email", "admin@example.com"],
        project, issuer_environment,
    )  # fmt: skip
    issuer_server = start_gunicorn(project, issuer_environment, "issuer")
    issuer = issuer_server.url

    verifier_environment = served_environment(
        tmp_path / "verifier.sqlite3",
        JWT_JWKS_URL=f"{issuer}/.well-known/jwks.json",
        JWT_ISSUER=ISSUER,
        JWT_AUDIENCE="orders",
        # Its copy of the issuer's keys never expires during the test: only a token naming a
        # key the copy lacks makes it fetch them again (at once, at most every 10 s: the default).
        JWT_JWKS_LIFESPAN="600",
    )
    assert "JWT_SIGNING_KEY" not in verifier_environment
    run([sys.executable, "manage.py", "migrate", "--no-input"], project, verifier_environment)
    verifier = start_gunicorn(project, verifier_environment, "verifier").url
    subscribers = f"{verifier}/api/subscribers/"

    def login() -> dict[str, str]:
        tokens = call("POST", f"{issuer}/api/token/", {"username": "admin", "password": PASSWORD})
        assert tokens.status == 200, tokens
        return tokens.body

    # A token of the issuer opens the verifier, which holds no key and no user of its own.
    first_kids = kids(issuer)
    tokens = login()
    access, refresh = tokens["access"], tokens["refresh"]
    header, claims = header_and_claims(access)
    assert header["kid"] == first_kids[0]
    assert (claims["iss"], claims["aud"]) == (ISSUER, ["subscribers_api", "orders"])
    subscriber = {"name": "Ada", "age": 29, "email": "ada@example.com"}
    created = call("POST", subscribers, subscriber, access)
    assert created.status == 201, created
    assert call("GET", subscribers, token=access).status == 200
    assert call("POST", f"{verifier}/api/token/verify/", {"token": access}).status == 200

    # The verifier issues nothing, publishes nothing and has no accounts; the issuer has them.
    credentials = {"username": "admin", "password": PASSWORD}
    assert call("POST", f"{verifier}/api/token/", credentials).status == 404
    assert call("GET", f"{verifier}/.well-known/jwks.json").status == 404
    assert call("GET", f"{verifier}/api/users/me/", token=access).status == 404
    assert call("GET", f"{issuer}/api/users/me/", token=access).body["username"] == "admin"

    # Tokens of any other key are refused under the issuer's kid (their own: after the rotation).
    forged = call("GET", subscribers, token=signed_token(claims, header["kid"]))
    assert forged.status == 401, forged
    assert forged.body["code"] == "token_not_valid"
    assert call("GET", subscribers).status == 401

    # Signed with the issuer's own key, but for another service or naming another issuer.
    issuer_key = serialization.load_pem_private_key((keys / "signing.pem").read_bytes(), None)
    assert isinstance(issuer_key, ec.EllipticCurvePrivateKey)
    for elsewhere in ({"aud": "billing"}, {"iss": "https://evil.example.com"}):
        token = signed_token(claims | elsewhere, header["kid"], issuer_key)
        refused = call("GET", subscribers, token=token)
        assert refused.status == 401, (elsewhere, refused)
    genuine = signed_token(claims, header["kid"], issuer_key)
    assert call("GET", subscribers, token=genuine).status == 200

    # A third-party service checks the issuer's tokens with PyJWT alone: it takes the access
    # token and refuses the refresh token.
    jwks = PyJWKClient(f"{issuer}/.well-known/jwks.json")
    assert third_party_claims(access, jwks)["sub"] == claims["sub"]
    with pytest.raises(jwt.InvalidTokenError, match="not an access token"):
        third_party_claims(refresh, jwks)

    # Rotate on the issuer, then reload its workers (gunicorn HUP): no restart, no downtime.
    run([sys.executable, "manage.py", "rotate_jwt_key"], project, issuer_environment)
    issuer_server.process.send_signal(signal.SIGHUP)
    deadline = time.monotonic() + 30
    while len(kids(issuer)) < 2:
        assert time.monotonic() < deadline, "the issuer did not publish the new key after HUP"
        time.sleep(0.2)
    new_kid, old_kid = kids(issuer)
    assert old_kid == first_kids[0]

    new_access = login()["access"]
    assert header_and_claims(new_access)[0]["kid"] == new_kid
    assert call("GET", subscribers, token=new_access).status == 200
    # Tokens of the previous key keep working on both sides until the key is removed.
    assert call("GET", subscribers, token=access).status == 200
    assert call("POST", f"{issuer}/api/token/verify/", {"token": access}).status == 200
    forged = call("GET", subscribers, token=signed_token(claims, "an-unknown-kid"))
    assert forged.status == 401, forged

    # The issuer withdraws the old key. A verifier keeping the keys 2 s (JWT_JWKS_LIFESPAN)
    # refuses its tokens within twice that, however often it saw them before.
    short_lived = start_gunicorn(
        project, {**verifier_environment, "JWT_JWKS_LIFESPAN": "2"}, "verifier-2s"
    ).url
    assert call("GET", f"{short_lived}/api/subscribers/", token=access).status == 200
    (keys / "previous.pem").write_text("")
    issuer_server.process.send_signal(signal.SIGHUP)
    deadline = time.monotonic() + 30
    while kids(issuer) != [new_kid]:
        assert time.monotonic() < deadline, "the issuer still publishes the old key after HUP"
        # Keeps the verifier's copy of the keys and of the token fresh up to the withdrawal.
        call("GET", f"{short_lived}/api/subscribers/", token=access)
        time.sleep(0.2)
    withdrawn = time.monotonic()
    assert call("POST", f"{issuer}/api/token/verify/", {"token": access}).status == 401
    while call("GET", f"{short_lived}/api/subscribers/", token=access).status == 200:
        # Twice the lifespan, and a second for the requests themselves on a busy machine.
        assert time.monotonic() - withdrawn < 2 * 2 + 1, "the verifier still takes the old key"
        time.sleep(0.2)
    print(f"withdrawn key refused by the verifier after {time.monotonic() - withdrawn:.1f} s")
    assert call("GET", f"{short_lived}/api/subscribers/", token=new_access).status == 200
