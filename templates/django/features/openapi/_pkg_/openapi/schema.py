"""The schema class of every view: drf-spectacular's, plus the problem+json errors."""

from drf_spectacular.openapi import AutoSchema

from .serializers import ProblemSerializer

PROBLEM_JSON = "application/problem+json"

# What any API view may answer besides its success: invalid input or query (400), no or bad
# credentials (401), a role or CSRF refusal (403), nothing there or an unknown page (404), an
# Accept it cannot serve (406), a rate limit or lockout (429), a dependency down (503).
ERRORS = ("400", "401", "403", "404", "406", "429", "503")
# And with a request body: too large (413), not JSON (415).
BODY_ERRORS = ("413", "415")


class ProblemAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = ERRORS + (BODY_ERRORS if self.method in ("POST", "PUT", "PATCH") else ())
        for code in codes:
            responses.setdefault(
                code, self._get_response_for_code(ProblemSerializer, code, [PROBLEM_JSON])
            )
        return responses


def add_health(result, generator, request, public):
    """A postprocessing hook: GET /health/ (core/views.py), which is a plain Django view and so
    not seen by drf-spectacular, in the document like every other route. Anyone may call it."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Health"] = {
        "type": "object",
        "properties": {
            "status": {"type": "string", "enum": ["ok"]},
            "checks": {"type": "object", "additionalProperties": {"type": "string"}},
        },
        "required": ["status", "checks"],
    }
    problem = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    responses = {
        "200": {
            "description": "The database and the cache answer.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}},
        },
        "400": {"description": "A Host the API does not answer to.", "content": problem},
        "503": {"description": "The database or the cache does not answer.", "content": problem},
    }
    result["paths"]["/health/"] = {
        "get": {
            "operationId": "health_retrieve",
            "summary": "Readiness: the database and the cache answer",
            "tags": ["health"],
            "security": [],
            "responses": responses,
        }
    }
    return result
