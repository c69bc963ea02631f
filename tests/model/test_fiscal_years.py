"""Fiscal years: a US capital programme phased by federal fiscal year (October start) and a
July-start one load, spread, pay and report by their own years; nothing changes for data
that does not declare one."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import capex
from capex.errors import CapexError, DataError
from capex.io.projects import write_projects

US = capex.FiscalYear(10)  # FY2027 = October 2026 - September 2027


def write_cip(path: Path, headings: list[str]) -> Path:
    """A city's CIP as its budget office keeps it: a title, ``Unit: USD``, a row per project
    with its fiscal years in dollars and cents, its funding sources, a total row."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "CIP"
    sheet.append(["City of Example: Capital Improvement Program"])
    sheet.append(["Unit: USD"])
    sheet.append(["Project No.", "Project Title", *headings, "General Fund", "GO Bonds"])
    sheet.append(
        ["P-1", "Fire Station 7", 1_000_000.25, 2_500_000.5, None, 2_000_000.75, 1_500_000]
    )
    sheet.append(["P-2", "Elm St bridge", None, 800_000, 1_200_000.01, 0, 2_000_000.01])
    sheet.append(
        ["Total", None, 1_000_000.25, 3_300_000.5, 1_200_000.01, 2_000_000.75, 3_500_000.01]
    )
    book.save(path)
    return path


@pytest.fixture
def cip(tmp_path) -> Path:
    return write_cip(tmp_path / "cip.xlsx", ["FY2027", "FY2028", "FY2029"])


def load_cip(path: Path, **kwargs) -> capex.results.Baseline:
    return capex.load_phased(path, id="Project No.", name="Project Title", unit="USD", **kwargs)


def test_a_cip_by_federal_fiscal_year_loads_spreads_and_reports_by_fiscal_year(cip, tmp_path):
    baseline = load_cip(cip, fiscal_year_start=10)
    portfolio = baseline.portfolio
    assert portfolio.fiscal_year == US
    assert portfolio.plan_period == (2027, 2029)
    assert baseline.flows_minor.loc["P-1", 2027] == 100_000_025  # cents, exactly
    assert portfolio.sources.names == ["General Fund", "GO Bonds"]
    plan = capex.spread(portfolio, {2027: 1_000_000, 2028: 3_000_000, 2029: 3_000_000})
    assert plan.fiscal_year == US
    text = plan.summary()
    assert "FY2027-FY2029" in text and "\n  FY2028 " in text
    assert "2027财年" in plan.summary(lang="zh")
    by_source = plan.to_frame(by="source")  # cents, exactly
    top = by_source.loc[by_source.attrs["top"]].sum()
    assert top.iloc[:3].tolist() == plan.to_frame().sum().tolist()
    assert top["total"] == portfolio.plan_minor
    path = capex.to_excel(plan, tmp_path / "plan.xlsx")
    headers = pd.read_excel(path, sheet_name="schedule").columns.tolist()
    assert headers[2:5] == ["FY2027 (USD)", "FY2028 (USD)", "FY2029 (USD)"]


def test_a_payment_in_october_lands_in_the_next_fiscal_year(cip):
    portfolio = load_cip(cip, fiscal_year_start=10).portfolio
    payments = capex.load_payments(
        pd.DataFrame(
            {
                "date": ["2026-09-30", "2026-10-01", "2027-09-30"],
                "project": ["P-1", "P-1", "P-2"],
                "amount": ["100.00", "250.50", "75.25"],
            }
        ),
        unit="USD",
        fiscal_year_start=10,
    )
    assert payments.frame[["year", "month"]].values.tolist() == [[2026, 12], [2027, 1], [2027, 12]]
    actuals = payments.to_actuals(portfolio)
    assert actuals.fiscal_year == US
    assert actuals.frame.groupby("year")["amount_minor"].sum().to_dict() == {
        2026: 10000,
        2027: 32575,
    }


