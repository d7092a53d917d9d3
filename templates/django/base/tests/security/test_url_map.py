"""RBAC-1: deny by default. Every URL of the project is enumerated: each API view states its
permissions, and none answers an anonymous request except the public endpoints below."""

import re
import uuid
from collections.abc import Callable, Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern, RoutePattern
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

pytestmark = pytest.mark.django_db

# The endpoints anyone may call. Adding one here is a security decision: review it.
PUBLIC_ENDPOINTS = {
    "/health/",
    # bulwark-needle-public-endpoints
}

METHODS = ("get", "post", "put", "patch", "delete")
SAMPLE_VALUES = {"int": "1", "uuid": str(uuid.UUID(int=1)), "path": "sample/path"}
CONVERTER = re.compile(r"<(?:(?P<type>\w+):)?\w+>")
NAMED_GROUP = re.compile(r"\(\?P<\w+>[^()]*(?:\([^()]*\)[^()]*)*\)")


def sample_route(pattern) -> str:
    """A concrete path segment matching the pattern: `<int:pk>` -> `1`."""
    if isinstance(pattern, RoutePattern):
        return CONVERTER.sub(
            lambda m: SAMPLE_VALUES.get(m["type"] or "str", "sample"), str(pattern)
        )
    if isinstance(pattern, RegexPattern):
        regex = NAMED_GROUP.sub("1", str(pattern.regex.pattern)).lstrip("^").rstrip("$")
        return regex.replace("\\.", ".").replace("/?", "/")
    raise TypeError(f"unknown URL pattern type {type(pattern).__name__}")


def endpoints(patterns=None, prefix: str = "") -> Iterator[tuple[str, Callable]]:
    """(sample path, view) for every URL the project serves."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + sample_route(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from endpoints(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield "/" + route, entry.callback


ENDPOINTS = sorted(endpoints(), key=lambda endpoint: endpoint[0])
PROTECTED = [(path, view) for path, view in ENDPOINTS if path not in PUBLIC_ENDPOINTS]


def view_class(view: Callable) -> type | None:
    return getattr(view, "cls", None) or getattr(view, "view_class", None)


def test_every_sample_path_resolves_to_its_own_view():
    for path, view in ENDPOINTS:
        assert resolve(path).func == view, f"cannot build a sample path for {path}"


def test_every_public_endpoint_exists():
    missing = PUBLIC_ENDPOINTS - {path for path, _ in ENDPOINTS}
    assert not missing


@pytest.mark.parametrize(("path", "view"), PROTECTED, ids=[path for path, _ in PROTECTED])
def test_every_api_view_states_its_permissions_and_none_is_allow_any(path, view):
    cls = view_class(view)
    assert cls is not None, f"{path} is not a class-based view"
    assert issubclass(cls, APIView), f"{path} is not a DRF view"
    stated = any("permission_classes" in vars(base) for base in cls.__mro__ if base is not APIView)
    assert stated, f"{cls.__name__} ({path}) must set permission_classes"
    assert cls.permission_classes, f"{cls.__name__} ({path}) has no permission class"
    assert AllowAny not in cls.permission_classes, f"{cls.__name__} ({path}) allows anyone"


@pytest.mark.parametrize(("path", "view"), PROTECTED, ids=[path for path, _ in PROTECTED])
def test_no_endpoint_answers_an_anonymous_request(client, path, view):
    # 404 is a refusal too (an endpoint switched off by a setting): DRF checks permissions
    # before it looks anything up, and the test above proves these are all DRF views.
    for method in METHODS:
        response = getattr(client, method)(path, content_type="application/json")
        assert response.status_code in (401, 403, 404, 405), f"{method.upper()} {path} is open"
