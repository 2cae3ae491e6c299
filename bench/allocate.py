"""Benchmark the allocation on three generated events and print the figures.

For each event, on the same instance: our coverage and time, first-come-first-served (each
applicant in submission order takes the first free booths that fit), and the coverage upper
bound (a maximum bipartite matching of regions to compatible booths). Then the whole
``python -m booth_planner allocate`` command is timed on the event written as CSV files.

    python bench/allocate.py [--seed N] [--only expo|inacraft|national] [--no-cli]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from booth_planner.allocation import allocate  # noqa: E402
from booth_planner.allocation.placement import build_floor, carve, normalize  # noqa: E402
from booth_planner.demo import synthetic  # noqa: E402

EVENTS = {
    "expo": ("Aceh-Sumut expo", synthetic.aceh_sumut_expo, 1.0),
    "inacraft": ("INACRAFT scale", synthetic.inacraft, 2.0),
    "national": ("national", synthetic.national, 30.0),
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


def time_command(event, repeat: int) -> tuple[list[float], dict[str, float]]:
    """Seconds for the whole command (process start to exit) per run, and its phases in-process."""
    from booth_planner.cli.allocate import output_tables, read_inputs, write_together

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        synthetic.write_csv(event, work / "booths.csv", work / "applicants.csv")
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "booth_planner", "allocate", "--booths", "booths.csv",
                 "--applicants", "applicants.csv", "--out", "assignments.csv",
                 "--unplaced", "unplaced.csv"],
                cwd=work, capture_output=True, text=True, check=False,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
            runs.append(time.perf_counter() - started)
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
        return runs, phases


def main() -> None:
    """Run the chosen events and print one block of figures per event."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", choices=sorted(EVENTS))
    parser.add_argument("--no-cli", action="store_true")
    parser.add_argument("--mode", choices=("pavilion", "mixed"), default="pavilion")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the whole command")
    args = parser.parse_args()
    print(f"CPUs: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}, seed {args.seed}")
    for key, (title, make, target) in EVENTS.items():
        if args.only and key != args.only:
            continue
        event = make(args.seed)
        booths = sum(1 for b in event.booths if not b.is_blocked)
        print(f"\n{title}: {len(event.booths):,} booths ({booths:,} available), "
              f"{len(event.applicants):,} applicants, "
              f"{len({a.region_code for a in event.applicants})} regions applying")
        started = time.perf_counter()
        bound = matching_bound(event.booths, event.applicants)
        bound_seconds = time.perf_counter() - started
        started = time.perf_counter()
        fcfs = first_come_first_served(event.booths, event.applicants)
        fcfs_seconds = time.perf_counter() - started
        started = time.perf_counter()
        result = allocate(event.booths, event.applicants, mode=args.mode)
        ours_seconds = time.perf_counter() - started
        stats = result.stats
        print(f"  coverage bound (matching)   {bound:5d}  ({bound_seconds:.2f} s)")
        print(f"  first come, first served    {fcfs:5d}  = {fcfs / bound:6.1%} of bound  "
              f"({fcfs_seconds:.2f} s)")
        print(f"  ours                        {stats.regions_covered:5d}  = "
              f"{stats.regions_covered / bound:6.1%} of bound  ({ours_seconds:.2f} s in-process)")
        print(f"  ours: priority {stats.priority} (bound {stats.priority_bound}), proven optimal "
              f"{stats.proven_optimal}, gap {stats.gap}, rounds {stats.rounds}, "
              f"placed {stats.applicants_placed:,}, booths used {stats.booths_used:,}, "
              f"layout score ({stats.mode}) {stats.layout_score:.2f}")
        if not args.no_cli:
            runs, phases = time_command(event, args.repeat)
            best, median = min(runs), statistics.median(runs)
            verdict = "within" if best < target else "OVER"
            print(f"  whole command               {best:.2f} s best, {median:.2f} s median of "
                  f"{len(runs)}  ({verdict} target {target:g} s)")
            print("  of which, in-process: " + ", ".join(f"{name} {seconds:.2f} s"
                                                        for name, seconds in phases.items())
                  + "; the rest is Python start-up and imports (pandas, highspy)")


if __name__ == "__main__":
    main()
