"""Downloadable import templates (SPEC section 2): booths and applicants, CSV or .xlsx, id or en.

Indonesian templates use the Indonesian column names and words (``standar``, ``tersedia``);
both read back through the importer without a single problem, which the tests hold them to.
"""

from __future__ import annotations

import csv
import io

from booth_planner.importing.readers import APPLICANT_COLUMNS, BOOTH_COLUMNS, Column
from booth_planner.importing.registry import REGISTRY_COLUMNS

KINDS = ("booths", "applicants", "registry")
FORMATS = ("csv", "xlsx")

# Example rows by field; values that differ by language are (id, en) pairs.
_BOOTH_EXAMPLES = (
    {"booth_id": "A-01", "hall": "Hall A", "x": 0, "y": 0, "width_m": 3, "depth_m": 3,
     "zone": "tenun", "booth_type": ("sudut", "corner"), "status": ("tersedia", "available"),
     "price_idr": 3_000_000},
    {"booth_id": "A-02", "hall": "Hall A", "x": 3, "y": 0, "width_m": 3, "depth_m": 3,
     "zone": "tenun", "booth_type": ("standar", "standard"),
     "status": ("tersedia", "available"), "price_idr": 2_500_000},
    {"booth_id": "A-03", "hall": "Hall A", "x": 6, "y": 0, "width_m": 3, "depth_m": 3,
     "zone": "", "booth_type": ("standar", "standard"), "status": ("tersedia", "available"),
     "price_idr": 2_500_000},
    {"booth_id": "A-04", "hall": "Hall A", "x": 9, "y": 0, "width_m": 2.5, "depth_m": 3,
     "zone": "", "booth_type": ("standar", "standard"), "status": ("diblokir", "blocked"),
     "price_idr": ""},
    {"booth_id": "L-01", "hall": "Halaman", "x": 0, "y": 0, "width_m": 4, "depth_m": 4,
     "zone": "kuliner", "booth_type": ("luar ruang", "outdoor"),
     "status": ("tersedia", "available"), "price_idr": 1_500_000},
)
_APPLICANT_EXAMPLES = (
    {"applicant_id": "P-001", "name": "Dekranasda Kabupaten Toba", "region": "Kabupaten Toba",
     "category": "tenun", "product": "Ulos Harungguan", "booths_requested": 2, "priority": 1,
     "locked_booth_id": "A-01|A-02", "whatsapp": "0812-3456-7890",
     "links": "https://www.tokopedia.com/contoh-ulos|https://www.instagram.com/contoh.ulos",
     "description": ("Ulos tenunan tangan dari Balige", "Hand-woven ulos from Balige"),
     "status": ("diterima", "accepted")},
    {"applicant_id": "P-002", "name": "Kerajinan Pandan Sitio", "region": "Humbahas",
     "category": "anyaman", "product": "Tikar anyaman pandan", "booths_requested": 1,
     "priority": 0, "locked_booth_id": "", "whatsapp": "+62 813 2000 1234",
     "links": "https://shopee.co.id/contoh-pandan", "description": "",
     "status": ("diverifikasi", "verified")},
    {"applicant_id": "P-003", "name": "UMKM Bika Ambon Medan", "region": "Kota Medan",
     "category": "kuliner", "product": "Bika Ambon", "booths_requested": 1, "priority": 0,
     "locked_booth_id": "", "whatsapp": "", "links": "", "description": "",
     "status": ("diajukan", "submitted")},
)

_REGISTRY_EXAMPLES = (
    {"region": "Kabupaten Toba", "name": "Ulos Batak Toba", "category": "tenun",
     "description": ("Kain tenun ikat tangan khas Toba", "Hand-woven ikat cloth of Toba"),
     "raw_material": ("benang kapas", "cotton yarn"), "producers": "Sentra tenun Balige",
     "ig_number": "", "ovop_stars": 4, "halal": ("tidak", "no"), "permit": "",
     "source": ("SK Bupati (contoh)", "Regent's decree (example)"), "source_date": "2024-01-15"},
    {"region": "Kabupaten Nias", "name": "Tikar anyaman pandan", "category": "anyaman",
     "description": "", "raw_material": ("daun pandan", "pandan leaves"),
     "producers": "KUB Ina Nias (contoh)", "ig_number": "", "ovop_stars": 3,
     "halal": ("tidak", "no"), "permit": "", "source": ("Surat Dekranasda (contoh)",
                                                        "Dekranasda letter (example)"),
     "source_date": "15/02/2024"},
    {"region": "Kabupaten Aceh Tengah", "name": "Kopi Arabika Gayo", "category": "kuliner",
     "description": "", "raw_material": ("biji kopi arabika", "arabica beans"),
     "producers": ("Koperasi kopi Takengon (contoh)", "Takengon coffee co-op (example)"),
     "ig_number": "IDG000000001", "ovop_stars": 5, "halal": ("ya", "yes"),
     "permit": "P-IRT 0000000000000-00", "source": "DJKI", "source_date": "2010-04-28"},
)


def _columns(kind: str) -> tuple[Column, ...]:
    """The columns of ``kind``'s file."""
    if kind not in KINDS:
        raise ValueError(f"unknown template kind {kind!r}")
    return {"booths": BOOTH_COLUMNS, "applicants": APPLICANT_COLUMNS,
            "registry": REGISTRY_COLUMNS}[kind]


def template_rows(kind: str, lang: str, with_examples: bool) -> list[list[object]]:
    """The template as rows: the header in ``lang``, then the example rows if asked for."""
    columns = _columns(kind)
    rows: list[list[object]] = [[c.label(lang) for c in columns]]
    if with_examples:
        examples = {"booths": _BOOTH_EXAMPLES, "applicants": _APPLICANT_EXAMPLES,
                    "registry": _REGISTRY_EXAMPLES}[kind]
        for example in examples:
            rows.append([_in_language(example[c.field], lang) for c in columns])
    return rows


def _in_language(value: object, lang: str) -> object:
    """An example value, picking the ``lang`` word where it differs by language."""
    if isinstance(value, tuple):
        return value[0] if lang == "id" else value[1]
    return value


def template_bytes(kind: str, lang: str, fmt: str, with_examples: bool) -> bytes:
    """A template file ready to download: CSV (UTF-8 with BOM, comma) or .xlsx."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown template format {fmt!r}")
    rows = template_rows(kind, lang, with_examples)
    return _csv_bytes(rows) if fmt == "csv" else _xlsx_bytes(rows, kind)


def template_file_name(kind: str, lang: str, fmt: str, with_examples: bool) -> str:
    """'stand_contoh.xlsx', 'applicants_template.csv': the name a download gets."""
    base = {"booths": {"id": "stand", "en": "booths"},
            "applicants": {"id": "peserta", "en": "applicants"},
            "registry": {"id": "produk_unggulan", "en": "flagship_products"}}[kind][lang]
    suffix = {"id": ("contoh", "templat"), "en": ("example", "template")}[lang]
    return f"{base}_{suffix[0] if with_examples else suffix[1]}.{fmt}"


def _csv_bytes(rows: list[list[object]]) -> bytes:
    """Rows as CSV in UTF-8 with a byte-order mark, so Excel opens it in the right encoding."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue().encode("utf-8-sig")


def _xlsx_bytes(rows: list[list[object]], kind: str) -> bytes:
    """Rows as an .xlsx workbook: bold frozen header, columns wide enough to read."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = kind
    for row in rows:
        sheet.append([None if v == "" else v for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        width = max(len(str(row[cell.column - 1])) for row in rows) + 2
        sheet.column_dimensions[cell.column_letter].width = max(width, 10)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
