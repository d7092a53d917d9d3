"""POST /api/v1/auth/login/. AUTH-3: an unknown user and a wrong password get the same answer
in comparable time; LOG-1/LOG-2: logins are security events that never log a secret."""

import pytest

from tests.assertions import assert_problem
from tests.auth.helpers import LOGIN_URL, ME_URL, CountingHasher, session_id, with_csrf

pytestmark = pytest.mark.django_db


def test_valid_credentials_sign_in_with_a_session_cookie(login, editor, api):
    response = login(editor.username)
    assert response.status_code == 200
    body = response.json()
    assert body == {
        "id": editor.pk,
        "username": "edith",
        "roles": ["editor"],
        "csrf_token": body["csrf_token"],
    }
    assert body["csrf_token"]
    assert session_id(api)


def test_the_session_cookie_opens_the_api(signed_in, editor):
    response = signed_in.get(ME_URL)
    assert response.status_code == 200
    assert response.json() == {"id": editor.pk, "username": "edith", "roles": ["editor"]}


def test_a_request_without_a_session_gets_401_with_a_challenge(api):
    response = api.get(ME_URL)
    assert_problem(response, 401)
    assert response["WWW-Authenticate"] == 'Session realm="api"'


def test_a_wrong_password_gets_401_problem_with_a_challenge(login, editor, api):
    response = login(editor.username, "not-the-password")
    assert_problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Session")
    assert session_id(api) is None


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
    assert_problem(api.post(LOGIN_URL, body, format="json"), 400)


@pytest.mark.parametrize(("username", "secret"), [("u" * 151, "password"), ("edith", "p" * 4097)])
def test_overlong_credentials_get_400_problem_before_any_check(login, editor, username, secret):
    assert_problem(login(username, secret), 400)


def test_a_form_post_to_login_is_refused(api, editor, password):
    """A cross-site HTML form cannot send JSON: login CSRF by form is refused (415)."""
    body = {"username": editor.username, "password": password}
    response = api.post(LOGIN_URL, body, format="multipart")
    assert_problem(response, 415)
    assert session_id(api) is None


def test_a_failed_login_is_a_security_event_with_user_ip_path_and_outcome(
    login, editor, security_events
):
    login(editor.username, "not-the-password", REMOTE_ADDR="203.0.113.9")
    (event,) = [e for e in security_events() if e.event == "login_failed"]
    assert event.username == "edith"
    assert event.ip == "203.0.113.9"
    assert event.path == LOGIN_URL
    assert event.outcome == "refused"


def test_a_successful_login_is_a_security_event(login, editor, security_events):
    login(editor.username)
    (event,) = [e for e in security_events() if e.event == "login_succeeded"]
    assert event.user_id == editor.pk
    assert event.outcome == "granted"


def test_a_successful_login_updates_last_login(login, editor):
    assert editor.last_login is None
    login(editor.username)
    editor.refresh_from_db()
    assert editor.last_login is not None


def test_no_password_session_id_or_csrf_token_reaches_any_log_line(
    api, login, editor, password, caplog
):
    login(editor.username, "wrong-" + password)
    response = login(editor.username)
    csrf, session = response.json()["csrf_token"], session_id(api)
    api.get(ME_URL)
    api.post("/api/v1/auth/logout/")  # refused: no CSRF token
    api.csrf = csrf
    api.post("/api/v1/auth/logout/", **with_csrf(api))
    logged = " ".join(f"{record.getMessage()} {record.__dict__}" for record in caplog.records)
    assert caplog.records
    for secret in (password, csrf, session):
        assert secret not in logged
