"""`/api/v1/books/`, `/api/v1/authors/`, `/api/v1/genres/` and the explain endpoint."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("books", views.BookViewSet, basename="book")
router.register("authors", views.AuthorViewSet, basename="author")
router.register("genres", views.GenreViewSet, basename="genre")

urlpatterns = [
    *router.urls,
    path("catalog/explain/<slug:name>/", views.ExplainView.as_view(), name="catalog-explain"),
]
