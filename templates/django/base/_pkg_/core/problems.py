"""RFC 9457 problem details: the one shape of every error response."""

import logging
from http import HTTPStatus
from typing import Any

from django.db import InterfaceError, OperationalError
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpRequest, JsonResponse
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .log import security_event

PROBLEM_JSON = "application/problem+json"

logger = logging.getLogger(__name__)

# A database or cache that cannot be reached: the request may succeed if tried again soon.
DEPENDENCY_ERRORS = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError)


class DependencyUnavailable(exceptions.APIException):
    """503 with Retry-After, instead of a 500, while the database or the cache is down."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The service is unavailable for a moment: try again later."
    default_code = "dependency_unavailable"
    wait = 5


class StillReferenced(exceptions.APIException):
    """409 instead of a 500: a delete refused by on_delete=PROTECT or RESTRICT."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "Other records still refer to this one: delete or change them first."
    default_code = "still_referenced"


DEFAULT_DETAILS = {
    400: "The request could not be understood.",
    403: "You do not have permission to do this.",
    404: "Nothing matches this URL.",
    405: "This method is not allowed on this URL.",
    413: "The request body is too large.",
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
    request: HttpRequest, status: int, detail: str | None = None, **extensions: Any
) -> JsonResponse:
    return JsonResponse(
        problem(status, request.path, detail, **extensions),
        status=status,
        content_type=PROBLEM_JSON,
    )


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler (status, WWW-Authenticate, Retry-After) with a problem+json body.

    Anything DRF does not handle returns None and reaches Django's handler500.
    """
    if isinstance(exc, DEPENDENCY_ERRORS):
        # One line per request, no traceback: an outage is expected to repeat.
        reason = str(exc).strip().splitlines() or [""]
        logger.error("a dependency is unavailable: %s: %s", type(exc).__name__, reason[0])
        exc = DependencyUnavailable()
    elif isinstance(exc, (ProtectedError, RestrictedError)):
        exc = StillReferenced()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    _log_refusal(exc, context)
    if isinstance(response.data, dict) and set(response.data) == {"detail"}:
        detail, extensions = str(response.data["detail"]), {}
    else:
        detail, extensions = "The request is not valid.", {"errors": response.data}
    response.data = problem(response.status_code, context["request"].path, detail, **extensions)
    response.content_type = PROBLEM_JSON
    return response


def _log_refusal(exc: Exception, context: dict[str, Any]) -> None:
    """Permission denials and rate-limit hits are security events (LOG-1)."""
    view = context.get("view")
    view_name = type(view).__name__ if view is not None else None
    if isinstance(exc, exceptions.PermissionDenied):
        security_event("permission_denied", context["request"], view=view_name, outcome="refused")
    elif isinstance(exc, exceptions.Throttled):
        security_event(
            "rate_limited", context["request"], view=view_name, wait=exc.wait, outcome="refused"
        )
