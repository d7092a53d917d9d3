"""Deny by default (RBAC-1, RBAC-2): one check in front of every view.

A view is public only when marked `@public`; `@authenticated` lets in any signed-in user
(GET /api/v1/auth/me/, logout). Every other view, including one added tomorrow and marked
with nothing, needs a signed-in user whose role allows the method: GET/HEAD/OPTIONS any role,
POST/PUT/PATCH editor or admin, DELETE admin. Anonymous: 401. Wrong role: 403.

Authentication units register an authenticator with `add_authenticator`: a callable that
returns the user the request proves, None when the request carries no credentials of its
kind, or raises Unauthorized for credentials that are not valid.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, current_app, g, request
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Forbidden, Unauthorized

from ..log import security_event
from .models import User
from .roles import METHOD_PERMISSIONS, permissions_of

View = TypeVar("View", bound=Callable[..., Any])
Authenticator = Callable[[], User | None]
# Called after access was granted, with the user (None for a public view's anonymous caller).
AccessHook = Callable[[User | None], None]

PUBLIC = "public"
AUTHENTICATED = "authenticated"
BY_ROLE = "role"
_ANONYMOUS = object()


def public(view: View) -> View:
    """Anyone may call this view. A security decision: tests/security/test_url_map.py lists them."""
    view.access = PUBLIC  # type: ignore[attr-defined]
    return view


def authenticated(view: View) -> View:
    """Any signed-in user, whatever their role."""
    view.access = AUTHENTICATED  # type: ignore[attr-defined]
    return view


def add_authenticator(
    app: Flask, authenticator: Authenticator, challenge: str | None = None
) -> None:
    """`challenge` is the WWW-Authenticate scheme of a 401 ("Bearer")."""
    app.extensions["bulwark.authenticators"].append(authenticator)
    if challenge:
        app.extensions["bulwark.challenges"].append(challenge)


def add_hook(app: Flask, name: str, hook: Callable[..., None]) -> None:
    """Hooks other features plug into: "access_granted" (user), "login_attempt" (username),
    "login_failed" (username), "login_succeeded" (username). A hook refuses by raising."""
    app.extensions.setdefault(f"bulwark.hooks.{name}", []).append(hook)


def run_hooks(name: str, *args: Any) -> None:
    for hook in current_app.extensions.get(f"bulwark.hooks.{name}", []):
        hook(*args)


def init_app(app: Flask) -> None:
    app.extensions["bulwark.authenticators"] = []
    app.extensions["bulwark.challenges"] = []
    app.before_request(enforce_access)


def access_rule(view: Callable[..., Any]) -> str:
    return getattr(view, "access", BY_ROLE)


def current_user() -> User | None:
    """The user the request authenticates as, or None; worked out once per request."""
    user = g.get("_user", _ANONYMOUS)
    if user is _ANONYMOUS:
        user = None
        for authenticator in current_app.extensions["bulwark.authenticators"]:
            user = authenticator()
            if user is not None:
                break
        if user is not None and not user.is_active:
            user = None
        g._user = user
        g.user_id = user.id if user is not None else None
    return user  # type: ignore[return-value]


def unauthorized(detail: str = "Authentication is required.") -> Unauthorized:
    challenges = current_app.extensions["bulwark.challenges"]
    return Unauthorized(
        detail, www_authenticate=[WWWAuthenticate(scheme) for scheme in challenges] or None
    )


def enforce_access() -> None:
    view = current_app.view_functions.get(request.endpoint or "")
    if view is None:
        return  # routing answers: 404, 405
    rule = request.url_rule
    if request.method == "OPTIONS" and rule is not None and rule.provide_automatic_options:
        return  # Flask's own answer (Allow) or a CORS preflight: no data, no credentials
    access = access_rule(view)
    if access == PUBLIC:
        run_hooks("access_granted", None)
        return
    user = current_user()
    if user is None:
        raise unauthorized()
    if access != AUTHENTICATED:
        needed = METHOD_PERMISSIONS.get(request.method)
        if needed is None or needed not in permissions_of(user.role_names):
            security_event(
                "permission_denied",
                roles=user.role_names,
                outcome="refused",
                reason=f"{request.method} needs {needed or 'a method the API serves'}",
            )
            raise Forbidden("Your role does not allow this.")
    run_hooks("access_granted", user)
