"""The coverage page on both demo events: key figures, charts, filters and a region's detail."""

import pytest

from booth_planner.core.i18n import format_number
from booth_planner.coverage import coverage_summary, province_coverage
from booth_planner.storage import open_store
from tests.pages.helpers import open_page


def demo_state(database_url: str, slug: str):
    """The demo event's state straight from the database."""
    store = open_store(database_url)
    event = next(e for e in store.list_events() if e.slug == slug)
    return store.state(event.id)


@pytest.mark.parametrize("slug, lang", [("pon-xxi-2024", "id"), ("kriya-nusantara-nasional", "en")])
def test_page_shows_the_events_coverage_figures_and_charts(app, app_database, slug, lang):
    at = open_page(app, "cakupan", lang=lang, event_slug=slug)
    assert not at.exception
    summary = coverage_summary(demo_state(app_database, slug))
    n = lambda value: format_number(value, lang)  # noqa: E731
    figures = {m.label: m.value for m in at.metric}
    applied = "of those that applied" if lang == "en" else "dari yang mendaftar"
    assert figures[applied] == f"{n(summary.kabkota_represented)} / {n(summary.kabkota_applied)}"
    booths_free = "Booths free" if lang == "en" else "Stand kosong"
    assert figures[booths_free] == n(summary.booths_free)
    national = "of all in Indonesia"
    assert (national in figures) == summary.national
    if summary.national:
        assert figures[national].endswith("/ 514")
    # Only the open tab is drawn; each of the five (the produk unggulan map too) has its chart.
    assert len(at.get("plotly_chart")) == 1
    labels = [tab.label for tab in at.tabs]
    assert len(labels) == 5
    for label in labels[1:]:
        at.session_state["coverage_tab"] = label
        at = at.run()
        assert not at.exception, label
        assert len(at.get("plotly_chart")) == 1, label


def test_national_demo_is_national_and_pon_is_regional(app_database):
    assert coverage_summary(demo_state(app_database, "kriya-nusantara-nasional")).national
    assert not coverage_summary(demo_state(app_database, "pon-xxi-2024")).national


def test_province_filter_narrows_the_table(app, app_database):
    at = open_page(app, "cakupan", lang="en", event_slug="kriya-nusantara-nasional")
    provinces = province_coverage(demo_state(app_database, "kriya-nusantara-nasional"))
    first = provinces["province_code"].iloc[0]
    at = at.multiselect(key="coverage_provinces").set_value([first]).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert table["Province code"].tolist() == [first]


def give_first_free_booth(database_url: str, slug: str):
    """Assign a free, unzoned booth to the first kabupaten/kota applicant; returns the applicant."""
    state = demo_state(database_url, slug)
    applicant = next(a for a in state.applicants if "." in a.region_code)
    booth = next(b for b in state.booths if not b.is_blocked and not b.zone)
    open_store(database_url).assign(state.event.id, booth.booth_id, applicant.applicant_id,
                                    user="test")
    return applicant


def test_choosing_a_region_shows_its_exhibitors(app, app_database):
    applicant = give_first_free_booth(app_database, "pon-xxi-2024")
    at = open_page(app, "cakupan", lang="en", event_slug="pon-xxi-2024")
    figures = {m.label: m.value for m in at.metric}
    assert figures["of those that applied"].startswith("1 / ")
    at = at.selectbox(key="coverage_region").set_value(applicant.region_code).run()
    assert not at.exception
    detail = at.dataframe[-1].value
    assert applicant.applicant_id in detail["Applicant ID"].tolist()
    assert detail.loc[detail["Applicant ID"] == applicant.applicant_id, "Placed"].item()
