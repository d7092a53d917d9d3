"""What the catalog API reads and writes. Every input is bounded here (pydantic v2): types,
lengths, ranges. Unknown fields are ignored, never written."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Any

import nh3
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from .models import Author, Book, Genre

# The HTML a book description may keep; everything else is stripped on write, and <script>
# and <style> lose their content too. Links keep http(s) and mailto targets only, and nh3
# adds rel="noopener noreferrer" to them (which is why `rel` itself is not allowed).
DESCRIPTION_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "a"}
DESCRIPTION_ATTRIBUTES = {"a": {"href", "title"}}
DESCRIPTION_URL_SCHEMES = {"http", "https", "mailto"}
DESCRIPTION_MAX_LENGTH = 20_000
MAX_GENRES_PER_BOOK = 10
EARLIEST_PUBLISHED = datetime.date(1450, 1, 1)
LATEST_PUBLISHED = datetime.date(2999, 12, 31)
# The largest id the primary keys hold (`integer`, 32 bits). A larger one names no row: a 400 in
# a body or a filter, a 404 in a URL, never a query PostgreSQL refuses ("integer out of range").
MAX_ID = 2**31 - 1


def sanitise_description(html: str) -> str:
    """The description with only the allowed tags, attributes and link schemes left."""
    return nh3.clean(
        html,
        tags=DESCRIPTION_TAGS,
        attributes=DESCRIPTION_ATTRIBUTES,
        url_schemes=DESCRIPTION_URL_SCHEMES,
    )


def _published_in_range(value: datetime.date) -> datetime.date:
    if not EARLIEST_PUBLISHED <= value <= LATEST_PUBLISHED:
        raise ValueError(f"Must be between {EARLIEST_PUBLISHED} and {LATEST_PUBLISHED}.")
    return value


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Title = Annotated[str, Field(min_length=1, max_length=200)]
# Sanitised on the way in, so stored HTML is safe wherever it is shown later.
Description = Annotated[
    str, Field(max_length=DESCRIPTION_MAX_LENGTH), AfterValidator(sanitise_description)
]
Published = Annotated[datetime.date, AfterValidator(_published_in_range)]
Price = Annotated[
    Decimal, Field(ge=Decimal("0"), le=Decimal("100000"), max_digits=8, decimal_places=2)
]
# Checked to exist in one query (views.py), not one query per id.
GenreIds = Annotated[list[Id], Field(max_length=MAX_GENRES_PER_BOOK)]


class BookCreate(BaseModel):
    """POST: ids for the relations. `id` and any other unknown field are ignored."""

    model_config = ConfigDict(extra="ignore")

    title: Title
    description: Description = ""
    published: Published
    price: Price
    author: Id
    publisher: Id
    genres: GenreIds = []


class BookUpdate(BaseModel):
    """PATCH: the same bounds, every field optional. A field sent as null is a 400 (the
    defaults are not valid values, and only fields that were sent are written)."""

    model_config = ConfigDict(extra="ignore")

    title: Title = None  # type: ignore[assignment]
    description: Description = None  # type: ignore[assignment]
    published: Published = None  # type: ignore[assignment]
    price: Price = None  # type: ignore[assignment]
    author: Id = None  # type: ignore[assignment]
    publisher: Id = None  # type: ignore[assignment]
    genres: GenreIds = None  # type: ignore[assignment]


def errors_by_field(error: ValidationError) -> dict[str, list[str]]:
    """pydantic's errors as `{"field": ["message", ...]}`, the shape the Django API gives."""
    errors: dict[str, list[str]] = {}
    for item in error.errors(include_url=False, include_input=False):
        field = str(item["loc"][0]) if item["loc"] else "non_field_errors"
        errors.setdefault(field, []).append(item["msg"])
    return errors


# What the API answers: each serialiser below builds its dict through one of these models, so
# a body can never drift from what the OpenAPI document says of it.
PriceText = Annotated[str, Field(pattern=r"^[0-9]+\.[0-9]{2}$")]


class Summary(BaseModel):
    id: int
    name: str


class BookListItem(BaseModel):
    id: int
    title: str
    published: datetime.date
    price: PriceText
    author: Summary
    publisher: Summary
    genres: list[Summary]


class BookDetail(BookListItem):
    description: str


class AuthorBook(BaseModel):
    id: int
    title: str
    published: datetime.date


class AuthorListItem(BaseModel):
    id: int
    name: str
    born: datetime.date | None
    book_count: int


class AuthorDetail(AuthorListItem):
    bio: str
    books: list[AuthorBook]


class GenreItem(BaseModel):
    id: int
    name: str
    book_count: int


class QueryPlan(BaseModel):
    name: str
    database: str
    sql: str
    plan: str


def _out(model: type[BaseModel], values: dict[str, Any]) -> dict[str, Any]:
    """`values` checked against `model`, as JSON types (dates as ISO 8601 strings)."""
    return model.model_validate(values).model_dump(mode="json")


def _summary(row: Any) -> dict[str, Any]:
    return {"id": row.id, "name": row.name}


def _book_fields(book: Book) -> dict[str, Any]:
    return {
        "id": book.id,
        "title": book.title,
        "published": book.published,
        "price": f"{book.price:.2f}",
        "author": _summary(book.author),
        "publisher": _summary(book.publisher),
        "genres": [_summary(genre) for genre in book.genres],
    }


def book_for_list(book: Book) -> dict[str, Any]:
    """A book in a list: no description (queries.books_for_list() does not even load it)."""
    return _out(BookListItem, _book_fields(book))


def book_detail(book: Book) -> dict[str, Any]:
    return _out(BookDetail, {**_book_fields(book), "description": book.description})


def _author_fields(author: Author) -> dict[str, Any]:
    return {
        "id": author.id,
        "name": author.name,
        "born": author.born,
        "book_count": author.book_count,
    }


def author_for_list(author: Author) -> dict[str, Any]:
    return _out(AuthorListItem, _author_fields(author))


def author_detail(author: Author) -> dict[str, Any]:
    """The newest AUTHOR_LATEST_BOOKS, as queries.author_for_detail() loads them."""
    books = [
        {"id": book.id, "title": book.title, "published": book.published}
        for book in author.latest_books
    ]
    return _out(AuthorDetail, {**_author_fields(author), "bio": author.bio, "books": books})


def genre_for_list(genre: Genre) -> dict[str, Any]:
    return _out(GenreItem, {"id": genre.id, "name": genre.name, "book_count": genre.book_count})
