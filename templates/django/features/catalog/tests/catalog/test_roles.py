"""RBAC-2 on the catalog: viewers read, editors create and change books, admins delete them;
the wrong role gets a 403 problem. Authors and genres are read-only lists."""

import pytest
from rest_framework.test import APIClient

from tests.assertions import assert_problem

ROLES = ["viewer", "editor", "admin"]


@pytest.fixture
def book(make_books):
    return make_books(1)[0]


def book_body(book) -> dict:
    return {
        "title": "A New Book",
        "description": "<p>New.</p>",
        "published": "2024-01-01",
        "price": "9.99",
        "author": book.author_id,
        "publisher": book.publisher_id,
        "genres": [],
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", ["/api/v1/books/", "/api/v1/authors/", "/api/v1/genres/"])
def test_every_role_reads_the_lists(api_client_as, book, role, path):
    response = api_client_as(role).get(path)
    assert response.status_code == 200
    assert response.json()["count"] >= 1


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_one_book_author_and_genre(api_client_as, book, role):
    client = api_client_as(role)
    assert client.get(f"/api/v1/books/{book.pk}/").status_code == 200
    assert client.get(f"/api/v1/authors/{book.author_id}/").status_code == 200
    assert client.get(f"/api/v1/genres/{book.genres.first().pk}/").status_code == 200


def test_viewer_cannot_create_a_book(viewer, book):
    assert_problem(viewer.post("/api/v1/books/", book_body(book), format="json"), 403)


def test_viewer_cannot_update_a_book(viewer, book):
    response = viewer.patch(f"/api/v1/books/{book.pk}/", {"title": "Mine"}, format="json")
    assert_problem(response, 403)
    book.refresh_from_db()
    assert book.title != "Mine"


def test_viewer_cannot_delete_a_book(viewer, book):
    assert_problem(viewer.delete(f"/api/v1/books/{book.pk}/"), 403)


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_editor_and_admin_create_and_update_books(api_client_as, book, role):
    client = api_client_as(role)
    created = client.post("/api/v1/books/", book_body(book), format="json")
    assert created.status_code == 201
    path = f"/api/v1/books/{created.json()['id']}/"
    updated = client.patch(path, {"title": "A Better Title"}, format="json")
    assert updated.status_code == 200
    assert updated.json()["title"] == "A Better Title"


def test_editor_cannot_delete_a_book(editor, book):
    assert_problem(editor.delete(f"/api/v1/books/{book.pk}/"), 403)
    assert editor.get(f"/api/v1/books/{book.pk}/").status_code == 200


def test_admin_deletes_a_book(admin, book):
    response = admin.delete(f"/api/v1/books/{book.pk}/")
    assert response.status_code == 204
    assert_problem(admin.get(f"/api/v1/books/{book.pk}/"), 404)


def test_put_is_not_offered_even_to_an_admin(admin, book):
    assert_problem(admin.put(f"/api/v1/books/{book.pk}/", book_body(book), format="json"), 405)


@pytest.mark.parametrize("path", ["/api/v1/authors/", "/api/v1/genres/"])
def test_authors_and_genres_are_read_only(api_client_as, path):
    assert_problem(api_client_as("viewer").post(path, {"name": "x"}, format="json"), 403)
    assert_problem(api_client_as("admin").post(path, {"name": "x"}, format="json"), 405)


def test_a_user_without_a_role_cannot_read_the_catalog(django_user_model, book):
    client = APIClient()
    client.force_authenticate(django_user_model.objects.create_user("no-role"))
    assert_problem(client.get("/api/v1/books/"), 403)


@pytest.mark.parametrize("path", ["/api/v1/books/", "/api/v1/authors/", "/api/v1/genres/"])
def test_anonymous_requests_are_refused(db, path):
    response = APIClient().get(path)
    assert response.status_code in (401, 403)
    assert_problem(response, response.status_code)
