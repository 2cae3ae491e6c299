"""Backing up a whole event to one file, and restoring it into any database.

The file is gzip-compressed JSON: the event, its halls, booths (with their assignments), applicants
(with their status and payment), their certificates, holds and offers, a gallery's periods,
roster and sales, region aliases and the full change history, plus a ``format_version``. A restore creates a new
event in one transaction, so a damaged file or a failure half-way leaves the database untouched;
a file from a newer format is refused with a message that says to update the app.
"""

from __future__ import annotations

import gzip
import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DataError, IntegrityError

from booth_planner.core.local_time import local_time
from booth_planner.core.model import EventInfo
from booth_planner.core.text import slugify
from booth_planner.storage import Store, backup_validation
from booth_planner.storage.backup_validation import BackupError
from booth_planner.storage.migrate import head_revision
from booth_planner.storage.tables import (
    ApplicantRow,
    BoothRow,
    CertificateRow,
    ChangeRow,
    EventRow,
    GalleryMemberRow,
    GalleryPeriodRow,
    HallRow,
    HoldRow,
    RegionAliasRow,
    RosterTurnRow,
    TurnSaleRow,
)

FORMAT = "booth-planner-event-backup"
FORMAT_VERSION = 1
FILE_SUFFIX = ".json.gz"

_EVENT_FIELDS = ("slug", "name", "venue", "city", "start_date", "end_date", "scope")
# A gallery's own fields (migration 0004): optional, so expo backups from before still restore.
_GALLERY_EVENT_FIELDS = ("kind", "home_region", "max_consecutive")
_APPLICANT_FIELDS = ("applicant_id", "name", "region_code", "category", "product",
                     "booths_requested", "priority", "position", "version")
# Profile fields came later (migration 0005): optional, so older backups still restore.
_APPLICANT_PROFILE_FIELDS = ("whatsapp", "links", "description")
# Lifecycle fields came later still (migration 0008): optional too; without them an applicant is
# accepted and unpaid, as every applicant from before the lifecycle became.
_APPLICANT_LIFECYCLE_FIELDS = ("status", "status_reason", "status_at", "payment_status",
                               "paid_on", "paid_idr", "sponsor")
_APPLICANT_LIFECYCLE_DATES = {"status_at": datetime, "paid_on": date}
_HOLD_MOMENTS = ("until", "created_at", "closed_at")
_BOOTH_FIELDS = ("booth_id", "x", "y", "width_m", "depth_m", "zone", "booth_type", "status",
                 "price_idr", "locked", "assignment_source", "version", "updated_by")


def _iso(value: date | datetime | None) -> str | None:
    """ISO text; the store writes UTC, and SQLite hands it back without a zone, so say it."""
    if isinstance(value, datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat() if value is not None else None


def _when(text: str | None) -> datetime | None:
    if text is None:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def export_document(store: Store, event_id: int) -> dict[str, Any]:
    """The whole event as one JSON-ready document, read from one consistent snapshot."""
    with store.read() as session:
        event = session.get(EventRow, event_id)
        if event is None:
            raise BackupError("no_event", f"event {event_id} does not exist")
        halls = session.scalars(select(HallRow).where(HallRow.event_id == event_id)
                                .order_by(HallRow.position, HallRow.id)).all()
        applicants = session.scalars(select(ApplicantRow).where(ApplicantRow.event_id == event_id)
                                     .order_by(ApplicantRow.position, ApplicantRow.id)).all()
        booths = session.scalars(select(BoothRow).where(BoothRow.event_id == event_id)
                                 .order_by(BoothRow.id)).all()
        aliases = session.scalars(select(RegionAliasRow).where(RegionAliasRow.event_id == event_id)
                                  .order_by(RegionAliasRow.alias)).all()
        changes = session.scalars(select(ChangeRow).where(ChangeRow.event_id == event_id)
                                  .order_by(ChangeRow.id)).all()
        certificates = session.scalars(select(CertificateRow).where(
            CertificateRow.event_id == event_id).order_by(CertificateRow.id)).all()
        holds = session.scalars(select(HoldRow).where(HoldRow.event_id == event_id)
                                .order_by(HoldRow.id)).all()
        gallery = _gallery_part(session, event, applicants, booths)
    hall_name = {h.id: h.name for h in halls}
    code_of = {a.id: a.applicant_id for a in applicants}
    booth_code = {b.id: b.booth_id for b in booths}
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_revision": head_revision(),
        "exported_at": datetime.now(UTC).isoformat(),
        "event": {**{f: _iso(getattr(event, f)) if f.endswith("_date") else getattr(event, f)
                     for f in _EVENT_FIELDS}, "created_at": _iso(event.created_at),
                  "certificate_rules": event.certificate_rules,
                  **{f: getattr(event, f) for f in _GALLERY_EVENT_FIELDS}},
        "halls": [h.name for h in halls],
        "applicants": [{**{f: getattr(a, f) for f in _APPLICANT_FIELDS + _APPLICANT_PROFILE_FIELDS},
                        **{f: _iso(getattr(a, f)) if f in _APPLICANT_LIFECYCLE_DATES
                           else getattr(a, f) for f in _APPLICANT_LIFECYCLE_FIELDS}}
                       for a in applicants],
        "certificates": [{"applicant_id": code_of[c.applicant_pk], "kind": c.kind,
                          "number": c.number, "expires_on": _iso(c.expires_on)}
                         for c in certificates],
        "holds": [{"booth_id": booth_code[h.booth_pk], "applicant_id": code_of[h.applicant_pk],
                   "kind": h.kind, "state": h.state, "created_by": h.created_by,
                   **{f: _iso(getattr(h, f)) for f in _HOLD_MOMENTS}} for h in holds],
        "booths": [{**{f: getattr(b, f) for f in _BOOTH_FIELDS}, "hall": hall_name[b.hall_id],
                    "applicant_id": code_of.get(b.applicant_pk) if b.applicant_pk else None,
                    "updated_at": _iso(b.updated_at)} for b in booths],
        "region_aliases": {a.alias: a.region_code for a in aliases},
        "gallery": gallery,
        "history": [{"id": c.id, "at": _iso(c.at), "user": c.user, "action": c.action,
                     "summary": c.summary, "details": c.details or {}, "undoable": c.undoable,
                     "undone_by": c.undone_by} for c in changes],
    }


