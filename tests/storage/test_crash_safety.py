"""A process killed in the middle of a large write leaves the event wholly before or after it.

A child process runs an automatic allocation (every booth of a large event) or an import that
replaces every applicant, and is SIGKILLed: once while it stands inside the transaction, all
rows written but not committed, and at a few moments chosen without looking. Afterwards the
database passes its integrity checks, the event is exactly as before or exactly as after, and
the same write, run again, lands whole.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from booth_planner.core.model import Applicant, Assignment, Booth
from booth_planner.storage import Store, open_store

ROOT = Path(__file__).resolve().parents[2]
BOOTHS = 800

# The child: open the store, announce the start, run the write; with "pause", stop right after
# the transaction's first flush (rows written, nothing committed) so the parent kills it there.
CHILD = r"""
import sys, time
from sqlalchemy import event
from sqlalchemy.orm import Session
from booth_planner.storage import open_store
from tests.storage.test_crash_safety import import_batch, allocation_plan

url, event_id, what, pause = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4] == "pause"
store = open_store(url)

@event.listens_for(Session, "after_flush")
def _stand_still(session, context):
    if pause:
        print("IN-TRANSACTION", flush=True)
        time.sleep(120)

print("STARTING", flush=True)
if what == "allocate":
    store.apply_allocation(event_id, allocation_plan(), user="optimiser")
else:
    store.save_applicants(event_id, import_batch(), user="import", replace=True)
print("DONE", flush=True)
"""


def allocation_plan() -> list[Assignment]:
    """Every booth to the applicant of the same number: a big automatic allocation."""
    return [Assignment(f"B-{i:04d}", f"OLD-{i:04d}", source="auto") for i in range(BOOTHS)]


def import_batch() -> list[Applicant]:
    """A replacing import: new applicants, each locked to a booth."""
    return [Applicant(applicant_id=f"NEW-{i:04d}", name=f"IKM {i}", region_code="11.71",
                      category="kuliner", locked_booth_ids=(f"B-{i:04d}",))
            for i in range(BOOTHS)]


def _large_event(store: Store) -> int:
    event = store.create_event("Pameran Kriya Nusantara", user="setup")
    store.save_booths(event.id, [Booth(f"B-{i:04d}", f"Hall {i // 200}", x=3.0 * (i % 200), y=0)
                                 for i in range(BOOTHS)], user="setup")
    store.save_applicants(event.id, [Applicant(f"OLD-{i:04d}", f"UMKM {i}", "12.04", "tenun")
                                     for i in range(BOOTHS)], user="setup")
    return event.id


def _picture(store: Store, event_id: int) -> tuple:
    """What must be wholly before or after: applicants, assignments, history."""
    state = store.state(event_id)
    return (
        tuple(a.applicant_id for a in state.applicants),
        tuple(sorted((a.booth_id, a.applicant_id, a.locked) for a in state.assignments)),
        tuple((c.id, c.action) for c in reversed(store.history(event_id, limit=10_000))),
    )


def _run_child(url: str, event_id: int, what: str, *, pause: bool, delay: float | None) -> str:
    """Start the child and SIGKILL it at the pause, or ``delay`` seconds after it starts."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, url, str(event_id), what, "pause" if pause else "go"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    wanted = "IN-TRANSACTION" if pause else "STARTING"
    seen = []
    for line in child.stdout:
        seen.append(line.strip())
        if line.strip() == wanted:
            break
    else:
        child.wait()
        pytest.fail(f"the child ended early: {seen} {child.stderr.read()}")
    if delay:
        time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait(30)
    rest = child.stdout.read()
    return "DONE" if "DONE" in rest else "killed"


def _assert_database_sound(store: Store) -> None:
    with store.engine.connect() as connection:
        if store.engine.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        else:
            dangling = connection.execute(text(
                "SELECT count(*) FROM booths b LEFT JOIN applicants a ON a.id = b.applicant_pk "
                "WHERE b.applicant_pk IS NOT NULL AND a.id IS NULL")).scalar()
            assert dangling == 0


def _finish(store: Store, event_id: int, what: str) -> None:
    if what == "allocate":
        store.apply_allocation(event_id, allocation_plan(), user="optimiser")
    else:
        store.save_applicants(event_id, import_batch(), user="import", replace=True)


@pytest.mark.parametrize("what", ["allocate", "import"])
def test_killed_inside_the_transaction_leaves_the_event_as_before(database_url, what):
    store = open_store(database_url)
    event_id = _large_event(store)
    before = _picture(store, event_id)
    assert _run_child(database_url, event_id, what, pause=True, delay=None) == "killed"
    _assert_database_sound(store)
    assert _picture(store, event_id) == before
    # Nothing is left locked or half-done: the same write now lands whole.
    _finish(store, event_id, what)
    after = _picture(store, event_id)
    assert len(after[1]) == BOOTHS
    store.engine.dispose()


@pytest.mark.parametrize("delay", [0.05, 0.3, 1.0])
def test_killed_at_any_moment_leaves_the_event_before_or_after(database_url, tmp_path, delay):
    store = open_store(database_url)
    event_id = _large_event(store)
    before = _picture(store, event_id)
    outcome = _run_child(database_url, event_id, "allocate", pause=False, delay=delay)
    _assert_database_sound(store)
    now = _picture(store, event_id)
    after_plan = tuple(sorted((a.booth_id, a.applicant_id, a.locked) for a in allocation_plan()))
    if now == before:
        assert outcome == "killed"
    else:
        assert now[0] == before[0] and now[1] == after_plan
        assert now[2][:-1] == before[2] and now[2][-1][1] == "allocation.apply"
    store.engine.dispose()
