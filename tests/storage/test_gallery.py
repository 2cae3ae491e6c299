"""The gallery in the database: demo planned, swaps version-checked, undo, sales."""

from __future__ import annotations

from datetime import date

import pytest

from booth_planner.demo.gallery import GALLERY_NAME, create_gallery_demo
from booth_planner.rotation import generate_periods, plan_rotation
from booth_planner.rotation.carry import carry_earlier_turns
from booth_planner.rotation.model import Turn
from booth_planner.storage import open_store
from booth_planner.storage.gallery import GalleryStore
from booth_planner.storage.store import ConflictError, NotFoundError, RuleError


@pytest.fixture(scope="module")
def gallery(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('gallery') / 'g.sqlite'}"
    store = open_store(url)
    event = create_gallery_demo(store)
    yield store, GalleryStore(store), event
    store.engine.dispose()


def two_free_members(state, period_id):
    """Two unlocked single-space turns of one period in unzoned spaces."""
    booths = state.event.booth_by_id()
    found = [t for t in state.turns if t.period_id == period_id and not t.locked
             and booths[t.booth_ids[0]].zone is None]
    return found[0], found[1]


def test_the_demo_is_a_planned_gallery_of_kota_bekasi(gallery):
    store, galleries, event = gallery
    state = galleries.state(event.id)
    assert event.name == GALLERY_NAME and galleries.is_gallery(event.id)
    assert state.home_region == "32.75" and len(state.periods) == 12
    assert len(state.event.booths) == 24 and len({b.hall for b in state.event.booths}) == 2
    assert any(b.zone == "kuliner" for b in state.event.booths)
    assert len(state.members) == 90
    assert {m.applicant.region_code for m in state.members} >= {
        f"32.75.{i:02d}" for i in range(1, 13)}
    assert any(m.turns_before for m in state.members)
    assert all("[contoh]" in m.applicant.name for m in state.members)
    cells = [(t.period_id, b) for t in state.turns for b in t.booth_ids]
    assert len(cells) == len(set(cells)) == 12 * 24  # every space taken every month


def test_swap_is_version_checked_recorded_and_undoable(gallery):
    store, galleries, event = gallery
    state = galleries.state(event.id)
    first, second = two_free_members(state, "2027-03")
    a, b = first.booth_ids[0], second.booth_ids[0]
    seen = {a: state.versions[("2027-03", a)], b: state.versions[("2027-03", b)]}
    galleries.swap(event.id, "2027-03", a, b, user="rina", expected_versions=seen)
    after = galleries.state(event.id).holder()
    assert after[("2027-03", a)].applicant_id == second.applicant_id
    assert after[("2027-03", b)].applicant_id == first.applicant_id
    with pytest.raises(ConflictError):  # a second organizer with the old versions
        galleries.swap(event.id, "2027-03", a, b, user="budi", expected_versions=seen)
    assert store.history(event.id)[0].action == "roster.swap"
    galleries.undo(event.id, user="rina")
    back = galleries.state(event.id).holder()
    assert back[("2027-03", a)].applicant_id == first.applicant_id
    assert store.history(event.id)[0].action == "roster.undo"


def test_rules_refuse_a_tenant_a_zone_and_an_unavailable_member(gallery):
    store, galleries, event = gallery
    state = galleries.state(event.id)
    holder = state.holder()
    booths = state.event.booth_by_id()
    tenant = next(t for t in state.turns if t.locked)
    other = next(t for t in state.turns if t.period_id == tenant.period_id and not t.locked)
    with pytest.raises(RuleError):
        galleries.swap(event.id, tenant.period_id, tenant.booth_ids[0], other.booth_ids[0],
                       user="rina")
    period = "2027-05"
    kuliner = next(b for b in booths.values() if b.zone == "kuliner")
    craft = next(t for t in state.turns if t.period_id == period and not t.locked
                 and booths[t.booth_ids[0]].zone is None
                 and next(m for m in state.members
                          if m.applicant_id == t.applicant_id).applicant.category != "kuliner")
    assert holder[(period, kuliner.booth_id)]
    with pytest.raises(RuleError, match="zoned"):
        galleries.swap(event.id, period, craft.booth_ids[0], kuliner.booth_id, user="rina")


