"""The bodies of the login and CSRF endpoints, for the OpenAPI document (views.py checks the
login body itself, with the same bounds)."""

from typing import Annotated

from pydantic import BaseModel, Field

from ..passwords import MAX_LENGTH

MAX_USERNAME = 150


class Credentials(BaseModel):
    username: Annotated[str, Field(min_length=1, max_length=MAX_USERNAME)]
    password: Annotated[str, Field(min_length=1, max_length=MAX_LENGTH)]


class SignedIn(BaseModel):
    """The user, and the CSRF token to send back as X-CSRFToken."""

    id: int
    username: str
    roles: list[str]
    csrf_token: str


class CsrfToken(BaseModel):
    csrf_token: str
