"""Importing booths and applicants (SPEC section 2): forgiving about files, strict about data.

``read_booths`` and ``read_applicants`` turn a CSV or .xlsx file (bytes or a path) into model
values and every problem found, each with its file, row, column and a suggested fix. They never
raise on bad input. ``cross_check`` finds what is wrong between the two files (locks).

Decisions a reader may look for:
- Numbers in metres accept a decimal comma (``2,5``) and a trailing ``m``.
- Rupiah accepts ``2500000``, ``2.500.000``, ``2,500,000``, ``Rp 2.500.000``, ``Rp2.500.000,00`` and
  ``Rp 2.500.000,-``; a dot or comma followed by exactly three digits groups thousands, so
  ``2.500`` is two thousand five hundred rupiah. Anything with real cents is refused.
- ``booth_type`` and ``status`` accept the Indonesian words (``standar``, ``sudut``, ``pulau``,
  ``luar ruang``; ``tersedia``, ``diblokir``), any case.
- Ids are compared ignoring case and spacing when looking for duplicates: ``A-01`` and ``a-01``
  in one file are certainly a mistake.
- A booth zone that no applicant's category matches is a warning, not an error: the booth simply
  stays empty, which may be intended.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Generic, TypeVar

from rapidfuzz import process

from booth_planner.core.formula_guard import restore
from booth_planner.core.geometry import adjacency, is_connected, overlapping_booths
from booth_planner.core.i18n import LANGUAGES, catalogue, t
from booth_planner.core.model import (
    BOOTH_STATUSES,
    BOOTH_TYPES,
    DEFAULT_BOOTH_SIZE_M,
    Applicant,
    Booth,
)
from booth_planner.directory import profile
from booth_planner.importing.problems import (
    ERROR,
    NAME_SEPARATOR,
    WARNING,
    Problem,
    has_errors,
    problem,
    problem_message,
    problem_suggestion,
    problem_text,
)
from booth_planner.importing.spreadsheet import (
    MAX_DATA_ROWS,
    MAX_FILE_BYTES,
    Table,
    TableError,
    read_table,
)
from booth_planner.lifecycle.status import STATUSES, WITHOUT_BOOTHS, parse_status

__all__ = [
    "ERROR", "WARNING", "MAX_DATA_ROWS", "MAX_FILE_BYTES", "MAX_TEXT_LENGTH", "APPLICANT_COLUMNS",
    "BOOTH_COLUMNS", "Column", "ImportResult", "Problem", "UnresolvedRegion", "cross_check",
    "has_errors", "problem_message", "problem_suggestion", "problem_text", "read_applicants",
    "read_booths",
]

MAX_TEXT_LENGTH = 200
# Ids, halls, zones and categories are shorter in the database (SPEC 2 names no limit).
MAX_ID_LENGTH = 50
MAX_NAME_LENGTH = 100
MAX_METRES = 10_000.0
MAX_BOOTHS_REQUESTED = 1_000
MAX_PRIORITY = 1_000_000
MAX_PRICE_IDR = 10**15
LOCK_SEPARATOR = "|"

T = TypeVar("T")


@dataclass(frozen=True)
class Column:
    """A column of an import file: the field it fills and the names accepted for it."""

    field: str
    english: str
    indonesian: str
    required: bool = False
    max_length: int = MAX_TEXT_LENGTH

    @property
    def names(self) -> tuple[str, ...]:
        """Accepted names, English first."""
        return (self.english,) if self.english == self.indonesian else (self.english,
                                                                          self.indonesian)

    def label(self, lang: str = "en") -> str:
        """The column's name as written in a file of ``lang``."""
        return self.indonesian if lang == "id" else self.english

    def described(self) -> str:
        """'booth_id|kode_stand': the accepted names, joined by the word for "or" when shown."""
        return NAME_SEPARATOR.join(self.names)


