"""Development: debug pages, .env read, SQLite (unless DATABASE_URL is set) and a local cache."""

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

from ..secrets_loader import SecretLoader, app_env
from .base import *  # noqa: F403
from .base import BASE_DIR

if app_env() == "production":
    raise ImproperlyConfigured("The development settings never run with APP_ENV=production.")

env = SecretLoader.for_environment("development", dotenv_path=BASE_DIR / ".env")

DEBUG = True
# Without SECRET_KEY in .env, each start makes a new key: sessions end at a restart.
SECRET_KEY = env.get("SECRET_KEY") or get_random_secret_key()

DATABASES = {
    "default": dj_database_url.parse(
        env.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# bulwark-needle-settings
