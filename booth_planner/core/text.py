"""Text helpers shared by every layer: natural sort order and slugs."""

from __future__ import annotations

import re
import unicodedata


def natural_key(text: str) -> tuple:
    """Sort key that orders digit runs by value: ``A-2`` < ``A-10``; ties broken by the text."""
    parts = re.split(r"(\d+)", text)
    return (tuple(int(p) if i % 2 else p.casefold() for i, p in enumerate(parts)), text)


def slugify(text: str) -> str:
    """A URL- and file-name-safe slug: ``Pameran PON XXI 2024`` -> ``pameran-pon-xxi-2024``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80] or "event"


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens, for file names."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "x"


def normalise_username(text: str) -> str:
    """The form a username is stored and compared in: no outer spaces, case folded."""
    return text.strip().casefold()
