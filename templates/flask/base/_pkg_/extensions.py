"""The Flask extensions: created once here, bound to each app by `init_extensions`."""

from pathlib import Path

from flask import Flask
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from .cache import Cache

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


def init_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR))
    cache.init_app(app)
    # bulwark-needle-extensions-init