BOOTH_COLUMNS = (
    Column("booth_id", "booth_id", "kode_stand", required=True, max_length=MAX_ID_LENGTH),
    Column("hall", "hall", "hall", required=True, max_length=MAX_NAME_LENGTH),
    Column("x", "x", "x", required=True),
    Column("y", "y", "y", required=True),
    Column("width_m", "width_m", "lebar_m"),
    Column("depth_m", "depth_m", "kedalaman_m"),
    Column("zone", "zone", "zona", max_length=MAX_NAME_LENGTH),
    Column("booth_type", "booth_type", "jenis"),
    Column("status", "status", "status"),
    Column("price_idr", "price_idr", "harga"),
)

APPLICANT_COLUMNS = (
    # Without the column, ids are made from name and region (``generated_applicant_id``).
    Column("applicant_id", "applicant_id", "id_peserta", max_length=MAX_NAME_LENGTH),
    Column("name", "name", "nama", required=True),
    Column("region", "region", "wilayah", required=True),
    Column("category", "category", "kategori", required=True, max_length=MAX_NAME_LENGTH),
    Column("product", "product", "produk"),
    Column("booths_requested", "booths_requested", "jumlah_stand"),
    Column("priority", "priority", "prioritas"),
    Column("locked_booth_id", "locked_booth_id", "stand_tetap"),
    Column("whatsapp", "whatsapp", "whatsapp", max_length=profile.WHATSAPP_MAX_TEXT),
    Column("links", "links", "tautan",
           max_length=profile.MAX_LINKS * (profile.MAX_LINK_LENGTH + 1)),
    Column("description", "description", "deskripsi", max_length=profile.MAX_DESCRIPTION_LENGTH),
    # The lifecycle status (booth_planner.lifecycle.status); empty keeps the recorded one.
    Column("status", "status", "status"),
)

BOOTH_TYPE_WORDS = {
    **{name: name for name in BOOTH_TYPES},
    "standar": "standard", "biasa": "standard", "sudut": "corner", "pulau": "island",
    "luar ruang": "outdoor", "luar_ruang": "outdoor", "terbuka": "outdoor",
}
STATUS_WORDS = {
    **{name: name for name in BOOTH_STATUSES},
    "tersedia": "available", "diblokir": "blocked", "blokir": "blocked",
    # The app's readable booth list says whether a booth is taken ("export.occupancy.*"): a
    # taken or free booth is an available one, so that list re-imports as it was.
    "terisi": "available", "assigned": "available", "free": "available",
}


@dataclass(frozen=True)
class UnresolvedRegion:
    """A region text of an applicants file that needs a person to pick the region."""

    row: int
    applicant_id: str
    text: str
    candidates: tuple[object, ...]  # booth_planner.core.model.Region, closest first
    ambiguous: bool


@dataclass(frozen=True)
class ImportResult(Generic[T]):
    """What a file would import: the valid items, every problem, and region texts to pick for."""

    kind: str
    file: str
    items: tuple[T, ...] = ()
    problems: tuple[Problem, ...] = ()
    unresolved_regions: tuple[UnresolvedRegion, ...] = ()
    rows: Mapping[str, int] = field(default_factory=dict)  # item id -> row number
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None

    @property
    def ok(self) -> bool:
        """True when nothing stops the import (warnings may remain)."""
        return not has_errors(self.problems)

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that stop the import."""
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems that only need a look."""
        return tuple(p for p in self.problems if not p.is_error)


# --- column names -------------------------------------------------------------------------------


def normalise_column_name(name: str) -> str:
    """'Kode Stand', 'kode-stand' and 'Lebar (m)' as 'kode_stand' and 'lebar_m'."""
    return re.sub(r"[^0-9a-z]+", "_", name.casefold()).strip("_")


def _name_index(columns: Sequence[Column]) -> dict[str, Column]:
    """Every accepted normalised name, mapped to its column.

    Besides the file-format names, the headings of the app's own readable booth list
    (``export.col.*``, both languages: "Kode stand", "x (m)"...), so that list re-imports.
    """
    index = {normalise_column_name(n): c for c in columns for n in c.names}
    for column in columns:
        if (key := f"export.col.{column.field}") in catalogue():
            for lang in LANGUAGES:
                index.setdefault(normalise_column_name(t(key, lang)), column)
    return index


