"""The token flow of the README, over real HTTP against the baked project's own server."""

import base64
import json
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyotp
import pytest

from bakery import option_set, option_sets
from harness.client import Answer, call
from harness.deployment import FROM_PROXY, PASSWORD
from harness.serving import serving


@pytest.fixture
def gunicorn_server(migrated_project, tmp_path):
    """The project under gunicorn with two workers of eight threads: real parallel requests."""
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    args = [gunicorn, "config.wsgi", "--bind", "127.0.0.1:{port}"]
    # gunicorn's control socket lives at one path per user: servers of parallel tests would take
    # it from each other.
    args += ["--workers", "2", "--threads", "8", "--no-control-socket"]
    # config.wsgi defaults to the production settings; this server runs the local ones, like
    # runserver.
    project, environment = migrated_project
    environment = environment | {"DJANGO_SETTINGS_MODULE": "config.settings.local"}
    with serving(args, project, environment, tmp_path / "gunicorn.log") as running:
        yield running.url


@pytest.mark.parametrize(
    ("answers", "keyword", "other_keyword"),
    [
        option_set("default", "Bearer", "JWT"),
        option_set("HS512-JWT-keyword-long-lifetimes", "JWT", "Bearer"),
    ],
    indirect=["answers"],
)
def test_whole_token_flow_over_http(server, keyword, other_keyword):
    base = server
    api = f"{base}/api"

    login = call("POST", f"{api}/token/", {"username": "admin", "password": PASSWORD})
    assert login.status == 200
    access, refresh = login.body["access"], login.body["refresh"]

    anonymous = call("GET", f"{api}/subscribers/")
    assert anonymous.status == 401
    assert anonymous.body == {"detail": "Authentication credentials were not provided."}
    assert anonymous.headers["WWW-Authenticate"] == f'{keyword} realm="api"'
    assert call("GET", f"{api}/subscribers/", token=access, keyword=other_keyword).status == 401

    subscriber = {"name": "Ada", "age": 29, "email": "ada@example.com"}
    created = call("POST", f"{api}/subscribers/", subscriber, access, keyword)
    assert created.status == 201
    assert created.body == {"id": created.body["id"], **subscriber}
    listing = call("GET", f"{api}/subscribers/", token=access, keyword=keyword)
    assert listing.status == 200
    assert listing.body["results"] == [created.body]

    assert call("POST", f"{api}/token/verify/", {"token": access}).status == 200
    refreshed = call("POST", f"{api}/token/refresh/", {"refresh": refresh})
    assert refreshed.status == 200
    new = refreshed.body
    assert call("GET", f"{api}/subscribers/", token=new["access"], keyword=keyword).status == 200

    # Default bakes rotate and blacklist: log out with the new refresh token, which then
    # refreshes no more; the old one was spent, and presented again it is taken for stolen.
    assert call("POST", f"{api}/token/blacklist/", {"refresh": new["refresh"]}).status == 200
    assert call("POST", f"{api}/token/refresh/", {"refresh": new["refresh"]}).status == 401
    replay = call("POST", f"{api}/token/refresh/", {"refresh": refresh})
    assert (replay.status, replay.body["code"]) == (401, "token_reused")

    schema = call("GET", f"{api}/schema/?format=json")
    assert schema.status == 200
    assert "/api/subscribers/" in schema.body["paths"]
    # The docs page's script is served by this server: nothing comes from a CDN.
    docs = call("GET", f"{api}/docs/")
    script = "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js"
    assert docs.status == 200
    assert script in docs.body
    assert call("GET", f"{base}{script}").status == 200


