"""Request ids, API response headers, request body bounds, and problem+json for errors."""

import json
import re
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .log import current_request_id
from .problems import PROBLEM_JSON, problem, problem_response

GetResponse = Callable[[HttpRequest], HttpResponse]

REQUEST_ID_HEADER = "X-Request-ID"
# A client's id is kept only when it cannot smuggle anything into a log line.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


# Headers only a proxy may set; Django's names for them in request.META.
FORWARDED_HEADERS = (
    "HTTP_FORWARDED",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_FORWARDED_PROTO",
)


class TrustedProxyMiddleware:
    """Drops X-Forwarded-* and Forwarded unless the peer is one of TRUSTED_PROXY_IPS.

    SECURE_PROXY_SSL_HEADER and the client IP read these headers; without this, any client
    that reaches the app directly could claim HTTPS or another address (HDR-1, RATE-5).
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response
        self.trusted = set(settings.TRUSTED_PROXY_IPS)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "*" not in self.trusted and request.META.get("REMOTE_ADDR") not in self.trusted:
            for header in FORWARDED_HEADERS:
                request.META.pop(header, None)
        return self.get_response(request)


class RequestIdMiddleware:
    """Takes the client's X-Request-ID when well formed, else makes one; returns it."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if VALID_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class ApiHeadersMiddleware:
    """Permissions-Policy denying browser features; Cache-Control: no-store by default."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DENIED
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        response.headers.setdefault("Cache-Control", "no-store")
        return response


class ProblemDetailsMiddleware:
    """Gives a problem+json body to error responses that are not JSON yet, such as
    the 405 of `require_safe`. With DEBUG on, Django's debug pages are left alone."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and not settings.DEBUG
            and not response.streaming
            and not _is_json(response)
        ):
            response.content = json.dumps(problem(response.status_code, request.path))
            response["Content-Type"] = PROBLEM_JSON
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response


def _is_json(response: HttpResponse) -> bool:
    media_type = response.get("Content-Type", "").partition(";")[0].strip()
    return media_type == "application/json" or media_type.endswith("+json")


class BodySizeLimitMiddleware:
    """413 for a body over DATA_UPLOAD_MAX_MEMORY_SIZE, before anything reads it.

    Django alone answers 400 and only where it reads the body itself; DRF's parsers
    read the stream and skip its check.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit is not None and length > limit:
            return problem_response(request, 413, f"The request body is larger than {limit} bytes.")
        return self.get_response(request)
