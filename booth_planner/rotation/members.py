"""Reading gallery members: applicants.csv with ``unavailable_periods`` and ``turns_before`` (SPEC 5).

The applicant columns are read by the importer, regions resolved down to kecamatan inside the
gallery's home; the two extra columns are read here from the same table, row by row.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from functools import partial
from pathlib import Path

from booth_planner.core.districts import (
    AmbiguousDistrictError,
    DistrictNeedsHomeError,
    DistrictOutsideHomeError,
    UnknownDistrictError,
    full_name,
    resolve_member_region,
)
from booth_planner.core.regions import RegionError
from booth_planner.importing.problems import Problem, problem
from booth_planner.importing.readers import (
    APPLICANT_COLUMNS,
    Column,
    ImportResult,
    normalise_column_name,
    parse_whole,
    read_applicants,
)
from booth_planner.importing.spreadsheet import TableError, read_table
from booth_planner.rotation.model import Member

PERIOD_SEPARATOR = "|"
MAX_TURNS_BEFORE = 10_000
MEMBER_COLUMNS = (
    Column("unavailable_periods", "unavailable_periods", "periode_tidak_bisa"),
    Column("turns_before", "turns_before", "giliran_sebelumnya"),
)
_EXTRA_NAMES = {normalise_column_name(n): c for c in MEMBER_COLUMNS for n in c.names}


def read_members(source: Path | bytes, file_name: str, home: str | None = None,
                 period_ids: Collection[str] | None = None,
                 aliases: Mapping[str, str] | None = None) -> ImportResult[Member]:
    """Members with every problem found; ``period_ids`` (when given) are the periods they may
    name as unavailable. Never raises on bad input."""
    content = source.read_bytes() if isinstance(source, Path) else source
    errors: dict[str, RegionError] = {}
    resolver = partial(_remembering, errors, home, aliases)
    applicants = read_applicants(content, file_name, aliases, resolve_region=resolver)
    problems = [_kecamatan_problem(p, errors) for p in applicants.problems
                if not (p.code in ("unknown_column", "unknown_column_near")
                        and normalise_column_name(p.column or "") in _EXTRA_NAMES)]
    extra = _extra_values(content, file_name, applicants.rows, period_ids, problems)
    members = tuple(Member(a, *extra.get(a.applicant_id, (frozenset(), 0)))
                    for a in applicants.items)
    return ImportResult("members", file_name, members, tuple(problems),
                        applicants.unresolved_regions, applicants.rows, applicants.encoding,
                        applicants.delimiter, applicants.sheet)


def _remembering(errors: dict[str, RegionError], home: str | None,
                 aliases: Mapping[str, str] | None, text: str) -> object:
    """Resolve a member's region, keeping each failure's error to word its problem."""
    try:
        return resolve_member_region(text, home=home, aliases=aliases)
    except RegionError as error:
        errors[text] = error
        raise


# Kecamatan errors worded for a gallery: where to look the name up, candidates with their kota.
_KECAMATAN_CODES = (
    (DistrictNeedsHomeError, "member_region_needs_home"),
    (DistrictOutsideHomeError, "member_region_elsewhere"),
    (AmbiguousDistrictError, "member_region_ambiguous"),
    (UnknownDistrictError, "region_unknown"),
)


def _kecamatan_problem(found: Problem, errors: Mapping[str, RegionError]) -> Problem:
    """A region problem whose error concerns kecamatan, with candidates named in full."""
    if found.code not in ("region_unknown", "region_ambiguous"):
        return found
    text = dict(found.params).get("value", "")
    error = errors.get(text)
    code = next((c for kind, c in _KECAMATAN_CODES if isinstance(error, kind)), None)
    if error is None or code is None:
        return found
    named = "; ".join(f"{r.code} {full_name(r)}" for r in error.candidates) or "-"
    return problem(found.file, found.row, found.column, code, value=text, candidates=named)


def _extra_values(content: bytes, file_name: str, rows: Mapping[str, int],
                  period_ids: Collection[str] | None, problems: list[Problem]
                  ) -> dict[str, tuple[frozenset[str], int]]:
    """applicant_id -> (unavailable period ids, turns before), problems added to ``problems``."""
    known = {normalise_column_name(n) for c in (*APPLICANT_COLUMNS, *MEMBER_COLUMNS)
             for n in c.names}
    try:
        table = read_table(content, lambda cells: sum(
            1 for c in cells if normalise_column_name(c) in known))
    except (TableError, OSError):
        return {}  # the importer has reported why the file cannot be read
    where = {}
    for position, name in enumerate(table.header):
        column = _EXTRA_NAMES.get(normalise_column_name(name))
        if column is not None and column.field not in where:
            where[column.field] = (position, name)
    by_row = {number: applicant_id for applicant_id, number in rows.items()}
    lookup = {p.casefold(): p for p in period_ids} if period_ids is not None else None
    found = {}
    for number, cells in table.rows:
        applicant_id = by_row.get(number)  # None for a row the importer refused: still checked
        unavailable: set[str] = set()
        turns = 0
        if "unavailable_periods" in where:
            position, name = where["unavailable_periods"]
            text = cells[position] if position < len(cells) else ""
            for piece in (p.strip() for p in text.split(PERIOD_SEPARATOR)):
                if not piece:
                    continue
                if lookup is not None and piece.casefold() not in lookup:
                    problems.append(problem(file_name, number, name, "member_unknown_period",
                                            period=piece, known=", ".join(list(period_ids)[:12])))
                    continue
                unavailable.add(lookup[piece.casefold()] if lookup is not None else piece)
        if "turns_before" in where:
            position, name = where["turns_before"]
            text = (cells[position] if position < len(cells) else "").strip()
            if text:
                value = parse_whole(text)
                if value is None or value < 0:
                    problems.append(problem(file_name, number, name, "not_a_whole_number",
                                            value=text, minimum=0))
                elif value > MAX_TURNS_BEFORE:
                    problems.append(problem(file_name, number, name, "above_maximum",
                                            value=text, maximum=f"{MAX_TURNS_BEFORE:,}"))
                else:
                    turns = value
        if applicant_id is not None:
            found[applicant_id] = (frozenset(unavailable), turns)
    return found
