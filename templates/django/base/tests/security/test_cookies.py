"""HDR-6: session and CSRF cookies are __Host- prefixed, Secure and SameSite."""

import pytest

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("tests.security.probe_urls"),
    pytest.mark.usefixtures("production_settings"),
]


def test_session_cookie_is_host_prefixed_secure_http_only_and_same_site(https_client):
    cookie = https_client.get("/probe/cookies/").cookies["__Host-sessionid"]
    assert cookie["secure"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert not cookie["domain"]


def test_csrf_cookie_is_host_prefixed_secure_and_same_site(https_client):
    cookie = https_client.get("/probe/cookies/").cookies["__Host-csrftoken"]
    assert cookie["secure"]
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert not cookie["domain"]
