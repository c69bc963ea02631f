"""What a ledger covers, and what counts as spent in the years it does not cover.

A finance office's ledger covers the years it recorded: a 十四五 spending ledger covers
2021-2025, a column of zeros is a year covered (nothing was spent), a missing column is not.
:class:`Coverage` says which years (and, for a part year such as ``2025年1-6月``, which
months) an :class:`~capex.model.actuals.Actuals` covers, and whether one column holds every year
before them (``2020年及以前``).

A year outside the coverage is never read as nothing spent by default.
:func:`count_spending` is the one place that decides what counts as spent in each year, for
:func:`~capex.afterlife.variance.variance`, :func:`~capex.afterlife.reforecast.reforecast` and
:func:`~capex.afterlife.rollforward.roll_forward`, by a stated policy for the years *before* the
coverage (``before=``):

* ``"plan"`` (the default): those years are taken as the plan had them;
* ``"zero"``: nothing was spent in them (what an empty column would say);
* ``"refuse"``: an error naming the projects with money planned before the coverage.

A ledger that stops before the cut-off or the hand-over is an error naming the missing years,
unless ``as_of`` says where it stops (a hand-over drawn up before the year closes then takes
the years after ``as_of`` as planned). Projects carried into a plan by an earlier hand-over
(:attr:`capex.Portfolio.frame`'s ``spent_before_minor``) count only their spending since the
plan began: what they spent before it is the hand-over's. Each consumer says in one line how
time outside the coverage was treated (:attr:`Counted.note`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from capex.errors import CapexError
from capex.terms import check_lang, phrase

__all__ = ["Coverage"]


@dataclass(frozen=True)
class Coverage:
    """The years (and months) a ledger covers.

    Attributes
    ----------
    first, last
        The first and last year covered, wholly or in part.
    first_month, last_month
        The first month of ``first`` and the last month of ``last`` covered (1 and 12 for
        whole years; ``last_month=6`` for a ledger whose last column is ``2025年1-6月``).
    opening
        Whether one amount holds every year before ``first`` (a ``2020年及以前`` column); it is
        kept as the amount of the year ``first - 1``.
    stated
        Whether the coverage was stated (``years=``) rather than read from the columns.
    """

    first: int
    last: int
    first_month: int = 1
    last_month: int = 12
    opening: bool = False
    stated: bool = False

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise CapexError(
                phrase("err_model_coverage_backwards", first=self.first, last=self.last)
            )
        if not (1 <= self.first_month <= 12 and 1 <= self.last_month <= 12):
            raise CapexError(phrase("err_model_coverage_months"))

    @classmethod
    def of_years(cls, years: Sequence[int] | range, *, stated: bool = False) -> Coverage:
        """The coverage of whole years, from the first to the last of ``years``."""
        years = [int(y) for y in years]
        if not years:
            raise CapexError(phrase("err_model_coverage_empty"))
        return cls(min(years), max(years), stated=stated)

    @property
    def first_whole(self) -> int:
        """The first year covered whole."""
        return self.first if self.first_month == 1 else self.first + 1

    @property
    def last_whole(self) -> int:
        """The last year covered whole (the year before a part year at the end)."""
        return self.last if self.last_month == 12 else self.last - 1

    @property
    def years(self) -> list[int]:
        """Every year with an amount: the opening year (``first - 1``) when there is one, then
        ``first`` to ``last``."""
        return list(range(self.first - 1 if self.opening else self.first, self.last + 1))

    def covers(self, year: int) -> bool:
        """Whether ``year`` is covered whole (or, before ``first``, by the opening amount)."""
        if self.opening and year < self.first:
            return True
        return self.first_whole <= year <= self.last_whole

    def text(self, lang: str | None = "en") -> str:
        """``2021-2025``, ``2021-2025-06``, ``2020 and before, 2021-2025``; in Chinese
        ``2021-2025年``, ``2021年-2025年6月``, ``2020年及以前、2021-2025年``."""
        zh = check_lang(lang) == "zh"

        def point(year: int, month: int, whole: int) -> str:
            if month == whole:
                return f"{year}"
            return f"{year}年{month}月" if zh else f"{year}-{month:02d}"

        start = point(self.first, self.first_month, 1)
        stop = point(self.last, self.last_month, 12)
        span = start if start == stop else f"{start}-{stop}"
        if zh and not span.endswith("月"):
            span += "年"
        if self.opening:
            return (
                f"{self.first - 1}年及以前、{span}"
                if zh
                else f"{self.first - 1} and before, {span}"
            )
        return span
