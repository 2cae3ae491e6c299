"""Names are data: text from organizers' files shown exactly as typed, never as markup.

Streamlit renders titles, captions, messages and labels as Markdown, so an exhibitor named
``![x](http://host/p.png)`` would make every viewer's browser fetch that image (and ``:red[..]``
or links would render). ``plain`` escapes every character Markdown (or Streamlit's own
``:color[...]`` and ``:emoji:`` syntax) gives a meaning, so the text shows as typed; HTML is
already shown as text by Streamlit unless a page allows it, and no page does for data.
"""

from __future__ import annotations

import html
import re

# Backslash-escapable in CommonMark, plus ':' (Streamlit directives) and '$' (LaTeX).
_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|:~$=&\"'])")
_LINE_BREAKS = re.compile(r"[\r\n]+")
# GFM turns bare addresses into links even when escaped; an invisible word joiner inside the
# scheme, after "www" and after "@" keeps them text.
_AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|www|@)(?=[:.\w])")
WORD_JOINER = "\u2060"


def plain(text: object) -> str:
    """``text`` escaped so Markdown shows it literally, on one line."""
    if text is None:
        return ""
    one_line = _LINE_BREAKS.sub(" ", str(text))
    return _SPECIAL.sub(r"\\\1", _AUTOLINK.sub(r"\1" + WORD_JOINER, one_line))


def chart_text(text: object) -> str:
    """``text`` safe in Plotly's HTML-like labels (hover, legend, titles): tags show as typed.

    Plotly turns ``&lt;`` back into ``<`` when it draws, so the label reads exactly as typed;
    ``%`` is escaped too, so text placed in a hover template is never read as ``%{...}``.
    """
    if text is None:
        return ""
    return html.escape(str(text), quote=False).replace("%", "&#37;")
