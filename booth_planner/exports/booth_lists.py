"""Booth-list exports: the SPEC section 2 tables, CSV, Excel, per-province zip and printable lists.

Order: rows go by hall, then booth_id, both in *natural* order (``A-2`` before ``A-10``,
case ignored), so the printed list follows the numbers painted on the floor. Ties in natural
order (``A-02`` and ``A-2``) fall back to plain text order, so the order is always the same.

Formula injection: CSV text cells go through ``formula_guard.neutralise`` (leading apostrophe);
the importer undoes it with ``formula_guard.restore``. Excel cells are written as typed string
cells with Excel's own "quote prefix" style where they start like a formula, so the stored value
is unchanged and Excel never evaluates it. Numbers are always written as numbers.
"""

from __future__ import annotations

import csv
import html
import io
import math
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import lru_cache
from numbers import Number

import numpy as np
import pandas as pd

from booth_planner.core import regions
from booth_planner.core.formula_guard import needs_guard, neutralise
from booth_planner.core.i18n import format_date_range, t
from booth_planner.core.model import EventInfo, EventState, Unplaced
from booth_planner.core.text import natural_key, slug
from booth_planner.coverage import province_coverage
from booth_planner.occupancy import hall_counts

ASSIGNMENT_COLUMNS = (
    "booth_id", "hall", "zone", "booth_type", "status", "applicant_id", "name", "region_code",
    "region_name", "province_code", "province_name", "category", "product", "locked",
)
# Extra columns after the SPEC ones (allowed by SPEC 2) so the booth list re-imports as booths.csv.
GEOMETRY_COLUMNS = ("x", "y", "width_m", "depth_m", "price_idr")
UNPLACED_COLUMNS = (
    "applicant_id", "name", "region_code", "region_name", "category", "booths_requested",
    "reason_code", "reason",
)
DELIMITERS = (",", ";")
_APPLICANT_COLUMNS = ASSIGNMENT_COLUMNS[5:]


@lru_cache(maxsize=4096)
def region_labels(code: str) -> tuple[str, str, str]:
    """``(region_name, province_code, province_name)`` for a region code; blanks if unknown."""
    try:
        region = regions.region(code)
        province = region if region.is_province else regions.province_of(code)
    except (KeyError, LookupError, ValueError):
        return "", "", ""
    return region.name, province.code, province.name


def assignments_table(state: EventState, *, geometry: bool = False) -> pd.DataFrame:
    """The booth list of SPEC 2 (one row per booth); ``geometry`` appends x, y, size and price."""
    applicants = state.applicant_by_id()
    assignments = state.assignment_by_booth()
    rows = []
    for booth in sorted(state.booths, key=lambda b: (natural_key(b.hall), natural_key(b.booth_id))):
        row: dict[str, object] = {
            "booth_id": booth.booth_id, "hall": booth.hall, "zone": booth.zone or None,
            "booth_type": booth.booth_type, "status": booth.status,
        }
        row.update(dict.fromkeys(_APPLICANT_COLUMNS))
        assignment = assignments.get(booth.booth_id)
        applicant = applicants.get(assignment.applicant_id) if assignment else None
        if assignment and applicant:
            region_name, province_code, province_name = region_labels(applicant.region_code)
            row.update(
                applicant_id=applicant.applicant_id, name=applicant.name,
                region_code=applicant.region_code, region_name=region_name or None,
                province_code=province_code or None, province_name=province_name or None,
                category=applicant.category, product=applicant.product or None,
                locked=assignment.locked,
            )
        if geometry:
            row.update(x=booth.x, y=booth.y, width_m=booth.width_m, depth_m=booth.depth_m,
                       price_idr=booth.price_idr)
        rows.append(row)
    columns = ASSIGNMENT_COLUMNS + (GEOMETRY_COLUMNS if geometry else ())
    table = pd.DataFrame(rows, columns=list(columns))
    table["locked"] = table["locked"].astype("boolean")
    if geometry:
        table["price_idr"] = table["price_idr"].astype("Int64")
    return table


def unplaced_table(state: EventState, unplaced: Sequence[Unplaced]) -> pd.DataFrame:
    """The unplaced list of SPEC 2, in the order given."""
    applicants = state.applicant_by_id()
    rows = []
    for item in unplaced:
        applicant = applicants[item.applicant_id]
        rows.append({
            "applicant_id": applicant.applicant_id, "name": applicant.name,
            "region_code": applicant.region_code,
            "region_name": region_labels(applicant.region_code)[0] or None,
            "category": applicant.category, "booths_requested": applicant.booths_requested,
            "reason_code": item.reason_code, "reason": item.reason,
        })
    table = pd.DataFrame(rows, columns=list(UNPLACED_COLUMNS))
    table["booths_requested"] = table["booths_requested"].astype("Int64")
    return table


