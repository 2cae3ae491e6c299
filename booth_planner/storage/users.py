"""The ``users`` table: the rows behind sign-in accounts (the rules live in accounts.users)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

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


def update_user(store: Store, username: str, **fields: object) -> bool:
    """Set fields of one account; False when there is no such account."""
    with store.transaction() as session:
        row = session.scalar(select(UserRow).where(UserRow.username == username))
        if row is None:
            return False
        for name, value in fields.items():
            setattr(row, name, value)
        return True


def delete_user(store: Store, username: str) -> bool:
    """Delete one account; False when there is no such account."""
    with store.transaction() as session:
        return bool(session.execute(delete(UserRow).where(UserRow.username == username))
                    .rowcount)


def user_rows(store: Store) -> list[UserRow]:
    """Every account row, by username."""
    with store.read() as session:
        return list(session.scalars(select(UserRow).order_by(UserRow.username)))


def find_user(store: Store, *, username: str | None = None,
              email: str | None = None) -> UserRow | None:
    """The account with this username (or else this e-mail address), or None."""
    where = UserRow.username == username if username is not None else UserRow.email == email
    with store.read() as session:
        return session.scalar(select(UserRow).where(where))


def password_accounts(store: Store) -> int:
    """How many accounts can sign in with a password."""
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(UserRow)
                              .where(UserRow.password_hash.is_not(None))) or 0
