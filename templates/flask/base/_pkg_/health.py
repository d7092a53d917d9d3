"""GET /health/: 200 when the database and the cache answer, 503 problem+json when one does not."""

import logging
import uuid
from collections.abc import Callable
from typing import Literal

from flask import Blueprint, Response, jsonify
from pydantic import BaseModel
from sqlalchemy import text

from .accounts.access import public
from .describe import describe
from .errors import problem_response
from .extensions import cache, db

bp = Blueprint("health", __name__)
logger = logging.getLogger(__name__)


class Checks(BaseModel):
    database: Literal["ok", "unavailable"]
    cache: Literal["ok", "unavailable"]


class Health(BaseModel):
    status: Literal["ok"]
    checks: Checks


@bp.get("/health/")
@public
@describe("Readiness: the database and the cache answer", responses={200: Health})
def health() -> Response:
    checks = {
        "database": _probe("database", _database_answers),
        "cache": _probe("cache", _cache_answers),
    }
    if all(state == "ok" for state in checks.values()):
        return jsonify(status="ok", checks=checks)
    return problem_response(503, "A dependency is unavailable.", checks=checks)


def _probe(name: str, check: Callable[[], bool]) -> str:
    try:
        if check():
            return "ok"
    except Exception:
        logger.exception("health check of the %s failed", name)
    return "unavailable"


def _database_answers() -> bool:
    with db.engine.connect() as connection:
        return connection.execute(text("SELECT 1")).scalar_one() == 1


def _cache_answers() -> bool:
    key, value = f"health-check:{uuid.uuid4().hex}", "ok"
    cache.set(key, value, timeout=10)
    try:
        return cache.get(key) == value
    finally:
        cache.delete(key)
