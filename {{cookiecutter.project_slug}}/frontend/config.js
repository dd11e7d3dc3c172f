// @ts-check
// Where the API is, and the keyword its Authorization header takes. The development server's
// address has the host name this page's server has (127.0.0.1): one site for the refresh cookie.
export const API_URL = "http://127.0.0.1:8000";
export const AUTH_KEYWORD = "{{ cookiecutter.auth_header_type }}";
