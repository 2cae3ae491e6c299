"""The downloads page on both demo events: buttons, the unplaced list and the hall choice."""

import pytest

from booth_planner.occupancy import hall_counts
from booth_planner.storage import open_store
from tests.pages.helpers import open_page


def demo_state(database_url: str, slug: str):
    """The demo event's state straight from the database."""
    store = open_store(database_url)
    event = next(e for e in store.list_events() if e.slug == slug)
    return store.state(event.id)


@pytest.mark.parametrize("slug", ["pon-xxi-2024", "kriya-nusantara-nasional"])
def test_page_offers_every_download(app, slug):
    at = open_page(app, "unduh", lang="en", event_slug=slug)
    assert not at.exception
    labels = {button.proto.label for button in at.get("download_button")}
    assert {"Booth list (CSV)", "Excel workbook (per hall)", "Lists per province (zip)",
            "Unplaced applicants (CSV)", "Printable hall list (HTML)"} <= labels


@pytest.mark.parametrize("lang, delimiter", [("id", ";"), ("en", ",")])
def test_semicolon_is_the_default_in_indonesian(app, lang, delimiter):
    at = open_page(app, "unduh", lang=lang, event_slug="pon-xxi-2024")
    assert not at.exception
    assert at.radio(key="exports_delimiter").value == delimiter


def test_unplaced_list_and_halls_come_from_the_event(app, app_database):
    state = demo_state(app_database, "pon-xxi-2024")
    at = open_page(app, "unduh", lang="en", event_slug="pon-xxi-2024")
    unplaced = at.dataframe[-1].value
    held = {a.applicant_id for a in state.assignments}
    assert set(unplaced["Applicant ID"]) == {
        a.applicant_id for a in state.applicants if a.applicant_id not in held}
    assert "Reason code" not in unplaced and unplaced["Reason"].str.len().min() > 10
    assert at.selectbox(key="exports_hall").options == hall_counts(state)["hall"].tolist()


@pytest.mark.parametrize("slug", ["pon-xxi-2024", "kriya-nusantara-nasional"])
def test_tables_on_the_page_speak_indonesian(app, slug):
    at = open_page(app, "unduh", lang="id", event_slug=slug)
    for frame in at.dataframe:
        table = frame.value
        assert not {"applicant_id", "reason_code", "booth_id"} & set(table.columns)
        cells = set(table.astype(str).to_numpy().ravel())
        assert not {"None", "nan", "<NA>", "NOT_ALLOCATED", "available", "corner"} & cells
