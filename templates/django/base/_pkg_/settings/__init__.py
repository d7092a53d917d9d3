"""Settings per environment: APP_ENV selects the module unless DJANGO_SETTINGS_MODULE is set."""

import os

from ..secrets_loader import app_env


def use_app_env_settings() -> None:
    """Point DJANGO_SETTINGS_MODULE at the settings of APP_ENV, unless it is already set."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", f"{__name__}.{app_env()}")