@pytest.mark.parametrize("answers", option_sets(["default", "postgresql"]), indirect=True)
def test_parallel_creates_with_duplicate_emails_keep_exactly_the_unique_rows(gunicorn_server):
    api = f"{gunicorn_server}/api"
    login = call("POST", f"{api}/token/", {"username": "admin", "password": PASSWORD})
    assert login.status == 200
    access = login.body["access"]
    requests, unique = 50, 20
    start = threading.Barrier(requests)

    def create(n: int) -> Answer:
        subscriber = {"name": f"S{n}", "age": 30, "email": f"s{n % unique}@example.com"}
        start.wait()  # release all fifty at once
        return call("POST", f"{api}/subscribers/", subscriber, access, "Bearer")

    with ThreadPoolExecutor(max_workers=requests) as pool:
        results = list(pool.map(create, range(requests)))

    statuses = Counter(result.status for result in results)
    assert statuses == {201: unique, 400: requests - unique}, results
    refusals = [result.body for result in results if result.status == 400]
    assert all(set(body) == {"email"} for body in refusals), refusals
    listing = call("GET", f"{api}/subscribers/", token=access, keyword="Bearer").body
    assert listing["count"] == unique
    assert {row["email"] for row in listing["results"]} == {
        f"s{n}@example.com" for n in range(unique)
    }


@pytest.mark.parametrize("answers", option_sets(["cookie"]), indirect=True)
def test_refresh_token_cookie_flow_over_http(server):
    api = f"{server}/api"
    script = {"X-Requested-With": "test"}

    def post(path: str, body: dict | None = None, cookie: str = "", headers: dict = script):
        cookies = {"Cookie": f"__Host-refresh_token={cookie}"} if cookie else {}
        return call("POST", f"{api}{path}", body or {}, headers=headers | cookies)

    credentials = {"username": "admin", "password": PASSWORD}
    assert post("/token/", credentials, headers={}).status == 403
    login = post("/token/", credentials)
    assert login.status == 200
    assert set(login.body) == {"access"}
    set_cookie = login.headers["Set-Cookie"]
    refresh = set_cookie.split(";")[0].removeprefix("__Host-refresh_token=")
    attributes = {part.strip().split("=")[0].lower() for part in set_cookie.split(";")[1:]}
    # Secure even from the development server: browsers take it from http://127.0.0.1 and
    # http://localhost, which they count as secure, and the __Host- prefix requires it.
    assert attributes == {"expires", "httponly", "max-age", "path", "samesite", "secure"}
    assert "Path=/;" in set_cookie
    assert "SameSite=Strict" in set_cookie
    assert refresh not in json.dumps(login.body)

    refreshed = post("/token/refresh/", cookie=refresh)
    assert refreshed.status == 200
    assert set(refreshed.body) == {"access"}
    rotated = refreshed.headers["Set-Cookie"].split(";")[0].removeprefix("__Host-refresh_token=")
    assert rotated
    assert rotated != refresh
    assert post("/token/refresh/", cookie=refresh).status == 401  # replay after rotation

    logout = post("/token/logout/", cookie=rotated)
    assert logout.status == 204
    assert logout.headers["Set-Cookie"].startswith('__Host-refresh_token="";')
    assert post("/token/refresh/", cookie=rotated).status == 401


@pytest.mark.parametrize("answers", option_sets(["default", "postgresql"]), indirect=True)
def test_concurrent_refreshes_of_one_token_let_exactly_one_through(production_server):
    api = f"{production_server}/api"
    credentials = {"username": "admin", "password": PASSWORD}
    login = call("POST", f"{api}/token/", credentials, headers=FROM_PROXY)
    assert login.status == 200, login
    refreshes = 8
    start = threading.Barrier(refreshes)

    def refresh(_: int) -> Answer:
        start.wait()  # release all eight at once
        body = {"refresh": login.body["refresh"]}
        return call("POST", f"{api}/token/refresh/", body, headers=FROM_PROXY)

    with ThreadPoolExecutor(max_workers=refreshes) as pool:
        results = list(pool.map(refresh, range(refreshes)))

    assert Counter(result.status for result in results) == {200: 1, 401: refreshes - 1}, results
    # The seven others presented a spent token: taken for theft, they ended the login, so the
    # winner's new refresh token is refused too, and nothing forks.
    assert {r.body["code"] for r in results if r.status == 401} == {"token_reused"}, results
    [winner] = [result.body["refresh"] for result in results if result.status == 200]
    again = call("POST", f"{api}/token/refresh/", {"refresh": winner}, headers=FROM_PROXY)
    assert again.status == 401, again


def session_of(access: str) -> str:
    """The session an access token names (its `sid` claim), read without checking anything."""
    payload = access.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["sid"]


