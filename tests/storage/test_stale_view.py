"""A view older than another organizer's change cannot give an applicant more booths than asked.

Booth versions catch a change to the booths a view touches; the applicant's other booths are
checked at the moment of writing, in the database, on both backends.
"""

from __future__ import annotations

import threading
from collections import Counter

import pytest

from booth_planner.core.model import Applicant, Booth
from booth_planner.storage import RuleError, Store, StoreError, make_engine


def _event(store: Store) -> int:
    event = store.create_event("Pameran Kriya", user="ani")
    store.save_booths(event.id, [Booth(f"A-0{n}", "Hall A", 3 * n, 0) for n in range(1, 7)],
                      user="ani")
    store.save_applicants(event.id, [Applicant("P1", "UMKM Ulos", "12.12", "tenun"),
                                     Applicant("P2", "IKM Batik", "12.71", "batik",
                                               booths_requested=2)], user="ani")
    return event.id


def _held(store: Store, event_id: int) -> Counter:
    return Counter(a.applicant_id for a in store.state(event_id).assignments)


def test_an_assign_from_a_stale_view_does_not_give_an_extra_booth(store, database_url):
    event_id = _event(store)
    other = Store(make_engine(database_url))
    seen = store.booth_versions(event_id)  # Ani's view, drawn before Budi's change
    other.assign(event_id, "A-01", "P1", user="budi")
    with pytest.raises(RuleError) as refused:
        store.assign(event_id, "A-02", "P1", user="ani", expected_version=seen.get("A-02"))
    assert "P1" in str(refused.value) and "Nothing was written" in str(refused.value)
    assert _held(store, event_id) == {"P1": 1}
    assert store.history(event_id)[0].user == "budi"
    other.engine.dispose()


def test_a_move_or_a_second_booth_within_the_request_still_works(store):
    event_id = _event(store)
    store.assign(event_id, "A-01", "P1", user="ani")
    store.move(event_id, "A-01", "A-02", user="ani")
    store.swap(event_id, "A-02", "A-03", user="ani")
    store.assign(event_id, "A-05", "P2", user="ani")
    store.assign(event_id, "A-06", "P2", user="ani")
    assert _held(store, event_id) == {"P1": 1, "P2": 2}
    with pytest.raises(RuleError):
        store.assign(event_id, "A-04", "P2", user="ani")


def test_two_organizers_at_once_give_the_applicant_one_booth(store, database_url):
    event_id = _event(store)
    stores = [Store(make_engine(database_url)) for _ in range(2)]
    for _ in range(3):
        for held in store.state(event_id).assignments:  # a fresh start for each attempt
            store.unassign(event_id, held.booth_id, user="ani")
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def take(organizer: Store, booth_id: str, barrier: threading.Barrier = barrier,
                 outcomes: list[str] = outcomes) -> None:
            seen = organizer.booth_versions(event_id)
            barrier.wait()
            try:
                organizer.assign(event_id, booth_id, "P1", user=booth_id,
                                 expected_version=seen.get(booth_id))
                outcomes.append("ok")
            except StoreError:
                outcomes.append("refused")

        threads = [threading.Thread(target=take, args=(s, b))
                   for s, b in zip(stores, ("A-03", "A-04"), strict=True)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert sorted(outcomes) == ["ok", "refused"]
        assert _held(store, event_id) == {"P1": 1}
    for s in stores:
        s.engine.dispose()
