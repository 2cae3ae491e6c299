"""Benchmark the rotation planner on the three galleries of issue 13 and print the figures.

For each gallery, on the same instance: the planner, and a round-robin by member list order
(what galleries do by hand: each period the next members on the list who can come take the
free spaces). Figures: fewest and most turns in total, members with no turn, regions shown per
period, time; then the whole ``python -m booth_planner rotate`` command on the CSV files.

    python bench/rotate.py [--only outlet|city|province] [--no-cli]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from booth_planner.exports.booth_lists import csv_bytes  # noqa: E402
from booth_planner.rotation import plan_rotation  # noqa: E402
from booth_planner.rotation.sample import sample_gallery  # noqa: E402

GALLERIES = {
    "outlet": ("Rest-area outlet", dict(spaces=7, members=45, periods=12, length="1m",
                                        home="32.75", tenant=False), 1.0),
    "city": ("City gallery", dict(spaces=24, members=90, periods=12, length="1m", home="32.75"),
             2.0),
    "province": ("Province gallery", dict(spaces=40, members=500, periods=52, length="1w",
                                          home="33"), 15.0),
}


def round_robin(gallery, max_consecutive: int = 1) -> dict[str, set[int]]:
    """Turns by list order: each period, from where the last period stopped, members who can
    come take the first free space that fits (one space each; multi-space asks are skipped)."""
    spaces = [b for b in gallery.spaces if not b.is_blocked]
    turns: dict[str, set[int]] = {m.applicant_id: set() for m in gallery.members}
    pointer = 0
    members = list(gallery.members)
    for index, period in enumerate(gallery.periods):
        free = list(spaces)
        for member in members:  # permanent tenants keep their spaces
            if member.is_permanent and period.period_id not in member.unavailable_periods:
                free = [b for b in free if b.booth_id not in member.applicant.locked_booth_ids]
                turns[member.applicant_id].add(index)
        looked = 0
        while free and looked < len(members):
            member = members[(pointer + looked) % len(members)]
            looked += 1
            if member.is_permanent or period.period_id in member.unavailable_periods:
                continue
            recent = [i for i in turns[member.applicant_id] if i >= index - max_consecutive]
            if len(recent) >= max_consecutive:
                continue
            space = next((b for b in free if b.accepts(member.applicant.category)), None)
            if space is None:
                continue
            free.remove(space)
            turns[member.applicant_id].add(index)
        pointer = (pointer + looked) % len(members)
    return turns


def figures(gallery, turns: dict[str, set[int]]) -> tuple[int, int, int, float]:
    """(fewest total, most total, members with no turn, regions shown per period)."""
    counted = [m for m in gallery.members if not m.is_permanent]
    totals = [m.turns_before + len(turns[m.applicant_id]) for m in counted]
    regions = {m.applicant_id: m.applicant.region_code for m in gallery.members}
    shown = sum(len({regions[a] for a, got in turns.items() if index in got})
                for index in range(len(gallery.periods)))
    no_turn = sum(1 for m in counted if not turns[m.applicant_id])
    return min(totals), max(totals), no_turn, shown / len(gallery.periods)


def write_files(gallery, folder: Path) -> None:
    """The gallery as spaces.csv, members.csv and periods.csv."""
    spaces = pd.DataFrame([{"booth_id": b.booth_id, "hall": b.hall, "x": b.x, "y": b.y,
                            "width_m": b.width_m, "depth_m": b.depth_m, "zone": b.zone or ""}
                           for b in gallery.spaces])
    members = pd.DataFrame([{
        "applicant_id": m.applicant_id, "name": m.applicant.name,
        "region": m.applicant.region_code, "category": m.applicant.category,
        "product": m.applicant.product or "", "priority": m.applicant.priority,
        "locked_booth_id": "|".join(m.applicant.locked_booth_ids),
        "unavailable_periods": "|".join(sorted(m.unavailable_periods)),
        "turns_before": m.turns_before} for m in gallery.members])
    periods = pd.DataFrame([{"period_id": p.period_id, "start": p.start.isoformat(),
                             "end": p.end.isoformat()} for p in gallery.periods])
    for name, table in (("spaces", spaces), ("members", members), ("periods", periods)):
        (folder / f"{name}.csv").write_bytes(csv_bytes(table))


def main() -> int:
    """Print the comparison for each gallery."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(GALLERIES))
    parser.add_argument("--no-cli", action="store_true")
    args = parser.parse_args()
    print(f"{'gallery':<18} {'method':<12} {'fewest':>6} {'most':>5} {'no turn':>8} "
          f"{'regions/period':>15} {'time s':>8}  proof")
    for key, (label, spec, target) in GALLERIES.items():
        if args.only and key != args.only:
            continue
        gallery = sample_gallery(**spec)
        size = f"{spec['spaces']}/{spec['members']}/{spec['periods']}"
        started = time.perf_counter()
        baseline = round_robin(gallery)
        rr_time = time.perf_counter() - started
        started = time.perf_counter()
        result = plan_rotation(gallery.spaces, gallery.members, gallery.periods)
        plan_time = time.perf_counter() - started
        planned = {m.applicant_id: set() for m in gallery.members}
        position = {p.period_id: i for i, p in enumerate(gallery.periods)}
        for turn in result.turns:
            planned[turn.applicant_id].add(position[turn.period_id])
        stats = result.stats
        proof = (f"proven optimal (min {stats.min_total}, {stats.at_min} at it, regions "
                 f"{stats.regions_shown}; priority {stats.priority}/{stats.priority_bound})"
                 if stats.proven_optimal else
                 f"gap: min {stats.min_total}/{stats.min_total_bound}, regions "
                 f"{stats.regions_shown}/{stats.regions_bound}")
        for method, turns, seconds, note in (("round-robin", baseline, rr_time, ""),
                                             ("planner", planned, plan_time, proof)):
            low, high, none, per_period = figures(gallery, turns)
            print(f"{label + ' ' + size:<18} {method:<12} {low:>6} {high:>5} {none:>8} "
                  f"{per_period:>15.2f} {seconds:>8.2f}  {note}")
        if not args.no_cli:
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder)
                write_files(gallery, path)
                command = [sys.executable, "-m", "booth_planner", "rotate",
                           "--spaces", str(path / "spaces.csv"),
                           "--members", str(path / "members.csv"),
                           "--periods", str(path / "periods.csv"),
                           "--out", str(path / "roster.csv"), "--ledger", str(path / "ledger.csv")]
                if "." in spec["home"]:
                    command += ["--home", spec["home"]]
                started = time.perf_counter()
                done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                                      check=False)
                seconds = time.perf_counter() - started
                status = "ok" if done.returncode == 0 else f"exit {done.returncode}"
                print(f"{'':<18} {'whole command':<12} {seconds:>46.2f}  {status}, "
                      f"target < {target:g} s")
                if done.returncode:
                    print(done.stderr[-2000:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
