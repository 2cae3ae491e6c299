"""Halls drawn from a few numbers: rows of booths, back to back, with aisles between pairs."""

from __future__ import annotations

import string
from dataclasses import dataclass

from booth_planner.core.model import DEFAULT_BOOTH_SIZE_M, Booth, EventState


@dataclass(frozen=True)
class HallSpec:
    """The numbers an organizer types to lay out a hall."""

    hall: str
    rows: int
    columns: int
    booth_width_m: float = DEFAULT_BOOTH_SIZE_M
    booth_depth_m: float = DEFAULT_BOOTH_SIZE_M
    aisle_every: int = 2
    aisle_m: float = 3.0
    prefix: str = ""
    zone_rows: tuple[int, ...] = ()
    zone: str | None = None
    origin_x: float = 0.0
    origin_y: float = 0.0

    def validate(self) -> list[str]:
        """What is wrong with these numbers, in words; empty when they make a hall."""
        problems = []
        if not self.hall.strip():
            problems.append("hall name is empty")
        if self.rows < 1 or self.columns < 1:
            problems.append("rows and columns must be at least 1")
        if self.booth_width_m <= 0 or self.booth_depth_m <= 0:
            problems.append("booth width and depth must be greater than 0 m")
        if self.aisle_every < 0 or self.aisle_m < 0:
            problems.append("aisle numbers cannot be negative")
        if self.zone_rows and not self.zone:
            problems.append("zone rows are given but no zone name")
        if any(r < 1 or r > self.rows for r in self.zone_rows):
            problems.append(f"zone rows must lie between 1 and {self.rows}")
        return problems


def row_label(index: int) -> str:
    """Spreadsheet-style row letters: 0 -> A, 25 -> Z, 26 -> AA."""
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


def grid_hall(spec: HallSpec) -> list[Booth]:
    """The booths of a hall laid out as ``spec`` says; ids like ``A-01``..``A-20``, ``B-01``...

    Rows come in back-to-back pairs (``aisle_every`` rows, then an aisle), the way exhibition
    halls are built, so that each booth faces an aisle. Ids use the prefix and the row letter.
    """
    if problems := spec.validate():
        raise ValueError("; ".join(problems))
    booths: list[Booth] = []
    digits = max(2, len(str(spec.columns)))
    y = spec.origin_y
    for row in range(spec.rows):
        if row and spec.aisle_every and row % spec.aisle_every == 0:
            y += spec.aisle_m
        letter = row_label(row)
        prefix = f"{spec.prefix}{letter}" if spec.prefix else letter
        zone = spec.zone if (row + 1) in spec.zone_rows else None
        for column in range(spec.columns):
            booths.append(
                Booth(
                    booth_id=f"{prefix}-{column + 1:0{digits}d}",
                    hall=spec.hall,
                    x=round(spec.origin_x + column * spec.booth_width_m, 3),
                    y=round(y, 3),
                    width_m=spec.booth_width_m,
                    depth_m=spec.booth_depth_m,
                    zone=zone,
                    booth_type="corner" if column in (0, spec.columns - 1) else "standard",
                )
            )
        y += spec.booth_depth_m
    return booths


def free_hall_letter(state: EventState) -> str:
    """The first letter that no hall name ``Hall X`` and no booth id (``XA-01``) uses yet."""
    halls = {h.casefold() for h in state.halls}
    initials = {b.booth_id[:1].casefold() for b in state.booths}
    for letter in string.ascii_uppercase:
        if f"hall {letter.casefold()}" not in halls and letter.casefold() not in initials:
            return letter
    return "Z"
