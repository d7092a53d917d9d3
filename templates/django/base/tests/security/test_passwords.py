"""AUTH-1, AUTH-2: Argon2id hashes, old hashes upgraded, passwords of 12 characters or more."""

import secrets

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

pytestmark = pytest.mark.django_db

PASSWORD = secrets.token_urlsafe(16)


def test_production_hashes_passwords_with_argon2id(django_user_model, production_settings):
    user = django_user_model.objects.create_user("alice", password=PASSWORD)
    assert user.password.startswith("argon2$argon2id$")


def test_an_older_hash_is_upgraded_to_argon2id_at_login(
    django_user_model, settings, use_production_settings
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    user = django_user_model.objects.create_user("bob", password=PASSWORD)
    use_production_settings()
    assert user.check_password(PASSWORD)
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")


@pytest.mark.usefixtures("production_settings")
def test_a_password_shorter_than_12_characters_is_rejected():
    with pytest.raises(ValidationError) as rejected:
        validate_password("Xq7#mV2p!Lz")
    assert "password_too_short" in [error.code for error in rejected.value.error_list]


@pytest.mark.usefixtures("production_settings")
def test_a_password_of_12_characters_is_accepted():
    validate_password("Xq7#mV2p!Lz9")


@pytest.mark.usefixtures("production_settings")
def test_no_composition_rule_refuses_a_long_password():
    """AUTH-2: length, not character classes; digits only or lowercase letters only will do."""
    validate_password("730581946273")
    validate_password("correct horse battery staple")


@pytest.mark.usefixtures("production_settings")
def test_a_common_password_is_rejected():
    with pytest.raises(ValidationError) as rejected:
        validate_password("password1234")
    assert "password_too_common" in [error.code for error in rejected.value.error_list]
