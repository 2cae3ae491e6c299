"""How many booth assignments per second several organizers get, on SQLite and PostgreSQL.

Run: ``python bench/concurrency.py [--postgres URL] [--ops 400]``. For 1, 4, 8 and 16 threads
sharing one store (as the sessions of one app process do) it prints assignments per second and
the median and 95th-percentile time of one assignment, first with every organizer on booths of
their own, then all fighting over the same few booths (conflicts per second); then the time of
one 1,000-booth automatic allocation and of reading the whole event while writers work.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, text  # noqa: E402

from booth_planner.core.model import Applicant, Assignment, Booth  # noqa: E402
from booth_planner.storage import ConflictError, Store, open_store  # noqa: E402

DEFAULT_POSTGRES = os.environ.get("BOOTH_PLANNER_TEST_POSTGRES_URL",
                                  "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def make_event(store: Store, booths: int, applicants: int) -> int:
    """An event of ``booths`` free booths and ``applicants`` applicants."""
    event = store.create_event(f"bench {uuid.uuid4().hex[:6]}", user="bench")
    store.save_booths(event.id, [Booth(f"B-{i:04d}", f"Hall {i // 250}", 3.0 * (i % 250), 0)
                                 for i in range(booths)], user="bench")
    store.save_applicants(event.id, [Applicant(f"P{i:05d}", f"UMKM {i}", "12.04", "tenun")
                                     for i in range(applicants)], user="bench")
    return event.id


def run_assignments(store: Store, threads: int, ops: int, contended: bool) -> dict:
    """``ops`` assignments from ``threads`` threads; booths of their own or a contended few."""
    booths = 40 if contended else ops
    event_id = make_event(store, booths, ops)
    start = threading.Barrier(threads)

    def organizer(worker: int) -> tuple[list[float], int]:
        rng = random.Random(worker)
        mine = list(range(worker, ops, threads))
        latencies, conflicts = [], 0
        start.wait()
        for i in mine:
            booth = rng.randrange(booths) if contended else i
            began = time.perf_counter()
            try:
                store.assign(event_id, f"B-{booth:04d}", f"P{i:05d}", user=f"org-{worker}")
            except ConflictError:
                conflicts += 1
            latencies.append(time.perf_counter() - began)
        return latencies, conflicts

    began = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        results = list(pool.map(organizer, range(threads)))
    elapsed = time.perf_counter() - began
    latencies = sorted(x for lat, _ in results for x in lat)
    conflicts = sum(c for _, c in results)
    return {
        "per_s": ops / elapsed, "conflicts": conflicts,
        "p50_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
    }


def allocation_and_reads(store: Store) -> dict:
    """One 1,000-booth allocation; reads of the whole event while 4 writers work."""
    event_id = make_event(store, 1000, 1000)
    plan = [Assignment(f"B-{i:04d}", f"P{i:05d}", source="auto") for i in range(1000)]
    began = time.perf_counter()
    store.apply_allocation(event_id, plan, user="bench")
    allocation_s = time.perf_counter() - began
    store.apply_allocation(event_id, [], user="bench")
    stop = threading.Event()

    def writer(worker: int) -> None:
        i = worker
        while not stop.is_set() and i < 1000:
            store.assign(event_id, f"B-{i:04d}", f"P{i:05d}", user="w")
            i += 4

    writers = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
    for w in writers:
        w.start()
    reads = []
    for _ in range(10):
        began = time.perf_counter()
        store.state(event_id)
        reads.append(time.perf_counter() - began)
    stop.set()
    for w in writers:
        w.join()
    return {"allocation_s": allocation_s, "read_ms": 1000 * statistics.median(reads)}


def postgres_store(url: str) -> tuple[Store, callable]:
    """A store in a fresh schema of ``url``, and the function that drops it."""
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in url else "?"
    store = open_store(f"{url}{separator}options=-csearch_path%3D{schema}")

    def drop() -> None:
        store.engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    return store, drop


def main() -> None:
    """Print the figures for each backend."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES)
    parser.add_argument("--ops", type=int, default=400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        backends = [("SQLite (WAL)", open_store(f"sqlite:///{folder}/bench.sqlite3"), None)]
        try:
            store, drop = postgres_store(args.postgres)
            backends.append(("PostgreSQL", store, drop))
        except Exception as error:  # noqa: BLE001 - the bench still runs on SQLite
            print(f"PostgreSQL skipped: {error}")
        for name, store, drop in backends:
            print(f"\n{name}: {args.ops} assignments per run")
            print("threads  own booths: /s   p50 ms   p95 ms | 40 shared booths: /s  conflicts")
            for threads in (1, 4, 8, 16):
                own = run_assignments(store, threads, args.ops, contended=False)
                shared = run_assignments(store, threads, args.ops, contended=True)
                print(f"{threads:>7}  {own['per_s']:>15.0f} {own['p50_ms']:>8.1f} "
                      f"{own['p95_ms']:>8.1f} | {shared['per_s']:>19.0f} {shared['conflicts']:>10}")
            figures = allocation_and_reads(store)
            print(f"1,000-booth allocation applied in {figures['allocation_s']:.2f} s; whole-event "
                  f"read while 4 organizers assign: {figures['read_ms']:.0f} ms (median)")
            if drop:
                drop()
            else:
                store.engine.dispose()


if __name__ == "__main__":
    main()
