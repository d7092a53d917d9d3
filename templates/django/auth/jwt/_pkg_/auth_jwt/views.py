"""POST /api/v1/auth/token/, /api/v1/auth/token/refresh/ and /api/v1/auth/logout/."""

from django.contrib.auth.signals import user_logged_in
from rest_framework import status
from rest_framework.exceptions import AuthenticationFailed, ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.views import TokenViewBase

from ..core.log import security_event
from . import tokens
from .serializers import LoginSerializer, LogoutSerializer, RefreshSerializer


class TokenView(TokenViewBase):
    """{username, password} -> 200 {access, refresh}; 401 wrong credentials; 429 too many."""

    serializer_class = LoginSerializer
    # Public: the credentials are in the body. Limited per client IP and per username.
    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_scope = "login"

    def post(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.user
        # Updates last_login and lets the lockout (if any) forget earlier failures.
        user_logged_in.send(sender=type(user), request=request, user=user)
        security_event("login_succeeded", request, user_id=user.pk, outcome="granted")
        return Response(serializer.validated_data)


class RefreshView(TokenViewBase):
    """{refresh} -> 200 with a new {access, refresh}; the one sent is revoked. Reused -> 401."""

    serializer_class = RefreshSerializer
    # Public: the refresh token in the body is the credential.
    permission_classes = [AllowAny]
    authentication_classes = []

    def post(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            pair = tokens.rotate(serializer.validated_data["refresh"], request)
        except tokens.RefreshRefused:
            raise AuthenticationFailed(
                "The refresh token is not valid, has expired or was revoked.",
                code="token_not_valid",
            ) from None
        return Response(pair)


class LogoutView(APIView):
    """{refresh} -> 204: that refresh token is revoked. Access tokens end with their lifetime."""

    permission_classes = [IsAuthenticated]

    def post(self, request: Request) -> Response:
        serializer = LogoutSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if not tokens.revoke(serializer.validated_data["refresh"], request.user):
            raise ValidationError({"refresh": ["Not a valid refresh token of this user."]})
        security_event("logout", request, outcome="refresh token revoked")
        return Response(status=status.HTTP_204_NO_CONTENT)
