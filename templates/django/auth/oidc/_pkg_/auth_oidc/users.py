"""Users made just in time from a verified token, with their roles synced from a claim."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from ..accounts.roles import Role
from ..core.log import security_event

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser
    from rest_framework.request import Request

# Django's username field holds 150 characters.
MAX_SUBJECT_LENGTH = 150


class UserRefused(Exception):
    """The token is valid but names no usable user (no sub, too long, deactivated)."""


def roles_from(claims: dict[str, Any]) -> list[str]:
    """The roles in OIDC_ROLES_CLAIM (a dotted path reaches into objects, such as Keycloak's
    "realm_access.roles"), mapped by OIDC_ROLE_MAP; values it does not list are ignored."""
    value: Any = claims
    for part in settings.OIDC_ROLES_CLAIM.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if isinstance(value, str):
        values = value.split()
    elif isinstance(value, list):
        values = [item for item in value if isinstance(item, str)]
    else:
        values = []
    mapped = {settings.OIDC_ROLE_MAP.get(item) for item in values}
    return sorted(role for role in mapped if role in set(Role))


def user_for(claims: dict[str, Any], request: Request) -> AbstractBaseUser:
    """The user whose username is the token's `sub`, made on first sight (with no usable
    password), with exactly the role groups the token names. Other groups are left alone."""
    subject = claims.get("sub")
    if not isinstance(subject, str) or not 0 < len(subject) <= MAX_SUBJECT_LENGTH:
        raise UserRefused("sub is missing or longer than 150 characters")
    User = get_user_model()
    user, created = User.objects.get_or_create(
        **{User.USERNAME_FIELD: subject}, defaults={"password": make_password(None)}
    )
    if created:
        security_event("user_created", request, user_id=user.pk, outcome="from the token's sub")
    if not user.is_active:
        raise UserRefused("the user is deactivated")
    _sync_roles(user, set(roles_from(claims)), request)
    return user


def _sync_roles(user: AbstractBaseUser, wanted: set[str], request: Request) -> None:
    current = set(user.groups.filter(name__in=list(Role)).values_list("name", flat=True))
    if current == wanted:
        return
    user.groups.remove(*Group.objects.filter(name__in=current - wanted))
    user.groups.add(*Group.objects.filter(name__in=wanted - current))
    security_event(
        "roles_changed",
        request,
        user_id=user.pk,
        roles=sorted(wanted),
        previous_roles=sorted(current),
        outcome="synced from the token",
    )
