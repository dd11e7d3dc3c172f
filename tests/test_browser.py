"""The docs page in a real browser: headless Chromium authorizes with a token and calls the API.

Uses Debian's chromium (`apt-get install chromium chromium-driver`) through Playwright: no browser
is downloaded. Leaves a screenshot of the answered call in test-artifacts/.
"""

import contextlib
import json
import re
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyotp
import pytest
import yaml
from playwright.sync_api import Page, Request, expect, sync_playwright

from bakery import option_set, option_sets
from harness.client import call
from harness.deployment import PASSWORD
from harness.environments import project_environment
from harness.mail import Mailbox, smtp_server
from harness.paths import ARTIFACTS
from harness.services import require
from harness.serving import LOOPBACK, running, serving

# Names under site.localhost reach this machine: the API, its front end and another page of one
# site on hosts of their own, as api.example.com, app.example.com and blog.example.com would be.
SITE = "site.localhost"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    f"--host-resolver-rules=MAP *.{SITE} 127.0.0.1",
]


@pytest.fixture
def chromium():
    """A headless Chromium, driven by Playwright."""
    executable = shutil.which("chromium")
    require(
        executable is not None,
        "Chromium is not installed: `apt-get install chromium chromium-driver` (Debian) to run "
        "the docs page in a browser",
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.mark.parametrize(
    ("answers", "keyword"),
    [option_set("default", "Bearer"), option_set("HS512-JWT-keyword-long-lifetimes", "JWT")],
    indirect=["answers"],
)
def test_docs_page_authorizes_with_a_token_and_lists_subscribers(server, keyword, chromium):
    login = call("POST", f"{server}/api/token/", {"username": "admin", "password": PASSWORD})
    assert login.status == 200
    access = login.body["access"]
    subscriber = {"name": "Ada Lovelace", "age": 29, "email": "ada@example.com"}
    assert call("POST", f"{server}/api/subscribers/", subscriber, access, keyword).status == 201

    page = chromium.new_page()
    page.set_default_timeout(15_000)
    elsewhere: list[str] = []
    page.on(
        "request",
        lambda request: None if request.url.startswith(server) else elsewhere.append(request.url),
    )
    sent: list[str | None] = []
    page.on(
        "request",
        lambda request: (
            sent.append(request.headers.get("authorization"))
            if request.url.startswith(f"{server}/api/subscribers/")
            else None
        ),
    )

    # The page runs under its Content-Security-Policy: nothing it needs may be refused.
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Security Policy" in message.text else None
        ),
    )

    docs = page.goto(f"{server}/api/docs/")
    assert docs is not None
    assert "script-src 'self'" in docs.headers["content-security-policy"]
    page.get_by_role("button", name="Authorize").first.click()
    dialog = page.locator(".dialog-ux")
    # The README tells users what to paste: the bare token for Bearer (an HTTP bearer scheme, to
    # which Swagger UI adds the keyword), the whole header value for any other keyword.
    dialog.locator("input").fill(access if keyword == "Bearer" else f"{keyword} {access}")
    dialog.locator(".auth-btn-wrapper button.authorize").click()
    expect(dialog).to_contain_text("Authorized")
    dialog.locator(".auth-btn-wrapper button.btn-done").click()

    operation = page.locator(".opblock-get").filter(
        has=page.locator('[data-path="/api/subscribers/"]')
    )
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()
    answer = operation.locator(".live-responses-table .response")
    expect(answer.locator(".response-col_status")).to_have_text("200")
    expect(answer.locator(".response-col_description")).to_contain_text(subscriber["email"])

    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / f"docs-page-{keyword}.png"
    page.screenshot(path=screenshot, full_page=True)
    print(f"screenshot: {screenshot}")
    assert sent == [f"{keyword} {access}"]
    assert elsewhere == []
    assert refused == []


# The example front end of the cookie bakes (frontend/), served as the bake's README says: the API
# by `python manage.py runserver`, the page by `python frontend/serve.py`, both on 127.0.0.1 (one
# site), on ports of their own. Access tokens live ACCESS_SECONDS here: one expires in the test.
ACCESS_SECONDS = 2
SHORT_ACCESS_SETTINGS = """
from datetime import timedelta

from config.settings.local import *

SIMPLE_JWT = {{**SIMPLE_JWT, "ACCESS_TOKEN_LIFETIME": timedelta(seconds={seconds})}}
"""
COOKIE_NAME = "__Host-refresh_token"
SUBSCRIBER = {"name": "Ada Lovelace", "age": 29, "email": "ada@example.com"}
FROM_SCRIPT = {"X-Requested-With": "test"}


