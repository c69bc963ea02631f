"""The result of a plan: a frozen, solver-free object that a notebook shows well.

:class:`PlanResult` is what every planner returns: :func:`capex.spread` a
:class:`SpreadResult` (which adds the funded parts of shared projects) and the deferral
optimiser a subclass that adds delays. It holds only plain data: the schedule in integers of the
portfolio's minor unit (万元 for the bundled plan), the
ceilings, the solver's status, objective and timing, the shadow prices of the ceilings, the
extra budget an infeasible plan needs, and sentences that explain it. Everything shown is
derived from those fields, in the money's display unit (亿元 for the bundled plan).
"""

from __future__ import annotations

import enum
import html
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from capex.money import WAN, Money

__all__ = ["PlanResult", "SpreadResult", "Status"]


class Status(str, enum.Enum):
    """How a solve ended."""

    OPTIMAL = "optimal"
    """A plan was found and proven best."""
    FEASIBLE = "feasible"
    """A plan was found; it was not proven best (for example a time limit was hit)."""
    INFEASIBLE = "infeasible"
    """No plan fits the ceilings; the result explains why and what extra budget would do."""
    UNKNOWN = "unknown"
    """Nothing was found (for example a time limit was hit before any plan)."""

    def __str__(self) -> str:
        return self.value


def _empty_years() -> pd.Series:
    return pd.Series(dtype=np.int64, index=pd.Index([], name="year", dtype=np.int64))


