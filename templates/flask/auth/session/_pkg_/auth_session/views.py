"""POST /api/v1/auth/login/, POST /api/v1/auth/logout/ and GET /api/v1/auth/csrf/."""

from __future__ import annotations

from flask import Blueprint, Response, g, jsonify
from sqlalchemy import select

from ..accounts.access import authenticated, current_user, public, run_hooks, unauthorized
from ..accounts.models import User
from ..describe import describe
from ..extensions import db
from ..log import security_event
from ..passwords import MAX_LENGTH, dummy_hash, hash_password, needs_rehash, verify_password
from ..validation import json_object, required_string
from . import csrf, sessions
from .schemas import MAX_USERNAME, Credentials, CsrfToken, SignedIn

bp = Blueprint("auth_session", __name__, url_prefix="/api/v1/auth")

WRONG_CREDENTIALS = "The username or password is not correct."


@bp.post("/login/")
@public
@describe("Sign in: a new session", body=Credentials, responses={200: SignedIn})
def login() -> Response:
    """{username, password} -> 200 {id, username, roles, csrf_token} and a new session
    cookie; 401 wrong credentials; 429 too many tries or locked out.

    No CSRF token is needed: the body must be JSON (415 otherwise), which a cross-site form
    cannot send. An unknown user, a wrong password and an inactive account get the same
    answer, and a password is hashed for an unknown user too (AUTH-3)."""
    body = json_object()
    username = required_string(body, "username", MAX_USERNAME)
    password = required_string(body, "password", MAX_LENGTH)
    # Rate limits and lockout, when those features are installed; they refuse with 429.
    run_hooks("login_attempt", username)
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        verify_password(dummy_hash(), password)
        reason = "unknown user"
    elif not verify_password(user.password_hash, password):
        reason = "wrong password"
    elif not user.is_active:
        reason = "inactive account"
    else:
        reason = None
    if reason is not None or user is None:
        security_event(
            "login_failed", user_id=user.id if user else None, reason=reason, outcome="refused"
        )
        run_hooks("login_failed", username)
        raise unauthorized(WRONG_CREDENTIALS)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        db.session.commit()
    # A new session (new id, new CSRF secret) whatever the client sent: nothing planted
    # before login survives it, and the previous id of this client stops working.
    token = sessions.sign_in(user)
    g.user_id = user.id
    run_hooks("login_succeeded", username)
    security_event("login_succeeded", outcome="granted")
    return jsonify(id=user.id, username=user.username, roles=user.role_names, csrf_token=token)


@bp.post("/logout/")
@authenticated
@describe("Sign out: the session ends", responses={204: None})
def logout() -> Response:
    """-> 204: the session is deleted server-side; its cookie no longer works anywhere.
    Needs the CSRF token, as every unsafe request of a signed-in user."""
    user = current_user()
    security_event("logout", user_id=user.id if user else None, outcome="session ended")
    sessions.sign_out()
    return Response(status=204)


@bp.get("/csrf/")
@public
@describe("A fresh CSRF token", responses={200: CsrfToken})
def csrf_token() -> Response:
    """-> 200 {csrf_token} and the CSRF cookie: what a client sends back as X-CSRFToken.
    Public: the token is worthless without the session, which only this client holds."""
    return jsonify(csrf_token=csrf.token_for(sessions.current_session()))
