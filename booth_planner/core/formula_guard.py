"""Formula-injection guard for text cells in CSV exports, and its exact inverse for imports.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
as a formula (some also their fullwidth forms ``＝ ＋ － ＠``, or any of them after spaces). Exports put one apostrophe in front of such text (the usual OWASP fix), so the cell
shows as text. To make the round trip lossless, text that already starts with apostrophes followed
by one of those characters gets one more apostrophe too; the importer then removes exactly one
apostrophe from any text matching ``'+`` followed by a trigger character, and nothing else.

Numbers are never touched: they are written as numbers (``-3`` stays a number).
"""

from __future__ import annotations

import re

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Fullwidth forms (typed with an Indonesian, Japanese or Chinese input method) that some
# spreadsheets read as the ASCII ones, and spaces some trim before reading a formula.
WIDE_TRIGGERS = ("\uff1d", "\uff0b", "\uff0d", "\uff20")
LEADING_SPACES = " \u00a0\u3000"
_TRIGGER = "[" + re.escape("".join(FORMULA_TRIGGERS + WIDE_TRIGGERS)) + "]"
_SPACES = "[" + LEADING_SPACES + "]*"
_NEEDS_GUARD = re.compile("'*" + _SPACES + _TRIGGER)
_GUARDED = re.compile("'+" + _SPACES + _TRIGGER)


def needs_guard(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula (or it is already guarded)."""
    return _NEEDS_GUARD.match(text) is not None


def neutralise(text: str) -> str:
    """``text`` made safe to open in a spreadsheet: a leading apostrophe where a formula could start."""
    return "'" + text if needs_guard(text) else text


def restore(text: str) -> str:
    """The value ``neutralise`` was given: one leading apostrophe removed where it added one."""
    return text[1:] if _GUARDED.match(text) else text
