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
    applicants = [a for a in store.state(event.id).applicants if "." in a.region_code][:3]
    pavilion = next(a for a in store.state(event.id).applicants if "." not in a.region_code)
    booths = [b.booth_id for b in store.state(event.id).booths if not b.is_blocked]
    for booth_id, applicant in zip(booths, [*applicants, pavilion], strict=False):
        store.assign(event.id, booth_id, applicant.applicant_id, user="t")
    counts = region_counts(store.state(event.id))
    assert counts.province_level_represented == 1
    expected = f"{counts.represented} / {counts.applied}"

    home = _figures(open_page(app, "ringkasan", lang="en", event_slug=slug))
    coverage = _figures(open_page(app, "cakupan", lang="en", event_slug=slug))
    allocate = _figures(open_page(app, "alokasi", lang="en", event_slug=slug))
    assert home["Regions represented"] == expected
    assert coverage["of those that applied"] == expected
    assert allocate["Regions represented"] == expected
    assert home["Provinces represented"] == coverage["Provinces represented"]
