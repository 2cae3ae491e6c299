"""The lifecycle page's tables, as plain frames (the page only draws them)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

import pandas as pd

from booth_planner.core.local_time import DEFAULT_TIME_ZONE, typed_time
from booth_planner.core.model import EventState
from booth_planner.core.regions import code_label
from booth_planner.core.text import natural_key
from booth_planner.lifecycle import curation
from booth_planner.lifecycle.holds import Hold
from booth_planner.lifecycle.status import effective
from booth_planner.lifecycle.waitlist import Proposal

STATUS_COLUMNS = ("applicant_id", "name", "region", "category", "status", "reason", "booths",
                  "missing", "payment")
HOLD_COLUMNS = ("booth_id", "applicant_id", "name", "kind", "until")
PROPOSAL_COLUMNS = ("applicant_id", "name", "region", "booths", "unrepresented", "priority",
                    "waiting_since")


def _held(state: EventState) -> dict[str, list[str]]:
    held: dict[str, list[str]] = {}
    for a in state.assignments:
        held.setdefault(a.applicant_id, []).append(a.booth_id)
    return {k: sorted(v, key=natural_key) for k, v in held.items()}


def status_frame(state: EventState, life, statuses: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per applicant: status, reason, booths, missing certificates, payment status."""
    held = _held(state)
    wanted = set(statuses) if statuses else None
    rows = []
    for a in state.applicants:
        status = effective(a.status)
        if wanted is not None and status not in wanted:
            continue
        gaps = life.missing(a.applicant_id, a.category)
        rows.append({
            "applicant_id": a.applicant_id, "name": a.name, "region": code_label(a.region_code),
            "category": a.category, "status": status, "reason": life.reasons.get(a.applicant_id, ""),
            "booths": ", ".join(held.get(a.applicant_id, [])),
            "missing": "; ".join(" / ".join(g) for g in gaps),
            "payment": life.payments[a.applicant_id].status if a.applicant_id in life.payments
            else "",
        })
    return pd.DataFrame(rows, columns=list(STATUS_COLUMNS))


def holds_frame(state: EventState, holds: Sequence[Hold],
                time_zone: str = DEFAULT_TIME_ZONE) -> pd.DataFrame:
    """The open holds and offers, soonest deadline first; deadlines as the organizers' clock
    reads them (WIB by default), as they are typed."""
    names = {a.applicant_id: a.name for a in state.applicants}
    rows = [{"booth_id": h.booth_id, "applicant_id": h.applicant_id,
             "name": names.get(h.applicant_id, ""), "kind": h.kind,
             "until": typed_time(h.until, time_zone)}
            for h in sorted(holds, key=lambda h: (h.until, natural_key(h.booth_id)))]
    return pd.DataFrame(rows, columns=list(HOLD_COLUMNS))


def proposals_frame(state: EventState, proposals: Sequence[Proposal]) -> pd.DataFrame:
    """The waitlist's proposals in the order they are made."""
    names = {a.applicant_id: a.name for a in state.applicants}
    rows = [{"applicant_id": p.applicant_id, "name": names.get(p.applicant_id, ""),
             "region": code_label(p.region_code), "booths": ", ".join(p.booth_ids),
             "unrepresented": p.unrepresented, "priority": p.priority,
             "waiting_since": p.waiting_since} for p in proposals]
    return pd.DataFrame(rows, columns=list(PROPOSAL_COLUMNS))


def certificates_frame(certificates: Sequence[curation.Certificate], day) -> pd.DataFrame:
    """An applicant's certificates, with whether each is still valid on the event's last day."""
    return pd.DataFrame([{"kind": c.kind, "number": c.number, "expires_on": c.expires_on,
                          "valid": curation.valid_on(c, day)} for c in certificates],
                        columns=["kind", "number", "expires_on", "valid"])


def hold_deadlines(holds: Iterable[Hold]) -> Mapping[str, datetime]:
    """Each held booth's deadline (what the floor plan shows)."""
    return {h.booth_id: h.until for h in holds}
