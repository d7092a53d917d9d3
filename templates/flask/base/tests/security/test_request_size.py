"""CFG-6: request bodies are bounded; a larger one gets 413 and the server goes on. VAL: no
NUL character, which PostgreSQL refuses in any text, gets past the URL or a JSON body."""

import json

import pytest

from tests.assertions import assert_problem


@pytest.fixture
def oversized_body(production_app) -> bytes:
    return b"[" + b" " * production_app.config["MAX_CONTENT_LENGTH"] + b"]"


def test_oversized_body_to_a_json_view_gets_413_problem(https_client, oversized_body):
    response = https_client.post(
        "/probe/echo/", data=oversized_body, content_type="application/json"
    )
    assert_problem(response, 413)


def test_oversized_body_to_a_view_reading_none_gets_413_problem(https_client, oversized_body):
    response = https_client.post("/health/", data=oversized_body, content_type="application/json")
    assert_problem(response, 413)


def test_server_keeps_serving_after_an_oversized_body(https_client, oversized_body):
    https_client.post("/probe/echo/", data=oversized_body, content_type="application/json")
    assert https_client.get("/health/").status_code == 200


def test_body_within_the_limit_is_accepted(https_client):
    response = https_client.post(
        "/probe/echo/", data=json.dumps({"name": "ok"}), content_type="application/json"
    )
    assert response.status_code == 200
    assert response.get_json() == {"name": "ok"}


def test_limit_is_two_mebibytes(production_app):
    assert production_app.config["MAX_CONTENT_LENGTH"] == 2 * 1024 * 1024


def test_a_nul_character_in_the_query_string_is_a_400_problem(https_client):
    response = https_client.get("/probe/public/?search=a%00b")
    body = assert_problem(response, 400)
    assert body["detail"] == "NUL characters are not accepted in URLs."


def test_a_nul_character_in_a_json_body_is_a_400_problem(https_client):
    response = https_client.post(
        "/probe/echo/", data='{"title": "a\\u0000b"}', content_type="application/json"
    )
    assert_problem(response, 400)
    assert b"a\x00b" not in response.data
