"""POST /api/v1/auth/token/. AUTH-3: an unknown user and a wrong password get the same answer
in comparable time; LOG-1/LOG-2: logins are security events that never log a secret."""

import pytest

from tests.assertions import assert_problem
from tests.auth.helpers import ME_URL, REFRESH_URL, CountingHasher, bearer, claims_of

pytestmark = pytest.mark.django_db


def test_valid_credentials_get_an_access_and_a_refresh_token(login, editor):
    response = login(editor.username)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access", "refresh"}
    assert {kind: claims_of(body[kind])["token_type"] for kind in body} == {
        "access": "access",
        "refresh": "refresh",
    }


def test_the_access_token_opens_the_api(api, tokens, editor):
    response = api.get(ME_URL, **bearer(tokens["access"]))
    assert response.status_code == 200
    assert response.json() == {"id": editor.pk, "username": "edith", "roles": ["editor"]}


def test_a_wrong_password_gets_401_problem_with_a_bearer_challenge(login, editor):
    response = login(editor.username, "not-the-password")
    assert_problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_an_unknown_user_and_a_wrong_password_get_the_same_answer(login, editor):
    unknown = login("nobody-by-this-name", "not-the-password")
    wrong = login(editor.username, "not-the-password")
    assert unknown.status_code == wrong.status_code == 401
    assert unknown.json() == wrong.json()
    assert unknown["WWW-Authenticate"] == wrong["WWW-Authenticate"]


def test_an_inactive_account_gets_the_same_answer_as_a_wrong_password(
    login, user_with_role, password
):
    user_with_role("viewer", username="gone", password=password, is_active=False)
    inactive = login("gone")
    wrong = login("gone", "not-the-password")
    assert inactive.status_code == 401
    assert inactive.json() == wrong.json()


def test_the_password_is_hashed_for_an_unknown_user_too(login, user_with_role, password, settings):
    settings.PASSWORD_HASHERS = ["tests.auth.helpers.CountingHasher"]
    user_with_role("viewer", username="known", password=password)
    CountingHasher.calls = 0
    login("known", "not-the-password")
    for_a_wrong_password, CountingHasher.calls = CountingHasher.calls, 0
    login("unknown", "not-the-password")
    assert for_a_wrong_password == CountingHasher.calls == 1


@pytest.mark.parametrize("body", [{}, {"username": "edith"}, {"password": "x"}])
def test_missing_credentials_get_400_problem(api, body):
    assert_problem(api.post("/api/v1/auth/token/", body, format="json"), 400)


@pytest.mark.parametrize(("username", "secret"), [("u" * 151, "password"), ("edith", "p" * 4097)])
def test_overlong_credentials_get_400_problem_before_any_check(login, editor, username, secret):
    assert_problem(login(username, secret), 400)


def test_an_authorization_header_does_not_matter_to_the_token_endpoint(login, editor):
    assert login(editor.username, HTTP_AUTHORIZATION="Bearer garbage").status_code == 200


def test_a_failed_login_is_a_security_event_with_user_ip_path_and_outcome(
    login, editor, security_events
):
    login(editor.username, "not-the-password", REMOTE_ADDR="203.0.113.9")
    (event,) = [e for e in security_events() if e.event == "login_failed"]
    assert event.username == "edith"
    assert event.ip == "203.0.113.9"
    assert event.path == "/api/v1/auth/token/"
    assert event.outcome == "refused"


def test_a_successful_login_is_a_security_event(login, editor, security_events):
    login(editor.username)
    (event,) = [e for e in security_events() if e.event == "login_succeeded"]
    assert event.user_id == editor.pk
    assert event.outcome == "granted"


def test_no_password_or_token_reaches_any_log_line(api, login, editor, password, caplog):
    login(editor.username, "wrong-" + password)
    tokens = login(editor.username).json()
    api.post(REFRESH_URL, {"refresh": tokens["refresh"]}, format="json")
    api.post(REFRESH_URL, {"refresh": tokens["refresh"]}, format="json")  # a reuse
    api.get(ME_URL, **bearer(tokens["access"] + "tampered"))
    logged = " ".join(f"{record.getMessage()} {record.__dict__}" for record in caplog.records)
    assert caplog.records
    for secret in (password, tokens["access"], tokens["refresh"]):
        assert secret not in logged
    for signature in (tokens["access"].rsplit(".", 1)[1], tokens["refresh"].rsplit(".", 1)[1]):
        assert signature not in logged
