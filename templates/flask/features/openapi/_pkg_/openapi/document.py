"""The OpenAPI 3.1 document, assembled from the app itself:

- paths, methods and path parameters from the URL map, so no route can be missed or misspelt;
- what each operation takes and answers from its view's `@describe` (describe.py): pydantic
  models, whose JSON Schema (draft 2020-12) is OpenAPI 3.1's own dialect, as components;
- the problem+json errors every operation can answer (errors.py), and the security scheme of
  each authenticator the project registered.

Rules under /api/ and /health/ are documented, except the document itself (as in the Django
project). A view there without `@describe` is left out, and tests/openapi/ names it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from http import HTTPStatus
from typing import Any

from flask import Flask
from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, models_json_schema
from werkzeug.routing import Rule

from ..accounts.access import PUBLIC, access_rule
from ..describe import Operation, Problem, operation_of
from ..errors import PROBLEM_JSON

OPENAPI_VERSION = "3.1.0"
MEDIA_TYPE = "application/vnd.oai.openapi+json"
DOCUMENTED_PREFIXES = ("/api/", "/health/")
SCHEMA_PATH = "/api/schema/"
# What any operation may answer besides its success: invalid input or a Host not allowed (400),
# no or bad credentials (401), a role or CSRF refusal (403), nothing there or no such page (404),
# a rate limit or lockout (429), the database or cache down (503).
ERRORS = (400, 401, 403, 404, 429, 503)
# And with a request body: too large (413), not JSON (415).
BODY_ERRORS = (413, 415)
UNDOCUMENTED_METHODS = frozenset({"HEAD", "OPTIONS"})
REF_TEMPLATE = "#/components/schemas/{model}"
# `<int(max=9):book_id>` -> converter "int", arguments "max=9", name "book_id".
VARIABLE = re.compile(r"<(?:(?P<converter>\w+)(?:\((?P<arguments>[^)]*)\))?:)?(?P<name>\w+)>")
# The WWW-Authenticate scheme an authenticator registered -> its security scheme.
SECURITY_SCHEMES = {
    "Bearer": ("bearer", lambda app: {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}),
    "Session": (
        "session",
        lambda app: {"type": "apiKey", "in": "cookie", "name": app.config["SESSION_COOKIE_NAME"]},
    ),
}


def document(app: Flask) -> dict[str, Any]:
    """The document of `app`, built once: the URL map does not change once the app serves."""
    cached = app.extensions.get("bulwark.openapi")
    if cached is None:
        cached = app.extensions["bulwark.openapi"] = build(app)
    return cached


def documented_rules(app: Flask) -> Iterator[Rule]:
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(DOCUMENTED_PREFIXES) and rule.rule != SCHEMA_PATH:
            yield rule


def openapi_path(rule: Rule) -> str:
    """`/books/<int(max=9):book_id>/` -> `/books/{book_id}/`."""
    return VARIABLE.sub(lambda match: "{" + match["name"] + "}", rule.rule)


def build(app: Flask) -> dict[str, Any]:
    operations = [
        (rule, method, app.view_functions[rule.endpoint])
        for rule in sorted(documented_rules(app), key=lambda rule: rule.rule)
        for method in sorted((rule.methods or set()) - UNDOCUMENTED_METHODS)
        if operation_of(app.view_functions[rule.endpoint]) is not None
    ]
    schemas = _Schemas(
        [(Problem, "serialization")]
        + [(model, "validation") for _, _, view in operations for model in _inputs(view)]
        + [(model, "serialization") for _, _, view in operations for model in _outputs(view)]
    )
    schemes: dict[str, Any] = {}
    for challenge in app.extensions.get("bulwark.challenges", []):
        if challenge in SECURITY_SCHEMES:
            name, scheme = SECURITY_SCHEMES[challenge]
            schemes[name] = scheme(app)
    paths: dict[str, dict[str, Any]] = {}
    for rule, method, view in operations:
        item = paths.setdefault(openapi_path(rule), {})
        item[method.lower()] = _operation(rule, method, view, schemas, schemes)
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": app.config.get("OPENAPI_TITLE", app.name),
            "version": app.config.get("OPENAPI_API_VERSION", "0.1.0"),
        },
        "paths": paths,
        "components": {"schemas": schemas.components, "securitySchemes": schemes},
    }


def _inputs(view: Any) -> list[type[BaseModel]]:
    operation: Operation = operation_of(view)  # type: ignore[assignment]
    return [*operation.query, *([operation.body] if operation.body else [])]


def _outputs(view: Any) -> list[type[BaseModel]]:
    operation: Operation = operation_of(view)  # type: ignore[assignment]
    return [model for model in operation.responses.values() if model is not None]


class _Schemas:
    """The JSON Schemas of every model, made in one pass so that shared models (and a model
    used both ways, named `X-Input` and `X-Output`) become one component each."""

    def __init__(self, models: list[tuple[type[BaseModel], JsonSchemaMode]]) -> None:
        unique = list(dict.fromkeys(models))
        self.refs, definitions = models_json_schema(unique, ref_template=REF_TEMPLATE)
        self.components: dict[str, Any] = definitions.get("$defs", {})
        for schema in self.components.values():
            for field in schema.get("properties", {}).values():
                _drop_null_default(field)

    def ref(self, model: type[BaseModel], mode: JsonSchemaMode) -> dict[str, Any]:
        return self.refs[(model, mode)]

    def properties(self, model: type[BaseModel]) -> tuple[dict[str, Any], set[str]]:
        """A query model's fields and the names of those that are required."""
        name = self.ref(model, "validation")["$ref"].rsplit("/", 1)[-1]
        schema = self.components[name]
        return schema.get("properties", {}), set(schema.get("required", []))


