from typing import Any

from axes.signals import user_locked_out
from django.dispatch import receiver
from django.http import HttpRequest

from ..core.log import security_event
from .backends import cool_off_seconds


@receiver(user_locked_out)
def log_lockout(
    sender: Any, request: HttpRequest, username: str | None = None, **kwargs: Any
) -> None:
    security_event(
        "lockout",
        request,
        username=username,
        cool_off_seconds=cool_off_seconds(request),
        outcome="locked",
    )
