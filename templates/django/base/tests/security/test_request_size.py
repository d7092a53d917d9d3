"""CFG-6: request bodies are bounded; a larger one gets 413 and the server goes on."""

import json

import pytest

from tests.assertions import assert_problem

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("tests.security.probe_urls"),
    pytest.mark.usefixtures("production_settings"),
]


@pytest.fixture
def oversized_body(settings) -> bytes:
    return b"[" + b" " * settings.DATA_UPLOAD_MAX_MEMORY_SIZE + b"]"


def test_oversized_body_to_an_api_view_gets_413_problem(https_client, oversized_body):
    response = https_client.post(
        "/probe/api/echo/", oversized_body, content_type="application/json"
    )
    assert_problem(response, 413)


def test_oversized_body_outside_the_api_gets_413_problem(https_client, oversized_body):
    response = https_client.post("/health/", oversized_body, content_type="application/json")
    assert_problem(response, 413)


def test_server_keeps_serving_after_an_oversized_body(https_client, oversized_body):
    https_client.post("/probe/api/echo/", oversized_body, content_type="application/json")
    assert https_client.get("/health/").status_code == 200


def test_body_within_the_limit_is_accepted(https_client):
    response = https_client.post(
        "/probe/api/echo/", json.dumps({"name": "ok"}), content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json() == {"name": "ok"}
