"""Fixtures shared by the whole suite."""

import runpy
import secrets

import pytest
from django.conf import settings as django_settings
from django.test import Client

# Tests keep their own database, cache and logging (production's are not running here),
# and the URLconf a test may have chosen with @pytest.mark.urls.
KEPT_FROM_TEST_SETTINGS = {"DATABASES", "CACHES", "LOGGING", "ROOT_URLCONF"}
PRODUCTION_SETTINGS = django_settings.SETTINGS_MODULE.rpartition(".")[0] + ".production"


@pytest.fixture
def production_env() -> dict[str, str]:
    """Throwaway values for the variables production requires, made per test."""
    return {
        "APP_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": "postgres://localhost:5432/unused",
        "REDIS_URL": "redis://localhost:6379/0",
        # Deployed behind one TLS-terminating proxy, the usual production setup.
        "TRUSTED_PROXY_COUNT": "1",
    }


@pytest.fixture
def use_production_settings(settings, monkeypatch, production_env):
    """Apply the real production settings module, loaded with `production_env` plus `env`."""

    def apply(**env: str):
        for name, value in {**production_env, **env}.items():
            monkeypatch.setenv(name, value)
        for name, value in runpy.run_module(PRODUCTION_SETTINGS).items():
            keep = name in KEPT_FROM_TEST_SETTINGS
            if name.isupper() and not keep and getattr(django_settings, name, None) != value:
                setattr(settings, name, value)
        return settings

    return apply


@pytest.fixture
def production_settings(use_production_settings):
    return use_production_settings()


@pytest.fixture
def https_client() -> Client:
    """A client behind the TLS-terminating proxy, checked for CSRF like a browser;
    server errors come back as responses."""
    return Client(
        headers={"X-Forwarded-Proto": "https"},
        enforce_csrf_checks=True,
        raise_request_exception=False,
    )
