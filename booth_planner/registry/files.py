"""The registry and its coverage as files: CSV and Excel of the entries (in the import's own
columns, so an export reads back unchanged), and the per-province coverage report in Excel."""

from __future__ import annotations

import io
from collections.abc import Sequence

import numpy as np
import pandas as pd

from booth_planner.core import districts, regions
from booth_planner.core.formula_guard import needs_guard
from booth_planner.core.i18n import t
from booth_planner.core.model import EventState
from booth_planner.exports.booth_lists import csv_bytes
from booth_planner.importing.registry import REGISTRY_COLUMNS, sources_text
from booth_planner.registry.coverage import registry_coverage, registry_status
from booth_planner.registry.entries import Entry

ENTRY_FIELDS = tuple(c.field for c in REGISTRY_COLUMNS)


def region_text(code: str) -> str:
    """A region as the importer reads it back: ``Kabupaten Toba``; a kecamatan with its kota."""
    if districts.is_district_code(code):
        return f"Kecamatan {districts.district(code).name}, {districts.regency_of(code).name}"
    return regions.region(code).name


def entries_table(entries: Sequence[Entry], lang: str = "id") -> pd.DataFrame:
    """One row per entry under the import file's column names in ``lang``."""
    rows = []
    for e in entries:
        values = {
            "region": region_text(e.region_code), "name": e.name, "category": e.category,
            "description": e.description, "raw_material": e.raw_material,
            "producers": e.producers, "ig_number": e.marks.ig_number or "",
            "ovop_stars": e.marks.ovop_stars, "halal": t(
                "registry.word.yes" if e.marks.halal else "registry.word.no", lang),
            "permit": e.marks.permit or "", "source": sources_text(e.sources), "source_date": "",
        }
        rows.append([values[f] for f in ENTRY_FIELDS])
    return pd.DataFrame(rows, columns=[c.label(lang) for c in REGISTRY_COLUMNS]).astype(
        {REGISTRY_COLUMNS[ENTRY_FIELDS.index("ovop_stars")].label(lang): "Int64"})


def entries_csv(entries: Sequence[Entry], lang: str = "id", delimiter: str = ",") -> bytes:
    """The registry as CSV (UTF-8 with BOM), formula-like text neutralised."""
    return csv_bytes(entries_table(entries, lang), delimiter)


def entries_xlsx(entries: Sequence[Entry], lang: str = "id") -> bytes:
    """The registry as an .xlsx workbook of one sheet."""
    return workbook_bytes({t("registry.sheet.entries", lang): entries_table(entries, lang)})


REPORT_REGION_COLUMNS = ("code", "name", "status", "registry", "registered_products",
                         "products_on_show")


def coverage_report_xlsx(state: EventState, entries: Sequence[Entry], lang: str = "id") -> bytes:
    """The per-province report: a summary sheet, then one sheet per province's kabupaten/kota."""
    summary = registry_coverage(state, entries)
    status = registry_status(state, entries)
    sheets = {t("registry.sheet.summary", lang): summary.rename(
        columns={c: t(f"registry.col.{c}", lang) for c in summary.columns})}
    for code, group in status.groupby("province_code", sort=True):
        table = group[list(REPORT_REGION_COLUMNS)].assign(
            status=group["status"].map(lambda k: t(f"coverage.status.{k}", lang)),
            registry=group["registry"].map(lambda k: t(f"registry.state.{k}", lang)))
        name = f"{code} {group['province_name'].iloc[0]}"[:31]
        sheets[name] = table.rename(columns={c: t(f"registry.col.{c}", lang) for c in table})
    return workbook_bytes(sheets)


def workbook_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """Tables as sheets: bold frozen header, filters, widths fitted, formula-like text kept text."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    header = book.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1})
    quoted = book.add_format({"quote_prefix": True})
    for name, table in sheets.items():
        sheet = book.add_worksheet(name)
        widths = [len(str(c)) for c in table.columns]
        for col, title in enumerate(table.columns):
            sheet.write_string(0, col, str(title), header)
        for row_no, row in enumerate(table.itertuples(index=False, name=None), start=1):
            for col, value in enumerate(row):
                if value is None or value is pd.NA or (isinstance(value, float) and value != value):
                    continue
                if isinstance(value, str):
                    sheet.write_string(row_no, col, value, quoted if needs_guard(value) else None)
                    widths[col] = max(widths[col], len(value))
                elif isinstance(value, bool | np.bool_):
                    sheet.write_boolean(row_no, col, bool(value))
                else:
                    sheet.write_number(row_no, col, float(value))
                    widths[col] = max(widths[col], len(str(value)))
        for col, width in enumerate(widths):
            sheet.set_column(col, col, min(width, 48) + 2)
        sheet.freeze_panes(1, 0)
        if len(table.columns):
            sheet.autofilter(0, 0, max(len(table), 1), len(table.columns) - 1)
    book.close()
    return out.getvalue()
