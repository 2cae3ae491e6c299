"""Floor plan speed on the national demo (1,120 booths): prints the server run and round trips.

Targets: the page's server run under 1 s; a click-to-updated-plan round trip in the browser
under 1.5 s. The national demo is filled first (about 900 booths assigned, every province
mixed through every hall: the most colour groups a hall can get), then:

1. server run: the floor plan page run in AppTest, cold and after simulated clicks on assigned
   and free booths (a click's real run is only the page's fragment; AppTest reruns the whole app
   with its sidebar, so these figures are an upper bound), plus its parts: the state and version
   reads and the figure build;
2. round trip: Playwright with headless system Chromium against ``streamlit run app.py``, from
   the click until the plan shows it: a booth clicked until its selection outline is drawn, the
   Assign button clicked until the booth is drawn in its exhibitor's colour, Undo clicked until
   it is drawn free again.

Run from the repository root: ``python -m bench.floor_plan [--clicks N]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from booth_planner.charts.floor_plan import floor_plan_figure  # noqa: E402
from booth_planner.core.model import Assignment  # noqa: E402
from booth_planner.demo.events import ensure_demo_events  # noqa: E402
from booth_planner.storage import open_store  # noqa: E402

NATIONAL = "kriya-nusantara-nasional"
TARGET_SERVER_S = 1.0
TARGET_ROUND_TRIP_S = 1.5


def prepare(database_url: str) -> None:
    """Demo events, the national one filled: every tenth booth of a hall left free."""
    store = open_store(database_url)
    ensure_demo_events(store)
    event = next(e for e in store.list_events() if e.slug == NATIONAL)
    state = store.state(event.id)
    applicants = sorted(state.applicants, key=lambda a: (a.region_code, a.applicant_id))
    booths = [b for b in state.booths if not b.is_blocked]
    assignments, used = [], set()
    for index, booth in enumerate(booths):
        if index % 10 == 9:
            continue
        applicant = next((a for a in applicants if a.applicant_id not in used
                          and booth.accepts(a.category)), None)
        if applicant is None:
            continue
        used.add(applicant.applicant_id)
        assignments.append(Assignment(booth.booth_id, applicant.applicant_id,
                                      locked=len(assignments) % 25 == 0))
    store.apply_allocation(event.id, assignments, user="bench")
    store.engine.dispose()


def sample_booths(database_url: str, count: int) -> tuple[list[str], list[str]]:
    """Free and assigned booths of Hall A, spread along the hall."""
    store = open_store(database_url)
    event = next(e for e in store.list_events() if e.slug == NATIONAL)
    state = store.state(event.id)
    held = state.assignment_by_booth()
    hall = [b for b in state.booths if b.hall == "Hall A" and not b.is_blocked]
    free = [b.booth_id for b in hall if b.booth_id not in held]
    assigned = [b.booth_id for b in hall if b.booth_id in held]
    store.engine.dispose()
    pick = lambda ids: ids[:: max(1, len(ids) // count)][:count]  # noqa: E731
    return pick(free), pick(assigned)


def summary(times: list[float]) -> str:
    """Median and worst of some timings, in seconds."""
    return f"median {statistics.median(times):.3f} s, max {max(times):.3f} s (n={len(times)})"


def measure(step) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def server_run(database_url: str, clicks: int) -> float:
    """AppTest runs of the page; returns the worst click rerun."""
    os.environ["BOOTH_PLANNER_DATABASE_URL"] = database_url
    from streamlit.testing.v1 import AppTest

    import app_support

    app_support.get_store.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["lang"] = "id"
    at.query_params["event"] = NATIONAL
    at.run()
    at.switch_page("pages/floor_plan.py")
    cold = measure(at.run)
    assert not at.exception, at.exception
    free, assigned = sample_booths(database_url, clicks)
    timings: dict[str, list[float]] = {"assigned": [], "free": [], "plain rerun": []}
    for kind, booths in (("assigned", assigned), ("free", free)):
        for booth_id in booths:
            at.session_state[at.session_state["floor.chart_key"]] = {"selection": {
                "points": [{"customdata": booth_id}], "point_indices": [0], "box": [],
                "lasso": []}}
            timings[kind].append(measure(at.run))
            assert not at.exception, at.exception
            assert at.session_state["floor.selected"] == [booth_id]
    for _ in range(clicks):
        timings["plain rerun"].append(measure(at.run))
    print(f"  AppTest, whole app, first run of the page: {cold:.3f} s")
    for kind, values in timings.items():
        print(f"  AppTest, click on a {kind} booth: {summary(values)}" if kind != "plain rerun"
              else f"  AppTest, rerun with a booth selected: {summary(values)}")
    store = open_store(database_url)
    event = next(e for e in store.list_events() if e.slug == NATIONAL)
    reads = [measure(lambda: (store.booth_versions(event.id), store.state(event.id)))
             for _ in range(clicks)]
    state = store.state(event.id)
    builds = {mode: [measure(lambda m=mode: floor_plan_figure(state, "Hall A", m, "id",
                                                                [assigned[0]]))
                     for _ in range(clicks)] for mode in ("province", "category", "status")}
    store.engine.dispose()
    print(f"  parts: state + versions read {summary(reads)}")
    for mode, values in builds.items():
        print(f"  parts: figure build, colour by {mode}: {summary(values)}")
    return max(timings["assigned"] + timings["free"])


def round_trip(database_url: str, clicks: int, workdir: Path) -> float:
    """Browser round trips; returns the worst of them."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.browser import (
        booth_centre,
        booth_group,
        chromium_missing_reason,
        launch,
        open_floor_plan,
        start_server,
        stop_server,
        wait_group,
        wait_plan_ready,
        wait_selected,
    )

    if reason := chromium_missing_reason():
        print(f"  skipped: {reason}")
        return float("nan")
    free, assigned = sample_booths(database_url, clicks)
    server = start_server(database_url, workdir)
    select_times, assign_times, undo_times = [], [], []
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_context(viewport={"width": 1440, "height": 1000}).new_page()
            open_floor_plan(page, server.url, lang="en", event_slug=NATIONAL)
            for booth_id in assigned + free:
                wait_plan_ready(page)
                page.wait_for_timeout(300)
                x, y, _ = booth_centre(page, booth_id)
                page.mouse.move(x, y)
                page.wait_for_timeout(100)
                select_times.append(measure(lambda b=booth_id, x=x, y=y: (
                    page.mouse.click(x, y), wait_selected(page, b))))
                if booth_id in free:
                    page.get_by_role("heading", name=f"Booth {booth_id}").wait_for()
                    button = page.get_by_role("button", name="Assign to this booth")
                    assign_times.append(measure(lambda b=booth_id, x=button: (
                        x.click(), wait_group(page, b, free=False))))
                    assert booth_group(page, booth_id) != "g:free"
                    undo = page.get_by_role("button", name="Undo my last change")
                    undo_times.append(measure(lambda b=booth_id, x=undo: (
                        x.click(), wait_group(page, b, free=True))))
                    page.wait_for_timeout(200)
            browser.close()
    finally:
        stop_server(server)
    print(f"  click on a booth -> plan shows it selected: {summary(select_times)}")
    print(f"  click Assign -> plan shows the booth assigned: {summary(assign_times)}")
    print(f"  click Undo -> plan shows the booth free again: {summary(undo_times)}")
    return max(select_times + assign_times + undo_times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=5, help="booths clicked of each kind")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="floor-bench-") as tmp:
        workdir = Path(tmp)
        database_url = f"sqlite:///{workdir / 'bench.sqlite3'}"
        prepare(database_url)
        print("Floor plan, national demo (1,120 booths, Hall A: 280 booths)")
        print("Server run (target < 1 s):")
        worst_server = server_run(database_url, args.clicks)
        print("Browser round trip, headless Chromium (target < 1.5 s):")
        worst_trip = round_trip(database_url, args.clicks, workdir)
        print(f"RESULT server run worst {worst_server:.3f} s "
              f"({'meets' if worst_server < TARGET_SERVER_S else 'MISSES'} < 1 s); "
              f"round trip worst {worst_trip:.3f} s "
              f"({'meets' if worst_trip < TARGET_ROUND_TRIP_S else 'MISSES'} < 1.5 s)")


if __name__ == "__main__":
    main()
