"""Import input the audit found misread: never a silent guess, always row and column."""

from __future__ import annotations

from booth_planner.importer import has_errors, read_applicants

HEADER = "applicant_id;name;region;category;booths_requested;priority\r\n"


def _problems(rows: str) -> list:
    result = read_applicants((HEADER + rows).encode(), "peserta.csv")
    return [p for p in result.problems if p.code == "ambiguous_thousands"], result


def test_indonesian_thousands_in_whole_number_columns_are_asked_not_guessed():
    found, result = _problems("P1;UMKM A;12.12;tenun;1.000;0\r\n"
                              "P2;UMKM B;12.12;tenun;1;2,000\r\n"
                              "P3;UMKM C;12.12;tenun;2;1.0\r\n")
    assert has_errors(result.problems)
    assert [(p.row, p.column) for p in found] == [(2, "booths_requested"), (3, "priority")]
    assert "1000" in found[0].message and "1" in found[0].message
    assert [a.applicant_id for a in result.items] == ["P3"]  # 1.0 is a plain 1
    assert result.items[0].priority == 1
