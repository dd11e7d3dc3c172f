AUTH_HEADER_TYPE = "{{ cookiecutter.auth_header_type }}"
PASSWORD = "correct-horse-battery-staple"


def bearer(token: str, keyword: str = AUTH_HEADER_TYPE) -> dict[str, str]:
    """Test-client keyword arguments that send `token` in the Authorization header."""
    return {"HTTP_AUTHORIZATION": f"{keyword} {token}"}
