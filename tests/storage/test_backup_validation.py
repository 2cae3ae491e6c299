"""Backup restore against hostile files: each one refused with a clear message, nothing written.

Every case starts from a real backup of a small event and breaks one thing, the way a damaged,
hand-edited or malicious file would. Each runs on SQLite and PostgreSQL, through the library and
the command line (exit 2, a message, no traceback).
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Callable

import pytest

from booth_planner.cli.backup import main
from booth_planner.core.model import Applicant, Booth
from booth_planner.storage import Store
from booth_planner.storage.backup import BackupError, export_document, restore_event
from booth_planner.storage.backup_validation import MAX_DECOMPRESSED_BYTES


def small_event(store: Store) -> int:
    """Six booths in a row, one blocked booth, two applicants, a few changes."""
    event = store.create_event("Pameran Kriya Sumut", venue="Lapangan Merdeka", city="Medan",
                               user="ani")
    booths = [Booth(f"A-0{n}", "Hall A", 3 * (n - 1), 0) for n in range(1, 6)]
    booths.append(Booth("A-06", "Hall A", 15, 0, zone="kuliner"))
    booths.append(Booth("B-01", "Hall B", 0, 0, status="blocked"))
    store.save_booths(event.id, booths, user="ani")
    store.save_applicants(event.id, [
        Applicant("P1", "UMKM Ulos Toba", "12.12", "tenun", product="Ulos", booths_requested=2),
        Applicant("P2", "IKM Kopi Sidikalang", "12.11", "kuliner", product="Kopi"),
    ], user="ani")
    store.assign(event.id, "A-01", "P1", user="ani")
    store.assign(event.id, "A-06", "P2", user="ani")
    return event.id


def _gz(document: object) -> bytes:
    return gzip.compress(json.dumps(document).encode())


def _set(path: str, value: object) -> Callable[[dict], bytes]:
    """A mutation that sets one field, named like ``booths.0.x``."""
    def mutate(document: dict) -> bytes:
        *parents, last = path.split(".")
        target = document
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        target[int(last) if isinstance(target, list) else last] = value
        return _gz(document)
    return mutate


def _all_booths_to_p2(document: dict) -> bytes:
    for booth in document["booths"]:
        if booth["status"] == "available":
            booth["applicant_id"], booth["zone"] = "P2", None
    return _gz(document)


def _same_place(document: dict) -> bytes:
    document["booths"][1]["x"] = document["booths"][0]["x"]
    return _gz(document)


def _raw(text_from: Callable[[str], str]) -> Callable[[dict], bytes]:
    """A mutation of the JSON text itself (what json.dumps would never write)."""
    return lambda document: gzip.compress(text_from(json.dumps(document)).encode())


def _history_booth_missing(document: dict) -> bytes:
    change = next(c for c in document["history"] if c["action"] == "booth.assign")
    change["details"]["booths"]["Z-99"] = change["details"]["booths"].pop("A-01")
    return _gz(document)


def _history_details_deep(document: dict) -> bytes:
    nested: object = 1
    for _ in range(50):
        nested = {"n": nested}
    document["history"][0]["details"] = {"deep": nested}
    return _gz(document)


def _duplicate_booth(document: dict) -> bytes:
    document["booths"].append({**document["booths"][0], "x": 90})
    return _gz(document)


def _duplicate_applicant(document: dict) -> bytes:
    document["applicants"].append(dict(document["applicants"][0]))
    return _gz(document)


def _gzip_bomb(_document: dict) -> bytes:
    """4 GB of zeros in about 4 MB: one small gzip member, repeated (a valid gzip file)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    member = packer.compress(b"\0" * (1 << 20)) + packer.flush()
    return member * 4096


def _deep_json(_document: dict) -> bytes:
    return gzip.compress(b"[" * 200_000 + b"]" * 200_000)


def _zone_mismatch(document: dict) -> bytes:
    booth = next(b for b in document["booths"] if b["applicant_id"] == "P1")
    booth["zone"] = "kuliner"
    return _gz(document)


def _blocked_holder(document: dict) -> bytes:
    booth = next(b for b in document["booths"] if b["applicant_id"] == "P1")
    booth["status"] = "blocked"
    return _gz(document)


def _locked_empty(document: dict) -> bytes:
    booth = next(b for b in document["booths"] if b["applicant_id"] is None)
    booth["locked"] = True
    return _gz(document)


def _truncated(document: dict) -> bytes:
    return _gz(document)[:-40]


