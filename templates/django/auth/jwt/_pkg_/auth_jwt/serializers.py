from rest_framework import serializers
from rest_framework_simplejwt.serializers import TokenObtainPairSerializer


class LoginSerializer(TokenObtainPairSerializer):
    """{username, password}. An unknown user, a wrong password and an inactive account get
    the same answer; Django's ModelBackend runs the hasher for unknown users too (AUTH-3)."""

    default_error_messages = {"no_active_account": "The username or password is not correct."}


class RefreshSerializer(serializers.Serializer):
    refresh = serializers.CharField(write_only=True, max_length=4096)


class LogoutSerializer(serializers.Serializer):
    refresh = serializers.CharField(write_only=True, max_length=4096)
