"""The visitor page's logic without Streamlit: filters, grouping by exhibitor, safe text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from booth_planner.core.plain_text import plain as plain_line
from booth_planner.directory.entries import Directory, DirectoryEntry
from booth_planner.directory.profile import ProfileError, check_link, whatsapp_link
from booth_planner.directory.search import SearchIndex


def plain(text: str) -> str:
    """``text`` escaped for st.markdown: shown as typed, never as links, images or styling.

    Line by line with the app's one escape (core.plain_text, which also keeps bare addresses
    from becoming links); a description's line breaks stay line breaks.
    """
    return "  \n".join(plain_line(line) for line in text.split("\n"))


@dataclass(frozen=True)
class Exhibitor:
    """One exhibitor's booths in the directory (a pavilion may hold several)."""

    entries: tuple[DirectoryEntry, ...]

    @property
    def first(self) -> DirectoryEntry:
        """The exhibitor's first booth."""
        return self.entries[0]

    @property
    def booth_ids(self) -> tuple[str, ...]:
        """Every booth of the exhibitor."""
        return tuple(e.booth_id for e in self.entries)


def grouped(directory: Directory, found: Sequence[DirectoryEntry]) -> list[Exhibitor]:
    """Exhibitors in the order of their best-ranked booth, each with all of its booths."""
    seen: dict[str, None] = {}
    for entry in found:
        seen.setdefault(entry.applicant_id)
    return [Exhibitor(directory.of_exhibitor(applicant_id)) for applicant_id in seen]


def find(directory: Directory, index: SearchIndex, query: str, province: str | None = None,
         hall: str | None = None) -> list[Exhibitor]:
    """Exhibitors matching the query within the chosen province and hall."""
    found = [e for e in index.search(query)
             if (not province or e.province_name == province) and (not hall or e.hall == hall)]
    return grouped(directory, found)


def provinces(directory: Directory) -> list[str]:
    """The provinces in the directory, by name."""
    return sorted({e.province_name for e in directory.entries if e.province_name})


def halls(directory: Directory) -> list[str]:
    """The halls that have exhibitors, in the directory's order."""
    return list(dict.fromkeys(e.hall for e in directory.entries))


def safe_links(entry: DirectoryEntry) -> list[str]:
    """The entry's links that are still safe https:// addresses (checked again on the way out)."""
    found = []
    for link in entry.links:
        try:
            found.append(check_link(link))
        except ProfileError:
            continue
    return found


def chat_link(entry: DirectoryEntry) -> str | None:
    """The WhatsApp chat address of the entry's number, when it has a normalised one."""
    return whatsapp_link(entry.whatsapp) if re.fullmatch(r"62\d{8,12}", entry.whatsapp) else None


def link_label(url: str) -> str:
    """A short label for a link: its site name without ``www.``."""
    from urllib.parse import urlsplit

    return (urlsplit(url).hostname or url).removeprefix("www.")
