"""RBAC-2 on the catalog: viewers read, editors create and change books, admins delete them;
the wrong role gets a 403 problem, anonymous requests a 401. Authors and genres are
read-only."""

import pytest

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
def test_every_role_reads_the_lists(client_as, book, role, path):
    response = client_as(role).get(path)
    assert response.status_code == 200
    assert response.get_json()["count"] >= 1


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_one_book_author_and_genre(client_as, book, role):
    client = client_as(role)
    assert client.get(f"/api/v1/books/{book.id}/").status_code == 200
    assert client.get(f"/api/v1/authors/{book.author_id}/").status_code == 200
    assert client.get(f"/api/v1/genres/{book.genre_ids[0]}/").status_code == 200


def test_viewer_cannot_create_a_book(viewer, book):
    assert_problem(viewer.post("/api/v1/books/", json=book_body(book)), 403)
    assert viewer.get("/api/v1/books/").get_json()["count"] == 1


def test_viewer_cannot_update_a_book(viewer, book):
    assert_problem(viewer.patch(f"/api/v1/books/{book.id}/", json={"title": "Mine"}), 403)
    assert viewer.get(f"/api/v1/books/{book.id}/").get_json()["title"] == "Book 0"


def test_viewer_cannot_delete_a_book(viewer, book):
    assert_problem(viewer.delete(f"/api/v1/books/{book.id}/"), 403)


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_editor_and_admin_create_and_update_books(client_as, book, role):
    client = client_as(role)
    created = client.post("/api/v1/books/", json=book_body(book))
    assert created.status_code == 201
    path = f"/api/v1/books/{created.get_json()['id']}/"
    updated = client.patch(path, json={"title": "A Better Title"})
    assert updated.status_code == 200
    assert updated.get_json()["title"] == "A Better Title"


def test_editor_cannot_delete_a_book(editor, book):
    assert_problem(editor.delete(f"/api/v1/books/{book.id}/"), 403)
    assert editor.get(f"/api/v1/books/{book.id}/").status_code == 200


def test_admin_deletes_a_book(admin, book):
    response = admin.delete(f"/api/v1/books/{book.id}/")
    assert response.status_code == 204
    assert response.get_data() == b""
    assert_problem(admin.get(f"/api/v1/books/{book.id}/"), 404)


def test_put_is_not_offered_even_to_an_admin(admin, book):
    assert_problem(admin.put(f"/api/v1/books/{book.id}/", json=book_body(book)), 405)


@pytest.mark.parametrize("path", ["/api/v1/authors/", "/api/v1/genres/"])
def test_authors_and_genres_are_read_only(client_as, path):
    assert_problem(client_as("admin").post(path, json={"name": "x"}), 405)


def test_a_user_without_a_role_cannot_read_the_catalog(client_as, book):
    assert_problem(client_as(None).get("/api/v1/books/"), 403)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1/books/"),
        ("GET", "/api/v1/books/1/"),
        ("POST", "/api/v1/books/"),
        ("PATCH", "/api/v1/books/1/"),
        ("DELETE", "/api/v1/books/1/"),
        ("GET", "/api/v1/authors/"),
        ("GET", "/api/v1/authors/1/"),
        ("GET", "/api/v1/genres/"),
        ("GET", "/api/v1/genres/1/"),
    ],
)
def test_anonymous_requests_are_refused_with_401(client, book, method, path):
    assert_problem(client.open(path, method=method, json={}), 401)