def login_of(answers: dict) -> dict[str, str]:
    """The superuser's credentials (conftest.migrated_project) as the bake's login takes them."""
    if answers.get("login_field") == "email":
        return {"email": "admin@example.com", "password": PASSWORD}
    return {"username": "admin", "password": PASSWORD}


@contextlib.contextmanager
def example_front_end(
    project: Path,
    environment: dict[str, str],
    tmp_path: Path,
    api_host: str = LOOPBACK,
    front_end_host: str = LOOPBACK,
    access_seconds: int = ACCESS_SECONDS,
) -> Iterator[tuple[str, str]]:
    """(the API's URL, the front end's URL): the bake under runserver with short-lived access
    tokens, its frontend/ (a copy, pointed at the API) under frontend/serve.py."""
    pages = tmp_path / "frontend"
    shutil.copytree(project / "frontend", pages)
    settings = tmp_path / "settings"
    settings.mkdir()
    (settings / "short_access.py").write_text(SHORT_ACCESS_SETTINGS.format(seconds=access_seconds))
    serve = [sys.executable, "frontend/serve.py", "{port}"]
    with serving(serve, tmp_path, environment, tmp_path / "front-end.log") as front_end:
        front_end_url = front_end.url.replace(LOOPBACK, front_end_host)
        api_environment = environment | {
            "DJANGO_SETTINGS_MODULE": "short_access",
            "PYTHONPATH": str(settings),
            "DJANGO_FRONTEND_URL": front_end_url,
        }
        runserver = [sys.executable, "manage.py", "runserver", "{port}", "--noreload"]
        with serving(runserver, project, api_environment, tmp_path / "api.log") as api:
            api_url = api.url.replace(LOOPBACK, api_host)
            config = pages / "config.js"
            config.write_text(
                config.read_text().replace('"http://127.0.0.1:8000"', json.dumps(api_url))
            )
            yield api_url, front_end_url


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    print(f"screenshot: {path}")


# What a page of an origin the API does not allow tries: read an answer with the user's
# credentials, and refresh: with the header (which needs a preflight), and as a form would.
FOREIGN_SCRIPT = """
async (api) => {
  const attempts = {
    account: fetch(`${api}/api/users/me/`, {credentials: "include"}),
    refresh: fetch(`${api}/api/token/refresh/`, {
      method: "POST", credentials: "include", headers: {"X-Requested-With": "fetch"},
    }),
    refreshAsAForm: fetch(`${api}/api/token/refresh/`, {
      method: "POST", credentials: "include", mode: "no-cors",
    }),
  };
  const outcome = {};
  for (const [name, attempt] of Object.entries(attempts)) {
    try {
      const response = await attempt;
      outcome[name] = response.type === "opaque" ? "opaque" : await response.text();
    } catch (error) {
      outcome[name] = "blocked";
    }
  }
  return outcome;
}
"""


COOKIE_SETS = ["cookie", "cookie-no-rotation-no-blacklist", "EdDSA-cookie-stateless-postgresql"]


