"""Generated events: deterministic, shaped like a real call for exhibitors."""

from collections import Counter

from booth_planner.core.geometry import adjacency, overlapping_booths
from booth_planner.core.regions import kabupaten_kota, provinces
from booth_planner.demo import synthetic


def test_same_seed_same_event_other_seed_other_event():
    assert synthetic.inacraft(3) == synthetic.inacraft(3)
    assert synthetic.inacraft(3).applicants != synthetic.inacraft(4).applicants


def test_inacraft_scale_event_looks_like_a_national_call():
    event = synthetic.inacraft(0)
    booths, applicants = event.booths, event.applicants
    assert (len(booths), len(applicants)) == (1222, 2500)
    assert len({b.hall for b in booths}) == 4
    assert overlapping_booths(booths) == []
    neighbours = adjacency(booths)
    assert all(len(neighbours[b.booth_id]) >= 1 for b in booths)
    assert 0.13 < sum(b.zone == "kuliner" for b in booths) / len(booths) < 0.17
    assert 0.005 < sum(b.is_blocked for b in booths) / len(booths) < 0.04
    codes = {a.region_code for a in applicants}
    assert {r.code for r in kabupaten_kota()} <= codes
    pavilions = [a for a in applicants if "." not in a.region_code]
    assert len(pavilions) == len(provinces())
    assert all(2 <= a.booths_requested <= 4 for a in pavilions)
    assert 0.30 < sum(a.category == "kuliner" for a in applicants) / len(applicants) < 0.40
    assert Counter(a.priority for a in applicants).most_common(1)[0][0] == 0
    per_region = Counter(a.region_code for a in applicants if "." in a.region_code)
    assert max(per_region.values()) >= 10 * min(per_region.values())
    assert len({a.applicant_id for a in applicants}) == len(applicants)


def test_provincial_expo_stays_in_its_provinces(tmp_path):
    event = synthetic.aceh_sumut_expo(1)
    assert {a.region_code[:2] for a in event.applicants} == {"11", "12"}
    synthetic.write_csv(event, tmp_path / "b.csv", tmp_path / "a.csv")
    header = (tmp_path / "a.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == ",".join(synthetic.APPLICANT_COLUMNS)
    assert len((tmp_path / "b.csv").read_text(encoding="utf-8").splitlines()) == 121
