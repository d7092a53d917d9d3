"""GET /api/v1/auth/me/; RBAC-3: nobody changes their own roles or staff flags through the API;
HDR-5: authenticated responses are not cached."""

import pytest
from rest_framework.test import APIClient

from tests.assertions import assert_problem

pytestmark = pytest.mark.django_db

URL = "/api/v1/auth/me/"


def test_me_shows_the_user_and_their_roles(api_client_as):
    client = api_client_as("editor")
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == {
        "id": client.user.pk,
        "username": client.user.username,
        "roles": ["editor"],
    }


def test_me_refuses_anonymous_requests():
    response = APIClient().get(URL)
    assert response.status_code in (401, 403)
    assert_problem(response, response.status_code)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_me_is_read_only(api_client_as, method):
    assert_problem(getattr(api_client_as("viewer"), method)(URL, {}, format="json"), 405)


@pytest.mark.parametrize("method", ["put", "patch"])
def test_a_viewer_cannot_make_themselves_admin_or_staff_through_me(api_client_as, method):
    client = api_client_as("viewer")
    escalation = {"roles": ["admin"], "groups": ["admin"], "is_staff": True, "is_superuser": True}
    getattr(client, method)(URL, escalation, format="json")
    client.user.refresh_from_db()
    assert not client.user.is_staff
    assert not client.user.is_superuser
    assert client.get(URL).json()["roles"] == ["viewer"]


def test_authenticated_responses_are_not_cached(api_client_as):
    assert api_client_as("viewer").get(URL)["Cache-Control"] == "no-store"
