"""Coverage by produk unggulan: which kabupaten/kota have a registered flagship product, and
whether the current event shows it.

Words used:
- *registered*: the kabupaten/kota (or one of its kecamatan) has at least one registry entry;
- *on show*: an applicant of the region holding a booth brings a product matching an entry;
- *flagship not placed*: an applicant brings it, none of them holds a booth;
- *other only*: the region is represented, but only by products that match no entry.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import pandas as pd

from booth_planner.core import regions
from booth_planner.core.model import EventState
from booth_planner.coverage import REPRESENTED, placed_applicant_ids, region_status
from booth_planner.registry.entries import Entry
from booth_planner.registry.matching import match_in_region

ON_SHOW = "on_show"
REGISTERED = "registered"
UNREGISTERED = "unregistered"
REGISTRY_STATES = (ON_SHOW, REGISTERED, UNREGISTERED)

REGISTRY_STATUS_COLUMNS = (
    "code", "name", "type", "province_code", "province_name", "capital", "latitude", "longitude",
    "status", "registry", "entries", "registered_products", "flagship_applied", "on_show",
    "other_only", "products_on_show",
)


def flagship_applicant_ids(state: EventState, entries: Sequence[Entry]) -> set[str]:
    """Applicants whose product matches a registry entry of their own region."""
    return {a.applicant_id for a in state.applicants
            if match_in_region(a.product, a.region_code, entries)}


def registry_status(state: EventState, entries: Sequence[Entry],
                    scope_provinces: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per kabupaten/kota in scope: event status, registry state, products on show."""
    base = region_status(state, scope_provinces)
    by_region: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_region[entry.kabkota_code].append(entry)
    placed = placed_applicant_ids(state)
    flagship = flagship_applicant_ids(state, entries)
    applied_flagship: set[str] = set()
    shown_flagship: set[str] = set()
    shown: dict[str, list[str]] = defaultdict(list)
    for applicant in state.applicants:
        region = applicant.region_code[:5]
        if applicant.applicant_id in flagship:
            applied_flagship.add(region)
            if applicant.applicant_id in placed:
                shown_flagship.add(region)
        if applicant.applicant_id in placed and applicant.product:
            shown[region].append(applicant.product)
    rows = []
    for row in base.itertuples(index=False):
        own = by_region.get(row.code, [])
        on_show = row.code in shown_flagship
        state_key = ON_SHOW if on_show else REGISTERED if own else UNREGISTERED
        rows.append((*row[:9], state_key, len(own), "; ".join(e.name for e in own),
                     row.code in applied_flagship, on_show,
                     bool(own) and row.status == REPRESENTED and not on_show,
                     "; ".join(dict.fromkeys(shown.get(row.code, [])))))
    return pd.DataFrame(rows, columns=list(REGISTRY_STATUS_COLUMNS))


REGISTRY_PROVINCE_COLUMNS = (
    "province_code", "province_name", "kabkota_total", "registered", "unregistered", "on_show",
    "flagship_not_placed", "other_only", "represented",
)


def registry_coverage(state: EventState, entries: Sequence[Entry],
                      scope_provinces: Iterable[str] | None = None) -> pd.DataFrame:
    """Per province in scope: kabupaten/kota with and without a registered product, on show,
    brought but not placed, represented only by something else, and represented at all."""
    status = registry_status(state, entries, scope_provinces)
    rows = []
    for code, group in status.groupby("province_code", sort=True):
        registered = int((group["entries"] > 0).sum())
        on_show = int(group["on_show"].sum())
        rows.append((code, regions.region(code).name, len(group), registered,
                     len(group) - registered, on_show,
                     int((group["flagship_applied"] & ~group["on_show"]).sum()),
                     int(group["other_only"].sum()), int((group["status"] == REPRESENTED).sum())))
    return pd.DataFrame(rows, columns=list(REGISTRY_PROVINCE_COLUMNS))


def other_only_regions(status: pd.DataFrame) -> pd.DataFrame:
    """The regions represented only by products that are not their registered ones."""
    rows = status[status["other_only"]]
    return rows[["code", "name", "province_name", "registered_products",
                 "products_on_show"]].reset_index(drop=True)
