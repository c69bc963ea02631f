"""A ledger's coverage, and what counts as spent in the years it does not cover."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import capex
from capex.afterlife.spent import count_spending
from capex.errors import CapexError
from capex.model.actuals import Actuals
from capex.model.coverage import Coverage
from capex.model.money import WAN


# ---------------------------------------------------------------------------------------
# the acceptance property: ledgers equal to the plan over any covered range of years
# ---------------------------------------------------------------------------------------
@st.composite
def plans_and_ranges(draw):
    """A random portfolio (windows before, across and after a 2021-2025 plan), its own cash
    flow, and a range of years ``[first, last]`` a ledger covers, ``last`` in the plan period."""
    seed = draw(st.integers(0, 10_000))
    portfolio = capex.solvers.synthetic.random_portfolio(draw(st.integers(1, 25)), seed=seed)
    flows = capex.cash_flow(portfolio).flows_minor
    last = draw(st.integers(2021, 2025))
    first = draw(st.integers(int(flows.columns[0]) - 1, last))
    return portfolio, flows, first, last


def ledger_of(flows: pd.DataFrame, first: int, last: int) -> Actuals:
    """The plan's own cash flow as a ledger covering ``first``-``last`` (zeros where nothing
    was planned: the years are covered)."""
    wide = flows.reindex(columns=range(first, last + 1), fill_value=0)
    return Actuals.from_frame(wide, money=WAN)


@pytest.mark.slow
@given(plans_and_ranges())
def test_a_ledger_equal_to_the_plan_shows_no_variance_in_any_year(case):
    portfolio, flows, first, last = case
    report = capex.variance(portfolio, ledger_of(flows, first, last))
    assert report.as_of == last
    assert (report.by_year()["difference"] == 0).all()
    assert (report.to_frame()["difference"] == 0).all()
    assert not set(report.findings["rule"]) & {"slipping", "ahead", "not_started", "unplanned"}


@pytest.mark.slow
@given(plans_and_ranges())
def test_a_ledger_equal_to_the_plan_carries_the_plans_money_after_it(case):
    portfolio, flows, first, last = case
    hand = capex.roll_forward(
        portfolio, ledger_of(flows, first, last), next_period=(last + 1, last + 5)
    )
    after = flows.loc[:, [y for y in flows.columns if y > last]].sum(axis=1)
    assert hand.reconciliation["carried_minor"].tolist() == after.tolist()
    assert hand.reconciles()
    if last == 2025:  # at the plan's end: the reconciliation's after-part and unplaceable money
        split = capex.model.cashflow.plan_split(portfolio)
        carried = split["after_minor"] + split["unplaceable_minor"]
        assert hand.reconciliation["carried_minor"].tolist() == carried.tolist()


@pytest.mark.slow
@given(plans_and_ranges())
def test_before_zero_gives_back_the_reading_of_the_ledger_alone(case):
    portfolio, flows, first, last = case
    ledger = ledger_of(flows, first, last)
    hand = capex.roll_forward(portfolio, ledger, next_period=(last + 1, last + 5), before="zero")
    # what roll_forward gave before coverage existed: the ledger's sum is all that was spent
    spent = ledger.to_date(portfolio.ids, last)
    left = portfolio.frame["total_minor"].to_numpy() - spent
    assert hand.reconciliation["spent_minor"].tolist() == spent.tolist()
    assert hand.reconciliation["carried_minor"].tolist() == np.maximum(left, 0).tolist()
    report = capex.variance(portfolio, ledger, before="zero")
    planned_before = flows.loc[:, [y for y in flows.columns if y < first]].to_numpy().sum()
    assert report.actual_to_date_minor == report.planned_to_date_minor - planned_before


# ---------------------------------------------------------------------------------------
# count_spending, the one reading of time outside the coverage
# ---------------------------------------------------------------------------------------
@pytest.fixture
def plan() -> pd.DataFrame:
    # project 1 runs 2019-2022 (100 a year), project 2 2023-2024 (50 a year), in 万元
    return pd.DataFrame(
        {2019: [100, 0], 2020: [100, 0], 2021: [100, 0], 2022: [100, 0], 2023: [0, 50],
         2024: [0, 50]},
        index=pd.Index([1, 2], name="id"),
    )  # fmt: skip


def ledger(years: tuple[int, int], amounts: dict[tuple[int, int], int] | None = None) -> Actuals:
    cells = amounts or {}
    return Actuals.from_arrays(
        [pid for pid, _ in cells],
        [year for _, year in cells],
        list(cells.values()),
        money=WAN,
        coverage=years,
    )


@pytest.mark.parametrize(
    ("before", "from_plan", "note"),
    [
        ("plan", 200, "before 2021: 2 万元 planned on 1 project(s), taken as spent as planned"),
        ("zero", 0, "counted as nothing spent (before='zero'), though 2 万元 was planned"),
    ],
)
def test_the_years_before_the_ledger_follow_the_policy(plan, before, from_plan, note):
    counted = count_spending(
        ledger((2021, 2022), {(1, 2021): 90, (1, 2022): 110}),
        plan.index,
        plan,
        WAN,
        through=2022,
        before=before,
    )
    assert counted.years == [2019, 2020, 2021, 2022]
    assert int(counted.from_plan.sum()) == from_plan
    assert counted.to_date().tolist() == [200 + from_plan, 0]
    assert note.replace("2 万元", WAN.format(200)) in str(counted.note)
    assert "台账覆盖2021-2022年" in counted.note.text("zh")


def test_refuse_names_the_projects_with_money_before_the_ledger(plan):
    with pytest.raises(CapexError, match=r"before='refuse'.*1 project\(s\).*#1 \(0.02 亿元\)"):
        count_spending(ledger((2021, 2024)), plan.index, plan, WAN, through=2024, before="refuse")
    # with nothing planned before it, the ledger is whole
    counted = count_spending(
        ledger((2019, 2024)), plan.index, plan, WAN, through=2024, before="refuse"
    )
    assert counted.to_date().tolist() == [0, 0]


def test_a_ledger_that_stops_early_is_an_error_unless_as_of_says_so(plan):
    short = ledger((2019, 2022), {(1, 2022): 100})
    with pytest.raises(
        CapexError,
        match=r"covers 2019-2022 and stops before the hand-over 2024: it has no 2023-2024",
    ):
        count_spending(short, plan.index, plan, WAN, through=2024, purpose="hand_over")
    counted = count_spending(short, plan.index, plan, WAN, through=2024, as_of=2022)
    assert counted.to_date().tolist() == [100, 100]  # 2023-2024 taken as planned
    assert "2023-2024: 0.01 亿元 taken as planned (the ledger stops at 2022" in str(counted.note)
    with pytest.raises(CapexError, match="after the cut-off"):
        count_spending(short, plan.index, plan, WAN, through=2022, as_of=2023)
    with pytest.raises(CapexError, match="cover no year"):
        count_spending(
            Actuals.from_arrays([], [], [], money=WAN), plan.index, plan, WAN, through=2022
        )


def test_an_opening_column_covers_the_years_before(plan):
    opening = Actuals.from_arrays(
        [1, 1], [2020, 2021], [150, 100], money=WAN, coverage=Coverage(2021, 2022, opening=True)
    )
    counted = count_spending(opening, plan.index, plan, WAN, through=2022, before="refuse")
    assert counted.to_date().tolist() == [250, 0]  # the ledger's own figure, not the plan's 200
    assert "the years to 2020: the ledger's one amount for them" in str(counted.note)


def test_projects_carried_in_count_only_their_spending_since(plan):
    carried = pd.Series([2021, None], index=plan.index, dtype=object)
    cumulative = ledger((2019, 2022), {(1, 2019): 100, (1, 2020): 100, (1, 2021): 60})
    counted = count_spending(cumulative, plan.index, plan, WAN, through=2022, carried_from=carried)
    assert counted.to_date().tolist() == [60, 0]
    assert "1 project(s) carried into this plan count their spending from 2021" in str(counted.note)


def test_coverage_in_words_and_its_whole_years():
    part = Coverage(2021, 2025, last_month=6)
    assert part.last_whole == 2024 and not part.covers(2025) and part.covers(2021)
    assert part.text() == "2021-2025-06" and part.text("zh") == "2021-2025年6月"
    opening = Coverage(2021, 2025, opening=True)
    assert opening.covers(2010) and opening.years[0] == 2020
    assert opening.text("zh") == "2020年及以前、2021-2025年"
    with pytest.raises(CapexError):
        Coverage(2025, 2021)


def test_a_part_year_after_as_of_is_said_to_be_left_out(plan):
    part = Actuals.from_arrays(
        [1, 1, 2], [2021, 2022, 2023], [100, 100, 20], money=WAN,
        coverage=Coverage(2019, 2023, last_month=6),
    )  # fmt: skip
    with pytest.raises(CapexError, match="has no 2023"):
        count_spending(part, plan.index, plan, WAN, through=2023)
    counted = count_spending(part, plan.index, plan, WAN, through=2023, as_of=2022)
    assert counted.to_date().tolist() == [200, 50]  # 2023 whole as planned, not 20 of it
    assert "the ledger's 1 amount(s) after 2022, 0.002 亿元, are left out" in str(counted.note)
