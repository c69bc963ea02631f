"""A sweep's result: every scenario's plan or risk result, in task order, and the failures.

:func:`assemble` puts the pieces the batches returned back together in task order, whatever
order they finished in, so a sweep's answer does not depend on its executor; a scenario run
under draws becomes a :class:`~capex.risk.result.RiskResult`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from capex._options import chosen_unit
from capex.model.money import WAN, Money
from capex.model.protocol import Report
from capex.risk.evaluate import Outcome
from capex.risk.result import RiskResult, drivers_table, headed, outcome_word
from capex.risk.tasks import Piece, SweepJob, prepare
from capex.solvers.result import PlanResult
from capex.terms import check_lang, said, term


# ---------------------------------------------------------------------------------------
# the result
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class SweepResult(Report):
    """The results of a sweep, in the order of its scenarios.

    Attributes
    ----------
    names
        The scenarios' names (``"base"`` for ``None``).
    draws
        Draws per scenario; 0 for plain runs.
    results
        Plain runs: each scenario's plan (``None`` where it failed).
    risks
        With draws: each scenario's :class:`~capex.risk.result.RiskResult` (``None`` where
        every draw failed).
    failures
        One row per failed task: ``task``, ``scenario``, ``draw`` (empty for plain runs),
        ``error``.
    executor
        Where it ran (``"this process"``, ``"3 local processes"``, ``"Dask at tcp://..."``).
    batches
        Batches the tasks were sent in.
    runtime
        Wall-clock seconds.
    seed
        The seed of the draws.
    """

    names: tuple[str, ...]
    draws: int
    results: tuple[PlanResult | None, ...]
    risks: tuple[RiskResult | None, ...]
    failures: pd.DataFrame = field(repr=False)
    executor: str = ""
    batches: int = 0
    runtime: float = 0.0
    seed: int = 0

    def __len__(self) -> int:
        return len(self.names)

    def __getitem__(self, key: int | str) -> PlanResult | RiskResult | None:
        """A scenario's plan (plain runs) or risk result (with draws), by position or name."""
        position = key if isinstance(key, int) else self._position(key)
        return (self.risks if self.draws else self.results)[position]

    def _position(self, name: str) -> int:
        if name not in self.names:
            raise KeyError(f"no scenario named {name!r} in this sweep")
        return self.names.index(name)

    @property
    def ok(self) -> bool:
        """Whether every task ran."""
        return len(self.failures) == 0

    def to_frame(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """One row per scenario.

        Amounts in the display unit (亿元 for the bundled plan). Plain runs: ``status``,
        ``total`` and ``peak``, ``peak_year``, ``extra_budget`` (summed over the years) and
        ``objective``. With draws: ``draws``, ``failed``,
        ``worst_year`` and its ``breach_probability``, ``reserve`` (sum over the years of the
        P80-safe reserve) and ``total_P80`` (P80 of the plan-period total). ``lang="zh"``
        heads it, and says the statuses, in Chinese. ``unit``: amounts in another unit of the
        money (``"万元"``).
        """
        lang = check_lang(lang)
        money = self.money
        unit = money.normalize_unit(chosen_unit(unit, money))
        # the rows are made in the display unit, then shown in the unit asked for
        rows = []
        for position, name in enumerate(self.names):
            row: dict[str, Any] = {"scenario": name}
            if self.draws:
                risk = self.risks[position]
                failed = int((self.failures["task"] // self.draws == position).sum())
                row.update({"draws": self.draws, "failed": failed})
                if risk is not None:
                    chance = risk.breach_probability
                    worst = chance.idxmax() if len(chance) and chance.notna().any() else None
                    row.update(
                        {
                            "worst_year": worst,
                            "breach_probability": None if worst is None else chance[worst],
                            "reserve": float(risk.reserve.sum()),
                            "total_P80": float(risk.total_quantiles["P80"]),
                        }
                    )
            else:
                result = self.results[position]
                if result is None:
                    row["status"] = "failed"
                else:
                    # every year of every project's money, as compare() counts it
                    totals = result.full_window().sum(axis=0)
                    shown = result.money.to_unit(totals.to_numpy(dtype=np.int64))
                    row.update(
                        {
                            "status": str(result.status),
                            "total": float(result.money.to_unit(np.array([int(totals.sum())]))[0]),
                            "peak_year": int(totals.idxmax()) if len(totals) else None,
                            "peak": float(shown.max()) if len(totals) else None,
                            "extra_budget": float(result.extra_budget.sum()),
                            "objective": result.objective,
                        }
                    )
            if "status" in row:
                row["status"] = outcome_word(row["status"], lang)
            for key in ("total", "peak", "extra_budget", "reserve", "total_P80"):
                if row.get(key) is not None:
                    row[key] = money.rescale(row[key], money.display_unit, unit)
            rows.append(row)
        frame = pd.DataFrame(rows).set_index("scenario")
        frame.attrs["unit"] = unit
        return headed(frame, lang)

    @property
    def money(self) -> Money:
        """The money of the swept plans (of the first that ran)."""
        for run in (*self.results, *self.risks):
            if run is not None:
                return run.money
        return WAN

    def summary(self, unit: str | None = None, *, lang: str | None = None) -> str:
        """A short report: what ran where, one line per scenario, and the failures, in
        ``lang`` (a failure capex words only in English, such as a solver's, stays so)."""
        lang = check_lang(lang)
        tasks = len(self.names) * max(self.draws, 1)
        what = (
            term("sweep_what_draws", lang, n=len(self.names), draws=f"{self.draws:,}")
            if self.draws
            else term("sweep_what", lang, n=len(self.names))
        )
        headline = term(
            "sweep_headline",
            lang,
            what=what,
            tasks=f"{tasks:,}",
            batches=self.batches,
            executor=said(self.executor, lang),
        )
        lines = [f"{headline}, {self.runtime:.2f} s", self.to_frame(unit, lang=lang).to_string()]
        if len(self.failures):
            grouped = self.failures.groupby(["scenario", "error"], sort=False).size()
            lines.append(term("sweep_failed", lang, n=len(self.failures)))
            for (scenario, error), count in grouped.items():
                line = term(
                    "sweep_failure", lang, scenario=scenario, n=count, error=said(error, lang)
                )
                lines.append(f"  {line}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        what = f"{len(self.names)} scenarios" + (f" x {self.draws} draws" if self.draws else "")
        return f"<SweepResult: {what}, {len(self.failures)} failed, {self.runtime:.2f} s>"


# ---------------------------------------------------------------------------------------
# putting the pieces together
# ---------------------------------------------------------------------------------------
def assemble(
    job: SweepJob,
    batches: list[list[Piece]],
    *,
    executor: str,
    n_batches: int,
    runtime: float,
) -> SweepResult:
    """The sweep's result from its batches' pieces, in task order."""
    by_scenario: dict[int, list[Piece]] = {}
    for pieces in batches:
        for piece in pieces:
            by_scenario.setdefault(piece.scenario, []).append(piece)
    failures: list[dict[str, Any]] = []
    results: list[PlanResult | None] = []
    risks: list[RiskResult | None] = []
    per = job.tasks_per_scenario
    for position in range(len(job.scenarios)):
        pieces = sorted(by_scenario.get(position, []), key=lambda p: p.first)
        name = job.name(position)
        for piece in pieces:
            if piece.error is not None:
                failures += [
                    {
                        "task": position * per + piece.first + k,
                        "scenario": name,
                        "draw": piece.first + k if job.draws else None,
                        "error": piece.error,
                    }
                    for k in range(piece.count)
                ]
        if job.draws == 0:
            results.append(next((p.result for p in pieces if p.result is not None), None))
            continue
        risks.append(_risk_of(job, position, pieces, failures))
    frame = pd.DataFrame(failures, columns=["task", "scenario", "draw", "error"])
    if job.draws:
        frame["draw"] = frame["draw"].astype("Int64")
    return SweepResult(
        names=tuple(job.name(i) for i in range(len(job.scenarios))),
        draws=job.draws,
        results=tuple(results),
        risks=tuple(risks),
        failures=frame,
        executor=executor,
        batches=n_batches,
        runtime=runtime,
        seed=job.seed,
    )


def _risk_of(
    job: SweepJob, position: int, pieces: list[Piece], failures: list[dict[str, Any]]
) -> RiskResult | None:
    """A scenario's risk result from its pieces (None when no draw ran); failed draws are
    added to ``failures``."""
    name = job.name(position)
    outcomes = [p.outcome for p in pieces if p.outcome is not None]
    draw_failures = [
        {"draw": draw, "error": message} for outcome in outcomes for draw, message in outcome.errors
    ]
    failures += [
        {"task": position * job.draws + row["draw"], "scenario": name, **row}
        for row in draw_failures
    ]
    if not any(outcome.ok.any() for outcome in outcomes):
        return None
    info = next((p.info for p in pieces if p.info is not None), None)
    if info is None:  # the piece with draw 0 was lost: the scenario is prepared here instead
        info = prepare(job, position).info
    joined = Outcome.concat(outcomes)
    ok = joined.ok
    start, width = joined.first_year, joined.annual.shape[1]
    years = pd.Index(range(start, start + width), name="year", dtype=np.int64)
    draws_frame = pd.DataFrame(
        joined.annual[ok],
        index=pd.Index(
            np.concatenate([o.first_draw + np.arange(len(o.status)) for o in outcomes])[ok],
            name="draw",
        ),
        columns=years,
    )
    # keep the plan years and the years some draw or the plan spends in
    planned = info.planned_minor.reindex(years, fill_value=0).to_numpy()
    first, last = info.plan_period
    keep = (
        draws_frame.to_numpy().any(axis=0) | (planned != 0) | ((years >= first) & (years <= last))
    )
    low, high = np.flatnonzero(keep)[[0, -1]]
    draws_frame = draws_frame.iloc[:, low : high + 1]
    statuses = pd.Series(joined.status).value_counts()
    statuses.index.name = "outcome"
    return RiskResult(
        annual_draws_minor=draws_frame,
        planned_minor=info.planned_minor.reindex(draws_frame.columns, fill_value=0).astype(
            np.int64
        ),
        ceilings_minor=info.ceilings_minor,
        drivers_minor=drivers_table(
            info.ids, info.names, info.project_plan_minor, joined.plan_spend[ok]
        ),
        plan_period=info.plan_period,
        method=info.method,
        draws=job.draws,
        seed=job.seed,
        assumptions=info.assumptions,
        statuses=statuses,
        failures=pd.DataFrame(draw_failures, columns=["draw", "error"]),
        runtime=math.nan,
        scenario=None if job.scenarios[position] is None else name,
        money=info.money,
    )
