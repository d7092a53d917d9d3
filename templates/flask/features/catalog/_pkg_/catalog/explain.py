"""The plans of the catalog's queries, for `flask explain-queries` and the admin endpoint.

The statement explained is the one SQLAlchemy compiles for the API, loader options included;
its parameters go to the database driver separately, never into the SQL text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Select

from ..extensions import db
from . import queries
from .filters import DEFAULT_PAGE_SIZE

# The id in detail lookups: any value gives the same plan, a row need not exist.
SAMPLE_ID = 1

# Name -> the query the API runs for it, from queries.py. Lists are explained as their first
# page is queried: with a LIMIT, which lets the database stop early, e.g. by reading an index
# in order instead of sorting the whole table. A plan covers the main query only: each
# selectinload runs as one more query after it.
EXPLAINED_QUERIES: dict[str, Callable[[], Select[Any]]] = {
    "books-list": lambda: queries.books_for_list().limit(DEFAULT_PAGE_SIZE),
    "books-detail": lambda: queries.book_for_detail(SAMPLE_ID),
    "authors-list": lambda: queries.authors_for_list().limit(DEFAULT_PAGE_SIZE),
    "authors-detail": lambda: queries.author_for_detail(SAMPLE_ID),
    "genres-list": lambda: queries.genres_for_list().limit(DEFAULT_PAGE_SIZE),
}


def database() -> str:
    return db.engine.dialect.name


def analyze_supported() -> bool:
    """EXPLAIN ANALYZE runs the query and reports real timings; SQLite has no such option."""
    return database() == "postgresql"


def explain(name: str, *, analyze: bool = False) -> dict[str, Any]:
    """The SQL of the query called `name`, and the database's plan for it."""
    if analyze and not analyze_supported():
        raise ValueError("EXPLAIN ANALYZE needs PostgreSQL.")
    statement = EXPLAINED_QUERIES[name]()
    compiled = statement.compile(db.engine)
    if database() == "sqlite":
        prefix = "EXPLAIN QUERY PLAN "
    else:
        prefix = "EXPLAIN (ANALYZE, BUFFERS) " if analyze else "EXPLAIN "
    parameters: Any = compiled.params
    if compiled.positiontup is not None:  # SQLite's `?` placeholders take a tuple
        parameters = tuple(compiled.params[key] for key in compiled.positiontup)
    rows = db.session.connection().exec_driver_sql(prefix + str(compiled), parameters).all()
    if database() == "sqlite":
        # (id, parent, notused, detail): indent each step under its parent, as sqlite3 does.
        depth = {0: -1}
        lines = []
        for step_id, parent, _, detail in rows:
            depth[step_id] = depth.get(parent, -1) + 1
            lines.append("  " * depth[step_id] + detail)
    else:
        lines = [row[0] for row in rows]
    return {
        "name": name,
        "database": database(),
        # For reading only: SQLAlchemy sends the parameters to the database separately.
        "sql": str(compiled),
        "plan": "\n".join(lines),
    }