def shown_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A list as the page shows it: column names in words, nothing shown as ``None``."""
    shown = table.astype(object).where(table.notna(), "")
    return shown.rename(columns=lambda c: t("export.col." + c, lang))


def occupancy(status: str, applicant_id: object) -> str:
    """What a person wants to know of a booth: ``assigned``, ``blocked`` or ``free``."""
    if status == "blocked":
        return "blocked"
    return "free" if applicant_id is None or pd.isna(applicant_id) else "assigned"


def readable_booth_table(state: EventState, lang: str = "id") -> pd.DataFrame:
    """The booth list for people: status says assigned/blocked/free, types and yes/no in words.

    Same columns as the SPEC list with geometry (column names stay the SPEC ones, translate them
    with ``export.col.*``); the SPEC list itself stays the machine contract.
    """
    table = assignments_table(state, geometry=True)
    table["status"] = [t("export.occupancy." + occupancy(s, a), lang)
                       for s, a in zip(table["status"], table["applicant_id"], strict=True)]
    table["booth_type"] = [t("export.booth_type." + v, lang) for v in table["booth_type"]]
    table["locked"] = [None if pd.isna(v) else t("export.yes" if v else "export.no", lang)
                       for v in table["locked"]]
    return table.astype({"locked": object})


def _csv_cell(value: object) -> str:
    """One value as CSV text: text neutralised, booleans ``true``/``false``, whole floats as ints."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, Number):
        number = float(value)  # type: ignore[arg-type]
        if math.isnan(number):
            return ""
        return str(int(number)) if number.is_integer() else repr(number)
    return neutralise(str(value))


