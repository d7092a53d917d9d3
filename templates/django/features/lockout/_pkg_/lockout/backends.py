from __future__ import annotations

from typing import TYPE_CHECKING, Any

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_cool_off
from rest_framework import status
from rest_framework.exceptions import APIException

from ..core.log import security_event
from ..core.problems import problem_response

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse


class LockedOut(APIException):
    """429 with Retry-After. Not a PermissionDenied: it must get through authenticate()."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_detail = "Too many failed logins: try again later."
    default_code = "locked_out"

    def __init__(self, wait: int) -> None:
        super().__init__()
        self.wait = wait


def cool_off_seconds(request: HttpRequest) -> int:
    cool_off = get_cool_off(request)
    return int(cool_off.total_seconds()) if cool_off else 0


class LockoutBackend(AxesStandaloneBackend):
    """Axes' check, first in AUTHENTICATION_BACKENDS. A locked-out attempt raises LockedOut,
    which Django's authenticate() lets through and DRF answers as 429 problem+json; axes' own
    PermissionDenied would end as a 401 like a wrong password."""

    def authenticate(
        self,
        request: HttpRequest,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        try:
            return super().authenticate(request, username=username, password=password, **kwargs)
        except AxesBackendPermissionDenied:
            security_event("login_locked_out", request, username=username, outcome="refused")
            raise LockedOut(wait=cool_off_seconds(request)) from None


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: what AxesMiddleware answers for a login flow outside DRF.
    The same 429 problem+json as LockedOut, never axes' default (HTML, or a CORS wildcard)."""
    response = problem_response(request, LockedOut.status_code, str(LockedOut.default_detail))
    response["Retry-After"] = str(cool_off_seconds(request))
    return response
