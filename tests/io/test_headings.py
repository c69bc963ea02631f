"""Headings in English and Chinese: which column is which, and the unit each names."""

from __future__ import annotations

import pandas as pd
import pytest

import capex
from capex.io.headings import (
    PROJECT_AMOUNTS,
    PROJECT_HEADINGS,
    Heading,
    fiscal_naming,
    plan_period_of,
    recognise,
    split_unit,
    unit_note,
    year_heading,
    year_of_heading,
)
from capex.model.cells import year_of


def project(text: str) -> Heading | None:
    return recognise(text, PROJECT_HEADINGS, amounts=PROJECT_AMOUNTS)


# the seed document's own headings and the common variants the issue lists
@pytest.mark.parametrize(
    ("text", "field", "unit"),
    [
        ("序号", "id", None),
        ("项目名称", "name", None),
        ("项目期限", "window", None),
        ("建设年限", "window", None),
        ("开工年份", "start_year", None),
        ("竣工年份", "end_year", None),
        ("建设地点", "street", None),
        ("所属街道", "street", None),
        ("建设内容", "scope", None),
        ("建设内容及规模", "scope", None),
        ("总投资（亿元）", "total_investment", "亿元"),
        ("总投资(万元)", "total_investment", "万元"),
        ("总投资/万元", "total_investment", "万元"),
        ("总投资（单位：元）", "total_investment", "元"),
        ("总投资", "total_investment", None),
        ("2021-2025年投资额（亿元）", "plan_investment", "亿元"),
        ("“十四五”期间投资", "plan_investment", None),
        ("“十四五”期间投资（万元）", "plan_investment", "万元"),
        ("建设单位", "builder", None),
        ("建设主体", "builder", None),
        ("业主单位", "builder", None),
        ("是否为政府投资项目或国有平台公司投资项目", "government_investment", None),
        ("是否政府投资", "government_investment", None),
        ("备注", "note", None),
        ("Start Year", "start_year", None),
        ("total_investment (USD)", "total_investment", "USD"),
        ("plan investment 2021-2025 (亿元)", "plan_investment", "亿元"),
        ("用地面积（平方米）", "site_area_m2", None),
    ],
)
def test_headings_are_recognised(text: str, field: str, unit: str | None) -> None:
    heading = project(text)
    assert heading is not None and (heading.field, heading.unit) == (field, unit)


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2021-2025年投资额（亿元）", (2021, 2025)),
        ("2021—2025年投资额", (2021, 2025)),
        ("2021年-2025年投资", (2021, 2025)),
        ("“十四五”期间投资", (2021, 2025)),
        ("十五五期间投资额", (2026, 2030)),
        ("plan_investment", None),
    ],
)
def test_a_plan_heading_names_its_period(text: str, period: tuple[int, int] | None) -> None:
    assert plan_period_of(split_unit(text)[0]) == period


@pytest.mark.parametrize(
    ("text", "year"),
    [("2021", 2021), ("2021年", 2021), ("FY 2021", 2021), ("2022年投资（万元）", 2022),
     ("2021-2025年投资额", None), ("1000", None), ("name", None)],
)  # fmt: skip
def test_year_headings(text: str, year: int | None) -> None:
    assert year_of_heading(text) == year


def test_a_note_above_the_table_names_the_unit() -> None:
    assert unit_note(["越城区项目表", "单位：万元"]) == "万元"
    assert unit_note(["Unit: USD"]) == "USD"
    assert unit_note(["越城区项目表"]) is None


def _frame(**columns: list[object]) -> pd.DataFrame:
    base = {
        "序号": [1, 2],
        "项目名称": ["甲小学", "乙中学"],
        "项目期限": ["2021-2023", "2023年-2026年"],
    }
    return pd.DataFrame({**base, **columns})


def test_two_amount_columns_in_different_units_each_read_in_their_own() -> None:
    frame = _frame(
        **{"总投资（亿元）": ["1.5", "3"], "2021-2025年投资额（万元）": ["15000", "12000.5"]}
    )
    portfolio = capex.load_projects(frame)
    assert portfolio.plan_period == (2021, 2025)
    assert portfolio.money.unit == "元"  # 12000.5 万元 needs the 元
    assert portfolio.frame["total_minor"].tolist() == [150_000_000, 300_000_000]
    assert portfolio.frame["plan_minor"].tolist() == [150_000_000, 120_005_000]


def test_the_unit_in_a_heading_wins_over_the_default() -> None:
    frame = _frame(
        **{"总投资（万元）": ["15000", "30000"], "“十四五”期间投资（万元）": ["15000", "0"]}
    )
    portfolio = capex.load_projects(frame, amount_unit="亿元")
    assert portfolio.frame["total_minor"].tolist() == [15_000, 30_000]


def test_a_heading_that_matches_two_columns_is_an_error() -> None:
    frame = _frame(**{"总投资（亿元）": ["1.5", "3"], "总投资(万元)": ["15000", "30000"]})
    frame["2021-2025年投资额"] = ["1.5", "1"]
    with pytest.raises(capex.DataError) as caught:
        capex.load_projects(frame)
    message = str(caught.value)
    assert "'总投资（亿元）' and '总投资(万元)' both give the total investment" in message


def test_a_window_beside_start_years_is_an_error() -> None:
    frame = _frame(**{"开工年份": [2021, 2023], "总投资": [1, 2], "2021-2025年投资额": [1, 1]})
    with pytest.raises(capex.DataError, match="'项目期限' and '开工年份' both give"):
        capex.load_projects(frame)


def test_an_unknown_unit_is_an_error_naming_the_heading() -> None:
    frame = _frame(**{"总投资（两）": ["1.5", "3"], "2021-2025年投资额（亿元）": ["1.5", "1"]})
    with pytest.raises(capex.DataError, match=r"column '总投资（两）'.*unknown unit '两'"):
        capex.load_projects(frame)


