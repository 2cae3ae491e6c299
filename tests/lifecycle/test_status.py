"""Applicant statuses: explicit transitions, words an applicants file may use."""

import pytest

from booth_planner.lifecycle.status import (
    STATUSES,
    TRANSITIONS,
    TransitionError,
    allowed,
    check_transition,
    effective,
    parse_status,
    transition_table,
)


def test_no_status_means_accepted():
    assert effective(None) == "diterima"
    assert allowed(None, "mundur") and not allowed(None, "diverifikasi")


@pytest.mark.parametrize(("text", "status"), [
    ("Diajukan", "diajukan"), ("submitted", "diajukan"), ("Daftar Tunggu", "daftar_tunggu"),
    ("waitlisted", "daftar_tunggu"), ("daftar-tunggu", "daftar_tunggu"),
    ("  ACCEPTED ", "diterima"), ("withdrawn", "mundur"), ("rejected", "ditolak"),
])
def test_status_words_in_both_languages(text, status):
    assert parse_status(text) == status


def test_unknown_words_are_refused_and_empty_is_none():
    assert parse_status("  ") is None
    with pytest.raises(KeyError):
        parse_status("mungkin")


def test_a_submitted_applicant_cannot_skip_curation():
    with pytest.raises(TransitionError) as caught:
        check_transition("P1", "diajukan", "diterima")
    assert caught.value.code == "not_allowed"
    check_transition("P1", "diverifikasi", "diterima")


def test_every_status_has_a_way_out_and_targets_are_statuses():
    assert set(TRANSITIONS) == set(STATUSES)
    assert all(set(targets) <= set(STATUSES) for targets in TRANSITIONS.values())
    assert ("daftar_tunggu", "diterima") in transition_table()
    assert all(start != end for start, end in transition_table())
