"""Make the made-up ledgers: INVENTED actual spending for the bundled projects.

The figures are made up, to show capex's variance, re-forecast and carry-over on files shaped
like a finance office's. They start from the plan's own cash flow (uniform profile) to 2025,
in 元, and add invented departures a finance officer meets: a slipping project, one not
started, two over their totals, one finished early, one a little under its total, a refund,
and small differences to the 元 everywhere. Two files are written:

* ``made_up_actuals_2018_2025.csv``, a ledger export: one row per project and year, 2018-2025;
* ``made_up_ledger_2021_2025.xlsx``, the same figures as an office keeps its 十四五 ledger: a
  title, a 单位 row, Chinese headings, what each project spent to the end of 2020 in one
  column (截至2020年底累计完成), a column per year of 2021-2025, ``-`` where nothing was
  spent, a 合计 column and row, a status column (已完工, 在建, 未开工, 停建) and a footer.

Run it from the repository root to re-make them:

    python examples/make_made_up_actuals.py
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

import capex

HERE = Path(__file__).resolve().parent
TARGET = HERE / "made_up_actuals_2018_2025.csv"
WORKBOOK = HERE / "made_up_ledger_2021_2025.xlsx"
HEADER = """\
# MADE-UP ILLUSTRATIVE DATA: NOT REAL SPENDING. Invented for capex's examples and notebook 04.
# Actual spending of the 35 bundled Yuecheng projects as a finance office might export it,
# one row per project and year, amounts in 元. Made by examples/make_made_up_actuals.py.
"""


def made_up_actuals() -> dict[tuple[int, int], int]:
    """(project id, year) -> amount in 元, invented."""
    portfolio = capex.load_projects()
    flows = capex.cash_flow(portfolio).flows_minor.loc[:, :2025] * 10_000  # 万元 -> 元
    rng = np.random.default_rng(2025)
    # small departures to the 元, about 2 % of each year's amount, that cancel out over each
    # project's years: a project on plan still spends its planned total exactly
    noise = np.round(rng.normal(0.0, 0.02, flows.shape) * flows.to_numpy()).astype(np.int64)
    last = flows.shape[1] - 1 - np.argmax(flows.to_numpy()[:, ::-1] != 0, axis=1)
    noise[np.arange(len(noise)), last] -= noise.sum(axis=1)
    flows = flows + noise
    flows.loc[12, 2024] -= 62_345_678  # 凤林小学 slips: 0.62 亿元 of 2024 not spent
    flows.loc[13, 2024] -= 15_000_000  # 陶堰街道中心小学 slips too
    flows.loc[9, 2023] += 4_123_456  # 人民路校区改扩建 goes over its 0.8 亿元 total
    flows.loc[1, 2021] -= 1_500_000  # 凤鸣校区 finishes 0.015 亿元 under its total
    flows.loc[19, 2025] += 30_000_000  # 北海小学 goes 0.3 亿元 over its total
    flows.loc[20, 2025] += 350_000_000 - flows.loc[20].sum()  # 凤林校区 finishes a year early
    flows.loc[25, [2024, 2025]] = 0  # 湖滨中学 has not started
    flows.loc[29, 2025] -= 20_000_000  # 两湖中学 spends less in 2025
    rows = {(pid, int(year)): int(v) for (pid, year), v in flows.stack().items() if v != 0}
    rows[(3, 2022)] = -123_456  # a refund posted after 柯灵小学 closed
    return rows


# each project's status at the close of the plan, invented as the departures above are
STATUSES = {12: "在建", 13: "在建", 20: "已完工", 25: "未开工", 29: "在建", 30: "停建"}


def office_ledger(rows: dict[tuple[int, int], int]) -> Any:
    """The made-up 2021-2025 figures as an office's workbook (see the module text)."""
    from openpyxl import Workbook

    portfolio = capex.load_projects()
    years = list(range(2021, 2026))
    book = Workbook()
    sheet = book.active
    sheet.title = "十四五支出台账"
    sheet.append(["越城区“十四五”教育项目实际支出台账（虚构数据，仅作示例 MADE-UP）"])
    sheet.append(["单位：元"])
    sheet.append(
        ["序号", "项目名称", "截至2020年底累计完成", *[f"{y}年" for y in years], "合计", "状态"]
    )
    for pid in portfolio.ids:
        earlier = sum(amount for (p, y), amount in rows.items() if p == pid and y < years[0])
        amounts = [earlier] + [rows.get((int(pid), y), 0) for y in years]
        cells = [a if a else "-" for a in amounts]
        name = str(portfolio.frame.loc[pid, "name"])
        sheet.append([int(pid), name, *cells, sum(amounts), STATUSES.get(int(pid))])
    sums = [
        sum(
            r[2 + k] if r[2 + k] != "-" else 0 for r in sheet.iter_rows(min_row=4, values_only=True)
        )
        for k in range(len(years) + 1)
    ]
    sheet.append([None, "合计", *sums, sum(sums), None])
    sheet.append([])
    sheet.append(["制表人：财务科（虚构）    审核人：    填报日期：2026年1月10日"])
    return book


def main() -> None:
    rows = made_up_actuals()
    lines = [HEADER.rstrip("\n"), "id,year,amount (元)"]
    lines += [f"{pid},{year},{amount}" for (pid, year), amount in sorted(rows.items())]
    temporary = TARGET.with_name(f".{TARGET.name}.{os.getpid()}.tmp")
    temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(temporary, TARGET)
    print(f"wrote {TARGET} ({len(rows)} rows)")
    book = office_ledger(rows)
    temporary = WORKBOOK.with_name(f".{WORKBOOK.name}.{os.getpid()}.tmp")
    book.save(temporary)
    os.replace(temporary, WORKBOOK)
    print(f"wrote {WORKBOOK}")


if __name__ == "__main__":
    main()
