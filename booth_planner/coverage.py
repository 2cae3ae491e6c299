"""Regional coverage: which regions an event represents, which applied but got no booth, which are absent.

Words used throughout:
- *applied*: at least one applicant gave the region (``Applicant.region_code``).
- *represented*: at least one of those applicants holds a booth.
- *in scope*: the kabupaten/kota of the provinces taking part (by default the provinces any
  applicant comes from).
Kabupaten/kota figures count only kabupaten/kota codes (``PP.RR``). An applicant whose region is a
province (a province's own Dekranasda) counts for its province and in the province-level figures,
never as a kabupaten/kota.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from booth_planner.core import regions
from booth_planner.core.model import Applicant, EventState
from booth_planner.core.text import natural_key
from booth_planner.occupancy import hall_counts

REPRESENTED = "represented"
APPLIED_UNPLACED = "applied_unplaced"
ABSENT = "absent"
REGION_STATUSES = (REPRESENTED, APPLIED_UNPLACED, ABSENT)


@dataclass(frozen=True, slots=True)
class CoverageSummary:
    """An event's key coverage figures."""

    kabkota_represented: int
    kabkota_applied: int
    kabkota_in_scope: int
    kabkota_national: int
    provinces_represented: int
    provinces_applied: int
    provinces_in_scope: int
    province_level_represented: int
    province_level_applied: int
    applicants: int
    applicants_placed: int
    booths: int
    booths_assigned: int
    booths_free: int
    booths_blocked: int
    national: bool


def is_kabkota_code(code: str) -> bool:
    """True for a kabupaten/kota code (``PP.RR``), false for a province code (``PP``)."""
    return "." in code


def booths_by_applicant(state: EventState) -> dict[str, list[str]]:
    """Booth ids held per applicant id (only booths and applicants that exist), naturally sorted."""
    booth_ids = {b.booth_id for b in state.booths}
    applicant_ids = {a.applicant_id for a in state.applicants}
    held: dict[str, list[str]] = defaultdict(list)
    for assignment in state.assignments:
        if assignment.booth_id in booth_ids and assignment.applicant_id in applicant_ids:
            held[assignment.applicant_id].append(assignment.booth_id)
    return {a: sorted(ids, key=natural_key) for a, ids in held.items()}


def placed_applicant_ids(state: EventState) -> set[str]:
    """Applicants holding at least one booth."""
    return set(booths_by_applicant(state))


def _known(code: str) -> bool:
    """True when the code is in the official list."""
    try:
        regions.region(code)
    except KeyError:
        return False
    return True


def applied_codes(state: EventState) -> set[str]:
    """Region codes (official ones only) that at least one applicant gave."""
    return {a.region_code for a in state.applicants if _known(a.region_code)}


def represented_codes(state: EventState) -> set[str]:
    """Region codes (official ones only) with at least one applicant holding a booth."""
    placed = placed_applicant_ids(state)
    return {a.region_code for a in state.applicants
            if a.applicant_id in placed and _known(a.region_code)}


@dataclass(frozen=True)
class RegionCounts:
    """How many regions are represented, by the one definition every page uses.

    A region is represented when at least one of its applicants holds a booth; only official
    codes count. Kabupaten/kota are "the regions"; a province-level applicant (a Dekranasda
    provinsi pavilion, code ``PP``) is counted on its own line, never as a kabupaten/kota, and
    its province counts as taking part.
    """

    represented: int  # kabupaten/kota with a placed applicant
    applied: int  # kabupaten/kota with any applicant
    province_level_represented: int
    province_level_applied: int
    provinces_represented: int
    provinces_applied: int


def region_counts(state: EventState) -> RegionCounts:
    """The event's region figures (see RegionCounts), the same on every page."""
    applied = applied_codes(state)
    represented = represented_codes(state)
    return RegionCounts(
        represented=sum(map(is_kabkota_code, represented)),
        applied=sum(map(is_kabkota_code, applied)),
        province_level_represented=sum(not is_kabkota_code(c) for c in represented),
        province_level_applied=sum(not is_kabkota_code(c) for c in applied),
        provinces_represented=len({regions.province_code(c) for c in represented}),
        provinces_applied=len({regions.province_code(c) for c in applied}),
    )


