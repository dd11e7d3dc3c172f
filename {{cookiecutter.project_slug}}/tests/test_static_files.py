"""The server itself serves the admin's and the docs page's files (whitenoise): no web server
is needed in front for them."""

import pytest


@pytest.mark.parametrize(
    "path",
    [
        "/static/admin/css/base.css",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
    ],
)
def test_static_files_are_served(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert b"".join(response.streaming_content)


def test_unknown_static_file_is_not_found(client, db):
    assert client.get("/static/admin/css/no-such-file.css").status_code == 404
