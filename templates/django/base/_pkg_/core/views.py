"""The health check, and problem+json answers for the errors Django handles itself."""

import logging
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from .problems import problem_response

logger = logging.getLogger(__name__)


@csrf_exempt  # GET and HEAD only: nothing to forge, and a POST gets 405, not a CSRF 403.
@require_safe
def health(request: HttpRequest) -> HttpResponse:
    """200 when the database and the cache answer; 503 problem+json when one does not."""
    checks = {
        "database": _probe("database", _database_answers),
        "cache": _probe("cache", _cache_answers),
    }
    if all(state == "ok" for state in checks.values()):
        return JsonResponse({"status": "ok", "checks": checks})
    return problem_response(request, 503, "A dependency is unavailable.", checks=checks)


def _probe(name: str, check: Callable[[], bool]) -> str:
    try:
        if check():
            return "ok"
    except Exception:
        logger.exception("health check of the %s failed", name)
    return "unavailable"


def _database_answers() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache_answers() -> bool:
    key, value = f"health-check:{uuid.uuid4().hex}", "ok"
    cache.set(key, value, timeout=10)
    try:
        return cache.get(key) == value
    finally:
        cache.delete(key)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return problem_response(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return problem_response(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return problem_response(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return problem_response(request, 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return problem_response(request, 403, "CSRF verification failed.")
