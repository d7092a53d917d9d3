"""The application factory: `create_app()` builds a configured app; importing builds nothing."""

from flask import Flask

from . import accounts, errors, health, log, security
from .cli import check_deploy
from .config import load_config
from .extensions import init_extensions


def create_app(config: object | None = None) -> Flask:
    """A new app configured from `config`, or from the configuration class APP_ENV selects."""
    if config is None:
        config = load_config()
    log.configure_logging()
    app = Flask(__name__)
    app.config.from_object(config)

    init_extensions(app)
    # Request ids first, so that every later hook, error answer and log line has one.
    log.init_app(app)
    security.init_app(app)
    errors.init_app(app)

    # Deny by default: every view needs a signed-in user with the right role unless @public.
    accounts.init_app(app)
    app.register_blueprint(health.bp)
    # bulwark-needle-blueprints

    app.cli.add_command(check_deploy)
    return app
