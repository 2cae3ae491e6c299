"""Booth setup without Streamlit: the booth table, checks of edited rows, new halls, orphans.

The table editor's own checks run only in the browser, so every edited row is checked again here
before anything is written. Problems name the row (1-based, as the organizer sees it) and the
column, and carry a translation key so the page can say them in either language.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from booth_planner.core.geometry import overlapping_booths
from booth_planner.core.i18n import t
from booth_planner.core.model import BOOTH_STATUSES, BOOTH_TYPES, Booth, EventState
from booth_planner.setup.halls import HallSpec, grid_hall

BOOTH_COLUMNS = ("booth_id", "hall", "x", "y", "width_m", "depth_m", "zone", "booth_type",
                 "status", "price_idr")
HOLDER_COLUMN = "holder"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an edited table: where (row, column) and what (a translation key)."""

    row: int | None
    column: str | None
    key: str
    values: dict = field(default_factory=dict)

    def message(self, lang: str, labels: Mapping[str, str] | None = None) -> str:
        """The problem in words, prefixed with its row and column when it has them."""
        text = t(self.key, lang, **self.values)
        if self.row is None:
            return text
        column = (labels or {}).get(self.column or "", self.column or "")
        where = t("setup.problem.where", lang, row=self.row, column=column)
        return f"{where}: {text}"


@dataclass(frozen=True)
class Orphan:
    """A booth whose applicant would lose it to a change (removal or blocking)."""

    booth_id: str
    applicant_id: str
    name: str


@dataclass(frozen=True)
class BoothEdits:
    """What an edited table changes: booths added or changed, and booth ids removed."""

    changed: tuple[Booth, ...]
    removed: tuple[str, ...]

    @property
    def empty(self) -> bool:
        """True when the table was saved unchanged."""
        return not self.changed and not self.removed


def is_blank(value: object) -> bool:
    """True for an empty cell: None, NaN, pandas NA or only spaces."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def cell_text(value: object) -> str:
    """A cell as stripped text; empty for an empty cell."""
    return "" if is_blank(value) else str(value).strip()


def booth_holders(state: EventState) -> dict[str, str]:
    """booth_id -> ``applicant_id · name`` of the applicant holding it."""
    applicants = state.applicant_by_id()
    holders = {}
    for assignment in state.assignments:
        applicant = applicants.get(assignment.applicant_id)
        name = applicant.name if applicant else ""
        holders[assignment.booth_id] = f"{assignment.applicant_id} · {name}".strip(" ·")
    return holders


def booths_frame(state: EventState, hall: str | None = None) -> pd.DataFrame:
    """The event's booths (of one hall when given) as the booth table shows them."""
    holders = booth_holders(state)
    rows = [
        {**{name: getattr(b, name) for name in BOOTH_COLUMNS}, HOLDER_COLUMN: holders.get(b.booth_id)}
        for b in state.booths if hall is None or b.hall == hall
    ]
    frame = pd.DataFrame(rows, columns=[*BOOTH_COLUMNS, HOLDER_COLUMN])
    frame["price_idr"] = frame["price_idr"].astype("Int64")
    for column in ("x", "y", "width_m", "depth_m"):
        frame[column] = frame[column].astype(float)
    for column in ("booth_id", "hall", "zone", "booth_type", "status", HOLDER_COLUMN):
        frame[column] = frame[column].astype(object)
    return frame