@pytest.mark.parametrize("answers", option_sets(COOKIE_SETS), indirect=True)
def test_example_front_end_signs_in_refreshes_reloads_and_signs_out(
    migrated_project, answers, request, chromium, tmp_path
):
    project, environment = migrated_project
    name = request.node.callspec.id
    with example_front_end(project, environment, tmp_path) as (api, front_end):
        login = call("POST", f"{api}/api/token/", login_of(answers), headers=FROM_SCRIPT)
        assert login.status == 200, login
        keyword = answers.get("auth_header_type", "Bearer")
        access = login.body["access"]
        created = call("POST", f"{api}/api/subscribers/", SUBSCRIBER, access, keyword)
        assert created.status == 201, created

        context = chromium.new_context()
        page = context.new_page()
        page.set_default_timeout(15_000)
        # The API's answers to the page, apart from the security section's (bakes with a second
        # factor), which the signed-in view loads beside the list.
        answered: list[tuple[str, int]] = []
        page.on(
            "response",
            lambda response: (
                answered.append(
                    (
                        response.request.method + " " + response.url.removeprefix(api),
                        response.status,
                    )
                )
                if response.url.startswith(api)
                and not response.url.startswith(f"{api}/api/factors/")
                else None
            ),
        )
        status = page.locator("#status")

        # A first visit: no refresh cookie yet, so the page asks to sign in.
        page.goto(front_end)
        expect(status).to_have_text("Sign in to see the subscribers.")
        form = page.locator("#sign-in")
        for field, value in login_of(answers).items():
            form.locator(f'input[name="{field}"]').fill(value)
        form.get_by_role("button", name="Sign in", exact=True).click()
        expect(status).to_have_text("Signed in: 1 subscriber.")
        expect(page.locator("#subscribers")).to_contain_text(SUBSCRIBER["email"])
        screenshot(page, f"example-front-end-signed-in-{name}")

        # The refresh token is in the browser, out of the page's reach.
        [cookie] = context.cookies(api)
        assert (cookie["name"], cookie["path"], cookie["httpOnly"], cookie["secure"]) == (
            COOKIE_NAME,
            "/",
            True,
            True,
        )
        assert cookie["sameSite"] == "Strict"
        assert page.evaluate("document.cookie") == ""
        # What Path=/ (which __Host- requires) costs: this on every request to the API's host.
        print(f"refresh cookie: {len(cookie['name']) + 1 + len(cookie['value'])} bytes")

        # The access token expires: the next call is refused, the page refreshes and calls again.
        answered.clear()
        time.sleep(ACCESS_SECONDS + 0.5)
        page.get_by_role("button", name="Reload the list").click()
        expect(status).to_have_text("Signed in: 1 subscriber.")
        assert answered == [
            ("GET /api/subscribers/", 401),
            ("POST /api/token/refresh/", 200),
            ("GET /api/subscribers/", 200),
        ]
        screenshot(page, f"example-front-end-after-refresh-{name}")

        # A reload loses the access token (memory only); the refresh cookie brings it back.
        answered.clear()
        page.reload()
        expect(status).to_have_text("Signed in: 1 subscriber.")
        assert answered == [("POST /api/token/refresh/", 200), ("GET /api/subscribers/", 200)]
        assert page.evaluate("document.cookie") == ""

        # A page on an origin the API does not allow (localhost is another site than 127.0.0.1),
        # in the same browser, signed in: it reads nothing and refreshes nothing.
        foreign = context.new_page()
        foreign.goto(front_end.replace(LOOPBACK, "localhost"))
        answered.clear()
        outcome = foreign.evaluate(FOREIGN_SCRIPT, api)
        assert outcome == {"account": "blocked", "refresh": "blocked", "refreshAsAForm": "opaque"}
        assert ("POST /api/token/refresh/", 200) not in answered, answered
        foreign.close()

        # Sign out: the API clears the cookie; a reload finds no session.
        page.get_by_role("button", name="Sign out").click()
        expect(status).to_have_text("Signed out.")
        assert context.cookies(api) == []
        page.reload()
        expect(status).to_have_text("Sign in to see the subscribers.")
        context.close()


# The cookie bakes where users may turn on a second factor: an authenticator app alone, and with
# passkeys (a user without passkeys meets the same page there).
SECOND_FACTOR_SETS = ["cookie", "EdDSA-cookie-stateless-postgresql"]


