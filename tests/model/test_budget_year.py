"""The budget year in months: one function maps a date to its budget year and month, and the
share of the year gone by (序时进度) is exact."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pandas as pd
import pytest

from capex.model.budget_year import (
    CALENDAR,
    CalendarError,
    FiscalYear,
    budget_month,
    budget_months,
    calendar_month,
    elapsed_months,
    elapsed_share,
    fiscal_year_of,
    month_days,
    to_date,
)


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("2027-09-30", (2027, 9)),
        ("2027/1/1", (2027, 1)),
        ("2027年12月31日", (2027, 12)),
        (dt.date(2028, 2, 29), (2028, 2)),
        (dt.datetime(2027, 3, 5, 14, 30), (2027, 3)),
        (pd.Timestamp("2027-06-30"), (2027, 6)),
    ],
)
def test_a_date_falls_in_its_calendar_year_and_month(when, expected):
    assert budget_month(when) == expected


def test_a_year_and_month_and_many_dates_map_the_same_way():
    assert budget_month(2027, 12) == (2027, 12)
    years, months = budget_months(["2027-01-31", "2027-12-01", "2028-01-01"])
    assert years.tolist() == [2027, 2027, 2028]
    assert months.tolist() == [1, 12, 1]


@pytest.mark.parametrize("start", [0, 13, True, 1.5, "10"])
def test_a_start_month_that_is_not_one_is_refused(start):
    with pytest.raises(CalendarError, match="fiscal_year_start"):
        budget_month("2027-10-01", fiscal_year_start=start)


@pytest.mark.parametrize("bad", ["2027-13-01", "2027-02-30", "soon", "", None, 20270930.5])
def test_what_is_not_a_date_is_an_error(bad):
    with pytest.raises(CalendarError, match="not a date"):
        to_date(bad)


@pytest.mark.parametrize(
    ("as_of", "months"),
    [
        ("2027-09-30", 9),
        ("2027-09-29", 8),
        ("2027-01-31", 1),
        ("2027-12-31", 12),
        ("2026-12-31", 0),
    ],
)
def test_a_month_counts_once_its_last_day_is_reached(as_of, months):
    assert elapsed_months(2027, as_of) == months


def test_time_elapsed_by_months_and_by_days():
    assert elapsed_share(2027, "2027-09-30") == Fraction(9, 12)
    # 31 + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30 days in a common year
    assert elapsed_share(2027, "2027-09-30", by="days") == Fraction(273, 365)
    assert elapsed_share(2028, "2028-09-30", by="days") == Fraction(274, 366)  # leap year
    assert elapsed_share(2027, "2028-01-05", by="days") == 1
    with pytest.raises(CalendarError, match="months or days"):
        elapsed_share(2027, "2027-09-30", by="weeks")


# -- fiscal years: when the budget year starts and how it is named -----------------------
@pytest.mark.parametrize(
    ("when", "start", "naming", "expected"),
    [
        # the United States: FY2027 is October 2026 - September 2027
        ("2026-09-30", 10, None, (2026, 12)),
        ("2026-10-01", 10, None, (2027, 1)),
        ("2027-09-30", 10, "end", (2027, 12)),
        # Japan's 年度: 2026年度 is April 2026 - March 2027
        ("2027-03-31", 4, "start", (2026, 12)),
        ("2027-04-01", 4, "start", (2027, 1)),
        # the UK and India, 2026-27 kept as the year it starts in
        ("2026-04-01", 4, "span", (2026, 1)),
        # Australia: July starts the year, named by its end (FY2027) or as 2026-27
        ("2026-07-01", 7, "end", (2027, 1)),
        ("2026-06-30", 7, "end", (2026, 12)),
        ("2026-07-01", 7, "span", (2026, 1)),
    ],
)
def test_a_date_falls_in_its_fiscal_year_and_month(when, start, naming, expected):
    assert budget_month(when, fiscal_year_start=start, naming=naming) == expected
    years, months = budget_months([when], fiscal_year_start=start, naming=naming)
    assert (int(years[0]), int(months[0])) == expected
    # and back: the month's position in its year gives the calendar month again
    date = to_date(when)
    assert calendar_month(*expected, fiscal_year_start=start, naming=naming) == (
        date.year,
        date.month,
    )


def test_a_calendar_month_maps_to_its_fiscal_month():
    assert budget_month(2026, 10, fiscal_year_start=10) == (2027, 1)
    assert budget_month(2026, 9, fiscal_year_start=10) == (2026, 12)


@pytest.mark.parametrize(
    ("fiscal", "year", "en", "zh"),
    [
        (FiscalYear(), 2027, "2027", "2027"),
        (FiscalYear(10), 2027, "FY2027", "2027财年"),
        (FiscalYear(4, "start"), 2026, "FY2026", "2026年度"),
        (FiscalYear(4, "span"), 2026, "2026-27", "2026-27财年"),
        (FiscalYear(7, "span"), 2099, "2099-00", "2099-00财年"),
    ],
)
def test_a_budget_year_is_labelled_as_the_data_name_it(fiscal, year, en, zh):
    assert fiscal.label(year) == en
    assert fiscal.label(year, "zh") == zh


def test_a_fiscal_year_knows_its_days_and_months():
    us = FiscalYear(10)
    assert us.first_day(2027) == dt.date(2026, 10, 1)
    assert us.last_day(2027) == dt.date(2027, 9, 30)
    assert us.month_label(2027, 1) == "Oct 2026"
    assert us.month_label(2027, 12, "zh") == "2027年9月"
    assert "October 2026 - September 2027" in us.describe()
    assert us.span_label(2027, 2031) == "FY2027-FY2031"
    assert FiscalYear(4, "span").span_label(2026, 2030) == "2026-27 to 2030-31"
    assert CALENDAR.span_label(2021, 2025) == "2021-2025"


def test_time_elapsed_in_a_fiscal_year():
    # 30 June 2027 is nine months into FY2027 (October 2026 - September 2027)
    assert elapsed_months(2027, "2027-06-30", fiscal_year_start=10) == 9
    assert elapsed_share(2027, "2027-06-30", fiscal_year_start=10) == Fraction(3, 4)
    # by days: 1 October 2026 to 30 June 2027 of 365 days
    days = (dt.date(2027, 6, 30) - dt.date(2026, 10, 1)).days + 1
    assert elapsed_share(2027, "2027-06-30", by="days", fiscal_year_start=10) == Fraction(days, 365)
    assert elapsed_share(2027, "2026-09-30", fiscal_year_start=10) == 0
    assert month_days(2027, 5, fiscal_year_start=10) == 29 - 1  # February 2027


@pytest.mark.parametrize(
    ("start", "naming", "match"),
    [
        (1, "span", "January"),
        (10, "middle", "fiscal_year_naming"),
    ],
)
def test_a_naming_that_cannot_be_is_refused(start, naming, match):
    with pytest.raises(CalendarError, match=match):
        FiscalYear(start, naming)


def test_the_arguments_read_one_way():
    assert fiscal_year_of(10) == FiscalYear(10, "end")
    assert fiscal_year_of(FiscalYear(4, "span")) == FiscalYear(4, "span")
    assert fiscal_year_of(None) == CALENDAR
    assert FiscalYear(1, "end") == CALENDAR  # a January year is its calendar year