def _gallery_part(session, event: EventRow, applicants, booths) -> dict | None:  # noqa: ANN001
    """A gallery's periods, members' extras, roster and sales; None for an expo."""
    if event.kind != "gallery":
        return None
    where = {"periods": GalleryPeriodRow, "members": GalleryMemberRow, "turns": RosterTurnRow,
             "sales": TurnSaleRow}
    rows = {key: session.scalars(select(table).where(table.event_id == event.id)).all()
            for key, table in where.items()}
    code_of = {a.id: a.applicant_id for a in applicants}
    booth_code = {b.id: b.booth_id for b in booths}
    period_of = {p.id: p.period_id for p in rows["periods"]}
    return {
        "periods": [{"period_id": p.period_id, "start": _iso(p.start), "end": _iso(p.end)}
                    for p in sorted(rows["periods"], key=lambda p: p.start)],
        "members": [{"applicant_id": code_of[m.applicant_pk], "turns_before": m.turns_before,
                     "unavailable_periods": list(m.unavailable_periods or [])}
                    for m in sorted(rows["members"], key=lambda m: m.applicant_pk)],
        "turns": [{"period_id": period_of[t.period_pk], "booth_id": booth_code[t.booth_pk],
                   "applicant_id": code_of[t.applicant_pk], "locked": t.locked,
                   "version": t.version} for t in sorted(rows["turns"], key=lambda t: t.id)],
        "sales": [{"period_id": period_of[r.period_pk], "applicant_id": code_of[r.applicant_pk],
                   "sales_idr": r.sales_idr, "items": r.items, "note": r.note,
                   "version": r.version} for r in sorted(rows["sales"], key=lambda r: r.id)],
    }


def _restore_gallery(session, event_id: int, gallery: dict, applicant_pks: dict,  # noqa: ANN001
                     booth_pks: dict) -> None:
    """Insert a gallery's periods, members' extras, roster and sales."""
    period_pks = {}
    for record in gallery.get("periods", []):
        row = GalleryPeriodRow(event_id=event_id, period_id=record["period_id"],
                               start=date.fromisoformat(record["start"]),
                               end=date.fromisoformat(record["end"]))
        session.add(row)
        session.flush()
        period_pks[record["period_id"]] = row.id
    session.add_all(GalleryMemberRow(
        applicant_pk=applicant_pks[r["applicant_id"]], event_id=event_id,
        turns_before=r.get("turns_before", 0),
        unavailable_periods=list(r.get("unavailable_periods", []))) for r in gallery.get(
            "members", []))
    session.add_all(RosterTurnRow(
        event_id=event_id, period_pk=period_pks[r["period_id"]], booth_pk=booth_pks[r["booth_id"]],
        applicant_pk=applicant_pks[r["applicant_id"]], locked=r.get("locked", False),
        version=r.get("version", 1)) for r in gallery.get("turns", []))
    session.add_all(TurnSaleRow(
        event_id=event_id, period_pk=period_pks[r["period_id"]],
        applicant_pk=applicant_pks[r["applicant_id"]], sales_idr=r["sales_idr"],
        items=r["items"], note=r.get("note") or "", version=r.get("version", 1))
        for r in gallery.get("sales", []))


