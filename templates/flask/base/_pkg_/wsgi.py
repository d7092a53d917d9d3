"""WSGI entry point: gunicorn serves `application` (see gunicorn.conf.py)."""

from . import create_app

application = create_app()
