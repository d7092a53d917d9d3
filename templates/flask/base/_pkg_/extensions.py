"""The Flask extensions: created once here, bound to each app by `init_extensions`."""

import logging
import sqlite3
from pathlib import Path

from flask import Flask
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase

from .cache import Cache

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


class Model(DeclarativeBase):
    """Base of every model (`class Book(db.Model)` with `Mapped[...]` columns).

    Constraints get predictable names, so that migrations can alter and drop them.
    """

    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


db = SQLAlchemy(model_class=Model)
migrate = Migrate()
cache = Cache()
# bulwark-needle-extensions


@event.listens_for(Engine, "connect")
def _sqlite_checks_foreign_keys(dbapi_connection: object, _record: object) -> None:
    """SQLite (development and tests) checks foreign keys, as PostgreSQL does; by default it
    does not, and a delete that production refuses would pass every test."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()


def init_extensions(app: Flask) -> None:
    db.init_app(app)
    # After Flask-SQLAlchemy's own teardown, so it runs before it (teardowns run in reverse).
    app.teardown_appcontext(end_session)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR))
    cache.init_app(app)
    # bulwark-needle-extensions-init


def end_session(error: BaseException | None = None) -> None:
    """Ends the request's session. If the database dropped the connection after the last query
    (a restart), the rollback that ends the session fails; SQLAlchemy has discarded the
    connection, and the answer already made stands instead of becoming gunicorn's bare 500."""
    try:
        db.session.remove()
    except DBAPIError as failure:
        if not failure.connection_invalidated:
            raise
        db.session.registry.clear()
        logger.warning("the database dropped the connection at the end of a request")
