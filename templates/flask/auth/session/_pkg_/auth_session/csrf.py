"""CSRF protection of session-authenticated requests (the synchronizer token pattern).

Each session holds a random CSRF secret, made at login. Clients get it masked with a fresh
random pad at each answer (login, GET /api/v1/auth/csrf/), so that no response body repeats it
(BREACH), and send it back as `X-CSRFToken` on POST, PUT, PATCH and DELETE. Those requests must
also come from this site: an `Origin` header, or over HTTPS without one a `Referer`, naming
this host and scheme. The secret is also set in the CSRF cookie (readable by the page's
scripts, Secure and __Host- prefixed in production), as Django does; the check compares with
the session's copy, which the client cannot change.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import secrets
from collections.abc import MutableMapping
from typing import Any
from urllib.parse import urlsplit

from flask import Response, after_this_request, current_app, request
from werkzeug.exceptions import Forbidden

from ..accounts.models import User
from ..log import security_event

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
HEADER = "X-CSRFToken"
SESSION_KEY = "csrf"
SECRET_BYTES = 32
# Django's CSRF cookie lifetime: a year. It holds nothing without the session.
COOKIE_MAX_AGE = 365 * 24 * 3600


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _decode(value: str) -> bytes | None:
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        return None


def new_secret() -> str:
    return _encode(secrets.token_bytes(SECRET_BYTES))


def mask(secret: str) -> str:
    """The secret XOR a new random pad, with the pad in front: a new token each time."""
    raw = _decode(secret) or b""
    pad = secrets.token_bytes(len(raw))
    return _encode(pad + bytes(a ^ b for a, b in zip(pad, raw, strict=True)))


def unmask(token: str) -> str | None:
    """The secret a token carries; the unmasked secret itself (the cookie's value) is
    accepted too. None for anything malformed."""
    if len(token) > 200:
        return None
    raw = _decode(token)
    if raw is None:
        return None
    if len(raw) == SECRET_BYTES:
        return _encode(raw)
    if len(raw) == 2 * SECRET_BYTES:
        pad, masked = raw[:SECRET_BYTES], raw[SECRET_BYTES:]
        return _encode(bytes(a ^ b for a, b in zip(pad, masked, strict=True)))
    return None


def _set_cookie(secret: str) -> None:
    config = current_app.config

    @after_this_request
    def set_cookie(response: Response) -> Response:
        response.set_cookie(
            config["CSRF_COOKIE_NAME"],
            secret,
            max_age=COOKIE_MAX_AGE,
            path="/",
            secure=config["CSRF_COOKIE_SECURE"],
            httponly=False,  # the page's scripts read it to send X-CSRFToken
            samesite="Lax",
        )
        return response


def rotate(session: MutableMapping[str, Any]) -> str:
    """A new secret for the session (at login); the masked token to give the client."""
    secret = session[SESSION_KEY] = new_secret()
    _set_cookie(secret)
    return mask(secret)


def token_for(session: MutableMapping[str, Any]) -> str:
    """The session's secret, masked (a signed-in client); a new secret in the cookie for a
    client not signed in yet, which login replaces."""
    secret = session.get(SESSION_KEY)
    if not isinstance(secret, str):
        secret = new_secret()
    _set_cookie(secret)
    return mask(secret)


def forget() -> None:
    """At logout: the cookie's secret belonged to the session that ended."""
    name = current_app.config["CSRF_COOKIE_NAME"]
    secure = current_app.config["CSRF_COOKIE_SECURE"]

    @after_this_request
    def delete_cookie(response: Response) -> Response:
        response.delete_cookie(name, path="/", secure=secure, samesite="Lax")
        return response


def _same_origin(url: str) -> bool:
    parts = urlsplit(url)
    return (parts.scheme, parts.netloc) == (request.scheme, request.host)


def _refusal(expected: object) -> str | None:
    origin = request.headers.get("Origin")
    if origin is not None:
        if not _same_origin(origin):
            return "CSRF failed: the Origin is not this site."
    elif request.is_secure:
        referer = request.headers.get("Referer")
        if not referer:
            return "CSRF failed: no Origin or Referer."
        if not _same_origin(referer):
            return "CSRF failed: the Referer is not this site."
    sent = unmask(request.headers.get(HEADER, ""))
    if not isinstance(expected, str) or sent is None:
        return "CSRF failed: the CSRF token is missing or malformed."
    if not hmac.compare_digest(sent.encode(), expected.encode()):
        return "CSRF failed: the CSRF token is not valid."
    return None


def enforce(session: MutableMapping[str, Any], user: User) -> None:
    """403 and a `permission_denied` event unless the unsafe request passes the checks."""
    reason = _refusal(session.get(SESSION_KEY))
    if reason is not None:
        security_event("permission_denied", user_id=user.id, reason=reason, outcome="refused")
        raise Forbidden(reason)