@pytest.mark.parametrize("answers", option_sets(SECOND_FACTOR_SETS), indirect=True)
def test_example_front_end_turns_on_totp_and_asks_for_it(
    migrated_project, answers, request, chromium, tmp_path
):
    project, environment = migrated_project
    name = request.node.callspec.id
    # Seven sign-ins of one account within a minute: above its limit (5), which another test
    # meets.
    environment = environment | {"DJANGO_THROTTLE_LOGIN_USERNAME": "10/minute"}
    with example_front_end(project, environment, tmp_path) as (api, front_end):
        context = chromium.new_context()
        page = context.new_page()
        page.set_default_timeout(15_000)
        status = page.locator("#status")
        security = page.locator("#security")
        factors = page.locator("#factors")
        security_status = page.locator("#security-status")
        page.goto(front_end)
        expect(status).to_have_text("Sign in to see the subscribers.")

        def sign_in() -> None:
            form = page.locator("#sign-in")
            for field, value in login_of(answers).items():
                form.locator(f'input[name="{field}"]').fill(value)
            form.get_by_role("button", name="Sign in", exact=True).click()

        def enter(code: str) -> None:
            page.locator('#second-factor input[name="code"]').fill(code)
            page.locator("#second-factor").get_by_role("button", name="Verify").click()

        def shown_recovery_codes() -> list[str]:
            codes = security.locator("#recovery-codes li")
            expect(codes).to_have_count(10)
            return codes.all_text_contents()

        # Signed in with the password alone, the user turns on an authenticator app (the test's
        # pyotp) in the security section, the password asked again.
        sign_in()
        expect(status).to_have_text("Signed in: 0 subscribers.")
        expect(factors).to_have_text("The authenticator app is off; 0 recovery codes left.")
        security.locator("#security-password").fill(PASSWORD)
        security.get_by_role("button", name="Turn on an authenticator app").click()
        expect(security_status).to_have_text(
            "Add the key to your authenticator app, then confirm with a code it shows."
        )
        secret = security.locator("#totp-secret").inner_text()
        app = pyotp.TOTP(secret)
        expect(security.locator("#totp-uri")).to_have_text(
            re.compile(rf"^otpauth://totp/.*[?&]secret={secret}(&|$)")
        )
        confirm = security.locator("#totp-confirm")

        # A wrong code: the API's refusal, as it words it, and the app stays off.
        confirm.locator('input[name="totp"]').fill("000000" if app.now() != "000000" else "111111")
        confirm.get_by_role("button", name="Confirm").click()
        expect(security_status).to_have_text("Wrong code, or no app being added.")
        expect(factors).to_have_text("The authenticator app is off; 0 recovery codes left.")
        expect(security.locator("#recovery-codes")).to_be_hidden()

        # The app's code turns it on: the recovery codes, shown once.
        confirm.locator('input[name="totp"]').fill(app.now())
        confirm.get_by_role("button", name="Confirm").click()
        expect(security_status).to_have_text(
            "The authenticator app is on: signing in asks for its code."
        )
        expect(factors).to_have_text("The authenticator app is on; 10 recovery codes left.")
        expect(confirm).to_be_hidden()
        first_codes = shown_recovery_codes()
        screenshot(page, f"example-front-end-totp-turned-on-{name}")
        page.get_by_role("button", name="Sign out").click()
        expect(status).to_have_text("Signed out.")
        expect(security.locator("#recovery-codes li")).to_have_count(0)

        # The password answers a challenge, not tokens: the page asks for the code.
        sign_in()
        expect(status).to_have_text(
            "Enter the code from your authenticator app, or a recovery code."
        )
        expect(page.locator("#sign-in")).to_be_hidden()
        assert context.cookies(api) == []
        screenshot(page, f"example-front-end-second-factor-{name}")
        enter("000000" if app.now() != "000000" else "111111")
        expect(status).to_have_text("That code was refused: try again.")
        # The app's next code (the one just used to turn it on is spent).
        enter(app.at(time.time() + 30))
        expect(status).to_have_text("Signed in: 0 subscribers.")
        assert [cookie["name"] for cookie in context.cookies(api)] == [COOKIE_NAME]

        # New recovery codes, for the password and a code (here a recovery code, spent).
        expect(factors).to_have_text("The authenticator app is on; 10 recovery codes left.")
        renew = security.locator("#recovery-renew")
        renew.locator('input[name="code"]').fill(first_codes[0])
        renew.get_by_role("button", name="Renew the recovery codes").click()
        expect(security_status).to_have_text("This field may not be blank.")
        security.locator("#security-password").fill(PASSWORD)
        renew.get_by_role("button", name="Renew the recovery codes").click()
        expect(security_status).to_have_text("New recovery codes: the old ones no longer work.")
        renewed_codes = shown_recovery_codes()
        assert not set(renewed_codes) & set(first_codes)
        expect(factors).to_have_text("The authenticator app is on; 10 recovery codes left.")
        page.get_by_role("button", name="Sign out").click()
        expect(status).to_have_text("Signed out.")

        # A renewed recovery code answers the challenge too, once; the old ones none.
        sign_in()
        expect(status).to_have_text(
            "Enter the code from your authenticator app, or a recovery code."
        )
        enter(first_codes[1])
        expect(status).to_have_text("That code was refused: try again.")
        enter(renewed_codes[0])
        expect(status).to_have_text("Signed in: 0 subscribers.")
        page.get_by_role("button", name="Sign out").click()
        sign_in()
        enter(renewed_codes[0])
        expect(status).to_have_text("That code was refused: try again.")

        # A challenge dies with the page's copy of it: a reload asks for the password again.
        page.reload()
        expect(status).to_have_text("Sign in to see the subscribers.")

        # Turned off for the password and a code: a wrong one leaves the app on; then signing
        # in asks for the password alone, and the recovery codes are gone with the app.
        sign_in()
        enter(renewed_codes[1])
        expect(status).to_have_text("Signed in: 0 subscribers.")
        turn_off = security.locator("#totp-disable")
        security.locator("#security-password").fill(PASSWORD)
        turn_off.locator('input[name="code"]').fill(
            "000000" if app.now() != "000000" else "111111"
        )
        turn_off.get_by_role("button", name="Turn off the authenticator app").click()
        expect(security_status).to_have_text("Wrong code.")
        expect(factors).to_have_text("The authenticator app is on; 8 recovery codes left.")
        turn_off.locator('input[name="code"]').fill(renewed_codes[2])
        turn_off.get_by_role("button", name="Turn off the authenticator app").click()
        expect(security_status).to_have_text(
            "The authenticator app is off: signing in no longer asks for its code."
        )
        expect(factors).to_have_text("The authenticator app is off; 0 recovery codes left.")
        expect(turn_off).to_be_hidden()
        page.get_by_role("button", name="Sign out").click()
        sign_in()
        expect(status).to_have_text("Signed in: 0 subscribers.")
        context.close()


