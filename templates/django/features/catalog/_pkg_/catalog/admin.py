"""Admin pages for the catalog, used once `django.contrib.admin` is installed.

The change lists use the same care as the API: `list_select_related` joins the author and
publisher instead of one query per row, and the book list leaves the description out.
"""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from .models import Author, Book, Genre, Publisher


@admin.register(Book)
class BookAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "publisher", "published", "price"]
    list_filter = ["genres", "published"]
    list_select_related = ["author", "publisher"]
    search_fields = ["title", "author__name"]
    date_hierarchy = "published"
    raw_id_fields = ["author", "publisher"]
    filter_horizontal = ["genres"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Book]:
        return super().get_queryset(request).defer("description")


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "born", "book_count"]
    search_fields = ["name"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Author]:
        return super().get_queryset(request).with_book_count()

    @admin.display(ordering="book_count")
    def book_count(self, author: Author) -> int:
        return author.book_count


@admin.register(Publisher)
class PublisherAdmin(admin.ModelAdmin):
    list_display = ["name", "country"]
    search_fields = ["name"]


@admin.register(Genre)
class GenreAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