@dataclass(frozen=True, eq=False)
class PlanResult:
    """A plan: a project x year schedule in integers of the minor unit and how it was found.

    Amounts named ``*_minor`` are integers of :attr:`money`'s minor unit (万元 for the
    bundled plan); what is shown is in its display unit (亿元) unless a ``unit`` is given.

    Attributes
    ----------
    status
        :class:`Status` of the solve.
    schedule_minor
        Integer amounts, index project id (named ``"id"``), columns int years: the whole
        window of every project (before, inside and after the plan period).
    names
        Project names by id.
    ceilings_minor
        Ceiling of each year for the plan as a whole (one budget line over all
        projects); a year absent means no ceiling.
    objective
        The solver's objective in the display unit (for a spread: the money moved away from its profile
        year, that is half the L1 distance to the profile).
    bound
        A proven lower bound of the objective (equal to it when optimal), or ``None``.
    runtime
        Wall-clock seconds of the whole call.
    method
        How the plan was found (for example ``"min-cost flow (aggregated)"``).
    profile
        Name of the spend profile the plan follows.
    scenario
        Name of the scenario the plan belongs to, or ``None``.
    changes
        Sentences describing the scenario's changes to the base plan (empty for a plain run).
    extra_budget_minor
        Least extra budget per year that would make an infeasible plan fit; zeros when
        it fits.
    shadow_prices
        Per year: how much the objective falls for one more unit of ceiling in that year;
        zero where the ceiling does not bind.
    messages
        Explanations (why it is infeasible, what was assumed).
    target_minor
        The profile target the plan was measured against, or ``None``.
    line_ceilings_minor
        For several budget lines: ceilings per line (rows) and year (columns), missing
        = no ceiling; else ``None``.
    line_totals_minor
        For several budget lines: what the plan draws on each line per year.
    line_extra_budget_minor
        For several budget lines: the least extra budget per line and year.
    line_shadow_prices
        For several budget lines: the shadow price of each line's ceiling per year.
    plan_period
        First and last year of the plan the result belongs to (``None`` when unknown).
    money
        The currency and minor unit of the amounts (:data:`capex.money.WAN` by default).
    """

    status: Status
    schedule_minor: pd.DataFrame = field(repr=False)
    names: pd.Series = field(default_factory=lambda: pd.Series(dtype=object), repr=False)
    ceilings_minor: pd.Series = field(default_factory=_empty_years, repr=False)
    objective: float = float("nan")
    bound: float | None = None
    runtime: float = 0.0
    method: str = ""
    profile: str = ""
    scenario: str | None = None
    changes: tuple[str, ...] = ()
    extra_budget_minor: pd.Series = field(default_factory=_empty_years, repr=False)
    shadow_prices: pd.Series = field(default_factory=lambda: pd.Series(dtype=float), repr=False)
    messages: tuple[str, ...] = ()
    target_minor: pd.DataFrame | None = field(default=None, repr=False)
    line_ceilings_minor: pd.DataFrame | None = field(default=None, repr=False)
    line_totals_minor: pd.DataFrame | None = field(default=None, repr=False)
    line_extra_budget_minor: pd.DataFrame | None = field(default=None, repr=False)
    line_shadow_prices: pd.DataFrame | None = field(default=None, repr=False)
    plan_period: tuple[int, int] | None = None
    money: Money = WAN

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", Status(self.status))
        object.__setattr__(self, "changes", tuple(self.changes))
        object.__setattr__(self, "messages", tuple(self.messages))

    # -- the plan --------------------------------------------------------------------------
    @property
    def ok(self) -> bool:
        """Whether the plan fits every ceiling (status optimal or feasible)."""
        return self.status in (Status.OPTIMAL, Status.FEASIBLE)

    @property
    def years(self) -> list[int]:
        """The schedule's years."""
        return [int(y) for y in self.schedule_minor.columns]

    @property
    def schedule(self) -> pd.DataFrame:
        """The schedule in the display unit (亿元 floats for the bundled plan), index project
        id, columns years; see :meth:`with_names`."""
        return self.to_frame(self.money.display_unit)

    def to_frame(self, unit: str | None = None) -> pd.DataFrame:
        """The schedule in ``unit``: exact integers of the minor unit (default, 万元 for the
        bundled plan) or floats of a larger unit (``"亿元"``)."""
        unit = self.money.unit if unit is None else self.money.normalize_unit(unit)
        values = self.money.to_unit(self.schedule_minor.to_numpy(), unit)
        frame = pd.DataFrame(
            values,
            index=self.schedule_minor.index.copy(),
            columns=self.schedule_minor.columns.copy(),
        )
        frame.attrs["unit"] = unit
        return frame

    def with_names(self, unit: str | None = None) -> pd.DataFrame:
        """The schedule in ``unit`` with a first column ``name``."""
        frame = self.to_frame(self.money.normalize_unit(unit))
        frame.insert(0, "name", self.names.reindex(frame.index).to_numpy())
        return frame

    # -- years -----------------------------------------------------------------------------
    def _ceiling_array(self) -> np.ndarray:
        """Ceilings by schedule year as floats of the minor unit, ``inf`` where there is none."""
        ceilings = pd.Series(self.ceilings_minor, dtype=object).reindex(self.schedule_minor.columns)
        return np.array([np.inf if pd.isna(c) else float(c) for c in ceilings], dtype=float)

    @property
    def annual(self) -> pd.DataFrame:
        """Per year, in the display unit: ``total``, ``ceiling`` (NaN: none), ``headroom``,
        ``binding``, ``extra_budget`` and ``shadow_price``."""
        totals = self.schedule_minor.sum(axis=0).to_numpy().astype(np.int64)
        ceilings = self._ceiling_array()
        finite = np.isfinite(ceilings)
        years = pd.Index(self.years, name="year")
        extra = self.extra_budget_minor.reindex(years, fill_value=0).to_numpy()
        shown = float(self.money.per())
        frame = pd.DataFrame(
            {
                "total": totals / shown,
                "ceiling": np.where(finite, ceilings, np.nan) / shown,
                "headroom": np.where(finite, ceilings - totals, np.nan) / shown,
                "binding": finite & (totals >= ceilings),
                "extra_budget": extra / shown,
                "shadow_price": self.shadow_prices.reindex(years, fill_value=0.0).to_numpy(
                    dtype=float
                ),
            },
            index=years,
        )
        frame.attrs["unit"] = self.money.display_unit
        return frame

    @property
    def binding_years(self) -> list[int]:
        """Years whose total reaches the ceiling."""
        annual = self.annual
        return [int(y) for y in annual.index[annual["binding"].to_numpy()]]

    @property
    def extra_budget(self) -> pd.Series:
        """Least extra budget per year that would make the plan fit, in the display unit
        (zeros when it fits)."""
        years = pd.Index(self.years, name="year")
        extra = self.extra_budget_minor.reindex(years, fill_value=0).to_numpy()
        return pd.Series(self.money.to_unit(extra), index=years, name="extra_budget")

    @property
    def moved(self) -> pd.DataFrame | None:
        """Schedule minus profile target (display unit), or ``None`` when no target is kept."""
        if self.target_minor is None:
            return None
        target = self.target_minor.reindex(
            index=self.schedule_minor.index, columns=self.schedule_minor.columns, fill_value=0
        )
        return (self.schedule_minor - target) / float(self.money.per())

    # -- reading ---------------------------------------------------------------------------
    def _headline(self) -> str:
        total = int(self.schedule_minor.to_numpy().sum())
        years = self.years
        span = f"{years[0]}-{years[-1]}" if years else "no years"
        objective = "" if np.isnan(self.objective) else f", objective {self.objective:.4f}"
        scenario = f" [{self.scenario}]" if self.scenario else ""
        return (
            f"{type(self).__name__}{scenario}: {self.status.value}, {len(self.schedule_minor)} projects, "
            f"{span}, {self.money.format(total)}{objective}, {self.runtime:.3f} s"
        )

    def summary(self) -> str:
        """A short text report: status, how, the years against their ceilings, messages."""
        lines = [self._headline()]
        details = []
        if self.method:
            details.append(f"method {self.method}")
        if self.profile:
            details.append(f"profile {self.profile}")
        if self.bound is not None and not np.isnan(self.bound):
            details.append(f"bound {self.bound:.4f}")
        if details:
            lines.append("  " + ", ".join(details))
        for change in self.changes:
            lines.append(f"  change: {change}")
        if self.years:
            annual = self.annual
            lines.append("  year     total   ceiling  headroom  shadow price  extra")
            for year, row in annual.iterrows():
                ceiling = "-" if np.isnan(row["ceiling"]) else f"{row['ceiling']:.4f}"
                headroom = "-" if np.isnan(row["headroom"]) else f"{row['headroom']:.4f}"
                mark = " *" if row["binding"] else ""
                lines.append(
                    f"  {year}  {row['total']:8.4f}  {ceiling:>8}  {headroom:>8}  "
                    f"{row['shadow_price']:12.4f}  {row['extra_budget']:.4f}{mark}"
                )
            if self.binding_years:
                lines.append("  * binding year (the total reaches the ceiling)")
        for message in self.messages:
            lines.append(f"  {message}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<{self._headline()}>"

    def _repr_html_(self) -> str:
        parts = [f"<p><b>{html.escape(self._headline())}</b></p>"]
        if self.messages:
            parts.append(
                "<ul>" + "".join(f"<li>{html.escape(m)}</li>" for m in self.messages) + "</ul>"
            )
        if self.years:
            parts.append(self.annual.T._repr_html_())
        parts.append(self.with_names()._repr_html_())
        return "".join(parts)


@dataclass(frozen=True, eq=False, repr=False)
class SpreadResult(PlanResult):
    """The result of :func:`capex.spread`: the plan period's money, year by year.

    Attributes
    ----------
    parts_minor
        When budget lines fund shares of projects: integers of the minor unit by (project
        id, line) and year, ``"(rest)"`` being the part no share line funds; the parts of a
        project add up to its row. ``None`` when no line funds shares.
    """

    parts_minor: pd.DataFrame | None = None
