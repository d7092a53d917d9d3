"""POST /api/v1/auth/token/, /api/v1/auth/token/refresh/ and /api/v1/auth/logout/."""

from __future__ import annotations

from flask import Blueprint, Response, abort, g, jsonify
from sqlalchemy import select

from ..accounts.access import authenticated, current_user, public, run_hooks, unauthorized
from ..accounts.models import User
from ..describe import describe
from ..extensions import db
from ..log import security_event
from ..passwords import MAX_LENGTH, dummy_hash, hash_password, needs_rehash, verify_password
from ..validation import json_object, required_string
from . import tokens
from .schemas import MAX_TOKEN, MAX_USERNAME, Credentials, RefreshRequest, TokenPair

bp = Blueprint("auth_jwt", __name__, url_prefix="/api/v1/auth")

WRONG_CREDENTIALS = "The username or password is not correct."


@bp.post("/token/")
@public
@describe("A new access and refresh token", body=Credentials, responses={200: TokenPair})
def token() -> Response:
    """{username, password} -> 200 {access, refresh}; 401 wrong credentials; 429 too many.

    An unknown user, a wrong password and an inactive account get the same answer, and a
    password is hashed for an unknown user too, so that timing tells nothing (AUTH-3)."""
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
    g.user_id = user.id
    run_hooks("login_succeeded", username)
    security_event("login_succeeded", outcome="granted")
    return jsonify(tokens.issue_pair(user))


@bp.post("/token/refresh/")
@public
@describe("Rotate a refresh token", body=RefreshRequest, responses={200: TokenPair})
def refresh() -> Response:
    """{refresh} -> 200 with a new {access, refresh}; the one sent is revoked. Reused -> 401."""
    raw = required_string(json_object(), "refresh", MAX_TOKEN)
    try:
        pair = tokens.rotate(raw)
    except tokens.RefreshRefused:
        raise unauthorized("The refresh token is not valid, has expired or was revoked.") from None
    return jsonify(pair)


@bp.post("/logout/")
@authenticated
@describe("Revoke a refresh token", body=RefreshRequest, responses={204: None})
def logout() -> Response:
    """{refresh} -> 204: that refresh token is revoked. Access tokens end with their lifetime."""
    raw = required_string(json_object(), "refresh", MAX_TOKEN)
    user = current_user()
    if user is None or not tokens.revoke(raw, user):
        abort(400, "refresh: not a valid refresh token of this user.")
    security_event("logout", outcome="refresh token revoked")
    return Response(status=204)
