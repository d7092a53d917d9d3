"""Configuration per environment: APP_ENV selects the class, and every value is read through
the secrets loader. Production refuses to start without the values it needs."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from dotenv import find_dotenv
from flask.helpers import get_debug_flag, get_load_dotenv

from .secrets_loader import ConfigurationError, SecretLoader, app_env

BASE_DIR = Path(__file__).resolve().parent.parent


def database_url(url: str) -> str:
    """SQLAlchemy's name for a DATABASE_URL: postgres:// URLs use psycopg 3."""
    scheme, _, rest = url.partition("://")
    if scheme in ("postgres", "postgresql"):
        return f"postgresql+psycopg://{rest}"
    return url


class BaseConfig:
    """Settings every environment shares; the classes below add their own."""

    APP_ENV = "development"
    DEBUG = False
    TESTING = False
    SECRET_KEY: str | None = None

    # Host headers the API answers to (Flask's TRUSTED_HOSTS); any other gets 400.
    TRUSTED_HOSTS: list[str] | None = None

    # Request bodies larger than this get 413 (security.py), whatever reads them.
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024

    # The session cookie is never readable by scripts nor sent on cross-site subrequests.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"

    # HTTPS only, and HSTS for a year with subdomains: on in production (security.py).
    HTTPS_REDIRECT = False
    HSTS_SECONDS = 0
    HSTS_INCLUDE_SUBDOMAINS = True
    # "preload" asks browsers' built-in HSTS lists to carry the domain: hard to undo, and it
    # binds every subdomain. Production sets it from HSTS_PRELOAD (false unless set).
    HSTS_PRELOAD = False

    # Reverse proxies in front of the app; X-Forwarded-* are trusted for that many hops only.
    TRUSTED_PROXY_COUNT = 0
    # Addresses those proxies connect from; forwarded headers from any other peer are dropped.
    TRUSTED_PROXY_IPS: list[str] = []

    # Stale pooled connections are replaced instead of failing a request.
    SQLALCHEMY_ENGINE_OPTIONS: dict[str, Any] = {"pool_pre_ping": True}
    # Redis for the cache when set (production); an in-process cache otherwise.
    REDIS_URL: str | None = None

    # bulwark-needle-config


def _refuse_production(name: str) -> None:
    if app_env() == "production":
        raise ConfigurationError(f"The {name} configuration never runs with APP_ENV=production.")


class DevelopmentConfig(BaseConfig):
    """Development: debug, .env read, SQLite (unless DATABASE_URL is set), an in-process cache."""

    APP_ENV = "development"
    DEBUG = True
    TRUSTED_HOSTS = ["localhost", "127.0.0.1"]

    def __init__(self, env: SecretLoader | None = None) -> None:
        _refuse_production("development")
        env = env or SecretLoader.for_environment("development", dotenv_path=BASE_DIR / ".env")
        # Without SECRET_KEY in .env, each start makes a new key: sessions end at a restart.
        self.SECRET_KEY = env.get("SECRET_KEY") or secrets.token_urlsafe(64)
        self.SQLALCHEMY_DATABASE_URI = database_url(
            env.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
        )
        # bulwark-needle-config-development


class TestConfig(BaseConfig):
    """Tests: self-contained and fast (SQLite in memory, an in-process cache)."""

    __test__ = False  # a configuration, not a test class for pytest to collect

    APP_ENV = "test"
    TESTING = True
    TRUSTED_HOSTS = ["localhost"]
    SQLALCHEMY_DATABASE_URI = "sqlite://"

    def __init__(self) -> None:
        _refuse_production("test")
        self.SECRET_KEY = secrets.token_urlsafe(64)
        # bulwark-needle-config-test


class ProductionConfig(BaseConfig):
    """Production: HTTPS only, PostgreSQL and Redis. Refuses to start without its variables."""

    APP_ENV = "production"

    # HTTPS only: plain HTTP is redirected, and browsers are told to remember it for a year.
    HTTPS_REDIRECT = True
    HSTS_SECONDS = 31_536_000
    PREFERRED_URL_SCHEME = "https"

    # Cookies only over HTTPS; the __Host- prefix binds them to this exact host.
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-session"

    # Give up on an unreachable database (and fail /health/) rather than hang.
    SQLALCHEMY_ENGINE_OPTIONS = {
        **BaseConfig.SQLALCHEMY_ENGINE_OPTIONS,
        "connect_args": {"connect_timeout": 5},
    }

    def __init__(self, env: SecretLoader | None = None) -> None:
        _refuse_development_tools()
        # Environment variables and <NAME>_FILE secrets; never a .env file.
        env = env or SecretLoader.for_environment("production")
        self.SECRET_KEY = env.require("SECRET_KEY")
        if len(self.SECRET_KEY) < 50 or len(set(self.SECRET_KEY)) < 5:
            raise ConfigurationError("SECRET_KEY must be 50 or more random characters.")
        self.TRUSTED_HOSTS = env.require_list("ALLOWED_HOSTS")
        self.SQLALCHEMY_DATABASE_URI = database_url(env.require("DATABASE_URL"))
        self.REDIS_URL = env.require("REDIS_URL")
        # How many reverse proxies stand in front of the app; the first terminates TLS and
        # sets X-Forwarded-Proto. None unless declared: until then forwarded headers are never
        # trusted, the client IP is REMOTE_ADDR and only a direct HTTPS request avoids the redirect.
        self.TRUSTED_PROXY_COUNT = env.get_int("TRUSTED_PROXY_COUNT", 0)
        self.HSTS_PRELOAD = env.get_bool("HSTS_PRELOAD", False)
        # The proxies' own addresses, as gunicorn's FORWARDED_ALLOW_IPS ("*" for any peer).
        self.TRUSTED_PROXY_IPS = [
            ip.strip() for ip in (env.get("FORWARDED_ALLOW_IPS") or "127.0.0.1,::1").split(",")
        ]
        # bulwark-needle-config-production


def _refuse_development_tools() -> None:
    """The debugger and the `flask` command's .env loading are for development only."""
    if get_debug_flag():
        raise ConfigurationError("FLASK_DEBUG is on: the debugger never runs in production.")
    # The flask command copies .env into the environment before the app starts: refuse
    # rather than run production on development values.
    if os.environ.get("FLASK_RUN_FROM_CLI") == "true" and get_load_dotenv():
        dotenv_path = find_dotenv(".env", usecwd=True)
        if dotenv_path:
            raise ConfigurationError(
                f"The flask command loaded {dotenv_path}, a development file, with "
                "APP_ENV=production: set FLASK_SKIP_DOTENV=1, or remove the file."
            )


CONFIGURATIONS: dict[str, type[BaseConfig]] = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}


def load_config(env: str | None = None) -> BaseConfig:
    """The configuration of `env`, APP_ENV when None (development unless set)."""
    return CONFIGURATIONS[env or app_env()]()
