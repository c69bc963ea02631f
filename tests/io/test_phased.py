"""Phased tables: capex's own schedule loads back to the same amounts; dollars and cents
reconcile to the cent; findings say what does not add up."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

import capex

CEILINGS = {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9}


@pytest.fixture(scope="module")
def plan(yuecheng: capex.Portfolio) -> capex.results.PlanResult:
    return capex.spread(yuecheng, CEILINGS)


@pytest.fixture(scope="module")
def yuecheng() -> capex.Portfolio:
    return capex.load_projects()


def test_the_schedule_workbook_loads_back_to_the_same_amounts(
    plan: capex.results.PlanResult, tmp_path: Path
) -> None:
    path = capex.to_excel(plan, tmp_path / "plan.xlsx")
    baseline = capex.load_phased(path, unit="亿元")
    flows = baseline.flows_minor
    assert flows.equals(plan.schedule_minor)
    assert all(dtype == np.int64 for dtype in flows.dtypes)
    assert list(flows.columns) == [2021, 2022, 2023, 2024, 2025]
    assert baseline.portfolio.money == plan.money
    assert baseline.findings.empty
    # the schedule's total row is recognised: published totals, and they reconcile
    assert capex.reconcile(baseline.portfolio).reconciles
    assert baseline.portfolio.plan_minor == 483_900


def test_the_schedule_csv_loads_back_to_the_same_amounts(
    plan: capex.results.PlanResult, tmp_path: Path
) -> None:
    written = capex.to_csv(plan, tmp_path / "plan")
    schedule = next(p for p in written if p.stem == "schedule")
    baseline = capex.load_phased(schedule, unit="亿元")
    assert baseline.flows_minor.equals(plan.schedule_minor)
    names = baseline.portfolio.frame["name"]
    assert names.equals(pd.Series(plan.names).reindex(names.index).rename("name"))


def dollars_table(tmp_path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Phasing"
    sheet.append(["Capital programme FY2021-FY2024"])
    sheet.append(["Unit: USD"])
    sheet.append(["Project", "Name", "FY 2021", "FY 2022", "FY 2023", "FY 2024", "Total"])
    sheet.append(["P-1", "Bridge", 1250000.25, 2500000.1, None, None, 3750000.35])
    sheet.append(["P-2", "School", None, 600000.05, 600000.05, 0.01, 1200000.11])
    sheet.append(["P-3", "Depot", 0.99, None, None, None, 0.99])
    sheet.append(["Total", None, 1250001.24, 3100000.15, 600000.05, 0.01, 4950001.45])
    book.save(tmp_path / "phasing.xlsx")
    return tmp_path / "phasing.xlsx"


def test_a_phased_table_in_dollars_reconciles_to_the_cent(tmp_path: Path) -> None:
    baseline = capex.load_phased(
        dollars_table(tmp_path),
        years={"FY 2021": 2021, "FY 2022": 2022, "FY 2023": 2023, "FY 2024": 2024},
        id="Project",
        name="Name",
        total="Total",
        unit="USD",
        plan_period=(2021, 2023),
    )
    portfolio = baseline.portfolio
    assert portfolio.money == capex.Money("USD", "cent")
    assert baseline.flows_minor.loc["P-2"].tolist() == [0, 60_000_005, 60_000_005, 1]
    assert portfolio.frame["total_minor"].tolist() == [375_000_035, 120_000_011, 99]
    assert portfolio.frame["plan_minor"].tolist() == [375_000_035, 120_000_010, 99]
    assert (portfolio.frame["start_year"].tolist(), portfolio.frame["end_year"].tolist()) == (
        [2021, 2022, 2021],
        [2022, 2024, 2021],
    )
    assert portfolio.published == capex.model.portfolio.PublishedTotals(495_000_145, 495_000_144)
    report = capex.reconcile(portfolio)
    assert report.reconciles
    assert int(baseline.flows_minor.to_numpy().sum()) == portfolio.total_minor
    assert baseline.findings.empty


def test_years_are_found_by_their_headings(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"], sheet["B1"], sheet["C1"] = "序号", "项目名称", "分年度投资（万元）"
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("B1:B2")
    sheet.merge_cells("C1:E1")
    sheet["C2"], sheet["D2"], sheet["E2"] = "2021年", "2022年", "2023年"
    sheet.append([1, "甲小学", 100.5, "-", 200])
    sheet.append([2, "乙中学", None, 300, None])
    sheet.append(["合计", None, 100.5, 300, 201])
    book.save(tmp_path / "phased.xlsx")
    baseline = capex.load_phased(tmp_path / "phased.xlsx")
    assert baseline.portfolio.money.unit == "元"
    assert baseline.flows_minor.loc[1].tolist() == [1_005_000, 0, 2_000_000]
    assert baseline.portfolio.frame["start_year"].tolist() == [2021, 2022]
    findings = baseline.findings
    assert findings["rule"].tolist() == ["totals_row_differs"]
    assert findings["year"].tolist() == [2023] and "cell E5" in findings["message"].iloc[0]


def test_a_total_below_its_phased_amounts_is_a_finding(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {"id": [1, 2], "name": ["甲", "乙"], "2021": [1, 2], "2022": [3, 0], "总投资": [3, 5]}
    )
    baseline = capex.load_phased(frame, total="总投资", unit="亿元")
    findings = baseline.findings.set_index("project_id")
    assert (
        findings.loc[1, "rule"] == "total_below_phased" and findings.loc[1, "severity"] == "error"
    )
    assert findings.loc[2, "rule"] == "total_above_phased"
    assert baseline.portfolio.frame["total_minor"].tolist() == [40_000, 50_000]


def test_start_and_end_columns_give_the_windows(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {"id": [1], "name": ["甲"], "项目期限": ["2020-2023"], "2021": [1], "2022": [2]}
    )
    baseline = capex.load_phased(frame)
    assert baseline.portfolio.frame[["start_year", "end_year"]].iloc[0].tolist() == [2020, 2023]
    frame["项目期限"] = ["2022-2023"]
    with pytest.raises(capex.DataError, match="2021 holds an amount, but the project's window"):
        capex.load_phased(frame)


@pytest.mark.parametrize(
    ("column", "value", "words"),
    [
        ("2022", "两百", "not an amount"),
        ("2022", -5, "outweigh the project's money"),  # -1 would be a reduction, read
        ("2021", "1,5", "comma"),
        ("2021", "1.2亿", "writes its unit (亿元) in the cell"),
    ],
)
def test_bad_amounts_name_their_cell(column: str, value: object, words: str) -> None:
    frame = pd.DataFrame({"id": [1, 2], "name": ["甲", "乙"], "2021": [1, 2], "2022": [3, 0]})
    frame[column] = frame[column].astype(object)
    frame.loc[1, column] = value
    with pytest.raises(capex.DataError) as caught:
        capex.load_phased(frame)
    assert f"row 2, column '{column}'" in str(caught.value) and words in str(caught.value)


def test_a_table_without_year_columns_is_an_error() -> None:
    with pytest.raises(capex.DataError, match="no column is headed by a year"):
        capex.load_phased(pd.DataFrame({"id": [1], "name": ["甲"], "amount": [1]}))


def test_a_heading_given_that_is_not_there_is_an_error() -> None:
    frame = pd.DataFrame({"id": [1], "name": ["甲"], "2021": [1]})
    with pytest.raises(capex.DataError, match="no column is headed 'FY 2017'"):
        capex.load_phased(frame, years={"FY 2017": 2017})
    with pytest.raises(capex.DataError, match="no column is headed 'Total'"):
        capex.load_phased(frame, total="Total")


def test_a_baseline_is_a_plan_variance_reads(
    plan: capex.results.PlanResult, tmp_path: Path
) -> None:
    baseline = capex.load_phased(capex.to_excel(plan, tmp_path / "plan.xlsx"), unit="亿元")
    spent = capex.Actuals.from_frame(baseline.flows_minor, money=baseline.money)
    report = capex.variance(baseline, spent, portfolio=baseline.portfolio, as_of=2025)
    assert report.money == baseline.money
    assert report.planned_minor.equals(report.actual_minor)
    assert (report.to_frame()["difference"] == 0).all()


# -- a capital budget as adopted: reductions, printed totals, groups ---------------------------
def adopted_budget(path: Path, *, total_b: object = 6, group_2022: object = 5) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2021-2023年分年度投资计划"])
    sheet.append(["单位：万元"])
    sheet.append(["序号", "项目名称", "总投资", "2021年", "2022年", "2023年", "合计"])
    sheet.append(["一、续建项目", None, None, 5, group_2022, -1, 9])
    sheet.append([1, "甲", 4, 2, 2, "-", 4])
    sheet.append([2, "乙", total_b, 3, 3, "(1)", 5])  # a reduction in 2023, as adopted
    sheet.append(["二、新建项目"])
    sheet.append([3, "丙", None, "-", 1, 2, 3])  # a damaged table: the total left empty
    sheet.append([None, "合计", 13, 5, 6, 1, 12])
    sheet.append(["制表人：预算科"])
    book.save(path)
    return path


def test_an_adopted_budget_with_a_reduction_groups_and_totals(tmp_path: Path) -> None:
    baseline = capex.load_phased(adopted_budget(tmp_path / "b.xlsx"), total="总投资")
    assert baseline.flows_minor.loc[2].tolist() == [3, 3, -1]
    assert baseline.portfolio.frame["total_minor"].tolist() == [4, 6, 3]  # #3: its row's sum
    rules = baseline.findings.set_index("rule")
    assert rules.loc["reduction", "year"] == 2023
    assert "a reduction of 0.0001 亿元 in 2023" in rules.loc["reduction", "message"]
    assert "cell C8" in rules.loc["total_empty", "message"]
    assert "sum_row_differs" not in rules.index and "row_total_differs" not in rules.index
    with pytest.raises(capex.DataError, match="cell C8.*strict=True"):
        capex.load_phased(adopted_budget(tmp_path / "s.xlsx"), total="总投资", strict=True)


def test_printed_sums_that_do_not_add_up_are_findings_naming_the_cell(tmp_path: Path) -> None:
    baseline = capex.load_phased(adopted_budget(tmp_path / "b.xlsx", group_2022=6))
    message = baseline.findings.set_index("rule").loc["sum_row_differs", "message"]
    assert "group heading '一、续建项目' (cell E4) gives 0.0006 亿元 for 2022" in message
    with pytest.raises(capex.DataError, match="cell E4"):
        capex.load_phased(adopted_budget(tmp_path / "s.xlsx", group_2022=6), strict=True)


def test_a_year_column_capex_cannot_place_is_an_error_not_money_lost() -> None:
    frame = pd.DataFrame({"id": [1], "name": ["甲"], "2021": [1], "2022": [2], "2023年预计": [3]})
    with pytest.raises(capex.DataError, match="'2023年预计'.*does not say which years"):
        capex.load_phased(frame)
