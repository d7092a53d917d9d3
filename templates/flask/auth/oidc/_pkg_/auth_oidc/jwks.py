"""The identity provider's signing keys (JWKS), cached and fetched with a bound (AUTH-9).

The JWKS is kept in the cache (Redis in production, shared by every worker) and fetched
again when it is older than OIDC_JWKS_CACHE_SECONDS or when a token names a key it does not
hold (the provider rotated its keys). Every fetch, for whatever reason, takes a guard in the
cache first: there is at most one fetch per OIDC_JWKS_MIN_REFETCH_SECONDS across all
workers, so tokens with made-up key ids cannot make the API hammer the provider.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import time
from typing import Any

import jwt
from flask import current_app

from ..extensions import cache

logger = logging.getLogger(__name__)

# Keys are used for a day at most when the provider cannot be reached to refresh them.
STALE_KEYS_SECONDS = 24 * 60 * 60


class KeysUnavailable(Exception):
    """No JWKS has been fetched, and the provider cannot be asked again yet."""


def _cache_key(kind: str) -> str:
    url = hashlib.sha256(current_app.config["OIDC_JWKS_URL"].encode()).hexdigest()[:16]
    return f"auth_oidc:{kind}:{url}"


def signing_key(kid: str) -> jwt.PyJWK | None:
    """The provider's key with this id; None when its JWKS has no such key.

    KeysUnavailable when there is no JWKS at all (never fetched, provider unreachable).
    """
    entry = _stored()
    fetched = False
    if entry is None or time.time() - entry["fetched_at"] > _config("OIDC_JWKS_CACHE_SECONDS"):
        entry, fetched = _fetch() or entry, True
    if entry is None:
        raise KeysUnavailable
    key = _keys(entry["jwks"], _algorithms()).get(kid)
    if key is None and not fetched:
        # An unknown kid: perhaps a new key. Asked at most once per interval.
        newer = _fetch()
        if newer is not None:
            key = _keys(newer["jwks"], _algorithms()).get(kid)
    return key


def _config(name: str) -> Any:
    return current_app.config[name]


def _algorithms() -> tuple[str, ...]:
    return tuple(_config("OIDC_ALGORITHMS"))


def _stored() -> dict[str, Any] | None:
    """The JWKS last fetched ({"jwks": its JSON, "fetched_at": when}), or None."""
    stored = cache.get(_cache_key("jwks"))
    if stored is None:
        return None
    try:
        entry = json.loads(stored)
    except ValueError:
        return None
    valid = isinstance(entry, dict) and isinstance(entry.get("jwks"), str)
    return entry if valid and isinstance(entry.get("fetched_at"), int | float) else None


def _fetch() -> dict[str, Any] | None:
    """The JWKS fetched now, or None when the guard is taken or the provider fails."""
    interval = _config("OIDC_JWKS_MIN_REFETCH_SECONDS")
    # The first increment in an interval takes the guard, in whichever worker it happens.
    if cache.incr(_cache_key("fetch-guard"), timeout=interval) != 1:
        return None
    client = jwt.PyJWKClient(
        _config("OIDC_JWKS_URL"),
        cache_keys=False,
        cache_jwk_set=False,
        timeout=_config("OIDC_JWKS_TIMEOUT_SECONDS"),
    )
    try:
        raw = json.dumps(client.fetch_data(), sort_keys=True)
        if not _keys(raw, _algorithms()):
            raise jwt.PyJWKSetError("no usable signing key")
    except (jwt.PyJWTError, AttributeError, TypeError, ValueError) as error:
        logger.warning(
            "the JWKS could not be fetched; next attempt in %s seconds or more",
            interval,
            extra={"event": "jwks_fetch_failed", "reason": str(error)[:200]},
        )
        return None
    entry = {"jwks": raw, "fetched_at": time.time()}
    cache.set(_cache_key("jwks"), json.dumps(entry), timeout=STALE_KEYS_SECONDS)
    return entry


@functools.lru_cache(maxsize=8)
def _keys(raw: str, algorithms: tuple[str, ...]) -> dict[str, jwt.PyJWK]:
    """Signing keys by kid; keys without a kid, for encryption, or of an algorithm outside
    `algorithms` are left out."""
    keys = {}
    for data in json.loads(raw).get("keys", []):
        if not isinstance(data, dict) or data.get("use", "sig") != "sig":
            continue
        kid = data.get("kid")
        try:
            key = jwt.PyJWK(data)
        except jwt.PyJWTError:
            continue
        if isinstance(kid, str) and kid and key.algorithm_name in algorithms:
            keys[kid] = key
    return keys
