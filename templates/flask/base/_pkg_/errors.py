"""RFC 9457 problem details: the one shape of every error response, Werkzeug's included."""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any

from flask import Flask, Response, request
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException, SecurityError, ServiceUnavailable

from .extensions import db
from .log import security_event

PROBLEM_JSON = "application/problem+json"

logger = logging.getLogger(__name__)

# A database or cache that cannot be reached: the request may succeed if tried again soon.
DEPENDENCY_ERRORS = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError)
DEPENDENCY_RETRY_AFTER = 5

# The integrity errors that are the client's conflict with stored data, not a bug: a reference
# between rows (a delete that ON DELETE RESTRICT refuses) and a value that must be unique.
# PostgreSQL's SQLSTATEs (psycopg), and SQLite's messages for development and tests.
CONFLICT_SQLSTATES = {"23503", "23505"}
CONFLICT_SQLITE_MESSAGES = ("FOREIGN KEY constraint failed", "UNIQUE constraint failed")

DEFAULT_DETAILS = {
    400: "The request could not be understood.",
    401: "Authentication is required.",
    403: "You do not have permission to do this.",
    404: "Nothing matches this URL.",
    405: "This method is not allowed on this URL.",
    409: "The change conflicts with stored data: other records refer to this one, or a value "
    "that must be unique is taken.",
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
    for error in DEPENDENCY_ERRORS:
        app.register_error_handler(error, dependency_unavailable)
    app.register_error_handler(IntegrityError, _integrity_error)


def _http_error(error: HTTPException) -> Response:
    status = error.code or 500
    # A description given to abort() is shown for client errors; a server error says
    # nothing of what went wrong (the log has it, with the request id).
    own_description = error.description != type(error).description
    detail = error.description if own_description and status < 500 else None
    # Allow, WWW-Authenticate, Retry-After: the headers that belong to the status.
    headers = [(name, value) for name, value in error.get_headers() if name != "Content-Type"]
    return problem_response(status, detail, headers=headers)


def dependency_unavailable(error: Exception) -> Response:
    """503 with Retry-After, instead of a 500, while the database or the cache is down."""
    # One line per request, no traceback: an outage is expected to repeat, and SQLAlchemy's
    # own message would carry the statement and its parameters.
    reason = str(getattr(error, "orig", None) or error).strip().splitlines() or [""]
    logger.error("a dependency is unavailable: %s: %s", type(error).__name__, reason[0])
    return _http_error(ServiceUnavailable(retry_after=DEPENDENCY_RETRY_AFTER))


def _integrity_error(error: IntegrityError) -> Response:
    """409 for a conflict with stored data; any other integrity error is a bug, and a 500."""
    db.session.rollback()
    sqlstate = getattr(error.orig, "sqlstate", None)
    if sqlstate in CONFLICT_SQLSTATES or str(error.orig).startswith(CONFLICT_SQLITE_MESSAGES):
        return problem_response(409)
    raise error


def _disallowed_host(error: SecurityError) -> Response:
    """A Host outside ALLOWED_HOSTS: logged as a security event, never echoed back."""
    security_event("disallowed_host", detail=str(error.description))
    return problem_response(400)
