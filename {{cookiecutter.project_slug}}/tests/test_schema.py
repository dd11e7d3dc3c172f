import pytest
from django.urls import reverse
from openapi_spec_validator import validate

from .helpers import LOGIN_FIELD


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


def test_schema_declares_jwt_authentication_with_the_project_keyword(schema):
    scheme = schema["components"]["securitySchemes"]["jwtAuth"]
{% if cookiecutter.auth_header_type == "Bearer" %}
    assert scheme == {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
{%- else %}
    # OpenAPI 3.0 knows only "Bearer" as an HTTP scheme: other keywords are an API key header.
    assert scheme["type"] == "apiKey"
    assert scheme["name"] == "Authorization"
    assert 'prefix "{{ cookiecutter.auth_header_type }}"' in scheme["description"]
{%- endif %}
    assert schema["paths"]["/api/subscribers/"]["get"]["security"] == [{"jwtAuth": []}]


def test_docs_page_loads_its_assets_from_this_server(api_client, db):
    response = api_client.get(reverse("docs"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn." not in html
    assert "/static/drf_spectacular_sidecar/" in html
