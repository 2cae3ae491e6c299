"""What the visitor directory shows: one entry per assigned booth, and each hall's plan.

Built from an event's state (the app) or from the booth list and applicants files (the command
line); either way the values are plain and frozen, so whoever holds them can change nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from functools import lru_cache

from booth_planner.core.model import Applicant, EventState

# The keys of one directory.json object (SPEC section 6), in order.
ENTRY_FIELDS = ("booth_id", "hall", "applicant_id", "name", "region_code", "region_name",
                "province_name", "category", "product", "description", "whatsapp", "links")


@dataclass(frozen=True, slots=True)
class DirectoryEntry:
    """One assigned booth as a visitor sees it."""

    booth_id: str
    hall: str
    applicant_id: str
    name: str
    region_code: str
    region_name: str
    province_name: str
    category: str
    product: str
    description: str
    whatsapp: str
    links: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        """The directory.json object (SPEC 6); links as a list."""
        values = asdict(self)
        values["links"] = list(self.links)
        return {name: values[name] for name in ENTRY_FIELDS}


@dataclass(frozen=True, slots=True)
class PlanBooth:
    """A booth's rectangle on a hall's plan, in metres."""

    booth_id: str
    x: float
    y: float
    width_m: float
    depth_m: float
    blocked: bool = False
    assigned: bool = False


@dataclass(frozen=True, slots=True)
class HallPlan:
    """A hall and its booths, for the small plan next to an entry."""

    name: str
    booths: tuple[PlanBooth, ...]

    def bounds(self) -> tuple[float, float, float, float]:
        """(min x, min y, max x, max y) of the hall's booths, in metres."""
        if not self.booths:
            return 0.0, 0.0, 1.0, 1.0
        return (min(b.x for b in self.booths), min(b.y for b in self.booths),
                max(b.x + b.width_m for b in self.booths),
                max(b.y + b.depth_m for b in self.booths))

    def booth(self, booth_id: str) -> PlanBooth | None:
        """The booth with ``booth_id``, or None."""
        return next((b for b in self.booths if b.booth_id == booth_id), None)


@dataclass(frozen=True, slots=True)
class Directory:
    """An event's visitor directory: its name, entries in hall and booth order, hall plans."""

    event_name: str
    entries: tuple[DirectoryEntry, ...]
    halls: tuple[HallPlan, ...] = ()
    event_slug: str = ""
    dates: str = ""
    venue: str = ""

    def hall(self, name: str) -> HallPlan | None:
        """The plan of hall ``name``, or None when the directory has no geometry for it."""
        return next((h for h in self.halls if h.name == name), None)

    def by_booth(self, booth_id: str) -> DirectoryEntry | None:
        """The entry of a booth (``?booth=A-01``), ignoring case; None when it has none."""
        key = booth_id.strip().casefold()
        return next((e for e in self.entries if e.booth_id.casefold() == key), None)

    def of_exhibitor(self, applicant_id: str) -> tuple[DirectoryEntry, ...]:
        """The entries of one exhibitor (``?exhibitor=ID``), in booth order."""
        key = applicant_id.strip().casefold()
        return tuple(e for e in self.entries if e.applicant_id.casefold() == key)


@lru_cache(maxsize=4096)
def region_names(code: str) -> tuple[str, str]:
    """(region name, province name) of a region code; blanks when the code is unknown."""
    from booth_planner.core import regions

    try:
        region = regions.region(code)
        province = region if region.is_province else regions.province_of(code)
    except (KeyError, LookupError, ValueError):
        return "", ""
    return region.name, province.name


def entry_for(booth_id: str, hall: str, applicant: Applicant) -> DirectoryEntry:
    """The entry of ``applicant`` at ``booth_id``."""
    region_name, province_name = region_names(applicant.region_code)
    return DirectoryEntry(
        booth_id=booth_id, hall=hall, applicant_id=applicant.applicant_id, name=applicant.name,
        region_code=applicant.region_code, region_name=region_name, province_name=province_name,
        category=applicant.category, product=applicant.product or "",
        description=applicant.description or "", whatsapp=applicant.whatsapp or "",
        links=tuple(applicant.links),
    )


def sorted_entries(entries: Iterable[DirectoryEntry]) -> tuple[DirectoryEntry, ...]:
    """Entries by hall, then booth id, in natural order (``A-2`` before ``A-10``)."""
    from booth_planner.core.text import natural_key

    return tuple(sorted(entries, key=lambda e: (natural_key(e.hall), natural_key(e.booth_id))))


def from_state(state: EventState, dates: str = "") -> Directory:
    """The directory of an event's current state: every assigned booth, every hall's plan."""
    applicants = state.applicant_by_id()
    assignments = state.assignment_by_booth()
    entries = []
    plans: dict[str, list[PlanBooth]] = {hall: [] for hall in state.halls}
    for booth in state.booths:
        assignment = assignments.get(booth.booth_id)
        applicant = applicants.get(assignment.applicant_id) if assignment else None
        if applicant is not None:
            entries.append(entry_for(booth.booth_id, booth.hall, applicant))
        plans.setdefault(booth.hall, []).append(PlanBooth(
            booth.booth_id, booth.x, booth.y, booth.width_m, booth.depth_m, booth.is_blocked,
            applicant is not None))
    return Directory(
        event_name=state.event.name, entries=sorted_entries(entries),
        halls=tuple(HallPlan(name, tuple(booths)) for name, booths in plans.items() if booths),
        event_slug=state.event.slug, dates=dates,
        venue=", ".join(p for p in (state.event.venue, state.event.city)
                        if p and not (p == state.event.city and p in state.event.venue)),
    )


def plain_values(value: object) -> Sequence[object]:
    """Every value inside ``value`` (frozen dataclasses, tuples), for checks that it holds no
    store or connection."""
    found: list[object] = [value]
    if hasattr(value, "__dataclass_fields__"):
        for item in fields(value):  # type: ignore[arg-type]
            found.extend(plain_values(getattr(value, item.name)))
    elif isinstance(value, tuple | list):
        for item in value:
            found.extend(plain_values(item))
    return found