def export_event(store: Store, event_id: int) -> bytes:
    """The whole event as one gzip-compressed JSON file (see the module's docstring)."""
    text = json.dumps(export_document(store, event_id), ensure_ascii=False, sort_keys=True)
    return gzip.compress(text.encode("utf-8"), mtime=0)


def backup_file_name(event: EventInfo, at: datetime | None = None) -> str:
    """``<slug>-cadangan-YYYYMMDD-HHMM.json.gz`` in WIB, as the app shows times; sorts by date."""
    at = local_time(at or datetime.now(UTC))
    return f"{event.slug}-cadangan-{at:%Y%m%d-%H%M}{FILE_SUFFIX}"


def read_document(data: bytes) -> dict[str, Any]:
    """The document in a backup file, checked against every rule before anything is written.

    Its format and version first, then its parts' shape, then each field and the rules between
    them (see ``backup_validation``).
    """
    return _checked(data)[0]


def _checked(data: bytes) -> tuple[dict[str, Any], set[int]]:
    """read_document's document, and the history entries to restore as not undoable."""
    document = backup_validation.parse(data)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError("not_backup", "this is not a booth planner backup (no format mark)")
    version = document.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise BackupError("damaged", "the backup has no valid format version (a whole number "
                          f"from 1 to {FORMAT_VERSION})", where="format_version")
    if version > FORMAT_VERSION:
        raise BackupError(
            "newer_format", f"this backup was written in format {version} by a newer version of "
            f"the booth planner; this one reads format {FORMAT_VERSION} and older: update the "
            "app, then restore", found=version, supported=FORMAT_VERSION)
    for key, kind in (("event", dict), ("halls", list), ("applicants", list), ("booths", list),
                      ("region_aliases", dict), ("history", list)):
        if not isinstance(document.get(key), kind):
            raise BackupError("damaged", f"the backup's {key!r} part is missing or damaged",
                              where=key)
    return document, backup_validation.validate(document)


def _field(record: dict, name: str, where: str) -> Any:
    if name not in record:
        raise BackupError("damaged", f"{where}: the field {name!r} is missing", where=where)
    return record[name]


def restore_event(store: Store, data: bytes, *, user: str) -> EventInfo:
    """A new event made from a backup file, in one transaction (all of it or nothing).

    Its slug is the backed-up one, numbered when taken. The history comes along as it was, and
    one more entry records the restore itself.
    """
    document, not_undoable = _checked(data)
    try:
        with store.transaction() as session:
            event = _restore_rows(session, document, user, not_undoable)
    except (IntegrityError, DataError) as error:
        raise BackupError("damaged", f"the database refused the backup: {error.orig}",
                          where="database") from error
    except (KeyError, TypeError, ValueError) as error:
        raise BackupError("damaged", f"the backup is damaged: {error!r}", where="data") from error
    return event


