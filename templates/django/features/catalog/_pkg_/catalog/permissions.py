"""Who may use the catalog. The books, authors and genres endpoints follow the role table of
the HTTP contract (accounts.permissions.RolePermission); query plans are for admins only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework.permissions import BasePermission

from ..accounts.roles import Role, roles_of

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView


class IsAdminRole(BasePermission):
    """Only users in the admin role, whatever the method."""

    message = "Only administrators may do this."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return Role.ADMIN in roles_of(request.user)
