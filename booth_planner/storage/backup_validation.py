"""Checking a backup file before a restore writes anything: a backup is input like any other.

A restored event must satisfy every rule an imported or edited one does, so this module applies
the same ones: the importer's length and number limits, the database's column lengths (SQLite
does not enforce them), the region reference, SPEC section 3's hard rules as the store enforces
them on every edit (a blocked booth is empty, a zone takes only its category, a lock needs a
holder, no applicant holds more booths than it asked for, booths of one hall do not overlap),
and a safe slug. Reading is bounded too: the decompressed size is capped while it streams (a
gzip bomb stops at the cap, not in memory), nesting and numbers are bounded, and ``NaN`` or
``Infinity`` are refused.

Every refusal is a :class:`BackupError` whose message names the place (``booths[3].x``) and
the rule.
"""

from __future__ import annotations

import gzip
import io
import json
import math
import zlib
from collections import Counter
from collections.abc import Mapping
from datetime import date, datetime
from functools import cache
from typing import Any

from booth_planner.core.districts import any_region
from booth_planner.core.geometry import first_overlap
from booth_planner.core.model import BOOTH_STATUSES, BOOTH_TYPES, Booth
from booth_planner.core.text import slugify
from booth_planner.importing.readers import (
    MAX_BOOTHS_REQUESTED,
    MAX_METRES,
    MAX_PRICE_IDR,
    MAX_PRIORITY,
)
from booth_planner.lifecycle.holds import ENDINGS, KINDS, OPEN
from booth_planner.lifecycle.payment import PAYMENT_STATUSES
from booth_planner.lifecycle.status import STATUSES
from booth_planner.storage import StoreError
from booth_planner.storage.tables import (
    ApplicantRow,
    BoothRow,
    CertificateRow,
    ChangeRow,
    EventRow,
    GalleryPeriodRow,
    HallRow,
    HoldRow,
    RegionAliasRow,
)

# Bounds of what a restore reads. A real 200,000-booth event backs up to about 70 MB of JSON;
# the cap keeps the parsed document well under 1 GB of memory.
MAX_DECOMPRESSED_BYTES = 200 * 1024 * 1024
# Deflate packs at most about 1,000:1, JSON of real events 10 to 50:1: a file whose first 16 MB
# unpack from less than 1/400 of that is a bomb, refused before the whole cap is unpacked.
MAX_RATIO = 400
BOMB_CHECK_BYTES = 16 * 1024 * 1024
MAX_ITEMS = 250_000  # booths, applicants, halls or aliases
MAX_HISTORY = 1_000_000
MAX_SUMMARY_LENGTH = 10_000
MAX_DETAILS_DEPTH = 8
MAX_INT = 2**31 - 1  # versions and positions are INTEGER columns on PostgreSQL
BOOTH_STATE_FIELDS = ("applicant_id", "locked", "status", "zone", "source")


class BackupError(StoreError):
    """A backup file that cannot be restored; ``code`` names the reason (``backup.error.*``)."""

    def __init__(self, code: str, message: str, **values: object):
        super().__init__(message)
        self.code = code
        self.values = values


@cache
def _limit(row: type, column: str) -> int:
    """The database's length limit of a text column."""
    return row.__table__.c[column].type.length


def _refuse(where: str, message: str) -> BackupError:
    return BackupError("invalid", f"{where}: {message}", where=where)


# --- reading ------------------------------------------------------------------------------------


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number a backup can hold")


def decompressed(data: bytes) -> bytes:
    """The file's JSON bytes, gunzipped in a stream that stops at the size cap."""
    if len(data) > MAX_DECOMPRESSED_BYTES:
        raise too_large()
    if data[:2] != b"\x1f\x8b":
        return data
    try:
        # Measured first in small pieces, so a bomb is refused holding one piece, not the cap.
        packed = io.BytesIO(data)
        with gzip.GzipFile(fileobj=packed) as stream:
            size = 0
            while piece := stream.read(1 << 20):
                size += len(piece)
                if size > MAX_DECOMPRESSED_BYTES or (
                        size > BOMB_CHECK_BYTES and size > MAX_RATIO * packed.tell()):
                    raise too_large()
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as error:
        raise BackupError("not_backup", f"this is not a booth planner backup ({error})") from error


