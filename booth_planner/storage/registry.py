"""The produk unggulan registry in the database: entries kept across events, and their history.

Every change is one transaction, checked against the versions the organizer saw (an entry's
``version``), recorded with each entry's state before and after, and undoable. Writers of the
registry queue behind one lock (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from booth_planner.registry.entries import (
    Entry,
    Marks,
    RegistryError,
    Source,
    checked,
    merge,
    merge_into_registered,
    product_key,
)
from booth_planner.storage.store import NotFoundError, RuleError, Store, StoreError
from booth_planner.storage.tables import ChangeRow, EventRow, RegistryChangeRow, RegistryEntryRow

# Any fixed number: PostgreSQL advisory locks are named by integers.
REGISTRY_LOCK = 16_092_024
FAVOUR_ACTION = "event.favour_flagship"


class RegistryRuleError(RuleError):
    """A registry change that breaks a rule; ``code`` and ``params`` fill its message."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(f"{code}: " + ", ".join(f"{k}={v}" for k, v in params.items()))
        self.code = code
        self.params = {k: str(v) for k, v in params.items()}


@dataclass
class RegistryConflict(StoreError):
    """An entry changed (or went) after the organizer saw it; nothing was written."""

    entry_id: int
    name: str = ""
    changed_by: str | None = None

    def __str__(self) -> str:
        who = self.changed_by or "another organizer"
        return f"entry {self.name or self.entry_id} was changed by {who} in the meantime; " \
               "nothing was written"


@dataclass(frozen=True)
class RegistryChange:
    """One entry of the registry's history."""

    id: int
    at: datetime
    user: str
    action: str
    summary: str
    undoable: bool
    undone_by: int | None
    entry_count: int


@dataclass(frozen=True)
class ImportCounts:
    """What an import did: entries added, merged into existing ones, left as they were."""

    added: int
    merged: int
    unchanged: int


def _now() -> datetime:
    return datetime.now(UTC)


def entry_of(row: RegistryEntryRow) -> Entry:
    """A stored row as an entry."""
    sources = tuple(Source(s["name"], date.fromisoformat(s["date"]) if s.get("date") else None)
                    for s in row.sources or ())
    return Entry(row.region_code, row.name, row.category, row.description, row.raw_material,
                 row.producers, Marks(row.ig_number, row.ovop_stars, bool(row.halal), row.permit),
                 sources, row.id, row.version)


def _fields(entry: Entry) -> dict:
    """The columns an entry writes."""
    return {
        "region_code": entry.region_code, "name": entry.name, "name_key": product_key(entry.name),
        "category": entry.category, "description": entry.description,
        "raw_material": entry.raw_material, "producers": entry.producers,
        "ig_number": entry.marks.ig_number, "ovop_stars": entry.marks.ovop_stars,
        "halal": entry.marks.halal, "permit": entry.marks.permit,
        "sources": [{"name": s.name, "date": s.date.isoformat() if s.date else None}
                    for s in entry.sources],
    }


def _snapshot(row: RegistryEntryRow) -> dict:
    """A row's state as the history keeps it (enough to put it back)."""
    return {**_fields(entry_of(row)), "version": row.version}


def _checked(entry: Entry) -> Entry:
    """``checked`` with its RegistryError as the store's rule error."""
    try:
        return checked(entry)
    except RegistryError as error:
        raise RegistryRuleError(error.code, **error.params) from None


