"""plain(): names shown as typed, whatever Markdown they hold."""

from __future__ import annotations

import re

from booth_planner.core.plain_text import WORD_JOINER, plain


def _unescaped(text: str) -> str:
    """What a Markdown renderer shows for plain()'s output (escapes and joiners dropped)."""
    out, skip = [], False
    for char in text:
        if skip:
            out.append(char)
            skip = False
        elif char == "\\":
            skip = True
        elif char != WORD_JOINER:
            out.append(char)
    return "".join(out)


def test_markdown_images_links_and_directives_are_escaped_and_show_as_typed():
    for text in ("![x](http://198.51.100.7/p.png)", "[klik](https://x.id)", ":red[merah]",
                 "**tebal** _miring_ `kode`", "# judul", "$x^2$", "<img src=x>", "a@b.co",
                 "Tenun  dua  spasi", "Kopi Gayo – Takengon"):
        shown = plain(text)
        assert _unescaped(shown) == text
        assert not re.search(r"(?<!\\)[\[\]()!:<>*_`#$]", shown), shown  # each one escaped
        assert "http://" not in shown.replace("\\", "")  # no address a renderer would link


def test_line_breaks_become_spaces_and_none_is_empty():
    assert plain("Ulos\nToba") == "Ulos Toba"
    assert plain(None) == ""


def test_chart_text_shows_tags_as_typed_and_is_never_a_template():
    import html

    from booth_planner.core.plain_text import chart_text

    for text in ('<img src="http://198.51.100.7/p.png">', '<a href="http://x">a</a>',
                 "Tenun & Songket", "100% %{x} tenun", "<b>tebal</b>"):
        shown = chart_text(text)
        assert "<" not in shown and ">" not in shown and "%" not in shown
        assert html.unescape(shown) == text  # Plotly decodes entities when it draws
    assert chart_text(None) == ""
