"""VAL-1, VAL-2: a JSON body is an object, and a required string field is within its bounds;
each refusal is a 400 problem that says what is wrong, before the view does anything else."""

import pytest

from tests.assertions import assert_problem

URL = "/probe/named/"


def test_an_object_with_the_field_is_accepted(client):
    response = client.post(URL, json={"name": "edith", "unknown": 1})
    assert response.status_code == 200
    assert response.get_json() == {"name": "edith"}


@pytest.mark.parametrize("body", ['["edith"]', '"edith"', "7", "true", "null"])
def test_a_body_that_is_not_an_object_is_a_400_problem(client, body):
    response = client.post(URL, data=body, content_type="application/json")
    problem = assert_problem(response, 400)
    assert problem["detail"] == "The body must be a JSON object."
    assert "errors" not in problem


@pytest.mark.parametrize("body", [{}, {"name": ""}, {"name": 7}, {"name": None}, {"name": "x" * 6}])
def test_a_missing_or_out_of_bounds_field_is_a_400_problem_that_names_it(client, body):
    problem = assert_problem(client.post(URL, json=body), 400)
    assert problem["detail"] == "name: required, a string of 1 to 5 characters."


@pytest.mark.parametrize(
    ("data", "content_type", "status"),
    [
        ('{"name": ', "application/json", 400),
        ('{"name": "a\\u0000b"}', "application/json", 400),
        ("name=edith", "application/x-www-form-urlencoded", 415),
    ],
)
def test_malformed_json_a_nul_character_and_another_content_type_are_refused(
    client, data, content_type, status
):
    assert_problem(client.post(URL, data=data, content_type=content_type), status)