def _header_scorer(columns: Sequence[Column]) -> Callable[[Sequence[str]], int]:
    """How many distinct known columns a row names: the header is the row naming the most."""
    index = _name_index(columns)

    def score(cells: Sequence[str]) -> int:
        return len({index[key].field for c in cells if (key := normalise_column_name(c)) in index})

    return score


def _map_header(file: str, table: Table, columns: Sequence[Column],
                problems: list[Problem]) -> dict[str, tuple[int, str]]:
    """Field -> (cell position, name as written); missing, doubled and unknown columns reported."""
    index = _name_index(columns)
    found: dict[str, tuple[int, str]] = {}
    accepted = [n for c in columns for n in c.names]
    for position, name in enumerate(table.header):
        if not name:
            continue
        column = index.get(normalise_column_name(name))
        if column is None:
            match = process.extractOne(normalise_column_name(name), accepted, score_cutoff=70)
            problems.append(problem(
                file, table.header_row, name, "unknown_column_near" if match else "unknown_column",
                WARNING, name=name, closest=match[0] if match else "",
                accepted=", ".join(accepted)))
        elif column.field in found:
            problems.append(problem(file, table.header_row, name, "duplicate_column",
                                    first=found[column.field][1], second=name))
        else:
            found[column.field] = (position, name)
    for column in columns:
        if column.required and column.field not in found:
            problems.append(problem(file, table.header_row, None, "missing_column",
                                    name=column.english, names=column.described()))
    return found


# --- cell values --------------------------------------------------------------------------------

_DECIMAL = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:e[+-]?\d+)?")
_WHOLE = re.compile(r"[+-]?\d+(?:[.,]0*)?")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}[.,]000")  # 1.000 or 2,000: a thousand, or 1 and 2?
_RUPIAH = re.compile(
    r"(?:rp\.?|idr)?\s*(?P<sign>-?)\s*"
    r"(?P<digits>\d{1,3}(?P<sep>[., ])\d{3}(?:(?P=sep)\d{3})*|\d+)"
    r"(?:[.,](?:0{1,2}|-))?"
)


def parse_decimal(text: str) -> float | None:
    """Metres as people type them (``3``, ``2,5``, ``2.5 m``); None when not a finite number."""
    value = text.strip().casefold().removesuffix("m").strip()
    if not _DECIMAL.fullmatch(value):
        return None
    number = float(value.replace(",", "."))
    return number if math.isfinite(number) else None


def parse_whole(text: str) -> int | None:
    """A whole number (``2``, ``2.0`` from Excel); None for anything else."""
    value = text.strip()
    if not _WHOLE.fullmatch(value):
        return None
    return int(re.split(r"[.,]", value)[0])


def parse_rupiah(text: str) -> int | None:
    """Whole rupiah as Indonesians write them (see the module notes); None when not an amount."""
    match = _RUPIAH.fullmatch(text.strip().casefold())
    if not match:
        return None
    amount = int(re.sub(r"\D", "", match["digits"]))
    return -amount if match["sign"] else amount


def normalise_id(text: str) -> str:
    """The key under which two ids count as the same (case and spacing ignored)."""
    return re.sub(r"\s+", "", text).casefold()


# --- one row ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    """How a file's cells map to fields: positions, names as written, length limits."""

    mapping: Mapping[str, tuple[int, str]]
    limits: Mapping[str, int]
    width: int
    delimiter: str | None

    @property
    def from_csv(self) -> bool:
        """True for a CSV file (an .xlsx has no delimiter)."""
        return self.delimiter is not None


