"""GET /api/schema/: the OpenAPI document, as JSON (`?format=json` is accepted, as in Django)."""

import json

from flask import Blueprint, Response, current_app

from .document import MEDIA_TYPE, document

bp = Blueprint("openapi", __name__, url_prefix="/api")


@bp.get("/schema/")
def schema() -> Response:
    """Any signed-in role may read it (GET is every role's, accounts/access.py); anonymous
    clients get 401: the document names every endpoint and field."""
    return Response(json.dumps(document(current_app)), mimetype=MEDIA_TYPE)
