"""Users made just in time from a verified token, with their roles synced from a claim."""

from __future__ import annotations

import secrets
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..accounts.models import Role, User
from ..accounts.roles import RoleName
from ..extensions import db
from ..log import security_event

# users.username holds 150 characters.
MAX_SUBJECT_LENGTH = 150
ROLE_NAMES = frozenset(RoleName)


class UserRefused(Exception):
    """The token is valid but names no usable user (no sub, too long, deactivated)."""


def roles_from(claims: dict[str, Any]) -> list[str]:
    """The roles in OIDC_ROLES_CLAIM (a dotted path reaches into objects, such as Keycloak's
    "realm_access.roles"), mapped by OIDC_ROLE_MAP; values it does not list are ignored."""
    value: Any = claims
    for part in current_app.config["OIDC_ROLES_CLAIM"].split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if isinstance(value, str):
        values = value.split()
    elif isinstance(value, list):
        values = [item for item in value if isinstance(item, str)]
    else:
        values = []
    role_map = current_app.config["OIDC_ROLE_MAP"]
    mapped = {role_map.get(item) for item in values}
    return sorted(role for role in mapped if role in ROLE_NAMES)


def user_for(claims: dict[str, Any]) -> User:
    """The user whose username is the token's `sub`, made on first sight (with no usable
    password), with exactly the roles the token names. Rows of `roles` that are not roles
    of the API are left alone."""
    subject = claims.get("sub")
    if not isinstance(subject, str) or not 0 < len(subject) <= MAX_SUBJECT_LENGTH:
        raise UserRefused("sub is missing or longer than 150 characters")
    user = _find(subject) or _create(subject)
    if not user.is_active:
        raise UserRefused("the user is deactivated")
    return _sync_roles(user, set(roles_from(claims)))


def _find(subject: str) -> User | None:
    return db.session.scalar(select(User).where(User.username == subject))


def _create(subject: str) -> User:
    # Not an Argon2 hash, so no password ever matches it (passwords.verify_password).
    unusable = f"!{secrets.token_urlsafe(32)}"
    user = User(username=subject, password_hash=unusable)
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:
        # Two first requests at once: the other one made the user.
        db.session.rollback()
        existing = _find(subject)
        if existing is None:
            raise
        return existing
    security_event("user_created", user_id=user.id, outcome="from the token's sub")
    return user


def _sync_roles(user: User, wanted: set[str]) -> User:
    """Gives the user exactly the `wanted` roles; returns the user as stored."""
    for _attempt in range(2):
        current = {role.name for role in user.roles if role.name in ROLE_NAMES}
        if current == wanted:
            return user
        rows = db.session.scalars(select(Role).where(Role.name.in_(wanted))).all()
        user.roles = [role for role in user.roles if role.name not in ROLE_NAMES] + list(rows)
        try:
            db.session.commit()
        except IntegrityError:
            # Another request of this user changed its roles at the same moment: the rollback
            # makes them read again, and this request syncs once more to its own token's roles.
            db.session.rollback()
            continue
        security_event(
            "roles_changed",
            user_id=user.id,
            roles=sorted(wanted),
            previous_roles=sorted(current),
            outcome="synced from the token",
        )
        return user
    raise UserRefused("the user's roles could not be synced")
