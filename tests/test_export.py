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
    assert pd.ExcelFile(workbook).sheet_names == ["reconciliation", "split", "findings", "assumptions"]


def test_the_split_reads_back_to_the_wan(workbook: Path, report: capex.ReconciliationReport) -> None:
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
    assert _wan(totals[amount_header("computed")]) == [778_000, 483_900, 728_000, 50_000, 433_900, 50_000]
    assert totals[amount_header("published")].iloc[2:].isna().all()  # not published: left empty
    assert totals["status"].tolist()[:2] == ["reconciles", "reconciles"]


def test_findings_and_assumptions_sheets(workbook: Path, report: capex.ReconciliationReport) -> None:
    findings = pd.read_excel(workbook, sheet_name="findings")
    assert findings["rule"].tolist() == report.findings["rule"].tolist()
    assert findings["message"].tolist() == report.findings["message"].tolist()
    assert findings["project_id"].astype(str).tolist()[-1] == "all"
    assumptions = pd.read_excel(workbook, sheet_name="assumptions", index_col="item")["value"]
    assert assumptions["plan period"] == "2021-2025"
    assert str(assumptions["capex version"]) == capex.__version__
    assert Decimal(str(assumptions["published total investment (亿元)"])) == Decimal("77.8")


def test_amounts_are_numbers_with_a_number_format(workbook: Path) -> None:
    sheet = openpyxl.load_workbook(workbook)["split"]
    header = [cell.value for cell in sheet[1]]
    column = header.index(amount_header("total")) + 1
    cell = sheet.cell(row=2, column=column)
    assert isinstance(cell.value, float) and cell.value == 1.5  # project 1: 1.5 亿元
    assert cell.number_format == AMOUNT_FORMAT
    name_width = sheet.column_dimensions["B"].width
    assert name_width >= 2 * len("鲁迅小学教育集团凤鸣校区")  # wide enough for the Chinese names
    assert sheet.freeze_panes == "A2"
    assert sheet.cell(row=sheet.max_row, column=2).font.bold  # the totals row


def test_csv_into_a_directory_reads_back_exactly(report: capex.ReconciliationReport, tmp_path: Path) -> None:
    written = capex.to_csv(report, tmp_path / "out")
    assert [p.name for p in written] == ["reconciliation.csv", "split.csv", "findings.csv", "assumptions.csv"]
    split = pd.read_csv(tmp_path / "out" / "split.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    projects = split.iloc[:-1]
    # CSV holds exact decimal text of 亿元: no rounding needed at all
    assert [to_wan(v) for v in projects[amount_header("before")]] == report.split_wan["before_wan"].tolist()
    assert projects["name"].tolist() == report.split_wan["name"].tolist()
    assert split.iloc[-1][amount_header("total")] == "77.8"


def test_csv_to_a_file_puts_the_other_tables_beside_it(report: capex.ReconciliationReport, tmp_path: Path) -> None:
    written = capex.to_csv(report, tmp_path / "rec.csv")
    assert [p.name for p in written] == ["rec.csv", "rec_split.csv", "rec_findings.csv", "rec_assumptions.csv"]
    assert all(p.exists() for p in written)
    assert (tmp_path / "rec.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8


def test_a_suffix_is_added_to_the_workbook(report: capex.ReconciliationReport, tmp_path: Path) -> None:
    assert capex.to_excel(report, tmp_path / "plain").name == "plain.xlsx"


def test_unknown_objects_and_unwritable_paths_raise_export_error(
    report: capex.ReconciliationReport, tmp_path: Path
) -> None:
    with pytest.raises(ExportError, match="cannot export a dict"):
        capex.to_excel({}, tmp_path / "x.xlsx")
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(ExportError, match="cannot write"):
        capex.to_excel(report, blocker / "x.xlsx")
    with pytest.raises(ExportError, match="cannot write"):
        capex.to_csv(report, blocker / "dir")


def test_sheets_of_a_report_hold_integers_of_wan(report: capex.ReconciliationReport) -> None:
    split = sheets(report)[1]
    assert split.name == "split" and split.total_rows == 1
    assert split.frame["total"].iloc[-1] == 778_000


# -- a plan result -----------------------------------------------------------------------
@pytest.fixture
def plan() -> capex.PlanResult:
    """A hand-made plan: two projects, three years, a ceiling on two of them."""
    schedule = pd.DataFrame(
        [[10_000, 5_000, 0], [0, 3, 14_200]],
        index=pd.Index([1, 2], name="id"),
        columns=[2021, 2022, 2023],
    )
    return capex.PlanResult(
        "optimal",
        schedule,
        names=pd.Series(["甲小学", "乙中学"], index=[1, 2]),
        ceilings_wan=pd.Series({2021: 10_000, 2022: 6_000}),
        profile="uniform",
        scenario="cut",
        changes=("ceilings cut by 10%",),
    )


def test_a_plan_workbook_reads_back_to_the_wan(plan: capex.PlanResult, tmp_path: Path) -> None:
    path = capex.to_excel(plan, tmp_path / "plan.xlsx")
    assert pd.ExcelFile(path).sheet_names == ["schedule", "annual", "assumptions"]
    schedule = pd.read_excel(path, sheet_name="schedule")
    assert schedule["name"].tolist() == ["甲小学", "乙中学", "total"]
    years = [2021, 2022, 2023]
    assert _wan(schedule.loc[0, years]) == [10_000, 5_000, 0]
    assert _wan(schedule.loc[1, years]) == [0, 3, 14_200]  # 3 万元 = 0.0003 亿元 survives
    # totals column and row, by hand: 1.5 and 1.4203; 1, 0.5003, 1.42; 2.9203 in all
    assert _wan(schedule["total"]) == [15_000, 14_203, 29_203]
    assert _wan(schedule.loc[2, years]) == [10_000, 5_003, 14_200]
    annual = pd.read_excel(path, sheet_name="annual", index_col="year")
    assert _wan(annual["ceiling (亿元)"].iloc[:2]) == [10_000, 6_000]
    assert annual["ceiling (亿元)"].isna().iloc[2]  # no ceiling in 2023
    assert _wan(annual["headroom (亿元)"].iloc[:2]) == [0, 997]
    assert annual["binding"].tolist() == ["yes", "no", "no"]
    assumptions = pd.read_excel(path, sheet_name="assumptions", index_col="item")["value"]
    assert assumptions["profile"] == "uniform" and assumptions["scenario"] == "cut"
    assert assumptions["scenario changes"] == "ceilings cut by 10%"
    assert assumptions["ceilings (亿元)"] == "2021: 1; 2022: 0.6"


def test_a_plan_to_csv_is_exact(plan: capex.PlanResult, tmp_path: Path) -> None:
    written = capex.to_csv(plan, tmp_path / "plan.csv")
    assert [p.name for p in written] == ["plan.csv", "plan_annual.csv", "plan_assumptions.csv"]
    schedule = pd.read_csv(written[0], dtype=str, encoding="utf-8-sig")
    assert schedule["2022"].tolist() == ["0.5", "0.0003", "0.5003"]


def test_a_shift_result_adds_its_delays(plan: capex.PlanResult) -> None:
    # a result that carries delays (as a shift does) gets a delays sheet
    class ShiftLike(capex.PlanResult):
        @property
        def delays(self) -> pd.Series:
            return pd.Series({1: 0, 2: 1})

    shifted = ShiftLike("optimal", plan.schedule_wan, names=plan.names)
    tables = {sheet.name: sheet.frame for sheet in sheets(shifted)}
    assert tables["delays"]["delay_years"].tolist() == [0, 1]