def too_large() -> BackupError:
    """The refusal of a file bigger than a restore reads."""
    limit = MAX_DECOMPRESSED_BYTES // (1024 * 1024)
    return BackupError("too_large", f"the backup unpacks to more than {limit} MB, more than a "
                       "restore reads; nothing was changed", limit=limit)


def parse(data: bytes) -> Any:
    """The JSON value of a backup file, with size, nesting and numbers bounded."""
    text = decompressed(data)
    try:
        return json.loads(text.decode("utf-8"), parse_constant=_no_constant)
    except RecursionError as error:
        raise BackupError("damaged", "the backup is nested deeper than any backup is",
                          where="json") from error
    except UnicodeDecodeError as error:
        raise BackupError("not_backup", f"this is not a booth planner backup ({error})") from error
    except json.JSONDecodeError as error:
        raise BackupError("not_backup", f"this is not a booth planner backup ({error})") from error
    except ValueError as error:  # NaN/Infinity, or an integer of thousands of digits
        raise BackupError("damaged", f"the backup holds a value no backup holds ({error})",
                          where="json") from error


# --- single values ------------------------------------------------------------------------------


def text(record: Mapping, name: str, where: str, limit: int, *, required: bool = True,
         allow_none: bool = False) -> str | None:
    """A text field no longer than ``limit``; blank only when not ``required``."""
    place = f"{where}.{name}"
    if name not in record:
        if allow_none or not required:
            return None
        raise BackupError("damaged", f"{place}: the field is missing", where=place)
    value = record[name]
    if value is None and (allow_none or not required):
        return None
    if not isinstance(value, str):
        raise _refuse(place, f"expected text, found {type(value).__name__}")
    if len(value) > limit:
        raise _refuse(place, f"{len(value):,} characters, more than the {limit} allowed")
    if required and not value.strip():
        raise _refuse(place, "must not be empty")
    return value


def whole(record: Mapping, name: str, where: str, low: int, high: int, *,
          allow_none: bool = False) -> int | None:
    """A whole number between ``low`` and ``high``."""
    place = f"{where}.{name}"
    value = record.get(name)
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _refuse(place, f"expected a whole number, found {_shown(value)}")
    if not low <= value <= high:
        raise _refuse(place, f"{_shown(value)} is outside {low:,} to {high:,}")
    return value


def metres(record: Mapping, name: str, where: str, *, positive: bool) -> float:
    """A finite length in metres within the importer's bounds."""
    place = f"{where}.{name}"
    value = record.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _refuse(place, f"expected a number of metres, found {_shown(value)}")
    if not math.isfinite(value) or abs(value) > MAX_METRES:
        raise _refuse(place, f"{_shown(value)} is beyond {MAX_METRES:,.0f} m")
    if positive and value <= 0:
        raise _refuse(place, f"{_shown(value)} must be more than 0")
    return float(value)


def flag(record: Mapping, name: str, where: str) -> bool:
    """A true/false field."""
    value = record.get(name, False)
    if not isinstance(value, bool):
        raise _refuse(f"{where}.{name}", f"expected true or false, found {_shown(value)}")
    return value


def choice(record: Mapping, name: str, where: str, allowed: tuple[str, ...], *,
           allow_none: bool = False) -> str | None:
    """One of ``allowed``."""
    value = record.get(name)
    if value is None and allow_none:
        return None
    if value not in allowed:
        raise _refuse(f"{where}.{name}", f"{_shown(value)} is not one of {', '.join(allowed)}")
    return value


def moment(record: Mapping, name: str, where: str, kind: type = datetime, *,
           allow_none: bool = True) -> str | None:
    """An ISO date or date-time (as text; the restore parses it)."""
    value = record.get(name)
    if value is None and allow_none:
        return None
    if not isinstance(value, str) or len(value) > 40:
        raise _refuse(f"{where}.{name}", f"expected an ISO date, found {_shown(value)}")
    try:
        kind.fromisoformat(value)
    except ValueError as error:
        raise _refuse(f"{where}.{name}", f"{_shown(value)} is not an ISO date") from error
    return value


