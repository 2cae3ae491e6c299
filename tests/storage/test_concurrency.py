"""Several organizers at once: no double booking, no lost change, a history entry per success.

Each race runs on SQLite and on PostgreSQL (threads sharing one store, as the app's sessions
do); on PostgreSQL also from several processes, as several app instances behind one address.
"""

from __future__ import annotations

import multiprocessing
import random
import threading
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor

import pytest

from booth_planner.core.model import Applicant, Booth
from booth_planner.demo.events import ensure_demo_events
from booth_planner.storage import (
    ConflictError,
    RuleError,
    Store,
    make_engine,
    open_store,
    startup_lock,
)

THREADS = 8
ATTEMPTS = 30  # per thread: 240 attempts a race, on 60 booths, so most booths see a fight


def _booths(n: int) -> list[Booth]:
    return [Booth(booth_id=f"A-{i:03d}", hall="Hall A", x=3.0 * i, y=0.0) for i in range(n)]


def _applicants(n: int) -> list[Applicant]:
    return [Applicant(applicant_id=f"P{i:04d}", name=f"UMKM {i}", region_code="12.04",
                      category="tenun") for i in range(n)]


def _event(store: Store, booths: int, applicants: int) -> int:
    event = store.create_event("Pameran Dekranasda", user="setup")
    store.save_booths(event.id, _booths(booths), user="setup")
    store.save_applicants(event.id, _applicants(applicants), user="setup")
    return event.id


def grab_free_booths(store: Store, event_id: int, booth_ids: list[str], applicant_ids: list[str],
                     user: str, seed: int, start: threading.Barrier | None = None) -> list[tuple]:
    """One organizer taking random booths: ("won", booth, applicant, change id) or ("lost", ...)."""
    rng = random.Random(seed)
    if start is not None:
        start.wait()
    outcomes = []
    for applicant_id in applicant_ids:
        booth_id = rng.choice(booth_ids)
        try:
            change = store.assign(event_id, booth_id, applicant_id, user=user)
            outcomes.append(("won", booth_id, applicant_id, change.id, user))
        except ConflictError as error:
            outcomes.append(("lost", booth_id, applicant_id, error.changed_by,
                             error.current_applicant_id, str(error)))
    return outcomes


def _grab_in_process(args: tuple) -> list[tuple]:
    """grab_free_booths in a process of its own, with its own engine (an app instance)."""
    url, event_id, booth_ids, applicant_ids, user, seed = args
    store = open_store(url)
    try:
        return grab_free_booths(store, event_id, booth_ids, applicant_ids, user, seed)
    finally:
        store.engine.dispose()


def _check_free_booth_race(store: Store, event_id: int, outcomes: list[tuple]) -> None:
    """Each booth won once at most; every loser was told who holds it; history has every win."""
    wins = [o for o in outcomes if o[0] == "won"]
    losses = [o for o in outcomes if o[0] == "lost"]
    assert wins and losses, "the race should produce winners and losers"
    won_booths = Counter(o[1] for o in wins)
    assert max(won_booths.values()) == 1, "a booth was taken twice"
    holder = {o[1]: (o[2], o[4]) for o in wins}
    held = {a.booth_id: a.applicant_id for a in store.state(event_id).assignments}
    assert held == {b: applicant for b, (applicant, _) in holder.items()}
    for _, booth_id, _, changed_by, current, message in losses:
        assert current == holder[booth_id][0]
        assert changed_by == holder[booth_id][1]
        assert booth_id in message and changed_by in message
    assignments = [c for c in store.history(event_id, limit=10_000) if c.action == "booth.assign"]
    assert sorted((c.id, c.user) for c in assignments) == sorted((o[3], o[4]) for o in wins)
    for change in assignments:
        (booth_id, states), = change.details["booths"].items()
        assert states["before"]["applicant_id"] is None
        assert states["after"]["applicant_id"] == holder[booth_id][0]


def test_threads_taking_free_booths_never_double_book(store):
    event_id = _event(store, booths=60, applicants=THREADS * ATTEMPTS)
    booth_ids = [f"A-{i:03d}" for i in range(60)]
    applicant_ids = [f"P{i:04d}" for i in range(THREADS * ATTEMPTS)]
    start = threading.Barrier(THREADS)
    with ThreadPoolExecutor(THREADS) as pool:
        futures = [pool.submit(grab_free_booths, store, event_id, booth_ids,
                               applicant_ids[i::THREADS], f"panitia-{i}", i, start)
                   for i in range(THREADS)]
        outcomes = [o for f in futures for o in f.result()]
    assert len(outcomes) == THREADS * ATTEMPTS
    _check_free_booth_race(store, event_id, outcomes)