def _operation(
    rule: Rule, method: str, view: Any, schemas: _Schemas, schemes: dict[str, Any]
) -> dict[str, Any]:
    operation: Operation = operation_of(view)  # type: ignore[assignment]
    many_methods = len((rule.methods or set()) - UNDOCUMENTED_METHODS) > 1
    result: dict[str, Any] = {
        "operationId": f"{rule.endpoint}.{method.lower()}" if many_methods else rule.endpoint,
        "summary": operation.summary,
        "tags": [rule.endpoint.split(".", 1)[0]],
    }
    if view.__doc__:
        result["description"] = " ".join(view.__doc__.split())
    parameters = [*_path_parameters(rule), *_query_parameters(operation, schemas)]
    if parameters:
        result["parameters"] = parameters
    if operation.body is not None:
        result["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": schemas.ref(operation.body, "validation")}},
        }
    responses: dict[str, Any] = {}
    for status, model in operation.responses.items():
        responses[str(status)] = {"description": HTTPStatus(status).phrase}
        if model is not None:
            schema = schemas.ref(model, "serialization")
            responses[str(status)]["content"] = {"application/json": {"schema": schema}}
    errors = ERRORS + (BODY_ERRORS if operation.body is not None else ()) + operation.errors
    problem = {PROBLEM_JSON: {"schema": schemas.ref(Problem, "serialization")}}
    for status in sorted(set(errors)):
        responses.setdefault(
            str(status), {"description": HTTPStatus(status).phrase, "content": problem}
        )
    result["responses"] = dict(sorted(responses.items()))
    # Public views need nothing; any other needs one of the project's schemes.
    public = access_rule(view) == PUBLIC
    result["security"] = [] if public else [{name: []} for name in schemes]
    return result


def _path_parameters(rule: Rule) -> Iterator[dict[str, Any]]:
    for match in VARIABLE.finditer(rule.rule):
        converter, arguments = match["converter"] or "default", match["arguments"] or ""
        if converter == "int":
            # Flask's int converter takes digits only; `max=` bounds it (a larger id is a 404).
            schema: dict[str, Any] = {"type": "integer", "minimum": 0}
            bound = re.search(r"max=(\d+)", arguments)
            if bound:
                schema["maximum"] = int(bound[1])
        else:
            schema = {"type": "string", "minLength": 1, "pattern": "^[^/]+$"}
        yield {"name": match["name"], "in": "path", "required": True, "schema": schema}


def _query_parameters(operation: Operation, schemas: _Schemas) -> Iterator[dict[str, Any]]:
    for model in operation.query:
        properties, required = schemas.properties(model)
        for name, schema in properties.items():
            yield {
                "name": name,
                "in": "query",
                "required": name in required,
                "schema": _not_null(schema),
            }


def _drop_null_default(schema: dict[str, Any]) -> None:
    """PATCH models default each field to None meaning "not sent" (only sent fields are
    written); null itself is refused, so the document must not offer it as a default."""
    nullable = schema.get("type") == "null" or any(
        option.get("type") == "null" for option in schema.get("anyOf", [])
    )
    if "default" in schema and schema["default"] is None and not nullable:
        del schema["default"]


def _not_null(schema: dict[str, Any]) -> dict[str, Any]:
    """A query parameter is absent or a string, never null: `int | None = None` is an int."""
    schema = dict(schema)
    options = [option for option in schema.pop("anyOf", []) if option.get("type") != "null"]
    if len(options) == 1:
        schema.update(options[0])
    elif options:
        schema["anyOf"] = options
    if schema.get("default", "") is None:
        del schema["default"]
    return schema
