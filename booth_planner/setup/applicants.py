"""The applicant table without Streamlit: building it, filtering it, checking edited rows.

Regions typed into the table are resolved with :func:`booth_planner.core.regions.resolve` here, on the
server, because the table editor's own checks run only in the browser. A region that fits none or
several regions is a problem naming the candidates, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import pandas as pd

from booth_planner.core import regions
from booth_planner.core.model import Applicant, EventState
from booth_planner.coverage import booths_by_applicant
from booth_planner.directory import profile
from booth_planner.setup.booths import Problem, cell_number, cell_text, is_blank

EDITABLE_COLUMNS = ("applicant_id", "name", "region", "category", "product", "booths_requested",
                    "priority", "whatsapp", "links", "description")
FRAME_COLUMNS = (*EDITABLE_COLUMNS, "region_code", "province", "booths", "placed")
PLACED, UNPLACED = "placed", "unplaced"


@dataclass(frozen=True)
class Freed:
    """An applicant about to be removed and the booths that would become free."""

    applicant_id: str
    name: str
    booths: tuple[str, ...]


_NUMBERED_ID = re.compile(r"P-(\d+)")


def next_free_id(taken: Iterable[str]) -> str:
    """The id to propose for a new applicant: one past the highest ``P-<number>`` (``P-001``)."""
    digits = [m.group(1) for i in taken if (m := _NUMBERED_ID.fullmatch(i.strip()))]
    highest = max(digits, key=int, default="000")
    return f"P-{int(highest) + 1:0{len(highest)}d}"


def applicants_frame(state: EventState) -> pd.DataFrame:
    """One row per applicant: its fields, its region in words, its province and booths held."""
    held = booths_by_applicant(state)
    rows = []
    for a in state.applicants:
        province = regions.province_code(a.region_code)
        booths = held.get(a.applicant_id, [])
        rows.append({
            "applicant_id": a.applicant_id, "name": a.name, "region": regions.code_label(a.region_code),
            "category": a.category, "product": a.product, "booths_requested": a.booths_requested,
            "priority": a.priority, "whatsapp": a.whatsapp, "links": " | ".join(a.links) or None,
            "description": a.description, "region_code": a.region_code,
            "province": regions.code_label(province), "booths": ", ".join(booths),
            "placed": bool(booths),
        })
    frame = pd.DataFrame(rows, columns=list(FRAME_COLUMNS))
    for column in ("booths_requested", "priority"):
        frame[column] = frame[column].astype("Int64")
    return frame


def filter_applicants(
    frame: pd.DataFrame, *, province: str | None = None, region: str | None = None,
    category: str | None = None, placed: str | None = None,
) -> pd.DataFrame:
    """The rows matching every filter given: province code, region code, category, placed."""
    keep = pd.Series(True, index=frame.index)
    if province:
        keep &= frame["region_code"].map(regions.province_code) == province
    if region:
        keep &= frame["region_code"] == region
    if category:
        keep &= frame["category"].str.casefold() == category.casefold()
    if placed == PLACED:
        keep &= frame["placed"]
    elif placed == UNPLACED:
        keep &= ~frame["placed"]
    return frame[keep]


def _whole(value: object, minimum: int, default: int) -> int | None:
    """A whole number >= minimum from a cell (``default`` when empty); None when it is not one."""
    if is_blank(value):
        return default
    number = cell_number(value)
    if number is None or number != int(number) or number < minimum:
        return None
    return int(number)


def region_problem(row: int, error: regions.RegionError) -> Problem:
    """The region error of one row as a problem, candidates closest first."""
    key = error.message_key if error.candidates else f"{error.message_key}_alone"
    if not error.text.strip():
        key = "regions.error.empty"
    return Problem(row, "region", key, {
        "text": error.text.strip(),
        "candidates": ", ".join(regions.label(r) for r in error.candidates),
    })


def applicants_from_rows(
    rows: pd.DataFrame | Sequence[Mapping[str, object]],
    originals: Mapping[str, Applicant] | None = None,
    *, taken: Iterable[str] = (), aliases: Mapping[str, str] | None = None,
) -> tuple[list[Applicant], list[Problem]]:
    """The applicants of an edited table, checked; locks of ``originals`` are kept.

    ``taken`` are applicant ids of the event not in the table (an id must stay unique). A region
    equal to the original's text keeps its code; any other text is resolved with the event's
    ``aliases``.
    """
    records = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else list(rows)
    originals = originals or {}
    taken = set(taken)
    seen: dict[str, int] = {}
    applicants: list[Applicant] = []
    problems: list[Problem] = []
    for index, row in enumerate(records, start=1):
        found: list[Problem] = []
        applicant_id = cell_text(row.get("applicant_id"))
        original = originals.get(applicant_id)
        if not applicant_id:
            found.append(Problem(index, "applicant_id", "applicants.problem.id_empty"))
        elif applicant_id in seen:
            found.append(Problem(index, "applicant_id", "applicants.problem.id_twice",
                                 {"id": applicant_id, "first": seen[applicant_id]}))
        elif applicant_id in taken:
            found.append(Problem(index, "applicant_id", "applicants.problem.id_taken",
                                 {"id": applicant_id}))
        seen.setdefault(applicant_id, index)
        name, category = cell_text(row.get("name")), cell_text(row.get("category"))
        if not name:
            found.append(Problem(index, "name", "applicants.problem.name_empty"))
        text = cell_text(row.get("region"))
        code = None
        if original is not None and text == regions.code_label(original.region_code):
            code = original.region_code
        else:
            try:
                code = regions.resolve(text, aliases).code
            except regions.RegionError as error:
                found.append(region_problem(index, error))
        if not category:
            found.append(Problem(index, "category", "applicants.problem.category_empty"))
        requested = _whole(row.get("booths_requested"), 1, 1)
        if requested is None:
            found.append(Problem(index, "booths_requested", "applicants.problem.booths_requested",
                                 {"value": cell_text(row.get("booths_requested"))}))
        priority = _whole(row.get("priority"), 0, 0)
        if priority is None:
            found.append(Problem(index, "priority", "applicants.problem.priority",
                                 {"value": cell_text(row.get("priority"))}))
        whatsapp, links, description = _profile_cells(row, index, original, found)
        problems.extend(found)
        if found:
            continue
        applicant = Applicant(
            applicant_id=applicant_id, name=name, region_code=code, category=category,
            product=cell_text(row.get("product")) or None, booths_requested=requested,
            priority=priority, whatsapp=whatsapp, links=links, description=description,
        )
        if original is not None:
            applicant = replace(applicant, locked_booth_ids=original.locked_booth_ids)
        applicants.append(applicant)
    return applicants, problems


def _profile_cells(row: Mapping[str, object], index: int, original: Applicant | None,
                   found: list[Problem]) -> tuple[str | None, tuple[str, ...], str | None]:
    """WhatsApp, links and description of a row, checked as the importer checks them; a
    column the row does not have keeps the original's value."""
    whatsapp = original.whatsapp if original else None
    links = original.links if original else ()
    description = original.description if original else None
    if "whatsapp" in row:
        try:
            whatsapp = profile.normalise_whatsapp(cell_text(row.get("whatsapp")))
        except profile.ProfileError as error:
            found.append(Problem(index, "whatsapp", "applicants.problem.whatsapp",
                                 {"value": error.value}))
    if "links" in row:
        try:
            value = row.get("links")
            links = profile.parse_links("|".join(value) if isinstance(value, tuple | list)
                                        else cell_text(value))
        except profile.ProfileError as error:
            found.append(Problem(index, "links", "applicants.problem.link",
                                 {"value": error.value}))
    if "description" in row:
        description = cell_text(row.get("description")) or None
        if description and len(description) > profile.MAX_DESCRIPTION_LENGTH:
            found.append(Problem(index, "description", "applicants.problem.description_long",
                                 {"limit": profile.MAX_DESCRIPTION_LENGTH}))
    return whatsapp, links, description


