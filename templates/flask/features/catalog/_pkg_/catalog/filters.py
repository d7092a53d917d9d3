"""Filtering, search, ordering and pages of the catalog: allow-lists, and the ORM only.

A query parameter that is not declared here is ignored. A declared one with a value of the
wrong type (`?published_after=yesterday`) is a 400 problem, never a 500. Search terms become
bound parameters of LIKE clauses that SQLAlchemy writes: no SQL text is built from input.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import ColumnElement, or_

from .models import Author, Book, Genre
from .schemas import MAX_ID

DEFAULT_PAGE_SIZE = 20
# No client can ask for a whole table.
MAX_PAGE_SIZE = 100
MAX_SEARCH_TERMS = 5
MAX_SEARCH_TERM_LENGTH = 100

FilterId = Annotated[int | None, Field(ge=1, le=MAX_ID)]
# Bounded like Book.price, so `?price_min=1e999` is a 400, not an overflow.
FilterPrice = Annotated[Decimal | None, Field(max_digits=8, decimal_places=2)]


class BookFilters(BaseModel):
    """`?author=1&publisher=2&genre=3&published_after=2020-01-01&price_max=20`."""

    model_config = ConfigDict(extra="ignore")

    author: FilterId = None
    publisher: FilterId = None
    # Books that have this genre (EXISTS on the link table, so no book is repeated).
    genre: FilterId = None
    published_after: datetime.date | None = None
    published_before: datetime.date | None = None
    price_min: FilterPrice = None
    price_max: FilterPrice = None

    def clauses(self) -> list[ColumnElement[bool]]:
        checks = [
            (self.author, lambda value: Book.author_id == value),
            (self.publisher, lambda value: Book.publisher_id == value),
            (self.genre, lambda value: Book.genres.any(Genre.id == value)),
            (self.published_after, lambda value: Book.published >= value),
            (self.published_before, lambda value: Book.published <= value),
            (self.price_min, lambda value: Book.price >= value),
            (self.price_max, lambda value: Book.price <= value),
        ]
        return [clause(value) for value, clause in checks if value is not None]


class PageQuery(BaseModel):
    """`?page=N&page_size=M&ordering=a,-b` of every list, for the OpenAPI document: views.py
    reads them itself (a page that does not exist is a 404; a bad page_size gives the default)."""

    page: int = Field(1, ge=1, le=999_999_999)
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
    ordering: str = Field("", description="Allow-listed fields, comma separated; `-` descends.")


class SearchQuery(BaseModel):
    search: str = Field(
        "", description=f"Up to {MAX_SEARCH_TERMS} words, each in the title or the author's name."
    )


def search_terms(args: Mapping[str, str]) -> list[str]:
    """`?search=words`: at most MAX_SEARCH_TERMS terms of MAX_SEARCH_TERM_LENGTH characters,
    so one request cannot build an arbitrarily large WHERE clause."""
    terms = [term for term in re.split(r"[\s,]+", args.get("search", "")) if term]
    return [term[:MAX_SEARCH_TERM_LENGTH] for term in terms[:MAX_SEARCH_TERMS]]


def book_search(args: Mapping[str, str]) -> list[ColumnElement[bool]]:
    """Every term must appear, case-insensitively, in the title or the author's name.
    autoescape: `%` and `_` are plain text, not wildcards."""
    return [
        or_(
            Book.title.icontains(term, autoescape=True),
            Book.author.has(Author.name.icontains(term, autoescape=True)),
        )
        for term in search_terms(args)
    ]


def author_search(args: Mapping[str, str]) -> list[ColumnElement[bool]]:
    return [Author.name.icontains(term, autoescape=True) for term in search_terms(args)]


def ordering(args: Mapping[str, str], allowed: Mapping[str, Any]) -> list[Any]:
    """`?ordering=price,-published`: the allow-listed fields, in order; others ignored.
    Empty when none is allowed: the caller keeps its default order."""
    keys = []
    for name in args.get("ordering", "").split(","):
        field = allowed.get(name.strip().removeprefix("-"))
        if field is not None:
            keys.append(field.desc() if name.strip().startswith("-") else field.asc())
    return keys


def page_size(args: Mapping[str, str]) -> int:
    """`?page_size=M`, capped at MAX_PAGE_SIZE; anything but a positive number gives the default."""
    value = args.get("page_size", "")
    if not re.fullmatch(r"[0-9]{1,9}", value) or int(value) < 1:
        return DEFAULT_PAGE_SIZE
    return min(int(value), MAX_PAGE_SIZE)