class _Row:
    """One data row: typed access to its cells, each bad cell reported once with its column."""

    def __init__(self, file: str, number: int, cells: tuple[str, ...], layout: _Layout,
                 problems: list[Problem]) -> None:
        self.file, self.number, self.cells = file, number, cells
        self.mapping, self.limits, self.problems = layout.mapping, layout.limits, problems
        # CSV exports guard formula-like text with an apostrophe; Excel exports use a cell style.
        self.unguard = restore if layout.from_csv else str
        self.bad = False

    def report(self, name: str | None, code: str, severity: str = ERROR, /,
               **params: object) -> None:
        """Record a problem of this row."""
        self.problems.append(problem(self.file, self.number, name, code, severity, **params))
        if severity == ERROR:
            self.bad = True

    def column(self, field_name: str) -> str | None:
        """The column's name as written in the file."""
        return self.mapping[field_name][1] if field_name in self.mapping else None

    def text(self, field_name: str, required: bool = False) -> str:
        """The cell's text ('' when the column is absent); too long or missing is reported."""
        if field_name not in self.mapping:
            return ""
        position, name = self.mapping[field_name]
        value = self.unguard(self.cells[position]) if position < len(self.cells) else ""
        limit = self.limits.get(field_name, MAX_TEXT_LENGTH)
        if len(value) > limit:
            self.report(name, "text_too_long", length=len(value), limit=limit)
            return ""
        if required and not value:
            self.report(name, "required_value")
        return value

    def metres(self, field_name: str, default: float | None, positive: bool) -> float:
        """A length in metres; a default for an empty optional cell."""
        value = self.text(field_name, required=default is None)
        if not value:
            return default if default is not None else 0.0
        number = parse_decimal(value)
        if number is None:
            self.report(self.column(field_name), "not_a_number", value=value)
            return 0.0
        if positive and number <= 0:
            self.report(self.column(field_name), "not_positive", value=value)
        elif abs(number) > MAX_METRES:
            self.report(self.column(field_name), "above_maximum", value=value,
                        maximum=f"{MAX_METRES:,.0f}")
        return number

    def whole(self, field_name: str, default: int, minimum: int, maximum: int) -> int:
        """A whole number at least ``minimum``; ``default`` for an empty cell."""
        value = self.text(field_name)
        if not value:
            return default
        if _THOUSANDS.fullmatch(value.strip()):
            # In an Indonesian sheet 1.000 is one thousand; elsewhere 1,000 is. Never guess.
            digits = re.sub(r"\D", "", value)
            self.report(self.column(field_name), "ambiguous_thousands", value=value,
                        thousands=int(digits), whole=int(digits[:-3]))
            return default
        number = parse_whole(value)
        if number is None:
            self.report(self.column(field_name), "not_a_whole_number", value=value,
                        minimum=minimum)
            return default
        if number < minimum:
            self.report(self.column(field_name), "below_minimum", value=value, minimum=minimum)
        elif number > maximum:
            self.report(self.column(field_name), "above_maximum", value=value,
                        maximum=f"{maximum:,}")
        return number

    def choice(self, field_name: str, words: Mapping[str, str], allowed: Sequence[str],
               default: str) -> str:
        """One of ``allowed``, written in English or Indonesian, any case."""
        value = self.text(field_name)
        if not value:
            return default
        chosen = words.get(" ".join(value.split()).casefold())
        if chosen is None:
            self.report(self.column(field_name), "bad_choice", value=value,
                        choices=", ".join(allowed))
            return default
        return chosen


def _check_extra_cells(row: _Row, layout: _Layout) -> None:
    """Values beyond the header's last column mean a row shifted, e.g. by an unquoted comma."""
    extra = row.cells[layout.width:]
    if any(extra):
        row.report(None, "too_many_values", count=layout.width + len(extra),
                   columns=layout.width, delimiter=layout.delimiter or ",")


class _Duplicates:
    """First row of each id, so the second use names both rows."""

    def __init__(self) -> None:
        self.first_row: dict[str, tuple[int, str]] = {}

    def check(self, row: _Row, field_name: str, item_id: str) -> None:
        """Report ``item_id`` when an earlier row already used it."""
        key = normalise_id(item_id)
        if key in self.first_row:
            first, first_id = self.first_row[key]
            row.report(row.column(field_name), "duplicate_id", column=row.column(field_name),
                       id=item_id, first=first, second=row.number, first_id=first_id)
        else:
            self.first_row[key] = (row.number, item_id)


# --- whole files --------------------------------------------------------------------------------


