"""JWT bearer authentication (AUTH-4 to AUTH-7), on PyJWT.

POST /api/v1/auth/token/ gives a 5-minute access token and a refresh token;
POST /api/v1/auth/token/refresh/ rotates the refresh token (a reused one revokes every refresh
token of its user); POST /api/v1/auth/logout/ revokes one. Refresh tokens are rows of the
`refresh_tokens` table, so a revocation holds in every worker. Access tokens are read from the
Authorization header only, HS256 only, with `iss` and `aud` checked.
"""

from flask import Flask

from ..accounts import access
from . import cli, tokens, views


def init_app(app: Flask) -> None:
    # Refuses to start with a short, repetitive or reused key (every environment).
    tokens.check_signing_key(app.config["JWT_SIGNING_KEY"], app.config["SECRET_KEY"])
    access.add_authenticator(app, tokens.authenticate_request, "Bearer")
    app.register_blueprint(views.bp)
    app.cli.add_command(cli.flush_expired_tokens)
