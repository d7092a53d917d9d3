"""Shapes that appear only in the schema: the problem details every error has, and the
bodies of views that build their answer by hand."""

from rest_framework import serializers


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details (core/problems.py); `errors` holds each invalid field's messages."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField()
    errors = serializers.JSONField(required=False)


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()


class CsrfTokenSerializer(serializers.Serializer):
    csrf_token = serializers.CharField()


class SessionLoginSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    roles = serializers.ListField(child=serializers.CharField())
    csrf_token = serializers.CharField()


class QueryPlanSerializer(serializers.Serializer):
    name = serializers.CharField()
    database = serializers.CharField()
    sql = serializers.CharField()
    plan = serializers.CharField()