def scope_province_codes(state: EventState,
                         scope_provinces: Iterable[str] | None = None) -> tuple[str, ...]:
    """The provinces taking part: ``scope_provinces`` if given, else every applicant's province."""
    if scope_provinces is None:
        codes = {regions.province_code(code) for code in applied_codes(state)}
    else:
        codes = {regions.province_code(code) for code in scope_provinces}
        unknown = sorted(c for c in codes if not _known(c))
        if unknown:
            raise KeyError(f"unknown province code(s): {', '.join(unknown)}")
    return tuple(sorted(codes))


def coverage_summary(state: EventState,
                     scope_provinces: Iterable[str] | None = None) -> CoverageSummary:
    """The key figures: kabupaten/kota and provinces represented, applicants and booths."""
    figures = region_counts(state)
    scope = scope_province_codes(state, scope_provinces)
    counts = hall_counts(state)
    return CoverageSummary(
        kabkota_represented=figures.represented,
        kabkota_applied=figures.applied,
        kabkota_in_scope=sum(len(regions.kabupaten_kota(p)) for p in scope),
        kabkota_national=len(regions.kabupaten_kota()),
        provinces_represented=figures.provinces_represented,
        provinces_applied=figures.provinces_applied,
        provinces_in_scope=len(scope),
        province_level_represented=figures.province_level_represented,
        province_level_applied=figures.province_level_applied,
        applicants=len(state.applicants),
        applicants_placed=len(placed_applicant_ids(state)),
        booths=int(counts["booths"].sum()),
        booths_assigned=int(counts["assigned"].sum()),
        booths_free=int(counts["free"].sum()),
        booths_blocked=int(counts["blocked"].sum()),
        national=state.event.scope == "national",
    )


REGION_STATUS_COLUMNS = (
    "code", "name", "type", "province_code", "province_name", "capital", "latitude", "longitude",
    "status", "applicants", "applicants_placed", "booths",
)


