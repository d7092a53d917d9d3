"""The catalog: authors, publishers, genres and books, as typed SQLAlchemy 2 models.

The models say what is stored; queries.py says how the API loads it (the loader options, each
beside the queries it saves). The relationships load lazily by default, which is what a query
per row (N+1) looks like: the API never relies on that default.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Numeric,
    String,
    Table,
    Text,
    and_,
    func,
    select,
)
from sqlalchemy.orm import Mapped, aliased, mapped_column, query_expression, relationship

from ..extensions import db

# How many of an author's books the author detail shows (the newest).
AUTHOR_LATEST_BOOKS = 20

# The many-to-many link between books and genres: one row per pair.
book_genres = Table(
    "catalog_book_genres",
    db.metadata,
    Column("book_id", ForeignKey("catalog_book.id", ondelete="CASCADE"), primary_key=True),
    Column("genre_id", ForeignKey("catalog_genre.id", ondelete="CASCADE"), primary_key=True),
    # The primary key serves lookups by book; this one the genre filter and genre counts.
    Index("ix_catalog_book_genres_genre_id", "genre_id"),
)


class Author(db.Model):
    __tablename__ = "catalog_author"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    bio: Mapped[str] = mapped_column(Text, default="")
    born: Mapped[datetime.date | None]

    books: Mapped[list[Book]] = relationship(back_populates="author")
    # Filled only by queries that ask for it (queries.py: with_expression), never stored.
    book_count: Mapped[int] = query_expression()

    def __repr__(self) -> str:
        return f"<Author {self.id} {self.name!r}>"


class Publisher(db.Model):
    __tablename__ = "catalog_publisher"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    country: Mapped[str] = mapped_column(String(100), default="")

    books: Mapped[list[Book]] = relationship(back_populates="publisher")

    def __repr__(self) -> str:
        return f"<Publisher {self.id} {self.name!r}>"


class Genre(db.Model):
    __tablename__ = "catalog_genre"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)

    books: Mapped[list[Book]] = relationship(secondary=book_genres, back_populates="genres")
    book_count: Mapped[int] = query_expression()

    def __repr__(self) -> str:
        return f"<Genre {self.id} {self.name!r}>"


class Book(db.Model):
    __tablename__ = "catalog_book"
    __table_args__ = (CheckConstraint("price >= 0", name="price_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), index=True)
    # Sanitised HTML (schemas.py): the large column that list responses leave out.
    description: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[datetime.date]
    price: Mapped[Decimal] = mapped_column(Numeric(8, 2), index=True)
    # RESTRICT: deleting an author or publisher who still has books is refused, not cascaded.
    author_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_author.id", ondelete="RESTRICT"), index=True
    )
    publisher_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_publisher.id", ondelete="RESTRICT"), index=True
    )

    author: Mapped[Author] = relationship(back_populates="books")
    publisher: Mapped[Publisher] = relationship(back_populates="books")
    genres: Mapped[list[Genre]] = relationship(
        secondary=book_genres, back_populates="books", order_by=Genre.name
    )

    def __repr__(self) -> str:
        return f"<Book {self.id} {self.title!r}>"


# Newest first with `id` last: the list's default order, read from the index in order (no sort).
Index("ix_catalog_book_published_desc_id", Book.published.desc(), Book.id)

# An author's newest books, AUTHOR_LATEST_BOOKS at most, as a read-only relationship: the rows
# are numbered per author by a window function, so that one selectinload query can fetch the
# latest books of one author or of a whole page of them (SQLAlchemy's "row-limited
# relationships with window functions").
_numbered_books = select(
    Book,
    func.row_number()
    .over(partition_by=Book.author_id, order_by=(Book.published.desc(), Book.id))
    .label("position"),
).subquery()
_LatestBook = aliased(Book, _numbered_books)
Author.latest_books = relationship(
    _LatestBook,
    primaryjoin=and_(
        _LatestBook.author_id == Author.id, _numbered_books.c.position <= AUTHOR_LATEST_BOOKS
    ),
    order_by=(_LatestBook.published.desc(), _LatestBook.id),
    viewonly=True,
)
LatestBook = _LatestBook
