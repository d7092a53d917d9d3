"""HDR-1 to HDR-5: HTTPS only, and the security headers on every response."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_settings")]

STRICT_CSP = {"default-src 'none'", "frame-ancestors 'none'"}


def csp_directives(response) -> set[str]:
    """django-csp does not keep the directives in order."""
    return {directive.strip() for directive in response["Content-Security-Policy"].split(";")}


def test_plain_http_is_redirected_to_https(client):
    response = client.get("/health/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/health/"


def test_https_reported_by_the_proxy_is_served(https_client):
    assert https_client.get("/health/").status_code == 200


def test_forwarded_proto_is_ignored_when_no_proxy_is_trusted(client, use_production_settings):
    use_production_settings(TRUSTED_PROXY_COUNT="0")
    response = client.get("/health/", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 301


def test_no_proxy_is_trusted_unless_declared(
    client, use_production_settings, production_env, monkeypatch
):
    del production_env["TRUSTED_PROXY_COUNT"]
    monkeypatch.delenv("TRUSTED_PROXY_COUNT")
    use_production_settings()
    response = client.get("/health/", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 301


def test_hsts_lasts_a_year_with_subdomains(https_client):
    response = https_client.get("/health/")
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_hsts_asks_for_preload_only_when_the_setting_says_so(use_production_settings, https_client):
    use_production_settings(HSTS_PRELOAD="true")
    response = https_client.get("/health/")
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_content_security_policy_allows_nothing(https_client):
    assert csp_directives(https_client.get("/health/")) == STRICT_CSP


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "no-referrer"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ],
)
def test_security_header_is_set(https_client, header, value):
    assert https_client.get("/health/")[header] == value


def test_permissions_policy_denies_browser_features(https_client):
    policy = https_client.get("/health/")["Permissions-Policy"]
    for feature in ("camera", "geolocation", "microphone", "payment", "usb"):
        assert f"{feature}=()" in policy


def test_api_responses_are_not_cached(https_client):
    assert https_client.get("/health/")["Cache-Control"] == "no-store"


def test_error_responses_carry_the_security_headers_too(https_client):
    response = https_client.get("/no-such-page/")
    assert response.status_code == 404
    assert csp_directives(response) == STRICT_CSP
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Frame-Options"] == "DENY"
