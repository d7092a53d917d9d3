from rest_framework import serializers

from .roles import roles_of


class MeSerializer(serializers.Serializer):
    """Read only: roles and staff flags are never written through the API."""

    id = serializers.IntegerField(source="pk", read_only=True)
    username = serializers.CharField(source="get_username", read_only=True)
    roles = serializers.SerializerMethodField()

    def get_roles(self, user) -> list[str]:
        return roles_of(user)
