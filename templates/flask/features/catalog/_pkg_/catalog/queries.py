"""Every query the catalog API runs, built here, so the app's whole query plan is in one file.

Each loader option sits beside a comment that says which queries it saves;
tests/catalog/test_queries.py pins the counts, so an N+1 regression fails the build. Without
the options, SQLAlchemy loads every relationship lazily: one more query per book for its
author, one for its publisher and one for its genres.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import defer, joinedload, load_only, selectinload, with_expression
from sqlalchemy.orm.interfaces import LoaderOption

from .models import Author, Book, Genre, LatestBook, Publisher, book_genres

# Orderings a client may ask for (`?ordering=-price`), by name. Anything else is ignored.
# `id` always comes last, so that rows with equal values keep one order across pages.
BOOK_ORDERINGS: dict[str, Any] = {
    "title": Book.title,
    "published": Book.published,
    "price": Book.price,
}
DEFAULT_BOOK_ORDER = (Book.published.desc(), Book.id)

# Counted by the database in the same query as the rows (LEFT OUTER JOIN ... GROUP BY).
AUTHOR_BOOK_COUNT = func.count(Book.id)
GENRE_BOOK_COUNT = func.count(book_genres.c.book_id)
AUTHOR_ORDERINGS: dict[str, Any] = {"name": Author.name, "book_count": AUTHOR_BOOK_COUNT}
GENRE_ORDERINGS: dict[str, Any] = {"name": Genre.name, "book_count": GENRE_BOOK_COUNT}


def _book_relations() -> list[LoaderOption]:
    """What a book shows of its relations, for lists and details alike.

    - joinedload: author and publisher come in the same query as the book, by INNER JOIN
      (the foreign keys are NOT NULL). Saves 2 queries per book (`book.author`,
      `book.publisher`).
    - selectinload: the genres of every book loaded come in 1 more query,
      `... WHERE book_id IN (<the page>)`. Saves 1 query per book. Not joinedload: joining a
      collection repeats each book once per genre, and breaks LIMIT.
    - load_only on each: only the columns the API shows (the author's bio stays in the table).
    """
    return [
        joinedload(Book.author, innerjoin=True).load_only(Author.id, Author.name),
        joinedload(Book.publisher, innerjoin=True).load_only(Publisher.id, Publisher.name),
        selectinload(Book.genres).load_only(Genre.id, Genre.name),
    ]


def books_for_list(
    where: Sequence[ColumnElement[bool]] = (), order_by: Sequence[Any] = DEFAULT_BOOK_ORDER
) -> Select[tuple[Book]]:
    """Books as the list shows them: 2 queries for a page, however many books (the
    pagination adds a COUNT).

    defer(..., raiseload=True): the description, the large column, stays in the table; lists
    never show it. Saves bytes, not queries, and raiseload turns a read of it into an error
    instead of 1 query per book.
    """
    return (
        select(Book)
        .where(*where)
        .options(*_book_relations(), defer(Book.description, raiseload=True))
        .order_by(*order_by)
    )


def book_for_detail(book_id: int) -> Select[tuple[Book]]:
    """One book with everything it shows, description included: 2 queries (the book JOINed
    to author and publisher, then its genres)."""
    return select(Book).where(Book.id == book_id).options(*_book_relations())


def authors_for_list(
    where: Sequence[ColumnElement[bool]] = (), order_by: Sequence[Any] = (Author.name,)
) -> Select[tuple[Author]]:
    """Authors with `book_count`: 1 query for a page.

    - with_expression fills `book_count` from the COUNT of the same query: saves 1
      `len(author.books)` query per author, and loading every book to count it.
    - load_only: the columns the list shows; the bio stays in the table.
    """
    return (
        select(Author)
        .outerjoin(Author.books)
        .where(*where)
        .group_by(Author.id)
        .options(
            with_expression(Author.book_count, AUTHOR_BOOK_COUNT),
            load_only(Author.id, Author.name, Author.born),
        )
        .order_by(*order_by, Author.id)
    )


def author_for_detail(author_id: int) -> Select[tuple[Author]]:
    """One author with `book_count` and their newest books: 2 queries.

    selectinload of `latest_books` (models.py: numbered per author by a window function) loads
    at most AUTHOR_LATEST_BOOKS books in 1 query, with only the columns shown: saves 1 query
    per book, and an unbounded list; `book_count` says how many there are.
    """
    return (
        select(Author)
        .outerjoin(Author.books)
        .where(Author.id == author_id)
        .group_by(Author.id)
        .options(
            with_expression(Author.book_count, AUTHOR_BOOK_COUNT),
            selectinload(Author.latest_books).load_only(
                LatestBook.id, LatestBook.title, LatestBook.published
            ),
        )
    )


def genres_for_list(order_by: Sequence[Any] = (Genre.name,)) -> Select[tuple[Genre]]:
    """Genres with `book_count`, counted by the database in the same query: saves 1 query per
    genre. The join stops at the link table: counting needs no book columns."""
    return (
        select(Genre)
        .outerjoin(book_genres, book_genres.c.genre_id == Genre.id)
        .group_by(Genre.id)
        .options(with_expression(Genre.book_count, GENRE_BOOK_COUNT))
        .order_by(*order_by, Genre.id)
    )


def genre_for_detail(genre_id: int) -> Select[tuple[Genre]]:
    """One genre with `book_count`: 1 query."""
    return genres_for_list().where(Genre.id == genre_id).order_by(None)
