"""Benchmark the allocation and print the figures, all in one run.

1. Fuzz: hundreds of tiny hard floors (mixed booth sizes, brick rows, holes, about 22% blocked,
   zones, 10-90% multi-booth requests, partial locks) against the exhaustive reference of
   tests/allocation/reference.py: false proofs, invalid bounds, refused feasible inputs,
   suboptimal runs, proven share.
2. Generated events: INACRAFT scale with 25% blocked and every province pavilion pinned to one
   anchor booth, national 10,000 / 25,000 and 30,000 / 75,000. For each: our coverage, the proven
   bound, first-come-first-served (each applicant in submission order takes the first free
   booths that fit) and a matching bound (regions to compatible booths, multi-booth ignored);
   then the whole ``python -m booth_planner allocate`` command timed on the event as CSV files.

    python bench/allocate.py [--seed N] [--fuzz N] [--only fuzz|inacraft|national|national75]
                             [--no-cli] [--repeat N]

Times depend on the machine's load: on a shared machine they are upper bounds, so the load
average is printed first.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from booth_planner.allocation import LockError, allocate, exact  # noqa: E402
from booth_planner.allocation.placement import build_floor, carve, normalize  # noqa: E402
from booth_planner.demo import synthetic  # noqa: E402
from tests.allocation.reference import (  # noqa: E402
    anchored_pavilions,
    best_allocation,
    tiny_event,
)


def inacraft_anchored(seed: int) -> synthetic.SyntheticEvent:
    """INACRAFT scale, 25% of booths blocked, each province pavilion locked to one anchor booth."""
    return anchored_pavilions(synthetic.inacraft(seed), seed)


EVENTS = {
    "inacraft": ("INACRAFT scale, 25% blocked, pavilions on anchor locks", inacraft_anchored, 3.0),
    "national": ("national 10,000 / 25,000", synthetic.national, 5.0),
    "national75": ("national 30,000 / 75,000",
                   lambda seed: synthetic.make_event(30_000, 75_000, seed), 30.0),
}


def matching_bound(booths, applicants) -> int:
    """Most regions that can each get a different compatible booth."""
    usable = [b for b in booths if not b.is_blocked]
    zones = np.array([normalize(b.zone) or "" for b in usable], dtype=object)
    regions = sorted({a.region_code for a in applicants})
    categories: dict[str, set[str]] = {r: set() for r in regions}
    for applicant in applicants:
        categories[applicant.region_code].add(normalize(applicant.category) or "")
    rows, cols = [], []
    for r, region in enumerate(regions):
        fits = np.isin(zones, ["", *categories[region]]).nonzero()[0]
        rows.append(np.full(len(fits), r))
        cols.append(fits)
    row, col = np.concatenate(rows), np.concatenate(cols)
    graph = csr_matrix((np.ones(len(row), dtype=np.int8), (row, col)),
                       shape=(len(regions), len(usable)))
    return int((maximum_bipartite_matching(graph, perm_type="column") >= 0).sum())


def first_come_first_served(booths, applicants) -> int:
    """Regions covered when each applicant, in submission order, takes the first booths that fit."""
    floor = build_floor(booths)
    free = {b.booth_id for b in booths if not b.is_blocked}
    by_zone: dict[str | None, list[str]] = {}
    for booth_id in sorted(free, key=floor.rank.__getitem__, reverse=True):
        by_zone.setdefault(floor.zone[booth_id], []).append(booth_id)
    covered: set[str] = set()
    for applicant in applicants:
        category = normalize(applicant.category) or ""
        if applicant.booths_requested == 1:
            piles = [p for p in (by_zone.get(None), by_zone.get(category)) if p]
            for pile in piles:
                while pile and pile[-1] not in free:
                    pile.pop()
            piles = [p for p in piles if p]
            if piles:
                booth_id = min((p[-1] for p in piles), key=floor.rank.__getitem__)
                free.discard(booth_id)
                covered.add(applicant.region_code)
            continue
        for hall in floor.halls:
            group = carve(floor, hall, applicant.booths_requested, category, free)
            if group:
                free.difference_update(group)
                covered.add(applicant.region_code)
                break
    return len(covered)


def time_command(event, repeat: int) -> tuple[list[float], list[float], dict[str, float]]:
    """Seconds for the whole command (process start to exit) per run, wall clock and CPU, and
    its phases in-process. CPU seconds hardly depend on what else the machine is doing."""
    from booth_planner.cli.allocate import output_tables, read_inputs, write_together

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        synthetic.write_csv(event, work / "booths.csv", work / "applicants.csv")
        runs, cpu = [], []
        for _ in range(repeat):
            started = time.perf_counter()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            done = subprocess.run(
                [sys.executable, "-m", "booth_planner", "allocate", "--booths", "booths.csv",
                 "--applicants", "applicants.csv", "--out", "assignments.csv",
                 "--unplaced", "unplaced.csv"],
                cwd=work, capture_output=True, text=True, check=False,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
            runs.append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            if done.returncode != 0:
                raise SystemExit(f"command failed:\n{done.stderr}")
        phases: dict[str, float] = {}
        started = time.perf_counter()
        booths, applicants, _rows, problems, _warnings = read_inputs(work / "booths.csv",
                                                          work / "applicants.csv", "en")
        phases["read + validate"] = time.perf_counter() - started
        started = time.perf_counter()
        result = allocate(booths, applicants)
        phases["allocate"] = time.perf_counter() - started
        started = time.perf_counter()
        assignments_csv, unplaced_csv = output_tables(booths, applicants, result)
        write_together({work / "a.csv": assignments_csv, work / "u.csv": unplaced_csv})
        phases["write"] = time.perf_counter() - started
        assert not problems, problems
        return runs, cpu, phases


def fuzz(count: int, seed: int) -> None:
    """The engine against the exhaustive reference on ``count`` tiny hard floors per mode."""
    print(f"\nFuzz: {count} tiny hard floors per mode against the exhaustive reference "
          "('counted': every one-zone block counted, so carving and refinement are exercised)")
    for mode, small in (("pavilion", exact.SMALL_BLOCK), ("mixed", exact.SMALL_BLOCK),
                        ("pavilion", 1)):
        tally = dict.fromkeys(("feasible", "locks impossible", "false proofs", "invalid bounds",
                               "refused feasible", "suboptimal", "proven", "impossible accepted"),
                              0)
        started = time.perf_counter()
        for number in range(count):
            rng = random.Random(f"{seed}-{mode}-{small}-{number}")
            booths, applicants = tiny_event(rng, max_cells=14, max_applicants=7,
                                            multi_share=rng.uniform(0.1, 0.9), lock_share=0.25)
            best = best_allocation(booths, applicants)
            try:
                with mock.patch.object(exact, "SMALL_BLOCK", small):
                    stats = allocate(booths, applicants, mode=mode).stats
            except LockError:
                tally["locks impossible" if best is None else "refused feasible"] += 1
                continue
            if best is None:
                tally["impossible accepted"] += 1
                continue
            tally["feasible"] += 1
            tally["false proofs"] += stats.proven_optimal and stats.objective != best
            tally["invalid bounds"] += not (stats.bound >= best)
            tally["suboptimal"] += stats.objective != best
            tally["proven"] += stats.proven_optimal
        share = tally["proven"] / max(tally["feasible"], 1)
        label = mode if small == exact.SMALL_BLOCK else "counted"
        print(f"  {label:8s} " + ", ".join(f"{k} {v}" for k, v in tally.items())
              + f"; proven {share:.1%} of feasible ({time.perf_counter() - started:.1f} s)")


def main() -> None:
    """Run the fuzz and the chosen events and print one block of figures each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--fuzz", type=int, default=300, help="tiny floors per mode")
    parser.add_argument("--only", choices=["fuzz", *sorted(EVENTS)])
    parser.add_argument("--no-cli", action="store_true")
    parser.add_argument("--mode", choices=("pavilion", "mixed"), default="pavilion")
    parser.add_argument("--repeat", type=int, default=1, help="runs of the whole command")
    parser.add_argument("--inacraft-seeds", type=int, default=4)
    args = parser.parse_args()
    print(f"CPUs: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f} "
          f"(other work on the machine slows every figure below), seed {args.seed}")
    if args.only in (None, "fuzz"):
        fuzz(args.fuzz, args.seed)
    for key, (title, make, target) in EVENTS.items():
        if args.only and key != args.only:
            continue
        seeds = range(args.seed, args.seed + (args.inacraft_seeds if key == "inacraft" else 1))
        for seed in seeds:
            run_event(f"{title}, seed {seed}", make(seed), target, args)