def _restore_rows(session, document: dict, user: str,  # noqa: ANN001
                  not_undoable: set[int]) -> EventInfo:
    """Insert every row of ``document`` as a new event; the caller's transaction commits."""
    saved = document["event"]
    base = slugify(_field(saved, "slug", "event") or saved.get("name", ""))
    taken = set(session.scalars(select(EventRow.slug).where(EventRow.slug.like(f"{base}%"))))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    name = _field(saved, "name", "event")
    if slug != base:  # a copy beside the original: tell them apart in the event picker too
        name = f"{name} ({slug.removeprefix(base + '-')})"
    start, end = saved.get("start_date"), saved.get("end_date")
    event = EventRow(
        slug=slug, name=name, venue=saved.get("venue") or "",
        city=saved.get("city") or "", scope=saved.get("scope") or "regional",
        start_date=date.fromisoformat(start) if start else None,
        end_date=date.fromisoformat(end) if end else None,
        created_at=_when(saved.get("created_at")) or datetime.now(UTC),
        certificate_rules=saved.get("certificate_rules"),
        kind=saved.get("kind") or "expo", home_region=saved.get("home_region"),
        max_consecutive=saved.get("max_consecutive") or 1,
    )
    session.add(event)
    session.flush()
    hall_ids: dict[str, int] = {}
    for position, name in enumerate(document["halls"]):
        hall = HallRow(event_id=event.id, name=name, position=position)
        session.add(hall)
        session.flush()
        hall_ids[name] = hall.id
    applicants = [ApplicantRow(event_id=event.id, **{f: _field(record, f, f"applicants[{n}]")
                                                     for f in _APPLICANT_FIELDS},
                               **{f: record.get(f) for f in _APPLICANT_PROFILE_FIELDS},
                               **_lifecycle_fields(record))
                  for n, record in enumerate(document["applicants"], start=1)]
    session.add_all(applicants)
    session.flush()  # one batched INSERT; the new ids come back with it
    applicant_pks = {row.applicant_id: row.id for row in applicants}
    for number, record in enumerate(document["booths"], start=1):
        where = f"booths[{number}]"
        hall, holder = _field(record, "hall", where), record.get("applicant_id")
        if hall not in hall_ids:
            raise BackupError("damaged", f"{where}: hall {hall!r} is not in the backup's halls",
                              where=where)
        if holder is not None and holder not in applicant_pks:
            raise BackupError("damaged", f"{where}: applicant {holder!r} is not in the backup",
                              where=where)
        session.add(BoothRow(
            event_id=event.id, hall_id=hall_ids[hall],
            applicant_pk=applicant_pks[holder] if holder is not None else None,
            updated_at=_when(record.get("updated_at")),
            **{f: _field(record, f, where) for f in _BOOTH_FIELDS},
        ))
    session.flush()
    booth_pks = {b.booth_id: b.id for b in session.scalars(
        select(BoothRow).where(BoothRow.event_id == event.id))}
    for record in document.get("certificates") or []:
        expires = record.get("expires_on")
        session.add(CertificateRow(event_id=event.id, applicant_pk=applicant_pks[
            record["applicant_id"]], kind=record["kind"], number=record.get("number") or "",
            expires_on=date.fromisoformat(expires) if expires else None))
    for record in document.get("holds") or []:
        session.add(HoldRow(event_id=event.id, booth_pk=booth_pks[record["booth_id"]],
                            applicant_pk=applicant_pks[record["applicant_id"]],
                            kind=record["kind"], state=record["state"],
                            created_by=record["created_by"],
                            **{f: _when(record.get(f)) for f in _HOLD_MOMENTS}))
    if document.get("gallery"):
        _restore_gallery(session, event.id, document["gallery"], applicant_pks, booth_pks)
    for alias, region_code in document["region_aliases"].items():
        session.add(RegionAliasRow(event_id=event.id, alias=alias, region_code=region_code))
    session.flush()
    _restore_history(session, event.id, document["history"], not_undoable)
    session.add(ChangeRow(event_id=event.id, at=datetime.now(UTC), user=user,
                          action="backup.restore", summary=document.get("exported_at") or "",
                          details={"from_slug": saved["slug"],
                                   "format_version": document["format_version"]},
                          undoable=False))
    session.flush()
    return EventInfo(id=event.id, slug=event.slug, name=event.name, venue=event.venue,
                     city=event.city, start_date=event.start_date, end_date=event.end_date,
                     scope=event.scope)


def _lifecycle_fields(record: dict) -> dict[str, Any]:
    """An applicant's status and payment as stored; the database's defaults where absent."""
    fields = {}
    for name in _APPLICANT_LIFECYCLE_FIELDS:
        value = record.get(name)
        if value is None:
            continue
        if name == "status_at":
            value = _when(value)
        elif name == "paid_on":
            value = date.fromisoformat(value)
        fields[name] = value
    return fields


def _restore_history(session, event_id: int, history: list[dict],  # noqa: ANN001
                     not_undoable: set[int]) -> None:
    """The change history with new ids, its links (undone by, undoes) following them.

    Entries in ``not_undoable`` (about booths the backup no longer has) keep their record but
    lose their undo, which could only fail.
    """
    rows: list[tuple[ChangeRow, dict]] = []
    for number, record in enumerate(history, start=1):
        where = f"history[{number}]"
        _field(record, "id", where)
        rows.append((ChangeRow(
            event_id=event_id, at=_when(_field(record, "at", where)),
            user=_field(record, "user", where), action=_field(record, "action", where),
            summary=record.get("summary") or "", details=dict(record.get("details") or {}),
            undoable=bool(record.get("undoable")) and record["id"] not in not_undoable), record))
    session.add_all([row for row, _ in rows])
    session.flush()  # ids in insertion order, so the history keeps its order
    new_id = {record["id"]: row.id for row, record in rows}
    for row, record in rows:
        if record.get("undone_by") is not None:
            row.undone_by = new_id.get(record["undone_by"])
        if row.details.get("undoes") is not None:
            row.details = {**row.details, "undoes": new_id.get(row.details["undoes"])}


def backup_summary(document: dict[str, Any]) -> dict[str, Any]:
    """What a backup holds, for the organizer to check before restoring it."""
    booths = document["booths"]
    return {
        "event": document["event"].get("name", ""),
        "exported_at": _when(document.get("exported_at")),
        "booths": len(booths),
        "assigned": sum(1 for b in booths if b.get("applicant_id")),
        "applicants": len(document["applicants"]),
        "changes": len(document["history"]),
        "format_version": document["format_version"],
    }
