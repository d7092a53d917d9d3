"""Rate limits (RATE-1, RATE-3, RATE-4, RATE-5) on Flask-Limiter's storage and strategy.

Every request that passed the access check counts against its user (RATE_LIMIT_USER) or, when
anonymous, its client IP (RATE_LIMIT_ANON); every login attempt also counts against the
client IP (RATE_LIMIT_LOGIN_IP) and the username (RATE_LIMIT_LOGIN_USERNAME). As with DRF's
throttles, a request refused with 401 or 403 is not counted. Counts live in Redis when
REDIS_URL is set (production), so every worker and host shares them; in memory otherwise.
Past a limit: 429 problem+json with Retry-After, and a `rate_limited` security event.

When the store cannot be reached, the login limits fail closed (503 problem+json: no attempt
goes through unlimited) and the API limits fail open (the request is served, and an ERROR
`rate_limit_unavailable` security event says so): an outage of the counter store must not
open the door to password guessing, nor take every read down with it.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time

from flask import Flask, current_app, request
from flask_limiter import Limiter
from limits import RateLimitItem, parse
from limits.errors import StorageError
from werkzeug.exceptions import ServiceUnavailable, TooManyRequests

from .accounts import access
from .accounts.models import User
from .log import security_event
from .secrets_loader import ConfigurationError

DEFAULT_RATES = {
    # Every API request of a client that is not signed in, per client IP.
    "anon": "60/minute",
    # Every API request of a signed-in user, per user.
    "user": "600/minute",
    # Login attempts, per client IP and per username.
    "login_ip": "20/minute",
    "login_username": "10/minute",
}
# Never limited: load balancers and monitors ask it often.
EXEMPT_ENDPOINTS = {"health.health"}
# Refused, not let through, when the store cannot count them.
FAIL_CLOSED_SCOPES = {"login_ip", "login_username"}
# Retry-After of a login refused because the limits cannot be counted.
UNAVAILABLE_RETRY_AFTER = 5


def parse_rate(rate: str) -> RateLimitItem:
    """Reads "10/minute"; ConfigurationError for anything else."""
    count, _, period = rate.partition("/")
    if not count.isdigit() or int(count) < 1 or period not in ("second", "minute", "hour", "day"):
        raise ConfigurationError(
            f"Rate limit {rate!r} is not valid: write it like 10/minute "
            "(per second, minute, hour or day)."
        )
    return parse(rate)


def init_app(app: Flask) -> None:
    rates = {**DEFAULT_RATES, **app.config.get("RATE_LIMITS", {})}
    app.extensions["bulwark.rates"] = {scope: parse_rate(rate) for scope, rate in rates.items()}
    # The client IP is REMOTE_ADDR, which ProxyFix sets from X-Forwarded-For only for the
    # TRUSTED_PROXY_COUNT proxies in front (security.py): a forged header changes nothing.
    redis_url = app.config.get("REDIS_URL")
    # Every store failure arrives as limits' StorageError; Redis gives up within seconds.
    storage_options: dict = {"wrap_exceptions": True}
    if redis_url:
        storage_options.update(socket_connect_timeout=2, socket_timeout=2)
    limiter = Limiter(
        key_func=lambda: request.remote_addr or "",
        app=app,
        storage_uri=redis_url or "memory://",
        storage_options=storage_options,
        strategy="fixed-window",
        key_prefix="rate-limit",
    )
    app.extensions["bulwark.limiter"] = limiter
    access.add_hook(app, "access_granted", limit_request)
    access.add_hook(app, "login_attempt", limit_login)


def hit(scope: str, identity: str) -> None:
    """Counts one request of `identity` in `scope`; 429 past the limit."""
    limiter: Limiter = current_app.extensions["bulwark.limiter"]
    limit = current_app.extensions["bulwark.rates"][scope]
    try:
        if limiter.limiter.hit(limit, scope, identity):
            return
        reset_at = limiter.limiter.get_window_stats(limit, scope, identity).reset_time
    except StorageError as error:
        store_unavailable(scope, error)
        return
    wait = max(1, math.ceil(reset_at - time.time()))
    security_event("rate_limited", scope=scope, retry_after=wait, outcome="refused")
    raise TooManyRequests("Too many requests: try again later.", retry_after=wait)


def store_unavailable(scope: str, error: StorageError) -> None:
    """Login attempts are refused with 503; other requests are served, and logged as unlimited."""
    refused = scope in FAIL_CLOSED_SCOPES
    security_event(
        "rate_limit_unavailable",
        level=logging.ERROR,
        scope=scope,
        error=type(error.storage_error).__name__,
        outcome="refused" if refused else "allowed",
    )
    if refused:
        raise ServiceUnavailable(
            "Sign-in is unavailable for a moment: try again later.",
            retry_after=UNAVAILABLE_RETRY_AFTER,
        )


def limit_request(user: User | None) -> None:
    if request.endpoint in EXEMPT_ENDPOINTS:
        return
    if user is None:
        hit("anon", request.remote_addr or "")
    else:
        hit("user", str(user.id))


def limit_login(username: str) -> None:
    hit("login_ip", request.remote_addr or "")
    # Per username, whatever address the attempts come from; case and spaces do not help.
    hit("login_username", hashlib.sha256(username.strip().casefold().encode()).hexdigest())
