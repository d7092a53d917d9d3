from tests.apps import config_with, make_app
from tests.assertions import assert_problem


def test_health_reports_ok_after_checking_the_database_and_the_cache(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


def test_health_answers_head_requests(client):
    assert client.head("/health/").status_code == 200


def test_health_answers_503_problem_when_the_cache_is_unreachable():
    app = make_app(config_with(REDIS_URL="redis://127.0.0.1:1/0"))
    body = assert_problem(app.test_client().get("/health/"), 503)
    assert body["checks"] == {"database": "ok", "cache": "unavailable"}


def test_health_answers_503_problem_when_the_database_is_unreachable(tmp_path):
    unreachable = f"sqlite:///{tmp_path / 'no-such-folder' / 'db.sqlite3'}"
    app = make_app(config_with(SQLALCHEMY_DATABASE_URI=unreachable), create_tables=False)
    body = assert_problem(app.test_client().get("/health/"), 503)
    assert body["checks"] == {"database": "unavailable", "cache": "ok"}