class RegistryStore:
    """Reads and version-checked writes of the database's produk unggulan registry."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # ---- reading -------------------------------------------------------------------------------

    def entries(self) -> list[Entry]:
        """Every entry, by region then name."""
        with self.store.read() as session:
            rows = session.scalars(select(RegistryEntryRow).order_by(
                RegistryEntryRow.region_code, RegistryEntryRow.name_key))
            return [entry_of(r) for r in rows]

    def version(self) -> int:
        """The newest change's id (0 for none): cached views of the registry key on it."""
        with self.store.read() as session:
            return session.scalar(select(RegistryChangeRow.id).order_by(
                RegistryChangeRow.id.desc()).limit(1)) or 0

    def history(self, limit: int = 200) -> list[RegistryChange]:
        """The newest changes first."""
        with self.store.read() as session:
            rows = session.scalars(select(RegistryChangeRow).order_by(
                RegistryChangeRow.id.desc()).limit(limit))
            return [RegistryChange(r.id, r.at, r.user, r.action, r.summary, r.undoable,
                                   r.undone_by, len(r.details.get("entries", ())))
                    for r in rows]

    # ---- writing -------------------------------------------------------------------------------

    def _lock(self, session: Session) -> None:
        """One registry writer at a time (SQLite's BEGIN IMMEDIATE already is one)."""
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": REGISTRY_LOCK})

    def apply(self, *, added: Sequence[Entry] = (), updated: Sequence[Entry] = (),
              deleted: Mapping[int, int] | None = None, user: str, action: str = "registry.edit",
              summary: str = "") -> int:
        """Add, update (each at the version it was read) and delete (id -> version) in one go.

        Returns the change id; nothing is written when any entry changed in the meantime or a
        rule would break.
        """
        added = [_checked(e) for e in added]
        updated = [_checked(e) for e in updated]
        with self.store.transaction() as session:
            self._lock(session)
            records: list[dict] = []
            for entry_id, version in (deleted or {}).items():
                row = self._row(session, entry_id, version)
                records.append({"id": row.id, "before": _snapshot(row), "after": None})
                session.delete(row)
            session.flush()
            self._check_keys(session, added, updated)
            for entry in updated:
                if entry.entry_id is None:
                    raise StoreError("an updated entry needs its id")
                row = self._row(session, entry.entry_id, entry.version)
                before = _snapshot(row)
                for name, value in _fields(entry).items():
                    setattr(row, name, value)
                row.version += 1
                row.updated_at, row.updated_by = _now(), user
                records.append({"id": row.id, "before": before, "after": None, "row": row})
            for entry in added:
                row = RegistryEntryRow(**_fields(entry), version=1, updated_at=_now(),
                                       updated_by=user)
                session.add(row)
                records.append({"id": None, "before": None, "after": None, "row": row})
            self._flush(session)
            for record in records:
                row = record.pop("row", None)
                if row is not None:
                    record["id"], record["after"] = row.id, _snapshot(row)
            return self._record(session, user, action, summary or _summary(records), records)

    @staticmethod
    def _check_keys(session: Session, added: Sequence[Entry], updated: Sequence[Entry]) -> None:
        """Refuse a region's second entry of one product, naming the product."""
        keys = {row_id: (region, key) for row_id, region, key in session.execute(
            select(RegistryEntryRow.id, RegistryEntryRow.region_code, RegistryEntryRow.name_key))}
        names = dict(session.execute(select(RegistryEntryRow.id, RegistryEntryRow.name)).all())
        for entry in updated:
            keys[entry.entry_id] = entry.key
            names[entry.entry_id] = entry.name
        seen: dict[tuple[str, str], str] = {}
        for row_id, key in keys.items():
            if key in seen:
                raise RegistryRuleError("registry_duplicate_entry", region=key[0], name=seen[key])
            seen[key] = names[row_id]
        for entry in added:
            if entry.key in seen:
                raise RegistryRuleError("registry_duplicate_entry", region=entry.region_code,
                                        name=seen[entry.key])
            seen[entry.key] = entry.name

    @staticmethod
    def _flush(session: Session) -> None:
        """Write pending rows; the database's own refusal as a rule error."""
        try:
            session.flush()
        except IntegrityError as error:
            raise RegistryRuleError("registry_refused", detail=str(error.orig)) from error

    def _row(self, session: Session, entry_id: int, version: int) -> RegistryEntryRow:
        """The entry's row when it is still at ``version``; RegistryConflict otherwise."""
        row = session.get(RegistryEntryRow, entry_id)
        if row is None or row.version != version:
            raise RegistryConflict(entry_id, row.name if row else "",
                                   row.updated_by if row else None)
        return row

    def add(self, entry: Entry, *, user: str) -> Entry:
        """Register a new entry; its region's entry of the same product is a rule error."""
        entry = _checked(entry)
        existing = self._by_key().get(entry.key)
        if existing is not None:
            raise RegistryRuleError("registry_duplicate_entry", region=entry.region_code,
                                    name=existing.name)
        self.apply(added=[entry], user=user, action="registry.add", summary=entry.name)
        return self._by_key()[entry.key]

    def update(self, entry: Entry, *, user: str) -> Entry:
        """Change an entry read at ``entry.version``; returns it as stored."""
        self.apply(updated=[entry], user=user, action="registry.edit", summary=entry.name)
        return next(e for e in self.entries() if e.entry_id == entry.entry_id)

    def delete(self, entry_id: int, version: int, *, user: str) -> int:
        """Remove an entry read at ``version``; returns the change id."""
        return self.apply(deleted={entry_id: version}, user=user, action="registry.delete")

    def merge(self, keep: Entry, other: Entry, *, user: str) -> Entry:
        """Fold ``other`` into ``keep`` (both at the versions read), keeping both's sources."""
        try:
            merged = merge(keep, other)
        except RegistryError as error:
            raise RegistryRuleError(error.code, **error.params) from None
        self.apply(updated=[merged], deleted={other.entry_id: other.version}, user=user,
                   action="registry.merge", summary=f"{other.name} -> {keep.name}")
        return next(e for e in self.entries() if e.entry_id == keep.entry_id)

    def import_entries(self, entries: Sequence[Entry], *, user: str,
                       summary: str = "") -> ImportCounts:
        """Add the file's entries; one already registered is merged (the file's texts first)."""
        current = self._by_key()
        added, updated, unchanged = [], [], 0
        for entry in (_checked(e) for e in entries):
            old = current.get(entry.key)
            if old is None:
                added.append(entry)
                continue
            merged = merge_into_registered(entry, old)
            if merged == old:
                unchanged += 1
            else:
                updated.append(merged)
        if added or updated:
            self.apply(added=added, updated=updated, user=user, action="registry.import",
                       summary=summary)
        return ImportCounts(len(added), len(updated), unchanged)

    def _by_key(self) -> dict[tuple[str, str], Entry]:
        return {e.key: e for e in self.entries()}

    def undo(self, change_id: int, *, user: str) -> int:
        """Put every entry a change touched back as it was; refused when one changed since."""
        with self.store.transaction() as session:
            self._lock(session)
            change = session.get(RegistryChangeRow, change_id)
            if change is None:
                raise NotFoundError(f"registry change {change_id} does not exist")
            if not change.undoable or change.undone_by is not None:
                raise StoreError(f"registry change {change_id} cannot be undone")
            records = []
            for item in change.details.get("entries", ()):
                row = session.get(RegistryEntryRow, item["id"])
                after, before = item["after"], item["before"]
                now = _snapshot(row) if row is not None else None
                if (now or {}).get("version") != (after or {}).get("version"):
                    raise RegistryConflict(item["id"], (after or before or {}).get("name", ""),
                                           row.updated_by if row else None)
                if row is not None:
                    session.delete(row)
                records.append({"id": item["id"], "before": now, "after": None,
                                "restore": before})
            session.flush()
            for record in records:
                before = record.pop("restore")
                if before is not None:
                    row = RegistryEntryRow(id=record["id"], **{
                        k: v for k, v in before.items() if k != "version"},
                        version=(record["before"] or {}).get("version", before["version"]) + 1,
                        updated_at=_now(), updated_by=user)
                    session.add(row)
                    session.flush()
                    record["after"] = _snapshot(row)
            row = RegistryChangeRow(at=_now(), user=user, action="registry.undo",
                                    summary=f"#{change_id} {change.action}",
                                    details={"entries": records}, undoable=False)
            session.add(row)
            session.flush()
            change.undone_by = row.id
            return row.id

    def _record(self, session: Session, user: str, action: str, summary: str,
                records: list[dict]) -> int:
        row = RegistryChangeRow(at=_now(), user=user, action=action, summary=summary,
                                details={"entries": records}, undoable=bool(records))
        session.add(row)
        session.flush()
        return row.id

    # ---- an event's option -------------------------------------------------------------------

    def favour_flagship(self, event_id: int) -> bool:
        """True when the event's allocation prefers applicants bringing their produk unggulan."""
        with self.store.read() as session:
            row = session.get(EventRow, event_id)
            if row is None:
                raise NotFoundError(f"event {event_id} does not exist")
            return bool(row.favour_flagship)

    def set_favour_flagship(self, event_id: int, on: bool, *, user: str) -> None:
        """Turn the event's flagship preference on or off, recorded in its history."""
        with self.store.transaction() as session:
            self.store.lock_event(session, event_id)
            row = session.get(EventRow, event_id)
            if bool(row.favour_flagship) == on:
                return
            row.favour_flagship = on
            session.add(ChangeRow(event_id=event_id, at=_now(), user=user, action=FAVOUR_ACTION,
                                  summary="on" if on else "off", details={}, undoable=False))


def _summary(records: Sequence[dict]) -> str:
    """'2 added, 1 changed, 0 removed'."""
    added = sum(r["before"] is None for r in records)
    removed = sum(r["after"] is None for r in records)
    return f"{added} added, {len(records) - added - removed} changed, {removed} removed"
