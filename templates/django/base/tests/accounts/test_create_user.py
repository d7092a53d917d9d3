"""RBAC-4: `manage.py create_user NAME --role ROLE --password-stdin`."""

import io
import secrets

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

PASSWORD = secrets.token_urlsafe(16)


def create_user(*args: str, stdin: str = PASSWORD + "\n") -> str:
    out = io.StringIO()
    call_command("create_user", *args, stdin=io.StringIO(stdin), stdout=out)
    return out.getvalue()


def test_create_user_makes_a_user_with_the_role_and_the_password_from_stdin():
    output = create_user("alice", "--role", "editor", "--password-stdin")
    user = get_user_model().objects.get(username="alice")
    assert user.check_password(PASSWORD)
    assert list(user.groups.values_list("name", flat=True)) == ["editor"]
    assert not user.is_staff
    assert "editor" in output
    assert PASSWORD not in output


def test_create_user_refuses_an_unknown_role_and_names_the_roles():
    with pytest.raises(CommandError, match="Unknown role 'root'.*admin, editor, viewer"):
        create_user("alice", "--role", "root", "--password-stdin")
    assert not get_user_model().objects.filter(username="alice").exists()


def test_create_user_refuses_a_password_the_validators_reject():
    with pytest.raises(CommandError, match="Password refused"):
        create_user("alice", "--role", "viewer", "--password-stdin", stdin="password123\n")
    assert not get_user_model().objects.filter(username="alice").exists()


def test_create_user_refuses_a_password_similar_to_the_username():
    with pytest.raises(CommandError, match="Password refused"):
        create_user("margaretha", "--role", "viewer", "--password-stdin", stdin="margaretha12\n")


def test_create_user_never_takes_the_password_from_the_arguments():
    with pytest.raises(CommandError, match="--password-stdin"):
        create_user("alice", "--role", "viewer")


def test_create_user_refuses_an_empty_password():
    with pytest.raises(CommandError, match="No password"):
        create_user("alice", "--role", "viewer", "--password-stdin", stdin="\n")


def test_create_user_refuses_an_existing_username():
    create_user("alice", "--role", "viewer", "--password-stdin")
    with pytest.raises(CommandError, match="already exists"):
        create_user("alice", "--role", "admin", "--password-stdin")
    user = get_user_model().objects.get(username="alice")
    assert list(user.groups.values_list("name", flat=True)) == ["viewer"]
