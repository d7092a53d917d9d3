"""The catalog API: `/api/v1/books/`, `/api/v1/authors/`, `/api/v1/genres/` and the explain
endpoint. Every query comes from queries.py; every input goes through schemas.py.

Who may call what is decided before any view runs (accounts/access.py, deny by default):
every role reads, editors and admins POST and PATCH, admins DELETE; anonymous is a 401, the
wrong role a 403. The explain endpoint adds its own admin-only check.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlencode, urlsplit, urlunsplit

from flask import Blueprint, Response, abort, current_app, request
from pydantic import BaseModel, ValidationError
from sqlalchemy import Select, select

from ..accounts.access import current_user
from ..accounts.roles import RoleName
from ..describe import Page, describe
from ..errors import problem_response
from ..extensions import db
from . import filters, queries
from .explain import EXPLAINED_QUERIES, explain
from .filters import BookFilters, PageQuery, SearchQuery
from .models import Author, Book, Genre, Publisher
from .schemas import (
    MAX_ID,
    AuthorDetail,
    AuthorListItem,
    BookCreate,
    BookDetail,
    BookListItem,
    BookUpdate,
    GenreItem,
    QueryPlan,
    author_detail,
    author_for_list,
    book_detail,
    book_for_list,
    errors_by_field,
    genre_for_list,
)

bp = Blueprint("catalog", __name__, url_prefix="/api/v1")

BOOK = "/books/<int:book_id>/"
AUTHOR = "/authors/<int:author_id>/"
GENRE = "/genres/<int:genre_id>/"


@bp.url_value_preprocessor
def _ids_in_range(endpoint: str | None, values: dict[str, Any] | None) -> None:
    """An id beyond the keys' range names no row: 404 before any query. Checked here, not
    with the converter's `max=`, which makes Werkzeug answer 405 for PATCH and DELETE."""
    if values and any(name.endswith("_id") and value > MAX_ID for name, value in values.items()):
        abort(404)


@bp.get("/books/")
@describe(
    "Books, filtered, searched and ordered",
    query=(BookFilters, SearchQuery, PageQuery),
    responses={200: Page[BookListItem]},
)
def list_books() -> dict[str, Any]:
    where = [*_valid(filters.BookFilters, request.args.to_dict()).clauses()]
    where += filters.book_search(request.args)
    order = filters.ordering(request.args, queries.BOOK_ORDERINGS)
    order_by = [*order, Book.id] if order else queries.DEFAULT_BOOK_ORDER
    return _page(queries.books_for_list(where, order_by), book_for_list)


@bp.post("/books/")
@describe("Create a book", body=BookCreate, responses={201: BookDetail})
def create_book() -> tuple[dict[str, Any], int]:
    data = _valid(BookCreate, _json_object())
    author, publisher, genres = _relations(data.author, data.publisher, data.genres)
    book = Book(
        title=data.title,
        description=data.description,
        published=data.published,
        price=data.price,
        author=author,
        publisher=publisher,
        genres=genres,
    )
    db.session.add(book)
    # The book and its genre links are written together or not at all.
    db.session.commit()
    return _book(book.id), 201


@bp.get(BOOK)
@describe("One book", responses={200: BookDetail})
def get_book(book_id: int) -> dict[str, Any]:
    return _book(book_id)


@bp.patch(BOOK)
@describe("Change a book", body=BookUpdate, responses={200: BookDetail})
def update_book(book_id: int) -> dict[str, Any]:
    book = db.get_or_404(Book, book_id, description=f"No book {book_id}.")
    data = _valid(BookUpdate, _json_object())
    changes = data.model_dump(exclude_unset=True)
    author, publisher, genres = _relations(
        changes.pop("author", None), changes.pop("publisher", None), changes.pop("genres", None)
    )
    for name, value in changes.items():
        setattr(book, name, value)
    for name, value in (("author", author), ("publisher", publisher), ("genres", genres)):
        if value is not None:
            setattr(book, name, value)
    db.session.commit()
    return _book(book_id)


@bp.delete(BOOK)
@describe("Delete a book", responses={204: None})
def delete_book(book_id: int) -> Response:
    book = db.get_or_404(Book, book_id, description=f"No book {book_id}.")
    db.session.delete(book)
    db.session.commit()
    return Response(status=204)


@bp.get("/authors/")
@describe(
    "Authors with their number of books",
    query=(SearchQuery, PageQuery),
    responses={200: Page[AuthorListItem]},
)
def list_authors() -> dict[str, Any]:
    order = filters.ordering(request.args, queries.AUTHOR_ORDERINGS)
    statement = queries.authors_for_list(
        filters.author_search(request.args), order or [Author.name]
    )
    return _page(statement, author_for_list)


