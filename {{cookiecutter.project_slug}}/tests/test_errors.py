"""Errors under /api/ answer JSON and tell a client nothing about the server's insides."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from {{ cookiecutter.project_slug }}.subscribers.views import SubscriberViewSet
from {{ cookiecutter.project_slug }}.tokens.urls import urlpatterns as token_urlpatterns

TOKEN_URLS = [reverse(pattern.name) for pattern in token_urlpatterns]
# Valid JSON, but nested deeper than Python's json module recurses.
DEEPLY_NESTED = {
    "arrays": "[" * 10_000 + "]" * 10_000,
    "objects": '{"a": ' * 10_000 + "1" + "}" * 10_000,
}


@pytest.mark.parametrize("path", ["/api/no-such-thing/", "/api/no-such-thing"])
def test_unknown_api_url_answers_json_404(api_client, db, path):
    response = api_client.get(path)

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found"}


def test_api_url_without_its_trailing_slash_redirects_to_it(api_client, db):
    response = api_client.get("/api/subscribers")

    assert response.status_code == 301
    assert response["Location"] == "/api/subscribers/"


def test_unknown_api_url_answers_json_404_on_the_development_server_too(api_client, db, settings):
    # With DEBUG on, Django answers an unmatched URL with its HTML debug page, not handler404.
    settings.DEBUG = True

    response = api_client.get("/api/no-such-thing/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found"}


def test_post_to_an_unknown_api_url_answers_json_404_not_a_csrf_403(db):
    response = APIClient(enforce_csrf_checks=True).post("/api/no-such-thing/", {})

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found"}


def test_unknown_page_outside_the_api_answers_html_404(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_unexpected_exception_answers_json_500_without_details(auth_client, monkeypatch, caplog):
    def explode(*args, **kwargs):
        raise RuntimeError("SELECT secret FROM internals")

    monkeypatch.setattr(SubscriberViewSet, "list", explode)
    auth_client.raise_request_exception = False

    response = auth_client.get(reverse("subscriber-list"))

    assert response.status_code == 500
    assert response.json() == {"detail": "Server error.", "code": "server_error"}
    assert b"SELECT" not in response.content
    assert b"Traceback" not in response.content
    # The details go to the log instead, for whoever runs the server.
    assert "SELECT secret FROM internals" in caplog.text


def test_request_for_an_unknown_host_answers_json_400(api_client, db, caplog):
    response = api_client.get(reverse("subscriber-list"), HTTP_HOST="attacker.example")

    assert response.status_code == 400
    assert response.json() == {"detail": "Bad request.", "code": "bad_request"}


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("{", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
        ('{"name": "x", "age": }', "Expecting value: line 1 column 22 (char 21)"),
        ("\xff", "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"),
    ],
)
def test_malformed_json_answers_a_json_400_saying_where(auth_client, body, error):
    response = auth_client.post(
        reverse("subscriber-list"), body.encode("latin-1"), content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json() == {"detail": f"JSON parse error - {error}"}


@pytest.mark.parametrize("body", DEEPLY_NESTED.values(), ids=DEEPLY_NESTED.keys())
def test_deeply_nested_json_answers_a_json_400(auth_client, body, caplog):
    response = auth_client.post(reverse("subscriber-list"), body, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"detail": "JSON parse error - nested too deeply"}
    assert "Traceback" not in caplog.text


@pytest.mark.parametrize("body", DEEPLY_NESTED.values(), ids=DEEPLY_NESTED.keys())
@pytest.mark.parametrize("url", TOKEN_URLS)
def test_deeply_nested_json_never_fails_a_token_endpoint(api_client, db, caplog, url, body):
    response = api_client.post(url, body, content_type="application/json")

    # 400 where the endpoint reads the body; a cookie endpoint may answer without reading it.
    assert response.status_code < 500
    assert not [record for record in caplog.records if record.levelname == "ERROR"]
