"""Bearer access tokens from the Authorization header; nothing else is read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt import authentication

from ..core.log import security_event

if TYPE_CHECKING:
    from rest_framework.request import Request


class JWTAuthentication(authentication.JWTAuthentication):
    """simplejwt's header authentication, with one answer for every bad token.

    Whether a token was forged, expired, of the wrong type or for another audience is
    logged as a security event, never told to the client.
    """

    def authenticate(self, request: Request):
        try:
            return super().authenticate(request)
        except AuthenticationFailed as failure:
            security_event("token_rejected", request, reason=_reason(failure), outcome="refused")
            raise AuthenticationFailed(
                "The access token is not valid or has expired.", code="token_not_valid"
            ) from None


def _reason(failure: AuthenticationFailed) -> str:
    detail = failure.detail
    if isinstance(detail, dict):
        messages = detail.get("messages") or []
        if messages and isinstance(messages[0], dict):
            return str(messages[0].get("message", ""))
        return str(detail.get("detail", ""))
    return str(detail)
