"""GET /api/v1/auth/me/: who is signed in, with which roles; read only (RBAC-3)."""

import pytest

from tests.apps import as_user
from tests.assertions import assert_problem

ME_URL = "/api/v1/auth/me/"


def test_me_shows_the_user_and_their_roles(client, user_with_role):
    editor = user_with_role("editor", username="edith")
    response = client.get(ME_URL, environ_base=as_user(editor))
    assert response.status_code == 200
    assert response.get_json() == {"id": editor.id, "username": "edith", "roles": ["editor"]}


def test_me_refuses_anonymous_requests(client):
    assert_problem(client.get(ME_URL), 401)


def test_me_answers_a_user_without_a_role_with_no_roles(client, user_with_role):
    nobody = user_with_role(None)
    assert client.get(ME_URL, environ_base=as_user(nobody)).get_json()["roles"] == []


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_me_is_read_only(client, user_with_role, method):
    viewer = user_with_role("viewer")
    body = {"roles": ["admin"], "is_active": True, "username": "root"}
    response = client.open(ME_URL, method=method, json=body, environ_base=as_user(viewer))
    assert_problem(response, 405)


def test_a_viewer_cannot_make_themselves_admin_through_me(client, user_with_role):
    viewer = user_with_role("viewer", username="vera")
    client.patch(ME_URL, json={"roles": ["admin"]}, environ_base=as_user(viewer))
    me = client.get(ME_URL, environ_base=as_user(viewer)).get_json()
    assert me == {"id": viewer.id, "username": "vera", "roles": ["viewer"]}


def test_authenticated_responses_are_not_cached(client, user_with_role):
    response = client.get(ME_URL, environ_base=as_user(user_with_role("viewer")))
    assert "no-store" in response.headers["Cache-Control"]
