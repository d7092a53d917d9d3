"""Session authentication (AUTH-8): server-side sessions, with CSRF on unsafe methods.

POST /api/v1/auth/login/ starts a new session (a new id, whatever the client sent) and returns
the user with a CSRF token; POST /api/v1/auth/logout/ deletes the session from the store;
GET /api/v1/auth/csrf/ gives a fresh CSRF token. Sessions live in the cache (Redis in
production, shared by every worker), the cookie holds only a random id. A session ends after
SESSION_IDLE_TIMEOUT unused seconds or SESSION_ABSOLUTE_TIMEOUT seconds after login.
"""

from flask import Flask, request
from werkzeug.exceptions import MethodNotAllowed

from ..accounts import access
from . import csrf, sessions, views


def init_app(app: Flask) -> None:
    # Flask's own session is a signed cookie holding the data: replaced by one holding an id.
    app.session_interface = sessions.ServerSideSessionInterface()
    access.add_authenticator(app, sessions.authenticate_request, "Session")
    app.before_request(check_csrf_before_routing_errors)
    app.register_blueprint(views.bp)


def check_csrf_before_routing_errors() -> None:
    """A signed-in unsafe request to a URL that exists but not for its method gets the CSRF
    check (403) before the 405, as in the Django project, where authentication runs first."""
    if request.method not in csrf.SAFE_METHODS and isinstance(
        request.routing_exception, MethodNotAllowed
    ):
        access.current_user()
