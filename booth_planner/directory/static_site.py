"""The visitor directory as a folder of static files any web host (or a laptop) can serve.

``index.html`` holds the page, its script and its data, so it works opened straight from the
file system with no network (browsers refuse to fetch local files); ``directory.json`` has the
same entries for other programs (SPEC 6) and ``plan-N.svg`` each hall's plan. The script only
ever sets text (``textContent``) and checked ``https://`` addresses, never markup, and the data
is embedded with ``<``, ``>`` and ``&`` escaped, so no imported text can run as code.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from booth_planner.core.i18n import t
from booth_planner.directory.entries import Directory
from booth_planner.directory.plan import booth_box, plan_svg
from booth_planner.directory.search import MIN_PREFIX, MIN_SCORE, entry_words

TEMPLATE = Path(__file__).with_name("static_page.html")
DATA_MARK = "/*DATA*/"
# UI texts the page shows, by the key the script uses.
PAGE_TEXTS = ("search_label", "search_placeholder", "all_provinces", "all_halls", "results",
              "no_results", "booth", "hall", "region", "product", "category", "whatsapp",
              "shop", "links", "back", "plan_of", "open_entry", "province", "entry_not_found",
              "booths")


@dataclass(frozen=True)
class ExportStats:
    """What an export wrote."""

    entries: int
    halls: int
    bytes: int


def directory_json(directory: Directory) -> str:
    """directory.json (SPEC 6): one object per assigned booth."""
    return json.dumps([e.as_json() for e in directory.entries], ensure_ascii=False, indent=1)


def page_data(directory: Directory, lang: str) -> dict:
    """Everything the page's script needs: texts, entries with search words, plan boxes."""
    plans = {hall.name: index for index, hall in enumerate(directory.halls, start=1)}
    entries = []
    for entry in directory.entries:
        item = entry.as_json()
        item["w"] = list(entry_words(entry))
        hall = directory.hall(entry.hall)
        box = booth_box(hall, entry.booth_id) if hall else None
        if box:
            item["plan"] = f"plan-{plans[entry.hall]}.svg"
            item["box"] = [round(v, 5) for v in box]
        entries.append(item)
    return {
        "event": {"name": directory.event_name, "dates": directory.dates,
                  "venue": directory.venue},
        "texts": {key: t(f"directory.page.{key}", lang) for key in PAGE_TEXTS},
        "lang": lang, "min_score": MIN_SCORE, "min_prefix": MIN_PREFIX, "entries": entries,
    }


def embedded_json(value: object) -> str:
    """JSON safe inside a ``<script>`` element: no ``</script>``, no comment or entity tricks."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def index_html(directory: Directory, lang: str) -> str:
    """The page, its script and its data in one file."""
    from xml.sax.saxutils import escape

    page = TEMPLATE.read_text(encoding="utf-8")
    page = page.replace("<!--TITLE-->", escape(directory.event_name or t(
        "directory.page.title", lang)))
    page = page.replace("<!--LANG-->", "id" if lang == "id" else "en")
    return page.replace(DATA_MARK, embedded_json(page_data(directory, lang)))


def site_files(directory: Directory, lang: str) -> dict[str, bytes]:
    """File name -> content of the whole folder."""
    files = {"index.html": index_html(directory, lang).encode("utf-8"),
             "directory.json": directory_json(directory).encode("utf-8")}
    for index, hall in enumerate(directory.halls, start=1):
        files[f"plan-{index}.svg"] = plan_svg(hall).encode("utf-8")
    return files


def write_site(directory: Directory, out: Path, lang: str = "id") -> ExportStats:
    """Write the folder ``out`` (created if needed); its files are replaced all together.

    The files are written into a new folder beside ``out`` first, then moved in, so a failure
    half-way leaves the previous export as it was.
    """
    files = site_files(directory, lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}."))
    try:
        for name, content in files.items():
            (staging / name).write_bytes(content)
        out.mkdir(exist_ok=True)
        for name in files:
            os.replace(staging / name, out / name)
        for old in out.glob("plan-*.svg"):  # plans of halls the event no longer has
            if old.name not in files:
                old.unlink()
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return ExportStats(len(directory.entries), len(directory.halls),
                       sum(len(c) for c in files.values()))


def site_zip(directory: Directory, lang: str = "id") -> bytes:
    """The folder as a zip, for a download from the app."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in site_files(directory, lang).items():
            archive.writestr(f"direktori/{name}", content)
    return out.getvalue()
