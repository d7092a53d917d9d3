"""A small cache: Redis when REDIS_URL is set (production), a dictionary in this process otherwise.

Values are strings: encode anything else as JSON. Nothing is pickled, so whoever can write to
Redis cannot make the app run code.
"""

from __future__ import annotations

import threading
import time
from typing import Protocol

import redis
from flask import Flask, current_app


class Backend(Protocol):
    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str, timeout: int) -> None: ...

    def delete(self, key: str) -> None: ...

    def incr(self, key: str, timeout: int) -> int: ...


class LocalBackend:
    """This process only, so not shared between workers: development and tests."""

    def __init__(self) -> None:
        self._values: dict[str, tuple[float, str]] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        with self._lock:
            expires, value = self._values.get(key, (0.0, None))
            if value is not None and expires > time.monotonic():
                return value
            self._values.pop(key, None)
            return None

    def set(self, key: str, value: str, timeout: int) -> None:
        with self._lock:
            self._values[key] = (time.monotonic() + timeout, value)

    def delete(self, key: str) -> None:
        with self._lock:
            self._values.pop(key, None)

    def incr(self, key: str, timeout: int) -> int:
        """Adds 1 to the count at `key` (0 when absent or expired); the first sets the expiry."""
        with self._lock:
            expires, value = self._values.get(key, (0.0, None))
            if value is None or expires <= time.monotonic():
                expires, value = time.monotonic() + timeout, "0"
            count = int(value) + 1
            self._values[key] = (expires, str(count))
            return count


class RedisBackend:
    """Shared by every worker and host."""

    def __init__(self, url: str) -> None:
        # Fail fast (and fail /health/) rather than hang when Redis is unreachable.
        self.client = redis.Redis.from_url(
            url, socket_connect_timeout=2, socket_timeout=2, decode_responses=True
        )

    def get(self, key: str) -> str | None:
        return self.client.get(key)

    def set(self, key: str, value: str, timeout: int) -> None:
        self.client.set(key, value, ex=timeout)

    def delete(self, key: str) -> None:
        self.client.delete(key)

    def incr(self, key: str, timeout: int) -> int:
        """Atomic across workers: INCR and EXPIRE NX in one MULTI transaction, so the count
        always has an expiry (a lost EXPIRE would otherwise keep a limit or a lock for ever);
        the first increment's expiry stands (NX: Redis 7.0 or later)."""
        pipe = self.client.pipeline(transaction=True)
        pipe.incr(key)
        pipe.expire(key, timeout, nx=True)
        count, _ = pipe.execute()
        return int(count)


class Cache:
    """The extension: `cache.get(key)` uses the backend of the current app."""

    def init_app(self, app: Flask) -> None:
        url = app.config.get("REDIS_URL")
        app.extensions["cache"] = RedisBackend(url) if url else LocalBackend()

    @property
    def backend(self) -> Backend:
        return current_app.extensions["cache"]

    def get(self, key: str) -> str | None:
        return self.backend.get(key)

    def set(self, key: str, value: str, timeout: int = 300) -> None:
        self.backend.set(key, value, timeout)

    def delete(self, key: str) -> None:
        self.backend.delete(key)

    def incr(self, key: str, timeout: int = 300) -> int:
        return self.backend.incr(key, timeout)
