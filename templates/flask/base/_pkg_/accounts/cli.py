"""flask create-user NAME --role ROLE --password-stdin"""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from ..extensions import db
from ..passwords import PasswordRejected, hash_password, validate_password
from .models import Role, User
from .roles import RoleName

ROLE_NAMES = ", ".join(role.value for role in RoleName)


@click.command("create-user")
@click.argument("username")
@click.option("--role", required=True, help=f"one of: {ROLE_NAMES}")
@click.option(
    "--password-stdin",
    is_flag=True,
    help="read the password from the first line of standard input",
)
@with_appcontext
def create_user(username: str, role: str, password_stdin: bool) -> None:
    """Create a user with a role (admin, editor or viewer). The password is read from standard
    input, never from the command line:
    printf '%s\\n' "$PASSWORD" | flask create-user alice --role editor --password-stdin"""
    if role not in {name.value for name in RoleName}:
        raise click.ClickException(f"Unknown role {role!r}: choose one of {ROLE_NAMES}.")
    if not password_stdin:
        raise click.ClickException(
            "Give the password on standard input with --password-stdin; "
            "a password in the arguments would end up in the shell history."
        )
    if not username.strip() or len(username) > 150:
        raise click.ClickException("The username must have 1 to 150 characters.")
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise click.ClickException("No password on standard input.")
    if db.session.scalar(select(User.id).where(User.username == username)) is not None:
        raise click.ClickException(f"A user named {username!r} already exists.")
    try:
        validate_password(password, username=username)
    except PasswordRejected as rejected:
        raise click.ClickException(f"Password refused: {rejected}") from None
    role_row = db.session.scalar(select(Role).where(Role.name == role))
    if role_row is None:
        raise click.ClickException(f"The {role} role is missing: run `flask db upgrade`.")
    db.session.add(User(username=username, password_hash=hash_password(password), roles=[role_row]))
    db.session.commit()
    click.echo(f"Created user {username!r} with role {role}.")