def test_sales_per_turn_with_versions(gallery):
    store, galleries, event = gallery
    turn = galleries.state(event.id).turns[5]
    version = galleries.record_sale(event.id, turn.period_id, turn.applicant_id,
                                    sales_idr=2_500_000, items=40, note="ramai", user="rina")
    assert version == 1
    with pytest.raises(ConflictError):
        galleries.record_sale(event.id, turn.period_id, turn.applicant_id, sales_idr=1,
                              items=1, user="budi", expected_version=0)
    galleries.record_sale(event.id, turn.period_id, turn.applicant_id, sales_idr=3_000_000,
                          items=45, user="rina", expected_version=1)
    sale = next(s for s in galleries.sales(event.id) if s.applicant_id == turn.applicant_id)
    assert (sale.sales_idr, sale.items, sale.version) == (3_000_000, 45, 2)
    with pytest.raises(RuleError):
        galleries.record_sale(event.id, turn.period_id, turn.applicant_id, sales_idr=-1,
                              items=0, user="rina")
    with pytest.raises(NotFoundError):
        galleries.record_sale(event.id, "2030-01", turn.applicant_id, sales_idr=1, items=0,
                              user="rina")


def test_review_names_top_and_bottom_sellers_per_category(gallery):
    from booth_planner.rotation.view import review, sales_by, sales_frame

    store, galleries, event = gallery
    state = galleries.state(event.id)
    members = {m.applicant_id: m.applicant for m in state.members}
    batik = [t for t in state.turns if members[t.applicant_id].category == "batik"][:4]
    for amount, turn in zip((4_000_000, 1_000_000, 3_000_000, 2_000_000), batik, strict=True):
        galleries.record_sale(event.id, turn.period_id, turn.applicant_id, sales_idr=amount,
                              items=1, user="rina")
    frame = sales_frame(state, galleries.sales(event.id))
    verdict = review(frame[frame["category"] == "batik"], count=1)
    tops = verdict[verdict["rank"] == "top"]["sales_idr"].tolist()
    bottoms = verdict[verdict["rank"] == "bottom"]["sales_idr"].tolist()
    assert tops == [max(frame[frame["category"] == "batik"].groupby("applicant_id")
                        ["sales_idr"].sum())]
    assert bottoms and bottoms[0] < tops[0]
    assert sales_by(frame, "region_name")["sales_idr"].sum() == frame["sales_idr"].sum()


@pytest.fixture
def own_gallery(tmp_path):
    """A demo gallery in a database of its own, for a test that replaces its periods."""
    store = open_store(f"sqlite:///{tmp_path / 'g.sqlite'}")
    yield store, GalleryStore(store), create_gallery_demo(store)
    store.engine.dispose()


def test_new_periods_and_their_plan_land_together_or_not_at_all(own_gallery):
    _store, galleries, event = own_gallery

    state = galleries.state(event.id)
    periods = generate_periods(date(2028, 1, 3), "2w", 6)
    plan = plan_rotation(state.event.booths, state.members, periods)
    galleries.save_periods(event.id, periods, user="ani", turns=plan.turns)
    after = galleries.state(event.id)
    assert [p.period_id for p in after.periods] == [p.period_id for p in periods]
    assert sorted(after.turns, key=str) == sorted(plan.turns, key=str)
    # A plan naming a member the gallery does not have: refused, the old periods and roster
    # stay as they were.
    bad = (*plan.turns, Turn(periods[0].period_id, "NOBODY", (state.event.booths[0].booth_id,)))
    with pytest.raises(NotFoundError):
        galleries.save_periods(event.id, generate_periods(date(2029, 1, 1), "1m", 2),
                               user="ani", turns=bad)
    again = galleries.state(event.id)
    assert again.periods == after.periods and sorted(again.turns, key=str) == sorted(
        after.turns, key=str)


def test_new_periods_store_the_turns_before_their_plan_used(own_gallery):
    _store, galleries, event = own_gallery

    state = galleries.state(event.id)
    periods = generate_periods(date(2028, 1, 1), "1m", 12)
    carried = carry_earlier_turns(state.members, state.periods, state.turns, periods)
    assert carried.turns_counted == sum(1 for t in state.turns if not t.locked)
    plan = plan_rotation(state.event.booths, carried.members, periods)
    galleries.save_periods(event.id, periods, user="ani", turns=plan.turns,
                           turns_before={m.applicant_id: m.turns_before
                                         for m in carried.members})
    stored = {m.applicant_id: m.turns_before for m in galleries.state(event.id).members}
    assert stored == {m.applicant_id: m.turns_before for m in carried.members}
    with pytest.raises(NotFoundError):
        galleries.save_periods(event.id, periods, user="ani", turns_before={"NOBODY": 1})
    assert {m.applicant_id: m.turns_before
            for m in galleries.state(event.id).members} == stored


def test_deleting_the_gallery_removes_its_rows(gallery):
    store, galleries, event = gallery
    store.delete_event(event.id)
    assert event.id not in galleries.gallery_ids()
