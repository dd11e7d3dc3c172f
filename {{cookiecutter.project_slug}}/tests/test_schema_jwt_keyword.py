"""OpenAPI 3.0 knows only "Bearer" as an HTTP scheme: the schema declares the Authorization
header's other keyword, JWT, as an API key header with that prefix."""

from django.urls import reverse


def test_schema_declares_jwt_authentication_as_a_header_with_the_keyword(api_client, db):
    schema = api_client.get(reverse("schema"), {"format": "json"}).json()

    scheme = schema["components"]["securitySchemes"]["jwtAuth"]
    assert scheme["type"] == "apiKey"
    assert scheme["name"] == "Authorization"
    assert 'prefix "JWT"' in scheme["description"]
