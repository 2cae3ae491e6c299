"""The import preview as an organizer reads it: field names in words, regions with their names.

Before saving, the organizer checks what each row became ("Toba Samosir" -> ``Kabupaten Toba
(12.12)``), so values are shown the way the rest of the app shows them: no ``None``, no bare
codes, booth types and statuses in words, decimals in the page's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, fields

import pandas as pd

from booth_planner.core.i18n import format_decimal, format_rupiah, t
from booth_planner.core.model import Applicant, Booth
from booth_planner.core.regions import code_label
from booth_planner.importing.preview import ImportPreview

_WORDS = {"booth_type": "export.booth_type.", "status": "export.status."}


def field_label(field: str, lang: str) -> str:
    """A Booth or Applicant field's name in words."""
    return t(f"import_view.field.{field}", lang)


def shown_value(field: str, value: object, lang: str) -> str:
    """One value as the preview shows it; empty for nothing."""
    if value is None or value == () or value == "":
        return ""
    if field == "region_code":
        return code_label(str(value))
    if field in _WORDS:
        return t(_WORDS[field] + str(value), lang)
    if field == "price_idr":
        return format_rupiah(value)  # type: ignore[arg-type]
    if isinstance(value, tuple):
        return ", ".join(map(str, value))
    if isinstance(value, float):
        return format_decimal(value, lang)
    return str(value)


def items_frame(items: Sequence[Booth] | Sequence[Applicant], kind: str, lang: str) -> pd.DataFrame:
    """The items as a table with translated headers and readable values."""
    names = [f.name for f in fields(Booth if kind == "booths" else Applicant)]
    rows = [[shown_value(n, v, lang) for n, v in asdict(item).items()] for item in items]
    return pd.DataFrame(rows, columns=[field_label(n, lang) for n in names])


def changes_frame(preview: ImportPreview, lang: str) -> pd.DataFrame:
    """One row per changed field: id, field, old value, new value, all in words."""
    return pd.DataFrame(
        [(change.item_id, field_label(f.field, lang), shown_value(f.field, f.old, lang),
          shown_value(f.field, f.new, lang))
         for change in preview.changed for f in change.changes],
        columns=[t(f"import_page.col.{c}", lang) for c in ("id", "field", "old", "new")],
    )
