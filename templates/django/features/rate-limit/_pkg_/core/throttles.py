"""Rate limits (RATE-1, RATE-3, RATE-5): DRF throttles counted in the default cache.

In production the default cache is Redis, so every gunicorn worker and every host counts
against the same limits. Rates are "<count>/<second|minute|hour|day>", set in
settings.RATE_LIMITS (production and development read RATE_LIMIT_<SCOPE> variables) and
read at each request, so a changed setting applies at once.

When the cache cannot be reached, the login limits fail closed (503 problem+json: no attempt
goes through unlimited) and the API limits fail open (the request is served, and an ERROR
`rate_limit_unavailable` security event says so): an outage of the counter store must not
open the door to password guessing, nor take every read down with it.
"""

from __future__ import annotations

import hashlib
import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.throttling import SimpleRateThrottle

from .log import client_ip, security_event

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView

DEFAULT_RATES = {
    # Every API request of a client that is not signed in, per client IP.
    "anon": "60/minute",
    # Every API request of a signed-in user, per user.
    "user": "600/minute",
    # Login attempts (views with throttle_scope = "login"), per client IP and per username.
    "login_ip": "20/minute",
    "login_username": "10/minute",
}
PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# Retry-After of a login refused because the limits cannot be counted.
UNAVAILABLE_RETRY_AFTER = 5


class LimitsUnavailable(APIException):
    """503 with Retry-After: the login limits cannot be counted, so no attempt is let in."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "Sign-in is unavailable for a moment: try again later."
    default_code = "limits_unavailable"
    wait = UNAVAILABLE_RETRY_AFTER


def parse_rate(rate: str) -> tuple[int, int]:
    """Reads "10/minute" as (10, 60); ImproperlyConfigured for anything else."""
    count, _, period = rate.partition("/")
    if not count.isdigit() or int(count) < 1 or period[:1] not in PERIODS:
        raise ImproperlyConfigured(
            f"Rate limit {rate!r} is not valid: write it like 10/minute "
            "(per second, minute, hour or day)."
        )
    return int(count), PERIODS[period[0]]


class RateThrottle(SimpleRateThrottle):
    """The rate comes from RATE_LIMITS, the client address from core.log.client_ip: the same
    REMOTE_ADDR-unless-TRUSTED_PROXY_COUNT rule as the logs and the lockout."""

    def get_rate(self) -> str:
        rates = {**DEFAULT_RATES, **getattr(settings, "RATE_LIMITS", {})}
        return rates[self.scope]

    def parse_rate(self, rate: str | None) -> tuple[int | None, int | None]:
        return (None, None) if rate is None else parse_rate(rate)

    def get_ident(self, request: Request) -> str:
        return client_ip(request)

    def allow_request(self, request: Request, view: APIView) -> bool:
        """One counter per key and time window, raised with the cache's atomic incr.

        DRF's own throttle reads a list of timestamps and writes it back, so workers that
        race can all see room under the limit; INCR on Redis cannot be raced, so a burst
        spread over every worker and host gets exactly `num_requests` through per window.
        """
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        window = int(self.timer() // self.duration)
        self.window_ends = (window + 1) * self.duration
        try:
            count = self.count(f"{self.key}:{window}")
        except Exception as error:  # any failure of the store: Redis down, a timeout, ...
            return self.store_unavailable(request, error)
        return count <= self.num_requests

    def count(self, key: str) -> int:
        self.cache.add(key, 0, timeout=self.duration + 1)
        try:
            return self.cache.incr(key)
        except ValueError:  # the window's counter expired between add and incr
            self.cache.add(key, 1, timeout=self.duration + 1)
            return 1

    def store_unavailable(self, request: Request, error: Exception) -> bool:
        """The API limits fail open: the request is served, and the log says it was unlimited."""
        security_event(
            "rate_limit_unavailable",
            request,
            level=logging.ERROR,
            scope=self.scope,
            error=type(error).__name__,
            outcome="allowed",
        )
        return True

    def wait(self) -> float:
        """Seconds until the window ends: the Retry-After of a 429."""
        return max(1.0, self.window_ends - self.timer())

    def cache_key_for(self, identity: str) -> str:
        return self.cache_format % {"scope": self.scope, "ident": identity}


class AnonRateThrottle(RateThrottle):
    scope = "anon"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_key_for(self.get_ident(request))


class UserRateThrottle(RateThrottle):
    scope = "user"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        if not (request.user and request.user.is_authenticated):
            return None
        return self.cache_key_for(str(request.user.pk))


class LoginThrottle(RateThrottle):
    """Applies to views that declare `throttle_scope = "login"` only."""

    def allow_request(self, request: Request, view: APIView) -> bool:
        if getattr(view, "throttle_scope", None) != "login":
            return True
        return super().allow_request(request, view)

    def store_unavailable(self, request: Request, error: Exception) -> bool:
        """The login limits fail closed: uncounted attempts would make guessing unlimited."""
        security_event(
            "rate_limit_unavailable",
            request,
            level=logging.ERROR,
            scope=self.scope,
            error=type(error).__name__,
            outcome="refused",
        )
        raise LimitsUnavailable


class LoginIPRateThrottle(LoginThrottle):
    scope = "login_ip"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        return self.cache_key_for(self.get_ident(request))


class LoginUsernameRateThrottle(LoginThrottle):
    """Per username, whatever address the attempts come from; case and spaces do not help."""

    scope = "login_username"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        data = request.data if isinstance(request.data, dict) else {}
        username = data.get("username")
        if not isinstance(username, str) or not username.strip():
            return None
        digest = hashlib.sha256(username.strip().casefold().encode()).hexdigest()
        return self.cache_key_for(digest)
