"""CORS (HDR-7) with flask-cors: only the origins in CORS_ALLOWED_ORIGINS may call the API
from a browser; none by default, never "*". Bearer tokens need no cookies, so credentials are
not allowed."""

from __future__ import annotations

from flask import Flask
from flask_cors import CORS

from .secrets_loader import ConfigurationError


def init_app(app: Flask) -> None:
    origins: list[str] = app.config["CORS_ALLOWED_ORIGINS"]
    if any("*" in origin for origin in origins):
        raise ConfigurationError(
            "CORS_ALLOWED_ORIGINS must list origins (https://app.example.com), never '*'."
        )
    if not origins:
        return  # no origin allowed: no CORS headers at all
    CORS(
        app,
        resources={r"/api/*": {"origins": origins}},
        supports_credentials=False,
        allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
        expose_headers=["Retry-After", "X-Request-ID"],
        max_age=600,
    )