@pytest.mark.parametrize("answers", option_sets(COOKIE_SETS), indirect=True)
def test_example_front_end_says_when_sign_ins_are_throttled(
    migrated_project, answers, chromium, tmp_path
):
    project, environment = migrated_project
    with example_front_end(project, environment, tmp_path) as (_, front_end):
        page = chromium.new_page()
        page.set_default_timeout(15_000)
        status = page.locator("#status")
        page.goto(front_end)
        expect(status).to_have_text("Sign in to see the subscribers.")
        form = page.locator("#sign-in")
        wrong = login_of(answers) | {"password": "not-the-password"}
        # The account's limit (5 a minute): refused credentials, then the API's reason, not
        # another "refused" that would send the user guessing at a password that may be right.
        for expected in ["Those credentials were refused."] * 5 + [
            re.compile(r"^Request was throttled\. Expected available in \d+ seconds?\.$")
        ]:
            for field, value in wrong.items():
                form.locator(f'input[name="{field}"]').fill(value)
            form.get_by_role("button", name="Sign in", exact=True).click()
            expect(status).to_have_text(expected)
            status.evaluate("element => { element.textContent = ''; }")
        page.close()


# What a page on another host of the site can do to cookies (cookie tossing): set one for the
# whole site, named as the API's refresh cookie, holding a refresh token of the attacker's own.
PLANT_SCRIPT = """
([token, site]) => {
  document.cookie = `refresh_token=${token}; Domain=${site}; Path=/`;
  document.cookie = `__Host-refresh_token=${token}; Domain=${site}; Path=/; Secure`;
  document.cookie = `__Host-refresh_token=${token}; Path=/api/; Secure`;
}
"""


