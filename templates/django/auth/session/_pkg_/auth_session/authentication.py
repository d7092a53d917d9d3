"""The session cookie authenticates API requests; unsafe methods need the CSRF token too."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework import authentication

if TYPE_CHECKING:
    from rest_framework.request import Request

# A 401 must name a scheme (RFC 9110); without one DRF answers 403 instead.
CHALLENGE = 'Session realm="api"'


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication: the user of the session cookie, and CSRF checked
    (token and Origin or Referer) on POST, PUT, PATCH and DELETE of a signed-in user."""

    def authenticate_header(self, request: Request) -> str:
        return CHALLENGE


class LoginChallenge(authentication.BaseAuthentication):
    """For the login endpoint: authenticates nobody (the credentials are in the body), but
    gives wrong credentials a 401 with a challenge rather than DRF's 403."""

    def authenticate(self, request: Request) -> None:
        return None

    def authenticate_header(self, request: Request) -> str:
        return CHALLENGE
