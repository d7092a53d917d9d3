"""What each API view takes and answers, for the OpenAPI document: metadata only.

`@describe(...)` under a route decorator records the view's request body, query parameters and
responses as pydantic models; nothing changes at run time. The openapi feature builds the
document from the app's URL map and these records (openapi/document.py), so a blueprint added
later documents itself by decorating its views, and tests/openapi/ fails for any view under
/api/ or /health/ that is not described.

    @bp.post("/books/")
    @describe("Create a book", body=BookCreate, responses={201: BookDetail})
    def create_book(): ...

Every operation also answers the problem+json errors the whole API shares (400, 401, 403, 404,
429, 503; 413 and 415 with a body); `errors` adds others a view raises itself (409).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

View = TypeVar("View", bound=Callable[..., Any])
Item = TypeVar("Item")


@dataclass(frozen=True)
class Operation:
    summary: str
    # Status -> the model of its JSON body; None for a response without a body (204).
    responses: Mapping[int, type[BaseModel] | None]
    body: type[BaseModel] | None = None
    # Models whose fields are the query parameters.
    query: tuple[type[BaseModel], ...] = ()
    # Problem statuses beyond the ones every operation has.
    errors: tuple[int, ...] = ()


def describe(
    summary: str,
    *,
    responses: Mapping[int, type[BaseModel] | None],
    body: type[BaseModel] | None = None,
    query: tuple[type[BaseModel], ...] = (),
    errors: tuple[int, ...] = (),
) -> Callable[[View], View]:
    """Records what the view takes and answers, as `view.openapi`."""

    def decorate(view: View) -> View:
        view.openapi = Operation(summary, dict(responses), body, query, errors)  # type: ignore[attr-defined]
        return view

    return decorate


def operation_of(view: Callable[..., Any]) -> Operation | None:
    return getattr(view, "openapi", None)


class Problem(BaseModel):
    """RFC 9457 problem details (errors.py): the body of every error response."""

    # Some problems carry more members: `checks` (GET /health/), `errors` (below).
    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int = Field(ge=400, le=599)
    detail: str
    instance: str
    # Invalid input: each field's messages.
    errors: dict[str, list[str]] | None = None


class Page(BaseModel, Generic[Item]):
    """A page of a list, as Django REST framework writes it."""

    count: int = Field(ge=0)
    next: str | None
    previous: str | None
    results: list[Item]
