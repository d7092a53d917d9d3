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