def _shown(value: object) -> str:
    """A value as a message shows it: short, whatever it is."""
    shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, int) else (
        str(value) if value.bit_length() < 64 else f"a {len(str(abs(value)))}-digit number")
    return shown if len(shown) <= 40 else shown[:37] + "..."


def depth_within(value: Any, limit: int, where: str) -> None:
    """Refuse JSON nested deeper than ``limit`` (walked without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            if level > limit:
                raise _refuse(where, f"nested deeper than {limit} levels")
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
        elif isinstance(item, int) and not isinstance(item, bool) and abs(item) > 2**53:
            raise _refuse(where, f"holds {_shown(item)}, larger than any detail needs")


# --- the document -------------------------------------------------------------------------------


def _list(document: Mapping, key: str, limit: int) -> list:
    items = document[key]
    if len(items) > limit:
        raise _refuse(key, f"{len(items):,} entries, more than the {limit:,} a restore takes")
    for number, item in enumerate(items, start=1):
        if key != "halls" and not isinstance(item, dict):
            raise BackupError("damaged", f"{key}[{number}] is not a record",
                              where=f"{key}[{number}]")
    return items


def check_event(saved: Mapping) -> None:
    """The event's own fields: a safe slug, names within their columns, dates in order."""
    slug = text(saved, "slug", "event", _limit(EventRow, "slug"))
    if slugify(slug) != slug:
        raise _refuse("event.slug", f"{_shown(slug)} is not a safe address (letters, digits "
                      "and dashes only)")
    text(saved, "name", "event", _limit(EventRow, "name"))
    text(saved, "venue", "event", _limit(EventRow, "venue"), required=False)
    text(saved, "city", "event", _limit(EventRow, "city"), required=False)
    choice(saved, "scope", "event", ("regional", "national"))
    if saved.get("kind") is not None:  # absent in backups from before galleries
        choice(saved, "kind", "event", ("expo", "gallery"))
    if saved.get("home_region") is not None:
        _known_region(text(saved, "home_region", "event", _limit(EventRow, "home_region")),
                      "event.home_region")
    whole(saved, "max_consecutive", "event", 1, 1_000, allow_none=True)
    start = moment(saved, "start_date", "event", date)
    end = moment(saved, "end_date", "event", date)
    if start and end and end < start:
        raise _refuse("event.end_date", "the event ends before it starts")
    moment(saved, "created_at", "event")


def check_halls(halls: list) -> set[str]:
    """Hall names: text within the column, each once."""
    limit = _limit(HallRow, "name")
    for number, name in enumerate(halls, start=1):
        text({"name": name}, "name", f"halls[{number}]", limit)
    repeated = [name for name, count in Counter(halls).items() if count > 1]
    if repeated:
        raise _refuse("halls", f"hall {repeated[0]!r} is listed twice")
    return set(halls)


def check_applicants(applicants: list) -> dict[str, tuple[str, int]]:
    """Applicants' fields; returns each one's category and booths_requested by id."""
    found: dict[str, tuple[str, int]] = {}
    for number, record in enumerate(applicants, start=1):
        where = f"applicants[{number}]"
        applicant_id = text(record, "applicant_id", where, _limit(ApplicantRow, "applicant_id"))
        text(record, "name", where, _limit(ApplicantRow, "name"))
        code = text(record, "region_code", where, _limit(ApplicantRow, "region_code"))
        _known_region(code, f"{where}.region_code")
        category = text(record, "category", where, _limit(ApplicantRow, "category"))
        text(record, "product", where, _limit(ApplicantRow, "product"), required=False)
        requested = whole(record, "booths_requested", where, 1, MAX_BOOTHS_REQUESTED)
        whole(record, "priority", where, 0, MAX_PRIORITY)
        whole(record, "position", where, 0, MAX_INT)
        whole(record, "version", where, 1, MAX_INT)
        _check_lifecycle_fields(record, where)
        if applicant_id in found:
            raise _refuse(f"{where}.applicant_id", f"{applicant_id!r} is used twice")
        found[applicant_id] = (category, requested)
    return found


