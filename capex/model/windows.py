"""A project's window against a range of years: the years they share, and how many.

A window is the inclusive range of years ``start..end`` in which a project may spend. Most of
capex needs the part of it inside some other range: the plan period (where a spread places
money), the years before or after it (where the cash flow puts the rest of a total), or a
shifted plan period. :func:`clip_window` is that one piece of arithmetic::

    lo = max(start, first)        hi = min(end, last)        (no year in common when lo > hi)

and :func:`year_count` the number of years in common, ``max(hi - lo + 1, 0)``. Both take
numbers or NumPy arrays (one entry per project); ``None`` for ``first`` or ``last`` leaves
that side open.

>>> clip_window(2020, 2022, (2021, 2025))
(2021, 2022)
>>> year_count(*clip_window(2020, 2022, (None, 2020)))
1
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["clip_window", "year_count"]


def clip_window(start: Any, end: Any, years: tuple[int | None, int | None]) -> tuple[Any, Any]:
    """The first and last year each window ``start..end`` shares with ``years`` (inclusive).

    Parameters
    ----------
    start, end
        First and last year of each window: ints or integer arrays of the same shape.
    years
        ``(first, last)`` of the range to clip to; ``None`` leaves a side open.

    Returns
    -------
    tuple
        ``(lo, hi)`` with ``lo = max(start, first)`` and ``hi = min(end, last)``; a window that
        shares no year with the range has ``lo > hi`` (see :func:`year_count`). Ints in, ints
        out; arrays in, int64 arrays out.
    """
    first, last = years
    scalar = np.ndim(start) == 0 and np.ndim(end) == 0
    lo = np.asarray(start, dtype=np.int64) if first is None else np.maximum(start, first)
    hi = np.asarray(end, dtype=np.int64) if last is None else np.minimum(end, last)
    if scalar:
        return int(lo), int(hi)
    return np.asarray(lo, dtype=np.int64), np.asarray(hi, dtype=np.int64)


def year_count(lo: Any, hi: Any) -> Any:
    """Years in ``lo..hi`` (inclusive), zero where ``lo > hi``: ``max(hi - lo + 1, 0)``."""
    count = np.maximum(np.asarray(hi, dtype=np.int64) - lo + 1, 0)
    return int(count) if np.ndim(count) == 0 else count
