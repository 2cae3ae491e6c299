"""Floor-plan click throughput of one app process: 1, 5, 10 and 20 sessions clicking at once.

Each session is a protocol-level client of ``streamlit run app.py``: one websocket to the
server's ``/_stcore/stream``, speaking Streamlit's own protobuf messages (``BackMsg`` out,
``ForwardMsg`` in), as the browser does, without drawing anything. A session opens the floor
plan of the national demo (1,120 booths, about 900 of them assigned) and then, in each round,
all sessions click a booth at the same moment: the chart's selection is sent as the browser
sends it (the chart widget's JSON value, rerunning only the plan's fragment). A click's latency
runs from sending it until the server has sent the redrawn plan and said the run finished.
Sessions also do what an idle browser tab does: the page's periodic change check
(``auto_rerun``) is rerun at the interval the server asks for.

Also printed: the server's CPU seconds per click (from /proc), the figure that caps how many
clicks one process can serve per second. Target: 20 sessions under 1 s median.

Run from the repository root: ``python -m bench.floor_clicks [--rounds N] [--sessions 1 5 10 20]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.floor_plan import NATIONAL, prepare  # noqa: E402
from tests.e2e.browser import start_server, stop_server  # noqa: E402

TARGET_MEDIAN_S = 1.0
PAGE = "denah"
HALL = "Hall A"  # the hall the page opens on
FINISHED_FRAGMENT = "FINISHED_FRAGMENT_RUN_SUCCESSFULLY"
FINISHED = "FINISHED_SUCCESSFULLY"
TIMEOUT_S = 120


def _protos():
    """Streamlit's protobuf classes (imported late: streamlit is heavy to import)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    return BackMsg, ForwardMsg