def csv_rows_bytes(header: Iterable[str], rows: Iterable[Iterable[object]], delimiter: str,
                   cell: Callable[[object], str] | None = None) -> bytes:
    """CSV in UTF-8 with BOM and CRLF line ends, every cell written by ``cell`` (``_csv_cell``)."""
    cell = cell or _csv_cell
    if delimiter not in DELIMITERS:
        raise ValueError(f"delimiter must be one of {DELIMITERS!r}, not {delimiter!r}")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([cell(name) for name in header])
    writer.writerows([cell(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def csv_bytes(df: pd.DataFrame, delimiter: str = ",") -> bytes:
    """``df`` as CSV (UTF-8 with BOM, ``,`` or ``;``) with formula-like text neutralised."""
    return csv_rows_bytes(df.columns, df.itertuples(index=False, name=None), delimiter)


# --- file names -------------------------------------------------------------------------------

def export_file_name(kind: str, event: EventInfo | str, day: date, ext: str,
                     lang: str = "id", part: str | None = None) -> str:
    """``<kind word>_<event slug>[_<part>]_<YYYY-MM-DD>.<ext>``: ``stand_pon-xxi-2024_2026-11-22.csv``."""
    words = [t("export.file." + kind, lang), slug(event.slug if isinstance(event, EventInfo) else event)]
    if part:
        words.append(slug(part))
    return f"{'_'.join(words)}_{day.isoformat()}.{ext.lstrip('.')}"


# --- per-province lists -----------------------------------------------------------------------

def province_tables(state: EventState) -> dict[str, pd.DataFrame]:
    """Assigned booths per province code (booth-list columns), provinces in code order."""
    table = assignments_table(state)
    assigned = table[table["applicant_id"].notna()]
    return {
        code: group.reset_index(drop=True)
        for code, group in sorted(assigned.groupby("province_code", sort=False),
                                  key=lambda item: natural_key(str(item[0])))
    }


def province_lists_zip(state: EventState, delimiter: str = ",", lang: str = "id") -> bytes:
    """A zip with one booth-list CSV per province, to send to each province's Dekranasda."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for code, table in province_tables(state).items():
            name = slug(str(table["province_name"].iloc[0]))
            file_name = f"{t('export.file.assignments', lang)}_{code}_{name}.csv"
            archive.writestr(file_name, csv_bytes(table, delimiter))
    return buffer.getvalue()


# --- Excel ------------------------------------------------------------------------------------

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _sheet_names(halls: Iterable[str], taken: set[str]) -> dict[str, str]:
    """A valid, unique Excel sheet name (31 characters, no ``[]:*?/\\``) per hall."""
    names: dict[str, str] = {}
    used = {name.casefold() for name in taken}
    for hall in halls:
        # A sheet's name is a label: tabs and line breaks in the hall's name become one space.
        base = _SHEET_FORBIDDEN.sub("_", " ".join(hall.split())).strip("'")[:31] or "Hall"
        name, n = base, 2
        while name.casefold() in used:
            suffix = f" ({n})"
            name, n = base[: 31 - len(suffix)] + suffix, n + 1
        used.add(name.casefold())
        names[hall] = name
    return names


def _write_table(sheet, table: pd.DataFrame, headers: Sequence[str], formats: dict,
                 first_row: int = 0, freeze: bool = True, min_widths: Sequence[int] = ()) -> list[int]:
    """Write ``table`` under ``headers``: typed cells, widths fitted, header frozen, filter on.

    Returns the column widths used, so a second table on the sheet can keep them as minimums.
    """
    widths = [max([len(h), *min_widths[i:i + 1]]) for i, h in enumerate(headers)]
    for col, header in enumerate(headers):
        sheet.write_string(first_row, col, header, formats["header"])
    for row_no, row in enumerate(table.itertuples(index=False, name=None), start=first_row + 1):
        for col, value in enumerate(row):
            if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
                continue
            if isinstance(value, str):
                # Stored unchanged; Excel's quote prefix keeps it text even after editing.
                guard = formats["quoted"] if needs_guard(value) else None
                sheet.write_string(row_no, col, value, guard)
                widths[col] = max(widths[col], len(value))
            elif isinstance(value, bool | np.bool_):
                sheet.write_boolean(row_no, col, bool(value))
                widths[col] = max(widths[col], 5)
            else:
                sheet.write_number(row_no, col, float(value))
                widths[col] = max(widths[col], len(str(value)))
    for col, width in enumerate(widths):
        sheet.set_column(col, col, min(width, 48) + 2)
    if freeze:
        sheet.freeze_panes(first_row + 1, 0)
        if headers:
            sheet.autofilter(first_row, 0, first_row + max(len(table), 1), len(headers) - 1)
    return widths


def _write_province_summary(sheet, state: EventState, lang: str, formats: dict, first_row: int,
                            min_widths: Sequence[int]) -> None:
    """Per province: applicants, those placed, booths, and kabupaten/kota represented."""
    provinces = province_coverage(state)
    if provinces.empty:
        return
    table = provinces[["province_name", "applicants", "applicants_placed", "booths",
                       "represented", "kabkota_total"]]
    headers = [t(f"coverage.col.{c}", lang) for c in table.columns]
    sheet.write_string(first_row - 1, 0, t("export.sheet.provinces", lang), formats["bold"])
    _write_table(sheet, table, headers, formats, first_row=first_row, freeze=False,
                 min_widths=min_widths)


def _workbook_formats(workbook) -> dict:  # noqa: ANN001 - an xlsxwriter Workbook
    """The cell formats every exported workbook uses: header, text kept as text, titles."""
    return {
        "header": workbook.add_format({"bold": True, "bg_color": "#DDE7F0", "border": 1}),
        "quoted": workbook.add_format({"quote_prefix": True}),
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        "bold": workbook.add_format({"bold": True}),
    }


def excel_bytes(state: EventState, lang: str = "id") -> bytes:
    """A workbook: a summary sheet, then one sheet per hall with its booth list."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    formats = _workbook_formats(workbook)
    summary_name = t("export.sheet.summary", lang)[:31]
    summary = workbook.add_worksheet(summary_name)
    summary.write_string(0, 0, state.event.name, formats["title"])
    summary.write_string(1, 0, ", ".join(p for p in (state.event.venue, state.event.city) if p))
    summary.write_string(2, 0, format_date_range(state.event.start_date, state.event.end_date, lang))
    counts = hall_counts(state)
    count_headers = [t(k, lang) for k in ("col.hall", "col.booths", "col.assigned", "col.free",
                                          "col.blocked")]
    totals = pd.DataFrame([{"hall": t("export.total", lang),
                            **counts.drop(columns="hall").sum().to_dict()}])
    table = pd.concat([counts, totals], ignore_index=True) if len(counts) else counts
    # The title block stays above the frozen header row of the hall counts.
    widths = _write_table(summary, table, count_headers, formats, first_row=4,
                          min_widths=[34])
    _write_province_summary(summary, state, lang, formats, first_row=4 + len(table) + 3,
                            min_widths=widths)

    booth_list = readable_booth_table(state, lang)
    headers = [t("export.col." + c, lang) for c in booth_list.columns]
    sheet_names = _sheet_names(counts["hall"], {summary_name})
    for hall, sheet_name in sheet_names.items():
        sheet = workbook.add_worksheet(sheet_name)
        _write_table(sheet, booth_list[booth_list["hall"] == hall], headers, formats)
        sheet.set_landscape()
        sheet.repeat_rows(0)
    workbook.close()
    return buffer.getvalue()


# --- printable hall list ----------------------------------------------------------------------

_PRINT_CSS = """
body { font-family: system-ui, sans-serif; margin: 1.5cm; color: #111; }
h1 { font-size: 1.4em; margin: 0; } p.meta { margin: .2em 0 1em; color: #444; }
table { border-collapse: collapse; width: 100%; font-size: 10.5pt; }
th, td { border: 1px solid #999; padding: 3px 6px; text-align: left; vertical-align: top; }
thead th { background: #e8eef4; } tr { page-break-inside: avoid; }
thead { display: table-header-group; }
@page { size: A4 landscape; margin: 1cm; } @media print { body { margin: 0; } }
"""
_PRINT_COLUMNS = ("booth_id", "booth_type", "status", "name", "region_name", "province_name",
                  "category", "product")


def printable_hall_list_html(state: EventState, hall: str, lang: str = "id") -> bytes:
    """A self-contained HTML page listing one hall's booths and exhibitors, ready to print."""
    table = readable_booth_table(state, lang)
    table = table[table["hall"] == hall]
    head = "".join(f"<th>{html.escape(t('export.col.' + c, lang))}</th>" for c in _PRINT_COLUMNS)
    body = []
    for row in table[list(_PRINT_COLUMNS)].itertuples(index=False, name=None):
        cells = ["<td>" + html.escape("" if value is None or pd.isna(value) else str(value))
                 + "</td>" for value in row]
        body.append("<tr>" + "".join(cells) + "</tr>")
    event = state.event
    title = f"{event.name}: {hall}"
    meta = " · ".join(p for p in (
        ", ".join(x for x in (event.venue, event.city) if x),
        format_date_range(event.start_date, event.end_date, lang),
        t("export.print.booth_count", lang, count=len(table)),
    ) if p)
    page = (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_PRINT_CSS}</style></head><body>"
        f"<h1>{html.escape(title)}</h1><p class=\"meta\">{html.escape(meta)}</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        "</body></html>\n"
    )
    return page.encode("utf-8")


# --- floor plan -------------------------------------------------------------------------------

def floor_plan_available() -> bool:
    """True when the floor-plan chart module is there to draw from."""
    try:
        from booth_planner.charts.floor_plan import floor_plan_figure  # noqa: F401
    except ImportError:
        return False
    return True


def floor_plan_html(state: EventState, hall: str, lang: str = "id") -> bytes:
    """One hall's floor plan as a standalone HTML page with plotly.js inside: it opens offline.

    Its toolbar's camera button saves a PNG named after the event and hall.
    """
    from booth_planner.charts.floor_plan import floor_plan_figure

    figure = floor_plan_figure(state, hall, color_by="province", lang=lang)
    # Offline the page is all there is: it says which event and hall it shows (hovering a
    # booth names its exhibitor, see charts.floorplan.hover_text).
    dates = format_date_range(state.event.start_date, state.event.end_date, lang)
    figure.update_layout(
        title=dict(text=html.escape(" · ".join(filter(None, [state.event.name, hall, dates]))),
                   x=0, xanchor="left", font=dict(size=18)),
        margin=dict(t=60))
    png_name = f"{t('export.file.floor_plan', lang)}_{slug(state.event.slug)}_{slug(hall)}"
    config = {"displaylogo": False,
              "toImageButtonOptions": {"format": "png", "filename": png_name, "scale": 2}}
    page = figure.to_html(include_plotlyjs=True, full_html=True, config=config,
                          default_width="100%", default_height="90vh")
    title = html.escape(f"{state.event.name}: {hall}")
    return page.replace("<head>", f"<head><title>{title}</title>", 1).encode()


def frame_excel_bytes(table: pd.DataFrame, sheet_name: str) -> bytes:
    """One table as a one-sheet workbook: header bold and frozen, text kept as text."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    formats = _workbook_formats(workbook)
    sheet = workbook.add_worksheet(sheet_name[:31] or "Sheet1")
    _write_table(sheet, table, list(table.columns), formats)
    workbook.close()
    return buffer.getvalue()
