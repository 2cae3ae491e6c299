"""The command line (SPEC section 4): ``python -m booth_planner ...``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def _regions_resolve(args: argparse.Namespace) -> int:
    """Print ``code<TAB>name`` per name; the first unresolvable name's error and exit 2."""
    from booth_planner.regions import RegionError, resolve

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
    from booth_planner.allocation_cli import run_allocate

    return run_allocate(args)


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

    from booth_planner.directory.cli import add_commands

    add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    return args.handler(args)
