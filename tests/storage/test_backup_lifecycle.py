"""A backup carries the call for exhibitors: statuses, payment, certificates, holds and rules."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, date, datetime, timedelta

import pytest

from booth_planner.core.model import Applicant, Booth
from booth_planner.lifecycle.curation import Certificate
from booth_planner.lifecycle.payment import Payment
from booth_planner.storage import LifecycleStore, Store
from booth_planner.storage.backup import BackupError, export_document, export_event, restore_event

LATER = datetime(2099, 1, 1, 17, 0, tzinfo=UTC)


def lifecycle_event(store: Store) -> tuple[LifecycleStore, int]:
    """An event in the middle of its call: every lifecycle field set somewhere."""
    life = LifecycleStore(store.engine)
    event = life.create_event("Pameran Seleksi", user="ani")
    life.save_booths(event.id, [Booth("A-01", "Hall A", 0, 0, price_idr=2_000_000),
                                Booth("A-02", "Hall A", 3, 0), Booth("A-03", "Hall A", 6, 0)],
                     user="ani")
    life.save_applicants(event.id, [
        Applicant("P1", "UMKM Ulos Toba [contoh]", "12.12", "tenun", product="Ulos"),
        Applicant("P2", "IKM Kopi Sidikalang [contoh]", "12.11", "kuliner", product="Kopi"),
        Applicant("P3", "Sanggar Nias [contoh]", "12.04", "anyaman"),
    ], user="ani")
    life.set_certificate_rules(event.id, {"kuliner": [["P-IRT", "BPOM"], ["halal"]]}, user="ani")
    life.save_certificate(event.id, "P2", Certificate("P-IRT", "1234567890123-45",
                                                      date(2030, 6, 30)), user="ani")
    life.change_status(event.id, ["P3"], "ditolak", reason="produk tidak sesuai kurasi",
                       user="ani")
    life.set_payment(event.id, ["P1"], Payment("lunas", date(2026, 11, 20), 2_000_000),
                     user="ani")
    life.set_payment(event.id, ["P2"], Payment("gratis", sponsor="BUMN Inalum"), user="ani")
    life.hold(event.id, ["A-02"], "P2", LATER, user="ani")
    return life, event.id


def lifecycle_view(life: LifecycleStore, event_id: int) -> dict:
    """What the lifecycle reads of an event, keyed by applicant and booth ids."""
    seen = life.lifecycle(event_id)
    return {"statuses": dict(seen.statuses), "reasons": dict(seen.reasons),
            "payments": dict(seen.payments),
            "certificates": {k: tuple(v) for k, v in seen.certificates.items()},
            "holds": sorted((h.booth_id, h.applicant_id, h.kind, h.until) for h in seen.holds),
            "rules": seen.rules}


def test_a_backup_restores_the_call_as_it_was(store):
    life, event_id = lifecycle_event(store)
    before = lifecycle_view(life, event_id)
    assert before["statuses"]["P3"] == "ditolak" and before["holds"]
    restored = restore_event(life, export_event(life, event_id), user="budi")
    after = lifecycle_view(life, restored.id)
    assert after == before
    # The held booth still looks taken to everyone in the copy.
    holders = {a.booth_id: a.applicant_id for a in life.state(restored.id).assignments}
    assert holders["A-02"] == "P2"


def test_a_backup_from_before_the_lifecycle_restores_as_accepted_and_unpaid(store):
    life, event_id = lifecycle_event(store)
    document = export_document(life, event_id)
    for part in ("certificates", "holds"):
        del document[part]
    del document["event"]["certificate_rules"]
    for record in document["applicants"]:
        for name in ("status", "status_reason", "status_at", "payment_status", "paid_on",
                     "paid_idr", "sponsor"):
            del record[name]
    restored = restore_event(life, gzip.compress(json.dumps(document).encode()), user="budi")
    view = lifecycle_view(life, restored.id)
    assert set(view["statuses"].values()) == {"diterima"}
    assert {p.status for p in view["payments"].values()} == {"belum_bayar"}
    assert view["holds"] == [] and view["rules"] is None


def _mutated(document: dict, change) -> bytes:  # noqa: ANN001
    copy = json.loads(json.dumps(document))
    change(copy)
    return gzip.compress(json.dumps(copy).encode())


HOSTILE = [
    ("an unknown status", lambda d: d["applicants"][0].update(status="lulus"), "status"),
    ("a negative payment", lambda d: d["applicants"][0].update(paid_idr=-5), "paid_idr"),
    ("a payment status of the future", lambda d: d["applicants"][0].update(
        payment_status="cicilan"), "payment_status"),
    ("a certificate of nobody", lambda d: d["certificates"][0].update(applicant_id="P9"),
     "not in the backup"),
    ("an open hold on someone else's booth", lambda d: d["holds"][0].update(applicant_id="P1"),
     "not theirs"),
    ("a hold on a missing booth", lambda d: d["holds"][0].update(booth_id="Z-99"),
     "not in the backup"),
    ("a hold in an unknown state", lambda d: d["holds"][0].update(state="paused"), "state"),
    ("a hold whose deadline is no date", lambda d: d["holds"][0].update(until="besok"),
     "ISO date"),
    ("holds not a list", lambda d: d.update(holds={"A-02": "P2"}), "holds"),
    ("rules that are not lists", lambda d: d["event"].update(
        certificate_rules={"kuliner": "P-IRT"}), "certificate_rules"),
]


@pytest.mark.parametrize(("name", "change", "words"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_backup_with_a_broken_call_is_refused_and_nothing_written(store, name, change, words):
    life, event_id = lifecycle_event(store)
    document = export_document(life, event_id)
    events = len(life.list_events())
    with pytest.raises(BackupError) as refused:
        restore_event(life, _mutated(document, change), user="budi")
    assert words in str(refused.value), name
    assert len(life.list_events()) == events


def test_an_expired_hold_in_a_backup_is_released_on_the_first_read_of_the_copy(store):
    life, event_id = lifecycle_event(store)
    document = export_document(life, event_id)
    document["holds"][0]["until"] = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    restored = restore_event(life, gzip.compress(json.dumps(document).encode()), user="budi")
    assert lifecycle_view(life, restored.id)["holds"] == []
    holders = {a.booth_id for a in life.state(restored.id).assignments}
    assert "A-02" not in holders
