"""The Spring Festival's dates: the table covers 1990-2099, each date falls where the Chinese
calendar puts 正月初一, and several agree with the State Council's holiday notices."""

from __future__ import annotations

import datetime as dt

import pytest

from capex.errors import CapexError
from capex.model.spring_festival import SPRING_FESTIVAL, spring_festival


def test_the_table_covers_2000_to_2050_and_more():
    assert set(range(1990, 2100)) == set(SPRING_FESTIVAL)


def test_every_date_falls_between_21_january_and_20_february():
    for year, date in SPRING_FESTIVAL.items():
        assert date.year == year
        assert dt.date(year, 1, 21) <= date <= dt.date(year, 2, 20), year


def test_consecutive_festivals_are_twelve_or_thirteen_lunar_months_apart():
    # a lunar year has 353-355 days, a leap one (an extra month) 383-385
    for year in range(1990, 2099):
        gap = (SPRING_FESTIVAL[year + 1] - SPRING_FESTIVAL[year]).days
        assert gap in (353, 354, 355, 383, 384, 385), year


@pytest.mark.parametrize(
    ("year", "date", "notice"),
    [
        # 国务院办公厅关于部分节假日安排的通知: the holiday and the day it names as 初一 or 除夕
        (2020, dt.date(2020, 1, 25), "春节：1月24日至30日放假调休 (除夕 1月24日)"),
        (2021, dt.date(2021, 2, 12), "春节：2月11日至17日放假调休 (除夕 2月11日)"),
        (2023, dt.date(2023, 1, 22), "春节：1月21日至27日放假调休 (除夕 1月21日)"),
        (2024, dt.date(2024, 2, 10), "春节：2月10日至17日放假调休 (初一 2月10日)"),
        (2025, dt.date(2025, 1, 29), "春节：1月28日（农历除夕）至2月4日放假调休"),
        (2026, dt.date(2026, 2, 17), "春节：2月15日（农历腊月二十八）至23日（农历正月初七）"),
    ],
)
def test_the_dates_agree_with_the_state_councils_holiday_notices(year, date, notice):
    assert spring_festival(year) == date, notice


@pytest.mark.parametrize("year", [1989, 2100, "soon"])
def test_a_year_outside_the_table_is_a_clear_error(year):
    with pytest.raises(CapexError, match="1990 to 2099"):
        spring_festival(year)
