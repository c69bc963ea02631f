"""Budget lines: rules, shares, and reading them from a CSV."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from capex.errors import DataError
from capex.io.budget_lines import read_budget_lines
from capex.model.budget import BudgetError, BudgetLine, as_budget_lines, resolve_lines
from capex.model.money import WAN


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
    assert lines[2].shares == {10: Fraction(3, 5), 12: Fraction(1, 2)}  # kept exactly


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
        ('all,2021,"3,5",all\n', 1, "ceiling"),
        ("x,2021,1,shares(10=0.6;10=0.7)\n", 1, "rule"),
        ("x,2021,,all\nx,2022,-,\n", 1, "ceiling"),
        ("all,20226,1,all\n", 1, "year"),
        ("all,2021,1e400,all\n", 1, "ceiling"),
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


def test_a_decimal_comma_is_not_read_as_thousands(tmp_path):
    path = tmp_path / "lines.csv"
    path.write_text('line,year,ceiling\nall,2021,"3,5"\n', encoding="utf-8")
    with pytest.raises(DataError, match="comma may only group thousands"):
        read_budget_lines(path)
    path.write_text('line,year,ceiling\nall,2021,"3,500"\n', encoding="utf-8")
    assert read_budget_lines(path)[0].ceilings_minor(WAN) == {2021: 35_000_000}


def test_a_project_named_twice_in_shares_is_an_error(tmp_path):
    path = tmp_path / "lines.csv"
    path.write_text("line,year,ceiling,rule\nx,2021,1,shares(10=0.6;10=0.7)\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"row 1, column 'rule'.*project 10 is given twice"):
        read_budget_lines(path)


def test_a_header_only_file_is_an_error_not_no_ceilings(tmp_path):
    path = tmp_path / "lines.csv"
    path.write_text("line,year,ceiling,rule\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"lines.csv, row 1: .*no budget lines"):
        read_budget_lines(path)


def test_a_rule_on_a_number_column_matches_by_number(yuecheng):
    # project 10 writes 用地55000平方; the rule's text must match the column's number
    line = BudgetLine("big site", {2021: 1}, "site_area_m2=55000")
    assert ids_of(line, yuecheng) == [10]
    assert ids_of(BudgetLine("x", {}, "site_area_m2=55,000"), yuecheng) == [10]
    with pytest.raises(BudgetError, match="is a number"):
        BudgetLine("x", {}, "site_area_m2=big").members(yuecheng)


def test_a_rule_that_matches_no_project_is_an_error_naming_file_and_row(tmp_path, yuecheng):
    path = tmp_path / "lines.csv"
    path.write_text(
        "line,year,ceiling,rule\n"
        "all,2021,10,all\n"
        "jinghu,2021,3,builder=镜湖开发办\n"
        "nobody,2021,3,builder=镜湖开发\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        read_budget_lines(path, portfolio=yuecheng)
    assert (caught.value.row, caught.value.column) == (3, "rule")
    assert "matches no project" in str(caught.value) and str(path) in str(caught.value)
    assert len(read_budget_lines(path)) == 3  # without the projects it cannot be checked


def test_shares_of_unknown_projects_are_an_error_with_the_portfolio(tmp_path, yuecheng):
    path = tmp_path / "lines.csv"
    path.write_text("line,year,ceiling,rule\nx,2021,1,shares(99=0.5)\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"row 1, column 'rule'.*no project with id 99"):
        read_budget_lines(path, portfolio=yuecheng)


def test_budget_lines_from_a_workbook_with_chinese_headings_and_a_unit(tmp_path, yuecheng):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "预算"
    sheet.append(["预算线", "年份", "预算上限（万元）", "规则"])
    sheet.append(["全部", 2021, 105000, "all"])
    sheet.append(["全部", 2022, 90000, None])
    sheet.append(["政府", 2021, "八万", "government_investment=是"])
    book.save(tmp_path / "lines.xlsx")
    with pytest.raises(DataError, match=r"sheet 预算, cell C4 .*value '八万'"):
        read_budget_lines(tmp_path / "lines.xlsx")
    sheet["C4"] = 80000
    book.save(tmp_path / "lines.xlsx")
    lines = read_budget_lines(tmp_path / "lines.xlsx", portfolio=yuecheng)
    assert [line.unit for line in lines] == ["万元", "万元"]
    assert lines[0].ceilings_minor(WAN) == {2021: 105_000, 2022: 90_000}
    assert lines[1].ceilings_minor(WAN) == {2021: 80_000}


# ---------------------------------------------------------------------------------------
# resolve_lines: the one reading of ceilings
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("number", [9, 9.5, Decimal("9.5")])
def test_one_number_is_a_ceiling_for_every_plan_year(tiny, number):
    (line,) = resolve_lines(tiny, number)
    assert line.name == "ceiling" and line.rule is None
    assert sorted(line.ceilings_minor(tiny.money)) == [2021, 2022, 2023]
    assert set(line.ceilings_minor(tiny.money).values()) == {int(Decimal(str(number)) * 10_000)}


def test_none_means_the_portfolios_own_lines(tiny):
    assert resolve_lines(tiny, None) == ()
    own = BudgetLine("own", {2022: 1.0})
    assert resolve_lines(tiny.replace(budget_lines=(own,)), None) == (own,)


def test_a_ceiling_outside_the_plan_is_an_error_unless_any_year(tiny):
    with pytest.raises(BudgetError, match="ceiling for 2030, outside the plan period 2021-2023"):
        resolve_lines(tiny, {2030: 5.0})
    (line,) = resolve_lines(tiny, {2030: 5.0}, any_year=True)
    assert line.ceilings_minor(tiny.money) == {2030: 50_000}


@pytest.mark.parametrize("bad", ["ten", True, [1, 2], object()])
def test_ceilings_in_no_accepted_form_are_refused(tiny, bad):
    with pytest.raises(BudgetError):
        resolve_lines(tiny, bad)


@pytest.mark.parametrize("ceilings", [10.0, [10, 9], "10"])
def test_ceilings_that_are_not_by_year_are_refused(ceilings: object) -> None:
    with pytest.raises(BudgetError, match="ceilings are {year: amount}"):
        BudgetLine("all", ceilings)  # type: ignore[arg-type]
