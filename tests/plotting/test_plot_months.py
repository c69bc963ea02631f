"""The month figures, tested by what they draw."""

from __future__ import annotations

import pandas as pd
import pytest

import capex
from capex.plotting import PlotError


@pytest.fixture(scope="module")
def months():
    plan = pd.DataFrame({2027: [1200, 600]}, index=pd.Index([1, 2], name="id"))
    return capex.monthly(plan, 2027, quota={m: 140 for m in range(1, 13)}, unit="万元")


def test_the_monthly_plan_draws_bars_the_quota_and_the_extra(months):
    ax = capex.plotting.plot_monthly(months, lang="zh")
    within, extra = ax.containers
    assert len(within) == 12 and sum(bar.get_height() for bar in extra) == 1800 - 12 * 140
    assert [t.get_text() for t in ax.get_xticklabels()][:2] == ["1月", "2月"]
    assert ax.get_title() == "2027年分月用款计划"


def test_execution_draws_paid_to_the_as_of_month_against_plan_and_calendar(months):
    payments = capex.load_payments(
        pd.DataFrame(
            {
                "支付日期": ["2027-02-01", "2027-05-01"],
                "项目代码": ["1", "2"],
                "支付金额": ["1e6", "2e6"],
            }
        )
    )
    report = capex.execution(months, payments, "2027-06-30")
    ax = capex.plotting.plot_execution(report)
    plan, calendar, paid = ax.get_lines()
    assert len(plan.get_xdata()) == 12 and len(paid.get_xdata()) == 6
    assert list(paid.get_ydata())[-1] == 300  # 万元
    assert calendar.get_ydata()[-1] == plan.get_ydata()[-1] == 1800
    assert "2027-06-30" in ax.get_title()


def test_other_objects_are_refused():
    with pytest.raises(PlotError, match="execution report"):
        capex.plotting.plot_execution(object())
    with pytest.raises(PlotError, match="monthly plan"):
        capex.plotting.plot_monthly(object())
