"""Import speed: rows per second for a 25,000-row applicants file (CSV and .xlsx) and booths.

Run: ``python bench/import_bench.py``. Prints figures; asserts nothing.
"""

from __future__ import annotations

import csv
import io
import random
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from booth_planner.core.model import EventInfo, EventState  # noqa: E402
from booth_planner.core.regions import regions  # noqa: E402
from booth_planner.importing.preview import preview_import  # noqa: E402
from booth_planner.importing.readers import cross_check, read_applicants, read_booths  # noqa: E402

ROWS = 25_000
CATEGORIES = ("tenun", "batik", "anyaman", "kriya kayu", "kuliner", "perhiasan")


def region_texts(rng: random.Random) -> list[str]:
    """Region texts as district offices type them: names, prefixes, codes, odd case."""
    texts = []
    for region in regions():
        if region.is_province:
            texts.append(region.code)
            continue
        bare = region.name.split(" ", 1)[1]
        texts += [region.name, region.name.upper() + " ", region.code,
                  ("Kab. " if region.type == "kabupaten" else "Kota ") + bare]
    rng.shuffle(texts)
    return texts


def applicants_csv(rows: int, rng: random.Random) -> bytes:
    """A semicolon CSV, Windows-1252, title row on top, as an office would send it."""
    texts = region_texts(rng)
    out = io.StringIO()
    out.write("DAFTAR PESERTA PAMERAN;;;;;;;\r\n\r\n")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["id_peserta", "nama", "wilayah", "kategori", "produk", "jumlah_stand",
                     "prioritas", "stand_tetap"])
    for i in range(rows):
        writer.writerow([f"P-{i:05d}", f"UMKM Karya Rosé {i}", texts[i % len(texts)],
                         rng.choice(CATEGORIES), "Ulos Harungguan", rng.randint(1, 3),
                         rng.randint(0, 5), ""])
    return out.getvalue().encode("cp1252")


def applicants_xlsx(data_csv: bytes) -> bytes:
    """The same rows as an .xlsx workbook with shared strings, as Excel saves it."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Peserta"
    for row in csv.reader(io.StringIO(data_csv.decode("cp1252")), delimiter=";"):
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def booths_csv(rows: int) -> bytes:
    """A grid of booths, 100 per row of the hall."""
    lines = ["booth_id,hall,x,y,width_m,depth_m,status,price_idr"]
    for i in range(rows):
        lines.append(f"B-{i:05d},Hall {i // 2500 + 1},{(i % 100) * 3},{(i // 100 % 25) * 3},3,3,"
                     f"available,2500000")
    return ("\n".join(lines) + "\n").encode()


def timed(label: str, rows: int, action):
    """Run ``action`` timed, then again traced for peak memory; print both, return the result."""
    start = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - start
    tracemalloc.start()
    action()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:<46} {rows:>7,} rows {seconds:7.2f} s {rows / seconds:>10,.0f} rows/s "
          f"peak {peak / 2**20:6.1f} MiB")
    return result


def main() -> None:
    rng = random.Random(7)
    regions()  # load the reference outside the timings
    data = applicants_csv(ROWS, rng)
    print(f"applicants CSV: {len(data) / 2**20:.1f} MiB; .xlsx built from the same rows")
    result = timed("read_applicants CSV (cp1252, ;, title row)", ROWS,
                   lambda: read_applicants(data, "peserta.csv"))
    assert result.ok and len(result.items) == ROWS, result.problems[:3]
    xlsx = applicants_xlsx(data)
    timed("read_applicants .xlsx", ROWS, lambda: read_applicants(xlsx, "peserta.xlsx"))
    booths_data = booths_csv(ROWS)
    booths = timed("read_booths CSV (with overlap check)", ROWS,
                   lambda: read_booths(booths_data, "booths.csv"))
    assert booths.ok, booths.problems[:3]
    timed("cross_check", ROWS, lambda: cross_check(booths, result))
    state = EventState(EventInfo(1, "bench", "Bench"), booths.items, result.items[: ROWS // 2])
    timed("preview_import applicants (merge, half new)", ROWS,
          lambda: preview_import(state, result, "applicants", "merge"))


if __name__ == "__main__":
    main()
