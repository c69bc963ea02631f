"""The result of a plan: a frozen, solver-free object that a notebook shows well.

:class:`PlanResult` is returned by :func:`capex.spread` and (as a subclass that adds delays)
by the deferral optimiser. It holds only plain data: the schedule in integer 万元, the
ceilings, the solver's status, objective and timing, the shadow prices of the ceilings, the
extra budget an infeasible plan needs, and sentences that explain it. Everything shown is
derived from those fields, in 亿元.
"""

from __future__ import annotations

import enum
import html
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from capex.money import WAN_PER_YI, format_amount, normalize_unit, wan_array_to_unit

__all__ = ["PlanResult", "Status"]


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
    """A plan: a project x year schedule in integer 万元 and how it was found.

    Attributes
    ----------
    status
        :class:`Status` of the solve.
    schedule_wan
        Integer 万元, index project id (named ``"id"``), columns int years.
    names
        Project names by id.
    ceilings_wan
        Ceiling of each year in 万元 for the plan as a whole (one budget line over all
        projects); a year absent means no ceiling.
    objective
        The solver's objective in 亿元 (for a spread: the money moved away from its profile
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
    extra_budget_wan
        Least extra budget per year (万元) that would make an infeasible plan fit; zeros when
        it fits.
    shadow_prices
        Per year: how much the objective (亿元) falls for one more 亿元 of ceiling in that year;
        zero where the ceiling does not bind.
    messages
        Explanations (why it is infeasible, what was assumed).
    target_wan
        The profile target the plan was measured against (万元), or ``None``.
    line_ceilings_wan
        For several budget lines: ceilings per line (rows) and year (columns), 万元, missing
        = no ceiling; else ``None``.
    line_totals_wan
        For several budget lines: what the plan draws on each line per year, 万元.
    line_extra_budget_wan
        For several budget lines: the least extra budget per line and year, 万元.
    line_shadow_prices
        For several budget lines: the shadow price of each line's ceiling per year.
    """

    status: Status
    schedule_wan: pd.DataFrame = field(repr=False)
    names: pd.Series = field(default_factory=lambda: pd.Series(dtype=object), repr=False)
    ceilings_wan: pd.Series = field(default_factory=_empty_years, repr=False)
    objective: float = float("nan")
    bound: float | None = None
    runtime: float = 0.0
    method: str = ""
    profile: str = ""
    scenario: str | None = None
    changes: tuple[str, ...] = ()
    extra_budget_wan: pd.Series = field(default_factory=_empty_years, repr=False)
    shadow_prices: pd.Series = field(default_factory=lambda: pd.Series(dtype=float), repr=False)
    messages: tuple[str, ...] = ()
    target_wan: pd.DataFrame | None = field(default=None, repr=False)
    line_ceilings_wan: pd.DataFrame | None = field(default=None, repr=False)
    line_totals_wan: pd.DataFrame | None = field(default=None, repr=False)
    line_extra_budget_wan: pd.DataFrame | None = field(default=None, repr=False)
    line_shadow_prices: pd.DataFrame | None = field(default=None, repr=False)

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
        return [int(y) for y in self.schedule_wan.columns]

    @property
    def schedule(self) -> pd.DataFrame:
        """The schedule in 亿元 (floats), index project id, columns years; see :meth:`with_names`."""
        return self.to_frame("亿元")

    def to_frame(self, unit: str = "万元") -> pd.DataFrame:
        """The schedule in ``unit``: integer 万元 (default) or 亿元 floats."""
        unit = normalize_unit(unit)
        values = wan_array_to_unit(self.schedule_wan.to_numpy(), unit)
        frame = pd.DataFrame(
            values, index=self.schedule_wan.index.copy(), columns=self.schedule_wan.columns.copy()
        )
        frame.attrs["unit"] = unit
        return frame

    def with_names(self, unit: str = "亿元") -> pd.DataFrame:
        """The schedule in ``unit`` with a first column ``name``."""
        frame = self.to_frame(unit)
        frame.insert(0, "name", self.names.reindex(frame.index).to_numpy())
        return frame

    # -- years -----------------------------------------------------------------------------
    def _ceiling_array(self) -> np.ndarray:
        """Ceilings by schedule year as floats of 万元, ``inf`` where there is none."""
        ceilings = pd.Series(self.ceilings_wan, dtype=object).reindex(self.schedule_wan.columns)
        return np.array([np.inf if pd.isna(c) else float(c) for c in ceilings], dtype=float)

    @property
    def annual(self) -> pd.DataFrame:
        """Per year, in 亿元: ``total``, ``ceiling`` (NaN: none), ``headroom``, ``binding``,
        ``extra_budget`` and ``shadow_price``."""
        totals = self.schedule_wan.sum(axis=0).to_numpy().astype(np.int64)
        ceilings = self._ceiling_array()
        finite = np.isfinite(ceilings)
        years = pd.Index(self.years, name="year")
        extra = self.extra_budget_wan.reindex(years, fill_value=0).to_numpy()
        return pd.DataFrame(
            {
                "total": totals / WAN_PER_YI,
                "ceiling": np.where(finite, ceilings, np.nan) / WAN_PER_YI,
                "headroom": np.where(finite, ceilings - totals, np.nan) / WAN_PER_YI,
                "binding": finite & (totals >= ceilings),
                "extra_budget": extra / WAN_PER_YI,
                "shadow_price": self.shadow_prices.reindex(years, fill_value=0.0).to_numpy(
                    dtype=float
                ),
            },
            index=years,
        )

    @property
    def binding_years(self) -> list[int]:
        """Years whose total reaches the ceiling."""
        annual = self.annual
        return [int(y) for y in annual.index[annual["binding"].to_numpy()]]

    @property
    def extra_budget(self) -> pd.Series:
        """Least extra budget per year that would make the plan fit, 亿元 (zeros when it fits)."""
        years = pd.Index(self.years, name="year")
        extra = self.extra_budget_wan.reindex(years, fill_value=0).to_numpy()
        return pd.Series(extra / WAN_PER_YI, index=years, name="extra_budget")

    @property
    def moved(self) -> pd.DataFrame | None:
        """Schedule minus profile target (亿元), or ``None`` when no target is kept."""
        if self.target_wan is None:
            return None
        target = self.target_wan.reindex(
            index=self.schedule_wan.index, columns=self.schedule_wan.columns, fill_value=0
        )
        return (self.schedule_wan - target) / WAN_PER_YI

    # -- reading ---------------------------------------------------------------------------
    def _headline(self) -> str:
        total = int(self.schedule_wan.to_numpy().sum())
        years = self.years
        span = f"{years[0]}-{years[-1]}" if years else "no years"
        objective = "" if np.isnan(self.objective) else f", objective {self.objective:.4f}"
        scenario = f" [{self.scenario}]" if self.scenario else ""
        return (
            f"{type(self).__name__}{scenario}: {self.status.value}, {len(self.schedule_wan)} projects, "
            f"{span}, {format_amount(total)}{objective}, {self.runtime:.3f} s"
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
