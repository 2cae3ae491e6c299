"""The directory from files: the booth list (assignments.csv) and the applicants file.

The booth list says who stands where; the applicants file (read by the importer, so its
WhatsApp numbers and links are checked the same way) gives each exhibitor's profile. Optional
``x, y, width_m, depth_m`` columns of the booth list (the app's export has them) give the plans.
Every problem is reported with file, row and column, as the importer does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from booth_planner.directory.entries import (
    Directory,
    DirectoryEntry,
    HallPlan,
    PlanBooth,
    entry_for,
    sorted_entries,
)
from booth_planner.importing.problems import Problem, has_errors, problem
from booth_planner.importing.readers import normalise_column_name, parse_decimal, read_applicants
from booth_planner.importing.spreadsheet import TableError, read_table

# Field -> accepted names (SPEC 2 booth list; Indonesian names as in booths.csv).
_COLUMNS = {
    "booth_id": ("booth_id", "kode_stand"), "hall": ("hall",), "status": ("status",),
    "applicant_id": ("applicant_id", "id_peserta"), "x": ("x",), "y": ("y",),
    "width_m": ("width_m", "lebar_m"), "depth_m": ("depth_m", "kedalaman_m"),
}
_REQUIRED = ("booth_id", "hall", "applicant_id")
_GEOMETRY = ("x", "y", "width_m", "depth_m")


@dataclass(frozen=True)
class FileDirectory:
    """The directory read from files, and every problem found."""

    directory: Directory | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """True when nothing stops the export."""
        return self.directory is not None and not has_errors(self.problems)


def _index() -> dict[str, str]:
    return {normalise_column_name(n): f for f, names in _COLUMNS.items() for n in names}


def _score(cells) -> int:  # noqa: ANN001
    index = _index()
    return len({index[k] for c in cells if (k := normalise_column_name(c)) in index})


def read_directory(assignments: Path, applicants: Path, event_name: str = "") -> FileDirectory:
    """The directory of the booth list and the applicants file; problems instead of raising."""
    problems: list[Problem] = []
    profiles = {}
    try:
        result = read_applicants(applicants.read_bytes(), applicants.name)
        problems.extend(p for p in result.problems if p.is_error)
        profiles = {a.applicant_id: a for a in result.items}
    except OSError as error:
        problems.append(problem(applicants.name, None, None, "cannot_open",
                                detail=error.strerror or str(error)))
    entries, halls = _read_booth_list(assignments, profiles, problems)
    if has_errors(problems):
        return FileDirectory(None, tuple(problems))
    return FileDirectory(Directory(event_name=event_name, entries=sorted_entries(entries),
                                   halls=halls), tuple(problems))


def _read_booth_list(path: Path, profiles: dict, problems: list[Problem]
                     ) -> tuple[list[DirectoryEntry], tuple[HallPlan, ...]]:
    """Entries of the assigned booths and, with geometry columns, each hall's plan."""
    file = path.name
    try:
        table = read_table(path.read_bytes(), _score)
    except TableError as error:
        problems.append(problem(file, None, None, error.code, kind="booth list",
                                expected=", ".join(_REQUIRED), **error.params))
        return [], ()
    except OSError as error:
        problems.append(problem(file, None, None, "cannot_open",
                                detail=error.strerror or str(error)))
        return [], ()
    index = _index()
    where: dict[str, tuple[int, str]] = {}
    for position, name in enumerate(table.header):
        field = index.get(normalise_column_name(name))
        if field and field not in where:
            where[field] = (position, name)
    for field in _REQUIRED:
        if field not in where:
            problems.append(problem(file, table.header_row, None, "missing_column", name=field,
                                    names=" or ".join(_COLUMNS[field])))
    if has_errors(problems) and any(p.file == file for p in problems):
        return [], ()
    with_geometry = all(f in where for f in _GEOMETRY)
    entries: list[DirectoryEntry] = []
    plans: dict[str, list[PlanBooth]] = {}
    seen: dict[str, int] = {}

    def cell(cells: tuple[str, ...], field: str) -> str:
        position = where[field][0] if field in where else None
        return cells[position].strip() if position is not None and position < len(cells) else ""

    for number, cells in table.rows:
        booth_id, hall, holder = (cell(cells, f) for f in ("booth_id", "hall", "applicant_id"))
        for field, value in (("booth_id", booth_id), ("hall", hall)):
            if not value:
                problems.append(problem(file, number, where[field][1], "required_value"))
        if not booth_id or not hall:
            continue
        key = booth_id.casefold()
        if key in seen:
            problems.append(problem(file, number, where["booth_id"][1], "duplicate_id",
                                    id=booth_id, first=seen[key]))
            continue
        seen[key] = number
        if holder:
            applicant = profiles.get(holder)
            if applicant is None:
                problems.append(problem(file, number, where["applicant_id"][1],
                                        "directory_unknown_applicant", value=holder))
            else:
                entries.append(entry_for(booth_id, hall, applicant))
        if with_geometry:
            values = [parse_decimal(cell(cells, f)) for f in _GEOMETRY]
            bad = [f for f, v in zip(_GEOMETRY, values, strict=True) if v is None]
            for field in bad:
                problems.append(problem(file, number, where[field][1], "not_a_number",
                                        value=cell(cells, field)))
            if not bad:
                x, y, width, depth = values
                plans.setdefault(hall, []).append(PlanBooth(
                    booth_id, x, y, width, depth,
                    blocked=cell(cells, "status").casefold() in ("blocked", "diblokir"),
                    assigned=bool(holder)))
    return entries, tuple(HallPlan(name, tuple(booths)) for name, booths in plans.items())


__all__ = ["FileDirectory", "read_directory"]
