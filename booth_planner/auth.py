"""Sign-in accounts: who may sign in, with which role; passwords kept only as bcrypt hashes.

Accounts live in the database's ``users`` table, so every app process behind one address sees
the same accounts. They are managed from the command line::

    python -m booth_planner.auth add-user ani --role organizer --name "Ani Siregar"
    python -m booth_planner.auth list-users
    python -m booth_planner.auth failed-sign-ins --hours 24

The password is asked for (twice, not echoed) or read from stdin with ``--password-stdin``.
With no account that has a password and no OpenID Connect configured, the app runs in
single-user local mode. A person signed in with OpenID Connect (``st.login``) gets the role of
the account with the same e-mail address, and is a viewer otherwise.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import bcrypt
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from booth_planner import login_throttle
from booth_planner.access import ROLE_ORGANIZER, ROLE_VIEWER, ROLES, User
from booth_planner.login_throttle import normalise_username
from booth_planner.storage import DatabaseFault, Store, StoreError, open_store
from booth_planner.storage.tables import UserRow

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
    row = UserRow(username=username, display_name=display_name.strip() or username,
                  email=(email or "").strip().lower() or None, role=role, password_hash=hashed,
                  created_at=datetime.now(UTC))
    try:
        with store.transaction() as session:
            session.add(row)
    except IntegrityError as error:
        raise AuthError("taken", f"username {username!r} or e-mail {email!r} is already used") \
            from error
    return _account(row)


def _find(session, username: str) -> UserRow | None:  # noqa: ANN001
    """The account a typed username names: any case, outer spaces ignored."""
    key = normalise_username(username)
    # lower(): accounts added before usernames were stored normalised.
    return session.scalars(select(UserRow).where(
        (UserRow.username == key) | (func.lower(func.trim(UserRow.username)) == key))
        .order_by(UserRow.id)).first()


def _user_row(session, username: str) -> UserRow:  # noqa: ANN001
    row = _find(session, username)
    if row is None:
        raise AuthError("unknown_user", f"there is no account {username!r}")
    return row


def set_password(store: Store, username: str, password: str, *,
                 rounds: int = BCRYPT_ROUNDS) -> None:
    """Give an account a new password."""
    hashed = hash_password(password, rounds)
    with store.transaction() as session:
        _user_row(session, username).password_hash = hashed


def set_role(store: Store, username: str, role: str) -> None:
    """Make an account an organizer or a viewer."""
    _check_role(role)
    with store.transaction() as session:
        _user_row(session, username).role = role


def remove_user(store: Store, username: str) -> None:
    """Delete an account; its name stays in the history of what it changed."""
    with store.transaction() as session:
        row = _user_row(session, username)
        session.execute(delete(UserRow).where(UserRow.id == row.id))


def list_users(store: Store) -> list[Account]:
    """Every account, by username."""
    with store._read() as session:
        return [_account(r) for r in session.scalars(select(UserRow).order_by(UserRow.username))]


def password_sign_in_enabled(store: Store) -> bool:
    """True when at least one account can sign in with a password."""
    with store._read() as session:
        return bool(session.scalar(select(func.count()).select_from(UserRow)
                                   .where(UserRow.password_hash.is_not(None))))


def authenticate(store: Store, username: str, password: str) -> User | None:
    """The signed-in user for a right username and password; None otherwise (either wrong)."""
    with store._read() as session:
        row = _find(session, username)
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
    """A throttled password sign-in (see ``login_throttle``): every attempt is recorded.

    While a wait is running the password is not even checked, so guessing gains nothing.
    """
    now = now or datetime.now(UTC)
    wait = login_throttle.retry_at(store, username, client, now)
    if wait is not None:
        return SignIn(None, wait)
    user = authenticate(store, username, password)
    login_throttle.record(store, username, client, user is not None, now)
    if user is not None:
        return SignIn(user)
    return SignIn(None, login_throttle.retry_at(store, username, client, now))


def account_user(store: Store, username: str) -> User | None:
    """The user an account stands for now (its current role); None when it was removed."""
    with store._read() as session:
        row = _find(session, username)
    return None if row is None else User(name=row.display_name or row.username, role=row.role)


def user_for_email(store: Store, email: str, name: str | None = None) -> User:
    """The user an OpenID Connect sign-in stands for: the account's role, else a viewer."""
    with store._read() as session:
        row = session.scalar(select(UserRow).where(UserRow.email == email.strip().lower()))
    if row is None:
        return User(name=name or email, role=ROLE_VIEWER)
    return User(name=row.display_name or name or email, role=row.role)


# ---- command line ---------------------------------------------------------------------------


def _ask_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Password again: "):
        raise AuthError("mismatch", "the two passwords differ")
    return first


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m booth_planner.auth``: add, list, change and remove sign-in accounts."""
    parser = argparse.ArgumentParser(prog="python -m booth_planner.auth",
                                     description="Manage the accounts that sign in to the app.")
    parser.add_argument("--database-url", help="default: BOOTH_PLANNER_DATABASE_URL or the "
                        "local SQLite file")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add-user", help="add an account")
    add.add_argument("username")
    add.add_argument("--role", choices=ROLES, default=ROLE_ORGANIZER)
    add.add_argument("--name", default="", help="the name shown in the app and the history")
    add.add_argument("--email", help="for OpenID Connect sign-in")
    add.add_argument("--no-password", action="store_true", help="OpenID Connect only")
    add.add_argument("--password-stdin", action="store_true")
    password = commands.add_parser("set-password", help="give an account a new password")
    password.add_argument("username")
    password.add_argument("--password-stdin", action="store_true")
    role = commands.add_parser("set-role", help="make an account organizer or viewer")
    role.add_argument("username")
    role.add_argument("role", choices=ROLES)
    remove = commands.add_parser("remove-user", help="delete an account")
    remove.add_argument("username")
    commands.add_parser("list-users", help="list the accounts")
    failed = commands.add_parser("failed-sign-ins", help="list wrong-password sign-ins")
    failed.add_argument("--hours", type=float, default=24, help="how far back (default 24)")
    args = parser.parse_args(argv)
    try:
        store = open_store(args.database_url)
    except DatabaseFault as fault:
        print(f"error: {fault}", file=sys.stderr)
        return 2
    try:
        if args.command == "add-user":
            secret = None if args.no_password else _ask_password(args.password_stdin)
            account = add_user(store, args.username, secret, role=args.role,
                               display_name=args.name, email=args.email)
            print(f"added {account.username} ({account.role})")
        elif args.command == "set-password":
            set_password(store, args.username, _ask_password(args.password_stdin))
            print(f"password of {args.username} changed")
        elif args.command == "set-role":
            set_role(store, args.username, args.role)
            print(f"{args.username} is now {args.role}")
        elif args.command == "remove-user":
            remove_user(store, args.username)
            print(f"removed {args.username}")
        elif args.command == "failed-sign-ins":
            since = datetime.now(UTC) - timedelta(hours=args.hours)
            attempts = login_throttle.failed_attempts(store, since)
            for attempt in attempts:
                print(f"{attempt.at:%Y-%m-%d %H:%M:%S}Z\t{attempt.username}\t{attempt.client}")
            print(f"{len(attempts)} failed sign-ins in the last {args.hours:g} h", file=sys.stderr)
        else:
            for a in list_users(store):
                way_in = "password" if a.has_password else "OpenID only"
                print(f"{a.username}\t{a.role}\t{a.display_name}\t{a.email or '-'}\t{way_in}")
    except (AuthError, DatabaseFault) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        store.engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
