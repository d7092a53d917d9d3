"""Security events for authentication, whatever the auth scheme."""

from typing import Any

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from ..core.log import security_event

# Usernames are logged (truncated), passwords never: Django has already masked them.
MAX_LOGGED_USERNAME = 150


@receiver(user_login_failed)
def log_login_failure(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:MAX_LOGGED_USERNAME]
    security_event("login_failed", request, username=username, outcome="refused")
