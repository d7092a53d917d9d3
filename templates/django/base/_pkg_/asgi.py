"""ASGI entry point, for an ASGI server such as uvicorn."""

from django.core.asgi import get_asgi_application

from .settings import use_app_env_settings

use_app_env_settings()
application = get_asgi_application()
