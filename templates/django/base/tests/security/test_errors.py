"""VAL-5 and CFG-2: every error is application/problem+json and shows nothing internal."""

import pytest

from tests.assertions import assert_problem

pytestmark = [
    pytest.mark.urls("tests.security.probe_urls"),
    pytest.mark.usefixtures("production_settings"),
]


def test_malformed_json_gets_400_problem(https_client):
    response = https_client.post("/probe/api/echo/", "{not json", content_type="application/json")
    assert_problem(response, 400)


def test_unauthenticated_request_gets_401_problem_with_a_challenge(https_client):
    response = https_client.get("/probe/api/basic-auth/")
    assert_problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Basic")


def test_api_view_without_a_rule_refuses_anonymous_users_with_a_problem(https_client):
    response = https_client.get("/probe/api/closed/")
    assert response.status_code in (401, 403)
    body = assert_problem(response, response.status_code)
    assert "for authenticated users only" not in str(body)


def test_unknown_path_gets_404_problem(https_client):
    body = assert_problem(https_client.get("/no-such-page/"), 404)
    assert body["instance"] == "/no-such-page/"


def test_missing_api_object_gets_404_problem(https_client):
    assert_problem(https_client.get("/probe/api/missing/"), 404)


def test_wrong_method_outside_the_api_gets_405_problem(https_client):
    response = https_client.post("/health/")
    assert_problem(response, 405)
    assert response["Allow"] == "GET, HEAD"


def test_wrong_method_on_an_api_view_gets_405_problem(https_client):
    assert_problem(https_client.delete("/probe/api/echo/"), 405)


def test_unsupported_media_type_gets_415_problem(https_client):
    response = https_client.post("/probe/api/echo/", "a=1", content_type="text/plain")
    assert_problem(response, 415)


def test_throttled_request_gets_429_problem_with_retry_after(https_client):
    response = https_client.get("/probe/api/limited/")
    assert_problem(response, 429)
    assert response["Retry-After"] == "30"


@pytest.mark.parametrize("path", ["/probe/crash/", "/probe/api/crash/"])
def test_server_error_gets_500_problem_without_internals(https_client, path):
    response = https_client.get(path)
    assert_problem(response, 500)
    assert b"internal detail" not in response.content
    assert b"RuntimeError" not in response.content


def test_deleting_a_row_others_still_refer_to_gets_409_problem(https_client):
    response = https_client.delete("/probe/api/still-referenced/")
    body = assert_problem(response, 409)
    assert body["detail"] == "Other records still refer to this one: delete or change them first."
    assert b"internal detail" not in response.content


def test_an_unreachable_database_gets_503_problem_with_retry_after(https_client):
    response = https_client.get("/probe/api/database-down/")
    assert_problem(response, 503)
    assert int(response["Retry-After"]) > 0
    assert b"internal detail" not in response.content
