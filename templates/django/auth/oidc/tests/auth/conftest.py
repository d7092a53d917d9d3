import pytest
from rest_framework.test import APIClient

from tests.auth.identity_provider import IdentityProvider


@pytest.fixture(scope="session")
def _identity_provider():
    from django.conf import settings

    provider = IdentityProvider(settings.OIDC_ISSUER, settings.OIDC_AUDIENCE)
    yield provider
    provider.stop()


@pytest.fixture(autouse=True)
def idp(_identity_provider, settings):
    """The fake identity provider, its keys as published, its request count at 0; the API
    takes its JWKS from it. The cache (so the fetched JWKS) is emptied for each test."""
    _identity_provider.reset()
    settings.OIDC_JWKS_URL = _identity_provider.jwks_url
    return _identity_provider


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def get_me(api):
    """`get_me(token)`: GET /api/v1/auth/me/ with that bearer token."""

    def get(token: str, path: str = "/api/v1/auth/me/", **extra):
        return api.get(path, HTTP_AUTHORIZATION=f"Bearer {token}", **extra)

    return get


@pytest.fixture
def security_events(caplog):
    """The security events logged so far, as records."""
    return lambda: [record for record in caplog.records if record.name == "security"]
