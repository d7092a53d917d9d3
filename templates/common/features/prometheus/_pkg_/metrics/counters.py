"""The counters the metrics endpoint serves, and the exposition of every worker's counts.

Under gunicorn, PROMETHEUS_MULTIPROC_DIR (set by gunicorn.conf.py) puts prometheus_client in
multiprocess mode: each worker writes its counts to a file there and a scrape adds them up,
whichever worker answers it.
"""

from __future__ import annotations

import logging
import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    generate_latest,
    multiprocess,
)

__all__ = ["CONTENT_TYPE_LATEST", "SecurityEventCounter", "count_response", "exposition"]

# Methods the API answers; any other counts as "other", so clients cannot add series.
METHODS = frozenset({"GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"})
# The route of a request no URL pattern matched: never the raw path, whose values are unbounded.
UNMATCHED = "unmatched"

# Security events (the `security` logger, LOG-1) that are failed authentication or access.
AUTH_FAILURE_EVENTS = frozenset(
    {
        "login_failed",
        "login_locked_out",
        "lockout",
        "token_rejected",
        "refresh_token_reused",
        "permission_denied",
        "csrf",
    }
)

REQUESTS = Counter(
    "http_requests",
    "HTTP requests answered, by method, route template and status.",
    ["method", "route", "status"],
)
AUTH_FAILURES = Counter(
    "auth_failures",
    "Failed authentication or access: security events by name, and 401/403 answers.",
    ["reason"],
)


def count_response(method: str, route: str | None, status: int) -> None:
    """One answered request; `route` is the URL pattern it matched, None when none did."""
    REQUESTS.labels(method if method in METHODS else "other", route or UNMATCHED, str(status)).inc()
    if status in (401, 403):
        AUTH_FAILURES.labels(f"http_{status}").inc()


class SecurityEventCounter(logging.Handler):
    """On the security logger: counts the events that are authentication or access failures."""

    def emit(self, record: logging.LogRecord) -> None:
        event = getattr(record, "event", None)
        if event in AUTH_FAILURE_EVENTS:
            AUTH_FAILURES.labels(event).inc()


def exposition() -> bytes:
    """The Prometheus text format of every counter, summed over the workers under gunicorn."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)
