"""Budget lines: rules, shares, and reading them from a CSV."""

from __future__ import annotations

import pytest

from capex.budget import BudgetError, BudgetLine, as_budget_lines, read_budget_lines
from capex.errors import DataError
from capex.money import WAN


def ids_of(line, portfolio):
    return portfolio.ids[line.members(portfolio)].tolist()


def test_rules_select_projects(yuecheng):
    frame = yuecheng.frame
    everyone = BudgetLine("all", {2021: 10})
    assert ids_of(everyone, yuecheng) == frame.index.tolist()
    government = BudgetLine("gov", {2021: 8}, {"government_investment": True})
    assert ids_of(government, yuecheng) == [i for i in range(1, 36) if i != 18]  # 18 is private
    jinghu = BudgetLine("jinghu", {}, "builder=镜湖开发办 & street=灵芝街道")
    assert ids_of(jinghu, yuecheng) == [4, 10, 14, 15, 24, 26, 34, 35]
    streets = BudgetLine("two streets", {}, {"street": ["富盛镇", "陶堰街道"]})
    assert ids_of(streets, yuecheng) == [11, 13]
    late = BudgetLine("late", {}, lambda f: f["start_year"] >= 2025)
    assert ids_of(late, yuecheng) == [31, 32, 33, 34, 35]
    text_flag = BudgetLine("private", {}, "government_investment=no")
    assert ids_of(text_flag, yuecheng) == [18]


def test_shares_give_fractions(yuecheng):
    line = BudgetLine("province", {2022: 1.0}, shares={10: 0.5, 14: 0.25})
    shares = line.share_array(yuecheng)
    assert shares[yuecheng.ids.get_loc(10)] == 0.5 and shares.sum() == 0.75
    assert ids_of(line, yuecheng) == [10, 14]
    with pytest.raises(BudgetError):
        BudgetLine("x", {}, shares={10: 1.5})
    with pytest.raises(BudgetError, match="no project"):
        BudgetLine("x", {}, shares={99: 0.5}).share_array(yuecheng)


def test_ceilings_are_rounded_down_to_the_wan():
    line = BudgetLine("all", {2021: "4.11111", 2022: None, 2023: 3})
    assert line.ceilings_minor(WAN) == {2021: 41_111, 2023: 30_000}


def test_as_budget_lines_forms():
    (line,) = as_budget_lines({2021: 10.0})
    assert line.name == "ceiling" and line.rule is None
    assert as_budget_lines(None) == ()
    lines = [BudgetLine("a", {}), BudgetLine("b", {})]
    assert as_budget_lines(lines) == tuple(lines)
    with pytest.raises(BudgetError, match="repeated"):
        as_budget_lines([BudgetLine("a", {}), BudgetLine("a", {})])
    with pytest.raises(BudgetError):
        as_budget_lines(["not a line"])


def test_bad_rules_are_reported(yuecheng):
    with pytest.raises(BudgetError, match="no column"):
        BudgetLine("x", {}, {"colour": "red"}).members(yuecheng)
    with pytest.raises(BudgetError):
        BudgetLine("x", {}, "builder").members(yuecheng)
    with pytest.raises(BudgetError, match="yes or no"):
        BudgetLine("x", {}, "government_investment=maybe").members(yuecheng)


def test_read_budget_lines(tmp_path, yuecheng):
    path = tmp_path / "lines.csv"
    path.write_text(
        "line,year,ceiling,rule\n"
        "all,2021,10.5,all\n"
        "all,2022,9,\n"
        "all,2023,,\n"
        "gov,2021,8,government_investment=yes\n"
        "cofund,2022,2,shares(10=0.6; 12=0.5)\n",
        encoding="utf-8",
    )
    lines = read_budget_lines(path)
    assert [line.name for line in lines] == ["all", "gov", "cofund"]
    assert lines[0].ceilings_minor(WAN) == {2021: 105_000, 2022: 90_000}
    assert ids_of(lines[1], yuecheng) == [i for i in range(1, 36) if i != 18]
    assert lines[2].shares == {10: 0.6, 12: 0.5}


@pytest.mark.parametrize(
    "body, row, column",
    [
        ("all,20x1,10,all\n", 1, "year"),
        ("all,2021,ten,all\n", 1, "ceiling"),
        ("all,2021,-1,all\n", 1, "ceiling"),
        ("all,2021,1,all\nall,2021,2,\n", 2, "year"),
        ("all,2021,1,builder\n", 1, "rule"),
        ("a,2021,1,all\na,2022,1,builder=x\n", 2, "rule"),
        (",2021,1,all\n", 1, "line"),
        ("x,2021,1,shares(10=2)\n", 1, "rule"),
    ],
)
def test_bad_rows_name_row_and_column(tmp_path, body, row, column):
    path = tmp_path / "lines.csv"
    path.write_text("line,year,ceiling,rule\n" + body, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_budget_lines(path)
    assert (caught.value.row, caught.value.column) == (row, column)
    assert str(path) in str(caught.value)


def test_a_missing_column_is_a_data_error(tmp_path):
    path = tmp_path / "lines.csv"
    path.write_text("line,year\nall,2021\n", encoding="utf-8")
    with pytest.raises(DataError, match="ceiling"):
        read_budget_lines(path)
