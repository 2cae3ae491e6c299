"""Pure helpers of the floor plan page: selection, applicant search, panels, targets, messages."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from booth_planner.core.model import Assignment
from booth_planner.floor_plan import (
    applicant_choices,
    blocking_problems,
    booth_labels,
    booth_panel,
    categories,
    change_label,
    conflict_message,
    format_moment,
    last_redoable_undo,
    last_undoable_change,
    move_targets,
    relocation,
    search_scores,
    selected_booths,
    selection_summary,
    swap_targets,
    zoning_problems,
)
from booth_planner.storage import Change
from tests.floor_sample import sample_state

HALL_A = ("A-01", "A-02", "A-03", "A-04", "B-01", "B-02", "B-03", "B-04")


def event(*points):
    return {"selection": {"points": list(points), "point_indices": [], "box": [], "lasso": []}}


def test_selection_maps_points_back_to_booths():
    picked = selected_booths(event({"customdata": "B-02"}, {"customdata": ["A-01", "x"]},
                                   {"customdata": "B-02"}, {"customdata": None},
                                   {"customdata": "ZZ-99"}, {"x": 1}), HALL_A)
    assert picked == ("B-02", "A-01")


def test_empty_or_missing_selection_picks_nothing():
    assert selected_booths(None, HALL_A) == ()
    assert selected_booths({}, HALL_A) == ()
    assert selected_booths(event(), HALL_A) == ()


def ids(choices):
    return [c.applicant_id for c in choices]


def test_unplaced_applicants_come_first():
    choices = applicant_choices(sample_state())
    # P-5 holds nothing, P-4 holds 1 of the 2 booths it asked for; the rest are placed.
    assert ids(choices)[:2] == ["P-4", "P-5"]
    assert set(ids(choices)[2:]) == {"P-1", "P-2", "P-3"}
    assert choices[0].unplaced and not choices[-1].unplaced
    assert choices[0].label.startswith("1/2 stand · ")


def test_search_is_fuzzy_over_name_region_and_product():
    state = sample_state()
    assert ids(applicant_choices(state, "rendang"))[0] == "P-5"
    assert ids(applicant_choices(state, "Padang"))[0] == "P-5"  # the region
    assert ids(applicant_choices(state, "ulos harunguan")) == ["P-1"]  # a typo, found anyway
    assert "P-3" in ids(applicant_choices(state, "tapis"))
    assert applicant_choices(state, "zzzzqqq") == []
    assert ids(applicant_choices(state, "gayo kopi")) == ["P-2"]  # any word order
    assert applicant_choices(state, "kopi toba") == []  # every word must match


def test_search_scores_need_every_word():
    texts = {"a": "Kopi Gayo Aceh Tengah", "b": "Ulos Toba", "c": "Kopi Toba"}
    assert set(search_scores("kopi", texts)) == {"a", "c"}
    assert set(search_scores("toba kopi", texts)) == {"c"}
    assert search_scores("   ", texts) == {}


def test_a_region_name_finds_its_applicants_and_a_province_all_of_its_regions():
    state = sample_state()
    assert set(ids(applicant_choices(state, "Sumatera Utara"))) >= {"P-1", "P-4"}
    assert ids(applicant_choices(state, "Bener Meriah")) == ["P-2"]
    assert ids(applicant_choices(state, "Toba Samosir")) == ["P-1"]  # the former name


def test_a_zoned_booth_only_offers_its_category():
    assert set(ids(applicant_choices(sample_state(), booth_id="B-02"))) == {"P-2", "P-5"}


def test_choice_labels_in_english():
    label = applicant_choices(sample_state(), "rendang", lang="en")[0].label
    assert label == "0/1 booths · IKM Rendang Padang · Kota Padang, Sumatera Barat · kuliner · " \
        "Rendang"


def test_booth_panel_of_a_locked_booth_and_a_free_one():
    state = sample_state()
    panel = booth_panel(state, "A-01")
    assert panel.locked and not panel.free
    assert panel.applicant.name == "Sanggar Ulos Toba"
    assert panel.region == "Kabupaten Toba, Sumatera Utara"
    assert panel.holder_booths == ("A-01",)
    free = booth_panel(state, "A-03")
    assert free.free and free.applicant is None and free.region == ""
    assert booth_panel(state, "A-04").status == "blocked"


def test_move_targets_are_free_booths_the_zone_allows_nearest_first():
    state = sample_state()
    # P-1 (tenun) may not go to the kuliner row; A-04 is blocked; Hall B comes after Hall A.
    assert move_targets(state, "A-01") == ["A-03", "BA-02"]
    assert move_targets(state, "B-01") == ["B-02", "B-03", "A-03", "B-04", "BA-02"]
    assert move_targets(state, "A-03") == []


def test_swap_targets_respect_both_zones():
    state = sample_state()
    assert swap_targets(state, "A-01") == ["A-02", "BA-01"]  # not B-01: kuliner zone
    assert swap_targets(state, "B-01") == []  # nobody else is kuliner


def test_selection_summary_and_block_and_zone_problems():
    state = sample_state()
    picked = ["A-01", "A-02", "A-03", "A-04"]
    assert selection_summary(state, picked) == {
        "free": ["A-03"], "assigned": ["A-02"], "locked": ["A-01"], "blocked": ["A-04"]}
    assert blocking_problems(state, picked) == ["A-01", "A-02"]
    assert zoning_problems(state, picked, "tenun") == ["A-02"]
    assert zoning_problems(state, picked, None) == []
    assert categories(state) == ["kriya", "kuliner", "tenun"]


def test_booth_labels_name_the_holder():
    assert booth_labels(sample_state(), ["B-01", "A-03"]) == {
        "B-01": "B-01 · UMKM Kopi Gayo", "A-03": "A-03"}


def test_conflict_message_says_who_when_and_who_holds_it_now():
    state = sample_state()
    when = datetime(2026, 11, 23, 9, 41, tzinfo=UTC)
    text = conflict_message(state, "A-03", "rina", when, "P-5", "id")
    assert "A-03" in text and "rina" in text and "23 November 2026 16.41 WIB" in text
    assert "IKM Rendang Padang" in text
    english = conflict_message(state, "A-03", None, None, None, "en")
    assert "another organizer" in english and "nobody" in english


def test_moments_are_written_in_the_chosen_language_on_the_organizers_clock():
    moment = datetime(2026, 8, 17, 3, 5)  # SQLite gives times back without zone: UTC
    assert format_moment(moment, "id") == "17 Agustus 2026 10.05 WIB"
    assert format_moment(moment, "en") == "17 August 2026, 10:05 WIB"
    assert format_moment(None) == ""


def change(id_, user, undoable=True, undone_by=None, action="booth.assign", summary="A-01 → P-1"):
    return Change(id=id_, at=datetime(2026, 1, 1, tzinfo=UTC), user=user, action=action,
                  summary=summary, undoable=undoable, undone_by=undone_by, booth_count=1)


def test_last_undoable_change_is_the_users_own_newest():
    history = [change(5, "budi"), change(4, "rina", undone_by=6), change(3, "rina"),
               change(2, "rina")]
    assert last_undoable_change(history, "rina").id == 3
    assert last_undoable_change(history, "budi").id == 5
    assert last_undoable_change(history, "sari") is None
    assert last_undoable_change([change(7, "rina", undoable=False)], "rina") is None


def test_the_floor_undo_takes_back_booth_edits_only_never_past_an_allocation():
    history = [change(9, "rina", undoable=False, action="undo"),
               change(8, "rina", undone_by=9), change(7, "rina", action="allocation.apply"),
               change(6, "rina")]
    assert last_undoable_change(history, "rina") is None  # was the allocation, 47 booths
    assert last_redoable_undo(history, "rina").id == 9
    before = [change(8, "rina"), *history[2:]]  # before the undo: the booth edit is offered
    assert last_undoable_change(before, "rina").id == 8
    assert last_redoable_undo(before, "rina") is None
    assert last_undoable_change([change(3, "rina", action="booths.edit", undoable=False),
                                 change(2, "rina")], "rina") is None


def test_change_label_translates_the_action():
    assert change_label(change(3, "rina"), "id") == "#3 Tempatkan: A-01 → P-1"
    assert change_label(change(3, "rina", action="booth.swap", summary="A ⇄ B"), "en") == \
        "#3 Swap: A ⇄ B"
    assert change_label(change(3, "rina", action="custom", summary=""), "en") == "#3 custom"


def test_relocation_says_move_swap_or_why_not():
    state = sample_state()
    assert relocation(state, "A-01", "A-03") == "move"
    assert relocation(state, "A-01", "A-02") == "swap"
    assert relocation(state, "A-01", "BA-01") == "swap"
    assert relocation(state, "A-01", "A-01") == "same"
    assert relocation(state, "A-03", "A-01") == "origin_free"
    assert relocation(state, "A-01", "A-04") == "blocked"
    assert relocation(state, "A-01", "B-02") == "zone"  # tenun into the kuliner row
    assert relocation(state, "A-01", "B-01") == "zone"  # a swap the kuliner zone refuses
    pavilion = replace(state, assignments=state.assignments + (Assignment("A-03", "P-4"),))
    assert relocation(pavilion, "A-02", "A-03") == "same_holder"


def test_nearby_targets_are_capped():
    assert move_targets(sample_state(), "B-01", limit=2) == ["B-02", "B-03"]
    assert swap_targets(sample_state(), "A-01", limit=1) == ["A-02"]


def test_change_label_of_an_allocation_is_in_words_in_both_languages():
    applied = Change(id=10, at=datetime(2026, 1, 1, tzinfo=UTC), user="ana",
                     action="allocation.apply", summary="pavilion: 1/1 regions", undoable=True,
                     undone_by=None, booth_count=47,
                     details={"mode": "pavilion", "regions_covered": 35, "regions_applying": 35,
                              "applicants_placed": 42, "applicants": 42, "booths_changed": 47})
    label = change_label(applied, "id")
    assert "allocation.apply" not in label and "pavilion" not in label and "booths" not in label
    assert "paviliun: 35/35 wilayah" in label
    assert "allocation.apply" not in change_label(applied, "en")