def _open(source: Path | bytes, file_name: str, kind: str, columns: Sequence[Column],
          problems: list[Problem]) -> tuple[Table, _Layout] | None:
    """The file's table and cell layout, or None with the reason among ``problems``."""
    try:
        table = read_table(source, _header_scorer(columns))
    except TableError as error:
        expected = ", ".join(c.described() for c in columns if c.required)
        problems.append(problem(file_name, None, None, error.code, kind=kind,
                                expected=expected, **error.params))
        return None
    except OSError as error:
        problems.append(problem(file_name, None, None, "cannot_open", detail=error.strerror))
        return None
    mapping = _map_header(file_name, table, columns, problems)
    if has_errors(problems):
        return None
    if not table.rows:
        problems.append(problem(file_name, None, None, "no_rows", WARNING, kind=kind))
    limits = {c.field: c.max_length for c in columns}
    return table, _Layout(mapping, limits, len(table.header), table.delimiter)


def read_booths(source: Path | bytes, file_name: str) -> ImportResult[Booth]:
    """Booths from a CSV or .xlsx file, with every problem found; never raises on bad input."""
    problems: list[Problem] = []
    opened = _open(source, file_name, "booths", BOOTH_COLUMNS, problems)
    if opened is None:
        return ImportResult("booths", file_name, problems=tuple(problems))
    table, layout = opened
    booths: list[Booth] = []
    rows: dict[str, int] = {}
    duplicates = _Duplicates()
    for index, (number, cells) in enumerate(table.rows):
        row = _Row(table.where(index, file_name), number, cells, layout, problems)
        _check_extra_cells(row, layout)
        booth = _booth_from_row(row)
        if booth is not None:
            duplicates.check(row, "booth_id", booth.booth_id)
        if booth is not None and not row.bad:
            booths.append(booth)
            rows[booth.booth_id] = number
    problems.extend(overlap_problems(file_name, booths, rows))
    return ImportResult("booths", file_name, tuple(booths), tuple(problems), (), rows,
                        table.encoding, table.delimiter, table.sheet)


def _booth_from_row(row: _Row) -> Booth | None:
    """A booth from one row; None when its id is missing."""
    booth_id = row.text("booth_id", required=True)
    hall = row.text("hall", required=True)
    x = row.metres("x", None, positive=False)
    y = row.metres("y", None, positive=False)
    width = row.metres("width_m", DEFAULT_BOOTH_SIZE_M, positive=True)
    depth = row.metres("depth_m", DEFAULT_BOOTH_SIZE_M, positive=True)
    zone = row.text("zone") or None
    booth_type = row.choice("booth_type", BOOTH_TYPE_WORDS, BOOTH_TYPES, "standard")
    status = row.choice("status", STATUS_WORDS, BOOTH_STATUSES, "available")
    price = _price(row)
    if not booth_id:
        return None
    return Booth(booth_id, hall, x, y, width, depth, zone, booth_type, status, price)


def _price(row: _Row) -> int | None:
    """The booth's price in whole rupiah, or None when not given."""
    value = row.text("price_idr")
    if not value:
        return None
    amount = parse_rupiah(value)
    if amount is None:
        row.report(row.column("price_idr"), "not_rupiah", value=value)
        return None
    if amount < 0:
        row.report(row.column("price_idr"), "below_minimum", value=value, minimum=0)
    elif amount > MAX_PRICE_IDR:
        row.report(row.column("price_idr"), "above_maximum", value=value,
                   maximum=f"{MAX_PRICE_IDR:,}")
    return amount


def overlap_problems(file_name: str, booths: Sequence[Booth],
                     rows: Mapping[str, int]) -> list[Problem]:
    """One problem per pair of booths of one hall whose floor areas overlap."""
    found = []
    for first, second in overlapping_booths(booths):
        a, b = _booth_id(first), _booth_id(second)
        if rows.get(a, 0) > rows.get(b, 0):
            a, b = b, a
        hall = next(bt.hall for bt in booths if bt.booth_id == a)
        found.append(problem(file_name, rows.get(b), None, "booths_overlap", first=a, second=b,
                             first_row=rows.get(a, "?"), hall=hall))
    return found


def _booth_id(item: object) -> str:
    """A booth id from a Booth or an id (whatever the geometry helper returns)."""
    return item.booth_id if isinstance(item, Booth) else str(item)