@pytest.mark.parametrize("answers", option_sets(["cookie"]), indirect=True)
def test_another_host_of_the_site_can_plant_no_refresh_cookie(
    migrated_project, chromium, tmp_path
):
    project, environment = migrated_project
    hosts = {"api_host": f"api.{SITE}", "front_end_host": f"app.{SITE}"}
    with example_front_end(project, environment, tmp_path, **hosts) as (api, front_end):
        # The attacker's refresh token: an account of their own (here the admin's, logged in
        # outside the browser, while the browser's user has no session).
        credentials = {"username": "admin", "password": PASSWORD}
        attacker = call("POST", f"{api.replace(hosts['api_host'], LOOPBACK)}/api/token/",
                        credentials, headers=FROM_SCRIPT)  # fmt: skip
        token = attacker.headers["Set-Cookie"].split(";")[0].partition("=")[2]
        context = chromium.new_context()
        page = context.new_page()
        page.set_default_timeout(15_000)
        # Playwright's request.headers leaves cookies out; all_headers() has them.
        refreshes: list[Request] = []
        answered: list[tuple[str, int]] = []
        page.on(
            "request",
            lambda request: (
                refreshes.append(request)
                if request.url == f"{api}/api/token/refresh/" and request.method == "POST"
                else None
            ),
        )
        page.on(
            "response",
            lambda response: (
                answered.append((response.url, response.status))
                if response.url.startswith(f"{api}/api/token/refresh/")
                else None
            ),
        )

        other = context.new_page()
        other.goto(front_end.replace(hosts["front_end_host"], f"blog.{SITE}"))
        other.evaluate(PLANT_SCRIPT, [token, SITE])
        # The browser kept the cookie of the plain name, for the whole site, and refused both of
        # the __Host- name (one names a domain, the other a path other than /).
        planted = {(cookie["name"], cookie["domain"]) for cookie in context.cookies()}
        assert planted == {("refresh_token", f".{SITE}")}

        # The user's page: the planted cookie reaches the API, which reads only its own name, so
        # the user is not signed in to the attacker's account.
        page.goto(front_end)
        expect(page.locator("#status")).to_have_text("Sign in to see the subscribers.")
        assert [request.all_headers().get("cookie") for request in refreshes] == [
            f"refresh_token={token}"
        ]
        assert answered == [(f"{api}/api/token/refresh/", 401)]

        # Signed in, the user's own session goes on beside the planted cookie.
        form = page.locator("#sign-in")
        for field, value in credentials.items():
            form.locator(f'input[name="{field}"]').fill(value)
        form.get_by_role("button", name="Sign in", exact=True).click()
        expect(page.locator("#status")).to_have_text("Signed in: 0 subscribers.")
        answered.clear()
        page.reload()
        expect(page.locator("#status")).to_have_text("Signed in: 0 subscribers.")
        assert answered == [(f"{api}/api/token/refresh/", 200)]

        # That other page is of the same site, so the browser sends the cookie with its requests,
        # but its origin is not allowed: it reads nothing and refreshes nothing.
        answered.clear()
        outcome = other.evaluate(FOREIGN_SCRIPT, api)
        assert outcome == {"account": "blocked", "refresh": "blocked", "refreshAsAForm": "opaque"}
        assert (f"{api}/api/token/refresh/", 200) not in answered
        context.close()


# A bake with every option, run as its development compose file (compose.dev.yaml) runs it: its
# API and front end services' commands, on loopback ports; PostgreSQL and the mail catcher are
# the machine's PostgreSQL and an SMTP server this test runs (images cannot be pulled here).
REGISTRATION_SET = "EdDSA-cookie-stateless-postgresql"
NEW_PASSWORD = "another-long-password-after-the-reset"
MAIL_WAIT = 10


def on_loopback(command: list[str]) -> list[str]:
    """A compose.dev.yaml command as this machine runs it: the test's Python for the image's, a
    free loopback port for the container's published one."""
    return [
        part.replace("/opt/venv/bin/python", sys.executable)
        .replace("0.0.0.0:8000", f"{LOOPBACK}:{{port}}")
        .replace("5173", "{port}")
        .replace("0.0.0.0", LOOPBACK)
        for part in command
    ]


def mailed_link(mailbox: Mailbox, front_end: str, page: str) -> str:
    message = mailbox.next(timeout=MAIL_WAIT)
    found = re.search(rf"{re.escape(front_end)}/{page}/\S+", message.get_content())
    assert found is not None, message.get_content()
    return found[0]


