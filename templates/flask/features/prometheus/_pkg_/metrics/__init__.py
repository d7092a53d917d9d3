"""Prometheus metrics: request and authentication-failure counters, served at /metrics/ to the
scraper only (access.py)."""

from __future__ import annotations

import logging

from flask import Blueprint, Flask, Response, current_app, request
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Forbidden, Unauthorized

from ..accounts.access import public
from ..log import security_event, security_logger
from .access import MetricsAccess
from .counters import CONTENT_TYPE_LATEST, SecurityEventCounter, count_response, exposition

bp = Blueprint("metrics", __name__)


@bp.get("/metrics/")
@public  # no user role applies: the scraper's token and address are checked below
def metrics() -> Response:
    access: MetricsAccess = current_app.config["METRICS_ACCESS"]
    refusal = access.refusal(request.remote_addr, request.headers.get("Authorization"))
    if refusal == 403:
        security_event("permission_denied", reason="metrics: address refused", outcome="refused")
        raise Forbidden("Metrics are not served to this address.")
    if refusal == 401:
        security_event("metrics_refused", reason="no valid token", outcome="refused")
        raise Unauthorized(
            "A valid metrics bearer token is required.",
            www_authenticate=WWWAuthenticate("Bearer", {"realm": "metrics"}),
        )
    return Response(exposition(), content_type=CONTENT_TYPE_LATEST)


def init_app(app: Flask) -> None:
    # Nobody may read the metrics until METRICS_TOKEN or METRICS_ALLOWED_IPS says who.
    app.config.setdefault("METRICS_ACCESS", MetricsAccess())
    app.register_blueprint(bp)
    app.after_request(_count_response)
    _count_security_events(security_logger)


def _count_response(response: Response) -> Response:
    """The route is the URL rule (`/api/v1/books/<int:book_id>/`), never the raw path: one
    series per endpoint, whatever ids clients ask for."""
    rule = request.url_rule
    count_response(request.method, rule.rule if rule is not None else None, response.status_code)
    return response


def _count_security_events(logger: logging.Logger) -> None:
    """Once per process, however many apps it creates: logging is global."""
    if not any(isinstance(handler, SecurityEventCounter) for handler in logger.handlers):
        logger.addHandler(SecurityEventCounter())
