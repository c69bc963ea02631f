"""Make ``made_up_payments_2027.xlsx``: INVENTED treasury payments of January-September 2027,
and ``made_up_2026_2030/next_plan.csv`` (with its ``.toml``, in a folder of its own so that
it is not taken for a scenario file), the 2026-2030 project table they
are paid against.

The figures are made up, to show capex's execution report (支付进度 against 序时进度) on a file
shaped like a 国库集中支付 voucher list exported from a budget-management integration system:
a title, a 单位：元 note, the Chinese headings, one row per voucher line with amounts to the 分,
a 合计 row and a footer. The plan they are paid against is the 2026-2030 plan of notebook 08:
the bundled 2021-2025 plan handed over as spent to plan (``capex.roll_forward``), the made-up
new projects of ``made_up_new_projects_2026_2030.csv``, spread under the ceilings below. Each
project is paid its construction-season month plan with invented departures: one project
slow to start, one paid ahead, a refund, a voucher split over two economic classifications.
Run it from the repository root to re-make the file:

    python examples/make_made_up_payments.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import openpyxl

import capex

HERE = Path(__file__).resolve().parent
TARGET = HERE / "made_up_payments_2027.xlsx"
NEXT_PLAN = HERE / "made_up_2026_2030" / "next_plan.csv"
NEW_PROJECTS = HERE / "made_up_new_projects_2026_2030.csv"
CEILINGS = {2026: 21, 2027: 6.0, 2028: 3.0, 2029: 2.8, 2030: 1.8}
"""The 2026-2030 plan's ceilings (亿元), as notebook 08 spreads it."""

HEADINGS = [
    "支付凭证号", "支付日期", "预算单位", "项目代码", "项目名称", "功能科目", "经济科目",
    "资金性质", "收款人", "用途", "支付金额",
]  # fmt: skip

SLOW, AHEAD = 34, 101
"""The project slow to start (paid a fifth of its plan) and the one paid ahead (by a third)."""


def hand_over() -> capex.results.HandOver:
    """The 2021-2025 plan handed over as spent to plan, with the made-up new projects."""
    portfolio = capex.load_projects()
    flows = capex.cash_flow(portfolio).flows_minor
    spent = capex.Actuals.from_frame(flows.loc[:, :2025], money=portfolio.money)
    name = "越城区2026-2030年教育项目：结转项目与虚构的新建项目（MADE-UP new projects）"
    return capex.roll_forward(portfolio, spent, new_projects=NEW_PROJECTS, name=name)


def plan_2027() -> capex.results.MonthlyPlan:
    """The 2027 monthly plan the payments are made against."""
    plan = capex.spread(hand_over().portfolio, CEILINGS)
    return capex.monthly(plan, 2027, profile="construction")


def made_up_rows() -> list[list[object]]:
    """One row per voucher line, January to September 2027, amounts in 元 (invented)."""
    months = plan_2027()
    rng = np.random.default_rng(2027)
    rows: list[list[object]] = []
    number = 0
    for pid, planned in months.amounts_minor.iterrows():
        name = months.names[pid]
        factor = 0.2 if pid == SLOW else 1.33 if pid == AHEAD else 1.0
        function = "2050203" if "中学" in name else "2050202"
        fund = "政府性基金预算资金" if pid % 2 else "一般公共预算资金"
        for month in range(1, 10):
            amount_wan = int(planned[month]) * factor
            if amount_wan <= 0:
                continue
            # 万元 -> 元, a little off the plan, to the 分
            yuan = round(amount_wan * 10_000 * rng.uniform(0.98, 1.12), 2)
            day = int(rng.integers(5, 28))
            number += 1
            voucher = f"ZF2027{number:06d}"
            payee = f"越城建设工程有限公司（虚构）第{pid % 5 + 1}标段"
            row = [voucher, dt.datetime(2027, month, day), "区教育局", str(pid), name, function,
                   "31005", fund, payee, "工程进度款", yuan]  # fmt: skip
            if pid == 31 and month == 6:  # one voucher split over two economic classifications
                part = round(yuan * 0.1, 2)
                rows.append(row[:6] + ["31006"] + row[7:10] + [part])
                row[-1] = round(yuan - part, 2)
            rows.append(row)
    # a refund of an overpayment (a negative payment), and its voucher
    number += 1
    rows.append([f"ZF2027{number:06d}", dt.datetime(2027, 8, 18), "区教育局", "33",
                 months.names[33], "2050202", "31005", "一般公共预算资金",
                 "越城建设工程有限公司（虚构）第4标段", "退回多付工程款", -12_345.60])  # fmt: skip
    return rows


def main() -> None:
    rows = made_up_rows()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "支付明细"
    sheet.append(["越城区教育局2027年国库集中支付明细（虚构数据 MADE-UP, NOT REAL PAYMENTS）"])
    sheet.append(["单位：元"])
    sheet.append(HEADINGS)
    for row in rows:
        sheet.append(row)
    total = round(sum(row[-1] for row in rows), 2)  # type: ignore[misc]
    sheet.append(["合计", *([None] * 9), total])
    sheet.append(["制表人：（虚构）", None, None, None, "审核人：（虚构）", None, None, None,
                  "导出日期：2027-10-08"])  # fmt: skip
    for row in sheet.iter_rows(min_row=4, max_row=sheet.max_row - 2):
        row[1].number_format = "yyyy-mm-dd"
        row[-1].number_format = "#,##0.00"
    book.save(TARGET)
    print(f"wrote {TARGET.name}: {len(rows)} payments, {total:,.2f} 元")
    NEXT_PLAN.parent.mkdir(exist_ok=True)
    capex.io.write_projects(hand_over().portfolio, NEXT_PLAN)
    print(f"wrote {NEXT_PLAN.relative_to(HERE)} and its .toml")


if __name__ == "__main__":
    main()
