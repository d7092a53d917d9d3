"""The absolute session timeout (AUTH-8): a session ends SESSION_ABSOLUTE_TIMEOUT seconds
after login, however active it is. The idle timeout is Django's own (SESSION_COOKIE_AGE
with SESSION_SAVE_EVERY_REQUEST)."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse

from ..core.log import security_event

# Set by the login view: when the session was signed in, in seconds since the epoch.
LOGIN_AT = "auth_session_login_at"


def now() -> float:
    return time.time()


class AbsoluteSessionTimeoutMiddleware:
    """Flushes a signed-in session older than SESSION_ABSOLUTE_TIMEOUT, or one without a
    login time (not made by the login view), before any view sees its user."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if SESSION_KEY in session:
            login_at = session.get(LOGIN_AT)
            too_old = (
                not isinstance(login_at, int | float)
                or now() - login_at > settings.SESSION_ABSOLUTE_TIMEOUT
            )
            if too_old:
                user_id = session.get(SESSION_KEY)
                session.flush()
                request.user = AnonymousUser()
                security_event(
                    "session_expired",
                    request,
                    user_id=user_id,
                    reason="absolute timeout",
                    outcome="signed out",
                )
        return self.get_response(request)
