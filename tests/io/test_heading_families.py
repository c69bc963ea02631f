"""Money read equals money written, to the 分, for every family of year headings.

Each family is written as a ledger (actuals) and as a phased plan, in CSV and in a workbook,
amounts in 元 to the 分 (some of them dashes, one a refund or reduction), and read back: the
money read must be the money written, exactly, and in the year each column says.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import numpy as np
import openpyxl
import pytest

import capex

ROWS = 3


def amounts(n_columns: int, seed: int) -> list[list[object]]:
    """Amounts in 元 to the 分, a dash here and there, one negative."""
    rng = np.random.default_rng(seed)
    rows = []
    for r in range(ROWS):
        row: list[object] = []
        for c in range(n_columns):
            if (r + c) % 4 == 3:
                row.append("-")
            else:
                row.append(f"{int(rng.integers(1, 10**8))}.{int(rng.integers(0, 100)):02d}")
        rows.append(row)
    rows[0][0] = "(1,234.56)"  # a refund (ledger) or a reduction (plan), as accountants write it
    return rows


def written(value: object) -> Decimal:
    text = str(value)
    if text == "-":
        return Decimal(0)
    if text.startswith("("):
        return -Decimal(text.strip("()").replace(",", ""))
    return Decimal(text.replace(",", ""))


def write(path: Path, headings: list[str], rows: list[list[object]]) -> Path:
    table = [["序号", "项目名称", *headings]] + [
        [k + 1, f"项目{k + 1}", *row] for k, row in enumerate(rows)
    ]
    if path.suffix == ".csv":
        lines = ["单位：元"] + [",".join(f'"{c}"' for c in line) for line in table]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["单位：元"])
        for line in table:
            sheet.append(line)
        book.save(path)
    return path


# heading family -> its headings, and the year each column's money is kept in
LEDGER_FAMILIES = {
    "plain years": (["2021", "2022", "2023"], [2021, 2022, 2023]),
    "years with 年": (["2021年", "2022年", "2023年"], [2021, 2022, 2023]),
    "fiscal years": (["FY 2021", "FY 2022"], [2021, 2022]),
    "years to 2020 (及以前)": (["2020年及以前", "2021年", "2022年"], [2020, 2021, 2022]),
    "cumulative to 2020 (截至)": (["截至2020年底累计完成", "2021年", "2022年"], [2020, 2021, 2022]),
    "earlier years (以前年度)": (["以前年度", "2021年", "2022年"], [2020, 2021, 2022]),
    "before 2021 (以前, beside 2021)": (["2021年以前", "2021年", "2022年"], [2020, 2021, 2022]),
    "a part year at the end": (["2021年", "2022年", "2023年1-6月"], [2021, 2022, 2023]),
    "halves of a year": (["2021年", "2022年上半年", "2022年下半年"], [2021, 2022, 2022]),
    "quarters of a year": (
        ["2022年第一季度", "2022年第二季度", "2022年第三季度", "2022年第四季度"],
        [2022, 2022, 2022, 2022],
    ),
}

PLAN_FAMILIES = {
    "plain years": (["2021", "2022", "2023"], [2021, 2022, 2023]),
    "years to 2020 (及以前)": (["2020年及以前", "2021年", "2022年"], [2020, 2021, 2022]),
    "earlier years (以前年度)": (["以前年度", "2021年", "2022年"], [2020, 2021, 2022]),
    "years from 2024 (以后)": (["2022年", "2023年", "2024年以后"], [2022, 2023, 2024]),
    "later years (以后年度)": (["2022年", "2023年", "以后年度"], [2022, 2023, 2024]),
    "2025 and after (及以后)": (["2023年", "2024年", "2025年及以后"], [2023, 2024, 2025]),
    "halves of a year": (["2021年上半年", "2021年下半年", "2022年"], [2021, 2021, 2022]),
}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("family", list(LEDGER_FAMILIES))
def test_a_ledger_reads_the_money_written_in_the_year_written(tmp_path, suffix, family):
    headings, years = LEDGER_FAMILIES[family]
    rows = amounts(len(headings), seed=len(family))
    path = write(tmp_path / f"ledger{suffix}", headings, rows)
    actuals = capex.load_actuals(path)
    assert actuals.unit == "元" and actuals.money.unit == "分"
    ids = [1, 2, 3]
    read = actuals.matrix(ids, sorted(set(years)))
    expected = np.zeros_like(read)
    for r, row in enumerate(rows):
        for value, year in zip(row, years):
            expected[r, sorted(set(years)).index(year)] += int(written(value) * 100)
    assert np.array_equal(read, expected)  # to the 分, in the year each column says
    assert actuals.total_minor == sum(int(written(v) * 100) for row in rows for v in row)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("family", list(PLAN_FAMILIES))
def test_a_phased_plan_reads_the_money_written_in_the_year_written(tmp_path, suffix, family):
    headings, years = PLAN_FAMILIES[family]
    rows = amounts(len(headings), seed=len(family))
    rows[0][0] = "1,234.56"  # a plan's first year is no reduction here
    path = write(tmp_path / f"plan{suffix}", headings, rows)
    baseline = capex.load_phased(path)
    assert baseline.money.unit == "分"
    flows = baseline.flows_minor
    for r, row in enumerate(rows):
        expected: dict[int, int] = {}
        for value, year in zip(row, years):
            expected[year] = expected.get(year, 0) + int(written(value) * 100)
        got = {int(y): int(v) for y, v in flows.iloc[r].items() if v or y in expected}
        assert got == {y: v for y, v in expected.items() if v or y in got}
    total = sum(int(written(v) * 100) for row in rows for v in row)
    assert baseline.portfolio.total_minor == total
    rules = set(baseline.findings["rule"])
    assert rules <= {"years_placed", "part_years_added", "reduction"}


def test_a_total_column_that_disagrees_is_a_finding_naming_the_cell(tmp_path):
    headings = ["2021年", "2022年", "合计"]
    rows = [["100.50", "-", "100.50"], ["200", "300", "600"], ["1", "2", None]]
    path = write(tmp_path / "ledger.xlsx", headings, rows)
    actuals = capex.load_actuals(path)
    findings = actuals.reading_findings.set_index("rule")
    assert "cell E4" in findings.loc["row_total_differs", "message"]
    assert "is 600 元; its years add up to 500 元" in findings.loc["row_total_differs", "message"]
    assert "cell E5" in findings.loc["row_total_empty", "message"]
    assert actuals.total_minor == (100_50 + 200_00 + 300_00 + 1_00 + 2_00)  # the years count
    with pytest.raises(capex.DataError, match=r"cell E4.*strict=True refuses it"):
        capex.load_actuals(path, strict=True)
