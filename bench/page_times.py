"""Time to settled for every page on the national demo, in a real browser on a fresh server.

"Settled": Streamlit says the script is no longer running, the page's title is drawn, no
spinner or status box is still turning, no element is still a loading placeholder (Streamlit
draws a skeleton until an element's code has loaded), every Plotly chart in view is drawn
and every table in view has its grid painted: what the organizer sees, not just the end of the
run. Target: every page under 2 s on an idle 2-core machine.

Each page is timed two ways, in Indonesian and in English:

- opened by its own address in a new tab (a shared link, a reload), once cold (its first visit
  on this server) and then ``--repeat`` times warm. A new tab loads Streamlit's frontend again,
  and Plotly's code (4.7 MB) again for a page with a chart, so two baseline pages
  (``bench/baseline_app.py``: a title, and a title with one small chart) are timed first: what
  Streamlit alone costs on this machine, before any of the app's work;
- reached by a click on its link in the sidebar, in one tab, as an organizer moves between pages
  (a first tour of every page, which loads each element's code into the tab, then ``--repeat``
  more).

Playwright drives headless system Chromium (``/usr/bin/chromium``); nothing is downloaded.
Run from the repository root: ``python -m bench.page_times [--repeat N] [--lang id en]
[--ways tab click] [--pages denah cakupan]``.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app_support import PAGES  # noqa: E402
from tests.e2e.browser import launch, start_server, stop_server  # noqa: E402

NATIONAL = "kriya-nusantara-nasional"
TARGET_S = 2.0
SETTLED_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (!document.querySelector('[data-testid="stMain"] h1')) return false;
  if (document.querySelector('[data-testid="stSpinner"], [data-testid="stStatusWidget"], '
                             + '[data-testid="stSkeleton"]')) return false;
  const shown = (selector) => [...document.querySelectorAll(selector)]
    .filter(e => e.checkVisibility());  // a closed expander or tab is not waited for
  if (!shown('[data-testid="stPlotlyChart"]').every(c => {
    const gd = c.querySelector('.js-plotly-plot'); return gd && gd._fullLayout; })) return false;
  return shown('[data-testid="stDataFrame"]').every(t => t.querySelector('canvas'));
}"""


def time_to_settled(context, url: str, timeout_ms: int = 120_000) -> float:
    """Seconds from opening ``url`` in a new tab until the page has settled."""
    page = context.new_page()
    try:
        started = time.perf_counter()
        page.goto(url)
        page.wait_for_function(SETTLED_JS, timeout=timeout_ms, polling=50)
        return time.perf_counter() - started
    finally:
        page.close()


# The page ``path`` has replaced the one titled ``before`` and has settled.
NAVIGATED_JS = f"""([path, before]) => {{
  if (!location.pathname.endsWith('/' + path)) return false;
  const title = document.querySelector('[data-testid="stMain"] h1');
  if (!title || title.textContent === before) return false;
  return ({SETTLED_JS})();
}}"""


def time_to_navigate(page, url_path: str, timeout_ms: int = 120_000) -> float:
    """Seconds from clicking ``url_path``'s link in the sidebar until that page has settled."""
    before = page.locator('[data-testid="stMain"] h1').first.text_content()
    link = page.locator(f'[data-testid="stSidebarNav"] a[href$="/{url_path}"]')
    started = time.perf_counter()
    link.click()
    page.wait_for_function(NAVIGATED_JS, arg=[url_path, before], timeout=timeout_ms, polling=50)
    return time.perf_counter() - started


def print_header(first: str) -> None:
    """The header of a table of pages: ``first`` names the column of the first visit."""
    print(f"{'page':<16}{'lang':<6}{first:>8}{'warm median s':>15}{'warm max s':>12}")


def print_row(path: str, lang: str, first: float, warm: list[float]) -> float:
    """Print one page's times, flagged when over the target; return the warm median."""
    median = statistics.median(warm)
    flag = "" if median < TARGET_S else "  over target"
    print(f"{path:<16}{lang:<6}{first:8.2f}{median:15.2f}{max(warm):12.2f}{flag}")
    return median


