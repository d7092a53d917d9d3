"""JSON logging helpers: the request id on every line, and security events."""

from __future__ import annotations

import logging
import re
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from django.conf import settings
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

if TYPE_CHECKING:
    from django.http import HttpRequest

# The id of the request being served, set by RequestIdMiddleware.
current_request_id: ContextVar[str | None] = ContextVar("current_request_id", default=None)

security_logger = logging.getLogger("security")


class JsonFormatter(BaseJsonFormatter):
    """One JSON object per record: time, level, logger, message, then the extra fields."""

    def __init__(self) -> None:
        super().__init__(
            "{levelname}{name}{message}",
            style="{",
            timestamp="time",
            rename_fields={"levelname": "level", "name": "logger"},
            # Django attaches the request object to some records: its repr is noise.
            reserved_attrs=[*RESERVED_ATTRS, "request"],
        )


class RequestIdFilter(logging.Filter):
    """Adds `request_id`: the request being served, or the one a record carries."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        request_id = current_request_id.get() or getattr(request, "request_id", None)
        if request_id:
            record.request_id = request_id
        return True


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or the address TRUSTED_PROXY_COUNT hops back in X-Forwarded-For."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded_for = request.META.get("HTTP_X_FORWARDED_FOR")
    if proxies and forwarded_for:
        hops = [hop.strip() for hop in forwarded_for.split(",")]
        return hops[-min(proxies, len(hops))]
    return request.META.get("REMOTE_ADDR", "")


def security_event(
    event: str,
    request: HttpRequest | None = None,
    *,
    level: int = logging.WARNING,
    **fields: Any,
) -> None:
    """Log one security event (login_failed, permission_denied, ...) on the security logger.

    Never pass a password, token, cookie or secret in `fields`.
    """
    if request is not None:
        # A DRF Request would authenticate again to give its user: use the HttpRequest,
        # whose user DRF sets once it has authenticated.
        request = getattr(request, "_request", request)
        user = getattr(request, "user", None)
        fields = {
            "ip": client_ip(request),
            "method": request.method,
            "path": request.path,
            "user_id": getattr(user, "pk", None),
            **fields,
        }
    security_logger.log(level, event, extra={"event": event, **fields})


class DjangoSecurityHandler(logging.Handler):
    """Re-logs django.security.* records (DisallowedHost, SuspiciousOperation, csrf)
    as security events, e.g. `disallowed_host`."""

    def emit(self, record: logging.LogRecord) -> None:
        kind = record.name.removeprefix("django.security.")
        event = re.sub(r"(?<=[a-z])(?=[A-Z])", "_", kind).lower()
        request = getattr(record, "request", None)
        security_event(event, request, level=record.levelno, detail=record.getMessage())