# PostgreSQL, where the user's row lock orders the two (SQLite takes its write lock for either).
@pytest.mark.parametrize("answers", option_sets(["postgresql"]), indirect=True)
def test_ending_a_session_while_it_refreshes_leaves_it_no_refresh_token(production_server):
    # The user ends a stolen session from their own while the thief refreshes it: whichever
    # request the server takes first, the thief keeps no refresh token that works.
    api = f"{production_server}/api"
    credentials = {"username": "admin", "password": PASSWORD}
    stolen, own = (call("POST", f"{api}/token/", credentials, headers=FROM_PROXY) for _ in "12")
    assert stolen.status == own.status == 200, (stolen, own)
    session = session_of(stolen.body["access"])
    start = threading.Barrier(2)

    def refresh() -> Answer:
        start.wait()
        body = {"refresh": stolen.body["refresh"]}
        return call("POST", f"{api}/token/refresh/", body, headers=FROM_PROXY)

    def end() -> Answer:
        start.wait()
        url = f"{api}/sessions/{session}/"
        return call("DELETE", url, token=own.body["access"], headers=FROM_PROXY)

    with ThreadPoolExecutor(max_workers=2) as pool:
        refreshed, ended = (future.result() for future in [pool.submit(refresh), pool.submit(end)])

    assert ended.status == 204, ended
    assert refreshed.status in (200, 401), refreshed
    left = [stolen.body["refresh"]] + (
        [refreshed.body["refresh"]] if refreshed.status == 200 else []
    )
    for token in left:
        again = call("POST", f"{api}/token/refresh/", {"refresh": token}, headers=FROM_PROXY)
        assert again.status == 401, again
    listed = call("GET", f"{api}/sessions/", token=own.body["access"], headers=FROM_PROXY)
    assert [item["id"] for item in listed.body] == [session_of(own.body["access"])]


@pytest.mark.parametrize(
    "answers", option_sets(["HS512-JWT-keyword-long-lifetimes"]), indirect=True
)
def test_second_factor_flow_over_http(server):
    # The user's path with an authenticator app, whose codes pyotp computes here.
    api = f"{server}/api"
    credentials = {"username": "admin", "password": PASSWORD}
    first = call("POST", f"{api}/token/", credentials)
    other = call("POST", f"{api}/token/", credentials)
    assert first.status == other.status == 200, (first, other)
    access = first.body["access"]

    started = call("POST", f"{api}/factors/totp/", {"password": PASSWORD}, access, "JWT")
    assert started.status == 201, started
    app = pyotp.TOTP(started.body["secret"])
    assert started.body["uri"].startswith("otpauth://totp/")
    code = app.now()
    confirmed = call("POST", f"{api}/factors/totp/confirm/", {"totp": code}, access, "JWT")
    assert confirmed.status == 200, confirmed
    recovery_codes = confirmed.body["recovery_codes"]
    # Turning the factor on ended the other session.
    assert call("POST", f"{api}/token/refresh/", {"refresh": other.body["refresh"]}).status == 401

    login = call("POST", f"{api}/token/", credentials)
    assert login.status == 200, login
    assert set(login.body) == {"challenge", "methods", "expires_in"}
    wrong = {"challenge": login.body["challenge"], "totp": code}
    assert call("POST", f"{api}/token/second-factor/", wrong).status == 401
    # The confirming code is spent: the next step's, which the server takes too (clocks drift).
    answer = {"challenge": login.body["challenge"], "totp": app.at(time.time() + 30)}
    tokens = call("POST", f"{api}/token/second-factor/", answer)
    assert tokens.status == 200, tokens
    assert call("POST", f"{api}/token/second-factor/", answer).status == 401
    refreshed = call("POST", f"{api}/token/refresh/", {"refresh": tokens.body["refresh"]})
    assert refreshed.status == 200, refreshed
    sessions = call("GET", f"{api}/sessions/", token=refreshed.body["access"], keyword="JWT")
    assert [item["current"] for item in sessions.body] == [True, False], sessions

    recovery = call("POST", f"{api}/token/", credentials)
    body = {"challenge": recovery.body["challenge"], "recovery_code": recovery_codes[0]}
    assert call("POST", f"{api}/token/second-factor/", body).status == 200