def read_applicants(source: Path | bytes, file_name: str,
                    aliases: Mapping[str, str] | None = None,
                    resolve_region: Callable[[str], object] | None = None,
                    ) -> ImportResult[Applicant]:
    """Applicants from a CSV or .xlsx file, regions resolved (SPEC 1); never raises on bad input.

    ``resolve_region`` replaces SPEC 1's resolution (a gallery's members may name kecamatan):
    it returns a region or raises ``RegionError``.
    """
    problems: list[Problem] = []
    opened = _open(source, file_name, "applicants", APPLICANT_COLUMNS, problems)
    if opened is None:
        return ImportResult("applicants", file_name, problems=tuple(problems))
    table, layout = opened
    resolve = (_region_resolver(tuple(sorted((aliases or {}).items()))) if resolve_region is None
               else _caught(resolve_region))
    generate = "applicant_id" not in layout.mapping
    applicants: list[Applicant] = []
    unresolved: list[UnresolvedRegion] = []
    rows: dict[str, int] = {}
    duplicates = _Duplicates()
    for index, (number, cells) in enumerate(table.rows):
        row = _Row(table.where(index, file_name), number, cells, layout, problems)
        _check_extra_cells(row, layout)
        applicant = _applicant_from_row(row, resolve, unresolved, generate)
        if applicant is not None:
            duplicates.check(row, "applicant_id", applicant.applicant_id)
        if applicant is not None and not row.bad:
            applicants.append(applicant)
            rows[applicant.applicant_id] = number
    if generate and table.rows:
        problems.append(problem(file_name, table.header_row, None, "generated_ids", WARNING,
                                count=len(applicants)))
    return ImportResult("applicants", file_name, tuple(applicants), tuple(problems),
                        tuple(unresolved), rows, table.encoding, table.delimiter, table.sheet)


@lru_cache(maxsize=8)
def _region_resolver(aliases: tuple[tuple[str, str], ...]) -> Callable[[str], object]:
    """``regions.resolve`` with the event's aliases, remembering each text's answer."""
    from booth_planner.core.regions import RegionError, resolve

    alias_map = dict(aliases)

    @lru_cache(maxsize=4096)
    def resolve_text(text: str) -> object:
        try:
            return resolve(text, alias_map)
        except RegionError as error:  # returned, not raised, so the cache keeps failures too
            return error

    return resolve_text


def _caught(resolve_region: Callable[[str], object]) -> Callable[[str], object]:
    """``resolve_region`` returning its RegionError instead of raising it, answers remembered."""
    from booth_planner.core.regions import RegionError

    @lru_cache(maxsize=4096)
    def resolve_text(text: str) -> object:
        try:
            return resolve_region(text)
        except RegionError as error:
            return error

    return resolve_text


def generated_applicant_id(name: str, region_text: str) -> str:
    """A stable id for a list without ids: ``P-`` and 6 characters hashed from name and region.

    The same exhibitor gets the same id on every import of a list, whatever its row, so a list
    imported again (or grown) merges onto the applicants it made; the same name and region twice
    is reported as a duplicate.
    """
    key = f"{' '.join(name.split()).casefold()}|{' '.join(region_text.split()).casefold()}"
    return "P-" + hashlib.blake2b(key.encode("utf-8"), digest_size=4).hexdigest()[:6].upper()


def _applicant_from_row(row: _Row, resolve: Callable[[str], object],
                        unresolved: list[UnresolvedRegion],
                        generate: bool = False) -> Applicant | None:
    """An applicant from one row; None when its id is missing."""
    applicant_id = row.text("applicant_id", required=True)
    name = row.text("name", required=True)
    region_text = row.text("region", required=True)
    if generate and name and region_text:
        applicant_id = generated_applicant_id(name, region_text)
    category = row.text("category", required=True)
    product = row.text("product") or None
    requested = row.whole("booths_requested", 1, minimum=1, maximum=MAX_BOOTHS_REQUESTED)
    priority = row.whole("priority", 0, minimum=0, maximum=MAX_PRIORITY)
    locks = _locks(row.text("locked_booth_id"))
    if locks and not row.bad and len(locks) > requested:
        row.report(row.column("locked_booth_id"), "more_locks_than_requested", count=len(locks),
                   requested=requested, requested_column=row.column("booths_requested")
                   or "booths_requested")
    region_code = _region_code(row, region_text, applicant_id, resolve, unresolved)
    whatsapp, links = _profile(row)
    if not applicant_id:
        return None
    status = _status(row)
    if locks and status in WITHOUT_BOOTHS:
        row.report(row.column("locked_booth_id"), "lock_without_booths", status=status)
    return Applicant(applicant_id, name, region_code, category, product, requested, priority,
                     locks, whatsapp=whatsapp, links=links,
                     description=row.text("description") or None, status=status)


