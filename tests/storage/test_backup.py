"""Backup: a whole event to one file and back, across SQLite and PostgreSQL, all or nothing."""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from pathlib import Path

import pytest

from booth_planner.accounts.roles import PermissionDenied, User, guarded
from booth_planner.core.model import Applicant, Assignment, Booth
from booth_planner.storage import Store, open_store
from booth_planner.storage.backup import (
    FORMAT_VERSION,
    BackupError,
    backup_file_name,
    export_document,
    export_event,
    read_document,
    restore_event,
)


def _busy_event(store: Store) -> int:
    """An event with the kinds of history a real one gathers: imports, edits, undo, allocation."""
    event = store.create_event("Pameran Produk Unggulan Sumut", venue="Lapangan Merdeka",
                               city="Medan", scope="regional", user="ani")
    store.save_booths(event.id, [
        Booth("A-01", "Hall A", 0, 0, price_idr=2_500_000),
        Booth("A-02", "Hall A", 3, 0, zone="kuliner"),
        Booth("A-03", "Hall A", 6, 0, booth_type="corner"),
        Booth("B-01", "Hall B", 0, 0, status="blocked"),
        Booth("B-02", "Hall B", 3, 0, width_m=6, depth_m=4),
    ], user="ani")
    store.save_applicants(event.id, [
        Applicant("P1", "UMKM Ulos Toba [contoh]", "12.12", "tenun", product="Ulos", priority=2),
        Applicant("P2", "IKM Kopi Sidikalang [contoh]", "12.11", "kuliner", product="Kopi"),
        Applicant("P3", "Dekranasda Nias [contoh]", "12.04", "kriya kayu",
                  locked_booth_ids=("A-03",)),
    ], user="budi")
    store.assign(event.id, "A-01", "P1", user="ani")
    store.assign(event.id, "A-02", "P2", user="budi")
    store.undo(event.id, user="budi")
    store.apply_allocation(event.id, [Assignment("A-02", "P2", source="auto"),
                                      Assignment("B-02", "P1", source="auto")],
                           keep={"A-03"}, user="optimiser", summary="run 1")
    store.remember_region_alias(event.id, "humbahas", "12.16", user="ani")
    return event.id


def _comparable(document: dict) -> dict:
    """A backup document without what a restore renumbers or restamps."""
    ids = {c["id"]: n for n, c in enumerate(document["history"])}
    history = []
    for change in document["history"]:
        details = dict(change["details"])
        if details.get("undoes") is not None:
            details["undoes"] = ids[details["undoes"]]
        history.append({**change, "id": None, "details": details,
                        "undone_by": ids.get(change["undone_by"])})
    return {**document, "exported_at": None, "history": history}


def _without_restore_entry(document: dict) -> dict:
    assert document["history"][-1]["action"] == "backup.restore"
    return {**document, "history": document["history"][:-1]}


@pytest.mark.postgres
def test_round_trip_sqlite_to_postgresql_and_back(sqlite_url, postgres_url, tmp_path):
    source = open_store(sqlite_url)
    event_id = _busy_event(source)
    original = export_document(source, event_id)
    data = export_event(source, event_id)

    on_postgres = open_store(postgres_url)
    copied = restore_event(on_postgres, data, user="restorer")
    assert copied.slug == "pameran-produk-unggulan-sumut"
    second = export_document(on_postgres, copied.id)
    assert _comparable(_without_restore_entry(second)) == _comparable(original)
    assert on_postgres.history(copied.id)[0].user == "restorer"

    back = open_store(f"sqlite:///{tmp_path / 'back.sqlite3'}")
    returned = restore_event(back, export_event(on_postgres, copied.id), user="restorer")
    state_then, state_now = source.state(event_id), back.state(returned.id)
    assert replace(state_now, event=replace(state_now.event, id=event_id)) == state_then
    assert back.booth_versions(returned.id) == source.booth_versions(event_id)
    third = export_document(back, returned.id)
    third["history"] = third["history"][:-2]  # the two restores
    assert _comparable(third) == _comparable(original)
    for store in (source, on_postgres, back):
        store.engine.dispose()


