"""Curation: required certificates per category, expiry on the event's dates."""

from datetime import date

import pytest

from booth_planner.lifecycle.curation import (
    Certificate,
    CurationError,
    format_rules,
    missing,
    normalise_kind,
    parse_rules,
)

LAST_DAY = date(2026, 10, 5)


def test_kuliner_needs_p_irt_or_bpom_by_default():
    assert missing("Kuliner", [], LAST_DAY) == [("P-IRT", "BPOM")]
    assert missing("kuliner", [Certificate("BPOM", "MD 1")], LAST_DAY) == []
    assert missing("tenun", [], LAST_DAY) == []


def test_a_certificate_expiring_before_the_last_day_counts_as_missing():
    lapsing = Certificate("P-IRT", "1", date(2026, 10, 4))
    assert missing("kuliner", [lapsing], LAST_DAY) == [("P-IRT", "BPOM")]
    assert missing("kuliner", [Certificate("P-IRT", "1", LAST_DAY)], LAST_DAY) == []


def test_kinds_are_spelled_one_way():
    assert normalise_kind("pirt") == "P-IRT"
    assert normalise_kind(" Halal ") == "halal"
    assert normalise_kind("SNI") == "SNI"
    with pytest.raises(CurationError):
        normalise_kind("  ")


def test_rules_read_and_written_as_text():
    rules = parse_rules("kuliner: P-IRT | BPOM; halal\nbatik: NIB")
    assert rules == {"kuliner": (("P-IRT", "BPOM"), ("halal",)), "batik": (("NIB",),)}
    assert parse_rules(format_rules(rules)) == rules
    assert missing("kuliner", [Certificate("BPOM")], LAST_DAY, rules) == [("halal",)]
    with pytest.raises(CurationError, match="line 1"):
        parse_rules("kuliner P-IRT")
