"""WSGI entry point: gunicorn serves `application`."""

from django.core.wsgi import get_wsgi_application

from .settings import use_app_env_settings

use_app_env_settings()
application = get_wsgi_application()