@pytest.mark.parametrize("answers", option_sets([REGISTRATION_SET]), indirect=True)
def test_dev_stack_serves_the_pages_the_mails_link_to(
    project, postgres_database, chromium, tmp_path
):
    services = yaml.safe_load((project / "compose.dev.yaml").read_text())["services"]
    frontend = tmp_path / "frontend"
    shutil.copytree(project / "frontend", frontend)
    logs = tmp_path / "logs"
    logs.mkdir()
    with contextlib.ExitStack() as stack:
        mailbox = stack.enter_context(smtp_server())
        front_end = stack.enter_context(
            serving(
                on_loopback(services["frontend"]["command"]),
                tmp_path,
                project_environment(),
                logs / "front-end.log",
            )
        ).url
        # compose.dev.yaml's addresses of the database and the mail catcher, as this machine
        # has them; the front end on its port.
        machine = {
            "DATABASE_URL": postgres_database(),
            "EMAIL_URL": f"smtp://{LOOPBACK}:{mailbox.port}",
            "DJANGO_FRONTEND_URL": front_end,
        }
        assert machine.keys() - {"DJANGO_FRONTEND_URL"} <= services["api"]["environment"].keys()
        environment = project_environment(**(services["api"]["environment"] | machine))
        api_command = on_loopback(services["api"]["command"])
        api = stack.enter_context(
            serving(api_command, project, environment, logs / "api.log", timeout=90)
        ).url
        # The mails go out from the worker service, started once the API's migrate made its
        # tables.
        worker_command = on_loopback(services["worker"]["command"])
        stack.enter_context(running(worker_command, project, environment, logs / "worker.log"))
        config = frontend / "config.js"
        config.write_text(config.read_text().replace('"http://127.0.0.1:8000"', json.dumps(api)))

        account = {"email": "bob@example.com"}
        assert call("POST", f"{api}/api/users/signup/", account).status == 202
        page = chromium.new_page()
        page.set_default_timeout(15_000)
        status = page.locator("#status")

        # The activation link's page takes the account's password.
        page.goto(mailed_link(mailbox, front_end, "activate"))
        page.locator('input[name="password"]').fill(PASSWORD)
        page.get_by_role("button", name="Activate the account").click()
        expect(status).to_have_text("Your account is active: sign in.")
        screenshot(page, "example-front-end-activated")

        def sign_in(password: str) -> None:
            page.goto(front_end)
            form = page.locator("#sign-in")
            form.locator('input[name="email"]').fill(account["email"])
            form.locator('input[name="password"]').fill(password)
            form.get_by_role("button", name="Sign in", exact=True).click()

        sign_in(PASSWORD)
        expect(status).to_have_text("Signed in: 0 subscribers.")
        page.get_by_role("button", name="Sign out").click()
        expect(status).to_have_text("Signed out.")

        reset = call("POST", f"{api}/api/users/password-reset/", {"email": account["email"]})
        assert reset.status == 202
        page.goto(mailed_link(mailbox, front_end, "reset-password"))
        page.locator('input[name="password"]').fill(NEW_PASSWORD)
        page.get_by_role("button", name="Change the password").click()
        expect(status).to_have_text("Your password is changed: sign in with it.")
        screenshot(page, "example-front-end-password-reset")

        sign_in(PASSWORD)
        expect(status).to_have_text("Those credentials were refused.")
        sign_in(NEW_PASSWORD)
        expect(status).to_have_text("Signed in: 0 subscribers.")
        assert mailbox.received.empty()


# A passkey made in the browser: the front end's security section adds one (WebAuthn's
# navigator.credentials, for the API's options), then signs in with it; Chromium's virtual
# authenticator (the DevTools WebAuthn domain) plays a platform authenticator with a PIN or
# fingerprint. The same login steps then run as a script on the page, to read the API's answers.
PASSKEY_SCRIPTS = """
({
  async post(url, body) {
    const response = await fetch(url, {
      method: "POST", credentials: "include",
      headers: {"Content-Type": "application/json", "X-Requested-With": "fetch"},
      body: JSON.stringify(body ?? {}),
    });
    return {status: response.status, body: await response.json()};
  },
  async assert(optionsUrl, answerUrl, challenge) {
    const body = challenge ? {challenge} : {};
    const options = await this.post(optionsUrl, body);
    const credential = await navigator.credentials.get({
      publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options.body),
    });
    return this.post(answerUrl, {...body, credential: credential.toJSON()});
  },
})
"""


