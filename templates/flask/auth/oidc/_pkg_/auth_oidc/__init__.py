"""OAuth2/OIDC resource server (AUTH-9): bearer access tokens from an identity provider,
verified against its JWKS; users and their roles come from the token.

There is no login, token or logout endpoint: the provider signs users in. OIDC_ISSUER,
OIDC_AUDIENCE and OIDC_JWKS_URL say which provider is trusted (production requires them,
config.py); until all three are set, every token is refused.
"""

import ipaddress
from urllib.parse import urlsplit

from flask import Flask

from ..accounts import access
from ..secrets_loader import ConfigurationError
from . import authentication


def init_app(app: Flask) -> None:
    # Refuses to start with a JWKS URL the keys could be tampered with on the way from.
    if app.config["OIDC_JWKS_URL"]:
        check_jwks_url(app.config["OIDC_JWKS_URL"])
    access.add_authenticator(app, authentication.authenticate_request, "Bearer")


def check_jwks_url(url: str) -> str:
    """The URL, or ConfigurationError unless it is https (http only on a loopback address,
    for a provider on the same host)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return url
    if parts.scheme == "http" and parts.hostname:
        host = parts.hostname
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = host == "localhost"
        if loopback:
            return url
    raise ConfigurationError(
        "OIDC_JWKS_URL must be an https URL (http only on a loopback address), "
        "such as https://idp.example.com/realms/main/protocol/openid-connect/certs."
    )
