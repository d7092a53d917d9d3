"""Fixtures shared by the whole suite."""

import runpy
import secrets
from collections.abc import Callable

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from rest_framework.test import APIClient

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
        # bulwark-needle-production-env
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


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: no rate-limit counts carried over."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def user_with_role(django_user_model, db) -> Callable:
    """`user_with_role("editor")`: a new active user in that role's group.

    Pass `password=` to log in with it later; other keyword arguments go to `create_user`.
    """
    made = 0

    def make(role: str, *, password: str | None = None, **fields):
        nonlocal made
        made += 1
        username = fields.pop("username", f"{role}-{made}-{secrets.token_hex(3)}")
        user = django_user_model.objects.create_user(
            username, password=password or secrets.token_urlsafe(16), **fields
        )
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def api_client_as(user_with_role) -> Callable[[str], APIClient]:
    """`api_client_as("viewer")`: a DRF client authenticated as a new user in that role.

    Its requests come through the TLS-terminating proxy as `https_client`'s do; the user is
    `client.user`.
    """

    def make(role: str) -> APIClient:
        client = APIClient(headers={"X-Forwarded-Proto": "https"})
        client.user = user_with_role(role)
        client.force_authenticate(user=client.user)
        return client

    return make
