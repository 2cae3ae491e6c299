"""Time to settled for every page on the national demo, in a real browser on a fresh server.

"Settled": Streamlit says the script is no longer running, the page's title is drawn, no
spinner or status box is still turning, no element is still a loading placeholder (Streamlit
draws a skeleton until an element's code has loaded), every Plotly chart in view is drawn
and every table in view has its grid painted: what the organizer sees, not just the end of the
run. Each page is opened by its own address (a new tab, as a shared link would), once cold (its first visit on this server) and then ``--repeat`` times
warm, in Indonesian and in English. Target: every page under 2 s on an idle 2-core machine.

Playwright drives headless system Chromium (``/usr/bin/chromium``); nothing is downloaded.
Run from the repository root: ``python -m bench.page_times [--repeat N] [--lang id en]``.
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


def main() -> None:
    """Start a fresh server on a new database, time every page, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="warm visits per page (default 3)")
    parser.add_argument("--lang", nargs="+", default=["id", "en"], choices=["id", "en"])
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
                # The first visit creates the demo events (allocated) in the new database.
                first = time_to_settled(context, f"{server.url}/ringkasan?event={NATIONAL}")
                print(f"first visit (creates and allocates the demos): {first:.2f} s\n")
                print(f"{'page':<16}{'lang':<6}{'cold s':>8}{'warm median s':>15}{'warm max s':>12}")
                worst = 0.0
                for lang in args.lang:
                    for _, url_path, *_ in PAGES:
                        url = f"{server.url}/{url_path}?event={NATIONAL}&lang={lang}"
                        cold = time_to_settled(context, url)
                        warm = [time_to_settled(context, url) for _ in range(args.repeat)]
                        worst = max(worst, statistics.median(warm))
                        flag = "" if statistics.median(warm) < TARGET_S else "  over target"
                        print(f"{url_path:<16}{lang:<6}{cold:8.2f}{statistics.median(warm):15.2f}"
                              f"{max(warm):12.2f}{flag}")
                browser.close()
        finally:
            stop_server(server)
    print(f"\nslowest warm median: {worst:.2f} s (target < {TARGET_S:.0f} s on an idle 2-core "
          f"machine); load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
