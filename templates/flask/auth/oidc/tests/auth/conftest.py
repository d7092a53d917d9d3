import logging

import pytest
from flask import Flask

from tests.apps import config_with, make_app
from tests.auth.identity_provider import IdentityProvider

ME_URL = "/api/v1/auth/me/"


@pytest.fixture(scope="session")
def _identity_provider():
    config = config_with()
    provider = IdentityProvider(config.OIDC_ISSUER, config.OIDC_AUDIENCE)
    yield provider
    provider.stop()


@pytest.fixture(autouse=True)
def idp(_identity_provider) -> IdentityProvider:
    """The fake identity provider, its keys as published, its request count at 0."""
    _identity_provider.reset()
    return _identity_provider


@pytest.fixture
def app(idp) -> Flask:
    """The test app, taking its JWKS from the fake provider; each app has its own cache, so
    no JWKS has been fetched yet."""
    return make_app(config_with(OIDC_JWKS_URL=idp.jwks_url))


@pytest.fixture
def get_me(client):
    """`get_me(token)`: GET /api/v1/auth/me/ with that bearer token."""

    def get(token: str, path: str = ME_URL, **extra):
        return client.get(path, headers={"Authorization": f"Bearer {token}"}, **extra)

    return get


@pytest.fixture
def security_events(caplog):
    """The security events logged so far, as records."""
    caplog.set_level(logging.INFO, logger="security")
    return lambda: [record for record in caplog.records if record.name == "security"]
