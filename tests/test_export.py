"""Excel and CSV export: the numbers read back to the 万元, the names intact."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import capex
from capex.export import AMOUNT_FORMAT, ExportError, amount_header, sheets
from capex.money import to_wan
from capex.reconcile import SPLIT_COLUMNS


@pytest.fixture(scope="module")
def report(yuecheng: capex.Portfolio) -> capex.ReconciliationReport:
    return capex.reconcile(yuecheng)


@pytest.fixture(scope="module")
def workbook(report: capex.ReconciliationReport, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return capex.to_excel(report, tmp_path_factory.mktemp("excel") / "reconciliation.xlsx")


def _wan(values: pd.Series) -> list[int]:
    """Floats of 亿元 read from a file, back to exact 万元 (each has at most 4 decimals)."""
    return [round(float(v) * 10_000) for v in values]


def test_the_report_workbook_has_its_sheets(workbook: Path) -> None:
    assert workbook.suffix == ".xlsx"
    assert pd.ExcelFile(workbook).sheet_names == [
        "reconciliation",
        "split",
        "findings",
        "assumptions",
    ]


def test_the_split_reads_back_to_the_wan(
    workbook: Path, report: capex.ReconciliationReport
) -> None:
    split = pd.read_excel(workbook, sheet_name="split")
    projects, total = split.iloc[:-1], split.iloc[-1]
    expected = report.split_wan
    assert projects["id"].astype(int).tolist() == expected.index.tolist()
    assert projects["name"].tolist() == expected["name"].tolist()  # Chinese names intact
    for column in ("total", "before", "in_plan", "after", "unplaceable"):
        assert _wan(projects[amount_header(column)]) == expected[f"{column}_wan"].tolist(), column
    # the totals row: 77.8 亿元, of which 48.39 in 2021-2025 (the seed's headline)
    assert total["name"] == "total"
    assert round(total[amount_header("total")] * 10_000) == 778_000
    assert round(total[amount_header("in_plan")] * 10_000) == 483_900
    parts = sum(round(total[amount_header(c.removesuffix("_wan"))] * 10_000) for c in SPLIT_COLUMNS)
    assert parts == 778_000


def test_the_totals_read_back_to_the_wan(workbook: Path) -> None:
    totals = pd.read_excel(workbook, sheet_name="reconciliation", index_col="figure")
    assert _wan(totals[amount_header("published")].iloc[:2]) == [778_000, 483_900]
    assert _wan(totals[amount_header("computed")]) == [
        778_000,
        483_900,
        728_000,
        50_000,
        433_900,
        50_000,
    ]
    assert totals[amount_header("published")].iloc[2:].isna().all()  # not published: left empty
    assert totals["status"].tolist()[:2] == ["reconciles", "reconciles"]


def test_findings_and_assumptions_sheets(
    workbook: Path, report: capex.ReconciliationReport
) -> None:
    findings = pd.read_excel(workbook, sheet_name="findings")
    assert findings["rule"].tolist() == report.findings["rule"].tolist()
    assert findings["message"].tolist() == report.findings["message"].tolist()
    assert findings["message"].tolist() == report.findings["message"].tolist()
    split = pd.read_excel(path, sheet_name="split")
    assert round(split.iloc[-1][amount_header("in_plan")] * 10_000) == 483_900
    # a report passed instead of the portfolio gives the same sheets
    assert [s.name for s in sheets(plan, report)] == pd.ExcelFile(path).sheet_names