@pytest.mark.postgres
def test_processes_taking_free_booths_never_double_book(postgres_url):
    store = open_store(postgres_url)
    event_id = _event(store, booths=40, applicants=4 * 50)
    booth_ids = [f"A-{i:03d}" for i in range(40)]
    applicant_ids = [f"P{i:04d}" for i in range(4 * 50)]
    jobs = [(postgres_url, event_id, booth_ids, applicant_ids[i::4], f"kantor-{i}", i)
            for i in range(4)]
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        outcomes = [o for result in pool.map(_grab_in_process, jobs) for o in result]
    assert len(outcomes) == 4 * 50
    _check_free_booth_race(store, event_id, outcomes)
    store.engine.dispose()


def _reassign_seen(store: Store, event_id: int, booth_ids: list[str], applicant_ids: list[str],
                   user: str, seed: int, start: threading.Barrier) -> list[tuple]:
    """An organizer who looks at a booth, then gives it to someone else, on the version seen."""
    rng = random.Random(seed)
    start.wait()
    outcomes = []
    for _ in range(20):
        booth_id = rng.choice(booth_ids)
        seen = store.booth_versions(event_id)[booth_id]
        applicant_id = rng.choice(applicant_ids)
        try:
            change = store.assign(event_id, booth_id, applicant_id, user=user,
                                  expected_version=seen)
            outcomes.append(("won", booth_id, seen, change.id, change.booth_count))
        except ConflictError:
            outcomes.append(("lost", booth_id, seen, None, 0))
        except RuleError:  # the applicant already holds the one booth it asked for
            outcomes.append(("refused", booth_id, seen, None, 0))
    return outcomes


def test_changes_made_on_a_stale_view_are_refused_not_overwritten(store):
    # Each booth's successful changes must form one chain: every winner built on the version
    # the previous winner left. A lost update would show as two wins on one version.
    event_id = _event(store, booths=10, applicants=30)
    booth_ids = [f"A-{i:03d}" for i in range(10)]
    applicant_ids = [f"P{i:04d}" for i in range(30)]
    start = threading.Barrier(THREADS)
    with ThreadPoolExecutor(THREADS) as pool:
        futures = [pool.submit(_reassign_seen, store, event_id, booth_ids, applicant_ids,
                               f"panitia-{i}", i, start) for i in range(THREADS)]
        outcomes = [o for f in futures for o in f.result()]
    wins = [o for o in outcomes if o[0] == "won"]
    assert any(o[0] == "lost" for o in outcomes)
    by_booth: dict[str, list[int]] = defaultdict(list)
    for _, booth_id, seen, _, changed in wins:
        if changed:  # giving a booth to the applicant already there changes no version
            by_booth[booth_id].append(seen)
    versions = store.booth_versions(event_id)
    history = store.history(event_id, limit=10_000)
    changes_of = Counter(b for c in history if c.action == "booth.assign"
                         for b in c.details.get("booths", {}))
    for booth_id in booth_ids:
        seen_versions = sorted(by_booth[booth_id])
        assert len(set(seen_versions)) == len(seen_versions), f"{booth_id}: lost update"
        # Wins that changed nothing (same applicant again) leave the version as it was.
        assert versions[booth_id] == 1 + changes_of[booth_id]
    assert {o[3] for o in wins} == {c.id for c in history if c.action == "booth.assign"}


def _move_when_ready(store: Store, event_id: int, from_booth: str, to_booth: str, user: str,
                     start: threading.Barrier) -> str:
    start.wait()
    try:
        store.move(event_id, from_booth, to_booth, user=user)
        return "won"
    except (ConflictError, RuleError):
        return "lost"


