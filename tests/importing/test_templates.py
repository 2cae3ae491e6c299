"""Downloadable templates: both languages, both formats, read back without a single problem."""

from __future__ import annotations

import io

import openpyxl
import pytest

from booth_planner.importing import (
    cross_check,
    read_applicants,
    read_booths,
    template_bytes,
)
from booth_planner.importing.templates import template_file_name


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_example_templates_read_back_cleanly_and_agree_with_each_other(lang, fmt):
    booths = read_booths(template_bytes("booths", lang, fmt, True), f"booths.{fmt}")
    applicants = read_applicants(template_bytes("applicants", lang, fmt, True), f"app.{fmt}")
    assert booths.problems == () and applicants.problems == ()
    assert [b.booth_id for b in booths.items] == ["A-01", "A-02", "A-03", "A-04", "L-01"]
    assert [b.status for b in booths.items] == ["available"] * 3 + ["blocked", "available"]
    assert [a.region_code for a in applicants.items] == ["12.12", "12.16", "12.71"]
    assert cross_check(booths, applicants) == []


@pytest.mark.parametrize(("lang", "first"), [("id", "kode_stand"), ("en", "booth_id")])
def test_empty_templates_carry_the_header_in_their_language(lang, first):
    data = template_bytes("booths", lang, "csv", False)
    assert data.startswith(b"\xef\xbb\xbf" + first.encode() + b",")
    assert data.count(b"\r\n") == 1
    workbook = openpyxl.load_workbook(io.BytesIO(template_bytes("applicants", lang, "xlsx", False)))
    header = [c.value for c in workbook.active[1]]
    assert header[0] == ("id_peserta" if lang == "id" else "applicant_id")
    assert workbook.active.max_row == 1


def test_template_file_names():
    assert template_file_name("booths", "id", "xlsx", True) == "stand_contoh.xlsx"
    assert template_file_name("applicants", "en", "csv", False) == "applicants_template.csv"


def test_unknown_kind_or_format():
    with pytest.raises(ValueError):
        template_bytes("halls", "id", "csv", True)
    with pytest.raises(ValueError):
        template_bytes("booths", "id", "ods", True)
