"""The budget year in months: one function maps a date to its budget year and month, and the
share of the year gone by (序时进度) is exact."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pandas as pd
import pytest

from capex.model.budget_year import (
    CalendarError,
    budget_month,
    budget_months,
    elapsed_months,
    elapsed_share,
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


@pytest.mark.parametrize("start", [10, 4, 7, 0, True])
def test_a_budget_year_starting_in_another_month_is_refused_for_now(start):
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
