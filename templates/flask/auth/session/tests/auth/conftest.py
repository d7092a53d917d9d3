import logging
import secrets

import pytest

from tests.auth.helpers import LOGIN_URL, ORIGIN


@pytest.fixture
def password() -> str:
    return secrets.token_urlsafe(16)


@pytest.fixture
def editor(user_with_role, password):
    return user_with_role("editor", username="edith", password=password)


@pytest.fixture
def login(client, password):
    """`login("edith")` posts to the login endpoint; the editor's password unless given."""

    def post(username: str, secret: str | None = None, **extra):
        body = {"username": username, "password": password if secret is None else secret}
        return client.post(LOGIN_URL, json=body, **extra)

    return post


@pytest.fixture
def csrf_token(login, editor) -> str:
    """Signs the client in as the editor; the CSRF token the login answered."""
    response = login(editor.username)
    assert response.status_code == 200
    return response.get_json()["csrf_token"]


@pytest.fixture
def with_csrf(csrf_token) -> dict[str, str]:
    """The headers of a same-origin unsafe request of the signed-in editor."""
    return {"X-CSRFToken": csrf_token, **ORIGIN}


@pytest.fixture
def security_events(caplog):
    """The security events logged so far, as records."""
    caplog.set_level(logging.INFO, logger="security")
    return lambda: [record for record in caplog.records if record.name == "security"]
