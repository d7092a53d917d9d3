"""VAL-5 and CFG-2: every error is application/problem+json and shows nothing internal."""

import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from werkzeug.exceptions import default_exceptions

from tests.apps import as_user
from tests.assertions import assert_problem

ERROR_STATUSES = sorted(code for code in default_exceptions if code >= 400)


def test_malformed_json_gets_400_problem(https_client):
    response = https_client.post("/probe/echo/", data="{not json", content_type="application/json")
    assert_problem(response, 400)


def test_unauthenticated_request_gets_401_problem_with_a_challenge(https_client):
    response = https_client.get("/probe/basic-auth/")
    assert_problem(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Basic")


def test_unknown_path_gets_404_problem(https_client):
    body = assert_problem(https_client.get("/no-such-page/"), 404)
    assert body["instance"] == "/no-such-page/"


def test_a_reason_given_to_abort_is_the_detail(https_client):
    body = assert_problem(https_client.get("/probe/missing/"), 404)
    assert body["detail"] == "No book 42."


def test_wrong_method_gets_405_problem_naming_the_allowed_ones(https_client):
    response = https_client.post("/health/")
    assert_problem(response, 405)
    allowed = {method.strip() for method in response.headers["Allow"].split(",")}
    assert {"GET", "HEAD"} <= allowed
    assert "POST" not in allowed


def test_wrong_method_on_a_json_view_gets_405_problem(https_client):
    assert_problem(https_client.delete("/probe/echo/"), 405)


def test_unsupported_media_type_gets_415_problem(https_client):
    response = https_client.post("/probe/echo/", data="a=1", content_type="text/plain")
    assert_problem(response, 415)


def test_throttled_request_gets_429_problem_with_retry_after(https_client):
    response = https_client.get("/probe/limited/")
    assert_problem(response, 429)
    assert response.headers["Retry-After"] == "30"


def test_server_error_gets_500_problem_without_internals(https_client):
    response = https_client.get("/probe/crash/")
    body = assert_problem(response, 500)
    assert body["detail"] == "The server could not complete the request."
    assert b"internal detail" not in response.data
    assert b"RuntimeError" not in response.data


def test_a_conflict_with_stored_data_gets_409_problem(https_client):
    response = https_client.delete("/probe/integrity/referenced/")
    assert_problem(response, 409)
    assert b"internal detail" not in response.data


def test_any_other_integrity_error_is_a_500_problem(https_client):
    response = https_client.delete("/probe/integrity/null/")
    assert_problem(response, 500)
    assert b"internal detail" not in response.data


def test_an_unreachable_database_gets_503_problem_with_retry_after(https_client):
    response = https_client.get("/probe/database-down/")
    assert_problem(response, 503)
    assert int(response.headers["Retry-After"]) > 0
    assert b"internal detail" not in response.data


def test_a_connection_dropped_after_the_last_query_does_not_undo_the_answer(
    client, user_with_role, monkeypatch
):
    user = user_with_role("viewer")

    def dropped(session: Session) -> None:
        reason = ConnectionError("server closed the connection unexpectedly")
        raise OperationalError("ROLLBACK", {}, reason, connection_invalidated=True)

    monkeypatch.setattr(Session, "close", dropped)
    assert client.get("/api/v1/auth/me/", environ_base=as_user(user)).status_code == 200


@pytest.mark.parametrize("status", ERROR_STATUSES)
def test_every_werkzeug_error_status_is_a_problem(https_client, status):
    body = assert_problem(https_client.get(f"/probe/status/{status}/"), status)
    assert body["type"] == "about:blank"
    assert body["instance"] == f"/probe/status/{status}/"


def test_errors_are_problems_in_the_test_configuration_too(client):
    assert_problem(client.get("/no-such-page/"), 404)
