"""``python -m booth_planner backup ...``: back up an event to a file, or restore one (cron-able)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from booth_planner.cli.exits import EXIT_OK, fail
from booth_planner.cli.with_store import run_with_store
from booth_planner.storage import Store, backup_validation
from booth_planner.storage.backup import BackupError, backup_file_name, export_event, restore_event


def configure(backup: argparse.ArgumentParser) -> None:
    """The ``backup`` command's options and sub-commands."""
    backup.add_argument("--database-url", help="default: BOOTH_PLANNER_DATABASE_URL or the "
                        "local SQLite file")
    actions = backup.add_subparsers(dest="backup_command", required=True)
    export = actions.add_parser("export", help="write an event's backup file")
    export.add_argument("event", help="the event's slug (its address), e.g. pon-xxi-2024")
    export.add_argument("--out", help="file or folder; default: <slug>-cadangan-<time>.json.gz")
    restore = actions.add_parser("restore", help="restore a backup file as a new event")
    restore.add_argument("file")
    restore.add_argument("--user", default="restore", help="the name the history records")


def run(args: argparse.Namespace) -> int:
    """Carry out one ``backup`` sub-command."""

    def work(store: Store) -> int:
        if args.backup_command == "export":
            event = next((e for e in store.list_events() if e.slug == args.event), None)
            if event is None:
                return fail(f"error: no event with the address {args.event!r}")
            target = Path(args.out or ".")
            if target.is_dir():
                target = target / backup_file_name(event)
            target.write_bytes(export_event(store, event.id))
            print(target)
        else:
            source = Path(args.file)
            if source.stat().st_size > backup_validation.MAX_DECOMPRESSED_BYTES:
                raise backup_validation.too_large()
            restored = restore_event(store, source.read_bytes(), user=args.user)
            print(f"restored {restored.name!r} as {restored.slug}")
        return EXIT_OK

    return run_with_store(args.database_url, work, (BackupError, OSError))


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``python -m booth_planner backup``."""
    parser = argparse.ArgumentParser(prog="python -m booth_planner backup",
                                     description="Back up one event to a file, or restore one.")
    configure(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``python -m booth_planner backup ...``; returns the exit status."""
    return run(build_parser().parse_args(argv))
