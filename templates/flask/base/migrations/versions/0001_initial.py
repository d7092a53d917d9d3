"""Initial revision: an empty schema, the base every later migration revises.

Revision ID: 0001
Revises:
Create Date: 2026-11-25 00:00:00
"""

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """No tables yet: models come with the features that need them."""


def downgrade() -> None:
    """Nothing to undo."""
