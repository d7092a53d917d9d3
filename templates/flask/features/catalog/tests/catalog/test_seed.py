"""`flask seed-catalog`: bulk inserts, a few queries whatever the number of books; --clear is
refused in production."""

from sqlalchemy import event

from tests.catalog.conftest import db


def test_seed_adds_books_with_few_queries(app, viewer):
    statements = []
    with app.app_context():
        engine = db.engine

    def record(connection, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        result = app.test_cli_runner().invoke(
            args=["seed-catalog", "--books", "1000", "--seed", "1"]
        )
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert result.exit_code == 0, result.output
    assert "Added 1000 books, 250 authors and 30 publishers." in result.output
    assert len(statements) < 50
    assert viewer.get("/api/v1/books/").get_json()["count"] == 1000
    assert viewer.get("/api/v1/genres/").get_json()["count"] == 15


def test_seed_twice_adds_more_and_clear_starts_over(app, viewer):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["seed-catalog", "--books", "10", "--quiet"]).exit_code == 0
    assert runner.invoke(args=["seed-catalog", "--books", "10", "--quiet"]).exit_code == 0
    assert viewer.get("/api/v1/books/").get_json()["count"] == 20
    assert runner.invoke(args=["seed-catalog", "--books", "5", "--clear"]).exit_code == 0
    assert viewer.get("/api/v1/books/").get_json()["count"] == 5


def test_clear_is_refused_in_production(app, monkeypatch, make_books):
    make_books(1)
    monkeypatch.setenv("APP_ENV", "production")
    result = app.test_cli_runner().invoke(args=["seed-catalog", "--books", "1", "--clear"])
    assert result.exit_code != 0
    assert "refused with APP_ENV=production" in result.output


def test_the_number_of_books_is_bounded(app):
    result = app.test_cli_runner().invoke(args=["seed-catalog", "--books", "-1"])
    assert result.exit_code != 0
