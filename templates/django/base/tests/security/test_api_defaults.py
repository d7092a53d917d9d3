"""RBAC-1 (deny by default), RATE-6 (capped page size), no browsable API in production."""

import pytest

from tests.assertions import assert_problem

pytestmark = [
    pytest.mark.urls("tests.security.probe_urls"),
    pytest.mark.usefixtures("production_settings"),
]


def test_an_api_view_that_states_no_rule_is_closed_to_anonymous_users(https_client):
    response = https_client.get("/probe/api/closed/")
    assert response.status_code in (401, 403)
    assert_problem(response, response.status_code)


def test_page_size_is_capped(https_client):
    response = https_client.get("/probe/api/numbers/", {"page_size": 1000})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 100


def test_pages_default_to_twenty_items(https_client):
    assert len(https_client.get("/probe/api/numbers/").json()["results"]) == 20


def test_api_answers_json_only_never_the_browsable_html(https_client):
    response = https_client.get("/probe/api/numbers/", headers={"Accept": "text/html"})
    assert_problem(response, 406)
