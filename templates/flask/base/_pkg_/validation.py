"""Request bodies, checked before a view does anything with them (VAL-1, VAL-2).

Another content type is Flask's 415 and malformed JSON its 400; a NUL character in any string
counts as malformed (security.py). errors.py answers every refusal as a problem.
"""

from __future__ import annotations

from typing import Any

from flask import abort, request
from werkzeug.exceptions import BadRequest

NOT_AN_OBJECT = "The body must be a JSON object."


class NotAnObject(BadRequest):
    """400: the body is JSON, but not an object. The problem's detail says so; views that
    answer with the errors of each field catch it and answer in that shape instead."""


def json_object() -> dict[str, Any]:
    """The JSON body of the request, which must be an object."""
    body = request.get_json()
    if not isinstance(body, dict):
        raise NotAnObject(NOT_AN_OBJECT)
    return body


def required_string(body: dict[str, Any], name: str, max_length: int) -> str:
    """`body[name]`, a string of 1 to max_length characters; anything else is a 400 that
    names the field."""
    value = body.get(name)
    if not isinstance(value, str) or not value or len(value) > max_length:
        abort(400, f"{name}: required, a string of 1 to {max_length} characters.")
    return value
