"""HDR-1 to HDR-5: HTTPS only, and the security headers on every response."""

import pytest

STRICT_CSP = "default-src 'none'; frame-ancestors 'none'"


def test_plain_http_is_redirected_to_https(production_client):
    response = production_client.get("/health/?verbose=1")
    assert response.status_code == 301
    assert response.headers["Location"] == "https://localhost/health/?verbose=1"


def test_https_reported_by_the_proxy_is_served(https_client):
    assert https_client.get("/health/").status_code == 200


def test_direct_https_is_served(production_client):
    assert production_client.get("/health/", base_url="https://localhost").status_code == 200


def test_forwarded_proto_is_ignored_when_no_proxy_is_trusted(use_production_app):
    client = use_production_app(TRUSTED_PROXY_COUNT="0").test_client()
    response = client.get("/health/", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 301


def test_no_proxy_is_trusted_unless_declared(use_production_app, production_env):
    del production_env["TRUSTED_PROXY_COUNT"]
    client = use_production_app().test_client()
    response = client.get("/health/", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 301


def test_forwarded_proto_from_an_untrusted_peer_is_ignored(use_production_app):
    client = use_production_app(FORWARDED_ALLOW_IPS="10.9.9.9").test_client()
    response = client.get("/health/", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 301


def test_forwarded_proto_from_the_trusted_proxy_is_honoured(use_production_app):
    client = use_production_app(FORWARDED_ALLOW_IPS="10.9.9.9").test_client()
    response = client.get(
        "/health/",
        headers={"X-Forwarded-Proto": "https"},
        environ_base={"REMOTE_ADDR": "10.9.9.9"},
    )
    assert response.status_code == 200


def test_only_the_proxy_next_to_the_app_is_believed(production_client):
    # The client claimed https; the proxy, which saw plain HTTP, appended its own value.
    response = production_client.get("/health/", headers={"X-Forwarded-Proto": "https, http"})
    assert response.status_code == 301


def test_hsts_lasts_a_year_with_subdomains(https_client):
    response = https_client.get("/health/")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_hsts_asks_for_preload_only_when_the_setting_says_so(use_production_app):
    client = use_production_app(HSTS_PRELOAD="true").test_client()
    client.environ_base["HTTP_X_FORWARDED_PROTO"] = "https"
    response = client.get("/health/")
    assert response.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


def test_content_security_policy_allows_nothing(https_client):
    assert https_client.get("/health/").headers["Content-Security-Policy"] == STRICT_CSP


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
    assert https_client.get("/health/").headers[header] == value


def test_permissions_policy_denies_browser_features(https_client):
    policy = https_client.get("/health/").headers["Permissions-Policy"]
    for feature in ("camera", "geolocation", "microphone", "payment", "usb"):
        assert f"{feature}=()" in policy


def test_api_responses_are_not_cached(https_client):
    assert https_client.get("/health/").headers["Cache-Control"] == "no-store"


def test_an_empty_answer_has_no_content_type(https_client):
    response = https_client.delete("/probe/empty/")
    assert response.status_code == 204
    assert "Content-Type" not in response.headers
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_error_responses_carry_the_security_headers_too(https_client):
    response = https_client.get("/no-such-page/")
    assert response.status_code == 404
    assert response.headers["Content-Security-Policy"] == STRICT_CSP
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response.headers["X-Frame-Options"] == "DENY"


def test_server_errors_carry_the_security_headers_too(https_client):
    response = https_client.get("/probe/crash/")
    assert response.status_code == 500
    assert response.headers["Content-Security-Policy"] == STRICT_CSP
    assert response.headers["Cache-Control"] == "no-store"


def test_development_and_tests_serve_plain_http_without_hsts(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response.headers
    assert response.headers["X-Frame-Options"] == "DENY"
