import secrets

import pytest
from rest_framework.test import APIClient

from tests.auth.helpers import LOGIN_URL


@pytest.fixture
def password() -> str:
    return secrets.token_urlsafe(16)


@pytest.fixture
def editor(user_with_role, password):
    return user_with_role("editor", username="edith", password=password)


@pytest.fixture
def api() -> APIClient:
    """A client checked for CSRF like a browser."""
    return APIClient(enforce_csrf_checks=True)


@pytest.fixture
def login(api, password):
    """`login("edith")` posts to the login endpoint; the editor's password unless given."""

    def post(username: str, secret: str | None = None, client: APIClient | None = None, **extra):
        body = {"username": username, "password": password if secret is None else secret}
        return (client or api).post(LOGIN_URL, body, format="json", **extra)

    return post


@pytest.fixture
def signed_in(api, login, editor):
    """The api client, signed in as the editor; `signed_in.csrf` is its CSRF token."""
    response = login(editor.username)
    assert response.status_code == 200
    api.csrf = response.json()["csrf_token"]
    return api


@pytest.fixture
def security_events(caplog):
    """The security events logged so far, as records."""
    return lambda: [record for record in caplog.records if record.name == "security"]
