"""The ``users`` table: the rows behind sign-in accounts (the rules live in accounts.users)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from booth_planner.core.text import normalise_username
from booth_planner.storage.store import Store, StoreError
from booth_planner.storage.tables import UserRow


class UserTaken(StoreError):
    """The username or e-mail address already belongs to another account."""


def insert_user(store: Store, *, username: str, display_name: str, email: str | None, role: str,
                password_hash: str | None) -> UserRow:
    """Add an account row; a username or e-mail in use raises UserTaken."""
    row = UserRow(username=username, display_name=display_name, email=email, role=role,
                  password_hash=password_hash, created_at=datetime.now(UTC))
    try:
        with store.transaction() as session:
            session.add(row)
    except IntegrityError as error:
        raise UserTaken(str(error.orig)) from error
    return row


def _named(session, username: str) -> UserRow | None:  # noqa: ANN001
    """The account a typed username names: any case, outer spaces ignored."""
    key = normalise_username(username)
    # lower(): accounts added before usernames were stored normalised.
    return session.scalars(select(UserRow).where(
        (UserRow.username == key) | (func.lower(func.trim(UserRow.username)) == key))
        .order_by(UserRow.id)).first()


def update_user(store: Store, username: str, **fields: object) -> bool:
    """Set fields of one account; False when there is no such account."""
    with store.transaction() as session:
        row = _named(session, username)
        if row is None:
            return False
        for name, value in fields.items():
            setattr(row, name, value)
        return True


def delete_user(store: Store, username: str) -> bool:
    """Delete one account; False when there is no such account."""
    with store.transaction() as session:
        row = _named(session, username)
        if row is None:
            return False
        session.execute(delete(UserRow).where(UserRow.id == row.id))
        return True


def user_rows(store: Store) -> list[UserRow]:
    """Every account row, by username."""
    with store.read() as session:
        return list(session.scalars(select(UserRow).order_by(UserRow.username)))


def find_user(store: Store, *, username: str | None = None,
              email: str | None = None) -> UserRow | None:
    """The account with this username (any case, outer spaces ignored) or else e-mail, or None."""
    with store.read() as session:
        if username is not None:
            return _named(session, username)
        return session.scalar(select(UserRow).where(UserRow.email == email))


def password_accounts(store: Store) -> int:
    """How many accounts can sign in with a password."""
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(UserRow)
                              .where(UserRow.password_hash.is_not(None))) or 0
