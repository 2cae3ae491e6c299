"""Applicant table: building, filtering, checking edited rows with regions resolved."""

from booth_planner.core.model import Applicant, Assignment, Booth, EventInfo, EventState
from booth_planner.core.regions import code_label
from booth_planner.setup.applicants import (
    EDITABLE_COLUMNS,
    PLACED,
    UNPLACED,
    applicants_frame,
    applicants_from_rows,
    changed_applicants,
    filter_applicants,
    freed_booths,
    next_free_id,
    onto_current,
    zone_problems,
)

TOBA = Applicant("P-1", "Tenun Toba", "12.12", "tenun", "Ulos", locked_booth_ids=("A-01",))
MEDAN = Applicant("P-2", "Bika Medan", "12.71", "kuliner", booths_requested=2, priority=1)
ACEH = Applicant("DK-11", "Dekranasda Aceh", "11", "kriya", booths_requested=3)
STATE = EventState(
    event=EventInfo(id=1, slug="e", name="E"),
    booths=(Booth("A-01", "Hall A", 0, 0), Booth("A-02", "Hall A", 3, 0),
            Booth("A-10", "Hall A", 6, 0)),
    applicants=(TOBA, MEDAN, ACEH),
    assignments=(Assignment("A-10", "P-1", locked=True), Assignment("A-02", "P-1")),
)


def _row(applicant: Applicant, **changes) -> dict:
    row = {c: getattr(applicant, c, None) for c in EDITABLE_COLUMNS}
    row["region"] = code_label(applicant.region_code)
    return {**row, **changes}


def test_frame_shows_region_province_and_booths_in_natural_order():
    frame = applicants_frame(STATE).set_index("applicant_id")
    assert frame.loc["P-1", "region"] == "Kabupaten Toba (12.12)"
    assert frame.loc["P-1", "province"] == "Sumatera Utara (12)"
    assert frame.loc["P-1", "booths"] == "A-02, A-10"
    assert list(frame["placed"]) == [True, False, False]


def test_filters_combine():
    frame = applicants_frame(STATE)
    assert list(filter_applicants(frame, province="12")["applicant_id"]) == ["P-1", "P-2"]
    assert list(filter_applicants(frame, region="12.71")["applicant_id"]) == ["P-2"]
    assert list(filter_applicants(frame, category="KULINER")["applicant_id"]) == ["P-2"]
    assert list(filter_applicants(frame, placed=PLACED)["applicant_id"]) == ["P-1"]
    assert list(filter_applicants(frame, province="12", placed=UNPLACED)["applicant_id"]) == ["P-2"]
    assert list(filter_applicants(frame)["applicant_id"]) == ["P-1", "P-2", "DK-11"]


def test_unchanged_rows_give_back_the_applicants_with_their_locks():
    originals = STATE.applicant_by_id()
    applicants, problems = applicants_from_rows([_row(a) for a in STATE.applicants], originals)
    assert problems == []
    assert applicants == list(STATE.applicants)
    assert changed_applicants(originals, applicants) == []


def test_a_region_typed_as_an_abbreviation_is_resolved():
    originals = STATE.applicant_by_id()
    applicants, problems = applicants_from_rows([_row(TOBA, region="Humbahas")], originals)
    assert problems == []
    assert applicants[0].region_code == "12.16"
    assert applicants[0].locked_booth_ids == ("A-01",)
    assert changed_applicants(originals, applicants) == applicants


def test_an_ambiguous_region_names_its_candidates_and_is_not_guessed():
    _, problems = applicants_from_rows([_row(TOBA, region="Bandung")], STATE.applicant_by_id())
    (problem,) = problems
    assert (problem.row, problem.column) == (1, "region")
    message = problem.message("en", {"region": "region"})
    assert message.startswith('Row 1, column region: "Bandung": fits more than one region')
    assert "Kabupaten Bandung (32.04), Kota Bandung (32.73)" in message


def test_event_aliases_resolve_local_names():
    applicants, problems = applicants_from_rows(
        [_row(TOBA, region="Tanah Batak")], STATE.applicant_by_id(),
        aliases={"tanah batak": "12.12"})
    assert problems == [] and applicants[0].region_code == "12.12"


def test_numbers_names_and_ids_are_checked():
    rows = [_row(TOBA, booths_requested=0, priority=-1), _row(MEDAN, name=" ", category=None),
            _row(ACEH, applicant_id="P-1", booths_requested="2.5", region=""),
            _row(MEDAN, applicant_id="P-9", priority="tinggi")]
    _, problems = applicants_from_rows(rows, STATE.applicant_by_id(), taken=["P-9"])
    assert [(p.row, p.column, p.key) for p in problems] == [
        (1, "booths_requested", "applicants.problem.booths_requested"),
        (1, "priority", "applicants.problem.priority"),
        (2, "name", "applicants.problem.name_empty"),
        (2, "category", "applicants.problem.category_empty"),
        (3, "applicant_id", "applicants.problem.id_twice"),
        (3, "region", "regions.error.empty"),
        (3, "booths_requested", "applicants.problem.booths_requested"),
        (4, "applicant_id", "applicants.problem.id_taken"),
        (4, "priority", "applicants.problem.priority"),
    ]


def test_empty_counts_take_the_defaults():
    applicants, problems = applicants_from_rows(
        [{"applicant_id": "N-1", "name": "Batik Solo", "region": "Kota Surakarta",
          "category": "batik", "booths_requested": None, "priority": ""}])
    assert problems == []
    assert (applicants[0].booths_requested, applicants[0].priority) == (1, 0)
    assert applicants[0].region_code == "33.72"


def test_freed_booths_lists_what_each_removed_applicant_held():
    freed = freed_booths(STATE, ["P-1", "P-2", "X"])
    assert [(f.applicant_id, f.booths) for f in freed] == [("P-1", ("A-02", "A-10")), ("P-2", ())]


def test_a_new_category_refused_by_a_zoned_booth_held_is_a_problem():
    from dataclasses import replace

    state = EventState(
        event=STATE.event, booths=(Booth("K-01", "Hall B", 0, 0, zone="kuliner"),),
        applicants=(MEDAN,), assignments=(Assignment("K-01", "P-2"),))
    (problem,) = zone_problems(state, [replace(MEDAN, category="batik")], {"P-2": 4})
    assert (problem.row, problem.column, problem.values) == (
        4, "category", {"booth": "K-01", "zone": "kuliner"})
    assert zone_problems(state, [replace(MEDAN, category="Kuliner")], {}) == []


def test_edits_on_an_older_table_take_todays_locks_and_never_revive_the_removed():
    from dataclasses import replace

    edited_toba = replace(TOBA, name="Tenun Toba Baru")
    unlocked_now = {"P-1": replace(TOBA, locked_booth_ids=())}
    rebased, problems = onto_current([edited_toba, MEDAN], unlocked_now, {"P-2": 2})
    assert rebased == [replace(edited_toba, locked_booth_ids=())]
    assert [(p.row, p.key) for p in problems] == [(2, "applicants.problem.gone")]



def test_next_free_id_follows_the_highest_numbered_id():
    assert next_free_id([]) == "P-001"
    assert next_free_id(["P-003", "P-041", "X-999", "P-7"]) == "P-042"
    assert next_free_id(["P-0999"]) == "P-1000"