def region_status(state: EventState,
                  scope_provinces: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per kabupaten/kota of the provinces in scope, with its status and counts."""
    held = booths_by_applicant(state)
    applicants: Counter[str] = Counter()
    placed: Counter[str] = Counter()
    booths: Counter[str] = Counter()
    for applicant in state.applicants:
        applicants[applicant.region_code] += 1
        if applicant.applicant_id in held:
            placed[applicant.region_code] += 1
            booths[applicant.region_code] += len(held[applicant.applicant_id])
    rows = []
    for province_code in scope_province_codes(state, scope_provinces):
        province = regions.region(province_code)
        for region in regions.kabupaten_kota(province_code):
            code = region.code
            status = (REPRESENTED if placed[code] else
                      APPLIED_UNPLACED if applicants[code] else ABSENT)
            rows.append((code, region.name, region.type, province_code, province.name,
                         region.capital, region.latitude, region.longitude, status,
                         applicants[code], placed[code], booths[code]))
    return pd.DataFrame(rows, columns=list(REGION_STATUS_COLUMNS))


PROVINCE_COVERAGE_COLUMNS = (
    "province_code", "province_name", "kabkota_total", "represented", "applied_unplaced",
    "not_applied", "province_level", "applicants", "applicants_placed", "booths",
)


def province_coverage(state: EventState,
                      scope_provinces: Iterable[str] | None = None) -> pd.DataFrame:
    """Per province in scope: its official kabupaten/kota count split by status, and totals.

    ``province_level`` is the status of the province's own entry (its Dekranasda applying as the
    province); ``applicants``, ``applicants_placed`` and ``booths`` count the whole province.
    """
    status = region_status(state, scope_provinces)
    held = booths_by_applicant(state)
    applicants: Counter[str] = Counter()
    placed: Counter[str] = Counter()
    booths: Counter[str] = Counter()
    own_applied: set[str] = set()
    own_placed: set[str] = set()
    for applicant in state.applicants:
        if not _known(applicant.region_code):
            continue
        province = regions.province_code(applicant.region_code)
        applicants[province] += 1
        is_placed = applicant.applicant_id in held
        placed[province] += is_placed
        booths[province] += len(held.get(applicant.applicant_id, ()))
        if not is_kabkota_code(applicant.region_code):
            own_applied.add(province)
            if is_placed:
                own_placed.add(province)
    by_status = Counter(zip(status["province_code"], status["status"], strict=True))
    rows = []
    for code in scope_province_codes(state, scope_provinces):
        counts = [by_status[(code, key)] for key in REGION_STATUSES]
        level = (REPRESENTED if code in own_placed else
                 APPLIED_UNPLACED if code in own_applied else ABSENT)
        rows.append((code, regions.region(code).name, sum(counts), *counts, level,
                     applicants[code], placed[code], booths[code]))
    return pd.DataFrame(rows, columns=list(PROVINCE_COVERAGE_COLUMNS))


CATEGORY_MIX_COLUMNS = ("province_code", "province_name", "category", "applicants",
                        "applicants_placed", "booths")


def category_mix(state: EventState) -> pd.DataFrame:
    """Per province and category: applicants, those placed and booths held (provinces by code)."""
    held = booths_by_applicant(state)
    mix: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for applicant in state.applicants:
        if not _known(applicant.region_code):
            continue
        key = (regions.province_code(applicant.region_code), applicant.category.strip().casefold())
        mix[key][0] += 1
        mix[key][1] += applicant.applicant_id in held
        mix[key][2] += len(held.get(applicant.applicant_id, ()))
    rows = [(p, regions.region(p).name, c, *v) for (p, c), v in sorted(mix.items())]
    return pd.DataFrame(rows, columns=list(CATEGORY_MIX_COLUMNS))


BOOTH_BREAKDOWN_COLUMNS = ("province_code", "province_name", "region_code", "region_name",
                           "applicant_id", "name", "category", "product", "booths")


def booth_breakdown(state: EventState) -> pd.DataFrame:
    """One row per placed applicant with its province, region, category and booth count."""
    held = booths_by_applicant(state)
    rows = []
    for applicant in state.applicants:
        if applicant.applicant_id not in held or not _known(applicant.region_code):
            continue
        region = regions.region(applicant.region_code)
        province = regions.province_of(region.code)
        rows.append((province.code, province.name, region.code, region.name,
                     applicant.applicant_id, applicant.name, applicant.category.strip().casefold(),
                     applicant.product, len(held[applicant.applicant_id])))
    table = pd.DataFrame(rows, columns=list(BOOTH_BREAKDOWN_COLUMNS))
    return table.sort_values(["region_code", "applicant_id"], kind="stable", ignore_index=True)


REGION_DETAIL_COLUMNS = ("applicant_id", "name", "region_code", "region_name", "category",
                         "product", "booths_requested", "placed", "booths", "halls", "booth_ids")


def _in_region(applicant: Applicant, code: str) -> bool:
    """True when the applicant belongs to ``code``; for a province, any region inside it."""
    if is_kabkota_code(code):
        return applicant.region_code == code
    return regions.province_code(applicant.region_code) == code


def region_detail(state: EventState, code: str) -> pd.DataFrame:
    """A region's applicants with products and booths; for a province code, the whole province."""
    region = regions.region(code)  # KeyError names the code when it is not official
    held = booths_by_applicant(state)
    booth_by_id = state.booth_by_id()
    rows = []
    for applicant in state.applicants:
        if not _in_region(applicant, region.code):
            continue
        booth_ids = held.get(applicant.applicant_id, [])
        halls = sorted({booth_by_id[b].hall for b in booth_ids}, key=natural_key)
        try:
            region_name = regions.region(applicant.region_code).name
        except KeyError:
            region_name = ""
        rows.append((applicant.applicant_id, applicant.name, applicant.region_code, region_name,
                     applicant.category, applicant.product, applicant.booths_requested,
                     bool(booth_ids), len(booth_ids), ", ".join(halls), ", ".join(booth_ids)))
    return pd.DataFrame(rows, columns=list(REGION_DETAIL_COLUMNS))
