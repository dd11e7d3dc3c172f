"""The token flow of the README, over real HTTP against the baked project's own server."""

import json
import sys
import threading
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bakery import PASSWORD, call, option_set, option_sets
from benchmarks.serving import serving


@pytest.fixture
def gunicorn_server(migrated_project, tmp_path):
    """The project under gunicorn with two workers of eight threads: real parallel requests."""
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    args = [gunicorn, "config.wsgi", "--bind", "127.0.0.1:{port}"]
    # gunicorn's control socket lives at one path per user: servers of parallel tests would take
    # it from each other.
    args += ["--workers", "2", "--threads", "8", "--no-control-socket"]
    with serving(args, *migrated_project, tmp_path / "gunicorn.log") as running:
        yield running.url


@pytest.mark.parametrize(
    ("answers", "keyword", "other_keyword"),
    [option_set("default", "Bearer", "JWT"), option_set("JWT-keyword", "JWT", "Bearer")],
    indirect=["answers"],
)
def test_whole_token_flow_over_http(server, keyword, other_keyword):
    base = server
    api = f"{base}/api"

    status, tokens, _ = call("POST", f"{api}/token/", {"username": "admin", "password": PASSWORD})
    assert status == 200
    access, refresh = tokens["access"], tokens["refresh"]

    status, body, headers = call("GET", f"{api}/subscribers/")
    assert status == 401
    assert body == {"detail": "Authentication credentials were not provided."}
    assert headers["WWW-Authenticate"] == f'{keyword} realm="api"'
    assert call("GET", f"{api}/subscribers/", token=access, keyword=other_keyword)[0] == 401

    subscriber = {"name": "Ada", "age": 29, "email": "ada@example.com"}
    status, created, _ = call("POST", f"{api}/subscribers/", subscriber, access, keyword)
    assert status == 201
    assert created == {"id": created["id"], **subscriber}
    status, listing, _ = call("GET", f"{api}/subscribers/", token=access, keyword=keyword)
    assert status == 200
    assert listing["results"] == [created]

    assert call("POST", f"{api}/token/verify/", {"token": access})[0] == 200
    status, refreshed, _ = call("POST", f"{api}/token/refresh/", {"refresh": refresh})
    assert status == 200
    assert call("GET", f"{api}/subscribers/", token=refreshed["access"], keyword=keyword)[0] == 200

    # Default bakes rotate and blacklist: the old refresh token is spent; log out with the new one.
    assert call("POST", f"{api}/token/refresh/", {"refresh": refresh})[0] == 401
    assert call("POST", f"{api}/token/blacklist/", {"refresh": refreshed["refresh"]})[0] == 200
    assert call("POST", f"{api}/token/refresh/", {"refresh": refreshed["refresh"]})[0] == 401

    status, schema, _ = call("GET", f"{api}/schema/?format=json")
    assert status == 200
    assert "/api/subscribers/" in schema["paths"]
    # The docs page's script is served by this server: nothing comes from a CDN.
    with urllib.request.urlopen(f"{api}/docs/", timeout=10) as docs:
        page = docs.read().decode()
    script = "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js"
    assert script in page
    with urllib.request.urlopen(f"{base}{script}", timeout=10) as asset:
        assert asset.status == 200


@pytest.mark.parametrize("answers", option_sets(["default", "postgresql"]), indirect=True)
def test_parallel_creates_with_duplicate_emails_keep_exactly_the_unique_rows(gunicorn_server):
    api = f"{gunicorn_server}/api"
    status, tokens, _ = call("POST", f"{api}/token/", {"username": "admin", "password": PASSWORD})
    assert status == 200
    requests, unique = 50, 20
    start = threading.Barrier(requests)

    def create(n: int) -> tuple[int, dict]:
        subscriber = {"name": f"S{n}", "age": 30, "email": f"s{n % unique}@example.com"}
        start.wait()  # release all fifty at once
        status, body, _ = call(
            "POST", f"{api}/subscribers/", subscriber, tokens["access"], "Bearer"
        )
        return status, body

    with ThreadPoolExecutor(max_workers=requests) as pool:
        answers = list(pool.map(create, range(requests)))

    statuses = Counter(status for status, _ in answers)
    assert statuses == {201: unique, 400: requests - unique}, answers
    refusals = [body for status, body in answers if status == 400]
    assert all(set(body) == {"email"} for body in refusals), refusals
    status, listing, _ = call(
        "GET", f"{api}/subscribers/", token=tokens["access"], keyword="Bearer"
    )
    assert listing["count"] == unique
    assert {row["email"] for row in listing["results"]} == {
        f"s{n}@example.com" for n in range(unique)
    }


@pytest.mark.parametrize("answers", option_sets(["cookie"]), indirect=True)
def test_refresh_token_cookie_flow_over_http(server):
    api = f"{server}/api"
    script = {"X-Requested-With": "test"}

    def post(path: str, body: dict | None = None, cookie: str = "", headers: dict = script):
        request = urllib.request.Request(
            f"{api}{path}",
            method="POST",
            data=json.dumps(body or {}).encode(),
            headers={"Content-Type": "application/json", **headers}
            | ({"Cookie": f"refresh_token={cookie}"} if cookie else {}),
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read(), error.headers

    credentials = {"username": "admin", "password": PASSWORD}
    assert post("/token/", credentials, headers={})[0] == 403
    status, body, headers = post("/token/", credentials)
    assert status == 200
    assert set(json.loads(body)) == {"access"}
    set_cookie = headers["Set-Cookie"]
    refresh = set_cookie.split(";")[0].removeprefix("refresh_token=")
    attributes = {part.strip().split("=")[0].lower() for part in set_cookie.split(";")[1:]}
    # The development server speaks HTTP: no Secure flag here (production sets it).
    assert attributes == {"expires", "httponly", "max-age", "path", "samesite"}
    assert "Path=/api/token/" in set_cookie
    assert "SameSite=Strict" in set_cookie
    assert refresh.encode() not in body

    status, body, headers = post("/token/refresh/", cookie=refresh)
    assert status == 200
    assert set(json.loads(body)) == {"access"}
    rotated = headers["Set-Cookie"].split(";")[0].removeprefix("refresh_token=")
    assert rotated
    assert rotated != refresh
    assert post("/token/refresh/", cookie=refresh)[0] == 401  # replay after rotation

    status, _, headers = post("/token/logout/", cookie=rotated)
    assert status == 204
    assert headers["Set-Cookie"].startswith('refresh_token="";')
    assert post("/token/refresh/", cookie=rotated)[0] == 401