def cell_number(value: object) -> float | None:
    """A finite number from a cell, or None when the cell is not one."""
    if is_blank(value) or isinstance(value, bool):
        return None
    try:
        number = float(str(value).replace(",", ".")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _row_booth(index: int, row: Mapping[str, object], problems: list[Problem]) -> Booth | None:
    """The booth one edited row describes; its problems go to ``problems``."""
    found: list[Problem] = []
    booth_id, hall = cell_text(row.get("booth_id")), cell_text(row.get("hall"))
    if not booth_id:
        found.append(Problem(index, "booth_id", "setup.problem.id_empty"))
    if not hall:
        found.append(Problem(index, "hall", "setup.problem.hall_empty"))
    numbers: dict[str, float] = {}
    for column in ("x", "y", "width_m", "depth_m"):
        number = cell_number(row.get(column))
        if number is None:
            found.append(Problem(index, column, "setup.problem.not_a_number",
                                 {"value": cell_text(row.get(column))}))
        elif column in ("width_m", "depth_m") and number <= 0:
            found.append(Problem(index, column, "setup.problem.size", {"value": number}))
        else:
            numbers[column] = number
    booth_type = cell_text(row.get("booth_type")) or "standard"
    if booth_type not in BOOTH_TYPES:
        found.append(Problem(index, "booth_type", "setup.problem.booth_type",
                             {"value": booth_type, "allowed": ", ".join(BOOTH_TYPES)}))
    status = cell_text(row.get("status")) or "available"
    if status not in BOOTH_STATUSES:
        found.append(Problem(index, "status", "setup.problem.status",
                             {"value": status, "allowed": ", ".join(BOOTH_STATUSES)}))
    price: int | None = None
    if not is_blank(row.get("price_idr")):
        amount = cell_number(row.get("price_idr"))
        if amount is None or amount < 0 or amount != int(amount):
            found.append(Problem(index, "price_idr", "setup.problem.price",
                                 {"value": cell_text(row.get("price_idr"))}))
        else:
            price = int(amount)
    problems.extend(found)
    if found:
        return None
    return Booth(booth_id=booth_id, hall=hall, x=numbers["x"], y=numbers["y"],
                 width_m=numbers["width_m"], depth_m=numbers["depth_m"],
                 zone=cell_text(row.get("zone")) or None, booth_type=booth_type, status=status,
                 price_idr=price)


def booths_from_rows(
    rows: pd.DataFrame | Sequence[Mapping[str, object]], others: Iterable[Booth] = (),
) -> tuple[list[Booth], list[Problem]]:
    """The booths of an edited table, checked; ``others`` are the event's booths not shown.

    Checks every row (ids, halls, numbers, sizes > 0, type, status, price >= 0), then ids
    unique across the event and no two booths of a hall overlapping.
    """
    records = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else list(rows)
    problems: list[Problem] = []
    booths: list[Booth] = []
    row_of: dict[str, int] = {}
    others = list(others)
    taken = {b.booth_id for b in others}
    for index, row in enumerate(records, start=1):
        booth = _row_booth(index, row, problems)
        if booth is None:
            continue
        if booth.booth_id in row_of or booth.booth_id in taken:
            first = row_of.get(booth.booth_id)
            key = "setup.problem.id_twice" if first else "setup.problem.id_elsewhere"
            problems.append(Problem(index, "booth_id", key, {"id": booth.booth_id, "first": first}))
            continue
        row_of[booth.booth_id] = index
        booths.append(booth)
    for first, second in overlapping_booths([*booths, *others]):
        rows_hit = sorted(row_of[b] for b in (first, second) if b in row_of)
        if rows_hit:
            problems.append(Problem(rows_hit[0], "x", "setup.problem.overlap",
                                    {"first": first, "second": second}))
    problems.sort(key=lambda p: (p.row or 0, BOOTH_COLUMNS.index(p.column)
                                 if p.column in BOOTH_COLUMNS else 0))
    return booths, problems


def booth_edits(original: Iterable[Booth], edited: Iterable[Booth]) -> BoothEdits:
    """The booths an edit adds or changes and the ids it removes, compared by booth_id."""
    before = {b.booth_id: b for b in original}
    after = {b.booth_id: b for b in edited}
    changed = tuple(b for bid, b in after.items() if before.get(bid) != b)
    removed = tuple(sorted(bid for bid in before if bid not in after))
    return BoothEdits(changed=changed, removed=removed)


def orphans(state: EventState, edits: BoothEdits) -> list[Orphan]:
    """Booths holding an applicant that the edit removes or blocks, in booth order."""
    held = state.assignment_by_booth()
    applicants = state.applicant_by_id()
    hit = set(edits.removed) | {b.booth_id for b in edits.changed if b.status == "blocked"}
    return [
        Orphan(booth_id, held[booth_id].applicant_id,
               getattr(applicants.get(held[booth_id].applicant_id), "name", ""))
        for booth_id in sorted(hit) if booth_id in held
    ]


def zone_problems(state: EventState, rows: Sequence[Booth]) -> list[Problem]:
    """Edited booths (row order) whose new zone would refuse the applicant holding them."""
    held = state.assignment_by_booth()
    applicants = state.applicant_by_id()
    problems = []
    for index, booth in enumerate(rows, start=1):
        holder = held.get(booth.booth_id)
        applicant = applicants.get(holder.applicant_id) if holder else None
        if applicant is not None and not booth.is_blocked and not booth.accepts(applicant.category):
            problems.append(Problem(index, "zone", "setup.problem.zone_holder", {
                "zone": booth.zone, "applicant": applicant.applicant_id,
                "category": applicant.category}))
    return problems


def blocking_orphans(state: EventState, booth_ids: Iterable[str]) -> list[Orphan]:
    """Booths among ``booth_ids`` whose applicant would lose them if they were blocked."""
    return orphans(state, BoothEdits(changed=(), removed=tuple(booth_ids)))


def hall_problems(spec: HallSpec, existing: Iterable[Booth]) -> list[Problem]:
    """What stops ``spec`` from becoming a new hall of the event, in translatable problems."""
    problems: list[Problem] = []
    if not spec.hall.strip():
        problems.append(Problem(None, "hall", "setup.hall.problem.name_empty"))
    if spec.rows < 1 or spec.columns < 1:
        problems.append(Problem(None, "rows", "setup.hall.problem.rows"))
    if spec.booth_width_m <= 0 or spec.booth_depth_m <= 0:
        problems.append(Problem(None, "booth_width_m", "setup.hall.problem.size"))
    if spec.aisle_every < 0 or spec.aisle_m < 0:
        problems.append(Problem(None, "aisle_m", "setup.hall.problem.aisle"))
    if spec.zone_rows and not (spec.zone or "").strip():
        problems.append(Problem(None, "zone", "setup.hall.problem.zone_name"))
    if any(r < 1 or r > spec.rows for r in spec.zone_rows):
        problems.append(Problem(None, "zone_rows", "setup.hall.problem.zone_rows",
                                {"rows": spec.rows}))
    if problems:
        return problems
    existing = list(existing)
    if any(b.hall == spec.hall.strip() for b in existing):
        problems.append(Problem(None, "hall", "setup.hall.problem.hall_taken",
                                {"hall": spec.hall.strip()}))
    taken = {b.booth_id for b in existing}
    clashes = sorted(b.booth_id for b in grid_hall(spec) if b.booth_id in taken)
    if clashes:
        shown = ", ".join(clashes[:8]) + (" …" if len(clashes) > 8 else "")
        problems.append(Problem(None, "prefix", "setup.hall.problem.ids_taken",
                                {"count": len(clashes), "ids": shown}))
    return problems


def parse_rows(text: str) -> tuple[int, ...]:
    """Row numbers typed as ``3, 4`` or ``3-5`` -> (3, 4, 5); ValueError on anything else."""
    rows: set[int] = set()
    for part in filter(None, (p.strip() for p in text.replace(";", ",").split(","))):
        low, dash, high = part.partition("-")
        if dash:
            first, last = int(low), int(high)
            if first > last:
                raise ValueError(part)
            rows.update(range(first, last + 1))
        else:
            rows.add(int(part))
    return tuple(sorted(rows))
