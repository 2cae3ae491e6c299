"""Finding exhibitors the way visitors type: ``kopi gayo``, ``ulos``, ``Humbahas``, ``tenunn``.

Every query word must match some word of an entry (its product, region, province, category,
name, booth or hall, and the region's everyday abbreviations and former names), by edit
distance (Levenshtein, relative to the longer word: one typo in four letters still matches,
``medan`` does not match ``dan``) or as the start of a longer word; an entry's score is its
weakest query word's. The static page's search
(``static_site.py``) does the same in the browser, so both find the same entries.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import cdist

from booth_planner.directory.entries import DirectoryEntry

MIN_SCORE = 75.0
MIN_PREFIX = 3  # a word this long may match as the start of a longer one
_WORD = re.compile(r"[0-9a-z]+")
SEARCH_FIELDS = ("product", "region_name", "province_name", "category", "name", "booth_id",
                 "hall")


def words(text: str) -> list[str]:
    """Lower-case ASCII words: ``Kopi Arabika Gayo`` -> ``['kopi', 'arabika', 'gayo']``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _WORD.findall(ascii_text.casefold())


@lru_cache(maxsize=1)
def region_keywords() -> dict[str, tuple[str, ...]]:
    """Extra search words per region code: its abbreviations, former names and spellings."""
    from booth_planner.core import regions

    extra: dict[str, list[str]] = {}
    for alias in regions.region_aliases():
        extra.setdefault(alias.code, []).extend(words(alias.alias))
    return {code: tuple(dict.fromkeys(found)) for code, found in extra.items()}


def entry_words(entry: DirectoryEntry) -> tuple[str, ...]:
    """The words a query is matched against for ``entry``."""
    found: list[str] = []
    for name in SEARCH_FIELDS:
        found.extend(words(str(getattr(entry, name))))
    found.extend(region_keywords().get(entry.region_code, ()))
    province = entry.region_code.split(".")[0]
    if province != entry.region_code:
        found.extend(region_keywords().get(province, ()))
    return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class SearchIndex:
    """Entries and the words they are found by, ready to search many times."""

    entries: tuple[DirectoryEntry, ...]
    vocabulary: tuple[str, ...]
    word_ids: tuple[np.ndarray, ...]

    @classmethod
    def build(cls, entries: Sequence[DirectoryEntry]) -> SearchIndex:
        """The index of ``entries``."""
        position: dict[str, int] = {}
        ids = []
        for entry in entries:
            ids.append(np.array([position.setdefault(w, len(position))
                                 for w in entry_words(entry)], dtype=np.int64))
        return cls(tuple(entries), tuple(position), tuple(ids))

    def scores(self, query: str) -> np.ndarray:
        """Each entry's score for ``query`` (0 to 100); all 100 for an empty query."""
        tokens = list(dict.fromkeys(words(query)))
        if not tokens:
            return np.full(len(self.entries), 100.0)
        if not self.vocabulary:
            return np.zeros(len(self.entries))
        # token x word similarity, with a full score for a prefix of a longer word
        table = cdist(tokens, self.vocabulary, scorer=Levenshtein.normalized_similarity,
                      dtype=np.float32) * 100
        for row, token in enumerate(tokens):
            if len(token) >= MIN_PREFIX:
                prefixed = [i for i, w in enumerate(self.vocabulary) if w.startswith(token)]
                table[row, prefixed] = 100.0
        result = np.zeros(len(self.entries))
        for index, ids in enumerate(self.word_ids):
            if len(ids):
                result[index] = table[:, ids].max(axis=1).min()
        return result

    def search(self, query: str, min_score: float = MIN_SCORE) -> tuple[DirectoryEntry, ...]:
        """Entries matching ``query``, best first; ties keep the directory's order."""
        scores = self.scores(query)
        order = np.argsort(-scores, kind="stable")
        return tuple(self.entries[i] for i in order if scores[i] >= min_score)


def search(entries: Sequence[DirectoryEntry], query: str) -> tuple[DirectoryEntry, ...]:
    """Entries matching ``query``, best first (builds the index each time; see SearchIndex)."""
    return SearchIndex.build(entries).search(query)
