"""Users and their roles: typed SQLAlchemy 2 models, created by migration 0002_accounts."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, ForeignKey, String, Table, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .roles import RoleName

user_roles = Table(
    "user_roles",
    db.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("role_id", ForeignKey("roles.id", ondelete="CASCADE"), primary_key=True),
)


def _now() -> datetime:
    return datetime.now(UTC)


class Role(db.Model):
    """admin, editor or viewer (roles.RoleName); what each allows is in roles.ROLE_PERMISSIONS."""

    __tablename__ = "roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


class User(db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(150), unique=True)
    # Argon2id (passwords.py); never the password itself.
    password_hash: Mapped[str] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    # Loaded with the user in one more query: every access check needs them.
    roles: Mapped[list[Role]] = relationship(secondary=user_roles, lazy="selectin")

    @property
    def role_names(self) -> list[str]:
        """The user's roles, sorted."""
        return sorted(role.name for role in self.roles)


def create_roles() -> None:
    """Adds the missing role rows (migration 0002_accounts does this for real databases)."""
    existing = set(db.session.scalars(select(Role.name)))
    db.session.add_all(Role(name=name.value) for name in RoleName if name.value not in existing)
    db.session.commit()
