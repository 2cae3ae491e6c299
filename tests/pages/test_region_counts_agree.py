"""Every page counts "regions represented" the same way (coverage.region_counts)."""

from __future__ import annotations

import pytest

from booth_planner.coverage import region_counts
from tests.pages.helpers import NATIONAL, PON, open_page, store_and_event


def _figures(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("slug", [PON, NATIONAL])
def test_home_coverage_and_allocate_pages_agree_on_regions(app, app_database, slug):
    store, event = store_and_event(app_database, slug)
    state = store.state(event.id)
    # Three kabupaten/kota and one province pavilion get a booth: a pavilion counted as a
    # region, or a region counted twice, would show on the page that does it.
    pavilion = next(a for a in state.applicants if "." not in a.region_code)
    by_region = {}
    for applicant in state.applicants:
        if "." in applicant.region_code:
            by_region.setdefault(applicant.region_code, applicant)
    chosen = [*list(by_region.values())[:3], pavilion]
    taken = {a.booth_id for a in state.assignments}
    free = [b.booth_id for b in state.booths if not b.is_blocked and b.booth_id not in taken]
    for booth_id, applicant in zip(free, chosen, strict=False):
        store.assign(event.id, booth_id, applicant.applicant_id, user="t")
    counts = region_counts(store.state(event.id))
    assert counts.represented == 3 and counts.province_level_represented == 1
    expected = f"{counts.represented} / {counts.applied}"

    home = _figures(open_page(app, "ringkasan", lang="en", event_slug=slug))
    coverage = _figures(open_page(app, "cakupan", lang="en", event_slug=slug))
    allocate = _figures(open_page(app, "alokasi", lang="en", event_slug=slug))
    assert home["Regions represented"] == expected
    assert coverage["of those that applied"] == expected
    assert allocate["Regions represented"] == expected
    assert home["Provinces represented"] == coverage["Provinces represented"]
