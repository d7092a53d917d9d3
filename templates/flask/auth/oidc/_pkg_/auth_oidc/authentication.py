"""Bearer access tokens from the identity provider, read from the Authorization header only,
verified against its JWKS: signature (RS256 or ES256, the algorithm of the key), iss, aud,
exp and nbf (AUTH-9)."""

from __future__ import annotations

from typing import Any

import jwt
from flask import current_app, request
from werkzeug.exceptions import ServiceUnavailable

from ..accounts.access import unauthorized
from ..accounts.models import User
from ..log import security_event
from . import jwks
from .users import UserRefused, user_for

REFUSED = "The access token is not valid or has expired."


class TokenRefused(Exception):
    """Why a token was refused: logged, never told to the client."""


def verify(token: str) -> dict[str, Any]:
    """The token's claims, or TokenRefused."""
    config = current_app.config
    if not (config["OIDC_ISSUER"] and config["OIDC_AUDIENCE"] and config["OIDC_JWKS_URL"]):
        raise TokenRefused("OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL are not all set")
    try:
        header = jwt.get_unverified_header(token)
    except jwt.DecodeError as error:
        raise TokenRefused(f"malformed: {error}") from None
    algorithm, kid = header.get("alg"), header.get("kid")
    if algorithm not in config["OIDC_ALGORITHMS"]:
        raise TokenRefused(f"algorithm {str(algorithm)[:20]!r} is not allowed")
    if not isinstance(kid, str) or not kid:
        raise TokenRefused("no kid")
    key = jwks.signing_key(kid)
    if key is None:
        raise TokenRefused(f"unknown kid {kid[:64]!r}")
    # The key decides the algorithm: an RS256 header on an EC key, or the reverse, is refused.
    if key.algorithm_name != algorithm:
        raise TokenRefused(f"algorithm {algorithm} does not match the key")
    try:
        return jwt.decode(
            token,
            key=key.key,
            algorithms=[algorithm],
            audience=config["OIDC_AUDIENCE"],
            issuer=config["OIDC_ISSUER"],
            leeway=config["OIDC_LEEWAY"],
            options={"require": ["exp", "iss", "aud", "sub"]},
        )
    except jwt.InvalidTokenError as error:
        raise TokenRefused(str(error)[:200]) from None


def authenticate_request() -> User | None:
    """The authenticator: `Authorization: Bearer <access token>`; a token anywhere else is
    ignored. None without such a header; one 401 for every bad token, the reason going to a
    `token_rejected` security event; 503 when the provider's keys cannot be had."""
    parts = request.headers.get("Authorization", "").split()
    if not parts or parts[0].lower() != "bearer":
        return None
    try:
        if len(parts) != 2:
            raise TokenRefused("malformed Authorization header")
        return user_for(verify(parts[1]))
    except jwks.KeysUnavailable:
        security_event("token_rejected", reason="JWKS unavailable", outcome="503")
        raise ServiceUnavailable(
            "The identity provider's keys cannot be fetched: try again later.",
            retry_after=current_app.config["OIDC_JWKS_MIN_REFETCH_SECONDS"],
        ) from None
    except (TokenRefused, UserRefused) as refused:
        security_event("token_rejected", reason=str(refused), outcome="refused")
        raise unauthorized(REFUSED) from None
