"""The query plans: `flask explain-queries` for every catalog query, and the admin-only
endpoint, which answers 404 unless CATALOG_EXPLAIN_ENDPOINT turns it on (never in production
by default)."""

from tests.assertions import assert_problem

NAMES = ["books-list", "books-detail", "authors-list", "authors-detail", "genres-list"]


def test_explain_queries_prints_the_sql_and_plan_of_every_query(app, make_books):
    make_books(3)
    result = app.test_cli_runner().invoke(args=["explain-queries"])
    assert result.exit_code == 0, result.output
    for name in NAMES:
        assert f"== {name} (sqlite)" in result.output
    # The list reads the (published DESC, id) index in order: no sort of the whole table.
    assert "USING INDEX ix_catalog_book_published_desc_id" in result.output
    assert "USE TEMP B-TREE FOR ORDER BY" not in result.output.split("== books-detail")[0]


def test_explain_queries_takes_names_and_refuses_unknown_ones(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["explain-queries", "genres-list"])
    assert result.exit_code == 0
    assert "== genres-list" in result.output
    assert "== books-list" not in result.output
    refused = runner.invoke(args=["explain-queries", "users"])
    assert refused.exit_code != 0
    assert "Unknown query 'users'" in refused.output


def test_analyze_is_refused_on_sqlite(app):
    result = app.test_cli_runner().invoke(args=["explain-queries", "--analyze"])
    assert result.exit_code != 0
    assert "--analyze needs PostgreSQL" in result.output


def test_the_endpoint_is_off_by_default(admin):
    assert_problem(admin.get("/api/v1/catalog/explain/books-list/"), 404)


def test_the_endpoint_is_off_in_production(production_app):
    assert production_app.config["CATALOG_EXPLAIN_ENDPOINT"] is False


def test_when_on_admins_get_plans_and_other_roles_403(app, client_as, monkeypatch):
    monkeypatch.setitem(app.config, "CATALOG_EXPLAIN_ENDPOINT", True)
    response = client_as("admin").get("/api/v1/catalog/explain/books-list/")
    assert response.status_code == 200
    body = response.get_json()
    assert body["name"] == "books-list"
    assert body["database"] == "sqlite"
    assert "catalog_book" in body["sql"]
    assert "ix_catalog_book_published_desc_id" in body["plan"]
    for role in ("viewer", "editor"):
        assert_problem(client_as(role).get("/api/v1/catalog/explain/books-list/"), 403)
    assert_problem(client_as("admin").get("/api/v1/catalog/explain/users/"), 404)
