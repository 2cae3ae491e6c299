"""A gallery's coverage at its own level, on hand-computed rosters."""

from datetime import date

from booth_planner.core.districts import districts_of
from booth_planner.core.model import Applicant, EventInfo, EventState
from booth_planner.rotation.coverage import area_of, gallery_coverage, never_shown, region_at_level
from booth_planner.rotation.model import Member, Period, Turn
from booth_planner.storage.gallery import GalleryState

BEKASI = "32.75"


def member(applicant_id: str, region_code: str) -> Member:
    """A one-space member of ``region_code``."""
    return Member(Applicant(applicant_id, applicant_id, region_code, "kriya", "tas"))


def gallery(home: str, members: list[Member], turns: list[tuple[str, str]],
            periods: int = 4) -> GalleryState:
    """A gallery of ``home`` whose roster gives each (period, member) pair one turn."""
    ps = tuple(Period(f"2027-0{i}", date(2027, i, 1), date(2027, i, 28))
               for i in range(1, periods + 1))
    return GalleryState(
        event=EventState(EventInfo(1, "g", "Galeri")), home_region=home, max_consecutive=1,
        periods=ps, members=tuple(members),
        turns=tuple(Turn(p, a, (f"S-{n}",)) for n, (p, a) in enumerate(turns)), versions={})


def test_a_kota_gallery_counts_its_kecamatan_over_the_roster():
    members = [member("T1", "32.75.01"), member("T2", "32.75.01"), member("B1", "32.75.02"),
               member("U1", "32.75.03"), member("DEK", BEKASI)]  # the council's own display
    turns = [("2027-01", "T1"), ("2027-01", "B1"), ("2027-02", "T2"), ("2027-03", "T1"),
             ("2027-01", "DEK"), ("2027-02", "DEK"), ("2027-04", "DEK")]
    coverage = gallery_coverage(gallery(BEKASI, members, turns))
    assert coverage.level == "kecamatan"
    assert coverage.regions_in_area == len(districts_of(BEKASI)) == 12
    rows = coverage.table.set_index("code")
    timur, barat, utara = rows.loc["32.75.01"], rows.loc["32.75.02"], rows.loc["32.75.03"]
    assert (timur.members, timur.members_with_turn, timur.turns, timur.periods_shown) == (2, 2, 3, 3)
    assert (timur.first_shown, timur.last_shown, timur.periods_share) == ("2027-01", "2027-03", 0.75)
    assert (barat.members, barat.turns, barat.periods_shown) == (1, 1, 1)
    assert (utara.members, utara.members_with_turn, utara.periods_shown) == (1, 0, 0)
    assert coverage.regions_with_members == 3 and coverage.regions_shown == 2
    # Per period: 01 Timur+Barat, 02 Timur, 03 Timur, 04 none (the council counts for no kecamatan).
    assert coverage.regions_per_period == (2 + 1 + 1 + 0) / 4
    missing = never_shown(coverage)
    assert missing[0] == "Bekasi Utara" and len(missing) == 10  # with members first


def test_a_province_gallery_counts_kabupaten_kota_and_lifts_kecamatan_members():
    members = [member("A", "33.01"), member("B", "33.01.02"), member("C", "33.74")]
    coverage = gallery_coverage(gallery("33", members, [("2027-01", "B"), ("2027-02", "C")]))
    assert coverage.level == "kabupaten_kota" and coverage.regions_in_area == 35
    rows = coverage.table.set_index("code")
    assert (rows.loc["33.01"].members, rows.loc["33.01"].periods_shown) == (2, 1)
    assert rows.loc["33.74"].periods_shown == 1 and coverage.regions_shown == 2


def test_levels_and_a_gallery_without_home():
    assert region_at_level("32.75.01", "kecamatan") == "32.75.01"
    assert region_at_level("32.75", "kecamatan") is None
    assert region_at_level("32.75.01", "kabupaten_kota") == "32.75"
    assert region_at_level("32", "kabupaten_kota") is None
    assert area_of(None) == ("", ())
    coverage = gallery_coverage(gallery(None, [member("A", "32.75.01")], [("2027-01", "A")]))
    assert coverage.level == "" and coverage.table.empty and coverage.regions_shown == 0
