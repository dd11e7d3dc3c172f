"""The schema declares the Authorization header's keyword, Bearer, as OpenAPI's HTTP bearer scheme."""

from django.urls import reverse


def test_schema_declares_jwt_authentication_with_the_bearer_scheme(api_client, db):
    schema = api_client.get(reverse("schema"), {"format": "json"}).json()

    scheme = schema["components"]["securitySchemes"]["jwtAuth"]
    assert {key: scheme[key] for key in ("type", "scheme", "bearerFormat")} == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
    }
