"""The migrations build the schema the models describe, so `flask db upgrade` is all a
deployment needs."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from tests.apps import config_with, make_app


def test_migrations_upgrade_an_empty_database_to_the_models(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    app = make_app(config_with(SQLALCHEMY_DATABASE_URI=url), create_tables=False)
    with app.app_context():
        upgrade()
        db = app.extensions["migrate"].db
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert differences == [], "a model changed without a migration: run `flask db migrate`"
