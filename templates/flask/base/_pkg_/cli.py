"""`flask check-deploy`: fails when the configuration this process loaded is unfit for production.

Flask's counterpart of Django's `check --deploy`: `make check` runs it with APP_ENV=production
and throwaway values. It reads the configuration, then asks the app as a client would, over
plain HTTP and over HTTPS, without touching the database or the cache.
"""

from __future__ import annotations

from collections.abc import Iterator

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from .security import SECURITY_HEADERS

ONE_YEAR = 31_536_000


@click.command("check-deploy")
@with_appcontext
def check_deploy() -> None:
    """Check the production configuration and the headers it serves."""
    findings = list(deployment_findings(current_app))
    for finding in findings:
        click.echo(f"  - {finding}", err=True)
    if findings:
        raise click.ClickException(f"check-deploy found {len(findings)} issue(s).")
    click.echo("check-deploy: no issues found.")


def deployment_findings(app: Flask) -> Iterator[str]:
    config = app.config
    if config["APP_ENV"] != "production":
        yield f"APP_ENV is {config['APP_ENV']}: run the check with APP_ENV=production."
    if app.debug or config["TESTING"]:
        yield "DEBUG and TESTING must be off."
    if len(config["SECRET_KEY"] or "") < 50:
        yield "SECRET_KEY must be 50 or more random characters."
    if not config["TRUSTED_HOSTS"]:
        yield "TRUSTED_HOSTS (ALLOWED_HOSTS) is empty: every Host would be accepted."
    if not config["MAX_CONTENT_LENGTH"]:
        yield "MAX_CONTENT_LENGTH is not set: request bodies are unbounded."
    if not config["HTTPS_REDIRECT"]:
        yield "HTTPS_REDIRECT is off: plain HTTP would be served."
    if config["HSTS_SECONDS"] < ONE_YEAR:
        yield f"HSTS_SECONDS must be at least {ONE_YEAR} (a year)."
    if not (config["SESSION_COOKIE_SECURE"] and config["SESSION_COOKIE_HTTPONLY"]):
        yield "SESSION_COOKIE_SECURE and SESSION_COOKIE_HTTPONLY must be on."
    if config["SESSION_COOKIE_SAMESITE"] not in ("Lax", "Strict"):
        yield "SESSION_COOKIE_SAMESITE must be Lax or Strict."
    if not config["SESSION_COOKIE_NAME"].startswith("__Host-") or config["SESSION_COOKIE_DOMAIN"]:
        yield "SESSION_COOKIE_NAME must start with __Host- and SESSION_COOKIE_DOMAIN be unset."
    if config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        yield "The database is SQLite: set DATABASE_URL to PostgreSQL."
    if not config["REDIS_URL"]:
        yield "REDIS_URL is not set: the cache would not be shared between workers."
    yield from _served_headers(app)


def _served_headers(app: Flask) -> Iterator[str]:
    """Asks for a missing page, which touches neither the database nor the cache."""
    host = (app.config["TRUSTED_HOSTS"] or ["localhost"])[0].lstrip(".")
    client = app.test_client()
    plain = client.get("/check-deploy/", base_url=f"http://{host}")
    if plain.status_code != 301 or not plain.location.startswith("https://"):
        yield f"Plain HTTP is answered with {plain.status_code}, not a redirect to HTTPS."
    secure = client.get("/check-deploy/", base_url=f"https://{host}")
    if secure.status_code != 404 or secure.mimetype != "application/problem+json":
        yield f"A missing page gets {secure.status_code} {secure.mimetype}, not a problem+json 404."
    expected = {**SECURITY_HEADERS, "Strict-Transport-Security": "max-age="}
    for name, value in expected.items():
        if not secure.headers.get(name, "").startswith(value):
            yield f"{name} is {secure.headers.get(name)!r}, expected {value!r}."
