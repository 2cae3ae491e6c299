"""The demo events: realistic, complete for Aceh and Sumatera Utara, clearly sample data."""

from booth_planner.core import regions
from booth_planner.core.geometry import overlapping_booths
from booth_planner.coverage import coverage_summary
from booth_planner.demo.events import (
    DEMO_USER,
    SAMPLE_MARK,
    create_pon_demo,
    demo_products,
    ensure_demo_events,
    national_applicants,
    national_booths,
    pon_applicants,
    pon_booths,
    reset_demo,
)
from booth_planner.overview import event_overview, hall_overview


def test_every_kabupaten_kota_of_aceh_and_sumut_has_products_and_applicants():
    wanted = {r.code for p in ("11", "12") for r in regions.kabupaten_kota(p)}
    assert len(wanted) == 23 + 33
    assert {row["region_code"] for row in demo_products()} == wanted
    applying = {a.region_code for a in pon_applicants()}
    assert applying == wanted | {"11", "12"}


def test_demo_exhibitors_are_marked_as_sample_data_and_ids_are_unique():
    for applicants in (pon_applicants(), national_applicants()):
        assert all(SAMPLE_MARK in a.name for a in applicants)
        ids = [a.applicant_id for a in applicants]
        assert len(ids) == len(set(ids))


def test_demo_layouts_are_sound():
    for booths in (pon_booths(), national_booths()):
        assert overlapping_booths(booths) == []
        assert len({b.booth_id for b in booths}) == len(booths)
        assert any(b.zone == "kuliner" for b in booths)
        assert any(b.is_blocked for b in booths)
    assert len(pon_booths()) == 120
    assert len(national_booths()) >= 1000


def test_national_demo_has_a_pavilion_for_each_of_38_provinces():
    pavilions = [a for a in national_applicants() if a.applicant_id.startswith("DK-")]
    assert len(pavilions) == 38
    assert all(2 <= a.booths_requested <= 4 for a in pavilions)
    assert {a.region_code[:2] for a in national_applicants()} == \
        {p.code for p in regions.provinces()}


def test_demo_events_are_created_once_in_an_empty_database(sqlite_store):
    created = ensure_demo_events(sqlite_store)
    assert [e.slug for e in created] == ["pon-xxi-2024", "kriya-nusantara-nasional"]
    assert ensure_demo_events(sqlite_store) == []
    assert len(sqlite_store.list_events()) == 2


def test_overview_of_the_pon_demo(sqlite_store):
    event = create_pon_demo(sqlite_store)
    figures = event_overview(sqlite_store.state(event.id))
    assert (figures.booths, figures.assigned, figures.blocked, figures.free) == (120, 116, 4, 0)
    # 56 kabupaten/kota applied; the two Dekranasda provinsi pavilions are counted apart.
    assert (figures.regions.applied, figures.regions.represented) == (56, 56)
    assert (figures.regions.province_level_applied, figures.regions.provinces_applied) == (2, 2)
    assert figures.sample_data
    halls = hall_overview(sqlite_store.state(event.id))
    assert [(h["hall"], h["booths"], h["assigned"], h["free"]) for h in halls] == \
        [("Hall A", 72, 69, 0), ("Hall B", 48, 47, 0)]


def test_the_demos_arrive_allocated_by_the_engine(sqlite_store):
    for event in ensure_demo_events(sqlite_store):
        state = sqlite_store.state(event.id)
        summary = coverage_summary(state)
        assert summary.booths_free == 0, event.slug  # every usable booth is given out
        assert summary.kabkota_represented == summary.kabkota_applied, event.slug
        assert summary.province_level_represented == summary.province_level_applied
        allocations = [c for c in sqlite_store.history(event.id) if c.action == "allocation.apply"]
        assert len(allocations) == 1 and allocations[0].user == DEMO_USER


def test_resetting_a_demo_brings_back_its_first_state(sqlite_store):
    pon = create_pon_demo(sqlite_store)
    first = sqlite_store.state(pon.id)
    booth = first.assignments[0].booth_id
    sqlite_store.unassign(pon.id, booth, user="t")
    again = reset_demo(sqlite_store, pon.slug)
    assert [e.slug for e in sqlite_store.list_events()] == [pon.slug]
    after = sqlite_store.state(again.id)
    assert len(after.assignments) == len(first.assignments)
    assert booth in after.assignment_by_booth()
    assert coverage_summary(after).booths_free == 0


def test_demo_exhibitors_have_sample_profiles_that_cannot_reach_anyone_real():
    from urllib.parse import urlsplit

    from booth_planner.directory.profile import check_link

    for applicants in (pon_applicants(), national_applicants()):
        assert all(a.description and a.description.endswith(SAMPLE_MARK) for a in applicants)
        linked = [a for a in applicants if a.links]
        assert len(applicants) // 4 < len(linked) < len(applicants) // 2
        for a in linked:
            assert [check_link(link) for link in a.links] == list(a.links)
            assert all(urlsplit(link).hostname.endswith(".example") for link in a.links)
        assert not any(a.whatsapp for a in applicants)  # a made-up number may be someone's


def test_the_laid_out_demo_waitlists_whom_it_could_not_place_with_the_reason(tmp_path):
    from booth_planner.storage import open_store

    store = open_store(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    try:
        event = create_pon_demo(store)
        state, life = store.state(event.id), store.lifecycle(event.id)
        placed = {a.applicant_id for a in state.assignments}
        unplaced = {a.applicant_id for a in state.applicants} - placed
        assert unplaced  # 150 applicants for 116 usable booths
        assert {life.statuses[a] for a in unplaced} == {"daftar_tunggu"}
        assert all(life.reasons[a] for a in unplaced)
        assert {life.statuses[a] for a in placed} == {"diterima"}
    finally:
        store.engine.dispose()
