"""The bodies of the token endpoints, for the OpenAPI document (views.py checks them itself,
with the same bounds, so that every refusal reads the same as before a body is parsed)."""

from typing import Annotated

from pydantic import BaseModel, Field

from ..passwords import MAX_LENGTH

MAX_USERNAME = 150
MAX_TOKEN = 4096

Token = Annotated[str, Field(min_length=1, max_length=MAX_TOKEN)]


class Credentials(BaseModel):
    username: Annotated[str, Field(min_length=1, max_length=MAX_USERNAME)]
    password: Annotated[str, Field(min_length=1, max_length=MAX_LENGTH)]


class RefreshRequest(BaseModel):
    refresh: Token


class TokenPair(BaseModel):
    access: str
    refresh: str
