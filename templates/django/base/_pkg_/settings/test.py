"""Tests: self-contained and fast (SQLite in memory, local-memory cache, a quick hasher)."""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

from ..secrets_loader import app_env
from .base import *  # noqa: F403

if app_env() == "production":
    raise ImproperlyConfigured("The test settings never run with APP_ENV=production.")

SECRET_KEY = get_random_secret_key()
ALLOWED_HOSTS = ["testserver"]

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Argon2 is slow by design; tests/security/test_passwords.py proves the production hashers.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# bulwark-needle-settings
