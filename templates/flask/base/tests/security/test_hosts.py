"""CFG-4: a Host outside ALLOWED_HOSTS gets 400 problem+json and a security event."""

from tests.assertions import assert_problem


def test_disallowed_host_gets_400_problem(https_client):
    response = https_client.get("/health/", headers={"Host": "evil.example"})
    body = assert_problem(response, 400)
    assert "evil.example" not in str(body)


def test_disallowed_host_is_logged_as_a_security_event(https_client, caplog):
    https_client.get("/health/", headers={"Host": "evil.example"})
    events = [record for record in caplog.records if record.name == "security"]
    assert [event.event for event in events] == ["disallowed_host"]
    assert events[0].path == "/health/"


def test_disallowed_host_on_plain_http_gets_400_not_a_redirect(production_client):
    response = production_client.get("/health/", headers={"Host": "evil.example"})
    assert_problem(response, 400)


def test_allowed_host_with_a_port_is_served(https_client):
    assert https_client.get("/health/", headers={"Host": "localhost:8443"}).status_code == 200


def test_subdomains_are_allowed_only_when_listed_with_a_leading_dot(use_production_app):
    client = use_production_app(ALLOWED_HOSTS="api.example.com,.example.org").test_client()
    client.environ_base["HTTP_X_FORWARDED_PROTO"] = "https"
    assert client.get("/health/", headers={"Host": "api.example.com"}).status_code == 200
    assert client.get("/health/", headers={"Host": "eu.example.org"}).status_code == 200
    assert client.get("/health/", headers={"Host": "eu.api.example.com"}).status_code == 400
