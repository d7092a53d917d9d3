"""Users, roles and access control (RBAC-1 to RBAC-4): deny by default, by role and method.

`init_app` puts the access check in front of every view, adds GET /api/v1/auth/me/ and the
`flask create-user` command. How a request proves who it comes from is the authentication
unit's business (`access.add_authenticator`); without one, every protected view answers 401.
"""

from flask import Flask

from . import access, cli, views


def init_app(app: Flask) -> None:
    access.init_app(app)
    app.register_blueprint(views.bp)
    app.cli.add_command(cli.create_user)
