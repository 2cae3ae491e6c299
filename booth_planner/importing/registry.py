"""Reading a produk unggulan registry file: the same forgiving reader, its own columns.

One row is one entry: its kabupaten/kota or kecamatan (resolved as applicants' regions are,
kecamatan written ``Kecamatan Medan Kota, Kota Medan`` or by code), the product and its facts,
its marks and its source. Problems carry file, row and column like every other import.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from booth_planner.core.districts import resolve_member_region
from booth_planner.core.regions import AmbiguousRegionError, RegionError
from booth_planner.importing.problems import Problem
from booth_planner.importing.readers import (
    MAX_NAME_LENGTH,
    Column,
    ImportResult,
    Row,
    check_extra_cells,
    describe_region,
    open_file,
    parse_whole,
)
from booth_planner.registry.entries import (
    MAX_OVOP_STARS,
    MIN_OVOP_STARS,
    Entry,
    Marks,
    RegistryError,
    Source,
    merge_into_registered,
    normalise_ig_number,
    product_key,
)

KIND = "registry"
REGISTRY_COLUMNS = (
    Column("region", "region", "wilayah", required=True),
    Column("name", "product", "produk", required=True),
    Column("category", "category", "kategori", max_length=MAX_NAME_LENGTH),
    Column("description", "description", "deskripsi", max_length=2000),
    Column("raw_material", "raw_material", "bahan_baku"),
    Column("producers", "producers", "produsen_sentra", max_length=2000),
    Column("ig_number", "ig_number", "nomor_ig"),
    Column("ovop_stars", "ovop_stars", "bintang_ovop"),
    Column("halal", "halal", "halal"),
    Column("permit", "pirt_bpom", "pirt_bpom", max_length=100),
    Column("source", "source", "sumber"),
    Column("source_date", "source_date", "tanggal_sumber"),
)
YES_WORDS = frozenset({"ya", "yes", "y", "true", "1", "halal", "ada", "sudah", "benar"})
NO_WORDS = frozenset({"tidak", "no", "n", "false", "0", "belum", "-", "tidak ada", "bukan"})
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")


def parse_date(text: str) -> date | None:
    """``2024-01-15``, ``15/01/2024`` or ``15-1-2024`` (day first, as Indonesians write it)."""
    value = text.strip()
    if match := _ISO_DATE.fullmatch(value):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DAY_FIRST.fullmatch(value):
        day, month, year = (int(g) for g in match.groups())
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def read_registry(source: Path | bytes, file_name: str) -> ImportResult[Entry]:
    """Registry entries from a CSV or .xlsx file, with every problem found; never raises."""
    problems: list[Problem] = []
    opened = open_file(source, file_name, KIND, REGISTRY_COLUMNS, problems)
    if opened is None:
        return ImportResult(KIND, file_name, problems=tuple(problems))
    table, layout = opened
    entries: list[Entry] = []
    rows: dict[str, int] = {}
    first_row: dict[tuple[str, str], int] = {}
    for number, cells in table.rows:
        row = Row(file_name, number, cells, layout, problems)
        check_extra_cells(row, layout)
        entry = _entry_from_row(row, file_name)
        if entry is not None and entry.region_code:
            if entry.key in first_row:
                # One entry per region and product: two rows of one product are one mistake.
                row.report(row.column("name"), "registry_duplicate_row", name=entry.name,
                           region=entry.region_code, first=first_row[entry.key])
            else:
                first_row[entry.key] = number
        if entry is not None and not row.bad:
            entries.append(entry)
            rows[f"{entry.region_code} {product_key(entry.name)}"] = number
    return ImportResult(KIND, file_name, tuple(entries), tuple(problems), (), rows,
                        table.encoding, table.delimiter, table.sheet)


def _entry_from_row(row: Row, file_name: str) -> Entry | None:
    """One entry from one row; None when it names no product."""
    region_code = _region(row)
    name = row.text("name", required=True)
    marks = Marks(_ig_number(row), _stars(row), _halal(row), row.text("permit") or None)
    day_text = row.text("source_date")
    day = parse_date(day_text) if day_text else None
    if day_text and day is None:
        row.report(row.column("source_date"), "registry_bad_date", value=day_text)
    sources = parse_sources(row.text("source"), day) or (Source(file_name, day),)
    if not name:
        return None
    return Entry(region_code, " ".join(name.split()), row.text("category").casefold(),
                 row.text("description"), row.text("raw_material"), row.text("producers"),
                 marks, sources)


SOURCE_SEPARATOR = "|"
_DATED_SOURCE = re.compile(r"(?P<name>.*?)\s*\((?P<date>\d{4}-\d{2}-\d{2})\)")


def parse_sources(text: str, day: date | None) -> tuple[Source, ...]:
    """``SK Bupati (2023-05-02) | Surat Dekranasda``: sources, ``day`` for the undated ones."""
    found = []
    for part in text.split(SOURCE_SEPARATOR):
        part = part.strip()
        match = _DATED_SOURCE.fullmatch(part)
        if match and parse_date(match["date"]):
            found.append(Source(match["name"], parse_date(match["date"])))
        elif part:
            found.append(Source(part, day))
    return tuple(found)


def sources_text(sources: Sequence[Source]) -> str:
    """Sources as one cell, the way ``parse_sources`` reads them back."""
    return f" {SOURCE_SEPARATOR} ".join(f"{s.name} ({s.date.isoformat()})" if s.date else s.name
                                        for s in sources)


def _region(row: Row) -> str:
    """The row's kabupaten/kota or kecamatan code; a province or an unknown name is reported."""
    text = row.text("region", required=True)
    if not text:
        return ""
    try:
        region = resolve_member_region(text)
    except RegionError as error:
        named = "; ".join(describe_region(c) for c in error.candidates[:5]) or "-"
        code = "region_ambiguous" if isinstance(error, AmbiguousRegionError) \
            else "region_unknown"
        row.report(row.column("region"), code, value=text, candidates=named)
        return ""
    if region.type == "provinsi":
        row.report(row.column("region"), "registry_province_region", value=region.name)
        return ""
    return region.code


