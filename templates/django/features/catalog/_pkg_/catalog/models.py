"""The catalog: authors, publishers, genres and books.

Every query the API runs is built by a QuerySet method below, so the whole query plan of the
app is in one file. Each method says which queries it saves; tests/catalog/test_queries.py
pins the counts, so an N+1 regression fails the build.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Prefetch

# How many of an author's books the author detail shows (the newest).
AUTHOR_LATEST_BOOKS = 20


class BookQuerySet(models.QuerySet):
    def for_list(self) -> BookQuerySet:
        """Books as the list endpoint shows them: 2 queries for a page, however many books
        (the paginator adds a COUNT).

        - select_related: author and publisher come in the same query, by JOIN. Saves 2 queries
          per book (one for `book.author`, one for `book.publisher`).
        - Prefetch of genres: one more query, `... WHERE book_id IN (<the page>)`, for the
          genres of every book on the page. Saves 1 query per book.
        - defer(): the large text columns (the book's description, the author's bio) stay in
          the table; lists never show them. Saves bytes, not queries: reading
          `book.description` on these rows would cost 1 query per book, which is why only
          the detail serializer reads it.
        """
        return (
            self.select_related("author", "publisher")
            .prefetch_related(_genres_by_name())
            .defer("description", "author__bio")
        )

    def for_detail(self) -> BookQuerySet:
        """One book with everything it shows, description included: 2 queries.

        The JOINs of select_related save the 2 queries for author and publisher; the
        genres come in 1 prefetch query.
        """
        return self.select_related("author", "publisher").prefetch_related(_genres_by_name())


class AuthorQuerySet(models.QuerySet):
    def with_book_count(self) -> AuthorQuerySet:
        """Adds `book_count`, computed by the database in the same query (COUNT ... GROUP BY).

        Saves 1 `author.books.count()` query per author.
        """
        return self.annotate(book_count=Count("books"))

    def for_list(self) -> AuthorQuerySet:
        """Authors with their book count: 1 query for a page, the bio left in the table.

        Ordered explicitly: Django leaves Meta.ordering out of GROUP BY queries.
        """
        return self.with_book_count().defer("bio").order_by("name", "id")

    def for_detail(self) -> AuthorQuerySet:
        """One author with their latest books: 2 queries.

        The Prefetch loads the author's books in 1 query, with only the columns the response
        shows: saves 1 query per book it would otherwise take to follow `author.books`, and
        the bytes of every column it leaves out. The slice caps how many come back (Django
        uses a window function, still 1 query); `book_count` says how many there are.
        """
        latest = Book.objects.only("id", "title", "published", "author_id").order_by(
            "-published", "id"
        )
        return self.with_book_count().prefetch_related(
            Prefetch("books", queryset=latest[:AUTHOR_LATEST_BOOKS], to_attr="latest_books")
        )


class GenreQuerySet(models.QuerySet):
    def for_list(self) -> GenreQuerySet:
        """Genres with `book_count`, counted by the database in the same query.

        Saves 1 `genre.books.count()` query per genre.
        """
        return self.annotate(book_count=Count("books")).order_by("name")


def _genres_by_name() -> Prefetch:
    """The genres of many books in one query, only the columns the API shows."""
    return Prefetch("genres", queryset=Genre.objects.only("id", "name").order_by("name"))


class Author(models.Model):
    name = models.CharField(max_length=200)
    bio = models.TextField(blank=True)
    born = models.DateField(null=True, blank=True)

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name


class Publisher(models.Model):
    name = models.CharField(max_length=200, unique=True)
    country = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Genre(models.Model):
    name = models.CharField(max_length=100, unique=True)

    objects = GenreQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Book(models.Model):
    title = models.CharField(max_length=200)
    # Sanitised HTML (serializers.py): the large column that list responses leave out.
    description = models.TextField(blank=True)
    published = models.DateField()
    price = models.DecimalField(
        max_digits=8, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    # PROTECT: deleting an author or publisher who still has books is refused, not cascaded.
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="books")
    publisher = models.ForeignKey(Publisher, on_delete=models.PROTECT, related_name="books")
    genres = models.ManyToManyField(Genre, related_name="books", blank=True)

    objects = BookQuerySet.as_manager()

    class Meta:
        # `id` last: a stable order, so pages never repeat or skip a book.
        ordering = ["-published", "id"]
        indexes = [
            models.Index(fields=["-published", "id"]),
            models.Index(fields=["title"]),
            models.Index(fields=["price"]),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(price__gte=0), name="book_price_not_negative")
        ]

    def __str__(self) -> str:
        return self.title