def print_new_tab(context, base_url: str, langs: list[str], paths: list[str],
                  repeat: int) -> float:
    """Open each page by its address in a new tab, once cold and ``repeat`` times warm; return
    the slowest warm median."""
    print("opened by its address in a new tab (a shared link, a reload)\n")
    print_header("cold s")
    worst = 0.0
    for lang in langs:
        for path in paths:
            url = f"{base_url}/{path}?event={NATIONAL}&lang={lang}"
            cold = time_to_settled(context, url)
            warm = [time_to_settled(context, url) for _ in range(repeat)]
            worst = max(worst, print_row(path, lang, cold, warm))
    return worst


def print_navigation(context, base_url: str, langs: list[str], paths: list[str],
                     repeat: int) -> float:
    """Tour the pages by their sidebar links in one tab, once and then ``repeat`` times more;
    return the slowest warm median. The first tour pays for loading each element's code in the
    tab (Plotly's at the first page with a chart); the later ones are what the organizer meets
    from then on."""
    print(f"\nin-app navigation: a click on the page's link in the sidebar, in one tab "
          f"(a first tour, then {repeat} more)\n")
    print_header("first s")
    worst = 0.0
    for lang in langs:
        page = context.new_page()
        page.goto(f"{base_url}/{paths[-1]}?event={NATIONAL}&lang={lang}")
        page.wait_for_function(SETTLED_JS, timeout=120_000, polling=50)
        times: dict[str, list[float]] = {path: [] for path in paths}
        for _ in range(repeat + 1):
            for path in paths:
                times[path].append(time_to_navigate(page, path))
        page.close()
        for path in paths:
            first, *warm = times[path]
            worst = max(worst, print_row(path, lang, first, warm))
    return worst


def print_baseline(context, workdir: Path, repeat: int) -> None:
    """Time Streamlit's emptiest page, and one with a small chart, opened in a new tab."""
    workdir = workdir / "baseline"
    workdir.mkdir()
    server = start_server(f"sqlite:///{workdir / 'baseline.sqlite3'}", workdir,
                          script="bench/baseline_app.py")
    try:
        print("baseline, new tab: Streamlit's own cost here (bench/baseline_app.py)\n")
        print(f"{'page':<28}{'median s':>10}{'max s':>8}")
        for name, query in (("a title only", ""), ("a title and one small chart", "?chart=1")):
            time_to_settled(context, f"{server.url}/{query}")  # its first visit
            times = [time_to_settled(context, f"{server.url}/{query}") for _ in range(repeat)]
            print(f"{name:<28}{statistics.median(times):10.2f}{max(times):8.2f}")
        print()
    finally:
        stop_server(server)


def main() -> None:
    """Start a fresh server on a new database, time every page, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="warm visits per page (default 3)")
    parser.add_argument("--lang", nargs="+", default=["id", "en"], choices=["id", "en"])
    parser.add_argument("--ways", nargs="+", default=["tab", "click"], choices=["tab", "click"],
                        help="opened in a new tab, reached by a sidebar click (default: both)")
    parser.add_argument("--pages", nargs="+", metavar="URL_PATH",
                        help="only these pages, by address (default: every page)")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stopped: still stop the server
    from playwright.sync_api import sync_playwright

    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
    with tempfile.TemporaryDirectory() as workdir:
        started = time.perf_counter()
        server = start_server(f"sqlite:///{Path(workdir) / 'bench.sqlite3'}", Path(workdir))
        print(f"server healthy after {time.perf_counter() - started:.1f} s")
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                context = browser.new_context(viewport={"width": 1440, "height": 1000})
                if "tab" in args.ways:
                    print_baseline(context, Path(workdir), args.repeat)
                # The first visit creates the demo events (allocated) in the new database.
                first = time_to_settled(context, f"{server.url}/ringkasan?event={NATIONAL}")
                print(f"first visit (creates and allocates the demos): {first:.2f} s\n")
                paths = [url_path for _, url_path, *_ in PAGES
                         if not args.pages or url_path in args.pages]
                slowest = {}
                if "tab" in args.ways:
                    slowest["in a new tab"] = print_new_tab(context, server.url, args.lang,
                                                            paths, args.repeat)
                if "click" in args.ways:
                    slowest["by the sidebar"] = print_navigation(context, server.url, args.lang,
                                                                 paths, args.repeat)
                browser.close()
        finally:
            stop_server(server)
    measured = ", ".join(f"{median:.2f} s {way}" for way, median in slowest.items())
    print(f"\nslowest warm median: {measured} (target < {TARGET_S:.0f} s on an idle 2-core "
          f"machine); load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
