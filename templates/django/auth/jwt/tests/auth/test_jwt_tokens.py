"""AUTH-4, AUTH-6, AUTH-7: forged, altered, expired and misdirected tokens are refused; token
types are not interchangeable; tokens are read from the Authorization header only."""

import secrets

import pytest

from tests.assertions import assert_problem
from tests.auth.helpers import (
    ME_URL,
    REFRESH_URL,
    bearer,
    claims_of,
    expired,
    signed,
    unsigned,
    with_claims,
)

pytestmark = pytest.mark.django_db


def assert_refused(response) -> None:
    body = assert_problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert body["detail"] == "The access token is not valid or has expired."


def test_a_request_without_a_token_gets_401_with_a_bearer_challenge(api):
    assert_problem(api.get(ME_URL), 401)
    assert api.get(ME_URL)["WWW-Authenticate"] == 'Bearer realm="api"'


def test_a_token_with_alg_none_is_refused(api, tokens):
    assert_refused(api.get(ME_URL, **bearer(unsigned(claims_of(tokens["access"])))))


def test_a_token_signed_with_another_key_is_refused(api, tokens):
    forged = signed(claims_of(tokens["access"]), key=secrets.token_urlsafe(48))
    assert_refused(api.get(ME_URL, **bearer(forged)))


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
def test_a_token_signed_with_an_algorithm_outside_the_allow_list_is_refused(api, tokens):
    forged = signed(claims_of(tokens["access"]), algorithm="HS512")
    assert_refused(api.get(ME_URL, **bearer(forged)))


def test_a_token_whose_claims_were_changed_is_refused(api, tokens, user_with_role):
    admin = user_with_role("admin")
    assert_refused(api.get(ME_URL, **bearer(with_claims(tokens["access"], user_id=str(admin.pk)))))


def test_an_expired_access_token_is_refused(api, tokens):
    assert_refused(api.get(ME_URL, **bearer(signed(expired(claims_of(tokens["access"]))))))


def test_a_token_for_another_audience_is_refused(api, tokens):
    forged = signed({**claims_of(tokens["access"]), "aud": "another-api"})
    assert_refused(api.get(ME_URL, **bearer(forged)))


def test_a_token_from_another_issuer_is_refused(api, tokens):
    forged = signed({**claims_of(tokens["access"]), "iss": "https://issuer.example"})
    assert_refused(api.get(ME_URL, **bearer(forged)))


@pytest.mark.parametrize("claim", ["aud", "iss", "exp"])
def test_a_token_without_a_required_claim_is_refused(api, tokens, claim):
    claims = claims_of(tokens["access"])
    del claims[claim]
    assert_refused(api.get(ME_URL, **bearer(signed(claims))))


def test_a_refresh_token_is_refused_as_an_access_token(api, tokens):
    assert_refused(api.get(ME_URL, **bearer(tokens["refresh"])))


def test_an_access_token_is_refused_as_a_refresh_token(api, tokens):
    response = api.post(REFRESH_URL, {"refresh": tokens["access"]}, format="json")
    assert_problem(response, 401)


@pytest.mark.parametrize("name", ["token", "access", "access_token", "jwt", "auth"])
def test_a_token_in_the_query_string_is_ignored(api, tokens, name):
    assert_problem(api.get(f"{ME_URL}?{name}={tokens['access']}"), 401)


def test_a_token_in_a_cookie_or_another_header_is_ignored(api, tokens):
    api.cookies["access"] = tokens["access"]
    response = api.get(ME_URL, HTTP_X_ACCESS_TOKEN=tokens["access"])
    assert_problem(response, 401)


def test_tokens_carry_issuer_audience_id_and_a_short_lifetime(tokens, settings):
    for token in tokens.values():
        claims = claims_of(token)
        assert claims["iss"] == settings.SIMPLE_JWT["ISSUER"]
        assert claims["aud"] == settings.SIMPLE_JWT["AUDIENCE"]
        assert claims["jti"]
    access = claims_of(tokens["access"])
    assert 0 < access["exp"] - access["iat"] <= 15 * 60


def test_a_refused_token_is_a_security_event_without_the_token(api, tokens, security_events):
    forged = signed(claims_of(tokens["access"]), key=secrets.token_urlsafe(48))
    api.get(ME_URL, **bearer(forged), REMOTE_ADDR="198.51.100.7")
    (event,) = [e for e in security_events() if e.event == "token_rejected"]
    assert event.ip == "198.51.100.7"
    assert event.path == ME_URL
    assert event.outcome == "refused"
    assert forged not in str(event.__dict__)
