"""Printable booth cards and hall posters (PDF, fpdf2) with QR codes (segno).

A card shows the booth id large, the exhibitor, its region and product, and the event; its
QR code holds the exhibitor's first shop link, else the booth's directory entry (SPEC 6). A
hall poster, for the entrance, carries a QR code to the directory itself. Text is set in
DejaVu Sans, shipped in ``data/fonts`` (see its LICENSE), so every name prints as typed on any
machine: Indonesian names with en dashes and curly quotes, and Latin, Greek or Cyrillic
letters alike (right-to-left scripts are not shaped).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import segno
from fpdf import FPDF

from booth_planner.directory.card_sizes import DEFAULT_SIZE, SIZES
from booth_planner.directory.entries import DirectoryEntry
from booth_planner.directory.profile import qr_target

FONT_DIR = Path(__file__).resolve().parents[2] / "data" / "fonts"
FONT_FILES = {"": FONT_DIR / "DejaVuSans.ttf", "B": FONT_DIR / "DejaVuSans-Bold.ttf"}
ACCENT = (122, 31, 5)


@dataclass(frozen=True)
class Card:
    """One card as printed: the entry and what its QR code holds (None: no code)."""

    entry: DirectoryEntry
    qr: str | None


@dataclass(frozen=True)
class CardTexts:
    """The words printed around the data, in the organizer's language."""

    region: str = "Wilayah"
    product: str = "Produk"
    scan_shop: str = "Pindai untuk toko daring"
    scan_entry: str = "Pindai untuk info stand"
    poster_title: str = "Direktori peserta"
    poster_scan: str = "Pindai untuk mencari produk dan stand"


def card_texts(lang: str) -> CardTexts:
    """The printed words of cards and posters in ``lang``."""
    from booth_planner.core.i18n import t

    return CardTexts(**{name: t(f"directory.card.{name}", lang)
                        for name in CardTexts.__dataclass_fields__})


def plan_cards(entries: Iterable[DirectoryEntry], base_url: str | None) -> list[Card]:
    """The cards of ``entries``, each with its QR target (SPEC 6)."""
    return [Card(e, qr_target(e.links, base_url, e.booth_id)) for e in entries]


def draw_qr(pdf: FPDF, data: str, x: float, y: float, size: float) -> None:
    """A QR code (error correction M, quiet zone of 4 modules) as vector squares."""
    qr = segno.make(data, error="m", micro=False)
    matrix = [list(row) for row in qr.matrix]
    modules = len(matrix) + 8
    step = size / modules
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x, y, size, size, style="F")
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):  # one rectangle per run of dark modules: a smaller, faster file
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            pdf.rect(x + (start + 4) * step, y + (r + 4) * step, (c - start) * step + 0.01,
                     step + 0.01, style="F")


class _Document(FPDF):
    """An FPDF with the shipped card font set up."""

    def __init__(self, size: str):
        width, height = SIZES[size]
        super().__init__(orientation="L", unit="mm", format=(height, width))
        self.set_auto_page_break(False)
        self.set_margins(0, 0, 0)
        self.set_creator("booth planner")
        for style, path in FONT_FILES.items():
            self.add_font("card", style, str(path))
        self.family_name = "card"

    def fitted(self, x: float, y: float, width: float, height: float, text: str,
               sizes: Sequence[float], style: str = "", max_lines: int = 3) -> float:
        """Write ``text`` in the largest of ``sizes`` that fits the box; returns the y after it."""
        for size in sizes:
            self.set_font(self.family_name, style, size)
            line = size * 0.42
            lines = self.multi_cell(width, line, text, dry_run=True, output="LINES")
            if len(lines) <= max_lines and len(lines) * line <= height:
                break
        else:
            lines = lines[:max_lines]
            lines[-1] = lines[-1][: max(len(lines[-1]) - 1, 0)] + "…"
        for number, text_line in enumerate(lines):
            self.set_xy(x, y + number * line)
            self.cell(width, line, text_line)
        return y + len(lines) * line


