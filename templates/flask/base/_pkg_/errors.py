"""RFC 9457 problem details: the one shape of every error response, Werkzeug's included."""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException, SecurityError

from .log import security_event

PROBLEM_JSON = "application/problem+json"

DEFAULT_DETAILS = {
    400: "The request could not be understood.",
    401: "Authentication is required.",
    403: "You do not have permission to do this.",
    404: "Nothing matches this URL.",
    405: "This method is not allowed on this URL.",
    413: "The request body is too large.",
    415: "The request body is not of a supported media type.",
    429: "Too many requests: try again later.",
    500: "The server could not complete the request.",
    503: "The service is unavailable.",
}


def problem(status: int, instance: str, detail: str | None = None, **extensions: Any) -> dict:
    """A problem details object; "about:blank" types take the HTTP status phrase as title."""
    return {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail or DEFAULT_DETAILS.get(status, HTTPStatus(status).phrase),
        "instance": instance,
        **extensions,
    }


def problem_response(
    status: int,
    detail: str | None = None,
    *,
    headers: list[tuple[str, str]] | None = None,
    **extensions: Any,
) -> Response:
    body = problem(status, request.path, detail, **extensions)
    return Response(json.dumps(body), status=status, headers=headers, mimetype=PROBLEM_JSON)


def init_app(app: Flask) -> None:
    # Every HTTP error, and every unhandled exception: Flask hands those over as a 500.
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(SecurityError, _disallowed_host)


def _http_error(error: HTTPException) -> Response:
    status = error.code or 500
    # A description given to abort() is shown for client errors; a server error says
    # nothing of what went wrong (the log has it, with the request id).
    own_description = error.description != type(error).description
    detail = error.description if own_description and status < 500 else None
    # Allow, WWW-Authenticate, Retry-After: the headers that belong to the status.
    headers = [(name, value) for name, value in error.get_headers() if name != "Content-Type"]
    return problem_response(status, detail, headers=headers)


def _disallowed_host(error: SecurityError) -> Response:
    """A Host outside ALLOWED_HOSTS: logged as a security event, never echoed back."""
    security_event("disallowed_host", detail=str(error.description))
    return problem_response(400)
