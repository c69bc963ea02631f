"""Actual spending: long and wide tables, CSV, Excel and DataFrames, exact units, clear errors."""

from __future__ import annotations

import doctest
import importlib
import os
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import capex
from capex.errors import DataError
from capex.io.actuals import load_actuals
from capex.model.actuals import Actuals
from capex.model.money import (
    WAN,
    AmountOverflowError,
    Money,
    comparison_money,
    format_amounts,
    rescale,
)

LONG = "id,year,amount\n1,2021,0.3\n2,2021,1.42\n2,2022,0.5\n"


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def test_docstring_example_runs():
    module = importlib.import_module("capex.model.actuals")
    failures, attempted = doctest.testmod(module, verbose=False)
    assert attempted > 0 and failures == 0


# ---------------------------------------------------------------------------------------
# reading
# ---------------------------------------------------------------------------------------
def test_amounts_below_the_wan_choose_a_finer_unit_and_keep_every_digit(tmp_path):
    actuals = load_actuals(write(tmp_path / "a.csv", LONG))
    assert actuals.unit == "万元"  # no unit named: 万元
    # 0.3 万元 is 3,000 元: kept to the 元, never rounded to 0
    assert actuals.money.unit == "元"
    assert actuals.frame["amount_minor"].tolist() == [3_000, 14_200, 5_000]
    assert actuals.to_frame("万元").loc[2, 2021] == pytest.approx(1.42)


def test_unit_from_the_heading_and_comment_lines_before_it(tmp_path):
    text = '# made-up figures\n# second comment\n\n序号,年份,实际支出（元）\n7,2021年,"12,345.67"\n'
    actuals = load_actuals(write(tmp_path / "a.csv", text))
    assert actuals.unit == "元"
    assert actuals.money.unit == "分"
    assert actuals.frame["amount_minor"].tolist() == [1_234_567]
    assert actuals.frame["year"].tolist() == [2021]


def test_wide_table_reads_like_the_long_one(tmp_path):
    wide = "id,name,2021,2022年\n1,甲,0.3,\n2,乙,1.42,0.5\n"
    long = load_actuals(write(tmp_path / "long.csv", LONG))
    other = load_actuals(write(tmp_path / "wide.csv", wide))
    pd.testing.assert_frame_equal(long.to_frame(), other.to_frame())


def test_excel_long_and_wide_and_sheet_choice(tmp_path):
    path = tmp_path / "a.xlsx"
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame({"note": ["x"]}).to_excel(writer, sheet_name="cover", index=False)
        pd.DataFrame(
            {"id": [1, 2, 2], "year": [2021, 2021, 2022], "amount (元)": [3000, 14200, 5000.5]}
        ).to_excel(writer, sheet_name="long", index=False)
        pd.DataFrame({"项目编号": [1, 2], 2021: [3000, 14200], 2022: [None, 5000.5]}).to_excel(
            writer, sheet_name="wide", index=False
        )
    long = load_actuals(path, sheet="long")
    wide = load_actuals(path, sheet=2, unit="元")
    assert long.money.unit == "分"  # 5000.5 元 needs the 分 (capex counts in 万元, 元 or 分)
    pd.testing.assert_frame_equal(long.to_frame(), wide.to_frame())
    assert long.to_frame("元").loc[2, 2022] == pytest.approx(5000.5)


def test_a_finance_office_workbook_reads_through_the_shared_reader(tmp_path):
    # a title and a note of the unit above the headings, the years under a merged heading, a
    # formula with its saved value, a totals column the actuals do not read
    from openpyxl import Workbook

    path = tmp_path / "决算.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.title = "实际支出"
    sheet.append(["越城区教育项目实际支出"])
    sheet.append(["单位：元"])
    sheet.append(["项目编号", "项目名称", "分年度实际支出", None, "合计"])
    sheet.merge_cells("C3:D3")
    sheet.append([None, None, "2021年", "2022年", None])
    sheet.merge_cells("A3:A4")
    sheet.merge_cells("B3:B4")
    sheet.merge_cells("E3:E4")
    sheet.append([7, "甲", "12345.67", 100, "=C5+D5"])
    sheet.append([9, "乙", None, 2500, 2500])
    book.save(path)
    actuals = load_actuals(path)
    assert actuals.unit == "元" and actuals.money.unit == "分"
    assert actuals.source == f"{path}, sheet 实际支出"
    assert actuals.frame[["id", "year", "amount_minor"]].values.tolist() == [
        [7, 2021, 1_234_567],
        [7, 2022, 10_000],
        [9, 2022, 250_000],
    ]
    assert actuals.frame["where"].tolist() == ["cell C5", "cell D5", "cell D6"]


