"""The plans of the catalog's querysets, for `manage.py explain_queries` and the admin endpoint.

Only `QuerySet.explain()` is used: the ORM writes the EXPLAIN statement, nothing here builds SQL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from rest_framework.settings import api_settings

from .models import Author, Book, Genre

# The id in detail lookups: any value gives the same plan, a row need not exist.
SAMPLE_ID = 1
# Lists are explained as their first page is queried: with a LIMIT, which lets the database
# stop early, e.g. by reading an index in order instead of sorting the whole table.
PAGE = slice(0, api_settings.PAGE_SIZE)

# Name -> the query the API runs for it, built by the QuerySet methods in models.py. Details
# have no ORDER BY, as `get()` runs them. A plan covers the main query only: each
# prefetch_related lookup runs as one more query after it.
EXPLAINED_QUERYSETS: dict[str, Callable[[], QuerySet[Any]]] = {
    "books-list": lambda: Book.objects.for_list()[PAGE],
    "books-detail": lambda: Book.objects.for_detail().filter(pk=SAMPLE_ID).order_by(),
    "authors-list": lambda: Author.objects.for_list()[PAGE],
    "authors-detail": lambda: Author.objects.for_detail().filter(pk=SAMPLE_ID).order_by(),
    "genres-list": lambda: Genre.objects.for_list()[PAGE],
}


def analyze_supported() -> bool:
    """EXPLAIN ANALYZE runs the query and reports real timings; SQLite has no such option."""
    return connection.vendor in {"postgresql", "mysql"}


def explain(name: str, *, analyze: bool = False) -> dict[str, Any]:
    """The SQL of the queryset called `name`, and the database's plan for it."""
    queryset = EXPLAINED_QUERYSETS[name]()
    options = {"analyze": True} if analyze else {}
    return {
        "name": name,
        "database": connection.vendor,
        # For reading only: Django passes the parameters to the database separately.
        "sql": str(queryset.query),
        "plan": queryset.explain(**options),
    }
