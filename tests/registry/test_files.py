"""The per-province produk unggulan report as Excel, on the hand-computed case of test_coverage."""

import io

import openpyxl

from booth_planner.registry.files import coverage_report_xlsx
from tests.coverage_sample import sample_state
from tests.registry.test_coverage import ENTRIES


def test_the_report_has_a_summary_and_a_sheet_per_province():
    book = openpyxl.load_workbook(io.BytesIO(coverage_report_xlsx(sample_state(), ENTRIES, "en")))
    assert book.sheetnames == ["Province summary", "12 Sumatera Utara",
                               "19 Kepulauan Bangka Belitung"]
    rows = list(book["Province summary"].values)
    header = rows[0]
    sumut = dict(zip(header, rows[1], strict=True))
    assert sumut["Province"] == "Sumatera Utara"
    assert (sumut["With a registered produk unggulan"], sumut["Without a produk unggulan"],
            sumut["Produk unggulan on show"], sumut["Represented only by other products"]) == \
        (5, 28, 1, 1)
    regions = {r[0]: r for r in list(book["12 Sumatera Utara"].values)[1:]}
    assert len(regions) == 33
    assert regions["12.71"][3] == "Produk unggulan on show"
    assert regions["12.04"][4:] == ("Tikar pandan", "Ulos Nias")


def test_the_report_speaks_indonesian():
    book = openpyxl.load_workbook(io.BytesIO(coverage_report_xlsx(sample_state(), ENTRIES, "id")))
    assert book.sheetnames[0] == "Ringkasan provinsi"
    assert "Produk unggulan tampil" in next(book["Ringkasan provinsi"].values)
