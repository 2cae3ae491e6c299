"""Reasons for the current plan: the engine's words, and NOT_ALLOCATED while booths would fit."""

from dataclasses import replace

from booth_planner.allocation.unplaced import unplaced_reasons
from booth_planner.core.model import Applicant
from tests.coverage_sample import sample_state


def test_unplaced_reasons_says_when_free_booths_would_still_fit():
    reasons = unplaced_reasons(sample_state(), "en")
    assert [(u.applicant_id, u.reason_code) for u in reasons] == [
        ("P2", "NOT_ALLOCATED"), ("P4", "NOT_ALLOCATED"), ("P6", "NOT_ALLOCATED")]
    assert "anyaman" in reasons[1].reason


def test_unplaced_reasons_uses_spec_reasons_once_the_plan_is_full():
    state = sample_state()
    state = replace(state, assignments=state.assignments + (
        replace(state.assignments[0], booth_id="B-2", applicant_id="P2"),))
    reasons = unplaced_reasons(state, "id")
    assert [(u.applicant_id, u.reason_code) for u in reasons] == [
        ("P4", "CAPACITY"), ("P6", "CAPACITY")]


def test_unplaced_reasons_names_impossible_requests():
    state = sample_state()
    # Every booth gets a zone: kuliner may use only A-1 and A-3 (A-2 is batik), which do not touch.
    big = Applicant("P8", "Kuliner Toba", "12.12", "kuliner", booths_requested=3)
    zoned_out = Applicant("P9", "Perak Kotagede", "12.73", "perak")
    state = replace(state, applicants=state.applicants + (big, zoned_out),
                    booths=tuple(replace(b, zone=b.zone or "kuliner") if b.hall == "Hall A"
                                 else replace(b, zone="batik") for b in state.booths))
    codes = {u.applicant_id: u.reason_code for u in unplaced_reasons(state, "en")}
    assert codes["P8"] == "NO_ADJACENT_GROUP"
    assert codes["P9"] == "NO_COMPATIBLE_BOOTH"


def test_applicants_not_accepted_are_not_accepted_whatever_booths_are_free():
    state = sample_state()
    applicants = tuple(replace(a, status="ditolak") if a.applicant_id == "P2" else
                       replace(a, status="daftar_tunggu") if a.applicant_id == "P4" else a
                       for a in state.applicants)
    reasons = unplaced_reasons(replace(state, applicants=applicants), "en")
    assert [(u.applicant_id, u.reason_code) for u in reasons] == [
        ("P6", "NOT_ALLOCATED"), ("P2", "NOT_ACCEPTED"), ("P4", "NOT_ACCEPTED")]
    assert '"Declined"' in reasons[1].reason and '"Waitlisted"' in reasons[2].reason
