"""Hostile backup files: how long each refusal takes and how much memory it needs.

Run: ``python bench/backup_hostile.py``. Each file of the test table
(tests/storage/test_backup_validation.py) is read in a fresh process; prints the time and the peak
resident memory of each refusal, then the worst. Asserts nothing.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from booth_planner.storage import open_store  # noqa: E402
from booth_planner.storage.backup import BackupError, export_document, read_document  # noqa: E402
from tests.storage.test_backup_validation import HOSTILE, small_event  # noqa: E402


def measure(path: str) -> None:
    """Child process: refuse one file, print seconds, peak MB and the answer as JSON."""
    data = Path(path).read_bytes()
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    try:
        read_document(data)
        answer = "ACCEPTED"
    except BackupError as error:
        answer = error.code
    seconds = time.perf_counter() - start
    peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) / 1024
    print(json.dumps({"seconds": seconds, "extra_mb": peak, "answer": answer}))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{folder}/bench.sqlite3")
        document = export_document(store, small_event(store))
        worst_time = worst_memory = (0.0, "")
        refused = 0
        for name, mutate, _code, _words in HOSTILE:
            path = Path(folder) / "hostile.json.gz"
            path.write_bytes(mutate(json.loads(json.dumps(document))))
            out = subprocess.run([sys.executable, __file__, str(path)], capture_output=True,
                                 text=True, check=True).stdout
            figures = json.loads(out)
            refused += figures["answer"] != "ACCEPTED"
            print(f"{name:45} {figures['answer']:12} {figures['seconds']:7.3f} s "
                  f"{figures['extra_mb']:7.1f} MB")
            worst_time = max(worst_time, (figures["seconds"], name))
            worst_memory = max(worst_memory, (figures["extra_mb"], name))
        print(f"\n{refused} of {len(HOSTILE)} hostile files refused")
        print(f"slowest refusal: {worst_time[0]:.3f} s ({worst_time[1]})")
        print(f"most memory: {worst_memory[0]:.1f} MB above the process's start ({worst_memory[1]})")


if __name__ == "__main__":
    measure(sys.argv[1]) if len(sys.argv) > 1 else main()
