"""The OpenAPI 3.1 document of the API (document.py), built from the URL map and what each view
says of itself with `@describe` (describe.py).

`GET /api/schema/` serves it to signed-in users (any role), never to anonymous clients;
`flask openapi --output openapi.json` writes it to a file.
"""

from flask import Flask

from . import cli, views


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    app.cli.add_command(cli.openapi)