@pytest.mark.parametrize("answers", option_sets([REGISTRATION_SET]), indirect=True)
def test_a_passkey_made_in_chromium_answers_the_challenge_and_logs_in_alone(
    migrated_project, answers, chromium, tmp_path
):
    project, environment = migrated_project
    # WebAuthn needs a host name (no IP address) in a secure context: *.localhost is one.
    hosts = {"api_host": f"api.{SITE}", "front_end_host": f"app.{SITE}"}
    served = example_front_end(project, environment, tmp_path, **hosts, access_seconds=300)
    with served as (api, front_end):
        context = chromium.new_context()
        page = context.new_page()
        page.set_default_timeout(15_000)
        devtools = context.new_cdp_session(page)
        devtools.send("WebAuthn.enable")
        authenticator = devtools.send(
            "WebAuthn.addVirtualAuthenticator",
            {
                "options": {
                    "protocol": "ctap2",
                    "transport": "internal",
                    "hasResidentKey": True,
                    "hasUserVerification": True,
                    "isUserVerified": True,
                    "automaticPresenceSimulation": True,
                }
            },
        )["authenticatorId"]
        page.goto(front_end)

        def run_script(name: str, *args: object) -> dict:
            script = f"(args) => ({PASSKEY_SCRIPTS}).{name}(...args)"
            return page.evaluate(script, list(args))

        # Signed in with the password, the user adds a passkey in the security section (the
        # password asked again): the recovery codes come with it, the first factor.
        status = page.locator("#status")
        security = page.locator("#security")
        security_status = page.locator("#security-status")
        form = page.locator("#sign-in")
        for field, value in login_of(answers).items():
            form.locator(f'input[name="{field}"]').fill(value)
        form.get_by_role("button", name="Sign in", exact=True).click()
        expect(status).to_have_text("Signed in: 0 subscribers.")
        expect(security.locator("#passkeys li")).to_have_count(0)
        add = security.locator("#passkey-add")
        add.locator('input[name="name"]').fill("Chromium")
        add.get_by_role("button", name="Add a passkey").click()
        expect(security_status).to_have_text("This field may not be blank.")
        assert (
            devtools.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})[
                "credentials"
            ]
            == []
        )
        security.locator("#security-password").fill(PASSWORD)
        add.get_by_role("button", name="Add a passkey").click()
        expect(security_status).to_have_text("The passkey Chromium is added: it signs you in.")
        expect(security.locator("#recovery-codes li")).to_have_count(10)
        expect(security.locator("#passkeys li")).to_have_count(1)
        expect(security.locator("#passkeys li")).to_contain_text("Chromium (added ")
        expect(page.locator("#factors")).to_have_text(
            "The authenticator app is off; 10 recovery codes left."
        )
        screenshot(page, "example-front-end-passkey-added")
        [kept] = devtools.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})[
            "credentials"
        ]
        assert kept["isResidentCredential"]
        assert kept["rpId"] == hosts["front_end_host"]

        # The example front end: the password answers a challenge, the passkey answers it.
        page.reload()
        expect(status).to_have_text("Signed in: 0 subscribers.")
        page.get_by_role("button", name="Sign out").click()
        expect(status).to_have_text("Signed out.")
        for field, value in login_of(answers).items():
            form.locator(f'input[name="{field}"]').fill(value)
        form.get_by_role("button", name="Sign in", exact=True).click()
        expect(status).to_have_text(
            "Use your passkey, or enter a code from your authenticator app or a recovery code."
        )
        page.get_by_role("button", name="Use a passkey").click()
        expect(status).to_have_text("Signed in: 0 subscribers.")

        # With no password and no account named, the passkey (which verified its user) signs in
        # alone; after a reload the refresh cookie it set brings the session back.
        page.get_by_role("button", name="Sign out").click()
        expect(status).to_have_text("Signed out.")
        form.get_by_role("button", name="Sign in with a passkey").click()
        expect(status).to_have_text("Signed in: 0 subscribers.")
        page.reload()
        expect(status).to_have_text("Signed in: 0 subscribers.")

        # Recovery codes used up or lost, and no app to give a code: a passkey renews them.
        security.locator("#security-password").fill(PASSWORD)
        security.get_by_role("button", name="Renew the recovery codes with a passkey").click()
        expect(security_status).to_have_text("New recovery codes: the old ones no longer work.")
        expect(security.locator("#recovery-codes li")).to_have_count(10)

        # The same steps as a script: the API's answers themselves.
        challenge = run_script("post", f"{api}/api/token/", login_of(answers))
        assert challenge["body"]["methods"] == ["passkey", "recovery_code"]
        answered = run_script(
            "assert",
            f"{api}/api/token/second-factor/passkey/options/",
            f"{api}/api/token/second-factor/passkey/",
            challenge["body"]["challenge"],
        )
        assert answered["status"] == 200, answered
        alone = run_script(
            "assert", f"{api}/api/token/passkey/options/", f"{api}/api/token/passkey/", None
        )
        assert alone["status"] == 200, alone
        screenshot(page, "passkeys")

        # Removed (the password asked again), the passkey signs in no more, and the recovery
        # codes went with the account's last factor.
        security.get_by_role("button", name="Remove Chromium").click()
        expect(security_status).to_have_text("The passkey Chromium is removed.")
        expect(security.locator("#passkeys li")).to_have_count(0)
        expect(page.locator("#factors")).to_have_text(
            "The authenticator app is off; 0 recovery codes left."
        )
        page.get_by_role("button", name="Sign out").click()
        expect(status).to_have_text("Signed out.")
        form.get_by_role("button", name="Sign in with a passkey").click()
        expect(status).to_have_text("That passkey was refused.")
        context.close()
