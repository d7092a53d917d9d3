"""AUTH-9: the JWKS is cached; an unknown kid does not make the API fetch the JWKS more than
once per OIDC_JWKS_MIN_REFETCH_SECONDS; keys rotated at the provider are picked up; an
unreachable provider gives 503, never a crash or an open door."""

import logging
import time

from cryptography.hazmat.primitives.asymmetric import rsa

from tests.assertions import assert_problem


def test_the_jwks_is_fetched_once_for_many_requests(idp, get_me):
    for _ in range(5):
        assert get_me(idp.mint()).status_code == 200
    assert idp.requests == 1


def test_unknown_kids_cause_at_most_one_fetch_per_interval(app, idp, get_me):
    app.config["OIDC_JWKS_MIN_REFETCH_SECONDS"] = 60
    get_me(idp.mint())
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    for number in range(20):
        assert_problem(get_me(idp.mint(kid=f"made-up-{number}", key=stranger)), 401)
    # The first fetch holds the guard for the whole interval: not even one more fetch.
    assert idp.requests == 1


def test_a_key_rotated_at_the_provider_is_picked_up_after_the_interval(app, idp, get_me):
    app.config["OIDC_JWKS_MIN_REFETCH_SECONDS"] = 1
    assert get_me(idp.mint()).status_code == 200
    new_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    idp.keys["rsa-2"] = new_key
    idp.published = {"rsa-2": new_key}
    token = idp.mint(kid="rsa-2")
    assert_problem(get_me(token), 401)  # within the interval: no fetch
    assert idp.requests == 1
    time.sleep(1.1)
    assert get_me(token).status_code == 200
    assert idp.requests == 2
    for _ in range(3):
        get_me(token)
    assert idp.requests == 2


def test_the_cached_keys_expire_after_oidc_jwks_cache_seconds(app, idp, get_me):
    app.config["OIDC_JWKS_CACHE_SECONDS"] = 0
    app.config["OIDC_JWKS_MIN_REFETCH_SECONDS"] = 1
    get_me(idp.mint())
    time.sleep(1.1)
    get_me(idp.mint())
    assert idp.requests == 2


def test_an_unreachable_provider_gives_503_and_is_not_asked_again_at_once(idp, get_me):
    idp.down = True
    for _ in range(3):
        response = get_me(idp.mint())
        assert_problem(response, 503)
        assert response.headers["Retry-After"] == "60"
    assert idp.requests == 1


def test_an_unreachable_provider_is_logged(idp, get_me, security_events, caplog):
    idp.down = True
    get_me(idp.mint())
    (event,) = [e for e in security_events() if e.event == "token_rejected"]
    assert event.outcome == "503"
    failures = [r for r in caplog.records if getattr(r, "event", None) == "jwks_fetch_failed"]
    assert len(failures) == 1
    assert failures[0].levelno == logging.WARNING


def test_a_provider_that_does_not_answer_in_time_gives_503(app, idp, get_me):
    app.config["OIDC_JWKS_TIMEOUT_SECONDS"] = 0.5
    idp.delay = 2
    started = time.monotonic()
    assert_problem(get_me(idp.mint()), 503)
    assert time.monotonic() - started < 1.5


def test_a_jwks_without_usable_keys_is_not_kept(app, idp, get_me):
    app.config["OIDC_JWKS_MIN_REFETCH_SECONDS"] = 1
    idp.published = {}
    assert_problem(get_me(idp.mint()), 503)
    idp.reset()
    time.sleep(1.1)
    assert get_me(idp.mint()).status_code == 200


def test_keys_already_fetched_keep_working_while_the_provider_is_down(app, idp, get_me):
    app.config["OIDC_JWKS_MIN_REFETCH_SECONDS"] = 1
    assert get_me(idp.mint()).status_code == 200
    app.config["OIDC_JWKS_CACHE_SECONDS"] = 0
    idp.down = True
    time.sleep(1.1)
    assert get_me(idp.mint()).status_code == 200
    assert idp.requests == 2
