"""The static visitor directory in a real browser on a phone: opened from the file system with
no network, it finds a misspelled product, shows the booth on the plan, follows deep links,
shows hostile text as text, and finds the same exhibitors as the app's search."""

from __future__ import annotations

from pathlib import Path

import pytest

from booth_planner.cli import main
from booth_planner.directory.entries import from_state
from booth_planner.directory.search import search
from tests.directory_sample import HOSTILE_NAME, sample_state, write_files
from tests.e2e.browser import launch

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("static")
    assignments, applicants = write_files(sample_state("pon"), folder)
    assert main(["directory", "--assignments", str(assignments), "--applicants",
                 str(applicants), "--out", str(folder / "site"), "--event", "PON XXI"]) == 0
    return folder / "site"


@pytest.fixture(scope="module")
def phone(site, playwright_session):
    browser = launch(playwright_session)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        yield context
    finally:
        context.close()
        browser.close()


def open_site(context, site: Path, query: str = ""):
    """A tab on the site's index.html; records dialogs and every non-file request."""
    page = context.new_page()
    page.dialogs, page.network = [], []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: None if r.url.startswith("file:") else page.network.append(r.url))
    page.goto((site / "index.html").as_uri() + query)
    page.locator("body[data-ready=true]").wait_for(state="attached")
    return page


def test_a_visitor_finds_a_misspelled_product_and_sees_the_booth_on_the_plan(phone, site):
    page = open_site(phone, site)
    page.locator("#q").fill("kopy gyo")
    first = page.locator("li.result").first
    first.wait_for()
    assert "Kopi" in first.inner_text()
    first.click()
    entry = page.locator("article.entry")
    entry.wait_for()
    booth = entry.get_attribute("data-booth")
    page.wait_for_function("() => { const i = document.querySelector('.plan img');"
                           " return i && i.complete && i.naturalWidth > 0; }")
    mark = page.locator(f".plan .mark[data-booth='{booth}']")
    plan_box, mark_box = page.locator(".plan").bounding_box(), mark.bounding_box()
    assert mark_box["width"] > 2 and mark_box["height"] > 2
    assert plan_box["x"] <= mark_box["x"] and mark_box["x"] + mark_box["width"] <= \
        plan_box["x"] + plan_box["width"] + 0.5
    assert plan_box["width"] <= PHONE["width"]  # fits the phone, no sideways scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(site.parent / "static-phone.png"), full_page=True)
    assert page.network == [] and page.dialogs == []


def test_deep_links_open_a_booth_and_an_exhibitor(phone, site):
    directory = from_state(sample_state("pon"))
    entry = directory.entries[10]
    page = open_site(phone, site, f"?booth={entry.booth_id.lower()}")
    page.locator(f"article.entry[data-booth='{entry.booth_id}']").wait_for()
    assert entry.name in page.locator("article.entry h2").inner_text()
    page = open_site(phone, site, f"?exhibitor={entry.applicant_id}")
    page.locator("article.entry h2").wait_for()
    assert page.locator("article.entry h2").inner_text() == entry.name
    page = open_site(phone, site, "?booth=ZZ-99")
    assert "tidak ada" in page.locator("#count").inner_text()


def test_hostile_text_is_shown_as_text_and_runs_nothing(phone, site):
    hostile = next(e for e in from_state(sample_state("pon")).entries if e.name == HOSTILE_NAME)
    page = open_site(phone, site, f"?booth={hostile.booth_id}")
    heading = page.locator("article.entry h2")
    heading.wait_for()
    assert heading.inner_text() == HOSTILE_NAME
    assert page.locator("article.entry img").count() == 1  # only the plan, no injected image
    assert page.evaluate("document.scripts.length") == 2
    assert page.dialogs == [] and page.network == []


@pytest.mark.parametrize("query", ["kopi gayo", "ulos", "Humbahas", "tenunn", "medan", "sumut",
                                   "kopy", "anyaman pandan"])
def test_the_page_finds_the_same_exhibitors_as_the_app(phone, site, query):
    page = open_site(phone, site)
    page.locator("#q").fill(query)
    page.wait_for_timeout(50)
    shown = page.eval_on_selector_all("li.result", "els => els.map(e => e.dataset.exhibitor)")
    expected = list(dict.fromkeys(e.applicant_id for e in
                                  search(from_state(sample_state("pon")).entries, query)))
    assert shown == expected[:60]
    assert shown, query
