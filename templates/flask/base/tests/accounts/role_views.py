"""Test-only views with no access marker: the role table of the contract applies to them."""

from flask import Blueprint, Response, jsonify

role_views = Blueprint("role_views", __name__, url_prefix="/api/v1/test-roles")


@role_views.route("/", methods=["GET", "POST"])
@role_views.route("/<int:item_id>/", methods=["GET", "PUT", "PATCH", "DELETE"])
def item(item_id: int | None = None) -> Response:
    return jsonify(ok=True)
