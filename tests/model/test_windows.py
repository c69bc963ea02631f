"""Windows against ranges of years: the one clipping rule, on numbers and arrays."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from capex.model.windows import clip_window, year_count


@pytest.mark.parametrize(
    ("window", "years", "clipped", "count"),
    [
        ((2020, 2022), (2021, 2025), (2021, 2022), 2),
        ((2023, 2027), (2021, 2025), (2023, 2025), 3),
        ((2018, 2020), (2021, 2025), (2021, 2020), 0),  # wholly before
        ((2026, 2027), (2021, 2025), (2026, 2025), 0),  # wholly after
        ((2019, 2027), (None, 2020), (2019, 2020), 2),  # the years before a plan
        ((2019, 2027), (2026, None), (2026, 2027), 2),  # the years after it
        ((2019, 2027), (None, None), (2019, 2027), 9),
    ],
)
def test_clip_a_window(window, years, clipped, count):
    assert clip_window(*window, years) == clipped
    assert year_count(*clip_window(*window, years)) == count


@given(
    st.lists(st.tuples(st.integers(2000, 2040), st.integers(0, 12)), min_size=1, max_size=20),
    st.integers(2000, 2040),
    st.integers(0, 10),
)
def test_arrays_clip_as_numbers_do_and_count_the_common_years(windows, first, length):
    start = np.array([s for s, _ in windows])
    end = start + np.array([n for _, n in windows])
    last = first + length
    lo, hi = clip_window(start, end, (first, last))
    assert lo.dtype == np.int64 and hi.dtype == np.int64
    for k in range(len(start)):
        assert (lo[k], hi[k]) == clip_window(int(start[k]), int(end[k]), (first, last))
        common = set(range(int(start[k]), int(end[k]) + 1)) & set(range(first, last + 1))
        assert year_count(lo[k], hi[k]) == len(common)
    # the parts before, inside and after the range add up to the window
    before = year_count(*clip_window(start, end, (None, first - 1)))
    after = year_count(*clip_window(start, end, (last + 1, None)))
    assert (before + year_count(lo, hi) + after == end - start + 1).all()
