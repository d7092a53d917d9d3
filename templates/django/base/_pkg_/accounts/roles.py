"""The roles of the HTTP contract: Django groups holding the permissions of each role."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class Role(enum.StrEnum):
    """Each role is a group of the same name, made by migration 0002_roles."""

    ADMIN = "admin"
    EDITOR = "editor"
    VIEWER = "viewer"


# What each role may do through the API: permissions of the `accounts` app
# (models.ApiAccess). Migration 0002_roles keeps its own copy of this table.
READ = "accounts.api_read"
WRITE = "accounts.api_write"
DELETE = "accounts.api_delete"
ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.VIEWER: (READ,),
    Role.EDITOR: (READ, WRITE),
    Role.ADMIN: (READ, WRITE, DELETE),
}


def roles_of(user: AbstractBaseUser | AnonymousUser) -> list[str]:
    """The user's roles, sorted; groups that are not roles are left out."""
    if not user.is_authenticated:
        return []
    names = user.groups.filter(name__in=list(Role)).values_list("name", flat=True)
    return sorted(names)
