"""Production: HTTPS only, PostgreSQL and Redis. Refuses to start without its variables."""

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from ..secrets_loader import SecretLoader
from .base import *  # noqa: F403
from .base import REST_FRAMEWORK

# Environment variables and <NAME>_FILE secrets; never a .env file.
env = SecretLoader.for_environment("production")

DEBUG = False
SECRET_KEY = env.require("SECRET_KEY")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured("SECRET_KEY must be 50 or more random characters.")
ALLOWED_HOSTS = env.require_list("ALLOWED_HOSTS")

DATABASES = {
    "default": dj_database_url.parse(
        env.require("DATABASE_URL"), conn_max_age=60, conn_health_checks=True
    )
}
# A database that does not answer fails a request (and /health/) in seconds instead of
# holding the worker until gunicorn kills it; `?connect_timeout=N` in the URL overrides it.
DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env.require("REDIS_URL"),
        # Fail fast (and fail /health/) rather than hang when Redis is unreachable.
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
}

# How many reverse proxies stand in front of the app; the first terminates TLS and sets
# X-Forwarded-Proto. None unless declared: until then, forwarded headers are never trusted,
# the client IP is REMOTE_ADDR and only a direct HTTPS request avoids the redirect.
TRUSTED_PROXY_COUNT = env.get_int("TRUSTED_PROXY_COUNT", 0)
# The proxies' own addresses, as gunicorn's FORWARDED_ALLOW_IPS ("*" for any peer, when only
# the proxy can reach the app); X-Forwarded-* from anyone else is dropped before it is read.
TRUSTED_PROXY_IPS = (
    [ip.strip() for ip in (env.get("FORWARDED_ALLOW_IPS") or "127.0.0.1,::1").split(",")]
    if TRUSTED_PROXY_COUNT
    else []
)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY_COUNT else None
REST_FRAMEWORK = {**REST_FRAMEWORK, "NUM_PROXIES": TRUSTED_PROXY_COUNT}

# HTTPS only: plain HTTP is redirected, and browsers are told to remember it for a year.
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# "preload" asks browsers' built-in HSTS lists to carry the domain: hard to undo, and it binds
# every subdomain. Off unless HSTS_PRELOAD=true, once the whole domain is HTTPS-only.
SECURE_HSTS_PRELOAD = env.get_bool("HSTS_PRELOAD", False)
# check --deploy warns (security.W021) while preload is off: that is this choice, not an oversight.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Cookies only over HTTPS; the __Host- prefix binds them to this exact host.
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_NAME = "__Host-csrftoken"

# bulwark-needle-settings