# name, mutation, code, words the message must contain
HOSTILE = [
    ("one applicant holds six booths", _all_booths_to_p2, "invalid", "holds 6 booths"),
    ("two booths at the same place", _same_place, "invalid", "overlap"),
    ("x is Infinity", _raw(lambda t: t.replace('"x": 3.0', '"x": Infinity', 1)), "damaged",
     "Infinity"),
    ("x is NaN", _raw(lambda t: t.replace('"x": 3.0', '"x": NaN', 1)), "damaged", "NaN"),
    ("x is text", _set("booths.1.x", "abc"), "invalid", "booths[2].x"),
    ("a 100,000-character name", _set("applicants.0.name", "N" * 100_000), "invalid",
     "100,000 characters"),
    ("a 25-character region code", _set("applicants.0.region_code", "1" * 25), "invalid",
     "region_code"),
    ("a region not in the reference", _set("applicants.0.region_code", "99.99"), "invalid",
     "official list"),
    ("format_version -7", _set("format_version", -7), "damaged", "format version"),
    ("format_version true", _set("format_version", True), "damaged", "format version"),
    ("format_version as text", _set("format_version", "1"), "damaged", "format version"),
    ("slug climbing out of folders", _set("event.slug", "../../../etc/passwd"), "invalid",
     "safe address"),
    ("a 4 GB gzip bomb", _gzip_bomb, "too_large", "MB"),
    ("JSON nested 200,000 deep", _deep_json, "damaged", "nested"),
    ("an integer of 2**70", _set("booths.0.price_idr", 2**70), "invalid", "22-digit"),
    ("an integer of 5,000 digits", _raw(lambda t: t.replace('"version": 1', '"version": '
                                                            + "9" * 5000, 1)),
     "damaged", "value"),
    ("booths_requested true", _set("applicants.0.booths_requested", True), "invalid",
     "whole number"),
    ("booths_requested 0", _set("applicants.0.booths_requested", 0), "invalid", "outside"),
    ("negative width", _set("booths.0.width_m", -3), "invalid", "more than 0"),
    ("a blocked booth holding an applicant", _blocked_holder, "invalid", "blocked"),
    ("a zone holding another category", _zone_mismatch, "invalid", "zoned"),
    ("a locked booth without applicant", _locked_empty, "invalid", "locked"),
    ("a booth id used twice", _duplicate_booth, "invalid", "used twice"),
    ("an applicant id used twice", _duplicate_applicant, "invalid", "used twice"),
    ("a booth in a hall not listed", _set("booths.0.hall", "Hall Z"), "damaged", "Hall Z"),
    ("a booth held by an unknown applicant", _set("booths.1.applicant_id", "NOBODY"),
     "damaged", "NOBODY"),
    ("an empty event name", _set("event.name", "  "), "invalid", "empty"),
    ("an event ending before it starts", lambda d: _set("event.end_date", "2026-01-01")(
        {**d, "event": {**d["event"], "start_date": "2026-02-01"}}), "invalid", "ends before"),
    ("a date that is no date", _set("event.start_date", "kemarin"), "invalid", "ISO date"),
    ("history details nested 50 deep", _history_details_deep, "invalid", "nested deeper"),
    ("history user of 1,000 characters", _set("history.0.user", "u" * 1000), "invalid",
     "1,000 characters"),
    ("history booth state without fields", _set("history.1.details.booths",
                                                 {"A-01": {"before": {}, "after": {}}}),
     "invalid", "missing"),
    ("an alias to an unknown region", _set("region_aliases", {"toba": "77.77"}), "invalid",
     "official list"),
    ("booths not a list", _set("booths", {"A-01": 1}), "damaged", "booths"),
    ("a truncated gzip file", _truncated, "not_backup", "not a booth planner backup"),
    ("not UTF-8", lambda d: gzip.compress(b'{"format": "\xff\xfe"}'), "not_backup",
     "not a booth planner backup"),
    ("a list instead of a backup", lambda d: _gz([d]), "not_backup", "no format mark"),
]


@pytest.fixture
def event_and_document(store: Store) -> tuple[int, dict]:
    event_id = small_event(store)
    return event_id, export_document(store, event_id)


def _written(store: Store) -> tuple[int, int]:
    """Events and history entries in the whole database: what a refused restore must not add."""
    events = store.list_events()
    return len(events), sum(len(store.history(e.id, limit=10_000)) for e in events)


@pytest.mark.parametrize(("name", "mutate", "code", "words"), HOSTILE,
                         ids=[case[0] for case in HOSTILE])
def test_a_hostile_backup_is_refused_with_a_clear_message(store, event_and_document, name,
                                                          mutate, code, words):
    _, document = event_and_document
    data = mutate(json.loads(json.dumps(document)))
    before = _written(store)
    with pytest.raises(BackupError) as refused:
        restore_event(store, data, user="ani")
    assert refused.value.code == code, str(refused.value)
    assert words in str(refused.value)
    assert len(str(refused.value)) < 300  # a message, not a dump of the file
    assert _written(store) == before


def test_the_command_line_refuses_every_hostile_file_with_exit_2(store, event_and_document,
                                                                 tmp_path, capsys):
    _, document = event_and_document
    url = store.engine.url.render_as_string(hide_password=False)
    before = _written(store)
    for name, mutate, _code, _words in HOSTILE:
        path = tmp_path / "hostile.json.gz"
        path.write_bytes(mutate(json.loads(json.dumps(document))))
        assert main(["--database-url", url, "restore", str(path)]) == 2, name
        err = capsys.readouterr().err
        assert err.startswith("error: ") and "Traceback" not in err, (name, err)
    assert _written(store) == before


def test_a_file_bigger_than_the_cap_is_refused_before_reading(store, tmp_path, capsys):
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_DECOMPRESSED_BYTES + 1)  # sparse: no disk used
    url = store.engine.url.render_as_string(hide_password=False)
    assert main(["--database-url", url, "restore", str(path)]) == 2
    assert f"{MAX_DECOMPRESSED_BYTES // 2**20} MB" in capsys.readouterr().err


def test_an_undoable_entry_about_a_missing_booth_is_kept_but_not_undoable(store,
                                                                         event_and_document):
    _, document = event_and_document
    restored = restore_event(store, _history_booth_missing(document), user="ani")
    entry = next(c for c in store.history(restored.id) if "Z-99" in c.details.get("booths", {}))
    assert not entry.undoable
    undoable = [c for c in store.history(restored.id) if c.undoable and not c.undone_by]
    assert all(set(c.details["booths"]) <= {"A-01", "A-06"} for c in undoable)


def test_a_real_backup_still_restores(store, event_and_document):
    event_id, document = event_and_document
    restored = restore_event(store, _gz(document), user="ani")
    assert store.state(restored.id).assignments == store.state(event_id).assignments
