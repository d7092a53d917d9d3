"""RBAC-1: deny by default. Every rule of the app's URL map is asked without credentials:
none answers but the public endpoints below."""

import re

import pytest
from werkzeug.routing import Rule

from tests.apps import config_with, make_app
from tests.assertions import assert_problem

# The endpoints anyone may call. Adding one here is a security decision: review it.
PUBLIC_ENDPOINTS = {
    "/health/",
    # bulwark-needle-public-endpoints
}
# Test-only blueprints registered by tests/apps.py; they are not part of the project.
TEST_ONLY_PREFIXES = ("/probe/",)
SAMPLE_VALUES = {"int": "1", "uuid": "00000000-0000-0000-0000-000000000001", "path": "a/b"}
VARIABLE = re.compile(r"<(?:(?P<converter>\w+)(?:\([^)]*\))?:)?\w+>")


def sample_path(rule: Rule) -> str:
    """A concrete path for the rule: `/books/<int:book_id>/` -> `/books/1/`."""
    return VARIABLE.sub(lambda m: SAMPLE_VALUES.get(m["converter"] or "", "sample"), rule.rule)


def project_rules() -> list[Rule]:
    app = make_app(config_with(), create_tables=False)
    return [
        rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and not rule.rule.startswith(TEST_ONLY_PREFIXES)
    ]


RULES = sorted(project_rules(), key=lambda rule: rule.rule)


def test_every_public_endpoint_exists():
    assert {rule.rule for rule in RULES} >= PUBLIC_ENDPOINTS


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.rule)
def test_no_endpoint_answers_an_anonymous_request(app, rule):
    client = app.test_client()
    path = sample_path(rule)
    methods = sorted((rule.methods or set()) - {"OPTIONS", "HEAD"})
    for method in methods:
        response = client.open(path, method=method, json={})
        if rule.rule in PUBLIC_ENDPOINTS:
            assert response.status_code != 401, f"{method} {path}"
        else:
            assert_problem(response, 401)
