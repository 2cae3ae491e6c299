"""The domain's plain values: regions, booths, applicants and an event's state.

These are what the allocation, coverage, charts and exports work on; storage turns database rows
into them, so none of those modules needs a database or Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

BOOTH_TYPES = ("standard", "corner", "island", "outdoor")
BOOTH_STATUSES = ("available", "blocked")
REGION_TYPES = ("provinsi", "kabupaten", "kota")
DEFAULT_BOOTH_SIZE_M = 3.0


@dataclass(frozen=True, slots=True)
class Region:
    """One province or kabupaten/kota of the official list."""

    code: str
    name: str
    type: str
    province_code: str
    capital: str
    latitude: float
    longitude: float

    @property
    def is_province(self) -> bool:
        """True for a province (code without a dot)."""
        return self.type == "provinsi"


def zone_accepts(zone: str | None, category: str) -> bool:
    """The zone rule (SPEC 3.2): a booth without a zone takes anyone, a zoned one its category."""
    return not zone or zone.strip().casefold() == category.strip().casefold()


@dataclass(frozen=True, slots=True)
class Booth:
    """A booth of a hall; (x, y) is its corner nearest the hall's origin, in metres."""

    booth_id: str
    hall: str
    x: float
    y: float
    width_m: float = DEFAULT_BOOTH_SIZE_M
    depth_m: float = DEFAULT_BOOTH_SIZE_M
    zone: str | None = None
    booth_type: str = "standard"
    status: str = "available"
    price_idr: int | None = None

    @property
    def is_blocked(self) -> bool:
        """True when the booth may never be assigned."""
        return self.status == "blocked"

    def accepts(self, category: str) -> bool:
        """True when an applicant of ``category`` may use this booth (zone rule, SPEC 3.2)."""
        return zone_accepts(self.zone, category)


@dataclass(frozen=True, slots=True)
class Applicant:
    """An exhibitor applying for booths; ``region_code`` is already resolved (SPEC 1)."""

    applicant_id: str
    name: str
    region_code: str
    category: str
    product: str | None = None
    booths_requested: int = 1
    priority: int = 0
    locked_booth_ids: tuple[str, ...] = ()
    # The exhibitor's public profile (the visitor directory and booth cards show it).
    whatsapp: str | None = None  # normalised, ``62...``
    links: tuple[str, ...] = ()  # https:// only; the first is the main shop
    description: str | None = None
    # Where the applicant is in the call for exhibitors (booth_planner.lifecycle.status).
    # None means accepted (``diterima``), as every applicant was before the lifecycle; in an
    # imported row it means "no status given": the recorded one is kept, a new one accepted.
    status: str | None = None


@dataclass(frozen=True, slots=True)
class Assignment:
    """A booth given to an applicant; ``locked`` ones stay put in automatic allocation."""

    booth_id: str
    applicant_id: str
    locked: bool = False
    source: str = "manual"


UNPLACED_REASONS = ("NO_COMPATIBLE_BOOTH", "NO_ADJACENT_GROUP", "CAPACITY")


@dataclass(frozen=True, slots=True)
class Unplaced:
    """An applicant left without booths, and why (SPEC section 2, unplaced.csv)."""

    applicant_id: str
    reason_code: str
    reason: str


@dataclass(frozen=True, slots=True)
class EventInfo:
    """An event's descriptive fields."""

    id: int
    slug: str
    name: str
    venue: str = ""
    city: str = ""
    start_date: date | None = None
    end_date: date | None = None
    scope: str = "regional"
    directory_published: bool = False  # visitors see the event's directory only when True
    directory_base_url: str | None = None  # where the directory is published (for QR codes)


@dataclass(frozen=True)
class EventState:
    """Everything about one event at one moment: what allocation, charts and exports read."""

    event: EventInfo
    booths: tuple[Booth, ...] = ()
    applicants: tuple[Applicant, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    halls: tuple[str, ...] = field(default=())

    def booth_by_id(self) -> dict[str, Booth]:
        """Booths keyed by booth_id."""
        return {b.booth_id: b for b in self.booths}

    def applicant_by_id(self) -> dict[str, Applicant]:
        """Applicants keyed by applicant_id."""
        return {a.applicant_id: a for a in self.applicants}

    def assignment_by_booth(self) -> dict[str, Assignment]:
        """Assignments keyed by booth_id."""
        return {a.booth_id: a for a in self.assignments}
