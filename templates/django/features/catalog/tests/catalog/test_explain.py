"""`manage.py explain_queries` and the explain endpoint: plans for admins, where turned on."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.assertions import assert_problem

EXPLAINED = ["books-list", "books-detail", "authors-list", "authors-detail", "genres-list"]


def explain_queries(*args: str) -> str:
    out = StringIO()
    call_command("explain_queries", *args, stdout=out, no_color=True)
    return out.getvalue()


@pytest.mark.django_db
def test_the_command_prints_the_sql_and_plan_of_every_catalog_queryset():
    output = explain_queries()
    for name in EXPLAINED:
        assert f"== {name} ({connection.vendor})" in output
    # SQLite names the index the book list is ordered by: no sort of the whole table.
    assert "catalog_book" in output
    assert output.count("-- plan") == len(EXPLAINED)


@pytest.mark.django_db
def test_the_command_explains_only_the_querysets_named():
    output = explain_queries("books-list")
    assert "== books-list" in output
    assert "== authors-list" not in output


@pytest.mark.django_db
def test_the_command_refuses_an_unknown_name():
    with pytest.raises(CommandError, match="Unknown queryset 'users'"):
        explain_queries("users")


@pytest.mark.django_db
def test_analyze_runs_the_query_on_postgresql_and_is_refused_elsewhere():
    if connection.vendor == "postgresql":
        assert "actual time=" in explain_queries("books-list", "--analyze")
    else:
        with pytest.raises(CommandError, match="needs PostgreSQL"):
            explain_queries("--analyze")


@pytest.mark.django_db
def test_lists_are_explained_as_their_first_page_is_queried():
    assert "LIMIT 20" in explain_queries("books-list")


def test_the_endpoint_is_off_by_default(settings, admin):
    assert settings.CATALOG_EXPLAIN_ENDPOINT is False
    assert_problem(admin.get("/api/v1/catalog/explain/books-list/"), 404)


def test_the_endpoint_is_off_in_production(production_settings, admin):
    assert production_settings.CATALOG_EXPLAIN_ENDPOINT is False
    response = admin.get("/api/v1/catalog/explain/books-list/", secure=True)
    assert_problem(response, 404)


def test_when_turned_on_an_admin_gets_the_plan(settings, admin):
    settings.CATALOG_EXPLAIN_ENDPOINT = True
    response = admin.get("/api/v1/catalog/explain/books-list/")
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "books-list"
    assert body["database"] == connection.vendor
    assert "catalog_book" in body["sql"]
    assert body["plan"]


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_when_turned_on_other_roles_are_refused(settings, api_client_as, role):
    settings.CATALOG_EXPLAIN_ENDPOINT = True
    assert_problem(api_client_as(role).get("/api/v1/catalog/explain/books-list/"), 403)


def test_when_turned_on_anonymous_requests_are_refused(settings, client):
    settings.CATALOG_EXPLAIN_ENDPOINT = True
    response = client.get("/api/v1/catalog/explain/books-list/")
    assert response.status_code in (401, 403)


def test_when_turned_on_an_unknown_name_is_a_404(settings, admin):
    settings.CATALOG_EXPLAIN_ENDPOINT = True
    assert_problem(admin.get("/api/v1/catalog/explain/auth-user/"), 404)
