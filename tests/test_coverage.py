"""Coverage figures against the hand-counted sample event (tests/coverage_sample.py)."""

from dataclasses import replace

import pytest

from booth_planner.core.model import Applicant, Assignment
from booth_planner.coverage import (
    APPLIED_UNPLACED,
    REPRESENTED,
    category_mix,
    coverage_summary,
    province_coverage,
    region_detail,
    region_status,
)
from tests.coverage_sample import sample_state


def test_summary_counts_kabkota_provinces_applicants_and_booths():
    summary = coverage_summary(sample_state())
    # 12.04 and 12.71 hold booths; 12.15 and 19.01 applied without; 19 is the province itself.
    assert summary.kabkota_represented == 2
    assert summary.kabkota_applied == 4
    assert summary.kabkota_in_scope == 33 + 7
    assert summary.kabkota_national == 514
    assert (summary.provinces_represented, summary.provinces_applied,
            summary.provinces_in_scope) == (2, 2, 2)
    assert (summary.province_level_represented, summary.province_level_applied) == (1, 1)
    assert (summary.applicants, summary.applicants_placed) == (6, 3)
    assert (summary.booths, summary.booths_assigned, summary.booths_free,
            summary.booths_blocked) == (6, 4, 1, 1)
    assert summary.national is False
    assert coverage_summary(sample_state(scope="national")).national is True


def test_summary_with_explicit_scope_adds_provinces_without_applicants():
    summary = coverage_summary(sample_state(), scope_provinces=["12", "19", "13"])
    assert summary.kabkota_in_scope == 33 + 7 + 19  # Sumatera Barat has 12 kabupaten, 7 kota
    assert summary.provinces_in_scope == 3
    assert summary.provinces_represented == 2


def test_unknown_scope_province_is_named():
    with pytest.raises(KeyError, match="99"):
        coverage_summary(sample_state(), scope_provinces=["12", "99"])


def test_an_applicant_placed_anywhere_makes_its_region_represented():
    state = sample_state()
    state = replace(state, assignments=state.assignments + (Assignment("B-2", "P2"),))
    summary = coverage_summary(state)
    assert summary.kabkota_represented == 2  # Nias already was, through P1
    assert summary.applicants_placed == 4
    assert summary.booths_free == 0


def test_region_status_has_every_kabkota_of_the_provinces_in_scope():
    status = region_status(sample_state()).set_index("code")
    assert len(status) == 40
    assert not any("." not in code for code in status.index)  # no province rows
    assert status.loc["12.04", "status"] == REPRESENTED
    assert status.loc["12.04", ["applicants", "applicants_placed", "booths"]].tolist() == [2, 1, 1]
    assert status.loc["12.71", "booths"] == 2
    assert status.loc["12.15", "status"] == APPLIED_UNPLACED
    assert status.loc["19.01", "status"] == APPLIED_UNPLACED
    assert (status["status"] == "absent").sum() == 36
    assert status.loc["12.15", "name"] == "Kabupaten Pakpak Bharat"
    assert status.loc["19.01", "province_name"] == "Kepulauan Bangka Belitung"
    assert status["latitude"].between(-11, 6).all() and status["longitude"].between(95, 141).all()


def test_province_coverage_splits_the_official_count():
    table = province_coverage(sample_state()).set_index("province_code")
    assert table.loc["12"].to_dict() == {
        "province_name": "Sumatera Utara", "kabkota_total": 33, "represented": 2,
        "applied_unplaced": 1, "not_applied": 30, "province_level": "absent",
        "applicants": 4, "applicants_placed": 2, "booths": 3,
    }
    assert table.loc["19"].to_dict() == {
        "province_name": "Kepulauan Bangka Belitung", "kabkota_total": 7, "represented": 0,
        "applied_unplaced": 1, "not_applied": 6, "province_level": "represented",
        "applicants": 2, "applicants_placed": 1, "booths": 1,
    }


def test_category_mix_per_province():
    mix = category_mix(sample_state())
    rows = {(r.province_code, r.category): (r.applicants, r.applicants_placed, r.booths)
            for r in mix.itertuples()}
    assert rows == {
        ("12", "anyaman"): (1, 0, 0), ("12", "batik"): (1, 1, 2), ("12", "kuliner"): (1, 0, 0),
        ("12", "tenun"): (1, 1, 1), ("19", "kuliner"): (1, 0, 0), ("19", "tenun"): (1, 1, 1),
    }


def test_category_mix_ignores_case_of_categories():
    state = sample_state()
    state = replace(state, applicants=state.applicants + (
        Applicant("P7", "Tenun Karo", "12.06", "Tenun "),))
    mix = category_mix(state)
    tenun = mix[(mix["province_code"] == "12") & (mix["category"] == "tenun")]
    assert tenun["applicants"].tolist() == [2]


def test_region_detail_of_a_kabkota_lists_its_exhibitors_and_booths():
    detail = region_detail(sample_state(), "12.71")
    assert detail.to_dict("records") == [{
        "applicant_id": "P3", "name": "Batik Medan", "region_code": "12.71",
        "region_name": "Kota Medan", "category": "batik", "product": "Batik motif Melayu",
        "booths_requested": 2, "placed": True, "booths": 2, "halls": "Hall A", "booth_ids": "A-2, A-3",
    }]
    nias = region_detail(sample_state(), "12.04")
    assert nias["applicant_id"].tolist() == ["P1", "P2"]
    assert nias["placed"].tolist() == [True, False]


def test_region_detail_of_a_province_covers_the_whole_province():
    detail = region_detail(sample_state(), "19")
    assert detail["applicant_id"].tolist() == ["P5", "P6"]
    assert detail["booth_ids"].tolist() == ["B-1", ""]


def test_region_detail_of_an_unknown_code_says_which():
    with pytest.raises(KeyError, match="12.99"):
        region_detail(sample_state(), "12.99")


def test_empty_event_has_zero_figures():
    state = replace(sample_state(), booths=(), applicants=(), assignments=())
    summary = coverage_summary(state)
    assert summary.kabkota_in_scope == 0 and summary.booths == 0
    assert region_status(state).empty and province_coverage(state).empty
    assert category_mix(state).empty


@pytest.mark.parametrize("lang", ["id", "en"])
def test_table_column_labels_are_distinct_in_each_language(lang):
    from booth_planner.core.i18n import t
    from booth_planner.coverage import PROVINCE_COVERAGE_COLUMNS, REGION_DETAIL_COLUMNS

    for columns in (PROVINCE_COVERAGE_COLUMNS, REGION_DETAIL_COLUMNS):
        labels = [t(f"coverage.col.{c}", lang) for c in columns]
        assert len(set(labels)) == len(labels)
