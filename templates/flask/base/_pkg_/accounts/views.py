"""GET /api/v1/auth/me/: the signed-in user and their roles, read only (RBAC-3)."""

from flask import Blueprint, Response, jsonify
from pydantic import BaseModel

from ..describe import describe
from .access import authenticated, current_user, unauthorized

bp = Blueprint("accounts", __name__, url_prefix="/api/v1/auth")


class Me(BaseModel):
    id: int
    username: str
    roles: list[str]


@bp.get("/me/")
@authenticated
@describe("The signed-in user and their roles", responses={200: Me})
def me() -> Response:
    """GET only: roles are given by `flask create-user`, never through the API (405 otherwise)."""
    user = current_user()
    if user is None:
        raise unauthorized()
    return jsonify(id=user.id, username=user.username, roles=user.role_names)
