"""GET /metrics/: the counters in Prometheus' text format, for the scraper only."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed, PermissionDenied
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from ..core.log import client_ip, security_event
from .access import MetricsAccess
from .counters import CONTENT_TYPE_LATEST, exposition

SCRAPER = "metrics-scraper"


class ScraperAuthentication(BaseAuthentication):
    """METRICS_ACCESS decides: 403 from an address outside METRICS_ALLOWED_IPS, 401 without the
    METRICS_TOKEN bearer token (compared in constant time). No user is involved."""

    def authenticate(self, request: Request) -> tuple[AnonymousUser, str]:
        access: MetricsAccess = settings.METRICS_ACCESS
        refusal = access.refusal(client_ip(request), request.headers.get("Authorization"))
        if refusal == 403:
            # Logged as permission_denied by the exception handler (core/problems.py).
            raise PermissionDenied("Metrics are not served to this address.")
        if refusal == 401:
            security_event("metrics_refused", request, reason="no valid token", outcome="refused")
            raise AuthenticationFailed("A valid metrics bearer token is required.")
        return AnonymousUser(), SCRAPER

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="metrics"'


class IsScraper(BasePermission):
    def has_permission(self, request: Request, view: APIView) -> bool:
        return request.auth == SCRAPER


class MetricsView(APIView):
    authentication_classes = [ScraperAuthentication]
    permission_classes = [IsScraper]

    def get(self, request: Request) -> HttpResponse:
        return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
