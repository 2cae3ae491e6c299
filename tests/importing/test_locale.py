"""The importer's texts: both languages for every key, with the same placeholders."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import booth_planner
from booth_planner.importing.problems import problem, problem_text

LOCALE = Path(booth_planner.__file__).parent / "core" / "locales" / "importer.json"
SOURCES = [Path(booth_planner.__file__).parent / "importing" / n for n in (
    "readers.py", "preview.py", "spreadsheet.py")]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_text_has_both_languages_with_the_same_placeholders():
    for key, texts in json.loads(LOCALE.read_text(encoding="utf-8")).items():
        assert texts["id"].strip() and texts["en"].strip(), key
        assert placeholders(texts["id"]) == placeholders(texts["en"]), key


def test_every_problem_code_raised_in_the_code_has_a_message_and_a_fix():
    texts = json.loads(LOCALE.read_text(encoding="utf-8"))
    codes = set()
    for source in SOURCES:
        codes |= set(re.findall(r'"([a-z_]+)"(?=[,)])', source.read_text(encoding="utf-8")))
    used = {c for c in codes if f"importer.{c}" in texts}
    assert {"not_a_number", "duplicate_id", "booths_overlap", "lock_blocked_booth",
            "replace_removes_assigned_booth", "file_too_large"} <= used
    for code in used:
        assert f"importer.{code}.fix" in texts, code


def test_a_problem_renders_in_indonesian_from_its_params():
    found = problem("stand.csv", 4, "harga", "not_rupiah", value="dua juta")
    assert problem_text(found, "id") == ("stand.csv, baris 4, kolom harga: 'dua juta' bukan jumlah "
                                         "rupiah utuh (tulis mis. 2500000 atau Rp 2.500.000)")
