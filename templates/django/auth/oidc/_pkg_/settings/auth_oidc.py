"""OAuth2/OIDC resource server settings (AUTH-9).

Production requires OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL; the other settings have
defaults in base.py (algorithms, roles claim and map, leeway, JWKS caching).
"""

import ipaddress
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def check_jwks_url(url: str) -> str:
    """The URL, or ImproperlyConfigured unless it is https (http only on a loopback address,
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
    raise ImproperlyConfigured(
        "OIDC_JWKS_URL must be an https URL (http only on a loopback address), "
        "such as https://idp.example.com/realms/main/protocol/openid-connect/certs."
    )
