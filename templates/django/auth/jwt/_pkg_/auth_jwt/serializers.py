from typing import Any

from rest_framework import serializers
from rest_framework_simplejwt.serializers import PasswordField, TokenObtainPairSerializer


class LoginSerializer(TokenObtainPairSerializer):
    """{username, password}. An unknown user, a wrong password and an inactive account get
    the same answer; Django's ModelBackend runs the hasher for unknown users too (AUTH-3)."""

    default_error_messages = {"no_active_account": "The username or password is not correct."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Bounded before anything hashes or stores them (the lockout keeps 255 characters).
        self.fields[self.username_field] = serializers.CharField(write_only=True, max_length=150)
        self.fields["password"] = PasswordField(max_length=4096)


class RefreshSerializer(serializers.Serializer):
    refresh = serializers.CharField(write_only=True, max_length=4096)


class LogoutSerializer(serializers.Serializer):
    refresh = serializers.CharField(write_only=True, max_length=4096)