def test_a_year_cell_written_as_a_date_is_its_year(tmp_path):
    import datetime as dt

    path = tmp_path / "a.xlsx"
    pd.DataFrame({"id": [1], "年度": [dt.datetime(2023, 1, 1)], "金额（万元）": [2]}).to_excel(
        path, index=False
    )
    assert load_actuals(path).frame["year"].tolist() == [2023]


def test_a_dataframe_is_read_and_left_as_it_was():
    frame = pd.DataFrame({"id": [3, 3], "year": [2022, 2023], "amount": [1.25, 0.75]})
    before = frame.copy()
    actuals = load_actuals(frame, unit="亿元")
    pd.testing.assert_frame_equal(frame, before)
    assert actuals.frame["amount_minor"].tolist() == [12_500, 7_500]
    assert actuals.money.unit == "万元"


def test_usd_actuals_count_in_cents():
    actuals = load_actuals(
        pd.DataFrame({"id": [1], "year": [2021], "amount": ["10.05"]}), unit="USD"
    )
    assert actuals.money == Money("USD", "cent")
    assert actuals.frame["amount_minor"].tolist() == [1005]


def test_negative_amounts_are_kept_for_the_findings():
    actuals = load_actuals(
        pd.DataFrame({"id": [1], "year": [2021], "amount": ["-0.1"]}), unit="万元"
    )
    assert actuals.frame["amount_minor"].tolist() == [-1_000]


def test_from_frame_and_matrix_round_trip(yuecheng):
    flows = capex.cash_flow(yuecheng).flows_minor
    actuals = Actuals.from_frame(flows, money=yuecheng.money)
    again = actuals.matrix(flows.index, flows.columns, yuecheng.money)
    assert np.array_equal(again, flows.to_numpy())
    assert actuals.total_minor == yuecheng.total_minor
    # in a finer unit, exactly ten thousand times larger
    assert np.array_equal(
        actuals.matrix(flows.index, flows.columns, Money.of("元")), again * 10_000
    )


# ---------------------------------------------------------------------------------------
# bad files: errors that name the cell
# ---------------------------------------------------------------------------------------
BAD_CSV = [
    ("year,amount\n2021,1\n", "no id column"),
    ("id,amount\n1,1\n", "neither a long table"),
    ("id,year,amount\n1,2021,abc\n", "a.csv, row 1, column 'amount', value 'abc': not an amount"),
    (
        "id,year,amount\n1,2021,1\n1,2021,2\n",
        "project 1 has two amounts for 2021 (row 1 and row 2)",
    ),
    ("id,year,amount\n1,2021,\n", "the amount is empty"),
    ("id,year,amount\n1,twenty,1\n", "not a year"),
    ("id,year,amount\n1,2021.5,1\n", "not a year"),
    ("id,year,amount\n,2021,1\n", "the project id is empty"),
    ("id,year,amount\n1,2021,3,5\n", "the row has 4 values but there are 3 headings"),
    ("id,year,amount\n1,2021,0.0000001\n", "finer than 1 分"),
    ("id,2021 (元),2022 (万元)\n1,1,1\n", "the headings name different units"),
    ("id,year,amount (marks)\n1,2021,1\n", "unknown unit 'marks'"),
    ("id,序号,year,amount\n1,1,2021,1\n", "the headings 'id' and '序号' both give the id"),
    ("# only a comment\n", "no id column"),
    ("id,year,amount,amount\n1,2021,1,2\n", "columns #3 and #4 have the same heading"),
    ("id,year,amount\n1,2021,1e999\n", "too large to hold exactly"),
]


