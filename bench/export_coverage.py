"""Export and coverage speed on the national demo event (1,120 booths, 1,108 applicants), allocated.

Run: ``python bench/export_coverage.py``. Builds the demo in a temporary SQLite database, runs
the allocation once, then times every export and coverage function. Prints figures; asserts nothing.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from booth_planner.allocation import allocate  # noqa: E402
from booth_planner.allocation.unplaced import unplaced_reasons  # noqa: E402
from booth_planner.charts import coverage as charts  # noqa: E402
from booth_planner.coverage import (  # noqa: E402
    booth_breakdown,
    category_mix,
    coverage_summary,
    province_coverage,
    region_status,
)
from booth_planner.demo.events import ensure_demo_events  # noqa: E402
from booth_planner.exports import booth_lists as export  # noqa: E402
from booth_planner.occupancy import hall_counts  # noqa: E402
from booth_planner.storage import open_store  # noqa: E402

REPEATS = 5


def timed(label: str, work, size=len) -> None:
    """Print the median time of ``work`` over a few runs, and the size of what it made."""
    seconds = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = work()
        seconds.append(time.perf_counter() - start)
    print(f"{label:<34} {statistics.median(seconds) * 1000:8.1f} ms   size {size(result):>9,}")


def main() -> None:
    """Time the exports and coverage figures on the allocated national demo."""
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        ensure_demo_events(store)
        event = next(e for e in store.list_events() if e.scope == "national")
        state = store.state(event.id)
        store.apply_allocation(event.id, allocate(state.booths, state.applicants).assignments,
                               user="bench")
        state = store.state(event.id)
        store.engine.dispose()
    print(f"{event.name}: {len(state.booths):,} booths, {len(state.applicants):,} applicants, "
          f"{len(state.assignments):,} assigned (median of {REPEATS} runs)")
    hall = hall_counts(state)["hall"].iloc[0]
    table = export.assignments_table(state, geometry=True)
    timed("assignments_table", lambda: export.assignments_table(state, geometry=True))
    timed("csv_bytes (;)", lambda: export.csv_bytes(table, ";"))
    timed("excel_bytes", lambda: export.excel_bytes(state, "id"))
    timed("province_lists_zip", lambda: export.province_lists_zip(state, ";", "id"))
    timed("unplaced_reasons", lambda: unplaced_reasons(state, "id"))
    timed(f"printable_hall_list_html ({hall})",
          lambda: export.printable_hall_list_html(state, hall, "id"))
    timed("coverage_summary", lambda: coverage_summary(state), size=lambda _: 1)
    timed("province_coverage", lambda: province_coverage(state))
    timed("region_status", lambda: region_status(state))
    timed("category_mix", lambda: category_mix(state))
    timed("dot map figure (514 capitals)",
          lambda: charts.region_dot_map_figure(region_status(state), "id"),
          size=lambda f: sum(len(t.x) for t in f.data))
    timed("treemap figure", lambda: charts.booth_treemap_figure(booth_breakdown(state), "id"),
          size=lambda f: len(f.data[0].ids))


if __name__ == "__main__":
    main()
