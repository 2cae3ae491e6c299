"""Driving the real app in headless Chromium: start and stop a server, find and click booths.

Shared by the e2e tests and ``bench/floor_plan.py``. No browser is ever downloaded: Playwright
launches the system's Chromium (``/usr/bin/chromium`` or ``BOOTH_PLANNER_CHROMIUM``).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ENV = "BOOTH_PLANNER_CHROMIUM"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]
STARTUP_TIMEOUT_S = 90

# Where a booth's centre is on screen, from the plan's invisible click layer (trace meta).
BOOTH_CENTRE_JS = """(id) => {
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    const tr = (gd.data || []).find(t => t.meta === 'booths');
    if (!tr) continue;
    const i = tr.customdata.indexOf(id);
    if (i < 0) continue;
    const L = gd._fullLayout, r = gd.getBoundingClientRect();
    return [r.left + L.xaxis._offset + L.xaxis.l2p(tr.x[i]),
            r.top + L.yaxis._offset + L.yaxis.l2p(tr.y[i]),
            Math.abs(L.xaxis.l2p(1) - L.xaxis.l2p(0))];
  }
  return null;
}"""
# The colour group trace (meta "g:...") that draws a booth, or null.
BOOTH_GROUP_JS = """(id) => {
  for (const gd of document.querySelectorAll('.js-plotly-plot'))
    for (const t of (gd.data || []))
      if (typeof t.meta === 'string' && t.meta.startsWith('g:') && (t.customdata || []).includes(id))
        return t.meta;
  return null;
}"""
# The plan is drawn, sized, visible, and alone (no old chart still being swapped out).
PLAN_READY_JS = """() => { const plots = [...document.querySelectorAll('.js-plotly-plot')];
  return plots.length === 1 && plots.every(gd =>
    gd._fullLayout && (gd.data || []).some(t => t.meta === 'booths') &&
    gd.getBoundingClientRect().width > 0 &&
    getComputedStyle(gd).visibility !== 'hidden' &&
    getComputedStyle(gd.parentElement).visibility !== 'hidden'); }"""
BOOTH_SELECTED_JS = """(id) => [...document.querySelectorAll('.js-plotly-plot')].some(gd =>
  (gd.data || []).some(t => t.meta === 'selected' && (t.customdata || []).includes(id)))"""


# The app's script run is over (Streamlit marks its root element with the run's state).
RUN_DONE_JS = """() => { const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute('data-test-script-state') === 'notRunning'; }"""


def wait_run_done(page, timeout_ms: int = 60_000) -> None:
    """Wait until the page's script run has finished: a click during a run may race it."""
    page.wait_for_function(RUN_DONE_JS, timeout=timeout_ms)


def chromium_path() -> str:
    """The Chromium executable the tests use."""
    return os.environ.get(CHROMIUM_ENV) or "/usr/bin/chromium"


def chromium_missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    path = chromium_path()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        return (f"no Chromium at {path}: install Debian's chromium package or set "
                f"{CHROMIUM_ENV} to a Chromium executable")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed"
    return None


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    """A running ``streamlit run app.py`` and where to reach it."""

    process: subprocess.Popen
    url: str
    log: Path
    database_url: str

    def log_tail(self, lines: int = 40) -> str:
        """The end of the server's output, for failure messages."""
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def start_server(database_url: str, workdir: Path, script: str = "app.py") -> Server:
    """Start the app (or another ``script`` of the repository) on a free port against
    ``database_url``; return once it is healthy."""
    port = free_port()
    log = workdir / "streamlit.log"
    env = {**os.environ, "BOOTH_PLANNER_DATABASE_URL": database_url,
           "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1",
             "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped whole, nothing left over
        )
    server = Server(process, f"http://127.0.0.1:{port}", log, database_url)
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    stop_server(server)
    raise RuntimeError(f"streamlit was not healthy after {STARTUP_TIMEOUT_S} s:\n"
                       f"{server.log_tail()}")


