"""Requests and hand-made tokens for the JWT tests."""

import base64
import json
import time
from typing import Any

import jwt
from django.contrib.auth.hashers import MD5PasswordHasher
from rest_framework_simplejwt.state import token_backend

LOGIN_URL = "/api/v1/auth/token/"
REFRESH_URL = "/api/v1/auth/token/refresh/"
LOGOUT_URL = "/api/v1/auth/logout/"
ME_URL = "/api/v1/auth/me/"


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def claims_of(token: str) -> dict[str, Any]:
    """The payload of a token, read without checking anything."""
    return jwt.decode(token, options={"verify_signature": False})


def signed(claims: dict[str, Any], key: str | None = None, algorithm: str = "HS256") -> str:
    """A token signed with the server's key unless another is given."""
    return jwt.encode(claims, key or token_backend.signing_key, algorithm=algorithm)


def _segment(value: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()


def unsigned(claims: dict[str, Any]) -> str:
    """A token with `"alg": "none"` and no signature."""
    return f"{_segment({'alg': 'none', 'typ': 'JWT'})}.{_segment(claims)}."


def with_claims(token: str, **changes: Any) -> str:
    """The token with its payload changed and its original signature kept."""
    header, _, signature = token.split(".")
    return f"{header}.{_segment({**claims_of(token), **changes})}.{signature}"


def expired(claims: dict[str, Any]) -> dict[str, Any]:
    now = int(time.time())
    return {**claims, "iat": now - 3600, "exp": now - 60}


class CountingHasher(MD5PasswordHasher):
    """Counts how often a password is hashed."""

    calls = 0

    def encode(self, password: str, salt: str) -> str:
        type(self).calls += 1
        return super().encode(password, salt)
