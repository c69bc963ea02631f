"""Workbooks and CSV files of the variance report, the re-forecast and the carry-over."""

from __future__ import annotations

import pandas as pd
import pytest

import capex
from capex.export import exporter_for, sheets
from capex.export.reforecast import reforecast_sheets
from capex.export.rollforward import handover_sheets
from capex.export.variance import variance_sheets
from capex.model.actuals import Actuals


@pytest.fixture(scope="module")
def reports():
    p = capex.load_projects()
    flows = capex.cash_flow(p).flows_minor.copy()
    flows.loc[12, 2024] -= 3_000
    to_2024 = Actuals.from_frame(flows.loc[:, :2024], money=p.money)
    to_2025 = Actuals.from_frame(flows.loc[:, :2025], money=p.money)
    return {
        "variance": capex.variance(p, to_2024),
        "reforecast": capex.reforecast(p, to_2024, ceilings={2025: 12}),
        "handover": capex.roll_forward(p, to_2025),
    }


def test_each_report_has_its_exporter(reports):
    assert exporter_for(reports["variance"]) is variance_sheets
    assert exporter_for(reports["handover"]) is handover_sheets
    # a re-forecast is a plan result: its own exporter wins over the plan's
    assert exporter_for(reports["reforecast"]) is reforecast_sheets


@pytest.mark.slow
def test_variance_workbook_reads_back_to_the_same_amounts(reports, tmp_path):
    report = reports["variance"]
    path = capex.to_excel(report, tmp_path / "variance.xlsx")
    book = pd.read_excel(path, sheet_name=None)
    assert list(book)[:3] == ["by year", "by project", "project and year"]
    by_year = book["by year"]
    assert by_year.iloc[-1]["year"] == "total"
    expected = report.by_year("亿元")
    assert (
        by_year["difference (亿元)"].iloc[:-1].round(4).tolist()
        == expected["difference"].round(4).tolist()
    )
    project = book["by project"].set_index("id").loc[12]
    assert round(project["difference (亿元)"] * 10_000) == -3_000
    assert "findings" in book and (book["findings"]["rule"] == "slipping").any()


def test_reforecast_workbook_has_the_plan_sheets_and_its_own(reports, tmp_path):
    result = reports["reforecast"]
    book = pd.read_excel(capex.to_excel(result, tmp_path / "r.xlsx"), sheet_name=None)
    assert list(book) == ["schedule", "annual", "projects", "actions", "findings", "assumptions"]
    schedule = book["schedule"].set_index("id")
    assert round(schedule.loc[12, "total (亿元)"] * 10_000) == 23_000  # the total, kept exactly
    assumptions = dict(zip(book["assumptions"]["item"], book["assumptions"]["value"].astype(str)))
    assert assumptions["as of (last year of actuals)"] == "2024"
    assert assumptions["window already past"] == "extend"
    projects = book["projects"].set_index("name")
    assert projects.loc["total", "budget (亿元)"] == pytest.approx(77.8)


def test_handover_files_reconcile(reports, tmp_path):
    hand = reports["handover"]
    written = capex.to_csv(hand, tmp_path / "handover")
    assert [p.name for p in written] == [
        "reconciliation.csv",
        "carried over.csv",
        "finished.csv",
        "next plan.csv",
        "assumptions.csv",
    ]
    table = pd.read_csv(written[0], dtype=str)
    total = table[table["name"] == "total"].iloc[0]
    assert total["total (亿元)"] == "77.8"
    assert total["carried (亿元)"] == "23.7"  # 23.4 + the 0.3 亿元 not spent by project 12
    next_plan = pd.read_csv(written[3], dtype=str)
    assert len(next_plan) == len(hand.carried)
    # what each carried project had spent is money too, written in the unit of the others
    carried = pd.read_csv(written[1]).set_index("id")
    spent = hand.carried["spent_minor"].rename(index=int)
    assert (
        (carried["spent_before (亿元)"] * 10_000)
        .round()
        .astype(int)
        .equals(spent.rename("spent_before (亿元)"))
    )
    assert set(carried["under way, start fixed"]) == {"no"}


def test_chinese_headings_and_sheet_names(tmp_path):
    p = capex.load_projects()
    flows = capex.cash_flow(p).flows_minor
    actuals = Actuals.from_frame(flows.loc[:, :2025], money=p.money)
    names = [s.name for s in sheets(capex.roll_forward(p, actuals, lang="zh"))]
    assert names == ["核对", "结转", "已完成", "下期计划", "假设与说明"]
    report = capex.variance(p, actuals, lang="zh")
    first = sheets(report)[0]
    assert first.name == "分年度" and "计划" in first.frame.columns
    book = pd.read_excel(capex.to_excel(report, tmp_path / "zh.xlsx"), sheet_name=None)
    assert "计划（亿元）" in book["分年度"].columns  # the unit in the heading's language too
