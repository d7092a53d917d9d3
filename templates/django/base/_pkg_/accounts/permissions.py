"""Deny by default: a request passes only when the user's role allows its method."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework.permissions import BasePermission

from .roles import DELETE, READ, WRITE

if TYPE_CHECKING:
    # Type names only: DRF imports this module while rest_framework.views is loading.
    from rest_framework.request import Request
    from rest_framework.views import APIView

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


class RolePermission(BasePermission):
    """GET/HEAD/OPTIONS: viewer, editor, admin. POST/PUT/PATCH: editor, admin. DELETE: admin.

    Anonymous requests are refused as not authenticated (401 when the auth scheme has a
    challenge, such as JWT's Bearer); an authenticated user without the role gets 403.
    """

    message = "Your role does not allow this."

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        permission = METHOD_PERMISSIONS.get(request.method or "")
        return permission is not None and user.has_perm(permission)
