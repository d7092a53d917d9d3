import logging
import secrets

import pytest

from tests.auth.helpers import LOGIN_URL


@pytest.fixture
def password() -> str:
    return secrets.token_urlsafe(16)


@pytest.fixture
def editor(user_with_role, password):
    return user_with_role("editor", username="edith", password=password)


@pytest.fixture
def login(client, password):
    """`login("edith")` posts to the token endpoint; the editor's password unless given."""

    def post(username: str, secret: str | None = None, **extra):
        body = {"username": username, "password": password if secret is None else secret}
        return client.post(LOGIN_URL, json=body, **extra)

    return post


@pytest.fixture
def tokens(login, editor) -> dict[str, str]:
    response = login(editor.username)
    assert response.status_code == 200
    return response.get_json()


@pytest.fixture
def security_events(caplog):
    """The security events logged so far, as records."""
    caplog.set_level(logging.INFO, logger="security")
    return lambda: [record for record in caplog.records if record.name == "security"]
