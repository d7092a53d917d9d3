"""The OpenAPI document: complete and valid, served to signed-in users only."""

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from tests.assertions import assert_problem

pytestmark = pytest.mark.django_db


def test_the_schema_builds_without_a_warning_and_validates(tmp_path):
    # --fail-on-warn: a view drf-spectacular cannot describe fails the build.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "openapi.yaml")
    assert "openapi: 3" in (tmp_path / "openapi.yaml").read_text()


def test_anonymous_clients_get_no_schema():
    response = APIClient().get("/api/schema/")
    assert response.status_code in (401, 403)
    assert_problem(response, response.status_code)


def test_a_viewer_gets_the_schema_with_problem_details_for_errors(api_client_as):
    client = api_client_as("viewer")
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    me = schema["paths"]["/api/v1/auth/me/"]["get"]["responses"]
    assert set(me) >= {"200", "401", "403", "429"}
    assert "application/problem+json" in me["401"]["content"]


def test_the_schema_describes_health_for_anyone(api_client_as):
    schema = api_client_as("viewer").get("/api/schema/?format=json").json()
    health = schema["paths"]["/health/"]["get"]
    assert health["security"] == []
    assert set(health["responses"]) == {"200", "400", "503"}
    assert "application/problem+json" in health["responses"]["503"]["content"]
    assert schema["components"]["schemas"]["Health"]["required"] == ["status", "checks"]