@dataclass
class Session:
    """One protocol-level client: a websocket, what the server last drew, and its timings."""

    url: str
    query: str
    chart_id: str = ""
    plan_fragment: str = ""
    booths: list[str] = field(default_factory=list)
    auto_reruns: dict[str, float] = field(default_factory=dict)  # fragment id -> interval
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    async def open(self, websockets) -> None:
        """Connect and run the floor plan page once, as a newly opened tab does."""
        self.ws = await websockets.connect(self.url, subprotocols=["streamlit"],
                                           max_size=None, open_timeout=TIMEOUT_S)
        self.finished = asyncio.Queue()
        self.reader = asyncio.create_task(self._read())
        self._new_chart = False
        await self._send_rerun()
        await self._wait_finished(FINISHED)
        if not self.chart_id:
            raise RuntimeError(f"the floor plan drew no chart: {self.errors[:3]}")
        self.ticker = asyncio.create_task(self._auto_rerun())

    def _rerun(self, fragment_id: str = "", widgets: tuple = (), auto: bool = False):
        back_msg_class, _ = _protos()
        back = back_msg_class()
        state = back.rerun_script
        state.query_string = self.query
        state.page_name = PAGE
        state.is_auto_rerun = auto
        if fragment_id:
            state.fragment_id = fragment_id
        for widget in widgets:
            state.widget_states.widgets.append(widget)
        return back.SerializeToString()

    async def _send_rerun(self, **kwargs) -> None:
        await self.ws.send(self._rerun(**kwargs))

    async def _read(self) -> None:
        """Take the server's messages: note the plan chart, its fragment and finished runs."""
        _, forward_msg_class = _protos()
        try:
            async for data in self.ws:
                msg = forward_msg_class()
                msg.ParseFromString(data)
                kind = msg.WhichOneof("type")
                if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                    element = msg.delta.new_element
                    which = element.WhichOneof("type")
                    if which == "plotly_chart" and element.plotly_chart.id:
                        self._chart(element.plotly_chart, msg.delta.fragment_id)
                    elif which == "exception":
                        self.errors.append(element.exception.message)
                elif kind == "auto_rerun":
                    self.auto_reruns[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
                elif kind == "script_finished":
                    status = forward_msg_class.ScriptFinishedStatus.Name(msg.script_finished)
                    self.finished.put_nowait(status)
        except Exception as error:  # the server went away: the waiting click fails
            self.errors.append(repr(error))
            self.finished.put_nowait("closed")

    def _chart(self, chart, fragment_id: str) -> None:
        spec = json.loads(chart.spec)
        for trace in spec.get("data", []):
            if trace.get("meta") == "booths":
                self.booths = list(trace.get("customdata") or [])
        # A click that picked a booth redraws the plan under a new key (pages/floor_plan.py).
        self._new_chart = chart.id != self.chart_id
        self.chart_id, self.plan_fragment = chart.id, fragment_id

    async def _wait_finished(self, wanted: str) -> None:
        while True:
            status = await asyncio.wait_for(self.finished.get(), TIMEOUT_S)
            if status == "closed" or self.errors:
                raise RuntimeError(f"the run failed: {self.errors[-1:]}")
            if status == wanted and (wanted == FINISHED or self._new_chart):
                return

    async def _auto_rerun(self) -> None:
        """The periodic change check an open tab reruns (the page's ``run_every`` fragment)."""
        await asyncio.sleep(random.uniform(0, 1))
        while True:
            interval = min(self.auto_reruns.values(), default=0)
            if not interval:
                await asyncio.sleep(1)
                continue
            await asyncio.sleep(interval)
            for fragment_id in list(self.auto_reruns):
                await self._send_rerun(fragment_id=fragment_id, auto=True)

    async def click(self, index: int) -> None:
        """Click one booth of the plan; time it until the redrawn plan's run has finished."""
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        point = index % len(self.booths)
        selection = {"selection": {
            "points": [{"curve_number": 0, "point_number": point, "point_index": point,
                        "customdata": self.booths[point]}],
            "point_indices": [point], "box": [], "lasso": []}}
        widget = WidgetState(id=self.chart_id, string_value=json.dumps(selection))
        self._new_chart = False
        started = time.perf_counter()
        await self._send_rerun(fragment_id=self.plan_fragment, widgets=(widget,))
        await self._wait_finished(FINISHED_FRAGMENT)
        self.latencies.append(time.perf_counter() - started)

    async def close(self) -> None:
        self.ticker.cancel()
        await self.ws.close()
        self.reader.cancel()


def server_cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds of the server process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


async def run_sessions(server, count: int, rounds: int, pause_s: float) -> dict:
    """``count`` sessions open the plan, then click all at once, ``rounds`` times."""
    import websockets

    ws_url = server.url.replace("http://", "ws://") + "/_stcore/stream"
    sessions = [Session(ws_url, f"event={NATIONAL}&lang=id") for _ in range(count)]
    for session in sessions:  # one after another, as organizers open their tabs
        await session.open(websockets)
    await asyncio.sleep(pause_s)
    cpu_before = server_cpu_seconds(server.process.pid)
    wall = time.perf_counter()
    for round_ in range(rounds):
        # Every session a different booth each round: free and assigned ones alike.
        await asyncio.gather(*(s.click(round_ * count * 7 + n * 13) for n, s in
                               enumerate(sessions)))
        await asyncio.sleep(pause_s)
    wall = time.perf_counter() - wall
    cpu = server_cpu_seconds(server.process.pid) - cpu_before
    for session in sessions:
        await session.close()
    latencies = [x for s in sessions for x in s.latencies]
    return {"sessions": count, "clicks": len(latencies),
            "median": statistics.median(latencies), "p95": percentile(latencies, 0.95),
            "max": max(latencies), "cpu_per_click": cpu / len(latencies),
            "errors": sum(len(s.errors) for s in sessions), "wall": wall}


def main() -> None:
    """Fill the national demo, start one server, measure each session count on it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 5, 10, 20])
    parser.add_argument("--rounds", type=int, default=5, help="clicks per session (default 5)")
    parser.add_argument("--pause", type=float, default=1.0,
                        help="seconds between rounds, when nobody clicks (default 1)")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
    with tempfile.TemporaryDirectory(prefix="floor-clicks-") as tmp:
        workdir = Path(tmp)
        database_url = f"sqlite:///{workdir / 'bench.sqlite3'}"
        prepare(database_url)
        server = start_server(database_url, workdir)
        try:
            print(f"one process, national demo, {HALL}; every session clicks at once, "
                  f"{args.rounds} rounds\n")
            print(f"{'sessions':>8}{'clicks':>8}{'median s':>10}{'p95 s':>8}{'max s':>8}"
                  f"{'CPU s/click':>13}{'errors':>8}")
            worst = 0.0
            for count in args.sessions:
                result = asyncio.run(run_sessions(server, count, args.rounds, args.pause))
                worst = max(worst, result["median"]) if count == max(args.sessions) else worst
                flag = "" if result["median"] < TARGET_MEDIAN_S else "  over target"
                print(f"{count:>8}{result['clicks']:>8}{result['median']:>10.2f}"
                      f"{result['p95']:>8.2f}{result['max']:>8.2f}"
                      f"{result['cpu_per_click']:>13.3f}{result['errors']:>8}{flag}", flush=True)
        except Exception:
            print(server.log_tail(60))
            raise
        finally:
            stop_server(server)
    print(f"\n{max(args.sessions)} sessions: median {worst:.2f} s (target < {TARGET_MEDIAN_S:.0f} s "
          f"on one process); load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