def _check_lifecycle_fields(record: Mapping, where: str) -> None:
    """An applicant's status and payment (absent in backups from before the lifecycle)."""
    if record.get("status") is not None:
        choice(record, "status", where, STATUSES)
    text(record, "status_reason", where, MAX_SUMMARY_LENGTH, required=False)
    moment(record, "status_at", where)
    if record.get("payment_status") is not None:
        choice(record, "payment_status", where, PAYMENT_STATUSES)
    moment(record, "paid_on", where, date)
    whole(record, "paid_idr", where, 0, 10**15, allow_none=True)
    text(record, "sponsor", where, _limit(ApplicantRow, "sponsor"), required=False)


def check_certificate_rules(saved: Mapping) -> None:
    """The event's certificate rules: category -> lists of alternative certificate kinds."""
    rules = saved.get("certificate_rules")
    if rules is None:
        return
    if not isinstance(rules, dict) or len(rules) > MAX_ITEMS:
        raise _refuse("event.certificate_rules", "expected categories with their certificates")
    for category, needs in rules.items():
        place = f"event.certificate_rules[{category[:40]!r}]"
        if (len(category) > _limit(ApplicantRow, "category") or not isinstance(needs, list)
                or not all(isinstance(group, list) and group and all(
                    isinstance(kind, str) and 0 < len(kind) <= _limit(CertificateRow, "kind")
                    for kind in group) for group in needs)):
            raise _refuse(place, "expected lists of certificate kinds, each kind a short text")


def check_certificates(certificates: list, applicants: Mapping[str, tuple[str, int]]) -> None:
    """Each certificate belongs to an applicant of the backup, one per kind."""
    seen: set[tuple[str, str]] = set()
    for number, record in enumerate(certificates, start=1):
        where = f"certificates[{number}]"
        if not isinstance(record, dict):
            raise _refuse(where, "expected a record")
        applicant_id = text(record, "applicant_id", where, _limit(ApplicantRow, "applicant_id"))
        if applicant_id not in applicants:
            raise _refuse(f"{where}.applicant_id", f"{applicant_id!r} is not in the backup")
        kind = text(record, "kind", where, _limit(CertificateRow, "kind"))
        text(record, "number", where, _limit(CertificateRow, "number"), required=False)
        moment(record, "expires_on", where, date)
        if (applicant_id, kind) in seen:
            raise _refuse(where, f"{applicant_id!r} has two {kind!r} certificates")
        seen.add((applicant_id, kind))


def check_holds(holds: list, holders: Mapping[str, str | None],
                applicants: Mapping[str, tuple[str, int]]) -> None:
    """Holds and offers: on booths and applicants of the backup; an open one on a booth that
    its applicant holds (the booth's own row carries it while it is open)."""
    for number, record in enumerate(holds, start=1):
        where = f"holds[{number}]"
        if not isinstance(record, dict):
            raise _refuse(where, "expected a record")
        booth_id = text(record, "booth_id", where, _limit(BoothRow, "booth_id"))
        applicant_id = text(record, "applicant_id", where, _limit(ApplicantRow, "applicant_id"))
        if booth_id not in holders:
            raise _refuse(f"{where}.booth_id", f"{booth_id!r} is not in the backup")
        if applicant_id not in applicants:
            raise _refuse(f"{where}.applicant_id", f"{applicant_id!r} is not in the backup")
        choice(record, "kind", where, KINDS)
        state = choice(record, "state", where, (OPEN, *ENDINGS))
        moment(record, "until", where, allow_none=False)
        moment(record, "created_at", where, allow_none=False)
        text(record, "created_by", where, _limit(HoldRow, "created_by"))
        moment(record, "closed_at", where)
        if state == OPEN and holders[booth_id] != applicant_id:
            raise _refuse(where, f"an open hold on {booth_id!r} for {applicant_id!r}, but the "
                          "booth is not theirs in the backup")


