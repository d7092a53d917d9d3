"""A test-only login view: any login endpoint calls authenticate() with the request."""

from django.contrib.auth import authenticate
from django.urls import path
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView


class Login(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []

    def get_authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'

    def post(self, request: Request) -> Response:
        user = authenticate(
            request, username=request.data.get("username"), password=request.data.get("password")
        )
        if user is None:
            raise AuthenticationFailed("The username or password is not correct.")
        return Response({"id": user.pk})


urlpatterns = [path("probe/login/", Login.as_view())]