@pytest.mark.parametrize(("text", "message"), BAD_CSV, ids=[m for _, m in BAD_CSV])
def test_bad_csv_files_name_the_problem(tmp_path, text, message):
    path = write(tmp_path / "a.csv", text)
    with pytest.raises(DataError) as caught:
        load_actuals(path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_non_numeric_cell_in_excel_names_sheet_and_cell(tmp_path):
    path = tmp_path / "bad.xlsx"
    pd.DataFrame({"id": [1, 2], "year": [2021, 2021], "amount": [1, "n/a"]}).to_excel(
        path, sheet_name="spent", index=False
    )
    with pytest.raises(DataError) as caught:
        load_actuals(path)
    text = str(caught.value)
    assert "bad.xlsx, sheet spent, cell C3 (column 'amount'), value 'n/a': not an amount" in text


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"sheet": "nope"}, "value 'nope': no such sheet; the workbook has Sheet1"),
        ({"sheet": 5}, "there is no sheet number 6"),
    ],
)
def test_bad_sheet_choice(tmp_path, kwargs, message):
    path = tmp_path / "a.xlsx"
    pd.DataFrame({"id": [1], "year": [2021], "amount": [1]}).to_excel(path, index=False)
    with pytest.raises(DataError, match=message):
        load_actuals(path, **kwargs)


def test_unreadable_files(tmp_path):
    with pytest.raises(DataError, match="cannot read the file: No such file"):
        load_actuals(tmp_path / "missing.csv")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(DataError, match="not a readable Excel workbook"):
        load_actuals(broken)
    gbk = write(tmp_path / "gbk.csv", "序号,年份,金额\n1,2021,1\n", encoding="gb18030")
    with pytest.raises(DataError, match="encoding='gb18030'"):
        load_actuals(gbk)
    assert load_actuals(gbk, encoding="gb18030").frame["amount_minor"].tolist() == [1]
    with pytest.raises(DataError, match="a CSV file has no sheets"):
        load_actuals(gbk, sheet="x", encoding="gb18030")


def test_the_users_file_is_never_written(tmp_path, yuecheng):
    path = write(tmp_path / "a.csv", "id,year,amount (元)\n1,2021,3000\n2,2022,-5\n99,2021,1\n")
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    actuals = load_actuals(path)
    with pytest.raises(DataError):
        actuals.check(yuecheng)
    after = (path.read_bytes(), os.stat(path).st_mtime_ns)
    assert before == after
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]


# ---------------------------------------------------------------------------------------
# against a portfolio: errors and findings
# ---------------------------------------------------------------------------------------
def test_unknown_id_is_an_error_naming_the_row(tmp_path, yuecheng):
    path = write(tmp_path / "a.csv", "id,year,amount\n1,2021,1\n36,2021,1\n")
    with pytest.raises(DataError) as caught:
        load_actuals(path).check(yuecheng)
    assert "a.csv, row 2, column 'id', value 36: project id 36 is not in" in str(caught.value)


def test_text_ids_match_a_portfolios_integer_ids(yuecheng):
    actuals = load_actuals(pd.DataFrame({"id": ["7"], "year": ["2021"], "amount": ["1"]}))
    assert actuals.for_portfolio(yuecheng).frame["id"].tolist() == [7]


def test_findings_outside_window_refund_and_above_total(tiny):
    # project 1: window 2020-2021, total 1 亿元; project 3: 2022-2023, total 0.6 亿元
    actuals = load_actuals(
        pd.DataFrame(
            {
                "id": [1, 1, 3, 3],
                "year": [2021, 2022, 2022, 2023],
                "amount": ["1.1", "0.05", "-0.01", "0.2"],
            }
        ),
        unit="亿元",
    )
    findings = actuals.check(tiny)
    assert sorted(findings["rule"]) == ["above_total", "outside_window", "refund"]
    row = findings.set_index("rule").loc["above_total"]
    assert row["project_id"] == 1
    assert "1.15 亿元" in row["message"] and "0.15 亿元" in row["message"]
    assert "2022" in findings.set_index("rule").loc["outside_window", "message"]
    zh = actuals.check(tiny, lang="zh")
    assert "超支" in zh.set_index("rule").loc["above_total", "message"]


# ---------------------------------------------------------------------------------------
# comparing units
# ---------------------------------------------------------------------------------------
def test_comparison_money_is_the_finer_unit():
    assert comparison_money(WAN, Money.of("元")).unit == "元"
    assert comparison_money(Money.of("分"), WAN).unit == "分"
    assert comparison_money(WAN, Money.of("元")).display_unit == "亿元"
    with pytest.raises(DataError, match="different currencies"):
        comparison_money(WAN, Money("USD"))


