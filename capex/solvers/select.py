"""Choosing the next plan: which candidates to fund, within every ceiling, for the most value.

:func:`select` is capital budgeting in its original form (Lorie and Savage 1955, Weingartner
1963): each year's ceiling a constraint of a multidimensional knapsack, the plan period's
total an envelope, the candidates' values (school places, a score, a value framework)
maximised. Projects under way must stay in; a project may need another (and, by the
portfolio's precedence relations, wait for it to finish); of several sites at most one is
chosen; starts may move by whole years. The answer is exact (proven optimal, or the gap
stated), checked independently of the solver (:func:`capex.solvers.check_selection`), and explained:
each candidate left out gets the reason and the value lost if it were forced in, each
capped year the value one more 亿元 would buy, both by exact re-solves.

The model shares the deferral engine's arrays and rows (:mod:`capex.solvers._shift`); the
strategy is in :mod:`capex.solvers._select`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import CapexError
from capex.io.bank import Bank, load_bank
from capex.model.budget import resolve_lines
from capex.model.limits import check_solver_controls
from capex.model.money import to_decimal
from capex.model.portfolio import Portfolio
from capex.model.provenance import recorded
from capex.model.value import ValuationError, resolve_values
from capex.solvers._select import explain as explaining
from capex.solvers._select.arrays import NOT_CHOSEN
from capex.solvers._select.problem import SelectProblem, build, read_rules
from capex.solvers._select.solve import SOLVERS, Solution, least_overload, solve
from capex.solvers._shift.arrays import NO_CEILING, SolveControls
from capex.solvers.check_selection import check_selection
from capex.solvers.result import Status
from capex.solvers.selection import Frontier, SelectionResult
from capex.terms import phrase

__all__ = ["SelectionResult", "frontier", "select"]

NO_TIME_LIMIT = None
"""Seconds meant by ``time_limit=None``."""


def select(
    candidates: Any,
    ceilings: Any = None,
    *,
    value: Any,
    envelope: Any = None,
    must: Any = None,
    exclude: Any = None,
    alternatives: Iterable[Iterable[Any]] | None = None,
    max_delay: Any = 0,
    needs: Any = None,
    school_type: Any = None,
    even_split: bool = False,
    profile: Any = "uniform",
    explain: bool | int = True,
    solver: str = "auto",
    time_limit: float | None = 10.0,
    seed: int = 0,
    num_workers: int = 1,
    log: bool = False,
    sheet: str | int | None = None,
    encoding: str = "utf-8",
    unplaceable: str = "after",
) -> SelectionResult:
    """Choose the candidates (and, with ``max_delay``, their starts) of most total value
    whose spending fits every ceiling and the envelope.

    Parameters
    ----------
    candidates
        The project bank: a :class:`~capex.model.portfolio.Portfolio` (its cash flow from its
        profiles), a phased :class:`~capex.model.baseline.Baseline` (each year's amount as given),
        a :class:`~capex.io.bank.Bank`, a hand-over (:class:`~capex.afterlife.rollforward.HandOver`: its
        next plan), or a workbook, CSV file or DataFrame that :func:`capex.load_bank` reads.
    ceilings
        Ceilings in the display unit (亿元) as :func:`capex.shift` takes them: ``{year:
        亿元}``, one number for every plan year, a :class:`~capex.model.budget.BudgetLine` or a
        list of them (each line's ceilings hold), or ``None`` for the candidates' own
        budget lines. Years after the plan period may be capped too.
    value
        What a project is worth: a column of the bank (``"学位"``, a score) or a numeric
        column of the portfolio, ``"学位"`` or ``"places"`` for school places computed
        from classes and the school type (:mod:`capex.model.places`, when the bank has no such
        column), a Series or mapping by id, or a :class:`~capex.model.value.ValueFramework`.
    envelope
        Most the chosen projects may spend in the plan period, in the display unit
        (亿元); ``None`` for no envelope.
    must
        Ids that must be chosen. ``None`` (the default): the projects under way, the
        portfolio's ``fixed`` column (a project started before the plan period; a
        hand-over's 在建 projects). ``()`` forces none.
    exclude
        Ids that must not be chosen.
    alternatives
        Groups of ids of which at most one is chosen (several sites for one school).
    max_delay
        Whole years a chosen project's start may move later (its whole cash flow moves), one
        number or a mapping by id; projects under way do not move. Among the selections of
        most value, the least (priority-weighted) delay is taken.
    needs
        ``{dependent: prerequisite}`` (or a list of prerequisites, or pairs): a project
        chosen only with the project it needs. The portfolio's precedence relations (must
        finish before ... starts) are needs in time as well.
    school_type, even_split
        For school places: each project's type by id (default: a bank column headed
        ``school_type`` or 学校类型, else the name), and whether classes with no split by
        stage are split evenly (:func:`capex.model.places.school_places`).
    profile
        Spend profile of a portfolio's cash flows (a project's ``profile`` column wins).
    explain
        ``True``: every candidate left out is re-solved with it forced in, and each capped
        year with one more 亿元; an int: only that many of the most valuable candidates
        left out are re-solved (the others keep their reason); ``False``: reasons only, no
        re-solve.
    solver
        ``"auto"`` or ``"highs"`` (the bound, a first selection, the proof by listing, then
        HiGHS's MIP when the list would be too long) or ``"cp-sat"`` (the whole model in
        CP-SAT).
    time_limit, seed, num_workers, log
        Solver controls; ``time_limit`` (seconds, ``None`` for none) caps each solve and is
        said in the result when hit. The proof stops on a count of selections listed,
        never on the clock.
    sheet, encoding
        For a bank read from a file.
    unplaceable
        Where money no year of a window can take goes (:func:`capex.cash_flow`).

    Returns
    -------
    SelectionResult

    Raises
    ------
    CapexError
        Bad candidates, ceilings, rules or values: a candidate whose value is not known
        (a school of unknown type, an empty cell) that is not one the plan must take.

    Examples
    --------
    >>> import capex
    >>> bank = capex.load_projects()
    >>> chosen = capex.select(bank, {2021: 8, 2022: 8, 2023: 8}, value="classes", must=(),
    ...                       exclude=[9, 11, 18], explain=False)  # no classes in their scope
    >>> chosen.status.value, len(chosen.selected) < len(bank)
    ('optimal', True)
    """
    started = time.perf_counter()
    time_limit, seed, num_workers = check_solver_controls(time_limit, seed, num_workers)
    if solver not in SOLVERS:
        raise CapexError(phrase("err_solver_unknown", solver=repr(solver), known=str(SOLVERS)))
    if value is None:
        raise ValuationError(phrase("err_solver_select_no_value"))
    portfolio, bank, flows = _candidates(candidates, sheet, encoding)
    lines = resolve_lines(portfolio, ceilings, any_year=True, whole_flows=True)
    values = resolve_values(
        portfolio, value, bank=bank, school_type=school_type, even_split=even_split
    )
    rules = read_rules(
        portfolio,
        must=must,
        exclude=exclude,
        alternatives=alternatives,
        needs=needs,
        max_delay=max_delay,
    )
    _refuse_unknown_values(values, rules)
    envelope_minor = _envelope(envelope, portfolio)
    problem = build(
        portfolio,
        lines,
        values,
        rules,
        envelope_minor=envelope_minor,
        profile=profile,
        flows_minor=flows,
        unplaceable=unplaceable,
    )
    controls = SolveControls(
        NO_TIME_LIMIT if time_limit is None else time_limit, seed, num_workers, bool(log)
    )
    solution = solve(problem.arrays, controls, solver=solver)
    messages = list(solution.messages)
    if not solution.found:
        messages += _what_breaks(problem, controls, solution)
    rejected: list[explaining.Rejection] = []
    marginals = None
    if solution.found:
        limit = None if explain is True else (0 if explain is False else int(explain))
        rejected = explaining.rejections(problem, solution, controls, limit=limit, solver=solver)
        if explain is not False:
            step = int(portfolio.money.per(portfolio.money.display_unit))
            marginals = explaining.marginals(problem, solution, controls, step, solver=solver)
    result = _result(
        problem,
        solution,
        rejected,
        marginals,
        messages,
        solver=solver,
        runtime=time.perf_counter() - started,
        profile=profile,
        flows=flows,
        controls=(controls.time_limit, seed, num_workers),
    )
    result = recorded(
        result, portfolio, "select", seed=seed, solver=solver, value=_value_name(value),
        envelope=envelope, max_delay=max_delay, profile=profile, time_limit=time_limit,
    )  # fmt: skip
    if result.ok:
        problems = check_selection(result)
        if problems:
            raise CapexError(
                "the selection fails the independent check (a bug): "
                + "; ".join(str(p) for p in problems[:5])
            )
    return result


def frontier(
    result: SelectionResult, envelopes: Iterable[Any], *, unit: str | None = None
) -> Frontier:
    """The best selection at each envelope (in ``unit``, the display unit by default), every
    other rule of ``result`` kept: exact re-solves (see :meth:`SelectionResult.frontier`)."""
    money = result.money
    unit = money.normalize_unit(unit)
    envelopes_minor = []
    for envelope in envelopes:
        try:
            envelopes_minor.append(money.ceiling_to_minor(to_decimal(envelope), unit))
        except (ValueError, ArithmeticError) as error:
            raise CapexError(phrase("err_solver_envelope", reason=str(error))) from None
    if not envelopes_minor:
        raise CapexError(phrase("err_solver_no_envelopes"))
    problem = _problem_of(result)
    time_limit, seed, num_workers = result.controls
    controls = SolveControls(time_limit, seed, num_workers, False)
    points = explaining.frontier(problem, envelopes_minor, controls, solver=result.solver)
    ids = problem.ids
    return Frontier(
        envelopes_minor=tuple(e for e, _ in points),
        statuses=tuple(s.status for _, s in points),
        values_scaled=tuple(s.value for _, s in points),
        bounds_scaled=tuple(s.bound for _, s in points),
        spend_minor=tuple(
            None if s.chosen is None else problem.arrays.plan_spend(s.chosen) for _, s in points
        ),
        chosen=tuple(
            () if s.chosen is None else tuple(ids[s.chosen != NOT_CHOSEN]) for _, s in points
        ),
        names=result.candidates["name"].copy(),
        value_scale=result.value_scale,
        value_label=result.value_label,
        money=money,
    )


# ---------------------------------------------------------------------------------------
# reading the inputs
# ---------------------------------------------------------------------------------------
def _candidates(
    candidates: Any, sheet: Any, encoding: str
) -> tuple[Portfolio, Bank, pd.DataFrame | None]:
    """The candidates as a portfolio, their bank, and a phased cash flow when given one."""
    kind = type(candidates).__name__
    if isinstance(candidates, Bank):
        return candidates.portfolio, candidates, None
    if isinstance(candidates, Portfolio):
        return candidates, Bank(candidates, candidates.source), None
    if kind == "Baseline":
        portfolio = candidates.portfolio
        return portfolio, Bank(portfolio, portfolio.source), candidates.cash_flow.flows_minor
    if kind == "HandOver":
        if candidates.portfolio is None:
            raise CapexError(phrase("err_solver_hand_over_empty"))
        portfolio = candidates.portfolio
        return portfolio, Bank(portfolio, portfolio.source), None
    if isinstance(candidates, str | Path | pd.DataFrame):
        bank = load_bank(candidates, sheet=sheet, encoding=encoding)
        return bank.portfolio, bank, None
    raise CapexError(phrase("err_solver_candidates", kind=type(candidates).__name__))


def _refuse_unknown_values(values: Any, rules: Any) -> None:
    """A candidate the plan may choose must have a known value; a must-chosen one may not
    (its value is counted as nothing, and the findings say so)."""
    must, exclude = set(rules.must), set(rules.exclude)
    unknown = [pid for pid in values.missing if pid not in must and pid not in exclude]
    if not unknown:
        return
    findings = values.findings
    first = unknown[0]
    said = findings[findings["project_id"] == first]["message"].tolist()
    reason = phrase("err_solver_value_reason", reason=said[0]) if said else ""
    others = (
        phrase(
            "err_solver_value_others",
            n=len(unknown) - 1,
            ids=", ".join(map(str, unknown[1:6])),
        )
        if len(unknown) > 1
        else ""
    )
    raise ValuationError(
        phrase("err_solver_value_unknown", project=first, reason=reason, others=others)
    )


def _envelope(envelope: Any, portfolio: Portfolio) -> int | None:
    if envelope is None:
        return None
    try:
        return portfolio.money.ceiling_to_minor(to_decimal(envelope))
    except (ValueError, ArithmeticError) as error:
        raise CapexError(
            phrase("err_solver_envelope_not", value=repr(envelope), reason=str(error))
        ) from None


def _value_name(value: Any) -> str:
    if isinstance(value, str):
        return value
    return type(value).__name__


def _what_breaks(problem: SelectProblem, controls: SolveControls, solution: Solution) -> list[Any]:
    """Sentences saying what keeps every selection from fitting: the least overload of each
    ceiling and the envelope the must-chosen candidates alone make."""
    if solution.status != "infeasible":
        return [phrase("no_plan_in_time")]
    least = least_overload(problem.arrays, controls)
    if least is None:
        return [phrase("select_rules_conflict")]
    _, over, envelope = least
    money = problem.portfolio.money
    out = []
    for line, column in zip(*np.nonzero(over)):
        out.append(
            phrase(
                "select_must_over",
                year=problem.first_year + int(column),
                line=problem.lines[line].name,
                amount=money.format(int(over[line, column])),
            )
        )
    if envelope:
        out.append(phrase("select_must_over_envelope", amount=money.format(int(envelope))))
    return out or [phrase("select_rules_conflict")]


# ---------------------------------------------------------------------------------------
# the result
# ---------------------------------------------------------------------------------------
def _result(
    problem: SelectProblem,
    solution: Solution,
    rejected: list[explaining.Rejection],
    marginals: pd.DataFrame | None,
    messages: list[Any],
    *,
    solver: str,
    runtime: float,
    profile: Any,
    flows: pd.DataFrame | None,
    controls: tuple[float, int, int],
) -> SelectionResult:
    arrays = problem.arrays
    portfolio = problem.portfolio
    ids = problem.ids
    n = len(ids)
    chosen = solution.chosen if solution.chosen is not None else np.full(n, NOT_CHOSEN)
    picked = chosen != NOT_CHOSEN
    delays = np.where(picked, chosen, 0)
    moved = problem.shift.moved_flows(delays)
    first_year = problem.first_year
    first, last = portfolio.plan_period
    plan = slice(first - first_year, last - first_year + 1)
    as_planned = problem.shift.flows[:, plan].sum(axis=1)
    plan_minor = np.where(picked, moved[:, plan].sum(axis=1), as_planned)
    spent = np.flatnonzero(moved[picked].any(axis=0)) if picked.any() else np.zeros(0, int)
    low = min(int(spent.min(initial=first - first_year)), first - first_year)
    high = max(int(spent.max(initial=last - first_year)), last - first_year)
    years = pd.Index(range(first_year + low, first_year + high + 1), name="year")
    schedule = pd.DataFrame(moved[picked][:, low : high + 1], index=ids[picked], columns=years)
    frame = portfolio.frame
    values = problem.values
    candidates = pd.DataFrame(
        {
            "name": frame["name"].to_numpy(),
            "must": arrays.must,
            "excluded": ~arrays.allowed,
            "chosen": picked,
            "delay": chosen.astype(np.int64),
            "start_year": frame["start_year"].to_numpy(np.int64),
            "end_year": frame["end_year"].to_numpy(np.int64),
            "value_scaled": arrays.value,
            "value_known": [values.exact[pid] is not None for pid in ids],
            "plan_minor": plan_minor.astype(np.int64),
            "total_minor": frame["total_minor"].to_numpy(np.int64),
        },
        index=ids,
    )
    names = pd.Index([line.name for line in problem.lines], name="line")
    base = arrays.base
    capacity = base.capacity[:, low : high + 1]
    line_ceilings = pd.DataFrame(
        {
            year: pd.array(
                [None if c == NO_CEILING else int(c) for c in capacity[:, k]], dtype="Int64"
            )
            for k, year in enumerate(years)
        },
        index=names,
    )
    line_totals = pd.DataFrame(
        arrays.line_load(chosen)[:, low : high + 1], index=names, columns=years
    )
    rejections, over = _rejection_tables(problem, solution, rejected)
    marginal_table = _marginal_table(problem, marginals)
    status = Status(solution.status)
    return SelectionResult(
        status=status,
        candidates=candidates,
        schedule_minor=schedule,
        line_ceilings_minor=line_ceilings,
        line_totals_minor=line_totals,
        envelope_minor=problem.envelope_minor,
        plan_spend_minor=arrays.plan_spend(chosen) if solution.found else 0,
        value_scale=values.scale,
        value_label=values.label,
        value_description=values.description,
        objective_scaled=int(solution.value or 0),
        bound_scaled=solution.bound,
        rejections=rejections,
        rejection_over_minor=over,
        marginals=marginal_table,
        findings=values.findings,
        messages=tuple(messages),
        method=solution.method,
        solver=solver,
        runtime=runtime,
        listed=solution.listed,
        plan_period=portfolio.plan_period,
        money=portfolio.money,
        bank=portfolio,
        lines=problem.lines,
        rules=problem.rules,
        profile=getattr(profile, "name", str(profile)),
        flows_minor=flows,
        controls=controls,
    )


def _rejection_tables(
    problem: SelectProblem, solution: Solution, rejected: list[explaining.Rejection]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    ids = problem.ids
    chosen = solution.chosen
    rows, over_rows = [], []
    for item in rejected:
        pid = ids[item.position]
        row: dict[str, Any] = {
            "id": pid,
            "reason": item.reason,
            "other": ",".join(str(ids[k]) for k in item.other),
            "delay": item.delay,
            "forced_status": None,
            "forced_value_scaled": pd.NA,
            "value_lost_scaled": pd.NA,
            "leave": "",
            "enter": "",
        }
        forced = item.forced
        if forced is not None:
            row["forced_status"] = forced.status
            if forced.chosen is not None and chosen is not None:
                row["forced_value_scaled"] = forced.value
                row["value_lost_scaled"] = (solution.value or 0) - (forced.value or 0)
                now = forced.chosen != NOT_CHOSEN
                before = chosen != NOT_CHOSEN
                row["leave"] = ",".join(str(i) for i in ids[before & ~now])
                row["enter"] = ",".join(
                    str(i)
                    for k, i in enumerate(ids)
                    if now[k] and not before[k] and k != item.position
                )
        rows.append(row)
        for line, column, amount in item.over:
            over_rows.append(
                {
                    "project_id": pid,
                    "line": "" if line < 0 else problem.lines[line].name,
                    "year": pd.NA if column < 0 else problem.first_year + column,
                    "over_minor": amount,
                }
            )
    columns = ["reason", "other", "delay", "forced_status", "forced_value_scaled",
               "value_lost_scaled", "leave", "enter"]  # fmt: skip
    table = pd.DataFrame(rows, columns=["id", *columns]).set_index("id")
    for column in ("forced_value_scaled", "value_lost_scaled"):
        table[column] = pd.array(table[column].tolist(), dtype="Int64")
    over = pd.DataFrame(over_rows, columns=["project_id", "line", "year", "over_minor"])
    over["year"] = pd.array(over["year"].tolist(), dtype="Int64")
    over["over_minor"] = over["over_minor"].astype(np.int64)
    return table, over


def _marginal_table(problem: SelectProblem, marginals: pd.DataFrame | None) -> pd.DataFrame:
    columns = [
        "line",
        "year",
        "step_minor",
        "status",
        "value_scaled",
        "gain_scaled",
        "lp_dual_scaled",
    ]
    if marginals is None or not len(marginals):
        return pd.DataFrame(columns=columns)
    money = problem.portfolio.money
    step = int(money.per(money.display_unit))
    rows = []
    for item in marginals.itertuples(index=False):
        rows.append(
            {
                "line": "" if item.line < 0 else problem.lines[item.line].name,
                "year": pd.NA if item.column < 0 else problem.first_year + int(item.column),
                "step_minor": step,
                "status": item.status,
                "value_scaled": item.value,
                "gain_scaled": item.gain,
                "lp_dual_scaled": float(item.lp_dual),
            }
        )
    table = pd.DataFrame(rows, columns=columns)
    for column in ("year", "value_scaled", "gain_scaled"):
        table[column] = pd.array(
            [None if v is None or pd.isna(v) else int(v) for v in table[column]], dtype="Int64"
        )
    return table


def _problem_of(result: SelectionResult) -> SelectProblem:
    """The problem a result was made from, built again from its plain inputs."""
    from capex.model.value import Values

    exact = result.values()
    values = Values.of(
        exact,
        result.value_label,
        result.value_description,
        result.findings,
    )
    return build(
        result.bank,
        result.lines,
        values,
        result.rules,
        envelope_minor=result.envelope_minor,
        profile=result.profile,
        flows_minor=result.flows_minor,
    )
