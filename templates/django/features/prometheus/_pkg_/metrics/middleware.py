"""Counts every answered request by method, route template and status."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .counters import count_response


class RequestMetricsMiddleware:
    """The route is the URL pattern (`api/v1/books/<int:pk>/`), never the raw path: one series
    per endpoint, whatever ids clients ask for."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        route = f"/{match.route}" if match is not None and match.route else None
        count_response(request.method or "", route, response.status_code)
        return response
