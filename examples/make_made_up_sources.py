"""Make the made-up funding sources and the made-up fiscal-year capital programme.

The figures are INVENTED, to show capex's funding sources and fiscal years on files shaped like
a finance office's. Two files are written:

* ``made_up_sources.csv``: where each of the 35 bundled Yuecheng projects' money comes from,
  one row per project and source, in 万元: 一般公共预算, 政府性基金预算 (其中 专项债券),
  上级补助 and 自筹. The bundled plan publishes no sources; these shares are made up (a
  government project about two fifths from the general budget, a third from the fund budget
  most of it in special bonds, a tenth from higher-level grants, the rest raised by the
  builder; a project that is not government-funded raised by its builder alone), and each
  project's sources add up to its total exactly.
* ``made_up_cip_fy2027_2031.csv``: a small US-style capital improvement programme of a made-up
  city, phased by federal fiscal year (October to September, ``FY2027`` = October 2026 -
  September 2027) in dollars and cents, with its funding sources (General Fund, GO Bonds,
  Grants) beside the years.

Run it from the repository root to re-make them:

    python examples/make_made_up_sources.py
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

import capex
from capex.model.sources import apportion

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "made_up_sources.csv"
CIP = HERE / "made_up_cip_fy2027_2031.csv"
SOURCES_HEADER = """\
# MADE-UP ILLUSTRATIVE DATA: NOT THE PLAN'S SOURCES. Invented for capex's examples and notebooks.
# Where each bundled Yuecheng project's money comes from, one row per project and source, in 万元;
# 专项债券 is part of 政府性基金预算. Made by examples/make_made_up_sources.py.
"""
CIP_HEADER = """\
# MADE-UP ILLUSTRATIVE DATA: an invented city's capital improvement programme, FY2027-FY2031.
# Federal fiscal years (October-September; FY2027 = October 2026 - September 2027). Unit: USD
# Made by examples/make_made_up_sources.py.
"""


def made_up_sources() -> pd.DataFrame:
    """A row per project and source: ``项目编号, 资金来源, 上级来源, 金额（万元）``."""
    portfolio = capex.load_projects()
    frame = portfolio.frame
    rng = np.random.default_rng(2022)
    rows = []
    for pid, project in frame.iterrows():
        total = int(project["total_minor"])  # 万元
        if not project["government_investment"]:
            rows.append((pid, "自筹", "", total))
            continue
        # general budget, fund budget (other than bonds), special bonds, grants, self-raised
        weights = np.array([40, 8, 25, 10, 17]) + rng.integers(-5, 6, size=5)
        general, fund_other, bonds, grants, own = apportion([total], weights[None, :])[0]
        for name, parent, amount in (
            ("一般公共预算", "", general),
            ("政府性基金预算", "", fund_other + bonds),
            ("专项债券", "政府性基金预算", bonds),
            ("上级补助", "", grants),
            ("自筹", "", own),
        ):
            if amount:
                rows.append((pid, name, parent, int(amount)))
    return pd.DataFrame(rows, columns=["项目编号", "资金来源", "上级来源", "金额（万元）"])


def made_up_cip() -> pd.DataFrame:
    """Eight projects of an invented city, phased by fiscal year, with their sources."""
    rng = np.random.default_rng(2027)
    names = [
        "Fire Station 7 replacement",
        "Main Library renovation",
        "Elm Street bridge rehabilitation",
        "Stormwater pump station",
        "Recreation center roof",
        "Police training facility",
        "Transit hub ADA upgrades",
        "Water main replacement, phase 2",
    ]
    years = [f"FY{y}" for y in range(2027, 2032)]
    rows = []
    for k, name in enumerate(names):
        first = k % 3
        length = 2 + (k % 3)
        cents = np.zeros(len(years), dtype=np.int64)
        for y in range(first, min(first + length, len(years))):
            cents[y] = int(rng.integers(50_000, 900_000)) * 100 + int(rng.integers(0, 100))
        total = int(cents.sum())
        split = apportion([total], np.array([[4 + k % 3, 4, 2 + k % 2]]))[0]
        row = {"Project ID": f"CIP-{101 + k}", "Project Title": name}
        row.update({year: f"{c / 100:,.2f}" if c else "-" for year, c in zip(years, cents)})
        row["Total"] = f"{total / 100:,.2f}"
        row.update(
            {
                source: f"{amount / 100:,.2f}" if amount else "-"
                for source, amount in zip(("General Fund", "GO Bonds", "Grants"), split)
            }
        )
        rows.append(row)
    return pd.DataFrame(rows)


def _write(path: Path, header: str, table: pd.DataFrame) -> None:
    text = header + table.to_csv(index=False, lineterminator="\n")
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


if __name__ == "__main__":
    _write(SOURCES, SOURCES_HEADER, made_up_sources())
    _write(CIP, CIP_HEADER, made_up_cip())
    print(f"wrote {SOURCES.name} and {CIP.name}")