def changed_applicants(originals: Mapping[str, Applicant],
                       edited: Iterable[Applicant]) -> list[Applicant]:
    """The edited applicants that differ from (or are missing in) ``originals``."""
    return [a for a in edited if originals.get(a.applicant_id) != a]


def freed_booths(state: EventState, applicant_ids: Iterable[str]) -> list[Freed]:
    """For each applicant to remove, the booths it holds (which would become free)."""
    held = booths_by_applicant(state)
    by_id = state.applicant_by_id()
    return [Freed(a, by_id[a].name, tuple(held.get(a, ()))) for a in applicant_ids if a in by_id]


def zone_problems(state: EventState, applicants: Sequence[Applicant],
                  row_of: Mapping[str, int]) -> list[Problem]:
    """Edited applicants whose new category a zoned booth they hold would refuse (SPEC 3.2)."""
    held = booths_by_applicant(state)
    booths = state.booth_by_id()
    problems = []
    for applicant in applicants:
        for booth_id in held.get(applicant.applicant_id, ()):
            booth = booths[booth_id]
            if not booth.accepts(applicant.category):
                problems.append(Problem(row_of.get(applicant.applicant_id), "category",
                                        "applicants.problem.zone",
                                        {"booth": booth_id, "zone": booth.zone}))
    return problems


def onto_current(changed: Iterable[Applicant], current: Mapping[str, Applicant],
                 row_of: Mapping[str, int]) -> tuple[list[Applicant], list[Problem]]:
    """Edits made on an older table, laid onto the applicants as they are now.

    Locks come from now (someone may have moved them since); an applicant removed since is a
    problem rather than being brought back.
    """
    rebased, problems = [], []
    for applicant in changed:
        now = current.get(applicant.applicant_id)
        if now is None:
            problems.append(Problem(row_of.get(applicant.applicant_id), "applicant_id",
                                    "applicants.problem.gone", {"id": applicant.applicant_id}))
        else:
            rebased.append(replace(applicant, locked_booth_ids=now.locked_booth_ids))
    return rebased, problems
