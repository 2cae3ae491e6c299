"""Formula-injection guard for text cells in CSV exports, and its exact inverse for imports.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
as a formula. Exports put one apostrophe in front of such text (the usual OWASP fix), so the cell
shows as text. To make the round trip lossless, text that already starts with apostrophes followed
by one of those characters gets one more apostrophe too; the importer then removes exactly one
apostrophe from any text matching ``'+`` followed by a trigger character, and nothing else.

Numbers are never touched: they are written as numbers (``-3`` stays a number).
"""

from __future__ import annotations

import re

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NEEDS_GUARD = re.compile(r"'*[=+\-@\t\r]")
_GUARDED = re.compile(r"'+[=+\-@\t\r]")


def needs_guard(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula (or it is already guarded)."""
    return _NEEDS_GUARD.match(text) is not None


def neutralise(text: str) -> str:
    """``text`` made safe to open in a spreadsheet: a leading apostrophe where a formula could start."""
    return "'" + text if needs_guard(text) else text


def restore(text: str) -> str:
    """The value ``neutralise`` was given: one leading apostrophe removed where it added one."""
    return text[1:] if _GUARDED.match(text) else text
