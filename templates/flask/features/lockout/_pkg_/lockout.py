"""Lockout after repeated login failures (RATE-2).

After FAILURE_LIMIT failed logins for one username from one client IP, that pair is refused
with 429 problem+json and Retry-After for COOL_OFF, the right password included. Failures are
counted in the cache, Redis in production, so every worker and host shares them. A success
forgets the earlier failures; `flask unlock-user NAME` lifts a lockout early.
"""

from __future__ import annotations

import hashlib
import math
import secrets
import time
from datetime import timedelta

import click
from flask import Flask, request
from flask.cli import with_appcontext
from werkzeug.exceptions import TooManyRequests

from .accounts import access
from .extensions import cache
from .log import security_event

FAILURE_LIMIT = 5
# How long a lockout lasts after the failure that caused it; attempts refused during it do not
# extend it, so Retry-After tells the truth.
COOL_OFF = timedelta(minutes=15)
# Unlocking starts a new generation of keys for the username; it outlives any lockout.
GENERATION_SECONDS = 24 * 3600


def init_app(app: Flask) -> None:
    access.add_hook(app, "login_attempt", refuse_if_locked)
    access.add_hook(app, "login_failed", count_failure)
    access.add_hook(app, "login_succeeded", forget_failures)
    app.cli.add_command(unlock_user)


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def _user(username: str) -> str:
    """Case and surrounding spaces do not make another username."""
    return _digest(username.strip().casefold())


def _keys(username: str) -> tuple[str, str]:
    """(failures, locked-until) keys of this username from this client IP."""
    user = _user(username)
    generation = cache.get(f"lockout:generation:{user}") or "0"
    # The client IP as everywhere else: REMOTE_ADDR unless TRUSTED_PROXY_COUNT says otherwise.
    pair = f"lockout:{user}:{generation}:{_digest(request.remote_addr or '')}"
    return f"{pair}:failures", f"{pair}:until"


def refuse_if_locked(username: str) -> None:
    _, until_key = _keys(username)
    until = float(cache.get(until_key) or 0)
    wait = math.ceil(until - time.time())
    if wait > 0:
        security_event("login_locked_out", outcome="refused", retry_after=wait)
        raise TooManyRequests("Too many failed logins: try again later.", retry_after=wait)


def count_failure(username: str) -> None:
    failures_key, until_key = _keys(username)
    seconds = int(COOL_OFF.total_seconds())
    if cache.incr(failures_key, seconds) >= FAILURE_LIMIT:
        cache.set(until_key, str(time.time() + seconds), timeout=seconds)
        cache.delete(failures_key)
        security_event("lockout", username=username, cool_off_seconds=seconds, outcome="locked")


def forget_failures(username: str) -> None:
    failures_key, _ = _keys(username)
    cache.delete(failures_key)


@click.command("unlock-user")
@click.argument("username")
@with_appcontext
def unlock_user(username: str) -> None:
    """Lift the lockout of USERNAME from every client, and forget its failures."""
    key = f"lockout:generation:{_user(username)}"
    cache.set(key, secrets.token_hex(8), timeout=GENERATION_SECONDS)
    click.echo(f"Unlocked {username!r}: its failed logins are forgotten.")
