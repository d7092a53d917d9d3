"""Users come from the token's sub, just in time; their roles come from OIDC_ROLES_CLAIM on
every request, and RolePermission enforces them (RBAC-2 with OIDC)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.assertions import assert_problem

pytestmark = pytest.mark.django_db

RESOURCE = "/probe/resource/"


def call(api, method: str, token: str):
    return getattr(api, method)(RESOURCE, HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.mark.urls("tests.accounts.role_urls")
@pytest.mark.parametrize(
    ("roles", "allowed"),
    [
        (["viewer"], {"get"}),
        (["editor"], {"get", "post", "put", "patch"}),
        (["admin"], {"get", "post", "put", "patch", "delete"}),
        ([], set()),
    ],
)
def test_roles_from_the_claim_are_enforced(idp, api, roles, allowed):
    token = idp.mint(idp.claims(sub="rita", roles=roles))
    for method in ("get", "post", "put", "patch", "delete"):
        response = call(api, method, token)
        if method in allowed:
            assert response.status_code in (200, 201, 204), method
        else:
            assert_problem(response, 403)


def test_the_first_token_makes_the_user_with_no_usable_password(idp, get_me, security_events):
    assert get_me(idp.mint(idp.claims(sub="new-person"))).status_code == 200
    user = get_user_model().objects.get(username="new-person")
    assert not user.has_usable_password()
    assert [e.event for e in security_events()].count("user_created") == 1
    get_me(idp.mint(idp.claims(sub="new-person")))
    assert get_user_model().objects.filter(username="new-person").count() == 1


def test_roles_follow_the_claim_on_each_request(idp, get_me):
    assert get_me(idp.mint(idp.claims(sub="sam", roles=["editor"]))).json()["roles"] == ["editor"]
    assert get_me(idp.mint(idp.claims(sub="sam", roles=["viewer"]))).json()["roles"] == ["viewer"]
    assert get_me(idp.mint(idp.claims(sub="sam", roles=[]))).json()["roles"] == []


def test_groups_that_are_not_roles_are_left_alone(idp, get_me):
    get_me(idp.mint(idp.claims(sub="gus")))
    user = get_user_model().objects.get(username="gus")
    user.groups.add(Group.objects.create(name="newsletter"))
    get_me(idp.mint(idp.claims(sub="gus", roles=["admin"])))
    assert set(user.groups.values_list("name", flat=True)) == {"newsletter", "admin"}


def test_unknown_role_values_are_ignored(idp, get_me):
    token = idp.mint(idp.claims(sub="uma", roles=["superuser", "viewer", "root", 7]))
    assert get_me(token).json()["roles"] == ["viewer"]


def test_the_roles_claim_and_map_are_configurable(idp, get_me, settings):
    settings.OIDC_ROLES_CLAIM = "realm_access.roles"
    settings.OIDC_ROLE_MAP = {"api-writers": "editor"}
    claims = idp.claims(sub="kim", roles=["admin"], realm_access={"roles": ["api-writers"]})
    assert get_me(idp.mint(claims)).json()["roles"] == ["editor"]


def test_a_space_separated_roles_claim_is_read(idp, get_me):
    assert get_me(idp.mint(idp.claims(sub="sid", roles="viewer editor"))).json()["roles"] == [
        "editor",
        "viewer",
    ]


def test_a_deactivated_user_is_refused(idp, get_me):
    get_me(idp.mint(idp.claims(sub="dee")))
    get_user_model().objects.filter(username="dee").update(is_active=False)
    assert_problem(get_me(idp.mint(idp.claims(sub="dee"))), 401)


def test_an_overlong_sub_is_refused(idp, get_me):
    assert_problem(get_me(idp.mint(idp.claims(sub="s" * 151))), 401)
