"""What every demo shares: the sample mark and the sample products of Aceh and Sumatera Utara."""

from __future__ import annotations

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
SAMPLE_MARK = "[contoh]"


def demo_products() -> list[dict[str, str]]:
    """The sample flagship products of every kabupaten/kota of Aceh and Sumatera Utara."""
    with (DATA_DIR / "demo_products.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
