"""AUTH-5: refresh tokens rotate on use; a used or revoked one is refused and the reuse is
logged; logout revokes."""

import pytest

from tests.assertions import assert_problem
from tests.auth.helpers import LOGOUT_URL, ME_URL, REFRESH_URL, bearer, claims_of

pytestmark = pytest.mark.django_db


def refresh(api, token: str):
    return api.post(REFRESH_URL, {"refresh": token}, format="json")


def logout(api, refresh_token: str, access_token: str):
    return api.post(LOGOUT_URL, {"refresh": refresh_token}, format="json", **bearer(access_token))


def test_refresh_gives_a_new_pair(api, tokens):
    response = refresh(api, tokens["refresh"])
    assert response.status_code == 200
    pair = response.json()
    assert set(pair) == {"access", "refresh"}
    assert pair["refresh"] != tokens["refresh"]
    assert claims_of(pair["refresh"])["jti"] != claims_of(tokens["refresh"])["jti"]
    assert api.get(ME_URL, **bearer(pair["access"])).status_code == 200


def test_the_new_refresh_token_can_be_used_in_turn(api, tokens):
    second = refresh(api, tokens["refresh"]).json()
    assert refresh(api, second["refresh"]).status_code == 200


def test_a_refresh_token_used_twice_gets_401(api, tokens):
    refresh(api, tokens["refresh"])
    body = assert_problem(refresh(api, tokens["refresh"]), 401)
    assert body["detail"] == "The refresh token is not valid, has expired or was revoked."


def test_a_reused_refresh_token_is_logged_as_a_security_event(api, tokens, editor, security_events):
    refresh(api, tokens["refresh"])
    refresh(api, tokens["refresh"])
    (event,) = [e for e in security_events() if e.event == "refresh_token_reused"]
    assert str(event.user_id) == str(editor.pk)
    assert event.path == REFRESH_URL
    assert tokens["refresh"] not in str(event.__dict__)


def test_a_reuse_revokes_every_refresh_token_of_the_user(api, tokens, login, editor):
    other_device = login(editor.username).json()
    rotated = refresh(api, tokens["refresh"]).json()
    refresh(api, tokens["refresh"])  # the stolen copy is played back
    assert_problem(refresh(api, rotated["refresh"]), 401)
    assert_problem(refresh(api, other_device["refresh"]), 401)


def test_logout_revokes_the_refresh_token(api, tokens):
    response = logout(api, tokens["refresh"], tokens["access"])
    assert response.status_code == 204
    assert_problem(refresh(api, tokens["refresh"]), 401)


def test_logout_needs_an_access_token(api, tokens):
    assert_problem(api.post(LOGOUT_URL, {"refresh": tokens["refresh"]}, format="json"), 401)
    assert refresh(api, tokens["refresh"]).status_code == 200


def test_logout_refuses_the_refresh_token_of_another_user(
    api, tokens, user_with_role, login, password
):
    user_with_role("viewer", username="victor", password=password)
    victims = login("victor").json()
    assert_problem(logout(api, victims["refresh"], tokens["access"]), 400)
    assert refresh(api, victims["refresh"]).status_code == 200


def test_the_refresh_token_of_a_deactivated_user_is_refused(api, tokens, editor):
    editor.is_active = False
    editor.save()
    assert_problem(refresh(api, tokens["refresh"]), 401)


def test_the_refresh_token_of_a_deleted_user_is_refused(api, tokens, editor):
    editor.delete()
    assert_problem(refresh(api, tokens["refresh"]), 401)


@pytest.mark.parametrize("garbage", ["", "not-a-token", "a.b.c"])
def test_a_malformed_refresh_token_gets_a_problem(api, garbage):
    response = refresh(api, garbage)
    assert response.status_code in (400, 401)
    assert_problem(response, response.status_code)
