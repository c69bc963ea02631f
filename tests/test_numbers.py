"""Numbers as finance offices show them: years never grouped, no more decimals than the
data's smallest unit needs (and no trailing zeros beyond what a column needs), rounding on
the exact value, percentages held as shares in workbooks, the unit stated once per table."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import capex
from capex.cli import main
from capex.io.texttable import frame_text, number_text
from capex.model.money import WAN, Money

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "made_up_actuals_2018_2025.csv"
CEILINGS = {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9}
YI = re.compile(r"(\d[\d,]*)\.(\d+) ?亿元")


def most_decimals(text: str) -> int:
    """The most decimals of an amount in 亿元 written in ``text``."""
    return max((len(fraction) for _, fraction in YI.findall(text)), default=0)


@pytest.mark.parametrize("heading", ["year", "start_year", "年份", "开工年份", "peak_year"])
def test_years_are_never_grouped(heading: str) -> None:
    text = frame_text(pd.DataFrame({heading: [2018, 2030], "amount": [12_345, 6]}))
    assert "2018" in text and "2,018" not in text
    assert "12,345" in text  # an amount still is


def test_a_hand_over_table_on_the_command_line_shows_plain_years(capsys, tmp_path) -> None:
    code = main(["roll-forward", str(EXAMPLE), "--lang", "zh"])
    out = capsys.readouterr().out
    assert code == 0 and "2026" in out
    assert not re.search(r"\b2,0\d\d\b", out), out


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [(0.70995, 4, "0.7100"), (0.70985, 4, "0.7098"), (1234.5, 0, "1,234"), (-0.00004, 4, "0.0000")],
)
def test_rounding_is_on_the_decimal_value(value: float, decimals: int, shown: str) -> None:
    # f"{0.70995:.4f}" gives 0.7099: the float is a hair below the decimal it was written as
    assert number_text(value, decimals) == shown


def test_an_exact_amount_is_rounded_half_even_never_through_a_float() -> None:
    yuan = Money("CNY", "元")
    assert yuan.figure(70_995_000, "亿元", decimals=4) == "0.7100"
    assert yuan.figure(70_985_000, "亿元", decimals=4) == "0.7098"  # half to even
    assert WAN.figure(14_200, "亿元") == "1.4200"  # as many as a 万元 needs, no more
    assert yuan.figure(14_200, "万元") == "1.4200"  # a 元 is 0.0001 万元


def test_a_column_is_padded_only_as_far_as_its_amounts_need() -> None:
    yuan = Money("CNY", "元")
    assert yuan.places([40_000_000, 50_000_000], "亿元") == 1
    assert yuan.places([40_000_000, 38_222_997], "亿元") == 8
    assert WAN.places([4_000, 3_822], "亿元") == 4
    assert WAN.places([10_000], "万元") == 0


@pytest.fixture(scope="module")
def plan() -> capex.results.PlanResult:
    return capex.spread(capex.load_projects(), CEILINGS)


def test_data_kept_to_the_wan_show_at_most_four_decimals_in_yi(
    plan: capex.results.PlanResult,
) -> None:
    portfolio = capex.load_projects()
    flows = capex.cash_flow(portfolio).flows_minor
    spent = capex.Actuals.from_frame(flows.loc[:, :2025], money=portfolio.money)
    texts = [
        plan.summary(),
        capex.reconcile(portfolio).to_text(),
        capex.variance(portfolio, spent, as_of=2024).summary(),
        capex.roll_forward(portfolio, spent).summary(),
        capex.reforecast(portfolio, spent, as_of=2024, ceilings={2025: 12}).summary(),
    ]
    for text in texts:
        assert 0 < most_decimals(text) <= 4, text


def test_the_variance_table_pads_no_column_beyond_need() -> None:
    portfolio = capex.load_projects()
    yuan = capex.load_actuals(EXAMPLE)  # kept to the 元: 8 decimals in 亿元 where needed
    text = capex.variance(portfolio, yuan, as_of=2024).summary()
    rows = [line.split() for line in text.splitlines() if re.match(r"\s+20\d\d\s", line)]
    assert rows and all(len(cell.split(".")[-1]) == 8 for row in rows for cell in row[1:])
    whole = capex.Actuals.from_frame(
        capex.cash_flow(portfolio).flows_minor.loc[:, :2024] * 1000, money=portfolio.money
    )  # every amount a whole 千万元: one decimal of 亿元 is all a column needs
    text = capex.variance(portfolio, whole, portfolio=portfolio, as_of=2024).summary()
    rows = [line.split() for line in text.splitlines() if re.match(r"\s+20\d\d\s", line)]
    assert rows and max(len(cell.split(".")[-1]) for row in rows for cell in row[1:]) <= 4


def test_a_plan_states_its_unit_once_per_table(plan: capex.results.PlanResult) -> None:
    text = plan.summary()
    table = text[text.index("amounts in 亿元") :]
    header = table.splitlines()[1]
    # the shadow price is a rate per 亿元; no column repeats the table's unit
    assert "(亿元)" not in header and header.split()[:2] == ["year", "total"]
    zh = plan.summary(lang="zh")
    assert "单位：亿元" in zh and "合计（亿元）" not in zh


def test_workbook_cells_hold_numbers_and_percentages_as_shares(tmp_path: Path) -> None:
    portfolio = capex.load_projects()
    flows = capex.cash_flow(portfolio).flows_minor
    flows.loc[12, 2024] -= 3_000
    spent = capex.Actuals.from_frame(flows.loc[:, :2024], money=portfolio.money)
    report = capex.variance(portfolio, spent)
    path = report.to_excel(tmp_path / "variance.xlsx")
    sheet = openpyxl.load_workbook(path)["by year"]
    headers = [cell.value for cell in sheet[1]]
    percent = headers.index("percent") + 1
    planned = headers.index("planned (亿元)") + 1
    by_year = report.by_year("万元")
    for row, expected in enumerate(by_year.itertuples(index=False), start=2):
        amount = sheet.cell(row=row, column=planned)
        assert isinstance(amount.value, float | int) and "#,##0" in amount.number_format
        assert round(amount.value * 10_000) == expected.planned
        share = sheet.cell(row=row, column=percent)
        if pd.isna(expected.percent):
            continue
        assert share.number_format == "0.0%"
        assert share.value == pytest.approx(expected.percent / 100, abs=1e-12)
