"""What the API views of `bulwark resource` share: input checked by pydantic schemas, relations
named by id, pagination as Django REST framework writes it.

Every input error is a 400 problem with the errors of each field; a page that does not exist
is a 404.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from urllib.parse import urlencode, urlsplit, urlunsplit

from flask import Response, abort, request
from pydantic import BaseModel, ValidationError
from sqlalchemy import Select, select

from . import validation
from .errors import problem_response
from .extensions import db

DEFAULT_PAGE_SIZE = 20
# No client can ask for a whole table.
MAX_PAGE_SIZE = 100
# The largest id an `Integer` primary key holds (32 bits on PostgreSQL): a larger one is a 400
# in a body and a 404 in a path, never an overflow in the database.
MAX_ID = 2**31 - 1

Schema = TypeVar("Schema", bound=BaseModel)


class InvalidInput(Exception):
    """A 400 problem with the errors of each field."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("invalid input")
        self.errors = errors


def invalid_input(error: InvalidInput) -> Response:
    """The error handler of InvalidInput: register it on each blueprint that raises it."""
    return problem_response(400, "The request is not valid.", errors=error.errors)


def valid(schema: type[Schema], data: Any) -> Schema:
    try:
        return schema.model_validate(data)
    except ValidationError as error:
        errors: dict[str, list[str]] = {}
        for item in error.errors(include_url=False, include_input=False):
            field = str(item["loc"][0]) if item["loc"] else "non_field_errors"
            errors.setdefault(field, []).append(item["msg"])
        raise InvalidInput(errors) from None


def json_object() -> dict[str, Any]:
    """The JSON body, which must be an object (validation.py); anything else is a 400 in the
    shape of every input error here."""
    try:
        return validation.json_object()
    except validation.NotAnObject:
        raise InvalidInput({"non_field_errors": [validation.NOT_AN_OBJECT]}) from None


def resolve(values: dict[str, Any], relations: Mapping[str, tuple[Any, bool]]) -> dict[str, Any]:
    """`values` with each relation's id (or list of ids) replaced by its rows.

    `relations` maps a field to its model and whether it holds many ids. The ids of a field
    are checked in one query, not one query per id; an unknown id is a 400 naming the field.
    """
    errors: dict[str, list[str]] = {}
    for field, (model, many) in relations.items():
        if field not in values:
            continue
        ids = set(values[field]) if many else {values[field]}
        rows = list(db.session.scalars(select(model).where(model.id.in_(ids))))
        unknown = sorted(ids - {row.id for row in rows})
        if unknown:
            errors[field] = [f"No {model.__name__.lower()} with id {unknown[0]}."]
        else:
            values[field] = rows if many else rows[0]
    if errors:
        raise InvalidInput(errors)
    return values


def page(statement: Select[Any], serialise: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    """`?page=N&page_size=M` as `{count, next, previous, results}`. Two queries: COUNT(*) of
    the statement, then the page of rows (and whatever its loader options add)."""
    number = request.args.get("page", "1")
    if not re.fullmatch(r"[0-9]{1,9}", number):
        abort(404, "Invalid page.")
    pagination = db.paginate(
        statement,
        page=int(number),
        per_page=page_size(request.args),
        max_per_page=MAX_PAGE_SIZE,
        error_out=True,
    )
    return {
        "count": pagination.total,
        "next": _page_url(pagination.next_num) if pagination.has_next else None,
        "previous": _page_url(pagination.prev_num) if pagination.has_prev else None,
        "results": [serialise(row) for row in pagination.items],
    }


def page_size(args: Mapping[str, str]) -> int:
    """`?page_size=M`, capped at MAX_PAGE_SIZE; anything but a positive number gives the default."""
    value = args.get("page_size", "")
    if not re.fullmatch(r"[0-9]{1,9}", value) or int(value) < 1:
        return DEFAULT_PAGE_SIZE
    return min(int(value), MAX_PAGE_SIZE)


def _page_url(number: int | None) -> str:
    """This URL with another page number (none for page 1), the query parameters sorted."""
    args = request.args.to_dict(flat=False)
    args.pop("page", None)
    if number is not None and number > 1:
        args["page"] = [str(number)]
    parts = urlsplit(request.url)
    return urlunsplit(parts._replace(query=urlencode(sorted(args.items()), doseq=True)))
