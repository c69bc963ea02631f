"""The afterlife on a finance office's own ledger of the bundled plan.

The ledger is built as such offices keep one: a title, a 单位 row, Chinese headings, the plan
period's years only (2021-2025), ``-`` where nothing was spent and ``0`` where the office
typed a zero, a 合计 column and a 合计 row, and a footer. Every expected figure is computed
from the data (the plan's own cash flow and its reconciliation), never typed in.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

import capex

YEARS = list(range(2021, 2026))
FINISHED_BEFORE_2026 = [1, 2, 3, 4, 5, 6, 8, 9]  # every year of their window before 2021..2025


def write_ledger(path: Path, flows: pd.DataFrame, names: pd.Series) -> Path:
    """The ledger of ``flows`` (万元, the plan years), as a finance office writes it."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "十四五支出台账"
    sheet.append(["越城区“十四五”教育项目实际支出台账"])
    sheet.merge_cells("A1:H1")
    sheet.append(["单位：万元"])
    sheet.append(["序号", "项目名称", *[f"{y}年" for y in YEARS], "合计"])
    for k, (pid, row) in enumerate(flows.iterrows()):
        cells = []
        for year in YEARS:
            value = int(row[year])
            # nothing spent: a dash in most rows, a typed zero in every third one
            cells.append(value if value else (0 if k % 3 == 0 else "-"))
        sheet.append([int(pid), str(names[pid]), *cells, int(row.sum())])
    sheet.append([None, "合计", *[int(flows[y].sum()) for y in YEARS], int(flows.to_numpy().sum())])
    sheet.append([])
    sheet.append(["制表人：财务科", None, "审核人：", None, "填报日期：2026年1月10日"])
    book.save(path)
    return path


@pytest.fixture(scope="module")
def ledger(tmp_path_factory, yuecheng, plan_flows) -> Path:
    path = tmp_path_factory.mktemp("ledger") / "十四五支出台账.xlsx"
    return write_ledger(path, plan_flows[YEARS], yuecheng.frame["name"])


def test_the_ledger_reads_as_written(ledger, plan_flows):
    actuals = capex.load_actuals(ledger)
    assert actuals.coverage == capex.model.coverage.Coverage(2021, 2025)
    assert actuals.unit == "万元"
    assert np.array_equal(actuals.matrix(plan_flows.index, YEARS), plan_flows[YEARS].to_numpy())
    assert actuals.reading_findings.empty  # the 合计 row and column add up


def test_variance_is_zero_in_every_year(ledger, yuecheng, plan_flows):
    actuals = capex.load_actuals(ledger)
    report = capex.variance(capex.cash_flow(yuecheng), actuals, portfolio=yuecheng)
    assert report.as_of == 2025
    by_year = report.by_year().set_index("year")
    assert (by_year["difference"] == 0).all()
    assert list(by_year.index) == [y for y in plan_flows.columns if y <= 2025]
    # the money spent before 2021 is not read as nothing spent, so nothing is "slipping"
    assert report.findings.empty
    assert "taken as spent as planned (before='plan')" in report.summary()


def test_no_outside_window_finding_for_dashes_and_zeros(ledger, yuecheng):
    findings = capex.load_actuals(ledger).check(yuecheng)
    assert "outside_window" not in set(findings["rule"])
    assert findings.empty


def test_the_hand_over_carries_the_reconciliations_money(ledger, yuecheng):
    hand = capex.roll_forward(yuecheng, capex.load_actuals(ledger))
    split = capex.model.cashflow.plan_split(yuecheng)
    expected = int(split["after_minor"].sum() + split["unplaceable_minor"].sum())
    assert int(hand.totals["carried_minor"]) == expected
    assert yuecheng.money.format(expected) == "23.4 亿元"  # 22.40 after 2025 + #23's 1.00
    assert not set(FINISHED_BEFORE_2026) & set(hand.carried.index)
    assert set(hand.finished.index) >= set(FINISHED_BEFORE_2026)
    assert hand.reconciles()
    assert "outside_window" not in set(hand.findings["rule"])
    # the next plan carries what each project spent, for the next hand-over
    carried = hand.portfolio.frame.loc[hand.carried.index]
    spent = hand.reconciliation.loc[hand.carried.index, "spent_minor"]
    assert carried["spent_before_minor"].astype(np.int64).tolist() == spent.tolist()


@pytest.mark.parametrize("project", [19, 20, 27, 31])
def test_half_a_yi_less_in_2025_carries_exactly_half_a_yi_more(
    tmp_path, yuecheng, plan_flows, project
):
    flows = plan_flows[YEARS].copy()
    flows.loc[project, 2025] -= 5_000  # 0.5 亿元, in 万元
    path = write_ledger(tmp_path / "less.xlsx", flows, yuecheng.frame["name"])
    base = capex.roll_forward(
        yuecheng, capex.Actuals.from_frame(plan_flows[YEARS], money=capex.model.money.WAN)
    )
    less = capex.roll_forward(yuecheng, capex.load_actuals(path))
    change = less.reconciliation["carried_minor"] - base.reconciliation["carried_minor"]
    assert change[project] == 5_000
    assert (change.drop(project) == 0).all()
    assert less.totals["carried_minor"] - base.totals["carried_minor"] == 5_000


def test_before_zero_gives_the_old_reading_on_request(ledger, yuecheng, plan_flows):
    actuals = capex.load_actuals(ledger)
    hand = capex.roll_forward(yuecheng, actuals, before="zero")
    total = yuecheng.frame["total_minor"]
    spent_in_ledger = plan_flows[YEARS].sum(axis=1)
    # nothing spent before 2021: every project's total less the ledger's is carried
    assert int(hand.totals["carried_minor"]) == int((total - spent_in_ledger).clip(lower=0).sum())
    assert set(FINISHED_BEFORE_2026) <= set(hand.carried.index)
    with pytest.raises(capex.CapexError, match=r"before='refuse'.*8 project\(s\)"):
        capex.roll_forward(yuecheng, actuals, before="refuse")
