"""Benchmark: release 1,000 expired holds on the national demo and propose replacements.

The national demo (1,120 booths) gets 1,000 booths held, one hold per applicant, with a deadline
one hour ahead; the applicants left without a booth are waitlisted. Then the store's clock moves
two hours on (an injected clock: nothing sleeps) and the figures are the time of the next read
that releases the holds, of reading the event and its lifecycle, and of the waitlist's
proposals for the freed booths. Target: under 1 s in all.

    python bench/lifecycle_release.py [--url postgresql+psycopg://...] [--holds 1000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from booth_planner.core.model import Assignment, zone_accepts  # noqa: E402
from booth_planner.demo.events import create_national_demo  # noqa: E402
from booth_planner.lifecycle.waitlist import propose  # noqa: E402
from booth_planner.storage import LifecycleStore, make_engine  # noqa: E402
from booth_planner.storage.migrate import upgrade  # noqa: E402

START = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)


class Clock:
    """The store's clock, moved by hand."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def greedy(state, count: int) -> list[Assignment]:
    """``count`` booths, each to the next one-booth applicant its zone accepts (no optimiser)."""
    waiting = [a for a in state.applicants if a.booths_requested == 1]
    given, used = [], set()
    for booth in state.booths:
        if len(given) == count:
            break
        if booth.is_blocked:
            continue
        applicant = next((a for a in waiting if a.applicant_id not in used
                          and zone_accepts(booth.zone, a.category)), None)
        if applicant is not None:
            used.add(applicant.applicant_id)
            given.append(Assignment(booth.booth_id, applicant.applicant_id, source="auto"))
    return given


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--holds", type=int, default=1000)
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory()
    url = args.url or f"sqlite:///{Path(folder.name) / 'bench.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    clock = Clock()
    store = LifecycleStore(engine, clock=clock)
    setup = time.perf_counter()
    event = create_national_demo(store, allocated=False)
    state = store.state(event.id)
    given = greedy(state, args.holds)
    placed = {a.applicant_id for a in given}
    store.apply_allocation(event.id, given, user="bench", waitlist={
        a.applicant_id: "bench: no booth" for a in state.applicants
        if a.applicant_id not in placed})
    for assignment in given:
        store.hold(event.id, [assignment.booth_id], assignment.applicant_id,
                   START + timedelta(hours=1), user="bench")
    setup = time.perf_counter() - setup
    waiting = sum(1 for a in store.state(event.id).applicants if a.status == "daftar_tunggu")
    print(f"national demo: {len(state.booths):,} booths, {len(state.applicants):,} applicants; "
          f"{len(given):,} held, {waiting:,} waitlisted (setup {setup:.1f} s, {engine.dialect.name})")

    clock.now = START + timedelta(hours=2)
    t0 = time.perf_counter()
    change = store.release_expired(event.id)
    t1 = time.perf_counter()
    state = store.state(event.id)
    life = store.lifecycle(event.id)
    t2 = time.perf_counter()
    proposals = propose(state, life.status_at, refused=life.refused)
    t3 = time.perf_counter()
    unrepresented = sum(p.unrepresented for p in proposals)
    print(f"released {change.booth_count:,} expired holds in one change: {t1 - t0:.3f} s")
    print(f"read the event and its lifecycle: {t2 - t1:.3f} s")
    print(f"proposed {len(proposals):,} replacements ({unrepresented:,} from unrepresented "
          f"regions): {t3 - t2:.3f} s")
    total = t3 - t0
    print(f"total: {total:.3f} s (target < 1 s: {'met' if total < 1 else 'NOT met'})")
    engine.dispose()
    folder.cleanup()


if __name__ == "__main__":
    main()
