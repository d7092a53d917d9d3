"""HDR-7: CORS for the origins of CORS_ALLOWED_ORIGINS only (none by default), never `*`,
never with credentials."""

import pytest

from tests.security.test_startup import manage

pytestmark = pytest.mark.django_db

API_URL = "/api/v1/auth/me/"
APP = "https://app.example.com"


@pytest.fixture
def app_origin(settings):
    settings.CORS_ALLOWED_ORIGINS = [APP]


def preflight(client, origin: str):
    return client.options(
        API_URL,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
    )


def test_no_origin_is_allowed_by_default(settings, client):
    assert settings.CORS_ALLOWED_ORIGINS == []
    assert "Access-Control-Allow-Origin" not in client.get(API_URL, HTTP_ORIGIN=APP)


@pytest.mark.usefixtures("app_origin")
def test_an_allowed_origin_gets_its_own_origin_back(client):
    response = client.get(API_URL, HTTP_ORIGIN=APP)
    assert response["Access-Control-Allow-Origin"] == APP
    assert "Retry-After" in response["Access-Control-Expose-Headers"]


@pytest.mark.usefixtures("app_origin")
@pytest.mark.parametrize("origin", ["https://evil.example", "null", "http://app.example.com"])
def test_another_origin_gets_no_cors_headers(client, origin):
    response = client.get(API_URL, HTTP_ORIGIN=origin)
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.usefixtures("app_origin")
def test_a_preflight_from_an_allowed_origin_may_send_the_authorization_header(client):
    response = preflight(client, APP)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == APP
    assert "authorization" in response["Access-Control-Allow-Headers"]


@pytest.mark.usefixtures("app_origin")
def test_a_preflight_from_another_origin_is_not_allowed(client):
    response = preflight(client, "https://evil.example")
    assert "Access-Control-Allow-Origin" not in response
    assert "Access-Control-Allow-Headers" not in response


@pytest.mark.usefixtures("app_origin")
def test_credentials_are_never_allowed_and_the_origin_is_never_a_wildcard(client, settings):
    response = client.get(API_URL, HTTP_ORIGIN=APP)
    assert "Access-Control-Allow-Credentials" not in response
    assert response["Access-Control-Allow-Origin"] != "*"
    assert not settings.CORS_ALLOW_ALL_ORIGINS
    assert not settings.CORS_ALLOW_CREDENTIALS


@pytest.mark.usefixtures("app_origin")
def test_cors_applies_to_the_api_only(client):
    assert "Access-Control-Allow-Origin" not in client.get("/health/", HTTP_ORIGIN=APP)


def test_production_reads_the_allowed_origins_from_the_environment(use_production_settings):
    origins = "https://app.example.com, https://admin.example.com"
    settings = use_production_settings(CORS_ALLOWED_ORIGINS=origins)
    assert settings.CORS_ALLOWED_ORIGINS == ["https://app.example.com", "https://admin.example.com"]


def test_production_allows_no_origin_unless_told(use_production_settings, monkeypatch):
    monkeypatch.delenv("CORS_ALLOWED_ORIGINS", raising=False)
    assert use_production_settings().CORS_ALLOWED_ORIGINS == []


def test_a_wildcard_origin_is_refused_by_the_system_checks():
    result = manage("check", env={"CORS_ALLOWED_ORIGINS": "*"})
    assert result.returncode != 0
    assert "corsheaders.E013" in result.stderr