def _status(row: _Row) -> str | None:
    """The row's lifecycle status from an Indonesian or English word; None when empty."""
    value = row.text("status")
    try:
        return parse_status(value)
    except KeyError:
        row.report(row.column("status"), "bad_choice", value=value, choices=", ".join(STATUSES))
        return None


def _profile(row: _Row) -> tuple[str | None, tuple[str, ...]]:
    """The row's WhatsApp number (``62...``) and shop links; a bad one is reported."""
    whatsapp: str | None = None
    links: tuple[str, ...] = ()
    try:
        whatsapp = profile.normalise_whatsapp(row.text("whatsapp"))
    except profile.ProfileError as error:
        row.report(row.column("whatsapp"), error.code, value=error.value)
    try:
        links = profile.parse_links(row.text("links"))
    except profile.ProfileError as error:
        code = "link_not_https_near" if error.suggestion else error.code
        row.report(row.column("links"), code, value=error.value, closest=error.suggestion,
                   maximum=profile.MAX_LINKS)
    return whatsapp, links


def _locks(text: str) -> tuple[str, ...]:
    """Locked booth ids from ``A-01|A-02``, empty pieces and repeats dropped."""
    ids = (piece.strip() for piece in text.split(LOCK_SEPARATOR))
    return tuple(dict.fromkeys(i for i in ids if i))


def _region_code(row: _Row, text: str, applicant_id: str, resolve: Callable[[str], object],
                 unresolved: list[UnresolvedRegion]) -> str:
    """The code ``text`` resolves to; an unknown or ambiguous name is reported with candidates."""
    if not text:
        return ""
    answer = resolve(text)
    if not isinstance(answer, Exception):
        return answer.code  # type: ignore[attr-defined]
    candidates = tuple(getattr(answer, "candidates", ()))
    from booth_planner.core.regions import AmbiguousRegionError

    ambiguous = isinstance(answer, AmbiguousRegionError)
    named = "; ".join(describe_region(c) for c in candidates[:5]) or "-"
    row.report(row.column("region"), "region_ambiguous" if ambiguous else "region_unknown",
               value=text, candidates=named)
    unresolved.append(UnresolvedRegion(row.number, applicant_id, text, candidates, ambiguous))
    return ""


def describe_region(region: object) -> str:
    """'12.16 Kabupaten Humbang Hasundutan' for a candidate region."""
    code, name = getattr(region, "code", None), getattr(region, "name", None)
    return f"{code} {name}" if code and name else str(region)


# --- between the two files ----------------------------------------------------------------------


def _items_and_rows(items: ImportResult[T] | Iterable[T]
                    ) -> tuple[tuple[T, ...], Mapping[str, int]]:
    """Items and their row numbers, from an ImportResult or a plain sequence."""
    if isinstance(items, ImportResult):
        return items.items, items.rows
    return tuple(items), {}


def cross_check(booths: ImportResult[Booth] | Iterable[Booth],
                applicants: ImportResult[Applicant] | Iterable[Applicant],
                booths_file: str = "booths.csv",
                applicants_file: str = "applicants.csv") -> list[Problem]:
    """Problems between booths and applicants: impossible locks, zones no category matches.

    Pass the ImportResults (not just their items) to get row numbers in the problems.
    """
    booth_list, booth_rows = _items_and_rows(booths)
    applicant_list, applicant_rows = _items_and_rows(applicants)
    found = _lock_problems(booth_list, applicant_list, applicant_rows, applicants_file)
    if applicant_list:
        found.extend(_zone_warnings(booth_list, applicant_list, booth_rows, booths_file))
    return found