def test_rescale_is_exact_and_refuses_to_round_or_overflow():
    assert rescale([1, -2], WAN, Money.of("元")).tolist() == [10_000, -20_000]
    with pytest.raises(ValueError, match="finer unit"):
        rescale([1], Money.of("元"), WAN)
    with pytest.raises(AmountOverflowError):
        rescale([2**60], WAN, Money.of("分"))


@given(st.integers(-(10**15), 10**15), st.sampled_from(["万元", "元", "分"]))
def test_format_amounts_says_what_money_format_says(amount, unit):
    money = Money.of(unit)
    assert format_amounts(money, [amount]) == [money.format(amount)]
    usd = Money("USD", "cent")
    assert format_amounts(usd, [amount]) == [usd.format(amount)]


# ---------------------------------------------------------------------------------------
# what a ledger covers
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "years", "coverage"),
    [
        # a wide ledger covers its columns, a column of dashes included
        ("id,2021,2022,2023\n1,5,-,-\n", None, capex.model.coverage.Coverage(2021, 2023)),
        # a long one, its first to its last row; years= says more
        ("id,year,amount\n1,2022,5\n1,2023,1\n", None, capex.model.coverage.Coverage(2022, 2023)),
        (
            "id,year,amount\n1,2022,5\n",
            (2021, 2025),
            capex.model.coverage.Coverage(2021, 2025, stated=True),
        ),
        # a column of every year before the others, and a part year at the end
        (
            "id,2020年及以前,2021,2022\n1,9,5,1\n",
            None,
            capex.model.coverage.Coverage(2021, 2022, opening=True),
        ),
        (
            "id,2021,2022,2023年1-6月\n1,5,1,2\n",
            None,
            capex.model.coverage.Coverage(2021, 2023, last_month=6),
        ),
        (
            "id,2021年1-6月,2021年7-12月,2022\n1,5,1,2\n",
            None,
            capex.model.coverage.Coverage(2021, 2022),
        ),
    ],
)
def test_a_ledger_knows_what_it_covers(tmp_path, text, years, coverage):
    actuals = load_actuals(write(tmp_path / "a.csv", text), years=years)
    assert actuals.coverage == coverage


BAD_LEDGERS = [
    ("id,2021,2023\n1,1,1\n", "none for 2022: a missing year is not covered"),
    ("id,2024,2025,2026年以后\n1,1,1,5\n", "money yet to come"),
    ("id,2019年及以前,2021,2022\n1,1,1,1\n", "so 2020 would be in no column"),
    ("id,2021年及以前,2021,2022\n1,1,1,1\n", "overlaps the year column 2021"),
    ("id,2021,2022年1-6月,2022年4-12月\n1,1,1,1\n", "overlap or leave months out"),
    ("id,2021年1-6月,2022\n1,1,1\n", "neither the ledger's first nor its last"),
    ("id,2021,2021年1-6月\n1,1,1\n", "both hold money of 2021"),
    ("id,2021,2022,2022年预计\n1,1,1,3\n", "heading does not say which years"),
    ("id,year,amount\n1,2024,1\n", "outside the years the ledger covers"),
    ("id,2021,状态\n1,1,快好了\n", "not a status capex reads"),
    ("id,2021\n1,1.2亿\n", "writes its unit (亿元) in the cell"),
    ("id,2021\n1,1.5²\n", "it holds '²'"),
]


@pytest.mark.parametrize(("text", "message"), BAD_LEDGERS, ids=[m for _, m in BAD_LEDGERS])
def test_a_column_capex_cannot_place_is_an_error_naming_it(tmp_path, text, message):
    years = (2021, 2023) if "2024,1" in text else None
    with pytest.raises(DataError) as caught:
        load_actuals(write(tmp_path / "a.csv", text), years=years)
    assert message in str(caught.value)


def test_an_opening_column_is_kept_as_the_year_before_and_a_part_year_stays_apart(tmp_path):
    text = "序号,截至2020年底累计完成,2021年,2022年,2023年1-6月\n1,900,100,-,50\n2,-,0,200,-\n"
    actuals = load_actuals(write(tmp_path / "a.csv", text))
    assert actuals.frame[["id", "year", "amount_minor"]].values.tolist() == [
        [1, 2020, 900],
        [1, 2021, 100],
        [1, 2023, 50],
        [2, 2022, 200],
    ]
    assert actuals.coverage.last_whole == 2022 and actuals.coverage.opening


