from rest_framework import serializers


class LoginSerializer(serializers.Serializer):
    """{username, password}, bounded before anything hashes or stores them (the lockout
    keeps 255 characters of a username)."""

    username = serializers.CharField(write_only=True, max_length=150)
    password = serializers.CharField(write_only=True, max_length=4096, trim_whitespace=False)
