"""A gallery's regional coverage at the level it works in, over its whole roster.

A kota or kabupaten gallery counts its kecamatan (Kota Bekasi: 12); a province gallery counts
its kabupaten/kota. A member whose code is finer than that level counts for the region above it
(a kecamatan for its kabupaten/kota in a province gallery); a member at a coarser level, such as
the council's own display coded as the city itself, belongs to no one region and is left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from booth_planner.core import regions
from booth_planner.core.districts import districts_of, is_district_code
from booth_planner.core.regions import Region
from booth_planner.exports.booth_lists import natural_key
from booth_planner.storage.gallery import GalleryState

COLUMNS = ("code", "name", "members", "members_with_turn", "turns", "periods_shown",
           "periods_share", "first_shown", "last_shown")


@dataclass(frozen=True)
class GalleryCoverage:
    """Per region of the gallery's area: members and how often it is on show; the totals."""

    level: str  # "kecamatan" or "kabupaten_kota"; "" when the gallery has no home region
    table: pd.DataFrame  # COLUMNS, one row per region of the area, in code order
    periods: int
    regions_in_area: int
    regions_with_members: int
    regions_shown: int  # on show in at least one period
    regions_per_period: float  # on average over the periods


def area_of(home_region: str | None) -> tuple[str, tuple[Region, ...]]:
    """The level and the regions a gallery of ``home_region`` counts."""
    if not home_region:
        return "", ()
    if home_region.count(".") == 1:  # PP.RR: a kabupaten/kota
        return "kecamatan", districts_of(home_region)
    return "kabupaten_kota", regions.kabupaten_kota(home_region)


def region_at_level(code: str, level: str) -> str | None:
    """The region ``code`` counts for at ``level``; None when it is coarser than the level."""
    if level == "kecamatan":
        return code if is_district_code(code) else None
    if level == "kabupaten_kota":
        if is_district_code(code):
            return code.rsplit(".", 1)[0]
        return code if code.count(".") == 1 else None
    return None


def gallery_coverage(state: GalleryState) -> GalleryCoverage:
    """The coverage of ``state``'s area by its members and its roster."""
    level, area = area_of(state.home_region)
    region_of = {m.applicant_id: region_at_level(m.applicant.region_code, level)
                 for m in state.members}
    period_ids = [p.period_id for p in state.periods]
    shown_in: dict[str, set[str]] = {}
    turns: Counter[str] = Counter()
    with_turn: dict[str, set[str]] = {}
    for turn in state.turns:
        code = region_of.get(turn.applicant_id)
        if code is None:
            continue
        shown_in.setdefault(code, set()).add(turn.period_id)
        turns[code] += 1
        with_turn.setdefault(code, set()).add(turn.applicant_id)
    members = Counter(code for code in region_of.values() if code is not None)
    rows = []
    for region in sorted(area, key=lambda r: natural_key(r.code)):
        periods = [p for p in period_ids if p in shown_in.get(region.code, ())]
        rows.append((region.code, region.name, members[region.code],
                     len(with_turn.get(region.code, ())), turns[region.code], len(periods),
                     len(periods) / len(period_ids) if period_ids else 0.0,
                     periods[0] if periods else "", periods[-1] if periods else ""))
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    shown = table["periods_shown"].astype(int)
    return GalleryCoverage(
        level=level, table=table, periods=len(period_ids), regions_in_area=len(area),
        regions_with_members=int((table["members"].astype(int) > 0).sum()),
        regions_shown=int((shown > 0).sum()),
        # Summed over regions, the periods each is shown equal the regions each period shows.
        regions_per_period=int(shown.sum()) / len(period_ids) if period_ids else 0.0,
    )


def never_shown(coverage: GalleryCoverage) -> Sequence[str]:
    """Names of the area's regions no period shows, those with members first."""
    table = coverage.table[coverage.table["periods_shown"] == 0]
    ordered = table.sort_values(["members", "code"], ascending=[False, True], kind="stable")
    return list(ordered["name"])
