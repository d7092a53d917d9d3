"""The identity provider's signing keys (JWKS), cached and fetched with a bound (AUTH-9).

The JWKS is kept in the default cache (Redis in production, shared by every worker) and
fetched again when it is older than OIDC_JWKS_CACHE_SECONDS or when a token names a key it
does not hold (the provider rotated its keys). Every fetch, for whatever reason, takes a
guard in the cache first: there is at most one fetch per OIDC_JWKS_MIN_REFETCH_SECONDS
across all workers, so tokens with made-up key ids cannot make the API hammer the provider.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import time

import jwt
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

# Keys are used for a day at most when the provider cannot be reached to refresh them.
STALE_KEYS_SECONDS = 24 * 60 * 60


class KeysUnavailable(Exception):
    """No JWKS has been fetched, and the provider cannot be asked again yet."""


def _cache_key(kind: str) -> str:
    url = hashlib.sha256(settings.OIDC_JWKS_URL.encode()).hexdigest()[:16]
    return f"auth_oidc:{kind}:{url}"


def signing_key(kid: str) -> jwt.PyJWK | None:
    """The provider's key with this id; None when its JWKS has no such key.

    KeysUnavailable when there is no JWKS at all (never fetched, provider unreachable).
    """
    entry = cache.get(_cache_key("jwks"))
    fetched = False
    if entry is None or time.time() - entry["fetched_at"] > settings.OIDC_JWKS_CACHE_SECONDS:
        entry, fetched = _fetch() or entry, True
    if entry is None:
        raise KeysUnavailable
    key = _keys(entry["jwks"]).get(kid)
    if key is None and not fetched:
        # An unknown kid: perhaps a new key. Asked at most once per interval.
        newer = _fetch()
        if newer is not None:
            key = _keys(newer["jwks"]).get(kid)
    return key


def _fetch() -> dict | None:
    """The JWKS fetched now, or None when the guard is taken or the provider fails."""
    interval = settings.OIDC_JWKS_MIN_REFETCH_SECONDS
    if not cache.add(_cache_key("fetch-guard"), True, timeout=interval):
        return None
    client = jwt.PyJWKClient(
        settings.OIDC_JWKS_URL,
        cache_keys=False,
        cache_jwk_set=False,
        timeout=settings.OIDC_JWKS_TIMEOUT_SECONDS,
    )
    try:
        raw = json.dumps(client.fetch_data(), sort_keys=True)
        if not _keys(raw):
            raise jwt.PyJWKSetError("no usable signing key")
    except (jwt.PyJWTError, AttributeError, TypeError, ValueError) as error:
        logger.warning(
            "the JWKS could not be fetched; next attempt in %s seconds or more",
            interval,
            extra={"event": "jwks_fetch_failed", "reason": str(error)[:200]},
        )
        return None
    entry = {"jwks": raw, "fetched_at": time.time()}
    cache.set(_cache_key("jwks"), entry, timeout=STALE_KEYS_SECONDS)
    return entry


@functools.lru_cache(maxsize=8)
def _keys(raw: str) -> dict[str, jwt.PyJWK]:
    """Signing keys by kid; keys without a kid, for encryption, or of an algorithm outside
    OIDC_ALGORITHMS are left out."""
    keys = {}
    for data in json.loads(raw).get("keys", []):
        if not isinstance(data, dict) or data.get("use", "sig") != "sig":
            continue
        kid = data.get("kid")
        try:
            key = jwt.PyJWK(data)
        except jwt.PyJWTError:
            continue
        if isinstance(kid, str) and kid and key.algorithm_name in settings.OIDC_ALGORITHMS:
            keys[kid] = key
    return keys