def test_restored_history_can_still_be_undone(store):
    event_id = _busy_event(store)
    copied = restore_event(store, export_event(store, event_id), user="restorer")
    assert copied.slug == "pameran-produk-unggulan-sumut-2"  # same database: a numbered slug
    assert copied.name == "Pameran Produk Unggulan Sumut (2)"
    undone = store.undo(copied.id, user="ani")  # the allocation, found through the history
    assert "allocation.apply" in undone.summary
    held = {a.booth_id: a.applicant_id for a in store.state(copied.id).assignments}
    assert held == {"A-01": "P1", "A-03": "P3"}
    assert {a.booth_id for a in store.state(event_id).assignments} == {"A-02", "A-03", "B-02"}


def test_a_file_from_a_newer_format_is_refused_with_a_clear_message(sqlite_store):
    event_id = _busy_event(sqlite_store)
    document = export_document(sqlite_store, event_id)
    document["format_version"] = FORMAT_VERSION + 1
    newer = gzip.compress(json.dumps(document).encode())
    with pytest.raises(BackupError) as refused:
        restore_event(sqlite_store, newer, user="ani")
    assert refused.value.code == "newer_format"
    assert "newer version" in str(refused.value) and "update the app" in str(refused.value)
    assert len(sqlite_store.list_events()) == 1


@pytest.mark.parametrize("data", [b"", b"booth_id,hall\nA-01,Hall A\n",
                                  gzip.compress(b'{"format": "something else"}'),
                                  gzip.compress(b"[1, 2")])
def test_what_is_not_a_backup_is_refused(sqlite_store, data):
    with pytest.raises(BackupError) as refused:
        read_document(data)
    assert refused.value.code == "not_backup"


def test_a_damaged_backup_writes_nothing(store):
    event_id = _busy_event(store)
    document = export_document(store, event_id)
    before = len(store.list_events())
    # Late in the file, after the event, halls and applicants would have been inserted.
    document["booths"][-1]["applicant_id"] = "NOBODY"
    with pytest.raises(BackupError) as refused:
        restore_event(store, gzip.compress(json.dumps(document).encode()), user="ani")
    assert refused.value.code == "damaged" and "booths[5]" in str(refused.value)
    del document["booths"][-1]["applicant_id"]
    document["history"][-1]["user"] = None  # the database refuses this one itself
    with pytest.raises(BackupError):
        restore_event(store, gzip.compress(json.dumps(document).encode()), user="ani")
    assert len(store.list_events()) == before


def test_a_viewer_cannot_restore(sqlite_store):
    event_id = _busy_event(sqlite_store)
    data = export_event(sqlite_store, event_id)
    with pytest.raises(PermissionDenied):
        restore_event(guarded(sqlite_store, User("kantor-dinas", "viewer")), data, user="x")
    assert len(sqlite_store.list_events()) == 1


def test_file_name_says_event_and_date(sqlite_store):
    event = sqlite_store.event(_busy_event(sqlite_store))
    from datetime import UTC, datetime
    name = backup_file_name(event, datetime(2026, 11, 23, 19, 5, tzinfo=UTC))
    # Dated in WIB as the app shows times: 19:05 UTC is already the next day in Medan.
    assert name == "pameran-produk-unggulan-sumut-cadangan-20261124-0205.json.gz"


def test_command_line_backs_up_and_restores(sqlite_url, tmp_path, capsys):
    from booth_planner.cli import main as cli_main

    def main(argv):
        return cli_main(["backup", *argv])

    store = open_store(sqlite_url)
    event_id = _busy_event(store)
    assert main(["--database-url", sqlite_url, "export", "pameran-produk-unggulan-sumut",
                 "--out", str(tmp_path)]) == 0
    written = Path(capsys.readouterr().out.strip())
    assert written.parent == tmp_path and written.name.endswith(".json.gz")
    other = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    assert main(["--database-url", other, "restore", str(written), "--user", "cron"]) == 0
    copy = open_store(other)
    restored = copy.list_events()[0]
    assert copy.state(restored.id).assignments == store.state(event_id).assignments
    assert main(["--database-url", sqlite_url, "export", "no-such-event"]) == 2
    assert main(["--database-url", other, "restore", str(tmp_path / "missing.json.gz")]) == 2
    for s in (store, copy):
        s.engine.dispose()
