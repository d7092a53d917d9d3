"""CFG-4: a Host outside ALLOWED_HOSTS gets 400 problem+json and a security event."""

import pytest

from tests.assertions import assert_problem

pytestmark = pytest.mark.usefixtures("production_settings")


def test_disallowed_host_gets_400_problem(https_client):
    response = https_client.get("/health/", headers={"Host": "evil.example"})
    body = assert_problem(response, 400)
    assert "evil.example" not in str(body)


def test_disallowed_host_is_logged_as_a_security_event(https_client, caplog):
    https_client.get("/health/", headers={"Host": "evil.example"})
    events = [record for record in caplog.records if record.name == "security"]
    assert [event.event for event in events] == ["disallowed_host"]
    assert events[0].path == "/health/"


def test_disallowed_host_on_plain_http_gets_400_not_a_redirect(client):
    response = client.get("/health/", headers={"Host": "evil.example"})
    assert_problem(response, 400)