def stop_server(server: Server) -> None:
    """Stop the server and every process it started."""
    if server.process.poll() is not None:
        return
    os.killpg(server.process.pid, signal.SIGTERM)
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait(timeout=15)


def launch(playwright):
    """Headless system Chromium."""
    return playwright.chromium.launch(executable_path=chromium_path(), headless=True,
                                      args=CHROMIUM_ARGS)


def open_floor_plan(page, base_url: str, *, lang: str = "en", event_slug: str | None = None,
                    timeout_ms: int = 60_000) -> None:
    """Open the floor plan page (``/denah``) in ``lang`` on the event ``event_slug``."""
    query = f"?lang={lang}" + (f"&event={event_slug}" if event_slug else "")
    page.goto(f"{base_url}/denah{query}")
    page.wait_for_function(PLAN_READY_JS, timeout=timeout_ms)
    # A fresh server answers its very first deep link with a "Page not found" notice although
    # it runs the page asked for (Streamlit learns the pages from st.navigation on that run).
    notice = page.get_by_role("dialog")
    if notice.count():
        page.keyboard.press("Escape")
        notice.wait_for(state="detached", timeout=timeout_ms)
    page.wait_for_timeout(300)  # the chart is drawn hidden first, then sized and shown


def wait_plan_ready(page, timeout_ms: int = 15_000) -> None:
    """Wait until the plan is drawn, sized and visible."""
    page.wait_for_function(PLAN_READY_JS, timeout=timeout_ms)


def booth_centre(page, booth_id: str) -> tuple[float, float, float]:
    """The booth's centre on screen and the pixels per metre of the plan."""
    found = page.evaluate(BOOTH_CENTRE_JS, booth_id)
    if found is None:
        raise AssertionError(f"booth {booth_id} is not on the plan")
    return tuple(found)


def click_booth(page, booth_id: str) -> None:
    """Hover then click a booth, as an organizer does (Plotly picks the hovered point)."""
    wait_plan_ready(page)
    page.wait_for_timeout(150)  # let a plan that was just swapped in bind its mouse handlers
    x, y, _ = booth_centre(page, booth_id)
    page.mouse.move(x, y)
    page.wait_for_timeout(60)
    page.mouse.click(x, y)


def booth_group(page, booth_id: str) -> str | None:
    """The colour group the plan draws the booth in (``g:free``, ``g:p:12``, ...)."""
    return page.evaluate(BOOTH_GROUP_JS, booth_id)


def wait_selected(page, booth_id: str, timeout_ms: int = 15_000) -> None:
    """Wait until the plan outlines the booth as selected."""
    page.wait_for_function(BOOTH_SELECTED_JS, arg=booth_id, timeout=timeout_ms)


def wait_group(page, booth_id: str, *, free: bool, timeout_ms: int = 15_000) -> None:
    """Wait until the plan draws the booth as free (or as not free)."""
    test = "g === 'g:free'" if free else "g !== null && g !== 'g:free'"
    page.wait_for_function(f"(id) => {{ const g = ({BOOTH_GROUP_JS})(id); return {test}; }}",
                           arg=booth_id, timeout=timeout_ms)


def booth_pixel(page, booth_id: str) -> tuple[int, int, int]:
    """The colour the screen shows inside the booth, away from its label and outline."""
    from io import BytesIO

    from PIL import Image

    page.mouse.move(2, 2)  # no hover label over the booth
    page.wait_for_timeout(100)
    x, y, per_metre = booth_centre(page, booth_id)
    spot_x, spot_y = x - per_metre * 0.9, y + per_metre * 0.9  # lower left, inside 3 x 3 m
    shot = page.screenshot(clip={"x": spot_x - 1, "y": spot_y - 1, "width": 3, "height": 3})
    return Image.open(BytesIO(shot)).convert("RGB").getpixel((1, 1))
