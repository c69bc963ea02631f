"""Funding sources: exact splits, nesting counted once, the split kept with the portfolio."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import capex
from capex.errors import DataError
from capex.io.projects import write_projects
from capex.model.sources import (
    UNASSIGNED,
    Source,
    SourceError,
    Sources,
    apportion,
    split_flows,
    split_plan_flows,
)

NESTED = {"专项债券": "政府性基金预算"}


def nested_sources(money: capex.Money = capex.model.money.WAN) -> Sources:
    """Two projects: 政府性基金预算 3,000 of which 专项债券 2,000; a project with no split."""
    amounts = pd.DataFrame(
        {
            "一般公共预算": [2000, 0],
            "政府性基金预算": [3000, 500],
            "专项债券": [2000, 500],
            "自筹": [1000, 500],
        },
        index=pd.Index([1, 2], name="id"),
    )
    return Sources.from_amounts(amounts, parents=NESTED, money=money)


# -- the arithmetic ---------------------------------------------------------------------
@given(
    st.lists(st.integers(-(10**15), 10**15), min_size=1, max_size=8),
    st.lists(st.integers(0, 10**6), min_size=1, max_size=6),
)
def test_apportion_adds_up_exactly_and_keeps_each_part_to_its_quota(amounts, weights):
    weights = np.array([weights] * len(amounts))
    parts = apportion(amounts, weights)
    total = weights.sum(axis=1)
    if total[0] == 0:
        assert not parts.any()
        return
    assert parts.sum(axis=1).tolist() == amounts
    for amount, row in zip(amounts, parts):
        for part, weight in zip(row, weights[0]):
            quota = abs(amount) * int(weight)  # the exact share, times the total weight
            size = abs(int(part)) * int(total[0])
            assert size - int(total[0]) < quota <= size + int(total[0]) - 1 or quota == size


def test_apportion_is_exact_beyond_64_bits():
    amounts = [10**17 + 3]
    parts = apportion(amounts, np.array([[10**6, 10**6, 10**6]]))
    assert parts.sum() == 10**17 + 3
    assert parts.tolist() == [[33333333333333335, 33333333333333334, 33333333333333334]]


@given(
    st.lists(st.lists(st.integers(0, 10**9), min_size=4, max_size=4), min_size=1, max_size=5),
    st.lists(st.integers(0, 1000), min_size=3, max_size=3).filter(lambda w: sum(w) > 0),
)
def test_a_flow_split_by_source_adds_up_both_ways_and_never_goes_below_zero(rows, weights):
    flows = np.array(rows, dtype=np.int64)
    amounts = np.array([weights] * len(rows), dtype=np.int64)
    split = split_flows(flows, amounts)
    assert (split >= 0).all()
    assert (split.sum(axis=2) == flows).all()  # each year adds up
    # and each source pays its part of the whole, exactly
    assert (split.sum(axis=1) == apportion(flows.sum(axis=1), amounts)).all()


def test_the_plan_period_is_split_first_then_the_years_around_it():
    flows = np.array([[300, 500, 500, 700]])
    amounts = np.array([[1000, 1000]])
    inside = np.array([False, True, True, False])
    split = split_plan_flows(flows, amounts, inside)[0]
    assert split[1:3].sum(axis=0).tolist() == [500, 500]  # the plan money in proportion
    assert split.sum(axis=0).tolist() == [1000, 1000]
    assert split.sum(axis=1).tolist() == [300, 500, 500, 700]


# -- the sources ------------------------------------------------------------------------
@given(
    st.lists(st.integers(1, 10**12), min_size=1, max_size=6),
    st.lists(st.integers(0, 100), min_size=4, max_size=4).filter(lambda w: sum(w) > 0),
    st.integers(0, 100),
)
def test_sources_add_up_to_each_projects_total_exactly(totals, weights, bonds_share):
    """However a project's total is split (by amounts from shares, largest remainder), the
    top-level sources add up to it, a nested source stays inside its parent, and a changed
    total (an escalation) is split again exactly in the same proportions."""
    index = pd.Index(range(1, len(totals) + 1), name="id")
    own = apportion(totals, np.array([weights] * len(totals)))
    fund = own[:, 1]
    bonds = apportion(fund, np.array([[bonds_share, 100 - bonds_share]]))[:, 0]
    amounts = pd.DataFrame(
        {"一般公共预算": own[:, 0], "政府性基金预算": fund, "专项债券": bonds, "上级补助": own[:, 2],
         "自筹": own[:, 3]},
        index=index,
    )  # fmt: skip
    sources = Sources.from_amounts(amounts, parents=NESTED)
    assert sources.totals_minor().tolist() == totals
    frame = pd.DataFrame({"total_minor": totals}, index=index)
    sources.check(frame)  # adds up: no error
    escalated = pd.Series([t * 103 // 100 + 1 for t in totals], index=index)
    split = sources.split(escalated)
    assert split[[*sources.top, UNASSIGNED]].sum(axis=1).tolist() == escalated.tolist()
    assert (split["专项债券"] <= split["政府性基金预算"]).all()


def test_a_nested_source_is_inside_its_parent_and_counted_once():
    sources = nested_sources()
    assert sources.top == ["一般公共预算", "政府性基金预算", "自筹"]
    assert sources.within == {"专项债券": "政府性基金预算"}
    assert sources.totals_minor().tolist() == [6000, 1000]  # not 8000 and 1500
    assert sources.own_minor().loc[1].tolist() == [2000, 1000, 2000, 1000]
    flows = pd.DataFrame(
        [[1200, 2400, 2400], [0, 1000, 0]], index=[1, 2], columns=[2021, 2022, 2023]
    )
    split = sources.flows(flows)
    top = split.loc[(slice(None), [*sources.top, UNASSIGNED]), :]
    assert top.groupby(level="id").sum().equals(flows.rename_axis("id").rename_axis("year", axis=1))


@pytest.mark.parametrize(
    ("amounts", "parents", "match"),
    [
        ({"政府性基金预算": [1000], "专项债券": [2000]}, NESTED, "more than its"),
        ({"一般公共预算": [-5]}, {}, "negative"),
        ({"甲": [1], "乙": [1]}, {"甲": "乙", "乙": "甲"}, "circle"),
        ({"甲": [1]}, {"乙": "丙"}, "not one of the sources"),
    ],
)
def test_sources_that_cannot_be_are_errors(amounts, parents, match):
    with pytest.raises(SourceError, match=match):
        Sources.from_amounts(pd.DataFrame(amounts, index=[1]), parents=parents)


def test_a_parent_with_no_amount_of_its_own_takes_its_childrens():
    amounts = pd.DataFrame({"专项债券": [2000], "一般公共预算": [1000]}, index=[1])
    sources = Sources.from_amounts(amounts, parents=NESTED)
    assert sources.amounts_minor.loc[1, "政府性基金预算"] == 2000
    assert sources.names[:2] == ["政府性基金预算", "专项债券"]  # the parent first


def test_a_split_that_does_not_add_up_or_breaks_a_rule_is_an_error_naming_the_project(tiny):
    amounts = pd.DataFrame({"一般公共预算": [6000], "自筹": [3000]}, index=[1])  # 1 亿元 = 10000
    with pytest.raises(DataError, match="add up to 0.9 亿元") as caught:
        Sources.from_amounts(amounts).check(tiny.frame)
    assert caught.value.project_id == 1
    ruled = Sources(
        (Source("专项债券", rule={"government_investment": True}),),
        pd.DataFrame({"专项债券": [6000]}, index=[3]),
    )
    with pytest.raises(DataError, match="may not pay"):
        tiny.replace(sources=ruled)


def test_the_portfolio_keeps_its_sources_through_every_change(tiny):
    amounts = pd.DataFrame(
        {"一般公共预算": [6000, 20000], "自筹": [4000, 10000]}, index=pd.Index([1, 2], name="id")
    )
    with_sources = tiny.replace(sources=Sources.from_amounts(amounts))
    assert with_sources.sources.ids.tolist() == [1, 2]
    assert with_sources.subset([2, 3]).sources.ids.tolist() == [2]
    renamed = with_sources.replace(name="renamed")
    assert renamed.sources is with_sources.sources
    finer = with_sources.sources.in_money(capex.Money("CNY", "元"))
    assert finer.amounts_minor.loc[1, "一般公共预算"] == 60_000_000


def test_sources_and_the_fiscal_year_are_written_and_read_back(tiny, tmp_path):
    amounts = pd.DataFrame(
        {"政府性基金预算": [6000, 30000], "专项债券": [2000, 30000], "自筹": [4000, 0]},
        index=pd.Index([1, 2], name="id"),
    )
    sources = Sources.from_amounts(amounts, parents=NESTED, rules={"专项债券": "builder=乙"})
    with pytest.raises(DataError, match="may not pay"):  # project 1's builder is 甲
        tiny.replace(sources=sources)
    sources = Sources.from_amounts(amounts, parents=NESTED)
    kept = tiny.replace(sources=sources, fiscal_year=capex.FiscalYear(7, "span"))
    path = write_projects(kept, tmp_path / "projects.csv")
    back = capex.load_projects(path)
    assert back.fiscal_year == capex.FiscalYear(7, "span")
    assert back.sources.within == {"专项债券": "政府性基金预算"}
    assert back.sources.amounts_minor.equals(sources.amounts_minor)
    assert "fiscal_year_start = 7" in path.with_suffix(".toml").read_text(encoding="utf-8")


def test_a_split_names_projects_as_capex_reads_ids(yuecheng):
    total = int(yuecheng.frame.loc[19, "total_minor"])
    written = pd.DataFrame({"自筹": [total]}, index=["019"])
    assert yuecheng.replace(sources=Sources.from_amounts(written)).sources.ids.tolist() == [19]
    short = pd.DataFrame({"自筹": [total - 1]}, index=[19])
    with pytest.raises(DataError, match="not the project's total"):
        yuecheng.replace(sources=Sources.from_amounts(short))
    unknown = pd.DataFrame({"自筹": [1]}, index=[99])
    with pytest.raises(DataError, match="no such project"):
        yuecheng.replace(sources=Sources.from_amounts(unknown))
