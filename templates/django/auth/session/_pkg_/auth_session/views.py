"""POST /api/v1/auth/login/, POST /api/v1/auth/logout/ and GET /api/v1/auth/csrf/."""

from django.contrib.auth import authenticate, login, logout
from django.middleware.csrf import get_token
from rest_framework import status
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ..accounts.serializers import MeSerializer
from ..core.log import security_event
from .authentication import LoginChallenge
from .middleware import LOGIN_AT, now
from .serializers import LoginSerializer


class LoginView(APIView):
    """{username, password} -> 200 {id, username, roles, csrf_token} and a new session
    cookie; 401 wrong credentials; 429 too many tries or locked out."""

    # Public: the credentials are in the body. Limited per client IP and per username.
    permission_classes = [AllowAny]
    authentication_classes = [LoginChallenge]
    throttle_scope = "login"

    def post(self, request: Request) -> Response:
        serializer = LoginSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # The request goes to the backends so that the lockout (if any) can count and refuse.
        # An unknown user, a wrong password and an inactive account get the same answer;
        # Django's ModelBackend runs the hasher for unknown users too (AUTH-3).
        user = authenticate(
            request,
            username=serializer.validated_data["username"],
            password=serializer.validated_data["password"],
        )
        if user is None:
            raise AuthenticationFailed(
                "The username or password is not correct.", code="no_active_account"
            )
        http_request = request._request
        # A new session whatever the client sent: nothing planted before login survives it.
        # login() gives it a new key and a new CSRF token, and sends user_logged_in (which
        # updates last_login and lets the lockout forget earlier failures).
        http_request.session.flush()
        login(http_request, user)
        http_request.session[LOGIN_AT] = now()
        security_event("login_succeeded", request, user_id=user.pk, outcome="granted")
        return Response({**MeSerializer(user).data, "csrf_token": get_token(http_request)})


class LogoutView(APIView):
    """-> 204: the session is deleted server-side; its cookie no longer works anywhere.
    Needs the CSRF token, as every unsafe request of a signed-in user."""

    permission_classes = [IsAuthenticated]

    def post(self, request: Request) -> Response:
        security_event("logout", request, user_id=request.user.pk, outcome="session ended")
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CsrfView(APIView):
    """-> 200 {csrf_token} and the CSRF cookie: what a client sends back as X-CSRFToken."""

    # Public: the token is worthless without the cookie, which only this client receives.
    permission_classes = [AllowAny]
    authentication_classes = []

    def get(self, request: Request) -> Response:
        return Response({"csrf_token": get_token(request._request)})
