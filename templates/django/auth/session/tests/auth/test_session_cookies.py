"""HDR-6, AUTH-8 under production settings: the login's session cookie is __Host- prefixed,
Secure, HttpOnly and SameSite=Lax, with the idle timeout as its lifetime."""

import pytest
from rest_framework.test import APIClient

from tests.auth.helpers import CSRF_URL, LOGIN_URL

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_settings")]


@pytest.fixture
def https_api() -> APIClient:
    """Behind the TLS-terminating proxy, which passes the public Host on."""
    proxied = {"X-Forwarded-Proto": "https", "Host": "testserver"}
    return APIClient(headers=proxied, enforce_csrf_checks=True)


def test_the_login_sets_a_host_prefixed_secure_http_only_same_site_session_cookie(
    https_api, editor, password, settings
):
    body = {"username": editor.username, "password": password}
    response = https_api.post(LOGIN_URL, body, format="json")
    assert response.status_code == 200
    cookie = response.cookies["__Host-sessionid"]
    assert cookie["secure"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert not cookie["domain"]
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE
    csrf = response.cookies["__Host-csrftoken"]
    assert csrf["secure"]
    assert csrf["samesite"] == "Lax"


def test_the_csrf_endpoint_sets_the_host_prefixed_csrf_cookie(https_api):
    response = https_api.get(CSRF_URL)
    assert response.status_code == 200
    assert response.cookies["__Host-csrftoken"]["secure"]


def test_over_https_a_post_needs_a_matching_origin_or_referer(https_api, editor, password):
    body = {"username": editor.username, "password": password}
    csrf = https_api.post(LOGIN_URL, body, format="json").json()["csrf_token"]
    headers = {"HTTP_X_CSRFTOKEN": csrf}
    assert https_api.post("/api/v1/auth/logout/", **headers).status_code == 403
    ok = https_api.post("/api/v1/auth/logout/", HTTP_ORIGIN="https://testserver", **headers)
    assert ok.status_code == 204, ok.content
