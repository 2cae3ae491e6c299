"""Run one command's work on a store opened for it, with the same clean exit on every failure."""

from __future__ import annotations

from collections.abc import Callable

from booth_planner.cli.exits import fail
from booth_planner.storage import DatabaseFault, Store, open_store


def run_with_store(database_url: str | None, work: Callable[[Store], int],
                   errors: tuple[type[Exception], ...] = ()) -> int:
    """Open the store, run ``work`` on it and close it; a database fault or one of ``errors``
    says "error: ..." on stderr and gives the bad-input status instead of a traceback."""
    try:
        store = open_store(database_url)
    except DatabaseFault as fault:
        return fail(f"error: {fault}")
    try:
        return work(store)
    except (DatabaseFault, *errors) as error:
        return fail(f"error: {error}")
    finally:
        store.engine.dispose()