def check_gallery(gallery: Mapping, applicants: Mapping[str, tuple[str, int]],
                  booth_ids: set[str]) -> None:
    """A gallery's periods (dates in order, no overlap), members' extras, turns and sales: each
    on a period, space and member of the backup, one member per space and period."""
    periods: dict[str, tuple[date, date]] = {}
    for number, record in enumerate(_records(gallery, "periods"), start=1):
        where = f"gallery.periods[{number}]"
        period_id = text(record, "period_id", where, _limit(GalleryPeriodRow, "period_id"))
        start = date.fromisoformat(moment(record, "start", where, date, allow_none=False))
        end = date.fromisoformat(moment(record, "end", where, date, allow_none=False))
        if end < start:
            raise _refuse(where, f"period {period_id!r} ends before it starts")
        if period_id in periods:
            raise _refuse(where, f"period {period_id!r} is listed twice")
        periods[period_id] = (start, end)
    ordered = sorted(periods.items(), key=lambda item: item[1])
    for (first, (_, first_end)), (second, (second_start, _)) in zip(ordered, ordered[1:],
                                                                      strict=False):
        if second_start <= first_end:
            raise _refuse("gallery.periods", f"period {second!r} overlaps {first!r}")
    for number, record in enumerate(_records(gallery, "members"), start=1):
        where = f"gallery.members[{number}]"
        _member_of(record, where, applicants)
        whole(record, "turns_before", where, 0, MAX_INT)
        unavailable = record.get("unavailable_periods", [])
        if not isinstance(unavailable, list) or not all(isinstance(p, str) and len(p) <= 50
                                                        for p in unavailable):
            raise _refuse(f"{where}.unavailable_periods", "expected a list of period ids")
    cells: set[tuple[str, str]] = set()
    for number, record in enumerate(_records(gallery, "turns"), start=1):
        where = f"gallery.turns[{number}]"
        period_id = _period_of(record, where, periods)
        _member_of(record, where, applicants)
        booth_id = text(record, "booth_id", where, _limit(BoothRow, "booth_id"))
        if booth_id not in booth_ids:
            raise _refuse(f"{where}.booth_id", f"{booth_id!r} is not in the backup")
        if (period_id, booth_id) in cells:
            raise _refuse(where, f"{booth_id!r} holds two members in period {period_id!r}")
        cells.add((period_id, booth_id))
        flag(record, "locked", where)
        whole(record, "version", where, 1, MAX_INT)
    sold: set[tuple[str, str]] = set()
    for number, record in enumerate(_records(gallery, "sales"), start=1):
        where = f"gallery.sales[{number}]"
        key = (_period_of(record, where, periods), _member_of(record, where, applicants))
        if key in sold:
            raise _refuse(where, f"two sales records of {key[1]!r} in period {key[0]!r}")
        sold.add(key)
        whole(record, "sales_idr", where, 0, 10**15)
        whole(record, "items", where, 0, MAX_INT)
        text(record, "note", where, MAX_SUMMARY_LENGTH, required=False)
        whole(record, "version", where, 1, MAX_INT)


def _records(part: Mapping, key: str) -> list:
    """The records of one list of a part, each a record, within the item limit."""
    items = part.get(key, [])
    if not isinstance(items, list) or len(items) > MAX_ITEMS or not all(
            isinstance(item, dict) for item in items):
        raise BackupError("damaged", f"the backup's gallery {key!r} part is damaged",
                          where=f"gallery.{key}")
    return items


def _member_of(record: Mapping, where: str, applicants: Mapping[str, tuple[str, int]]) -> str:
    """The record's applicant_id, one of the backup's applicants."""
    applicant_id = text(record, "applicant_id", where, _limit(ApplicantRow, "applicant_id"))
    if applicant_id not in applicants:
        raise _refuse(f"{where}.applicant_id", f"{applicant_id!r} is not in the backup")
    return applicant_id


