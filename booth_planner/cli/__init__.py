"""The command line (SPEC section 4): ``python -m booth_planner ...``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from booth_planner.cli.exits import EXIT_BAD_INPUT, EXIT_OK

# Commands with their own parser, loaded only when used (each pulls in the database layer).
DELEGATED = {
    "users": "manage the accounts that sign in to the app",
    "backup": "back up an event to a file, or restore one",
}


def _regions_resolve(args: argparse.Namespace) -> int:
    """Print ``code<TAB>name`` per name; the first unresolvable name's error and exit 2."""
    from booth_planner.core.regions import RegionError, resolve

    status = EXIT_OK
    for text in args.names:
        try:
            region = resolve(text)
        except RegionError as error:
            print(error, file=sys.stderr)
            status = EXIT_BAD_INPUT
            continue
        print(f"{region.code}\t{region.name}")
    return status


def _allocate(args: argparse.Namespace) -> int:
    """Allocate booths from two files (SPEC section 4)."""
    from booth_planner.cli.allocate import run_allocate

    return run_allocate(args)


def _rotate(args: argparse.Namespace) -> int:
    """Plan a gallery's rotation from three files (SPEC 5)."""
    from booth_planner.cli.rotate import run_rotate

    return run_rotate(args)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    parser = argparse.ArgumentParser(
        prog="python -m booth_planner",
        description="Booth planner for Indonesian regional product exhibitions.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    regions = commands.add_parser("regions", help="look up Indonesian regions")
    region_commands = regions.add_subparsers(dest="regions_command", required=True)
    resolve_cmd = region_commands.add_parser("resolve", help="resolve region names to codes")
    resolve_cmd.add_argument("names", nargs="+", metavar="NAME")
    resolve_cmd.set_defaults(handler=_regions_resolve)

    allocate = commands.add_parser("allocate", help="allocate booths to applicants")
    allocate.add_argument("--booths", required=True, help="booths.csv or .xlsx")
    allocate.add_argument("--applicants", required=True, help="applicants.csv or .xlsx")
    allocate.add_argument("--out", required=True, help="where to write assignments.csv")
    allocate.add_argument("--unplaced", help="where to write unplaced.csv")
    allocate.add_argument("--mode", choices=("pavilion", "mixed"), default="pavilion")
    allocate.add_argument("--time-limit", type=float, default=None,
                          help="seconds the optimiser may search (default: no limit)")
    allocate.set_defaults(handler=_allocate)
    for name, help_text in DELEGATED.items():
        commands.add_parser(name, help=help_text, add_help=False)

    rotate = commands.add_parser("rotate", help="plan a gallery's rotation of members")
    rotate.add_argument("--spaces", required=True, help="booths.csv or .xlsx: the spaces")
    rotate.add_argument("--members", required=True, help="applicants.csv or .xlsx: the members")
    rotate.add_argument("--periods", required=True, help="periods.csv or .xlsx")
    rotate.add_argument("--out", required=True, help="where to write roster.csv")
    rotate.add_argument("--ledger", help="where to write ledger.csv")
    rotate.add_argument("--max-consecutive", type=int, default=None,
                        help="most turns in consecutive periods (default 1)")
    rotate.add_argument("--home", help="the gallery's kabupaten/kota (code or name), e.g. 32.75")
    rotate.add_argument("--time-limit", type=float, default=None,
                        help="seconds the optimiser may search (default: no limit)")
    rotate.set_defaults(handler=_rotate)
    from booth_planner.cli.directory import add_commands

    add_commands(commands)
    return parser


def _delegated(name: str, argv: Sequence[str]) -> int:
    """Run a command that has its own parser (``users``, ``backup``)."""
    if name == "users":
        from booth_planner.cli.users import main as users_main

        return users_main(argv)
    from booth_planner.cli.backup import main as backup_main

    return backup_main(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in DELEGATED:
        return _delegated(argv[0], argv[1:])
    args = build_parser().parse_args(argv)
    return args.handler(args)
