"""Bearer access tokens from the identity provider, read from the Authorization header only,
verified against its JWKS: signature (RS256 or ES256, the algorithm of the key), iss, aud,
exp and nbf (AUTH-9)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import jwt
from django.conf import settings
from rest_framework import status
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import APIException, AuthenticationFailed

from ..core.log import security_event
from . import jwks
from .users import UserRefused, user_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser
    from rest_framework.request import Request


class TokenRefused(Exception):
    """Why a token was refused: logged, never told to the client."""


class IdentityProviderUnavailable(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The identity provider's keys cannot be fetched: try again later."
    default_code = "identity_provider_unavailable"


def verify(token: str) -> dict[str, Any]:
    """The token's claims, or TokenRefused."""
    if not (settings.OIDC_ISSUER and settings.OIDC_AUDIENCE and settings.OIDC_JWKS_URL):
        raise TokenRefused("OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL are not all set")
    try:
        header = jwt.get_unverified_header(token)
    except jwt.DecodeError as error:
        raise TokenRefused(f"malformed: {error}") from None
    algorithm, kid = header.get("alg"), header.get("kid")
    if algorithm not in settings.OIDC_ALGORITHMS:
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
            audience=settings.OIDC_AUDIENCE,
            issuer=settings.OIDC_ISSUER,
            leeway=settings.OIDC_LEEWAY,
            options={"require": ["exp", "iss", "aud", "sub"]},
        )
    except jwt.InvalidTokenError as error:
        raise TokenRefused(str(error)[:200]) from None


class OIDCAuthentication(BaseAuthentication):
    """`Authorization: Bearer <access token>`; a token anywhere else is ignored. One answer
    for every bad token; the reason is a `token_rejected` security event."""

    def authenticate(self, request: Request) -> tuple[AbstractBaseUser, dict] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != b"bearer":
            return None
        try:
            if len(parts) != 2:
                raise TokenRefused("malformed Authorization header")
            claims = verify(parts[1].decode("ascii"))
            return user_for(claims, request), claims
        except jwks.KeysUnavailable:
            security_event("token_rejected", request, reason="JWKS unavailable", outcome="503")
            raise IdentityProviderUnavailable from None
        except (TokenRefused, UserRefused, UnicodeDecodeError) as refused:
            security_event("token_rejected", request, reason=str(refused), outcome="refused")
            raise AuthenticationFailed(
                "The access token is not valid or has expired.", code="token_not_valid"
            ) from None

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'