def test_a_july_start_table_named_as_spans(tmp_path):
    path = write_cip(tmp_path / "cip.xlsx", ["2026-27", "2027-28", "2028-29"])
    with pytest.raises(DataError, match="fiscal_year_start=4"):
        load_cip(path)  # a span needs to know when the year starts
    baseline = load_cip(path, fiscal_year_start=7)
    assert baseline.portfolio.fiscal_year == capex.FiscalYear(7, "span")
    assert baseline.portfolio.plan_period == (2026, 2028)
    assert baseline.portfolio.year_label(2026) == "2026-27"
    # named by their ends, as an Australian or US state budget may name them: FY2027 ...
    ends = load_cip(path, fiscal_year_start=7, fiscal_year_naming="end")
    assert ends.portfolio.plan_period == (2027, 2029)
    payments = capex.load_payments(
        pd.DataFrame(
            {"date": ["2027-06-30", "2027-07-01"], "project": ["P-1"] * 2, "amount": [1, 2]}
        ),
        unit="USD",
        fiscal_year_start=7,
        fiscal_year_naming="span",
    )
    assert payments.frame["year"].tolist() == [2026, 2027]  # 2026-27, then 2027-28


def test_a_ledger_by_fiscal_year_and_one_that_counts_another_year(cip):
    portfolio = load_cip(cip, fiscal_year_start=10).portfolio
    ledger = pd.DataFrame({"id": ["P-1", "P-2"], "FY 2026-27": ["900,000.00", "-"]})
    actuals = capex.load_actuals(ledger, unit="USD", fiscal_year_start=10, fiscal_year_naming="end")
    assert actuals.frame["year"].tolist() == [2027]  # 2026-27 ends in 2027: FY2027
    assert actuals.for_portfolio(portfolio).fiscal_year == US
    as_written = capex.load_actuals(ledger, unit="USD", fiscal_year_start=10)
    assert as_written.fiscal_year == capex.FiscalYear(10, "span")  # named as the ledger names it
    other = capex.load_actuals(ledger, unit="USD", fiscal_year_start=7)  # 2026-27 from July
    for ledger_years in (as_written, other):
        with pytest.raises(DataError, match="the portfolio fiscal years Oct-Sep, FY2027"):
            ledger_years.for_portfolio(portfolio)


def test_a_month_plan_of_a_fiscal_year_starts_in_october(cip):
    portfolio = load_cip(cip, fiscal_year_start=10).portfolio
    plan = capex.spread(portfolio, None)
    months = capex.monthly(plan, 2028, profile="days")
    assert months.fiscal_year == US
    assert months.month_headings()[:2] == ["Oct 2027", "Nov 2027"]
    assert months.month_headings("zh")[-1] == "2028年9月"
    assert (months.to_frame().sum(axis=1) == months.year_minor).all()
    assert months.profile_weights[:5] == (31, 30, 31, 31, 29)  # Oct 2027 - Feb 2028 (leap)
    with pytest.raises(CapexError, match="fiscal_year_start=1"):
        capex.monthly(plan, 2028, fiscal_year_start=1)


def test_nothing_changes_for_data_that_declares_no_fiscal_year(yuecheng, tmp_path):
    assert yuecheng.fiscal_year == capex.FiscalYear()
    path = write_projects(yuecheng, tmp_path / "projects.csv")
    assert "fiscal_year" not in path.with_suffix(".toml").read_text(encoding="utf-8")
    plan = capex.spread(yuecheng, 10)
    assert "\n  2021 " in plan.summary()
    # a table headed FY2027 without a fiscal year reads its years as numbers, as before
    frame = pd.DataFrame({"id": [1], "FY2027": [5], "FY2028": [5]})
    assert capex.load_phased(frame).flows_minor.columns.tolist() == [2027, 2028]


def test_the_metadata_says_when_the_year_starts(tmp_path, cip):
    portfolio = load_cip(cip, fiscal_year_start=10).portfolio
    path = write_projects(portfolio, tmp_path / "cip.csv")
    back = capex.load_projects(path)
    assert back.fiscal_year == US
    assert back.sources.amounts_minor.equals(portfolio.sources.amounts_minor)
    path.with_suffix(".toml").write_text(
        path.with_suffix(".toml").read_text(encoding="utf-8").replace("= 10", "= 13"),
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="1 to 12"):
        capex.load_projects(path)
