"""Requests for the session tests."""

from django.conf import settings
from django.contrib.auth.hashers import MD5PasswordHasher
from rest_framework.test import APIClient

LOGIN_URL = "/api/v1/auth/login/"
LOGOUT_URL = "/api/v1/auth/logout/"
CSRF_URL = "/api/v1/auth/csrf/"
ME_URL = "/api/v1/auth/me/"

# Browsers send Origin on every POST; Django checks it (or Referer) with the CSRF token.
ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


def session_id(client: APIClient) -> str | None:
    """The session cookie's value, or None when the client has none (or it was deleted)."""
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    return cookie.value if cookie is not None and cookie.value else None


def with_csrf(client: APIClient) -> dict[str, str]:
    """What a browser sends with an unsafe request: the CSRF token and its Origin."""
    return {"HTTP_X_CSRFTOKEN": client.csrf, **ORIGIN}


class CountingHasher(MD5PasswordHasher):
    """Counts how often a password is hashed."""

    calls = 0

    def encode(self, password: str, salt: str) -> str:
        type(self).calls += 1
        return super().encode(password, salt)