def test_two_organizers_moving_into_one_free_booth(store):
    # Without versions from the caller, move checks the booth is free and then writes: the
    # second mover must get a conflict, never take the booth from the first one's applicant.
    event_id = _event(store, booths=3 * 30, applicants=2 * 30)
    for round_no in range(30):
        a, b, free = (f"A-{3 * round_no + k:03d}" for k in range(3))
        first, second = f"P{2 * round_no:04d}", f"P{2 * round_no + 1:04d}"
        store.assign(event_id, a, first, user="setup")
        store.assign(event_id, b, second, user="setup")
        start = threading.Barrier(2)
        with ThreadPoolExecutor(2) as pool:
            results = list(pool.map(_move_when_ready, [store] * 2, [event_id] * 2, [a, b],
                                    [free] * 2, ["ani", "budi"], [start] * 2))
        assert sorted(results) == ["lost", "won"]
        held = {x.booth_id: x.applicant_id for x in store.state(event_id).assignments}
        placed = [held.get(a), held.get(b), held.get(free)]
        assert sorted(p for p in placed if p) == sorted([first, second]), "an applicant was lost"


def test_an_allocation_does_not_silently_undo_an_assignment_made_meanwhile(store):
    from booth_planner.core.model import Assignment

    event_id = _event(store, booths=6, applicants=6)
    seen_state, seen_versions = store.snapshot(event_id)
    assert not seen_state.assignments
    store.assign(event_id, "A-005", "P0005", user="budi")  # while the optimiser ran
    plan = [Assignment(f"A-{i:03d}", f"P{i:04d}", source="auto") for i in range(3)]
    with pytest.raises(ConflictError) as refused:
        store.apply_allocation(event_id, plan, user="ani", expected_versions=seen_versions)
    assert refused.value.booth_id == "A-005" and refused.value.changed_by == "budi"
    assert {a.booth_id for a in store.state(event_id).assignments} == {"A-005"}


def test_a_reader_sees_a_whole_import_or_none_of_it(database_url):
    # A page reads while an import replaces applicants and their locked booths: every read
    # must be consistent (no booth pointing at an applicant the same read does not list).
    store = open_store(database_url)
    event_id = _event(store, booths=50, applicants=0)
    errors: list[BaseException] = []
    done = threading.Event()

    def read_loop() -> None:
        while not done.is_set():
            try:
                state = store.state(event_id)
                ids = {a.applicant_id for a in state.applicants}
                assert all(a.applicant_id in ids for a in state.assignments)
            except BaseException as error:  # noqa: BLE001 - reported below
                errors.append(error)
                return

    readers = [threading.Thread(target=read_loop) for _ in range(3)]
    for reader in readers:
        reader.start()
    for round_no in range(10):
        batch = [Applicant(applicant_id=f"R{round_no}-{i}", name="x", region_code="12.04",
                           category="tenun", locked_booth_ids=(f"A-{i:03d}",))
                 for i in range(50)]
        store.save_applicants(event_id, batch, user="import", replace=True)
    done.set()
    for reader in readers:
        reader.join()
    assert not errors, errors[0]
    store.engine.dispose()


def test_sqlite_readers_do_not_queue_behind_a_writer(sqlite_url):
    # WAL readers begin DEFERRED: a page can read while an import holds the write lock.
    store = open_store(sqlite_url)
    event_id = _event(store, booths=5, applicants=5)
    engine = make_engine(sqlite_url)
    with engine.connect() as writer:  # its first statement begins IMMEDIATE (sqlite_pragmas)
        writer.exec_driver_sql("UPDATE booths SET zone = 'batik' WHERE booth_id = 'A-000'")
        finished = threading.Event()
        reader = threading.Thread(target=lambda: (store.state(event_id), finished.set()))
        reader.start()
        assert finished.wait(5), "the read waited for the writer"
        assert store.state(event_id).booth_by_id()["A-000"].zone is None  # not yet committed
        writer.exec_driver_sql("ROLLBACK")
    engine.dispose()
    store.engine.dispose()


def _open_together(url: str, start, results) -> None:  # noqa: ANN001
    """What an app process does first, at the same moment as the others (app_support)."""
    start.wait()
    try:
        store = open_store(url)
        with startup_lock(store.engine):
            ensure_demo_events(store)
        results.put(sorted(e.slug for e in store.list_events()))
        store.engine.dispose()
    except Exception as error:  # noqa: BLE001 - sent back to the test
        results.put(repr(error))


def test_app_processes_starting_together_on_an_empty_database(database_url):
    # Several instances started at once must not race to create the schema, nor each add the
    # demo events to the empty database.
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(4), context.Queue()
    processes = [context.Process(target=_open_together, args=(database_url, start, results))
                 for _ in range(4)]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(30)
    assert outcomes == [["kriya-nusantara-nasional", "pon-xxi-2024"]] * 4
