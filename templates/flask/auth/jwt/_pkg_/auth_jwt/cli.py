"""flask flush-expired-tokens: deletes the rows of refresh tokens past their expiry."""

from datetime import UTC, datetime

import click
from flask.cli import with_appcontext
from sqlalchemy import delete

from ..extensions import db
from .models import RefreshToken


@click.command("flush-expired-tokens")
@with_appcontext
def flush_expired_tokens() -> None:
    """Delete expired refresh tokens (run it daily); they can no longer be used anyway."""
    result = db.session.execute(
        delete(RefreshToken).where(RefreshToken.expires_at < datetime.now(UTC))
    )
    db.session.commit()
    click.echo(f"Deleted {result.rowcount} expired refresh token(s).")
