"""What the catalog API reads and writes. Every input is bounded here: types, lengths, ranges."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import nh3
from django.db import transaction
from rest_framework import serializers

from .models import Author, Book, Genre, Publisher

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
# The largest id a 64-bit primary key can hold; a larger number is a 400, not an overflow.
MAX_ID = 2**63 - 1


def sanitise_description(html: str) -> str:
    """The description with only the allowed tags, attributes and link schemes left."""
    return nh3.clean(
        html,
        tags=DESCRIPTION_TAGS,
        attributes=DESCRIPTION_ATTRIBUTES,
        url_schemes=DESCRIPTION_URL_SCHEMES,
    )


class AuthorSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Author
        fields = ["id", "name"]


class PublisherSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Publisher
        fields = ["id", "name"]


class GenreSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Genre
        fields = ["id", "name"]


class BookListSerializer(serializers.ModelSerializer):
    """A book in a list: no description (Book.objects.for_list() does not even load it)."""

    author = AuthorSummarySerializer(read_only=True)
    publisher = PublisherSummarySerializer(read_only=True)
    genres = GenreSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Book
        fields = ["id", "title", "published", "price", "author", "publisher", "genres"]


class BookDetailSerializer(BookListSerializer):
    class Meta(BookListSerializer.Meta):
        fields = [*BookListSerializer.Meta.fields, "description"]


class BookWriteSerializer(serializers.ModelSerializer):
    """POST and PATCH: ids for the relations; the answer is the book as GET shows it."""

    title = serializers.CharField(min_length=1, max_length=200)
    description = serializers.CharField(
        max_length=DESCRIPTION_MAX_LENGTH, allow_blank=True, required=False, trim_whitespace=False
    )
    published = serializers.DateField()
    price = serializers.DecimalField(
        max_digits=8, decimal_places=2, min_value=Decimal("0"), max_value=Decimal("100000")
    )
    author = serializers.PrimaryKeyRelatedField(queryset=Author.objects.all())
    publisher = serializers.PrimaryKeyRelatedField(queryset=Publisher.objects.all())
    # Ids checked in validate_genres with one query, not one query per id.
    genres = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        max_length=MAX_GENRES_PER_BOOK,
        required=False,
    )

    class Meta:
        model = Book
        fields = [
            "id",
            "title",
            "description",
            "published",
            "price",
            "author",
            "publisher",
            "genres",
        ]

    def validate_published(self, value: datetime.date) -> datetime.date:
        if not EARLIEST_PUBLISHED <= value <= LATEST_PUBLISHED:
            raise serializers.ValidationError(
                f"Must be between {EARLIEST_PUBLISHED} and {LATEST_PUBLISHED}."
            )
        return value

    def validate_genres(self, value: list[int]) -> list[Genre]:
        ids = set(value)
        genres = list(Genre.objects.filter(pk__in=ids))
        if len(genres) != len(ids):
            unknown = sorted(ids - {genre.pk for genre in genres})
            raise serializers.ValidationError(f"No genre with id {unknown[0]}.")
        return genres

    def validate_description(self, value: str) -> str:
        # Sanitised on the way in, so stored HTML is safe wherever it is shown later.
        return sanitise_description(value)

    # The book and its genre links are written together or not at all.
    def create(self, validated_data: dict[str, Any]) -> Book:
        with transaction.atomic():
            return super().create(validated_data)

    def update(self, instance: Book, validated_data: dict[str, Any]) -> Book:
        with transaction.atomic():
            return super().update(instance, validated_data)

    def to_representation(self, instance: Book) -> dict[str, Any]:
        book = Book.objects.for_detail().get(pk=instance.pk)
        return BookDetailSerializer(book, context=self.context).data


class BookSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Book
        fields = ["id", "title", "published"]


class AuthorListSerializer(serializers.ModelSerializer):
    book_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Author
        fields = ["id", "name", "born", "book_count"]


class AuthorDetailSerializer(AuthorListSerializer):
    # The newest AUTHOR_LATEST_BOOKS, as Author.objects.for_detail() prefetches them.
    books = BookSummarySerializer(source="latest_books", many=True, read_only=True)

    class Meta(AuthorListSerializer.Meta):
        fields = [*AuthorListSerializer.Meta.fields, "bio", "books"]


class GenreListSerializer(serializers.ModelSerializer):
    book_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Genre
        fields = ["id", "name", "book_count"]
