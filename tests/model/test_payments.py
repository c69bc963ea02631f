"""Payments become actuals by budget year through one adapter, matched to projects by code,
by a code table or by name; a payment for no project of the plan is an error naming its row."""

from __future__ import annotations

import pandas as pd
import pytest

import capex
from capex.errors import CapexError, DataError


@pytest.fixture
def payments():
    return capex.load_payments(
        pd.DataFrame(
            {
                "支付凭证号": ["A1", "A2", "A3", "A4"],
                "支付日期": ["2026-12-30", "2027-01-05", "2027-02-01", "2027-03-01"],
                "项目代码": ["019", "19", "", "20"],
                "项目名称": ["", "", "绍初教育集团凤林校区（暂名）", ""],
                "支付金额": ["100.00", "250.50", "49.50", "10"],
            }
        )
    )


def test_payments_become_actuals_by_budget_year(payments, yuecheng):
    actuals = capex.model.payments.payments_to_actuals(payments, yuecheng)
    assert actuals.money.unit == "分"
    table = actuals.to_frame()
    assert table.loc[19, 2026] == 10_000 and table.loc[19, 2027] == 25_050
    assert table.loc[20, 2027] == 4_950 + 1_000  # one by name, one by code
    assert "payments: cash paid, not work done" in actuals.source
    assert payments.to_actuals(yuecheng).to_frame().equals(table)


def test_codes_of_a_project_library_map_to_the_plans_ids(yuecheng):
    paid = capex.load_payments(
        pd.DataFrame(
            {"支付日期": ["2027-01-05"], "项目代码": ["330602-27-A-001"], "支付金额": ["8"]}
        )
    )
    matched = paid.match(yuecheng.ids, yuecheng.frame["name"], {"330602-27-A-001": 7})
    assert matched.tolist() == [7]
    with pytest.raises(CapexError, match="not in the plan"):
        paid.match(yuecheng.ids, None, {"330602-27-A-001": 999})


def test_a_payment_for_no_project_of_the_plan_is_an_error(yuecheng):
    paid = capex.load_payments(
        pd.DataFrame({"支付日期": ["2027-01-05"], "项目代码": ["77"], "支付金额": ["8"]})
    )
    with pytest.raises(DataError, match="not in the plan") as error:
        capex.model.payments.payments_to_actuals(paid, yuecheng)
    assert "row 1" in str(error.value) and "'77'" in str(error.value)


def test_without_a_portfolio_the_code_is_the_id(payments):
    paid = capex.load_payments(
        pd.DataFrame({"支付日期": ["2027-01-05"], "项目代码": ["019"], "支付金额": ["8"]})
    )
    assert capex.model.payments.payments_to_actuals(paid).ids.tolist() == [19]
    with pytest.raises(DataError, match="matched by name"):
        capex.model.payments.payments_to_actuals(payments)


def test_a_name_two_projects_share_matches_neither():
    paid = capex.load_payments(
        pd.DataFrame({"支付日期": ["2027-01-05"], "项目名称": ["同名"], "支付金额": ["8"]})
    )
    names = pd.Series(["同名", "同名"], index=[1, 2])
    assert paid.match(names.index, names).isna().all()


def test_the_records_in_chinese():
    paid = capex.load_payments(
        pd.DataFrame({"支付日期": ["2027-01-05"], "项目代码": ["5"], "支付金额": ["8.5"]})
    )
    frame = paid.to_frame("元", lang="zh")
    assert frame["已支付"].tolist() == [8.5]
    assert "支付日期" in frame.columns


def test_payments_keep_their_months_and_the_months_they_cover(payments, yuecheng):
    actuals = capex.model.payments.payments_to_actuals(payments, yuecheng)
    by_month = actuals.frame.groupby(["id", "year", "month"])["amount_minor"].sum()
    paid = payments.frame
    ids = payments.match(yuecheng.ids, yuecheng.frame["name"])
    expected = (
        pd.DataFrame({"id": ids.to_numpy(), "year": paid["year"], "month": paid["month"]})
        .assign(amount=paid["amount_minor"].to_numpy())
        .groupby(["id", "year", "month"])["amount"]
        .sum()
    )
    expected = expected[expected != 0]
    assert by_month.to_dict() == expected.to_dict()
    assert (actuals.frame["month"] > 0).all()
    last = paid.sort_values(["year", "month"]).iloc[-1]
    assert (actuals.coverage.last, actuals.coverage.last_month) == (last["year"], last["month"])