def test_a_plan_heading_that_contradicts_the_plan_period_is_an_error() -> None:
    frame = _frame(**{"总投资": ["1.5", "3"], "2021-2025年投资额": ["1.5", "1"]})
    with pytest.raises(capex.DataError, match="names the plan period 2021-2025"):
        capex.load_projects(frame, plan_period=(2021, 2023))


# -- year families: every column with money says which years it holds --------------------
@pytest.mark.parametrize(
    ("text", "year", "span", "months", "exact"),
    [
        ("2021", 2021, "", None, True),
        ("2021年", 2021, "", None, True),
        ("FY 2021", 2021, "", None, True),
        ("2021年投资（万元）", 2021, "", None, True),
        ("2021年1-12月", 2021, "", None, True),  # a whole year written by its months
        ("2020年及以前", 2020, "through", None, True),
        ("截至2020年底累计完成投资", 2020, "through", None, True),
        ("2020年底累计", 2020, "through", None, True),
        ("2021年前", 2020, "through", None, True),
        ("2020 and before", 2020, "through", None, True),
        ("before 2021", 2020, "through", None, True),
        ("2020年以前", 2020, "through", None, False),  # 以前 alone: the columns beside decide
        ("以前年度", None, "through", None, True),
        ("以前年度累计完成", None, "through", None, True),
        ("2026年及以后", 2026, "onward", None, True),
        ("2025年之后", 2026, "onward", None, True),
        ("2026 and after", 2026, "onward", None, True),
        ("2026年以后", 2026, "onward", None, False),
        ("以后年度", None, "onward", None, True),
        ("2021年1-6月", 2021, "months", (1, 6), True),
        ("2021年1—6月", 2021, "months", (1, 6), True),
        ("2021年1至6月", 2021, "months", (1, 6), True),
        ("2021年7-12月份", 2021, "months", (7, 12), True),
        ("2021年上半年", 2021, "months", (1, 6), True),
        ("2021年下半年", 2021, "months", (7, 12), True),
        ("2021年第三季度", 2021, "months", (7, 9), True),
        ("2021 Q3", 2021, "months", (7, 9), True),
        ("2021H1", 2021, "months", (1, 6), True),
        ("2021年3月", 2021, "months", (3, 3), True),
    ],
)
def test_year_families(text, year, span, months, exact):
    from capex.io.headings import year_heading

    heading = year_heading(text)
    assert heading is not None and heading.field == "year"
    assert (heading.year, heading.span, heading.months, heading.exact) == (
        year,
        span,
        months,
        exact,
    )


@pytest.mark.parametrize("text", ["2021年预计", "2021年计划数与实际数", "名称", "总投资"])
def test_headings_that_are_no_year_family(text):
    from capex.io.headings import year_heading

    assert year_heading(text) is None


@pytest.mark.parametrize(
    "text", ["合计", "合计（万元）", "总计", "2021-2025年合计", "十四五合计", "累计支出"]
)
def test_a_row_total_column_is_recognised_as_a_check(text):
    from capex.io.headings import ACTUALS_HEADINGS

    assert recognise(text, ACTUALS_HEADINGS, years=True).field == "row_total"


# -- fiscal years as headings and cells write them ---------------------------------------
@pytest.mark.parametrize(
    ("heading", "year", "form"),
    [
        ("2027", 2027, ""),
        ("2027年", 2027, ""),
        ("FY2027", 2027, "fy"),
        ("FY 2027 (USD)", 2027, "fy"),
        ("2027财年", 2027, "fy"),
        ("2027年度", 2027, "start"),
        ("2026-27", 2026, "span"),
        ("2026/27", 2026, "span"),
        ("FY 2026-27", 2026, "span"),
        ("FY2026/27", 2026, "span"),
        ("2026-2027年度", 2026, "span"),
    ],
)
def test_a_year_heading_says_how_it_names_its_year(heading, year, form):
    found = year_heading(heading)
    assert (found.year, found.fiscal) == (year, form)


@pytest.mark.parametrize("heading", ["2026-2027", "2021-2025", "2026-28", "总投资/万元"])
def test_two_years_are_not_one_fiscal_year(heading):
    found = year_heading(heading)
    assert found is None or found.fiscal != "span"


def test_a_span_in_a_calendar_table_or_two_namings_are_errors():
    def where(problem):
        return ValueError(problem)

    with pytest.raises(ValueError, match="fiscal_year_start=4"):
        fiscal_naming(["span"], 1, None, where)
    with pytest.raises(ValueError, match="two ways"):
        fiscal_naming(["fy", "span"], 10, None, where)
    assert fiscal_naming(["span", ""], 7, None, where) == "span"
    assert fiscal_naming(["start"], 4, None, where) == "start"
    assert fiscal_naming(["fy"], 10, "start", where) == "start"  # as told
    assert fiscal_naming(["fy"], 1, None, where) is None


@pytest.mark.parametrize(
    ("cell", "naming", "year"),
    [
        ("FY2027", None, 2027),
        ("2027年度", None, 2027),
        ("2026-27", "end", 2027),
        ("2026-27", "span", 2026),
        ("FY 2026/27", "start", 2026),
        ("2011-12", None, 2011),  # a year and month, unless the years are fiscal ones
        ("2011-12", "end", 2012),
    ],
)
def test_a_year_cell_reads_a_fiscal_year(cell, naming, year):
    assert year_of(cell, naming=naming) == year


def test_a_span_cell_without_a_fiscal_year_is_an_error():
    with pytest.raises(ValueError, match="fiscal_year_start"):
        year_of("2026-27")