def run_event(title: str, event: synthetic.SyntheticEvent, target: float,
              args: argparse.Namespace) -> None:
    """One event's block of figures."""
    booths = sum(1 for b in event.booths if not b.is_blocked)
    locks = sum(1 for a in event.applicants if a.locked_booth_ids)
    print(f"\n{title}: {len(event.booths):,} booths ({booths:,} available), "
          f"{len(event.applicants):,} applicants ({locks} with a lock), "
          f"{len({a.region_code for a in event.applicants})} regions applying")
    started = time.perf_counter()
    bound = matching_bound(event.booths, event.applicants)
    bound_seconds = time.perf_counter() - started
    started = time.perf_counter()
    fcfs = first_come_first_served(event.booths, event.applicants)
    fcfs_seconds = time.perf_counter() - started
    started = time.perf_counter()
    try:
        result = allocate(event.booths, event.applicants, mode=args.mode)
    except LockError as error:
        print(f"  REFUSED: {error}")
        return
    ours_seconds = time.perf_counter() - started
    stats = result.stats
    print(f"  coverage bound (matching)   {bound:5d}  ({bound_seconds:.2f} s)")
    print(f"  first come, first served    {fcfs:5d}  = {fcfs / bound:6.1%} of bound  "
          f"({fcfs_seconds:.2f} s)")
    print(f"  ours                        {stats.regions_covered:5d}  = "
          f"{stats.regions_covered / bound:6.1%} of bound  ({ours_seconds:.2f} s in-process)")
    print(f"  ours: coverage bound {stats.coverage_bound}, priority {stats.priority} "
          f"(bound {stats.priority_bound}), proven optimal {stats.proven_optimal}, "
          f"gap {stats.gap}, rounds {stats.rounds}, placed {stats.applicants_placed:,}, "
          f"booths used {stats.booths_used:,}, layout score ({stats.mode}) {stats.layout_score:.2f}")
    if not args.no_cli:
        runs, cpu, phases = time_command(event, args.repeat)
        best, median = min(runs), statistics.median(runs)
        verdict = "within" if min(cpu) < target else "OVER"
        print(f"  whole command               {best:.2f} s best, {median:.2f} s median of "
              f"{len(runs)} wall clock; {min(cpu):.2f} s CPU ({verdict} target {target:g} s "
              "in CPU time; wall clock is CPU time on an idle machine)")
        print("  of which, in-process: " + ", ".join(f"{name} {seconds:.2f} s"
                                                    for name, seconds in phases.items())
              + "; the rest is Python start-up and imports (pandas, highspy)")


if __name__ == "__main__":
    main()
