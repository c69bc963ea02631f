"""Loading and validation: one broken CSV per rule, the caller's data untouched, round trips."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import tiny_frame
from hypothesis import given, settings
from hypothesis import strategies as st

import capex
from capex.model.money import WAN

HEADER = "id,name,start_year,end_year,street,total_investment,plan_investment,builder,government_investment"
GOOD_ROWS = [
    "1,甲小学,2020,2021,东街,1.0,0.6,甲,yes",
    "2,乙中学,2021,2023,西街,3.0,3.0,乙,yes",
    "3,丙幼儿园,2022,2023,东街,0.6,0.6,丙,no",
]
METADATA = (
    'plan_period = [2021, 2023]\n[published]\ntotal_investment = "4.6"\nplan_investment = "4.2"\n'
)


def write_table(
    folder: Path, rows: list[str], header: str = HEADER, *, encoding: str = "utf-8"
) -> Path:
    path = folder / "projects.csv"
    path.write_bytes(("\n".join([header, *rows]) + "\n").encode(encoding))
    path.with_suffix(".toml").write_text(METADATA, encoding="utf-8")
    return path


def test_a_good_table_loads(tmp_path: Path) -> None:
    portfolio = capex.load_projects(write_table(tmp_path, GOOD_ROWS))
    assert len(portfolio) == 3
    assert portfolio.plan_period == (2021, 2023)
    assert portfolio.frame["total_minor"].tolist() == [10_000, 30_000, 6_000]
    assert portfolio.published == capex.model.portfolio.PublishedTotals(46_000, 42_000)


def _replace(
    row: int, column: str, value: str
) -> Callable[[list[str], str], tuple[list[str], str]]:
    position = HEADER.split(",").index(column)

    def change(rows: list[str], header: str) -> tuple[list[str], str]:
        cells = rows[row - 1].split(",")
        cells[position] = value
        rows = list(rows)
        rows[row - 1] = ",".join(cells)
        return rows, header

    return change


def _drop_column(column: str) -> Callable[[list[str], str], tuple[list[str], str]]:
    position = HEADER.split(",").index(column)

    def change(rows: list[str], header: str) -> tuple[list[str], str]:
        def drop(line: str) -> str:
            cells = line.split(",")
            del cells[position]
            return ",".join(cells)

        return [drop(r) for r in rows], drop(header)

    return change


def _misses_the_plan_period(rows: list[str], header: str) -> tuple[list[str], str]:
    # project 3 moved to 2024-2025, after the 2021-2023 plan, while keeping 0.6 亿元 of plan money
    rows, header = _replace(3, "start_year", "2024")(rows, header)
    return _replace(3, "end_year", "2025")(rows, header)


# (rule, change to the good table, row named, column named, value named, words of the problem)
BROKEN = [
    ("missing column", _drop_column("plan_investment"), None, "plan_investment", None, "missing"),
    (
        "non-numeric amount",
        _replace(2, "total_investment", "三亿"),
        2,
        "total_investment",
        "三亿",
        "not an amount",
    ),
    (
        "negative amount",
        _replace(3, "plan_investment", "-0.6"),
        3,
        "plan_investment",
        "-0.6",
        "negative",
    ),
    (
        "plan above total",
        _replace(1, "plan_investment", "1.2"),
        1,
        "plan_investment",
        "1.2",
        "above total",
    ),
    (
        "end before start",
        _replace(2, "end_year", "2020"),
        2,
        "end_year",
        "2020",
        "before start_year",
    ),
    ("duplicate id", _replace(3, "id", "1"), 3, "id", "1", "duplicate id"),
    (
        "window misses the plan period",
        _misses_the_plan_period,
        3,
        "plan_investment",
        "0.6",
        "outside the plan period",
    ),
    ("not a year", _replace(1, "start_year", "2020.5"), 1, "start_year", "2020.5", "whole number"),
    ("year out of bounds", _replace(2, "end_year", "20226"), 2, "end_year", "20226", "not a year"),
    ("year far out", _replace(2, "end_year", "-1e9"), 2, "end_year", "-1e9", "not a year"),
    (
        "amount of 1e400",
        _replace(2, "total_investment", "1e400"),
        2,
        "total_investment",
        "1e400",
        "too large to hold exactly",
    ),
    (
        "amount past int64",
        _replace(2, "total_investment", "99999999999999999999"),
        2,
        "total_investment",
        "99999999999999999999",
        "too large",
    ),
    (
        "control character in a name",
        _replace(2, "name", "乙\x07中学"),
        2,
        "name",
        "乙\x07中学",
        "control character",
    ),
    (
        "finer than 1 分",
        _replace(2, "total_investment", "3.00000000001"),
        2,
        "total_investment",
        "3.00000000001",
        "finer",
    ),
    (
        "bad yes/no",
        _replace(1, "government_investment", "maybe"),
        1,
        "government_investment",
        "maybe",
        "yes or no",
    ),
]


@pytest.mark.parametrize(
    ("rule", "change", "row", "column", "value", "words"), BROKEN, ids=[b[0] for b in BROKEN]
)
def test_each_broken_table_names_file_row_column_and_value(
    tmp_path: Path,
    rule: str,
    change: Callable,
    row: int | None,
    column: str,
    value: str | None,
    words: str,
) -> None:
    rows, header = change(GOOD_ROWS, HEADER)
    path = write_table(tmp_path, rows, header)
    with pytest.raises(capex.DataError) as caught:
        capex.load_projects(path)
    error = caught.value
    message = str(error)
    assert str(path) in message and error.source == str(path)
    assert f"column '{column}'" in message and error.column == column
    if row is not None:
        assert f"row {row}" in message and error.row == row
    if value is not None:
        assert repr(value) in message
    assert words in message


def test_unreadable_encoding_names_file_row_and_column(tmp_path: Path) -> None:
    # a table saved by Chinese Excel (GBK) read as UTF-8: the first Chinese cell is row 1, name
    path = write_table(tmp_path, GOOD_ROWS, encoding="gbk")
    with pytest.raises(capex.DataError) as caught:
        capex.load_projects(path)
    message = str(caught.value)
    assert str(path) in message
    assert caught.value.row == 1 and "row 1" in message
    assert caught.value.column == "name" and "column 'name'" in message
    assert "not valid utf-8" in message and "gb18030" in message
    # and with the encoding named, the same file loads
    assert len(capex.load_projects(path, encoding="gb18030")) == 3


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"", "empty"), (b'id,name\n1,"unterminated\n', "not a well-formed CSV")],
    ids=["empty file", "malformed"],
)
def test_other_unreadable_files_raise_data_error(
    tmp_path: Path, content: bytes, words: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(capex.DataError, match=words):
        capex.load_projects(path, plan_period=(2021, 2025))


def test_a_missing_file_raises_data_error(tmp_path: Path) -> None:
    with pytest.raises(capex.DataError, match="cannot read"):
        capex.load_projects(tmp_path / "nowhere.csv")


def test_a_dataframe_needs_a_plan_period() -> None:
    with pytest.raises(capex.DataError, match="plan period"):
        capex.load_projects(tiny_frame())


def test_the_callers_dataframe_is_never_modified() -> None:
    frame = tiny_frame()
    frame.attrs["note"] = "mine"
    before = frame.copy(deep=True)
    portfolio = capex.load_projects(frame, plan_period=(2021, 2023))
    pd.testing.assert_frame_equal(frame, before)
    assert frame.attrs == {"note": "mine"}
    # nor does the portfolio share memory with it, or hand out its own table
    handed_out = portfolio.frame
    handed_out.loc[1, "name"] = "changed"
    assert portfolio.frame.loc[1, "name"] == "甲小学"


def test_the_callers_dataframe_errors_name_the_dataframe() -> None:
    frame = tiny_frame()
    frame.loc[2, "plan_investment"] = "0.8"  # the third row, id 3: 0.8 of 0.6
    with pytest.raises(capex.DataError) as caught:
        capex.load_projects(frame, plan_period=(2021, 2023))
    assert "<DataFrame>" in str(caught.value)
    assert caught.value.row == 3 and caught.value.column == "plan_investment"


def test_the_bundled_portfolio(yuecheng: capex.Portfolio) -> None:
    frame = yuecheng.frame
    assert list(frame.index) == list(range(1, 36)) and frame.index.name == "id"
    assert yuecheng.plan_period == (2021, 2025)
    assert yuecheng.plan_years == [2021, 2022, 2023, 2024, 2025]
    assert yuecheng.years == list(range(2018, 2028))  # project 1 starts 2018; 31, 33-35 end 2027
    assert frame.loc[18, "government_investment"] == False
    assert frame["government_investment"].sum() == 34


# -- round trips ------------------------------------------------------------------------
@st.composite
def portfolios(draw: st.DrawFn) -> capex.Portfolio:
    """Small valid portfolios over a 2021-2025 plan, amounts down to the 万元."""
    n = draw(st.integers(1, 6))
    rows = []
    for i in range(n):
        start = draw(st.integers(2017, 2029))
        end = start + draw(st.integers(0, 4))
        total = draw(st.integers(0, 2_000_000))
        meets_plan = start <= 2025 and end >= 2021
        plan = draw(st.integers(0, total)) if meets_plan else 0
        rows.append(
            {
                "id": i + 1,
                "name": draw(st.sampled_from(["甲小学", "乙中学", "Ding School", "丙, 幼儿园"])),
                "start_year": start,
                "end_year": end,
                "total_investment": WAN.text(total),
                "plan_investment": WAN.text(plan),
                "government_investment": draw(st.sampled_from(["yes", "no", "是", "否"])),
                "site_area_m2": draw(st.sampled_from(["", "23335", "372703.8"])),
            }
        )
    published = {
        "total_investment": draw(st.sampled_from(["77.8", "0.0001"])),
        "plan_investment": "0",
    }
    return capex.load_projects(
        pd.DataFrame(rows), plan_period=(2021, 2025), published=published, name="t"
    )


@pytest.mark.slow
@given(portfolio=portfolios())
def test_amounts_survive_a_save_and_load_exactly(portfolio: capex.Portfolio) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = capex.io.write_projects(portfolio, Path(folder) / "saved.csv")
        loaded = capex.load_projects(path)
    original, again = portfolio.frame, loaded.frame
    np.testing.assert_array_equal(
        again["total_minor"].to_numpy(), original["total_minor"].to_numpy()
    )
    np.testing.assert_array_equal(again["plan_minor"].to_numpy(), original["plan_minor"].to_numpy())
    pd.testing.assert_frame_equal(again, original)
    assert loaded.published == portfolio.published
    assert loaded.plan_period == portfolio.plan_period and loaded.name == portfolio.name


def test_the_bundled_portfolio_survives_a_save_and_load(
    yuecheng: capex.Portfolio, tmp_path: Path
) -> None:
    loaded = capex.load_projects(capex.io.write_projects(yuecheng, tmp_path / "copy.csv"))
    pd.testing.assert_frame_equal(loaded.frame, yuecheng.frame)
    assert (loaded.total_minor, loaded.plan_minor) == (778_000, 483_900)


def test_a_portfolio_frame_loads_back_as_the_same_portfolio(yuecheng: capex.Portfolio) -> None:
    # frame() holds 万元 (total_minor); loading it with amount_unit="万元" gives the same table
    again = capex.load_projects(yuecheng.frame, plan_period=(2021, 2025), amount_unit="万元")
    pd.testing.assert_frame_equal(again.frame, yuecheng.frame)


def test_subset_and_replace_keep_the_original(yuecheng: capex.Portfolio) -> None:
    part = yuecheng.subset([1, 2])
    assert len(part) == 2 and part.published is None and len(yuecheng) == 35
    moved = yuecheng.replace(name="copy")
    assert moved.name == "copy" and yuecheng.name != "copy"
    with pytest.raises(capex.DataError, match="no such project"):
        yuecheng.subset([99])


# ---------------------------------------------------------------------------------------
# editing a project: replace() edits data, a scenario moves money
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("view", ["frame", "to_frame", "to_frame in 万元"])
def test_replace_takes_the_portfolios_own_tables(yuecheng: capex.Portfolio, view: str) -> None:
    if view == "frame":
        table = yuecheng.frame
    else:
        table = yuecheng.to_frame("万元" if view.endswith("万元") else None)
    again = yuecheng.replace(frame=table)
    pd.testing.assert_frame_equal(again.frame, yuecheng.frame)


def test_a_bad_table_given_to_replace_is_blamed_not_the_file(yuecheng: capex.Portfolio) -> None:
    table = yuecheng.to_frame()
    table.loc[3, "total_investment"] = 1.23456  # finer than the 万元
    with pytest.raises(capex.DataError) as error:
        yuecheng.replace(frame=table)
    assert "Portfolio.replace" in str(error.value) and yuecheng.source not in str(error.value)
    assert error.value.row == 3 and error.value.column == "total_investment"


def test_moving_a_window_by_replace_points_to_the_scenario(yuecheng: capex.Portfolio) -> None:
    table = yuecheng.frame
    table.loc[19, ["start_year", "end_year"]] = [2024, 2026]
    with pytest.raises(capex.DataError, match=r"Scenario\('later', shifts=\{19: 1\}\)") as error:
        yuecheng.replace(frame=table)
    assert error.value.project_id == 19 and "keep_amounts=True" in str(error.value)
    # the scenario moves the money with the window: a third of project 19 leaves the plan
    moved = capex.Scenario("later", shifts={19: 1}).apply(yuecheng)
    assert moved.frame.at[19, "plan_minor"] == 23_334
    # a correction of the data keeps the amounts as written, when asked to
    corrected = yuecheng.replace(frame=table, keep_amounts=True)
    assert corrected.frame.at[19, "start_year"] == 2024
    assert corrected.frame.at[19, "plan_minor"] == 35_000
    # a window made longer is an edit, taken as written
    longer = yuecheng.frame
    longer.loc[19, "end_year"] = 2026
    assert yuecheng.replace(frame=longer).frame.at[19, "end_year"] == 2026


# ---------------------------------------------------------------------------------------
# money below the 万元 and other currencies
# ---------------------------------------------------------------------------------------
def _bundled_in(unit: str, scale: int, decimals: int) -> pd.DataFrame:
    """The bundled table with its amounts rewritten in ``unit`` (``scale`` of them per 亿元)."""
    frame = pd.read_csv(capex.io.projects.BUNDLED_CSV, dtype=str, keep_default_na=False)
    for column in ("total_investment", "plan_investment"):
        frame[column] = [
            f"{capex.model.money.WAN.to_decimal(capex.model.money.WAN.to_minor(v)) * scale:.{decimals}f}"
            for v in frame[column]
        ]
    return frame


@pytest.mark.parametrize(
    ("unit", "scale", "decimals", "published"),
    [
        ("万元", 10_000, 2, ("778000.00", "483900.00")),
        ("元", 100_000_000, 0, ("7780000000", "4839000000")),
    ],
    ids=["万元 with two decimals", "元"],
)
def test_the_same_plan_in_another_unit_loads_to_the_same_portfolio(
    yuecheng: capex.Portfolio, unit: str, scale: int, decimals: int, published: tuple[str, str]
) -> None:
    other = capex.load_projects(
        _bundled_in(unit, scale, decimals),
        plan_period=(2021, 2025),
        amount_unit=unit,
        published={"total_investment": published[0], "plan_investment": published[1]},
    )
    assert other.money == yuecheng.money == WAN
    pd.testing.assert_frame_equal(other.frame, yuecheng.frame)
    assert other.published == yuecheng.published
    report = capex.reconcile(other)
    assert report.reconciles
    assert report.totals["computed"].iloc[:2].tolist() == [77.8, 48.39]


def test_amounts_to_the_fen_load_exactly_and_round_trip(tmp_path: Path) -> None:
    frame = tiny_frame()
    frame["total_investment"] = ["1000000.01", "3000000.00", "600000.10", "2000000"]
    frame["plan_investment"] = ["600000.01", "3000000.00", "600000.10", "1000000"]
    portfolio = capex.load_projects(
        frame,
        plan_period=(2021, 2023),
        amount_unit="元",
        published={"total_investment": "6600000.11", "plan_investment": "5200000.11"},
    )
    assert portfolio.money == capex.Money("CNY", "分")
    assert portfolio.frame["total_minor"].tolist() == [
        100_000_001,
        300_000_000,
        60_000_010,
        200_000_000,
    ]
    assert capex.reconcile(portfolio).reconciles
    assert portfolio.to_frame("元")["total_investment"].tolist() == pytest.approx(
        [1000000.01, 3000000.0, 600000.10, 2000000.0]
    )
    again = capex.load_projects(capex.io.write_projects(portfolio, tmp_path / "fen.csv"))
    assert again.money == portfolio.money
    pd.testing.assert_frame_equal(again.frame, portfolio.frame)
    assert again.published == portfolio.published


def test_a_programme_in_dollars_and_cents_reconciles_to_the_cent() -> None:
    frame = tiny_frame()
    frame["total_investment"] = ["1250000.25", "3000000.10", "600000.05", "2000000"]
    frame["plan_investment"] = ["600000.20", "3000000.10", "600000.05", "1000000"]
    portfolio = capex.load_projects(
        frame,
        plan_period=(2021, 2023),
        amount_unit="USD",
        published={"total_investment": "6850000.40", "plan_investment": "5200000.35"},
    )
    assert portfolio.money == capex.Money("USD", "cent")
    assert portfolio.money.display_unit == "USD"
    report = capex.reconcile(portfolio)
    assert report.reconciles
    assert "6850000.4 USD" in repr(portfolio)
    assert capex.cash_flow(portfolio).flows_minor.to_numpy().sum() == portfolio.total_minor


def test_a_stated_minor_unit_refuses_finer_amounts_by_row() -> None:
    frame = tiny_frame()
    frame.loc[1, "total_investment"] = "3.00001"
    with pytest.raises(capex.DataError, match=r"row 2.*total_investment.*finer than 1 万元"):
        capex.load_projects(frame, plan_period=(2021, 2023), minor_unit="万元")


def test_an_unknown_unit_or_currency_is_a_data_error() -> None:
    with pytest.raises(capex.DataError, match="unknown unit"):
        capex.load_projects(tiny_frame(), plan_period=(2021, 2023), amount_unit="两")
    with pytest.raises(capex.DataError, match="unknown currency"):
        capex.load_projects(tiny_frame(), plan_period=(2021, 2023), currency="XYZ")


@st.composite
def programmes_in_yuan(draw: st.DrawFn) -> pd.DataFrame:
    """Small programmes with amounts in 元 with two decimals (to the 分)."""
    rows = []
    for i in range(draw(st.integers(1, 6))):
        start = draw(st.integers(2018, 2027))
        end = start + draw(st.integers(0, 4))
        total = draw(st.integers(0, 10**11))  # in 分: up to a billion 元 a project
        meets_plan = start <= 2025 and end >= 2021
        plan = draw(st.integers(0, total)) if meets_plan else 0
        rows.append(
            {
                "id": i + 1,
                "name": f"项目{i + 1}",
                "start_year": start,
                "end_year": end,
                "total_investment": f"{Decimal(total) / 100:.2f}",
                "plan_investment": f"{Decimal(plan) / 100:.2f}",
            }
        )
    return pd.DataFrame(rows)


@pytest.mark.slow
@settings(max_examples=25)
@given(table=programmes_in_yuan())
def test_amounts_in_yuan_to_the_fen_add_up_exactly_through_the_whole_chain(
    table: pd.DataFrame,
) -> None:
    written_total = sum(Decimal(v) for v in table["total_investment"])
    written_plan = sum(Decimal(v) for v in table["plan_investment"])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "projects.csv"
        table.to_csv(path, index=False)
        portfolio = capex.load_projects(path, plan_period=(2021, 2025), amount_unit="元")
        money = portfolio.money
        assert money.to_decimal(portfolio.total_minor, "元") == written_total
        assert money.to_decimal(portfolio.plan_minor, "元") == written_plan

        flows = capex.cash_flow(portfolio).flows_minor
        assert (flows.sum(axis=1) == portfolio.frame["total_minor"]).all()

        plan = capex.spread(portfolio, ceilings=None)
        schedule = plan.schedule_minor
        assert (schedule.sum(axis=1) == portfolio.frame["plan_minor"]).all()
        assert money.to_decimal(int(schedule.to_numpy().sum()), "元") == written_plan

        # the exports say the same amounts, to the 分: exact text in CSV, numbers in Excel
        (schedule_csv, *_) = capex.to_csv(plan, Path(folder) / "plan.csv")
        exported = pd.read_csv(schedule_csv, dtype=str, keep_default_na=False)
        years = [c for c in exported.columns if c[:4].isdigit()]  # "2021 (亿元)"
        cells = [Decimal(v) for c in years for v in exported[c].iloc[:-1]]
        assert sum(cells) * money.per("亿元") == money.to_minor(written_plan, "元")
        workbook = capex.to_excel(plan, Path(folder) / "plan.xlsx")
        again = capex.load_phased(workbook, unit=money.display_unit)
        assert again.flows_minor.to_numpy().tolist() == schedule.to_numpy().tolist()


def test_amounts_that_add_up_past_what_can_be_held_are_an_error() -> None:
    # each amount fits (3e14 亿元 is 3e18 万元, below 2**62), their sum does not
    frame = tiny_frame().iloc[:2].copy()
    frame["total_investment"] = ["300000000000000", "300000000000000"]
    frame["plan_investment"] = ["0", "0"]
    with pytest.raises(capex.DataError, match="column 'total_investment'.*add up to more"):
        capex.load_projects(frame, plan_period=(2021, 2023))


def test_arrays_with_years_out_of_bounds_are_refused() -> None:
    with pytest.raises(capex.DataError, match=r"row 2, column 'end_year'.*20226"):
        capex.Portfolio.from_arrays(
            start_year=np.array([2021, 2021]),
            end_year=np.array([2022, 20226]),
            total_minor=np.array([1, 1]),
            plan_minor=np.array([1, 1]),
            plan_period=(2021, 2025),
        )


def test_a_dash_for_plan_investment_is_none_in_the_plan_period():
    frame = pd.DataFrame(
        {
            "id": [1, 2],
            "name": ["甲", "乙"],
            "start_year": [2026, 2019],
            "end_year": [2027, 2020],
            "total_investment": ["1", "2"],
            "plan_investment": ["-", "—"],
        }
    )
    portfolio = capex.load_projects(frame, plan_period=(2021, 2025))
    assert portfolio.frame["plan_minor"].tolist() == [0, 0]
    with pytest.raises(capex.DataError, match="the amount is empty"):
        capex.load_projects(frame.assign(plan_investment=["", "0"]), plan_period=(2021, 2025))
