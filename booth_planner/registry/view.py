"""The registry as the page's editable table, and the table's edits back as registry changes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import pandas as pd

from booth_planner.core.districts import resolve_member_region
from booth_planner.core.regions import RegionError
from booth_planner.importing.registry import sources_text
from booth_planner.registry.entries import Entry, Marks, RegistryError
from booth_planner.registry.files import region_text

FRAME_COLUMNS = ("region", "name", "category", "description", "raw_material", "producers",
                 "ig_number", "ovop_stars", "halal", "permit", "sources", "entry_id")
READ_ONLY = ("sources", "entry_id")


def entries_frame(entries: Sequence[Entry]) -> pd.DataFrame:
    """One row per entry; ``entry_id`` ties a row to its stored entry (empty for a new row)."""
    rows = [(region_text(e.region_code), e.name, e.category, e.description, e.raw_material,
             e.producers, e.marks.ig_number or "", e.marks.ovop_stars, e.marks.halal,
             e.marks.permit or "", sources_text(e.sources), e.entry_id) for e in entries]
    frame = pd.DataFrame(rows, columns=list(FRAME_COLUMNS))
    return frame.astype({"ovop_stars": "Int64", "entry_id": "Int64", "halal": bool})


@dataclass(frozen=True)
class TableEdits:
    """What saving the edited table would do."""

    added: tuple[Entry, ...]
    updated: tuple[Entry, ...]
    deleted: dict[int, int]  # entry_id -> the version it was read at

    @property
    def empty(self) -> bool:
        """True when the table was not changed."""
        return not (self.added or self.updated or self.deleted)


def _text(value: object) -> str:
    """A cell as text ('' for an empty one)."""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else \
        str(value).strip()


def _region_code(text: str, row: int) -> str:
    """The code a region cell names; RegistryError naming the row when it names none."""
    try:
        return resolve_member_region(text).code
    except RegionError as error:
        raise RegistryError("registry_row_region", row=row, value=text,
                            candidates=", ".join(c.name for c in error.candidates[:3]) or "-") \
            from None


def _entry(row: dict, number: int, old: Entry | None) -> Entry:
    """The entry a table row describes, on top of the stored one it edits."""
    region = _text(row["region"])
    code = old.region_code if old and region == region_text(old.region_code) else \
        _region_code(region, number)
    stars = row["ovop_stars"]
    marks = Marks(_text(row["ig_number"]) or None,
                  None if stars is None or pd.isna(stars) else int(stars),
                  bool(row["halal"]) if not pd.isna(row["halal"]) else False,
                  _text(row["permit"]) or None)
    fields = dict(region_code=code, name=_text(row["name"]), category=_text(row["category"]),
                  description=_text(row["description"]), raw_material=_text(row["raw_material"]),
                  producers=_text(row["producers"]), marks=marks)
    return replace(old, **fields) if old else Entry(**fields)


def table_edits(entries: Sequence[Entry], edited: pd.DataFrame) -> TableEdits:
    """Rows added, changed and removed, compared with the entries the table was made from."""
    by_id = {e.entry_id: e for e in entries}
    shown = entries_frame(entries)
    before = {int(r["entry_id"]): r for r in shown.to_dict("records")}
    added, updated, kept = [], [], set()
    for number, row in enumerate(edited.to_dict("records"), start=1):
        entry_id = row.get("entry_id")
        if entry_id is None or pd.isna(entry_id):
            if _text(row.get("name")) or _text(row.get("region")):
                added.append(_entry(row, number, None))
            continue
        entry_id = int(entry_id)
        kept.add(entry_id)
        if entry_id in before and _changed(before[entry_id], row):
            updated.append(_entry(row, number, by_id[entry_id]))
    deleted = {i: by_id[i].version for i in by_id if i not in kept}
    return TableEdits(tuple(added), tuple(updated), deleted)


def _changed(before: dict, after: dict) -> bool:
    """True when an editable cell of the row differs."""
    for column in FRAME_COLUMNS:
        if column in READ_ONLY:
            continue
        a, b = before[column], after.get(column)
        if column == "halal":
            if bool(a) != bool(b if b is not None and not pd.isna(b) else False):
                return True
        elif column == "ovop_stars":
            a = None if a is None or pd.isna(a) else int(a)
            b = None if b is None or pd.isna(b) else int(b)
            if a != b:
                return True
        elif _text(a) != _text(b):
            return True
    return False
