from drf_spectacular.views import SpectacularAPIView
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from ..accounts.permissions import RolePermission


class SchemaView(SpectacularAPIView):
    """GET /api/schema/: the OpenAPI document, YAML or JSON (`?format=json`), any signed-in role."""

    permission_classes = [RolePermission]

    def handle_exception(self, exc: Exception) -> Response:
        # Errors are problem+json like everywhere else, not YAML, whatever format was asked.
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)