def _period_of(record: Mapping, where: str, periods: Mapping[str, object]) -> str:
    """The record's period_id, one of the backup's periods."""
    period_id = text(record, "period_id", where, _limit(GalleryPeriodRow, "period_id"))
    if period_id not in periods:
        raise _refuse(f"{where}.period_id", f"{period_id!r} is not one of the gallery's periods")
    return period_id


def _known_region(code: str, where: str) -> None:
    try:
        any_region(code)  # a gallery's members may be kecamatan (PP.RR.DD)
    except KeyError as error:
        raise _refuse(where, f"{_shown(code)} is not a region of the official list") from error


def check_booths(booths: list, halls: set[str], applicants: Mapping[str, tuple[str, int]]
                 ) -> set[str]:
    """Booths' fields and the hard rules between booths and applicants; returns the booth ids."""
    seen: dict[str, int] = {}
    held: Counter[str] = Counter()
    placed: list[Booth] = []
    for number, record in enumerate(booths, start=1):
        where = f"booths[{number}]"
        booth_id = text(record, "booth_id", where, _limit(BoothRow, "booth_id"))
        if booth_id in seen:
            raise _refuse(f"{where}.booth_id", f"{booth_id!r} is used twice (also booths"
                          f"[{seen[booth_id]}])")
        seen[booth_id] = number
        hall = text(record, "hall", where, _limit(HallRow, "name"))
        if hall not in halls:
            raise BackupError("damaged", f"{where}: hall {hall!r} is not in the backup's halls",
                              where=where)
        x = metres(record, "x", where, positive=False)
        y = metres(record, "y", where, positive=False)
        width = metres(record, "width_m", where, positive=True)
        depth = metres(record, "depth_m", where, positive=True)
        zone = text(record, "zone", where, _limit(BoothRow, "zone"), required=False)
        choice(record, "booth_type", where, BOOTH_TYPES)
        status = choice(record, "status", where, BOOTH_STATUSES)
        whole(record, "price_idr", where, 0, MAX_PRICE_IDR, allow_none=True)
        locked = flag(record, "locked", where)
        text(record, "assignment_source", where, _limit(BoothRow, "assignment_source"),
             required=False)
        whole(record, "version", where, 1, MAX_INT)
        text(record, "updated_by", where, _limit(BoothRow, "updated_by"), required=False)
        moment(record, "updated_at", where)
        holder = record.get("applicant_id")
        if holder is not None:
            if holder not in applicants:
                raise BackupError("damaged", f"{where}: applicant {holder!r} is not in the backup",
                                  where=where)
            category, _ = applicants[holder]
            if status == "blocked":
                raise _refuse(where, f"booth {booth_id} is blocked yet holds {holder}")
            if zone and zone.strip().casefold() != category.strip().casefold():
                raise _refuse(where, f"booth {booth_id} is zoned for {zone}; {holder} is "
                              f"{category}")
            held[holder] += 1
        elif locked:
            raise _refuse(where, f"booth {booth_id} is locked but holds no applicant")
        placed.append(Booth(booth_id, hall, x, y, width, depth))
    for holder, count in held.items():
        requested = applicants[holder][1]
        if count > requested:
            raise _refuse("booths", f"applicant {holder} holds {count} booths but asked for "
                          f"{requested}")
    if pair := first_overlap(placed):
        raise _refuse(f"booths[{seen[pair[1]]}]", f"booths {pair[0]} and {pair[1]} overlap")
    return set(seen)


def check_aliases(aliases: Mapping) -> None:
    """Region aliases: text within the column, each naming a region of the reference."""
    if len(aliases) > MAX_ITEMS:
        raise _refuse("region_aliases", f"more than {MAX_ITEMS:,} aliases")
    for alias, code in aliases.items():
        where = f"region_aliases[{alias[:40]!r}]"
        text({"alias": alias}, "alias", where, _limit(RegionAliasRow, "alias"))
        text({"code": code}, "code", where, _limit(RegionAliasRow, "region_code"))
        _known_region(code, where)


