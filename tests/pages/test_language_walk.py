"""Every page, on both demo events, read in Indonesian: no English words, codes or raw keys.

And the other way round for Indonesian leftovers on the English pages. The list of words is the
English (or Indonesian) a translation slip leaves behind; the codes are the action, status and
reason codes the domain stores, which a page must say in words.
"""

from __future__ import annotations

import re

import pytest

from app_support import PAGES
from booth_planner.allocation import allocate, diff_allocations
from booth_planner.allocation.tables import history_details, history_summary
from booth_planner.core.i18n import catalogue, t
from tests.pages.helpers import NATIONAL, PON, open_page, store_and_event
from tests.pages.page_text import page_texts

ENGLISH = ("booth", "booths", "applicant", "applicants", "regions", "changed", "available",
           "assigned", "blocked", "corner", "standard", "island", "outdoor", "None", "empty",
           "solver", "slug", "pavilion", "mixed", "bound", "gap", "undo", "true", "false", "nan",
           "Booth", "Applicants", "Region", "Upload file")
INDONESIAN = ("stand", "peserta", "wilayah", "tersedia", "diblokir", "terisi", "sudut", "paviliun",
              "Batas", "Selisih", "acara", "dibuat", "belum", "tidak")
CODES = ("NOT_ALLOCATED", "NO_COMPATIBLE_BOOTH", "NO_ADJACENT_GROUP", "CAPACITY", "NOT_ACCEPTED")
_DOTTED = re.compile(r"\b[a-z_]+(?:\.[a-z_]+)+\b")
_NOT_WORDS = re.compile(r"^(?:[0-9a-f]{32}|h[1-6]|\{.*\})$")


def action_codes() -> set[str]:
    """The action codes history stores (``booth.assign``), from their labels' keys."""
    return {k.removeprefix("history.action.") for k in catalogue() if k.startswith("history.action.")}


def slips(texts: list[str], words: tuple[str, ...]) -> list[str]:
    """The texts that hold one of ``words``, a reason code, an action code or a locale key."""
    keys, actions = set(catalogue()), action_codes()
    found = []
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])")
    for text in texts:
        if _NOT_WORDS.match(text):
            continue
        dotted = {m for m in _DOTTED.findall(text) if m in keys or m in actions}
        if pattern.search(text) or dotted or any(code in text for code in CODES):
            found.append(text)
    return found


def page_slips(app, url_path: str, slug: str, lang: str, **widgets) -> list[str]:
    """What reads wrong on one page in ``lang`` (with ``widgets`` set, e.g. a tab opened)."""
    at = open_page(app, url_path, lang=lang, event_slug=slug)
    if widgets:
        for key, value in widgets.items():
            at.session_state[key] = value
        at = at.run()
    assert not at.exception, (url_path, at.exception)
    # Exhibitor, product and event names are data, not the app's words.
    texts = list(page_texts(at._tree))
    return [f"{url_path}: {text[:160]}" for text in slips(texts, ENGLISH if lang == "id"
                                                          else INDONESIAN)
            ] + [f"{url_path}: {label}" for label in streamlit_placeholders(at)]


def streamlit_placeholders(at) -> list[str]:
    """The choice boxes left to Streamlit's own placeholder, which is English in any language
    ("Choose options", "Choose an option"): empty ones say the app's word instead."""
    # A select box shows its placeholder only when it starts with nothing chosen (index=None).
    boxes = [*at.multiselect, *(box for box in at.selectbox if not box.proto.HasField("default"))]
    return [f"{box.label}: Streamlit's English placeholder" for box in boxes
            if not box.proto.placeholder]


def allocate_and_undo(url: str, slug: str) -> None:
    """Give the event an applied allocation, one hand change and an undo, as an organizer would."""
    store, event = store_and_event(url, slug)
    state = store.state(event.id)
    result = allocate(state.booths, state.applicants, mode="pavilion", time_limit=30.0, lang="en")
    diff = diff_allocations(state.assignments, result.assignments, state.applicants)
    store.apply_allocation(event.id, result.assignments, user="ana",
                           summary=history_summary(result, diff), **history_details(result, diff))
    booth_id = store.state(event.id).assignments[0].booth_id
    change = store.unassign(event.id, booth_id, user="ana")
    store.undo(event.id, change.id, user="ana")


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("slug", [PON, NATIONAL])
def test_every_page_speaks_one_language(app, app_database, slug, lang):
    allocate_and_undo(app_database, slug)
    found = []
    for _file, url_path, *_ in PAGES:
        found += page_slips(app, url_path, slug, lang)
    # The coverage page draws only its open tab: read the others too.
    for key in ("coverage.tab.map", "coverage.tab.treemap", "coverage.tab.categories",
                "registry.coverage.tab"):
        found += page_slips(app, "cakupan", slug, lang, coverage_tab=t(key, lang))
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang, score", [("id", ","), ("en", ".")])
def test_an_allocation_run_reads_in_one_language(app, lang, score):
    at = open_page(app, "alokasi", lang=lang, event_slug=PON)
    at = at.button(key="allocate_page.run").click().run()
    assert not at.exception
    found = slips(list(page_texts(at._tree)), ENGLISH if lang == "id" else INDONESIAN)
    assert not found, "\n".join(found)
    figures = {m.label: m.value for m in at.metric}
    seconds = figures["Waktu" if lang == "id" else "Time"]
    assert seconds.endswith(" s") and ("." not in seconds if lang == "id" else "," not in seconds)
    layout = figures["Skor tata letak" if lang == "id" else "Layout score"]
    assert layout.endswith("%") and "0.8" not in layout