@bp.get(AUTHOR)
@describe("One author and their latest books", responses={200: AuthorDetail})
def get_author(author_id: int) -> dict[str, Any]:
    author = db.first_or_404(
        queries.author_for_detail(author_id), description=f"No author {author_id}."
    )
    return author_detail(author)


@bp.get("/genres/")
@describe("Genres with their number of books", query=(PageQuery,), responses={200: Page[GenreItem]})
def list_genres() -> dict[str, Any]:
    order = filters.ordering(request.args, queries.GENRE_ORDERINGS)
    return _page(queries.genres_for_list(order or [Genre.name]), genre_for_list)


@bp.get(GENRE)
@describe("One genre", responses={200: GenreItem})
def get_genre(genre_id: int) -> dict[str, Any]:
    genre = db.first_or_404(queries.genre_for_detail(genre_id), description=f"No genre {genre_id}.")
    return genre_for_list(genre)


@bp.get("/catalog/explain/<name>/")
@describe("The query plan of a catalog query (admins)", responses={200: QueryPlan})
def explain_query(name: str) -> dict[str, Any]:
    """The database's plan for one catalog query. Only where CATALOG_EXPLAIN_ENDPOINT is on
    (off unless a configuration turns it on); elsewhere a 404, as if it did not exist."""
    if not current_app.config.get("CATALOG_EXPLAIN_ENDPOINT"):
        abort(404)
    # The access check in front of every view let in any role for GET: plans are for admins.
    user = current_user()
    if user is None or RoleName.ADMIN not in user.role_names:
        abort(403, "Only administrators may do this.")
    if name not in EXPLAINED_QUERIES:
        abort(404, f"No catalog query named {name!r}.")
    return explain(name)


class InvalidInput(Exception):
    """A 400 problem with the errors of each field."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("invalid input")
        self.errors = errors


@bp.errorhandler(InvalidInput)
def _invalid_input(error: InvalidInput) -> Response:
    return problem_response(400, "The request is not valid.", errors=error.errors)


Schema = TypeVar("Schema", bound=BaseModel)


def _valid(schema: type[Schema], data: Any) -> Schema:
    try:
        return schema.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(errors_by_field(error)) from None


def _json_object() -> dict[str, Any]:
    """The JSON body, which must be an object (malformed JSON is Flask's 400)."""
    body = request.get_json()
    if not isinstance(body, dict):
        raise InvalidInput({"non_field_errors": ["The body must be a JSON object."]})
    return body


def _relations(
    author_id: int | None, publisher_id: int | None, genre_ids: list[int] | None
) -> tuple[Author | None, Publisher | None, list[Genre] | None]:
    """The author, publisher and genres named by id; all genres in one query, not one per id."""
    errors: dict[str, list[str]] = {}
    author = publisher = None
    if author_id is not None and (author := db.session.get(Author, author_id)) is None:
        errors["author"] = [f"No author with id {author_id}."]
    if publisher_id is not None and (publisher := db.session.get(Publisher, publisher_id)) is None:
        errors["publisher"] = [f"No publisher with id {publisher_id}."]
    genres = None
    if genre_ids is not None:
        genres = list(db.session.scalars(select(Genre).where(Genre.id.in_(set(genre_ids)))))
        unknown = sorted(set(genre_ids) - {genre.id for genre in genres})
        if unknown:
            errors["genres"] = [f"No genre with id {unknown[0]}."]
    if errors:
        raise InvalidInput(errors)
    return author, publisher, genres


def _book(book_id: int) -> dict[str, Any]:
    book = db.first_or_404(queries.book_for_detail(book_id), description=f"No book {book_id}.")
    return book_detail(book)


def _page(statement: Select[Any], serialise: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    """`?page=N&page_size=M` as `{count, next, previous, results}`; a page that does not
    exist is a 404. Two queries: COUNT(*) of the statement, then the page of rows."""
    page = request.args.get("page", "1")
    if not re.fullmatch(r"[0-9]{1,9}", page):
        abort(404, "Invalid page.")
    pagination = db.paginate(
        statement,
        page=int(page),
        per_page=filters.page_size(request.args),
        max_per_page=filters.MAX_PAGE_SIZE,
        error_out=True,
    )
    return {
        "count": pagination.total,
        "next": _page_url(pagination.next_num) if pagination.has_next else None,
        "previous": _page_url(pagination.prev_num) if pagination.has_prev else None,
        "results": [serialise(row) for row in pagination.items],
    }


def _page_url(page: int | None) -> str:
    """This URL with another page number (none for page 1), as Django REST framework
    writes it: the query parameters sorted."""
    args = request.args.to_dict(flat=False)
    args.pop("page", None)
    if page is not None and page > 1:
        args["page"] = [str(page)]
    parts = urlsplit(request.url)
    return urlunsplit(parts._replace(query=urlencode(sorted(args.items()), doseq=True)))
