"""AUTH-9, AUTH-7: access tokens from the identity provider are verified against its JWKS
with an algorithm allow-list; iss, aud, exp and nbf are checked; forged tokens and tokens
outside the Authorization header are refused."""

import logging
import time

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.apps import config_with, make_app
from tests.assertions import assert_problem
from tests.auth.conftest import ME_URL
from tests.auth.identity_provider import segment

REFUSED = "The access token is not valid or has expired."


def assert_refused(response) -> None:
    body = assert_problem(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert body["detail"] == REFUSED


def test_a_valid_rs256_token_opens_the_api(idp, get_me):
    response = get_me(idp.mint(idp.claims(sub="alice", roles=["editor"])))
    assert response.status_code == 200
    body = response.get_json()
    assert body["username"] == "alice"
    assert body["roles"] == ["editor"]


def test_a_valid_es256_token_opens_the_api(idp, get_me):
    assert get_me(idp.mint(kid="ec-1")).status_code == 200


def test_a_request_without_a_token_gets_401_with_a_bearer_challenge(client):
    response = client.get(ME_URL)
    assert_problem(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_token_with_alg_none_is_refused(idp, get_me):
    assert_refused(get_me(idp.unsigned(idp.claims())))


def test_hs256_signed_with_the_public_key_is_refused(idp, get_me):
    """Algorithm confusion: the provider's public key used as an HMAC secret."""
    assert_refused(get_me(idp.hs256_with_public_key(idp.claims())))


def test_an_rs256_header_on_the_ec_key_is_refused(idp, get_me):
    token = idp.mint(kid="ec-1")
    header, payload, signature = token.split(".")
    relabelled = f"{segment({'alg': 'RS256', 'typ': 'JWT', 'kid': 'ec-1'})}.{payload}.{signature}"
    assert_refused(get_me(relabelled))


def test_a_token_signed_with_another_key_is_refused(idp, get_me):
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    assert_refused(get_me(idp.mint(key=stranger)))


def test_a_token_whose_payload_was_changed_is_refused(idp, get_me):
    header, _, signature = idp.mint().split(".")
    elevated = idp.claims(roles=["admin"])
    assert_refused(get_me(f"{header}.{segment(elevated)}.{signature}"))


def test_a_token_from_another_issuer_is_refused(idp, get_me):
    assert_refused(get_me(idp.mint(idp.claims(iss="https://evil.example"))))


def test_a_token_for_another_audience_is_refused(idp, get_me):
    assert_refused(get_me(idp.mint(idp.claims(aud="another-api"))))


def test_a_token_for_several_audiences_including_this_api_is_accepted(idp, get_me):
    audiences = ["another-api", idp.audience]
    assert get_me(idp.mint(idp.claims(aud=audiences))).status_code == 200


def test_an_expired_token_is_refused(idp, get_me):
    now = int(time.time())
    assert_refused(get_me(idp.mint(idp.claims(iat=now - 3600, nbf=now - 3600, exp=now - 120))))


def test_a_token_not_valid_yet_is_refused(idp, get_me):
    now = int(time.time())
    assert_refused(get_me(idp.mint(idp.claims(nbf=now + 600, exp=now + 900))))


def test_a_token_expired_within_the_leeway_is_accepted(idp, get_me):
    now = int(time.time())
    assert get_me(idp.mint(idp.claims(exp=now - 5))).status_code == 200


@pytest.mark.parametrize("claim", ["exp", "iss", "aud", "sub"])
def test_a_token_without_a_required_claim_is_refused(idp, get_me, claim):
    claims = idp.claims()
    del claims[claim]
    assert_refused(get_me(idp.mint(claims)))


def test_a_token_without_a_kid_is_refused(idp, get_me):
    token = idp.mint(kid="rsa-1")
    header, payload, signature = token.split(".")
    assert_refused(get_me(f"{segment({'alg': 'RS256', 'typ': 'JWT'})}.{payload}.{signature}"))


@pytest.mark.parametrize("name", ["token", "access_token", "jwt", "auth"])
def test_a_token_in_the_query_string_is_ignored(idp, client, name):
    assert_problem(client.get(f"{ME_URL}?{name}={idp.mint()}"), 401)


def test_a_token_in_a_cookie_or_another_header_is_ignored(idp, client):
    token = idp.mint()
    client.set_cookie("access_token", token)
    headers = {"X-Access-Token": token, "Authorization": f"Token {token}"}
    assert_problem(client.get(ME_URL, headers=headers), 401)


def test_garbage_in_the_authorization_header_is_refused(get_me, client):
    assert_refused(get_me("not-a-token"))
    assert_refused(client.get(ME_URL, headers={"Authorization": "Bearer a b"}))
    assert_refused(client.get(ME_URL, headers={"Authorization": "Bearer"}))


@pytest.mark.parametrize("unset", ["OIDC_ISSUER", "OIDC_AUDIENCE", "OIDC_JWKS_URL"])
def test_every_token_is_refused_until_the_three_settings_are_set(idp, unset):
    """Development without the OIDC variables in .env: nothing gets in."""
    app = make_app(config_with(**{"OIDC_JWKS_URL": idp.jwks_url, unset: ""}))
    response = app.test_client().get(ME_URL, headers={"Authorization": f"Bearer {idp.mint()}"})
    assert_refused(response)
    assert idp.requests == 0


def test_a_refused_token_is_a_security_event_without_the_token(idp, get_me, security_events):
    forged = idp.mint(idp.claims(aud="another-api"))
    get_me(forged, environ_base={"REMOTE_ADDR": "198.51.100.7"})
    (event,) = [e for e in security_events() if e.event == "token_rejected"]
    assert event.ip == "198.51.100.7"
    assert event.path == ME_URL
    assert event.outcome == "refused"
    assert "audience" in event.reason.lower()
    assert forged not in str(event.__dict__)


def test_no_token_reaches_any_log_line(idp, get_me, caplog):
    caplog.set_level(logging.DEBUG)
    good, bad = idp.mint(), idp.mint(idp.claims(iss="https://evil.example"))
    get_me(good)
    get_me(bad)
    logged = " ".join(f"{record.getMessage()} {record.__dict__}" for record in caplog.records)
    assert caplog.records
    for token in (good, bad):
        assert token.rsplit(".", 1)[1] not in logged