def test_dashes_and_zeros_are_no_spending_and_raise_no_finding(tmp_path, tiny):
    # project 4's window is 2023-2024: a 0 or a dash in 2021-2022 is nothing spent there
    text = "id,2021,2022,2023\n1,0.5,-,0\n2,1,1,1\n3,—,0.1,0.5\n4,0,－,1\n"
    actuals = load_actuals(write(tmp_path / "a.csv", text), unit="亿元")
    assert (actuals.frame["amount_minor"] != 0).all()
    assert "outside_window" not in set(actuals.check(tiny)["rule"])


def test_a_status_column_gives_each_projects_status(tmp_path):
    text = "id,year,amount,状态\n1,2021,5,在建\n1,2022,5,已完工\n2,2022,1,\n3,2021,1,停建\n"
    actuals = load_actuals(write(tmp_path / "a.csv", text))
    assert actuals.status.to_dict() == {1: "finished", 3: "stopped"}  # 1's latest year


def test_a_ledger_of_a_finance_office_with_groups_totals_and_a_footer(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "台账.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["越城区教育项目支出台账"])
    sheet.append(["单位：元"])
    sheet.append(["序号", "项目名称", "2021年", "2022年", "合计"])
    sheet.append(["一、续建项目", None, 300, 150, 450])
    sheet.append([1, "甲", 100, "-", 100])
    sheet.append([2, "乙", 200, 150, 350])
    sheet.append(["二、新建项目"])
    sheet.append([3, "丙", "(20)", 80, 60])
    sheet.append([None, "小计", -20, 80, 60])
    sheet.append([None, "合计", 280, 230, 510])
    sheet.append(["制表人：张三"])
    book.save(path)
    actuals = load_actuals(path)
    assert actuals.ids.tolist() == [1, 2, 3]
    assert actuals.total_minor == 510
    assert actuals.reading_findings.empty
    sheet["C10"] = 290  # the 合计 row's 2021 figure no longer adds up
    book.save(path)
    findings = load_actuals(path).reading_findings
    assert findings["rule"].tolist() == ["sum_row_differs"]
    assert "totals row '合计' (cell C10) gives 290 元 for 2021年" in findings["message"].iloc[0]
    with pytest.raises(DataError, match="cell C10"):
        load_actuals(path, strict=True)


def test_from_arrays_keeps_months_for_payments():
    actuals = Actuals.from_arrays(
        [1, 1, 2], [2025, 2025, 2025], [10, 20, 5], months=[1, 2, 2], money=WAN
    )
    assert actuals.by_month
    assert actuals.coverage == capex.model.coverage.Coverage(2025, 2025, 1, 2)
    assert actuals.matrix([1, 2], [2025]).tolist() == [[30], [5]]
    assert actuals.months_matrix([1, 2], 2025)[:, :3].tolist() == [[10, 20, 0], [0, 5, 0]]
    with pytest.raises(DataError, match="two amounts for 2025"):
        Actuals.from_arrays([1, 1], [2025, 2025], [1, 2], months=[3, 3], money=WAN)


def test_an_unknown_id_in_a_ledger_names_its_sheet_and_cell_in_either_language(
    tmp_path: Path,
) -> None:
    from capex.terms import said

    book = openpyxl.Workbook()
    book.active.title = "2021"
    book.active.append(["序号", "年份", "金额（万元）"])
    book.active.append([999, 2021, 5])
    book.save(tmp_path / "台账.xlsx")
    actuals = capex.load_actuals(tmp_path / "台账.xlsx")
    with pytest.raises(capex.DataError) as caught:
        actuals.for_portfolio(capex.load_projects())
    english = said(caught.value, "en").replace(str(tmp_path), "")
    chinese = said(caught.value, "zh").replace(str(tmp_path), "")
    assert english.startswith("/台账.xlsx, sheet 2021, cell C2, column 'id', value 999: project id")
    assert chinese.startswith(
        "/台账.xlsx，工作表2021，单元格C2，列“id”，值999：项目序号999不在项目库"
    )
