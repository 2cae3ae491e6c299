"""The allocation option: among applicants of one region, the produk unggulan is preferred."""

from booth_planner.allocation import allocate
from booth_planner.core.model import Applicant, Booth
from booth_planner.registry.entries import Entry
from booth_planner.registry.priority import FLAGSHIP_BONUS, favour_flagship

ENTRIES = [Entry("12.12", "Ulos Batak Toba")]
# One booth, two applicants of Kabupaten Toba; only the second brings the registered product.
BOOTHS = [Booth("A-1", "Hall A", 0, 0)]
APPLICANTS = [Applicant("P1", "Songket Toba", "12.12", "tenun", "Songket"),
              Applicant("P2", "Ulos Balige", "12.12", "tenun", "kain ulos")]


def placed(applicants) -> set[str]:
    return {a.applicant_id for a in allocate(BOOTHS, applicants, time_limit=10).assignments}


def test_the_bonus_goes_to_the_applicant_bringing_the_registered_product():
    favoured = favour_flagship(APPLICANTS, ENTRIES)
    assert favoured.flagship_ids == {"P2"}
    assert [a.priority for a in favoured.applicants] == [0, FLAGSHIP_BONUS]
    assert [a.priority for a in APPLICANTS] == [0, 0]  # the stored applicants are untouched


def test_with_the_option_the_produk_unggulan_gets_the_regions_booth():
    without = placed(APPLICANTS)
    assert placed(favour_flagship(APPLICANTS, ENTRIES).applicants) == {"P2"}
    assert without == {"P1"}  # the same run without the option keeps its own order


def test_coverage_still_comes_first():
    booths = [Booth("A-1", "Hall A", 0, 0), Booth("A-2", "Hall A", 3, 0)]
    applicants = [*APPLICANTS, Applicant("P3", "Kopi Sidikalang", "12.11", "kuliner", "Kopi")]
    found = {a.applicant_id for a in allocate(
        booths, favour_flagship(applicants, ENTRIES).applicants, time_limit=10).assignments}
    assert found == {"P2", "P3"}  # Dairi keeps its booth; within Toba the ulos wins
