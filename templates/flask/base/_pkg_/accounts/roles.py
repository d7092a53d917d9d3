"""The roles of the HTTP contract and what each may do through the API."""

import enum


class RoleName(enum.StrEnum):
    """Each role is a row of the `roles` table, made by migration 0002_accounts."""

    ADMIN = "admin"
    EDITOR = "editor"
    VIEWER = "viewer"


READ = "api_read"
WRITE = "api_write"
DELETE = "api_delete"
ROLE_PERMISSIONS: dict[RoleName, frozenset[str]] = {
    RoleName.VIEWER: frozenset({READ}),
    RoleName.EDITOR: frozenset({READ, WRITE}),
    RoleName.ADMIN: frozenset({READ, WRITE, DELETE}),
}

# Viewer reads, editor writes, admin deletes (the HTTP contract). Any other method is refused.
METHOD_PERMISSIONS = {
    "GET": READ,
    "HEAD": READ,
    "OPTIONS": READ,
    "POST": WRITE,
    "PUT": WRITE,
    "PATCH": WRITE,
    "DELETE": DELETE,
}


def permissions_of(role_names: list[str]) -> frozenset[str]:
    """What the roles allow together; names that are not roles allow nothing."""
    allowed: set[str] = set()
    for name in role_names:
        if name in RoleName.__members__.values():
            allowed |= ROLE_PERMISSIONS[RoleName(name)]
    return frozenset(allowed)
