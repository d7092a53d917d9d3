"""Filtering, search and ordering of the catalog: allow-lists, and the ORM only.

A query parameter that is not declared here is ignored. A declared one with a value of the
wrong type (`?published_after=yesterday`) is a 400 problem, never a 500.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from rest_framework.filters import OrderingFilter, SearchFilter
from rest_framework.request import Request

from .models import Book
from .serializers import MAX_ID


class IdFilter(django_filters.NumberFilter):
    """A whole number in the range of a primary key: `?author=1.5` or `?author=-1` is a 400."""

    field_class = forms.IntegerField

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)


class BookFilter(django_filters.FilterSet):
    """`?author=1&publisher=2&genre=3&published_after=2020-01-01&price_max=20`."""

    author = IdFilter(field_name="author_id")
    publisher = IdFilter(field_name="publisher_id")
    # Books that have this genre. One genre, so the JOIN cannot repeat a book.
    genre = IdFilter(field_name="genres__id")
    published_after = django_filters.DateFilter(field_name="published", lookup_expr="gte")
    published_before = django_filters.DateFilter(field_name="published", lookup_expr="lte")
    # Bounded like Book.price, so `?price_min=1e999` is a 400, not an overflow.
    price_min = django_filters.NumberFilter(
        field_name="price", lookup_expr="gte", max_digits=8, decimal_places=2
    )
    price_max = django_filters.NumberFilter(
        field_name="price", lookup_expr="lte", max_digits=8, decimal_places=2
    )

    class Meta:
        model = Book
        fields: list[str] = []


class BoundedSearchFilter(SearchFilter):
    """`?search=words`: case-insensitive `icontains` on the view's `search_fields`, through
    the ORM (parameters, never SQL text). The terms are capped, so one request cannot build
    an arbitrarily large WHERE clause."""

    max_terms = 5
    max_term_length = 100

    def get_search_terms(self, request: Request) -> list[str]:
        terms = super().get_search_terms(request)
        return [term[: self.max_term_length] for term in terms[: self.max_terms]]


class StableOrderingFilter(OrderingFilter):
    """`?ordering=price,-published`: only the view's `ordering_fields`, others ignored.

    `id` is added last, so that books with the same price or date keep one order and
    pagination never shows a book twice or skips one.
    """

    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        ordering = self.get_ordering(request, queryset, view)
        if not ordering:
            return queryset
        return queryset.order_by(*ordering, "id")
