"""``python -m booth_planner users ...``: add, list, change and remove sign-in accounts."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from booth_planner.accounts import throttle
from booth_planner.accounts.roles import ROLE_ORGANIZER, ROLES
from booth_planner.accounts.users import (
    AuthError,
    add_user,
    list_users,
    remove_user,
    set_password,
    set_role,
)
from booth_planner.cli.exits import EXIT_OK
from booth_planner.cli.with_store import run_with_store
from booth_planner.storage import Store


def configure(users: argparse.ArgumentParser) -> None:
    """The ``users`` command's options and sub-commands."""
    users.add_argument("--database-url", help="default: BOOTH_PLANNER_DATABASE_URL or the "
                       "local SQLite file")
    actions = users.add_subparsers(dest="users_command", required=True)
    add = actions.add_parser("add-user", help="add an account")
    add.add_argument("username")
    add.add_argument("--role", choices=ROLES, default=ROLE_ORGANIZER)
    add.add_argument("--name", default="", help="the name shown in the app and the history")
    add.add_argument("--email", help="for OpenID Connect sign-in")
    add.add_argument("--no-password", action="store_true", help="OpenID Connect only")
    add.add_argument("--password-stdin", action="store_true")
    password = actions.add_parser("set-password", help="give an account a new password")
    password.add_argument("username")
    password.add_argument("--password-stdin", action="store_true")
    role = actions.add_parser("set-role", help="make an account organizer or viewer")
    role.add_argument("username")
    role.add_argument("role", choices=ROLES)
    remove = actions.add_parser("remove-user", help="delete an account")
    remove.add_argument("username")
    actions.add_parser("list-users", help="list the accounts")
    failed = actions.add_parser("failed-sign-ins", help="list wrong-password sign-ins")
    failed.add_argument("--hours", type=float, default=24, help="how far back (default 24)")


def ask_password(from_stdin: bool) -> str:
    """The new password: one line of stdin, or asked twice without echo."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Password again: "):
        raise AuthError("mismatch", "the two passwords differ")
    return first


def run(args: argparse.Namespace) -> int:
    """Carry out one ``users`` sub-command."""

    def work(store: Store) -> int:
        if args.users_command == "add-user":
            secret = None if args.no_password else ask_password(args.password_stdin)
            account = add_user(store, args.username, secret, role=args.role,
                               display_name=args.name, email=args.email)
            print(f"added {account.username} ({account.role})")
        elif args.users_command == "set-password":
            set_password(store, args.username, ask_password(args.password_stdin))
            print(f"password of {args.username} changed")
        elif args.users_command == "set-role":
            set_role(store, args.username, args.role)
            print(f"{args.username} is now {args.role}")
        elif args.users_command == "remove-user":
            remove_user(store, args.username)
            print(f"removed {args.username}")
        elif args.users_command == "failed-sign-ins":
            since = datetime.now(UTC) - timedelta(hours=args.hours)
            attempts = throttle.failed_attempts(store, since)
            for attempt in attempts:
                print(f"{attempt.at:%Y-%m-%d %H:%M:%S}Z\t{attempt.username}\t{attempt.client}")
            print(f"{len(attempts)} failed sign-ins in the last {args.hours:g} h", file=sys.stderr)
        else:
            for a in list_users(store):
                way_in = "password" if a.has_password else "OpenID only"
                print(f"{a.username}\t{a.role}\t{a.display_name}\t{a.email or '-'}\t{way_in}")
        return EXIT_OK

    return run_with_store(args.database_url, work, (AuthError,))


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``python -m booth_planner users``."""
    parser = argparse.ArgumentParser(prog="python -m booth_planner users",
                                     description="Manage the accounts that sign in to the app.")
    configure(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``python -m booth_planner users ...``; returns the exit status."""
    return run(build_parser().parse_args(argv))
