"""Sign-in accounts: who may sign in, with which role; passwords kept only as bcrypt hashes.

Accounts live in the database's ``users`` table, so every app process behind one address sees
the same accounts. They are managed from the command line (booth_planner.cli.users)::

    python -m booth_planner users add-user ani --role organizer --name "Ani Siregar"
    python -m booth_planner users list-users
    python -m booth_planner users failed-sign-ins --hours 24

The password is asked for (twice, not echoed) or read from stdin with ``--password-stdin``.
With no account that has a password and no OpenID Connect configured, the app runs in
single-user local mode. A person signed in with OpenID Connect (``st.login``) gets the role of
the account with the same e-mail address, and is a viewer otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

import bcrypt

from booth_planner.accounts import throttle
from booth_planner.accounts.roles import ROLE_VIEWER, ROLES, User
from booth_planner.core.text import normalise_username
from booth_planner.storage import Store, StoreError
from booth_planner.storage.tables import UserRow
from booth_planner.storage.users import (
    UserTaken,
    delete_user,
    find_user,
    insert_user,
    password_accounts,
    update_user,
    user_rows,
)

BCRYPT_ROUNDS = 12
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_BYTES = 72  # bcrypt reads no further; longer ones are refused, not cut silently


class AuthError(StoreError):
    """An account change that was refused; ``code`` names the reason for translated texts."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Account:
    """A sign-in account as listed to an administrator (never with its hash)."""

    username: str
    display_name: str
    email: str | None
    role: str
    has_password: bool


def hash_password(password: str, rounds: int = BCRYPT_ROUNDS) -> str:
    """The bcrypt hash of ``password`` (salted; the password itself is never stored)."""
    check_password_rules(password)
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds)).decode("ascii")


@lru_cache(maxsize=1)
def _dummy_hash() -> bytes:
    """Checked against when the username is unknown, at the same cost as a real account's hash,
    so the time a refusal takes does not tell whether the name exists."""
    return bcrypt.hashpw(b"no such user", bcrypt.gensalt(BCRYPT_ROUNDS))


def verify_password(password: str, hashed: str | None) -> bool:
    """True when ``password`` matches ``hashed``; always takes one bcrypt check."""
    encoded = password.encode("utf-8")
    if hashed is None or len(encoded) > MAX_PASSWORD_BYTES:
        bcrypt.checkpw(b"x", _dummy_hash())
        return False
    try:
        return bcrypt.checkpw(encoded, hashed.encode("ascii"))
    except ValueError:  # a damaged hash in the table: refuse rather than crash the sign-in
        return False


def check_password_rules(password: str) -> None:
    """Refuse a password that is too short or longer than bcrypt can use."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError("password_short",
                        f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        raise AuthError("password_long",
                        f"the password may be at most {MAX_PASSWORD_BYTES} bytes long")


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise AuthError("bad_role", f"role must be one of {', '.join(ROLES)}, not {role!r}")


def _account(row: UserRow) -> Account:
    return Account(username=row.username, display_name=row.display_name, email=row.email,
                   role=row.role, has_password=row.password_hash is not None)


def add_user(store: Store, username: str, password: str | None, *, role: str = ROLE_VIEWER,
             display_name: str = "", email: str | None = None,
             rounds: int = BCRYPT_ROUNDS) -> Account:
    """A new account; without a password it can only sign in by OpenID Connect (``email``).

    The username is kept stripped and case-folded, the form every sign-in compares.
    """
    username = normalise_username(username)
    if not username:
        raise AuthError("no_username", "the account needs a username")
    _check_role(role)
    if password is None and not email:
        raise AuthError("no_way_in", "give the account a password or an e-mail for OpenID sign-in")
    hashed = hash_password(password, rounds) if password is not None else None
    try:
        row = insert_user(store, username=username, display_name=display_name.strip() or username,
                          email=(email or "").strip().lower() or None, role=role,
                          password_hash=hashed)
    except UserTaken as error:
        raise AuthError("taken", f"username {username!r} or e-mail {email!r} is already used") \
            from error
    return _account(row)


def _unknown(username: str) -> AuthError:
    return AuthError("unknown_user", f"there is no account {username!r}")


def set_password(store: Store, username: str, password: str, *,
                 rounds: int = BCRYPT_ROUNDS) -> None:
    """Give an account a new password."""
    hashed = hash_password(password, rounds)
    if not update_user(store, username, password_hash=hashed):
        raise _unknown(username)


def set_role(store: Store, username: str, role: str) -> None:
    """Make an account an organizer or a viewer."""
    _check_role(role)
    if not update_user(store, username, role=role):
        raise _unknown(username)


def remove_user(store: Store, username: str) -> None:
    """Delete an account; its name stays in the history of what it changed."""
    if not delete_user(store, username):
        raise _unknown(username)


def list_users(store: Store) -> list[Account]:
    """Every account, by username."""
    return [_account(r) for r in user_rows(store)]


def password_sign_in_enabled(store: Store) -> bool:
    """True when at least one account can sign in with a password."""
    return password_accounts(store) > 0


def authenticate(store: Store, username: str, password: str) -> User | None:
    """The signed-in user for a right username and password; None otherwise (either wrong)."""
    row = find_user(store, username=username)
    if not verify_password(password, row.password_hash if row else None):
        return None
    return User(name=row.display_name or row.username, role=row.role)


@dataclass(frozen=True)
class SignIn:
    """The answer to a sign-in: the user, or None with when the next try is allowed."""

    user: User | None
    retry_at: datetime | None = None


def sign_in(store: Store, username: str, password: str, client: str,
            now: datetime | None = None) -> SignIn:
    """A throttled password sign-in (see ``accounts.throttle``): every attempt is recorded.

    While a wait is running the password is not even checked, so guessing gains nothing.
    """
    now = now or datetime.now(UTC)
    wait = throttle.retry_at(store, username, client, now)
    if wait is not None:
        return SignIn(None, wait)
    user = authenticate(store, username, password)
    throttle.record(store, username, client, user is not None, now)
    if user is not None:
        return SignIn(user)
    return SignIn(None, throttle.retry_at(store, username, client, now))


def account_user(store: Store, username: str) -> User | None:
    """The user an account stands for now (its current role); None when it was removed."""
    row = find_user(store, username=username)
    return None if row is None else User(name=row.display_name or row.username, role=row.role)


def user_for_email(store: Store, email: str, name: str | None = None) -> User:
    """The user an OpenID Connect sign-in stands for: the account's role, else a viewer."""
    row = find_user(store, email=email.strip().lower())
    if row is None:
        return User(name=name or email, role=ROLE_VIEWER)
    return User(name=row.display_name or name or email, role=row.role)
