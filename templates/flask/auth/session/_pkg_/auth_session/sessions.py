"""Server-side sessions on the cache, the user of a session, and its timeouts.

The cookie carries a random id of 256 bits and nothing else; the data is a JSON object in the
cache under a digest of the id (a key listing of Redis shows no usable id). Each request of a
session stores it again with a fresh expiry: the idle timeout. The login time it holds gives
the absolute timeout.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import time
from typing import Any

from flask import Flask, Request, Response, current_app, request, session
from flask.sessions import SessionInterface, SessionMixin
from werkzeug.datastructures import CallbackDict

from ..accounts.models import User
from ..errors import DEPENDENCY_ERRORS, dependency_unavailable
from ..extensions import cache, db
from ..log import security_event
from . import csrf

USER_ID = "user_id"
LOGIN_AT = "login_at"
SEEN_AT = "seen_at"
# What secrets.token_urlsafe(32) makes; anything else in the cookie is ignored unread.
VALID_ID = re.compile(r"[A-Za-z0-9_-]{43}")


def now() -> float:
    return time.time()


def _key(sid: str) -> str:
    return f"auth_session:{hashlib.sha256(sid.encode()).hexdigest()}"


class ServerSession(CallbackDict, SessionMixin):
    """The data of one session; `sid` is None until it is first stored."""

    def __init__(self, data: dict[str, Any] | None = None, sid: str | None = None) -> None:
        def on_update(this: ServerSession) -> None:
            this.modified = True

        super().__init__(data or {}, on_update)
        self.sid = sid
        self.modified = False
        # Set by rotate() and end(): the stored copy under the previous id is deleted.
        self.stale_sid: str | None = None

    def rotate(self) -> None:
        """A new id for a new session: nothing the client had before survives (fixation)."""
        self.end()
        self.sid = secrets.token_urlsafe(32)
        self.modified = True

    def end(self) -> None:
        """Forget everything; the stored copy is deleted when the response is saved."""
        if self.sid is not None:
            self.stale_sid = self.sid
            cache.delete(_key(self.sid))
        self.sid = None
        self.clear()
        self.modified = True


class ServerSideSessionInterface(SessionInterface):
    """Flask's `session`, kept in the cache: Redis in production, this process otherwise."""

    def open_session(self, app: Flask, request: Request) -> ServerSession:
        sid = request.cookies.get(self.get_cookie_name(app), "")
        if VALID_ID.fullmatch(sid):
            stored = cache.get(_key(sid))
            if stored is not None:
                return ServerSession(json.loads(stored), sid)
        return ServerSession()

    def save_session(self, app: Flask, session: ServerSession, response: Response) -> None:  # type: ignore[override]
        name = self.get_cookie_name(app)
        cookie = {
            "domain": self.get_cookie_domain(app),
            "path": self.get_cookie_path(app),
            "secure": self.get_cookie_secure(app),
            "httponly": self.get_cookie_httponly(app),
            "samesite": self.get_cookie_samesite(app),
        }
        if not session:
            if session.stale_sid is not None:
                response.delete_cookie(name, **cookie)
            return
        if session.sid is None:
            session.sid = secrets.token_urlsafe(32)
        # Stored again at each request: a session unused for the idle timeout expires.
        idle = int(app.config["SESSION_IDLE_TIMEOUT"])
        try:
            cache.set(_key(session.sid), json.dumps(dict(session)), timeout=idle)
        except DEPENDENCY_ERRORS as error:
            # The session could not be stored: the answer must not claim it was (a login
            # that "succeeded" without a session). Flask saves the session after the view and
            # the error handlers, so the answer is turned into the 503 here.
            _become(response, dependency_unavailable(error))
            return
        response.set_cookie(name, session.sid, max_age=idle, **cookie)
        response.vary.add("Cookie")


def _become(response: Response, replacement: Response) -> None:
    """Makes `response` say what `replacement` says, keeping the headers every answer carries."""
    response.status_code = replacement.status_code
    response.set_data(replacement.get_data())
    for header in ("Content-Type", "Retry-After"):
        response.headers[header] = replacement.headers[header]
    response.headers.remove("Set-Cookie")


def current_session() -> ServerSession:
    return session  # type: ignore[return-value]


def sign_in(user: User) -> str:
    """A new session for `user`; returns the CSRF token for it."""
    this = current_session()
    this.rotate()
    this[USER_ID] = user.id
    this[LOGIN_AT] = this[SEEN_AT] = now()
    return csrf.rotate(this)


def sign_out() -> None:
    current_session().end()
    csrf.forget()


def authenticate_request() -> User | None:
    """The user of the session cookie, or None. A session past either timeout is ended
    (a `session_expired` event); an unsafe request must carry the CSRF token (403)."""
    this = current_session()
    user_id = this.get(USER_ID)
    if user_id is None:
        return None
    config = current_app.config
    login_at, seen_at = this.get(LOGIN_AT), this.get(SEEN_AT)
    reason = None
    if not isinstance(login_at, int | float) or not isinstance(seen_at, int | float):
        reason = "no login time"
    elif now() - login_at > config["SESSION_ABSOLUTE_TIMEOUT"]:
        reason = "absolute timeout"
    elif now() - seen_at > config["SESSION_IDLE_TIMEOUT"]:
        reason = "idle timeout"
    if reason is not None:
        this.end()
        security_event("session_expired", user_id=user_id, reason=reason, outcome="signed out")
        return None
    user = db.session.get(User, user_id)
    if user is None or not user.is_active:
        this.end()
        return None
    this[SEEN_AT] = now()
    if request.method not in csrf.SAFE_METHODS:
        csrf.enforce(this, user)
    return user
