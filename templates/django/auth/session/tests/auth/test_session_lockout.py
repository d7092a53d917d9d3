"""RATE-2 through the login endpoint (with the lockout feature): repeated failures lock the
username for this client, 429 problem+json with Retry-After, logged; an admin can lift it."""

import pytest
from django.core.management import call_command

from tests.assertions import assert_problem

pytest.importorskip("axes", reason="the lockout feature is not installed")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def generous_rate_limits(settings):
    """Lockout alone is under test: the rate limits (if any) stay out of the way."""
    settings.RATE_LIMITS = dict.fromkeys(
        ("anon", "user", "login_ip", "login_username"), "1000/minute"
    )


def fail_until_locked(login, username: str, settings) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        assert login(username, "not-the-password").status_code == 401


def test_repeated_failures_lock_the_account_with_429_problem_and_retry_after(
    login, editor, settings
):
    fail_until_locked(login, editor.username, settings)
    response = login(editor.username)  # even the right password
    body = assert_problem(response, 429)
    assert int(response["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    assert "csrf_token" not in body


def test_a_forged_x_forwarded_for_does_not_lift_the_lockout(login, editor, settings):
    fail_until_locked(login, editor.username, settings)
    assert_problem(login(editor.username, HTTP_X_FORWARDED_FOR="198.51.100.1"), 429)


def test_the_lockout_is_logged_once_and_each_refusal_too(login, editor, settings, security_events):
    fail_until_locked(login, editor.username, settings)
    login(editor.username)
    events = [e.event for e in security_events()]
    assert events.count("lockout") == 1
    assert events.count("login_locked_out") == 1


def test_an_admin_can_lift_the_lockout(login, editor, settings):
    fail_until_locked(login, editor.username, settings)
    call_command("axes_reset_username", editor.username)
    assert login(editor.username).status_code == 200


def test_a_successful_login_clears_the_earlier_failures(login, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(editor.username, "not-the-password")
    assert login(editor.username).status_code == 200
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(editor.username, "not-the-password")
    assert login(editor.username).status_code == 200
