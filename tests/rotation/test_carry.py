"""Turns of replaced periods that are over count as turns before the new plan."""

from datetime import date

from booth_planner.core.model import Applicant
from booth_planner.rotation.carry import carry_earlier_turns
from booth_planner.rotation.model import Member, Turn
from booth_planner.rotation.periods import generate_periods


def member(applicant_id: str, before: int = 0, tenant: bool = False) -> Member:
    """A member with ``before`` earlier turns; a tenant keeps a locked space."""
    locked = ("S-1",) if tenant else ()
    return Member(Applicant(applicant_id, applicant_id, "32.75.01", "kriya", "tas",
                            locked_booth_ids=locked), turns_before=before)


OLD = generate_periods(date(2027, 1, 1), "1m", 12)
TURNS = [Turn("2027-01", "A", ("S-2",)), Turn("2027-02", "A", ("S-2",)),
         Turn("2027-01", "B", ("S-3",)), Turn("2027-12", "B", ("S-3",)),  # December: not over
         Turn("2027-01", "T", ("S-1",), locked=True)]


def test_turns_of_periods_over_before_the_new_start_are_added():
    new = generate_periods(date(2027, 12, 1), "1m", 6)  # replaces 2027-12 onwards
    carried = carry_earlier_turns([member("A", 1), member("B"), member("C"), member("T", tenant=True)],
                                  OLD, TURNS, new)
    before = {m.applicant_id: m.turns_before for m in carried.members}
    assert before == {"A": 3, "B": 1, "C": 0, "T": 0}  # the tenant's fixed space is no turn
    assert carried.turns_counted == 3
    assert carried.periods_counted == tuple(f"2027-{m:02d}" for m in range(1, 12))


def test_replanning_the_same_periods_counts_nothing():
    carried = carry_earlier_turns([member("A"), member("B")], OLD, TURNS, OLD)
    assert carried.turns_counted == 0 and carried.periods_counted == ()
    assert [m.turns_before for m in carried.members] == [0, 0]


def test_a_new_year_counts_the_whole_old_year_and_no_periods_count_nothing():
    new = generate_periods(date(2028, 1, 1), "2w", 4)
    carried = carry_earlier_turns([member("B", 2)], OLD, TURNS, new)
    assert carried.members[0].turns_before == 4 and len(carried.periods_counted) == 12
    assert carry_earlier_turns([member("B")], OLD, TURNS, ()).turns_counted == 0
    assert carry_earlier_turns([member("B")], (), (), new).turns_counted == 0
