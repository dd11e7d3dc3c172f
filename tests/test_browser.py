"""The docs page in a real browser: headless Chromium authorizes with a token and calls the API.

Uses Debian's chromium (`apt-get install chromium chromium-driver`) through Playwright: no browser
is downloaded. Leaves a screenshot of the answered call in test-artifacts/.
"""

import shutil
import sys

import pytest
from playwright.sync_api import expect, sync_playwright

from bakery import option_set, option_sets
from harness.client import call
from harness.deployment import PASSWORD
from harness.paths import ARTIFACTS
from harness.services import require
from harness.serving import serving

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


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


# What a front end does (the generated README's fetch() example, condensed): log in and refresh
# through the cookie, call the API with the access token, and try to read the cookie.
FRONT_END_SCRIPT = """
async ([api, username, password]) => {
  const script = {"X-Requested-With": "fetch"};
  try {
    const login = await fetch(`${api}/api/token/`, {
      method: "POST",
      credentials: "include",
      headers: {...script, "Content-Type": "application/json"},
      body: JSON.stringify({username, password}),
    });
    const loginBody = await login.json();
    const refresh = await fetch(`${api}/api/token/refresh/`, {
      method: "POST", credentials: "include", headers: script,
    });
    const refreshBody = await refresh.json();
    const list = await fetch(`${api}/api/subscribers/`, {
      headers: {Authorization: `Bearer ${refreshBody.access}`},
    });
    return {
      login: login.status,
      loginKeys: Object.keys(loginBody),
      refresh: refresh.status,
      refreshKeys: Object.keys(refreshBody),
      renewed: refreshBody.access !== loginBody.access,
      list: list.status,
      cookies: document.cookie,
    };
  } catch (error) {
    return {blocked: String(error)};
  }
}
"""


@pytest.mark.parametrize("answers", option_sets(["cookie"]), indirect=True)
def test_front_end_on_another_port_logs_in_and_refreshes_through_the_cookie(
    migrated_project, chromium, tmp_path
):
    path, environment = migrated_project
    pages = tmp_path / "front-end"
    pages.mkdir()
    (pages / "index.html").write_text("<!doctype html><title>front end</title><p>app</p>")
    static = [sys.executable, "-m", "http.server", "{port}", "--bind", "127.0.0.1"]
    with serving(static, pages, environment, tmp_path / "front-end.log") as front_end:
        allowed = environment | {"DJANGO_CORS_ALLOWED_ORIGINS": front_end.url}
        runserver = [sys.executable, "manage.py", "runserver", "127.0.0.1:{port}", "--noreload"]
        with serving(runserver, path, allowed, tmp_path / "runserver.log") as api:
            page = chromium.new_page()
            page.goto(f"{front_end.url}/index.html")
            result = page.evaluate(FRONT_END_SCRIPT, [api.url, "admin", PASSWORD])

            # The same page from an origin not in DJANGO_CORS_ALLOWED_ORIGINS.
            stranger = front_end.url.replace("127.0.0.1", "localhost")
            page.goto(f"{stranger}/index.html")
            refused = page.evaluate(FRONT_END_SCRIPT, [api.url, "admin", PASSWORD])

    assert result == {
        "login": 200,
        "loginKeys": ["access"],
        "refresh": 200,
        "refreshKeys": ["access"],
        "renewed": True,
        "list": 200,
        "cookies": "",  # httpOnly: the refresh token is out of the script's reach
    }
    assert "blocked" in refused, refused
