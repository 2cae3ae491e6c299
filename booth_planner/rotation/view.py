"""What the gallery pages show: the roster grid, the ledger with next turns, sales summaries."""

from __future__ import annotations

import io
from collections import defaultdict

import pandas as pd

from booth_planner.exports.booth_lists import natural_key
from booth_planner.rotation.ledger import region_name
from booth_planner.rotation.model import RotationResult, RotationStats
from booth_planner.storage.gallery import GalleryState, Sale


def result_of(state: GalleryState) -> RotationResult:
    """The stored roster as a result the ledger table reads (reasons only for no turn)."""
    stats = RotationStats(len(state.members), 0, len(state.periods), 0, 0, 0, 0, 0, 0, 0, 0, 0,
                          0, False, False, 0.0)
    return RotationResult(state.turns, (), stats)


def space_order(state: GalleryState) -> list[str]:
    """Space ids by hall, then id."""
    return [b.booth_id for b in sorted(state.event.booths,
                                       key=lambda b: (natural_key(b.hall), natural_key(b.booth_id)))]


def roster_grid(state: GalleryState) -> pd.DataFrame:
    """Periods (rows) x spaces (columns); a cell names its member, blank when free."""
    holder = state.holder()
    members = {m.applicant_id: m.applicant for m in state.members}
    rows = []
    for period in state.periods:
        row = {}
        for booth_id in space_order(state):
            turn = holder.get((period.period_id, booth_id))
            row[booth_id] = f"{turn.applicant_id} {members[turn.applicant_id].name}" if turn else ""
        rows.append(row)
    return pd.DataFrame(rows, index=[p.period_id for p in state.periods],
                        columns=space_order(state))


def cell_key(state: GalleryState, colour_by: str) -> pd.DataFrame:
    """The category or region of each grid cell (for colouring), blank when free."""
    holder = state.holder()
    members = {m.applicant_id: m.applicant for m in state.members}
    rows = []
    for period in state.periods:
        row = {}
        for booth_id in space_order(state):
            turn = holder.get((period.period_id, booth_id))
            applicant = members[turn.applicant_id] if turn else None
            row[booth_id] = "" if applicant is None else (
                applicant.category if colour_by == "category" else applicant.region_code)
        rows.append(row)
    return pd.DataFrame(rows, index=[p.period_id for p in state.periods],
                        columns=space_order(state))


def next_turns(state: GalleryState) -> dict[str, str]:
    """Each member's next planned period (the first of its turns), blank when none."""
    found: dict[str, str] = {}
    order = {p.period_id: i for i, p in enumerate(state.periods)}
    for turn in sorted(state.turns, key=lambda t: order[t.period_id]):
        found.setdefault(turn.applicant_id, turn.period_id)
    return found


def printable_period(state: GalleryState, period_id: str) -> pd.DataFrame:
    """Who is where in one period, for the gallery keeper."""
    members = {m.applicant_id: m.applicant for m in state.members}
    booths = state.event.booth_by_id()
    rows = []
    for turn in state.turns:
        if turn.period_id != period_id:
            continue
        applicant = members[turn.applicant_id]
        rows.append({"booth_id": ", ".join(turn.booth_ids), "hall": booths[turn.booth_ids[0]].hall,
                     "applicant_id": applicant.applicant_id, "name": applicant.name,
                     "region_name": region_name(applicant.region_code),
                     "category": applicant.category, "product": applicant.product or ""})
    return pd.DataFrame(rows).sort_values(["hall", "booth_id"]) if rows else pd.DataFrame(rows)


def sales_frame(state: GalleryState, sales: list[Sale]) -> pd.DataFrame:
    """Sales with the member's name, region and category."""
    members = {m.applicant_id: m.applicant for m in state.members}
    return pd.DataFrame([{
        "period_id": s.period_id, "applicant_id": s.applicant_id,
        "name": members[s.applicant_id].name if s.applicant_id in members else "",
        "region_name": region_name(members[s.applicant_id].region_code)
        if s.applicant_id in members else "",
        "category": members[s.applicant_id].category if s.applicant_id in members else "",
        "sales_idr": s.sales_idr, "items": s.items, "note": s.note} for s in sales],
        columns=["period_id", "applicant_id", "name", "region_name", "category", "sales_idr",
                 "items", "note"])


def sales_by(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """Sales and items summed per ``column`` (period, member or region), largest first."""
    if frame.empty:
        return pd.DataFrame(columns=[column, "sales_idr", "items"])
    return (frame.groupby(column, as_index=False)[["sales_idr", "items"]].sum()
            .sort_values("sales_idr", ascending=False))


def regions_per_period(state: GalleryState) -> pd.DataFrame:
    """Distinct regions shown in each period."""
    members = {m.applicant_id: m.applicant.region_code for m in state.members}
    shown: dict[str, set[str]] = defaultdict(set)
    for turn in state.turns:
        shown[turn.period_id].add(members[turn.applicant_id])
    return pd.DataFrame([{"period_id": p.period_id, "regions": len(shown[p.period_id])}
                         for p in state.periods])


def excel_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """One workbook with a sheet per table."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()


def review(frame: pd.DataFrame, count: int = 3) -> pd.DataFrame:
    """The review galleries hold every few months: per category, the top and bottom sellers."""
    columns = ["category", "rank", "applicant_id", "name", "sales_idr", "items"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    totals = (frame.groupby(["category", "applicant_id", "name"], as_index=False)
              [["sales_idr", "items"]].sum())
    rows = []
    for category, group in totals.groupby("category", sort=True):
        ordered = group.sort_values(["sales_idr", "applicant_id"], ascending=[False, True])
        top = ordered.head(count)
        bottom = ordered.tail(count).iloc[::-1]
        bottom = bottom[~bottom["applicant_id"].isin(top["applicant_id"])]
        for rank, part in (("top", top), ("bottom", bottom)):
            for _, row in part.iterrows():
                rows.append({"category": category, "rank": rank, **{
                    k: row[k] for k in ("applicant_id", "name", "sales_idr", "items")}})
    return pd.DataFrame(rows, columns=columns)
