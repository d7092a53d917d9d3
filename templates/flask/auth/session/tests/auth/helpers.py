"""Requests of the session tests."""

from flask.testing import FlaskClient

LOGIN_URL = "/api/v1/auth/login/"
LOGOUT_URL = "/api/v1/auth/logout/"
CSRF_URL = "/api/v1/auth/csrf/"
ME_URL = "/api/v1/auth/me/"
# The test client asks http://localhost: a same-origin request names it.
ORIGIN = {"Origin": "http://localhost"}


def session_id(client: FlaskClient) -> str | None:
    cookie = client.get_cookie(client.application.config["SESSION_COOKIE_NAME"])
    return cookie.value if cookie else None


def replay(client: FlaskClient, sid: str) -> FlaskClient:
    """Another client presenting a copied session cookie."""
    other = client.application.test_client()
    other.set_cookie(client.application.config["SESSION_COOKIE_NAME"], sid)
    return other
