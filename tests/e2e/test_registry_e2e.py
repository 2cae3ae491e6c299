"""The produk unggulan map in a real browser: province outlines drawn offline, the PON demo's
56 kabupaten/kota as dots, the newer provinces marked by their capitals; a screenshot checked.

Reads the shared database only: the demo registry comes with the PON demo, nothing is written.
"""

from __future__ import annotations

from io import BytesIO

from booth_planner.charts.coverage import STATUS_COLORS
from booth_planner.charts.province_map import IN_SCOPE_FILL
from booth_planner.coverage import APPLIED_UNPLACED

TIMEOUT = 60_000
# The map's plot: the one whose traces carry the registry legend group.
MAP_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].find(
    gd => (gd.data || []).some(t => t.legendgroup === 'registry') && gd.offsetParent !== null)"""
DOTS_JS = f"""() => {{ const gd = ({MAP_JS})(); if (!gd) return null;
    return gd.data.filter(t => t.mode === 'markers' && Array.isArray(t.text))
                  .reduce((n, t) => n + t.text.length, 0); }}"""
NEWER_JS = f"""() => {{ const gd = ({MAP_JS})(); if (!gd) return null;
    const t = gd.data.find(t => t.mode === 'markers+text'); return t ? [...t.text] : []; }}"""


def hex_rgb(text: str) -> tuple[int, int, int]:
    return tuple(int(text[i:i + 2], 16) for i in (1, 3, 5))


def near(pixel, colour, tolerance: int = 12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=True))


def open_flagship_tab(page, base_url: str, lang: str) -> None:
    """The coverage page's produk unggulan tab on the PON demo, with its map drawn."""
    page.goto(f"{base_url}/cakupan?lang={lang}&event=pon-xxi-2024")
    notice = page.get_by_role("dialog")
    page.get_by_role("tab", name="Produk unggulan").wait_for(timeout=TIMEOUT)
    if notice.count():
        page.keyboard.press("Escape")
    page.get_by_role("tab", name="Produk unggulan").click()
    page.wait_for_function(f"() => ({DOTS_JS})() !== null", timeout=TIMEOUT)
    page.wait_for_timeout(500)


def test_the_produk_unggulan_map_draws_outlines_and_dots(app_server, browser_page, tmp_path):
    from PIL import Image

    page = browser_page
    open_flagship_tab(page, app_server.url, "en")
    assert page.evaluate(DOTS_JS) == 56  # 23 kabupaten/kota of Aceh, 33 of Sumatera Utara
    chart = page.locator('[data-testid="stPlotlyChart"]').filter(
        has=page.locator(".js-plotly-plot:visible")).last
    shot = chart.screenshot(path=str(tmp_path / "produk_unggulan_map.png"))
    image = Image.open(BytesIO(shot)).convert("RGB")
    counts = image.getcolors(maxcolors=1 << 20) or []
    # The two provinces' outlines are filled, and their dots are orange: applied, not placed
    # (the shared database's demos start with every booth free).
    orange = hex_rgb(STATUS_COLORS[APPLIED_UNPLACED])
    assert sum(n for n, c in counts if near(c, hex_rgb(IN_SCOPE_FILL), 3)) > 10_000
    assert sum(n for n, c in counts if near(c, orange)) > 56 * 20
    page.get_by_text("Registered, not on show (56)").wait_for(timeout=TIMEOUT)

    # The whole country: the five newer provinces are marked inside their former outlines.
    page.get_by_text("All of Indonesia").click()
    page.wait_for_function(f"() => ({NEWER_JS})() && ({NEWER_JS})().length === 5",
                           timeout=TIMEOUT)
    assert sorted(page.evaluate(NEWER_JS)) == ["Kalimantan Utara", "Papua Barat Daya",
                                               "Papua Pegunungan", "Papua Selatan",
                                               "Papua Tengah"]
    page.wait_for_timeout(500)
    chart.screenshot(path=str(tmp_path / "produk_unggulan_map_country.png"))
    assert page.locator("text=Kalimantan Utara").count() >= 1


def test_the_map_speaks_indonesian(app_server, browser_page):
    page = browser_page
    open_flagship_tab(page, app_server.url, "id")
    page.get_by_text("Terdaftar, belum tampil (56)").wait_for(timeout=TIMEOUT)
    page.get_by_text("Unduh laporan per provinsi (Excel)").wait_for(timeout=TIMEOUT)
