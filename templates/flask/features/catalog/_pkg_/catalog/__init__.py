"""The catalog example: books, authors, publishers and genres, in a constant number of queries.

models.py (tables), queries.py (every query, with its loader options), schemas.py (input
bounds and output shapes), filters.py (allow-lists), views.py (the API), explain.py and
cli.py (`flask explain-queries`, `flask seed-catalog`).
"""

from flask import Flask

from .cli import explain_queries, seed_catalog
from .views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.cli.add_command(explain_queries)
    app.cli.add_command(seed_catalog)
