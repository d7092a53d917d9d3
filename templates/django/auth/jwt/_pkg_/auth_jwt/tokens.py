"""Issuing, rotating and revoking refresh tokens, with reuse detection (AUTH-5)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import transaction
from rest_framework_simplejwt.exceptions import TokenBackendError, TokenError
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.state import token_backend
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from ..core.log import security_event

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser
    from rest_framework.request import Request


class RefreshRefused(Exception):
    """The refresh token is forged, expired, of another type, revoked or already used."""


def issue_pair(user: AbstractBaseUser) -> dict[str, str]:
    """A new refresh token (recorded as outstanding) and an access token made from it."""
    refresh = RefreshToken.for_user(user)
    return {"access": str(refresh.access_token), "refresh": str(refresh)}


def rotate(raw_refresh: str, request: Request) -> dict[str, str]:
    """Revoke the refresh token and issue a new pair; RefreshRefused if it cannot be used.

    Presenting a revoked refresh token again means that it was copied: every refresh
    token of its user is revoked, so that the thief and the user both have to log in.
    """
    try:
        refresh = RefreshToken(raw_refresh)  # signature, exp, iss, aud, type, revocation
    except TokenError:
        _revoke_all_if_reused(raw_refresh, request)
        raise RefreshRefused from None
    user = _active_user(refresh)
    with transaction.atomic():
        outstanding = OutstandingToken.objects.filter(jti=refresh[api_settings.JTI_CLAIM]).first()
        if outstanding is None:
            raise RefreshRefused
        # Of two requests racing with the same token, only one creates the blacklist entry.
        _, first_use = BlacklistedToken.objects.get_or_create(token=outstanding)
    if not first_use:
        _revoke_all(user.pk, request)
        raise RefreshRefused
    return issue_pair(user)


def revoke(raw_refresh: str, user: AbstractBaseUser) -> bool:
    """Logout: revoke the user's own refresh token; False when it is not a usable one of theirs."""
    try:
        refresh = RefreshToken(raw_refresh)
    except TokenError:
        return False
    if refresh.get(api_settings.USER_ID_CLAIM) != str(user.pk):
        return False
    refresh.blacklist()
    return True


def _active_user(refresh: RefreshToken) -> AbstractBaseUser:
    User = get_user_model()
    user_id = refresh.get(api_settings.USER_ID_CLAIM)
    user = User.objects.filter(**{api_settings.USER_ID_FIELD: user_id}).first()
    if user is None or not user.is_active:
        raise RefreshRefused
    return user


def _revoke_all_if_reused(raw_refresh: str, request: Request) -> None:
    """A genuine refresh token (valid signature, not expired) that was revoked: a reuse."""
    try:
        payload: dict[str, Any] = token_backend.decode(raw_refresh)
    except TokenBackendError:
        return
    if payload.get(api_settings.TOKEN_TYPE_CLAIM) != "refresh":
        return
    jti = payload.get(api_settings.JTI_CLAIM)
    if BlacklistedToken.objects.filter(token__jti=jti).exists():
        _revoke_all(payload.get(api_settings.USER_ID_CLAIM), request)


def _revoke_all(user_id: Any, request: Request) -> None:
    live = OutstandingToken.objects.filter(user_id=user_id, blacklistedtoken__isnull=True)
    revoked = [BlacklistedToken(token=token) for token in live]
    BlacklistedToken.objects.bulk_create(revoked, ignore_conflicts=True)
    security_event(
        "refresh_token_reused",
        request,
        user_id=user_id,
        revoked_tokens=len(revoked),
        outcome="refused; every refresh token of the user revoked",
    )
