"""JSON log lines carrying the request id, and security events on the `security` logger."""

from __future__ import annotations

import functools
import logging
import logging.config
import re
import uuid
from typing import Any

from flask import Flask, Response, g, has_request_context, request
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

REQUEST_ID_HEADER = "X-Request-ID"
# A client's id is kept only when it cannot smuggle anything into a log line.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

security_logger = logging.getLogger("security")


class JsonFormatter(BaseJsonFormatter):
    """One JSON object per record: time, level, logger, message, then the extra fields."""

    def __init__(self) -> None:
        super().__init__(
            "{levelname}{name}{message}",
            style="{",
            timestamp="time",
            rename_fields={"levelname": "level", "name": "logger"},
        )


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to records logged while a request is served."""

    def filter(self, record: logging.LogRecord) -> bool:
        if has_request_context() and (request_id := g.get("request_id")):
            record.request_id = request_id
        return True


LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": RequestIdFilter}},
    "formatters": {"json": {"()": JsonFormatter}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "json",
        }
    },
    "root": {"level": "WARNING", "handlers": ["stdout"]},
    "loggers": {
        "security": {"level": "INFO"},
        __package__: {"level": "INFO"},
        # The development server's request lines, and `flask db` progress.
        "werkzeug": {"level": "INFO"},
        "alembic": {"level": "INFO"},
        "flask_migrate": {"level": "INFO"},
    },
}


@functools.cache
def configure_logging() -> None:
    """Once per process: logging is global, however many apps the process creates."""
    logging.config.dictConfig(LOGGING)


def init_app(app: Flask) -> None:
    app.before_request(_take_request_id)
    app.after_request(_return_request_id)


def _take_request_id() -> None:
    """The client's X-Request-ID when well formed, else a new one."""
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = incoming if VALID_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex


def _return_request_id(response: Response) -> Response:
    if request_id := g.get("request_id"):
        response.headers[REQUEST_ID_HEADER] = request_id
    return response


def security_event(event: str, *, level: int = logging.WARNING, **fields: Any) -> None:
    """Log one security event (login_failed, permission_denied, ...) on the security logger,
    with the client's address, the method, the path and the user of the current request.

    The address is REMOTE_ADDR, or with TRUSTED_PROXY_COUNT set the one the proxies forwarded
    (security.py). Never pass a password, token, cookie or secret in `fields`.
    """
    if has_request_context():
        fields = {
            "ip": request.remote_addr,
            "method": request.method,
            "path": request.path,
            "user_id": g.get("user_id"),
            **fields,
        }
    security_logger.log(level, event, extra={"event": event, **fields})
