"""The rotation's tables (SPEC 5): roster.csv (period x space) and ledger.csv (one row a member)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import pandas as pd

from booth_planner.core.districts import any_region
from booth_planner.core.model import Booth
from booth_planner.exports.booth_lists import natural_key
from booth_planner.rotation.model import Member, Period, RotationResult, Turn
from booth_planner.rotation.periods import order_periods

ROSTER_COLUMNS = ("period_id", "start", "end", "booth_id", "hall", "zone", "applicant_id", "name",
                  "region_code", "region_name", "category", "product", "locked")
LEDGER_COLUMNS = ("applicant_id", "name", "region_code", "region_name", "category",
                  "turns_before", "turns", "total", "periods", "reason_code", "reason")
PERIOD_SEPARATOR = "|"


def region_name(code: str) -> str:
    """The name of a province, kabupaten/kota or kecamatan code; blank when unknown."""
    try:
        return any_region(code).name
    except KeyError:
        return ""


def roster_table(spaces: Sequence[Booth], members: Sequence[Member], periods: Sequence[Period],
                 turns: Sequence[Turn]) -> pd.DataFrame:
    """One row per period and space, by period start, hall and booth_id; free spaces blank."""
    holder = {(t.period_id, b): t for t in turns for b in t.booth_ids}
    by_id = {m.applicant_id: m.applicant for m in members}
    ordered_spaces = sorted(spaces, key=lambda b: (natural_key(b.hall), natural_key(b.booth_id)))
    rows = []
    for period in order_periods(periods):
        for booth in ordered_spaces:
            turn = holder.get((period.period_id, booth.booth_id))
            row = {"period_id": period.period_id, "start": period.start.isoformat(),
                   "end": period.end.isoformat(), "booth_id": booth.booth_id, "hall": booth.hall,
                   "zone": booth.zone or "", "applicant_id": "", "name": "", "region_code": "",
                   "region_name": "", "category": "", "product": "", "locked": ""}
            if turn is not None:
                applicant = by_id[turn.applicant_id]
                row.update(applicant_id=applicant.applicant_id, name=applicant.name,
                           region_code=applicant.region_code,
                           region_name=region_name(applicant.region_code),
                           category=applicant.category, product=applicant.product or "",
                           locked="yes" if turn.locked else "no")
            rows.append(row)
    return pd.DataFrame(rows, columns=list(ROSTER_COLUMNS))


def ledger_table(members: Sequence[Member], periods: Sequence[Period],
                 result: RotationResult) -> pd.DataFrame:
    """One row per member in file order: turns before, turns planned, total, periods, reason."""
    position = {p.period_id: i for i, p in enumerate(order_periods(periods))}
    taken: dict[str, list[str]] = defaultdict(list)
    for turn in sorted(result.turns, key=lambda t: position[t.period_id]):
        taken[turn.applicant_id].append(turn.period_id)
    reasons = {u.applicant_id: u for u in result.no_turn}
    rows = []
    for member in members:
        applicant = member.applicant
        got = taken.get(member.applicant_id, [])
        reason = reasons.get(member.applicant_id)
        rows.append({
            "applicant_id": applicant.applicant_id, "name": applicant.name,
            "region_code": applicant.region_code, "region_name": region_name(applicant.region_code),
            "category": applicant.category, "turns_before": member.turns_before,
            "turns": len(got), "total": member.turns_before + len(got),
            "periods": PERIOD_SEPARATOR.join(got),
            "reason_code": reason.reason_code if reason else "",
            "reason": reason.reason if reason else "",
        })
    return pd.DataFrame(rows, columns=list(LEDGER_COLUMNS))
