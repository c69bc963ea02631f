"""Make ``made_up_actuals_2018_2025.csv``: INVENTED actual spending for the bundled projects.

The figures are made up, to show capex's variance, re-forecast and carry-over on a file shaped
like a finance office's ledger export. They start from the plan's own cash flow (uniform
profile) to 2025, in 元, and add invented departures a finance officer meets: a slipping
project, one not started, two over their totals, one finished early, one a little under its
total, a refund, and
small differences to the 元 everywhere. Run it from the repository root to re-make the file:

    python examples/make_made_up_actuals.py
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

import capex

HERE = Path(__file__).resolve().parent
TARGET = HERE / "made_up_actuals_2018_2025.csv"
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


def main() -> None:
    rows = made_up_actuals()
    lines = [HEADER.rstrip("\n"), "id,year,amount (元)"]
    lines += [f"{pid},{year},{amount}" for (pid, year), amount in sorted(rows.items())]
    temporary = TARGET.with_name(f".{TARGET.name}.{os.getpid()}.tmp")
    temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(temporary, TARGET)
    print(f"wrote {TARGET} ({len(rows)} rows)")


if __name__ == "__main__":
    main()