def check_history(history: list, booth_ids: set[str]) -> set[int]:
    """History entries' fields; returns the ids of undoable entries naming a missing booth.

    A booth deleted after a change leaves such entries in a real event too; the restore keeps
    them, but not as undoable (their undo could only fail).
    """
    ids: set[int] = set()
    stale: set[int] = set()
    for number, record in enumerate(history, start=1):
        where = f"history[{number}]"
        change_id = whole(record, "id", where, 1, 2**63 - 1)
        if change_id in ids:
            raise _refuse(f"{where}.id", f"{change_id} is used twice")
        ids.add(change_id)
        moment(record, "at", where, allow_none=False)
        text(record, "user", where, _limit(ChangeRow, "user"))
        text(record, "action", where, _limit(ChangeRow, "action"))
        text(record, "summary", where, MAX_SUMMARY_LENGTH, required=False)
        undoable = flag(record, "undoable", where)
        whole(record, "undone_by", where, 1, 2**63 - 1, allow_none=True)
        details = record.get("details") or {}
        if not isinstance(details, dict):
            raise _refuse(f"{where}.details", "expected a record")
        depth_within(details, MAX_DETAILS_DEPTH, f"{where}.details")
        booths = details.get("booths", {})
        if not isinstance(booths, dict):
            raise _refuse(f"{where}.details.booths", "expected a record of booths")
        for booth_id, change in booths.items():
            _check_booth_change(change, f"{where}.details.booths[{booth_id[:40]!r}]")
        if undoable and record.get("undone_by") is None and not booths.keys() <= booth_ids:
            stale.add(change_id)
    return stale


def _check_booth_change(change: object, where: str) -> None:
    """One booth's before and after in a history entry: what an undo would put back."""
    if not isinstance(change, dict) or not all(isinstance(change.get(k), dict)
                                               for k in ("before", "after")):
        raise _refuse(where, "expected a before and an after")
    for side in ("before", "after"):
        state = change[side]
        missing = [f for f in BOOTH_STATE_FIELDS if f not in state]
        if missing:
            raise _refuse(f"{where}.{side}", f"the field {missing[0]!r} is missing")
        text(state, "applicant_id", f"{where}.{side}", _limit(ApplicantRow, "applicant_id"),
             required=False)
        flag(state, "locked", f"{where}.{side}")
        choice(state, "status", f"{where}.{side}", BOOTH_STATUSES)
        text(state, "zone", f"{where}.{side}", _limit(BoothRow, "zone"), required=False)
        text(state, "source", f"{where}.{side}", _limit(BoothRow, "assignment_source"),
             required=False)


def validate(document: Mapping) -> set[int]:
    """Refuse a backup document that breaks any rule; returns undoable entries to keep as not.

    The document's shape (its parts being records and lists) is checked by the caller first.
    """
    for key, limit in (("halls", MAX_ITEMS), ("applicants", MAX_ITEMS), ("booths", MAX_ITEMS),
                       ("history", MAX_HISTORY)):
        _list(document, key, limit)
    check_event(document["event"])
    check_certificate_rules(document["event"])
    halls = check_halls(document["halls"])
    applicants = check_applicants(document["applicants"])
    booth_ids = check_booths(document["booths"], halls, applicants)
    check_aliases(document["region_aliases"])
    # Parts from after the lifecycle (migration 0008): absent in older backups.
    for key in ("certificates", "holds"):
        if document.get(key) is not None:
            if not isinstance(document[key], list):
                raise BackupError("damaged", f"the backup's {key!r} part is damaged", where=key)
            _list(document, key, MAX_ITEMS)
    check_certificates(document.get("certificates") or [], applicants)
    holders = {b["booth_id"]: b.get("applicant_id") for b in document["booths"]}
    check_holds(document.get("holds") or [], holders, applicants)
    if document.get("gallery") is not None:
        if not isinstance(document["gallery"], dict):
            raise BackupError("damaged", "the backup's 'gallery' part is damaged", where="gallery")
        check_gallery(document["gallery"], applicants, booth_ids)
    return check_history(document["history"], booth_ids)
