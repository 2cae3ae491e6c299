"""Gallery periods: generated from a start, a length and a count, or read from periods.csv."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

from booth_planner.importing.problems import Problem, has_errors, problem
from booth_planner.importing.readers import Column, ImportResult, normalise_column_name
from booth_planner.importing.spreadsheet import TableError, read_table
from booth_planner.rotation.model import Period

# Lengths an organizer picks from: weeks are counted in days, months in calendar months.
LENGTHS = {"1w": (7, 0), "2w": (14, 0), "1m": (0, 1), "4m": (0, 4), "6m": (0, 6)}
PERIOD_COLUMNS = (
    Column("period_id", "period_id", "kode_periode", required=True, max_length=50),
    Column("start", "start", "mulai", required=True),
    Column("end", "end", "selesai", required=True),
)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?")
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clipped to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def generate_periods(start: date, length: str, count: int) -> tuple[Period, ...]:
    """``count`` back-to-back periods of ``length`` (a key of LENGTHS) from ``start``."""
    if length not in LENGTHS:
        raise ValueError(f"length must be one of {sorted(LENGTHS)}, not {length!r}")
    if count < 1:
        raise ValueError("count must be at least 1")
    days, months = LENGTHS[length]
    found = []
    begin = start
    for index in range(count):
        following = begin + timedelta(days=days) if days else _add_months(start, months * (index + 1))
        period_id = begin.isoformat() if days else f"{begin.year}-{begin.month:02d}"
        if not days and begin.day != 1:
            period_id = begin.isoformat()
        found.append(Period(period_id, begin, following - timedelta(days=1)))
        begin = following
    return tuple(found)


def parse_date(text: str) -> date | None:
    """``2027-01-31`` or ``31/01/2027``; None for anything else or an impossible date."""
    value = text.strip()
    iso, dmy = _ISO.fullmatch(value), _DMY.fullmatch(value)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if dmy:
            return date(int(dmy[3]), int(dmy[2]), int(dmy[1]))
    except ValueError:
        return None
    return None


def order_periods(periods: Sequence[Period]) -> tuple[Period, ...]:
    """Periods by start (SPEC 5), then id."""
    return tuple(sorted(periods, key=lambda p: (p.start, p.period_id)))


def read_periods(source: Path | bytes, file_name: str) -> ImportResult[Period]:
    """Periods from a CSV or .xlsx file with every problem found; never raises on bad input."""
    problems: list[Problem] = []
    names = {normalise_column_name(n): c for c in PERIOD_COLUMNS for n in c.names}
    try:
        table = read_table(source, lambda cells: len({
            names[k].field for c in cells if (k := normalise_column_name(c)) in names}))
    except TableError as error:
        problems.append(problem(file_name, None, None, error.code, kind="periods",
                                expected="period_id, start, end", **error.params))
        return ImportResult("periods", file_name, problems=tuple(problems))
    except OSError as error:
        problems.append(problem(file_name, None, None, "cannot_open", detail=error.strerror))
        return ImportResult("periods", file_name, problems=tuple(problems))
    where: dict[str, tuple[int, str]] = {}
    for position, name in enumerate(table.header):
        column = names.get(normalise_column_name(name))
        if column is not None and column.field not in where:
            where[column.field] = (position, name)
    for column in PERIOD_COLUMNS:
        if column.field not in where:
            problems.append(problem(file_name, table.header_row, None, "missing_column",
                                    name=column.english, names=column.described()))
    if has_errors(problems):
        return ImportResult("periods", file_name, problems=tuple(problems))
    names_of = {f: name for f, (_, name) in where.items()}
    numbered = ((number, {f: cells[i] if i < len(cells) else "" for f, (i, _) in where.items()})
                for number, cells in table.rows)
    periods, rows, found = check_period_rows(file_name, numbered, names_of)
    return ImportResult("periods", file_name, periods, (*problems, *found), (), rows,
                        table.encoding, table.delimiter, table.sheet)


def check_period_rows(file_name: str, numbered: Iterable[tuple[int, Mapping[str, str]]],
                      names_of: Mapping[str, str],
                      ) -> tuple[tuple[Period, ...], dict[str, int], list[Problem]]:
    """The periods of numbered rows (field -> text), their row numbers and every problem;
    ``names_of`` gives each field's column name as the organizer sees it."""
    problems: list[Problem] = []
    periods: list[Period] = []
    rows: dict[str, int] = {}
    seen: dict[str, int] = {}
    for number, values in numbered:
        ok = True
        period_id = values["period_id"].strip()
        if not period_id:
            problems.append(problem(file_name, number, names_of["period_id"], "required_value"))
            ok = False
        elif period_id.casefold() in seen:
            problems.append(problem(file_name, number, names_of["period_id"], "duplicate_id",
                                    column=names_of["period_id"], id=period_id,
                                    first=seen[period_id.casefold()], second=number,
                                    first_id=period_id))
            ok = False
        else:
            seen[period_id.casefold()] = number
        dates = {}
        for field_name in ("start", "end"):
            text = values[field_name].strip()
            parsed = parse_date(text)
            if parsed is None:
                code = "period_bad_date" if text else "required_value"
                problems.append(problem(file_name, number, names_of[field_name], code,
                                        value=text))
                ok = False
            dates[field_name] = parsed
        if ok and dates["end"] < dates["start"]:
            problems.append(problem(file_name, number, names_of["end"], "period_end_before_start",
                                    start=dates["start"].isoformat(),
                                    end=dates["end"].isoformat()))
            ok = False
        if ok:
            periods.append(Period(period_id, dates["start"], dates["end"]))
            rows[period_id] = number
    problems.extend(overlap_problems(file_name, periods, rows))
    return order_periods(periods), rows, problems


def periods_table(periods: Sequence[Period]) -> list[dict[str, object]]:
    """The periods as rows of an editable table (period_id, start, end)."""
    return [{"period_id": p.period_id, "start": p.start, "end": p.end} for p in periods]


def periods_from_table(rows: Sequence[Mapping[str, object]], table_name: str,
                       names_of: Mapping[str, str] | None = None) -> ImportResult[Period]:
    """Periods from an edited table, checked exactly as a periods file is; a problem's row is the
    table's row, counted from 1. Fully blank rows (an editor's empty new row) are skipped."""
    fields = ("period_id", "start", "end")
    numbered = []
    for number, row in enumerate(rows, start=1):
        values = {f: _cell(row.get(f)) for f in fields}
        if any(values.values()):
            numbered.append((number, values))
    if not numbered:
        return ImportResult("periods", table_name, problems=(
            problem(table_name, None, None, "no_periods"),))
    periods, numbers, problems = check_period_rows(table_name, numbered,
                                                   names_of or {f: f for f in fields})
    return ImportResult("periods", table_name, periods, tuple(problems), (), numbers)


def _cell(value: object) -> str:
    """A table cell as the text a periods file would hold (dates as YYYY-MM-DD)."""
    if value is None or value != value:  # noqa: PLR0124 - NaN and NaT are not equal to themselves
        return ""
    if isinstance(value, datetime):  # a pandas Timestamp is one too
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def overlap_problems(file_name: str, periods: Sequence[Period],
                     rows: dict[str, int]) -> list[Problem]:
    """One problem per period that starts before the previous one (by start) has ended."""
    found = []
    ordered = order_periods(periods)
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.start <= before.end:
            found.append(problem(file_name, rows.get(after.period_id), None, "periods_overlap",
                                 first=before.period_id, second=after.period_id,
                                 first_row=rows.get(before.period_id, "?")))
    return found
