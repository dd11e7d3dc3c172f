"""The docs page in a real browser: headless Chromium authorizes with a token and calls the API.

Uses Debian's chromium (`apt-get install chromium chromium-driver`) through Playwright: no browser
is downloaded. Leaves a screenshot of the answered call in test-artifacts/.
"""

import shutil

import pytest
from playwright.sync_api import expect, sync_playwright

from bakery import ARTIFACTS, PASSWORD, call, require

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
    ("project", "keyword"),
    [
        pytest.param("default", "Bearer", marks=pytest.mark.xdist_group("default")),
        pytest.param("JWT-keyword", "JWT", marks=pytest.mark.xdist_group("JWT-keyword")),
    ],
    indirect=["project"],
)
def test_docs_page_authorizes_with_a_token_and_lists_subscribers(server, keyword, chromium):
    status, tokens, _ = call(
        "POST", f"{server}/api/token/", {"username": "admin", "password": PASSWORD}
    )
    assert status == 200
    access = tokens["access"]
    subscriber = {"name": "Ada Lovelace", "age": 29, "email": "ada@example.com"}
    assert call("POST", f"{server}/api/subscribers/", subscriber, access, keyword)[0] == 201

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

    page.goto(f"{server}/api/docs/")
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