def _card_page(pdf: _Document, card: Card, event: str, texts: CardTexts) -> None:
    """One card on a new page."""
    pdf.add_page()
    width, height = pdf.w, pdf.h
    unit = height / 148.0  # everything scales with the page: A6 is A5 at 0.71
    margin = 9 * unit
    qr_size = 62 * unit if card.qr else 0
    text_width = width - 2 * margin - (qr_size + 6 * unit if card.qr else 0)
    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, 0, width, 14 * unit, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.fitted(margin, 3.5 * unit, width - 2 * margin, 8 * unit, event,
               [s * unit for s in (15, 13, 11, 9)], "B", max_lines=1)
    pdf.set_text_color(*ACCENT)
    pdf.set_font(pdf.family_name, "B", 70 * unit)
    y = 20 * unit
    pdf.fitted(margin, y, text_width, 30 * unit, card.entry.booth_id,
               [s * unit for s in (72, 60, 48, 36, 28)], "B", max_lines=1)
    pdf.set_text_color(20, 20, 20)
    y = pdf.fitted(margin, 52 * unit, text_width, 30 * unit, card.entry.name,
                   [s * unit for s in (24, 20, 17, 14, 12)], "B", max_lines=3) + 3 * unit
    region = ", ".join(dict.fromkeys(p for p in (card.entry.region_name,
                                                 card.entry.province_name) if p))
    pdf.set_text_color(70, 70, 70)
    y = pdf.fitted(margin, y, text_width, 14 * unit, f"{texts.region}: {region}",
                   [s * unit for s in (14, 12, 10)], max_lines=2) + 2 * unit
    if card.entry.product:
        pdf.fitted(margin, y, text_width, max(height - y - margin, 6 * unit),
                   f"{texts.product}: {card.entry.product}",
                   [s * unit for s in (14, 12, 10)], max_lines=2)
    pdf.set_font(pdf.family_name, "", 9 * unit)
    pdf.set_xy(margin, height - margin - 4 * unit)
    pdf.cell(text_width, 4 * unit, card.entry.hall)
    if card.qr:
        qr_x, qr_y = width - margin - qr_size, 24 * unit
        draw_qr(pdf, card.qr, qr_x, qr_y, qr_size)
        pdf.set_text_color(70, 70, 70)
        pdf.fitted(qr_x, qr_y + qr_size + 1 * unit, qr_size, 12 * unit,
                   texts.scan_shop if card.entry.links else texts.scan_entry,
                   [s * unit for s in (10, 9, 8)], max_lines=2)


def cards_pdf(cards: Sequence[Card], event: str, size: str = DEFAULT_SIZE,
              texts: CardTexts = CardTexts()) -> bytes:
    """One page per card, in the order given."""
    pdf = _Document(size)
    for card in cards:
        _card_page(pdf, card, event, texts)
    return bytes(pdf.output())


def poster_pdf(halls: Sequence[str], event: str, directory_url: str, size: str = "a5",
               texts: CardTexts = CardTexts()) -> bytes:
    """A hall entrance poster per hall: the event, the hall, a QR code to the directory."""
    pdf = _Document(size)
    for hall in halls:
        pdf.add_page()
        unit = pdf.h / 148.0
        margin = 10 * unit
        qr_size = pdf.h - 2 * margin - 10 * unit
        text_width = pdf.w - 3 * margin - qr_size
        pdf.set_text_color(*ACCENT)
        y = pdf.fitted(margin, margin, text_width, 40 * unit, hall,
                       [s * unit for s in (54, 44, 36, 28)], "B", max_lines=2) + 4 * unit
        pdf.set_text_color(20, 20, 20)
        y = pdf.fitted(margin, y, text_width, 34 * unit, texts.poster_title,
                       [s * unit for s in (26, 22, 18)], "B", max_lines=2) + 2 * unit
        y = pdf.fitted(margin, y, text_width, 30 * unit, event,
                       [s * unit for s in (16, 14, 12)], max_lines=3) + 4 * unit
        pdf.set_text_color(70, 70, 70)
        pdf.fitted(margin, y, text_width, 20 * unit, texts.poster_scan,
                   [s * unit for s in (13, 11, 10)], max_lines=2)
        draw_qr(pdf, directory_url, pdf.w - margin - qr_size, margin, qr_size)
        pdf.set_font(pdf.family_name, "", 9 * unit)
        pdf.set_xy(pdf.w - margin - qr_size, margin + qr_size + 1 * unit)
        pdf.cell(qr_size, 5 * unit, directory_url, align="C")
    return bytes(pdf.output())