def _ig_number(row: Row) -> str | None:
    """The Indikasi Geografis number written one way; a malformed one is reported."""
    try:
        return normalise_ig_number(row.text("ig_number"))
    except RegistryError as error:
        row.report(row.column("ig_number"), error.code, **error.params)
        return None


def _stars(row: Row) -> int | None:
    """OVOP stars 1-5, or None for an empty cell."""
    text = row.text("ovop_stars")
    if not text:
        return None
    stars = parse_whole(text.replace("*", "").replace("★", "").strip() or text)
    if stars is None or not MIN_OVOP_STARS <= stars <= MAX_OVOP_STARS:
        row.report(row.column("ovop_stars"), "registry_bad_ovop", value=text)
        return None
    return stars


def _halal(row: Row) -> bool:
    """True for ``ya``/``yes``/``halal``..., False for empty or ``tidak``/``no``."""
    text = " ".join(row.text("halal").casefold().split())
    if not text or text in NO_WORDS:
        return False
    if text in YES_WORDS:
        return True
    row.report(row.column("halal"), "bad_choice", value=text, choices="ya, tidak (yes, no)")
    return False


@dataclass(frozen=True)
class RegistryPreview:
    """What importing a file would do to the registry."""

    added: tuple[Entry, ...]
    merged: tuple[tuple[Entry, Entry], ...]  # (stored, after the merge)
    unchanged: tuple[Entry, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """True when nothing stops the import."""
        return not any(p.is_error for p in self.problems)


def preview_registry(current: Sequence[Entry], result: ImportResult[Entry]) -> RegistryPreview:
    """New entries, entries the file merges into (the file's texts first), unchanged ones."""
    by_key = {e.key: e for e in current}
    added, merged, unchanged = [], [], []
    for entry in result.items:
        old = by_key.get(entry.key)
        if old is None:
            added.append(entry)
            continue
        after = merge_into_registered(entry, old)
        if after == old:
            unchanged.append(old)
        else:
            merged.append((old, after))
    return RegistryPreview(tuple(added), tuple(merged), tuple(unchanged), result.problems)
