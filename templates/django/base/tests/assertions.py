from typing import Any

from django.http import HttpResponse


def assert_problem(response: HttpResponse, status: int) -> dict[str, Any]:
    """The response is an RFC 9457 problem with `status`, and shows nothing internal."""
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert {"type", "title", "status", "detail", "instance"} <= body.keys()
    assert body["status"] == status
    assert "Traceback" not in response.content.decode()
    return body