def _lock_problems(booths: Sequence[Booth], applicants: Sequence[Applicant],
                   rows: Mapping[str, int], file_name: str) -> list[Problem]:
    """Locks on missing, blocked or wrongly zoned booths, or one booth locked twice (SPEC 3.4)."""
    by_id = {b.booth_id: b for b in booths}
    by_key = {normalise_id(b.booth_id): b.booth_id for b in booths}
    neighbours = None
    locked_by: dict[str, Applicant] = {}
    found = []
    column = "locked_booth_id"
    for applicant in applicants:
        row = rows.get(applicant.applicant_id)
        halls = set()
        for booth_id in applicant.locked_booth_ids:
            booth = by_id.get(booth_id)
            if booth is None:
                near = by_key.get(normalise_id(booth_id))
                found.append(problem(file_name, row, column,
                                     "lock_unknown_booth_near" if near else "lock_unknown_booth",
                                     applicant=applicant.applicant_id, booth=booth_id,
                                     closest=near or ""))
                continue
            halls.add(booth.hall)
            if booth.is_blocked:
                found.append(problem(file_name, row, column, "lock_blocked_booth",
                                     applicant=applicant.applicant_id, booth=booth_id))
            elif not booth.accepts(applicant.category):
                found.append(problem(file_name, row, column, "lock_zone_mismatch",
                                     applicant=applicant.applicant_id, booth=booth_id,
                                     zone=booth.zone, category=applicant.category))
            holder = locked_by.setdefault(booth_id, applicant)
            if holder is not applicant:
                found.append(problem(file_name, row, column, "lock_taken_twice",
                                     booth=booth_id, first=holder.applicant_id,
                                     first_row=rows.get(holder.applicant_id, "?"),
                                     second=applicant.applicant_id))
        if len(halls) > 1:
            found.append(problem(file_name, row, column, "lock_several_halls",
                                 applicant=applicant.applicant_id, halls=", ".join(sorted(halls))))
        present = [b for b in applicant.locked_booth_ids if b in by_id]
        if len(halls) == 1 and len(present) > 1:
            if neighbours is None:  # built once, and only when some applicant locks a group
                neighbours = adjacency(booths)
            if not is_connected(present, neighbours):
                found.append(problem(file_name, row, column, "lock_not_adjacent",
                                     applicant=applicant.applicant_id, booths=", ".join(present)))
        if len(applicant.locked_booth_ids) > applicant.booths_requested:
            found.append(problem(file_name, row, column, "more_locks_than_requested",
                                 count=len(applicant.locked_booth_ids),
                                 requested=applicant.booths_requested,
                                 requested_column="booths_requested"))
    return found


def _zone_warnings(booths: Sequence[Booth], applicants: Sequence[Applicant],
                   rows: Mapping[str, int], file_name: str) -> list[Problem]:
    """A warning per zone that no applicant's category matches: its booths would stay empty."""
    categories = {a.category.strip().casefold() for a in applicants}
    zones: dict[str, list[Booth]] = {}
    for booth in booths:
        if booth.zone and booth.zone.strip().casefold() not in categories:
            zones.setdefault(booth.zone.strip(), []).append(booth)
    known = sorted({a.category.strip() for a in applicants}, key=str.casefold)
    found = []
    for zone, zoned in zones.items():
        ids = [b.booth_id for b in zoned]
        shown = ", ".join(ids[:5]) + (f" (+{len(ids) - 5})" if len(ids) > 5 else "")
        found.append(problem(file_name, rows.get(ids[0]), None, "zone_without_applicants",
                             WARNING, zone=zone, booths=shown,
                             categories=", ".join(known[:10])))
    return found


# --- for the package's other readers (the registry file) -----------------------------------------
# One row machinery for every file kind: the same cells, limits, problems and duplicate checks.
Row = _Row
Duplicates = _Duplicates
open_file = _open
check_extra_cells = _check_extra_cells
