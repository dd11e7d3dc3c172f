import re

import pytest
from django.urls import reverse
from openapi_spec_validator import validate
from rest_framework.test import APIClient

from .helpers import LOGIN_FIELD, TOKEN_FIELDS, bearer, login_answers


@pytest.fixture
def schema(api_client, db) -> dict:
    response = api_client.get(reverse("schema"), {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_schema_is_valid_openapi_3(schema):
    validate(schema)
    assert schema["openapi"].startswith("3.")


def test_schema_describes_the_token_flow_and_the_api(schema):
    assert {
        "/api/token/",
        "/api/token/refresh/",
        "/api/token/verify/",
        "/api/users/me/",
        "/api/users/me/password/",
        "/api/subscribers/",
        "/api/subscribers/{id}/",
    } <= set(schema["paths"])


def test_schema_shows_that_login_takes_the_login_field_and_the_password(schema):
    body = schema["paths"]["/api/token/"]["post"]["requestBody"]["content"]["application/json"]
    component = schema["components"]["schemas"][body["schema"]["$ref"].rsplit("/", 1)[-1]]

    written = {name for name, field in component["properties"].items() if field.get("writeOnly")}
    assert written == {LOGIN_FIELD, "password"}


def test_schema_shows_the_tokens_login_answers(schema):
    read = [
        {name for name, field in component["properties"].items() if not field.get("writeOnly")}
        for component in login_answers(schema)
    ]
    # The refresh token of a cookie bake travels in the cookie, not in the body.
    assert TOKEN_FIELDS in read


def test_schema_requires_jwt_authentication_for_the_api(schema):
    assert schema["paths"]["/api/subscribers/"]["get"]["security"] == [{"jwtAuth": []}]


def test_schema_says_what_a_token_contains_and_where_claims_are_added(schema):
    description = schema["components"]["securitySchemes"]["jwtAuth"]["description"]

    for claim in ("`sub`", "`iss`", "`aud`", "`exp`", "`typ: at+jwt`"):
        assert claim in description
    assert "not encrypted" in description
    assert "tokens/claims.py" in description


def test_docs_page_loads_its_assets_from_this_server(api_client, db):
    response = api_client.get(reverse("docs"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn." not in html
    assert "/static/drf_spectacular_sidecar/" in html


def content_security_policy(response) -> dict[str, str]:
    """The response's Content-Security-Policy header, as {directive: its sources}."""
    directives = (
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    return {name: sources for name, sources in directives}


def test_docs_page_runs_only_this_servers_scripts(api_client, db):
    response = api_client.get(reverse("docs"))

    policy = content_security_policy(response)
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == "'self'"
    assert policy["connect-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    # Every script of the page is a file of this server: the policy allows no inline script.
    assert re.findall(r"<script(?![^>]*\bsrc=)", response.content.decode()) == []


@pytest.fixture
def closed_docs(settings):
    """Production's default: the schema and the docs page for staff only."""
    settings.API_DOCS_PUBLIC = False


@pytest.mark.parametrize("name", ["schema", "docs"])
def test_closed_docs_refuse_anonymous_readers(closed_docs, api_client, db, name):
    assert api_client.get(reverse(name)).status_code == 401


@pytest.mark.parametrize("name", ["schema", "docs"])
def test_closed_docs_refuse_users_who_are_not_staff(closed_docs, auth_client, name):
    assert auth_client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", ["schema", "docs"])
def test_closed_docs_open_to_staff_with_a_token_or_an_admin_session(
    closed_docs, user, obtain_tokens, name
):
    user.is_staff = True
    user.save()
    with_token = APIClient()
    with_token.credentials(**bearer(obtain_tokens()["access"]))
    with_session = APIClient()
    with_session.force_login(user)

    assert with_token.get(reverse(name)).status_code == 200
    assert with_session.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("url", [reverse("subscriber-list"), reverse("token_obtain_pair")])
def test_closed_docs_keep_options_to_the_allowed_methods_for_others(
    closed_docs, api_client, auth_client, url
):
    for client in (api_client, auth_client):
        response = client.options(url)

        # The Allow header, as every answer has it; not the view's docstring or its fields.
        # (Cookie bakes' token views first want their X-Requested-With header: 403.)
        assert response.status_code in (200, 401, 403)
        assert "OPTIONS" in response["Allow"]
        body = response.json() if response.content else {}
        assert not {"description", "actions"} & set(body), body


def test_closed_docs_describe_views_to_staff_on_options(closed_docs, user, obtain_tokens):
    user.is_staff = True
    user.save()
    staff = APIClient()
    staff.credentials(**bearer(obtain_tokens()["access"]))

    response = staff.options(reverse("subscriber-list"))

    assert response.status_code == 200
    assert {"description", "actions"} <= set(response.json())
