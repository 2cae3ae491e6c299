"""The translation helper: every user-facing text, in Bahasa Indonesia (default) and English.

Texts live in ``locales/*.json``, one file per area of the app, each mapping a key to its
``{"id": ..., "en": ...}`` pair, so that both languages always carry the same keys.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}
LOCALES_DIR = Path(__file__).with_name("locales")

_MONTHS = {
    "id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """All texts by key; a key defined in two locale files is an error."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(LOCALES_DIR.glob("*.json")):
        for key, texts in json.loads(path.read_text(encoding="utf-8")).items():
            if key in merged:
                raise ValueError(f"{path.name}: key {key!r} is already defined in another file")
            merged[key] = texts
    return merged


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{name}`` placeholders filled from ``values``."""
    texts = catalogue().get(key)
    if texts is None:
        raise KeyError(f"no text for key {key!r}")
    text = texts.get(lang) or texts[DEFAULT_LANGUAGE]
    if not values:
        return text
    text = text.format(**values)
    return singular_after_one(text) if lang == "en" else text


# English texts count in the plural ("{count} booths"); a count of one takes the singular.
# Indonesian nouns do not change with the number, so only English needs this.
_ONE_OF = re.compile(r"(?<![\d.,/])1 (booth|applicant|region|change|row|hall|exhibitor|"
                     r"problem|province|kabupaten/kota|file|point|item|period|member)s\b")


def singular_after_one(text: str) -> str:
    """``1 booths`` -> ``1 booth``: the singular after a count of exactly one."""
    return _ONE_OF.sub(r"1 \1", text)


def format_rupiah(amount: int | float | None) -> str:
    """Rupiah as Indonesians write it: ``Rp 2.500.000``; empty for no amount."""
    if amount is None:
        return ""
    return "Rp " + f"{round(amount):,}".replace(",", ".")


def format_number(value: int | float, lang: str = DEFAULT_LANGUAGE) -> str:
    """A whole number with the language's thousands separator (1.222 or 1,222)."""
    text = f"{round(value):,}"
    return text.replace(",", ".") if lang == "id" else text


def format_decimal(value: int | float, lang: str = DEFAULT_LANGUAGE, digits: int = 2) -> str:
    """A number with at most ``digits`` decimals the language's way: ``1.234,5`` (id), ``1,234.5``."""
    text = f"{value:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    if lang == "id":
        text = text.translate(str.maketrans({",": ".", ".": ","}))
    return text


def format_percent(share: float, lang: str = DEFAULT_LANGUAGE, digits: int = 0) -> str:
    """A share (0.82) as a percentage the language's way: ``82%``; ``82,5%`` with one digit."""
    return format_decimal(share * 100, lang, digits) + "%"


def format_date(day: date | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A date in words: ``22 November 2026`` (id) or ``22 November 2026`` in English month names."""
    if day is None:
        return ""
    return f"{day.day} {_MONTHS[lang][day.month - 1]} {day.year}"


def format_date_range(start: date | None, end: date | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """Two dates joined the way a poster prints them; one date alone when they are equal."""
    if start and end and start != end:
        return f"{format_date(start, lang)} – {format_date(end, lang)}"
    return format_date(start or end, lang)
