"""A gallery's backup restores as a gallery: periods, members' extras, roster and sales."""

from __future__ import annotations

import gzip
import json

import pytest

from booth_planner.demo.gallery import create_gallery_demo
from booth_planner.storage.backup import BackupError, export_document, export_event, restore_event
from booth_planner.storage.gallery import GalleryStore


@pytest.fixture
def gallery(store):
    """The demo gallery with one recorded sale, and its gallery store."""
    galleries = GalleryStore(store)
    event = create_gallery_demo(store)
    turn = next(t for t in galleries.state(event.id).turns if not t.locked)
    galleries.record_sale(event.id, turn.period_id, turn.applicant_id, sales_idr=1_250_000,
                          items=14, note="ramai saat HUT kota", user="ani")
    return galleries, event


def test_a_gallery_backup_restores_its_roster_members_and_sales(gallery):
    galleries, event = gallery
    restored = restore_event(galleries.store, export_event(galleries.store, event.id),
                             user="budi")
    before, after = galleries.state(event.id), galleries.state(restored.id)
    assert galleries.is_gallery(restored.id)
    assert (after.home_region, after.max_consecutive) == (before.home_region,
                                                         before.max_consecutive)
    assert after.periods == before.periods
    assert sorted(map(str, after.turns)) == sorted(map(str, before.turns))
    assert [(m.applicant_id, m.turns_before, m.unavailable_periods) for m in after.members] == [
        (m.applicant_id, m.turns_before, m.unavailable_periods) for m in before.members]
    sold = [(s.period_id, s.applicant_id, s.sales_idr, s.items, s.note)
            for s in galleries.sales(restored.id)]
    assert sold == [(s.period_id, s.applicant_id, s.sales_idr, s.items, s.note)
                    for s in galleries.sales(event.id)]


def _first_two_turns_in_one_space(document: dict) -> None:
    first, second = document["gallery"]["turns"][:2]
    second.update(period_id=first["period_id"], booth_id=first["booth_id"])


HOSTILE = [
    ("a kecamatan not in the reference", lambda d: d["applicants"][1].update(
        region_code="32.75.99"), "not a region"),
    ("a turn in a period the gallery lacks", lambda d: d["gallery"]["turns"][0].update(
        period_id="2031-13"), "not one of the gallery's periods"),
    ("two members in one space and period", _first_two_turns_in_one_space, "holds two members"),
    ("overlapping periods", lambda d: d["gallery"]["periods"][1].update(
        start=d["gallery"]["periods"][0]["start"]), "overlaps"),
    ("a period ending before it starts", lambda d: d["gallery"]["periods"][0].update(
        end="2020-01-01"), "ends before it starts"),
    ("a negative sale", lambda d: d["gallery"]["sales"][0].update(sales_idr=-1), "sales_idr"),
    ("a member who is no applicant", lambda d: d["gallery"]["members"][0].update(
        applicant_id="NOBODY"), "not in the backup"),
    ("negative turns before", lambda d: d["gallery"]["members"][0].update(turns_before=-3),
     "turns_before"),
    ("a gallery part that is no record", lambda d: d.update(gallery=[1, 2]), "gallery"),
    ("an unknown kind of event", lambda d: d["event"].update(kind="bazaar"), "kind"),
]


@pytest.mark.parametrize(("name", "change", "words"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_broken_gallery_backup_is_refused_and_nothing_written(gallery, name, change, words):
    galleries, event = gallery
    document = json.loads(json.dumps(export_document(galleries.store, event.id)))
    change(document)
    events = len(galleries.store.list_events())
    with pytest.raises(BackupError) as refused:
        restore_event(galleries.store, gzip.compress(json.dumps(document).encode()), user="b")
    assert words in str(refused.value), name
    assert len(galleries.store.list_events()) == events
