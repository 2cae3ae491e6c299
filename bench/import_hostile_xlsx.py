"""Hostile .xlsx imports: a used range out to column XFD, a million formatted blank rows.

Run: ``python bench/import_hostile_xlsx.py``. Prints the time and peak memory of each import
(the blank-row sheet must be refused); asserts nothing.
"""

import io
import resource
import sys
import time

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1]))
import xlsxwriter  # noqa: E402

from booth_planner.importer import read_applicants  # noqa: E402


def wide():
    b=io.BytesIO(); wb=xlsxwriter.Workbook(b,{"constant_memory":True}); ws=wb.add_worksheet()
    ws.write_row(0,0,["applicant_id","name","region","category"])
    for r in range(1,20001):
        ws.write_row(r,0,[f"P{r}","UMKM","12.12","tenun"]); ws.write(r,16383,"x")
    wb.close(); return b.getvalue()
def blank():
    b=io.BytesIO(); wb=xlsxwriter.Workbook(b,{"constant_memory":True}); ws=wb.add_worksheet()
    ws.write_row(0,0,["applicant_id","name","region","category"]); fmt=wb.add_format({"bold":True})
    for r in range(1,1_000_001):
        ws.write_blank(r,0,None,fmt)
    wb.close(); return b.getvalue()
for name, make in (("wide", wide), ("blank", blank)):
    data=make(); t=time.perf_counter(); res=read_applicants(data, "x.xlsx")
    print(name, len(data)//1024, "KB", f"{time.perf_counter()-t:.2f} s", [p.code for p in res.problems][:3], len(res.items), "maxrss MB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss//1024)
