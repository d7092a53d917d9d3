import pytest

from tests.assertions import assert_problem

pytestmark = pytest.mark.django_db


def test_health_reports_ok_after_checking_the_database_and_the_cache(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


def test_health_answers_503_problem_when_the_cache_is_unreachable(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    body = assert_problem(client.get("/health/"), 503)
    assert body["checks"] == {"database": "ok", "cache": "unavailable"}
