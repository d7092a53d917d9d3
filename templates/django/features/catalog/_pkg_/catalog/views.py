"""The catalog API. Each view takes its queryset from a QuerySet method in models.py."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import mixins, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.views import APIView

from ..accounts.permissions import RolePermission
from .explain import EXPLAINED_QUERYSETS, explain
from .filters import BookFilter, BoundedSearchFilter, StableOrderingFilter
from .models import Author, Book, Genre
from .permissions import IsAdminRole
from .serializers import (
    AuthorDetailSerializer,
    AuthorListSerializer,
    BookDetailSerializer,
    BookListSerializer,
    BookWriteSerializer,
    GenreListSerializer,
)


class BookViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Viewers read, editors create and change (POST, PATCH), admins delete."""

    permission_classes = [RolePermission]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    filter_backends = [DjangoFilterBackend, BoundedSearchFilter, StableOrderingFilter]
    filterset_class = BookFilter
    search_fields = ["title", "author__name"]
    ordering_fields = ["title", "published", "price"]

    def get_queryset(self) -> QuerySet[Book]:
        if self.action == "list":
            return Book.objects.for_list()
        return Book.objects.for_detail()

    def get_serializer_class(self) -> type[BaseSerializer]:
        if self.action == "list":
            return BookListSerializer
        if self.action in {"create", "partial_update"}:
            return BookWriteSerializer
        return BookDetailSerializer


class AuthorViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [RolePermission]
    filter_backends = [BoundedSearchFilter, StableOrderingFilter]
    search_fields = ["name"]
    ordering_fields = ["name", "book_count"]

    def get_queryset(self) -> QuerySet[Author]:
        if self.action == "list":
            return Author.objects.for_list()
        return Author.objects.for_detail()

    def get_serializer_class(self) -> type[BaseSerializer]:
        return AuthorListSerializer if self.action == "list" else AuthorDetailSerializer


class GenreViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [RolePermission]
    queryset = Genre.objects.for_list()
    serializer_class = GenreListSerializer
    filter_backends = [StableOrderingFilter]
    ordering_fields = ["name", "book_count"]


class ExplainView(APIView):
    """`GET /api/v1/catalog/explain/<name>/`: the database's plan for one catalog queryset.

    Admins only, and only where CATALOG_EXPLAIN_ENDPOINT is on (it is off unless a settings
    module turns it on). Elsewhere the URL answers 404, as if it did not exist.
    """

    permission_classes = [IsAdminRole]

    def initial(self, request: Request, *args: object, **kwargs: object) -> None:
        if not settings.CATALOG_EXPLAIN_ENDPOINT:
            raise Http404
        super().initial(request, *args, **kwargs)

    def get(self, request: Request, name: str) -> Response:
        if name not in EXPLAINED_QUERYSETS:
            raise Http404
        return Response(explain(name))
