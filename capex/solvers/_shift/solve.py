"""Choosing the solver, breaking ties between optima, and relaxing an infeasible plan.

:func:`solve` minimises one objective, then a second among the first one's optima (the
lexicographic tie-break): the first is solved, held at its optimum as a constraint, and the
second minimised within a work budget sized to the problem (:func:`tiebreak_work`, never a
share of the time limit), warm-started from the first plan. Ties of the delay broken by the
peak start with :func:`~.exchange.exchange_peak` (pairs of moves that keep the delay), then
the exact MIP where the model is small enough for its budget, else the LP bound; when the
tie-break is not proven, the result says how far the peak may still be above the lowest.

Solvers (:data:`SOLVERS`): ``"highs"`` (the boolean model through :mod:`.highs`; for the
delay objective the bound-and-fix steps of :mod:`.delay`), ``"scip"`` (:mod:`.mathopt`),
``"cp-sat"`` (the boolean model in CP-SAT) and ``"cp-sat-intervals"`` (the scheduling model
of :func:`~.cpsat.solve_intervals`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from capex.errors import CapexError
from capex.solvers._shift import cpsat, fixing, highs, rows
from capex.solvers._shift.arrays import (
    RawSolution,
    ShiftArrays,
    SolveControls,
    SolverError,
)
from capex.solvers._shift.delay import INCREMENTAL_OPTIONS, solve_delay
from capex.solvers._shift.exchange import exchange_peak
from capex.solvers._shift.mathopt import solve_scip
from capex.terms import Message, phrase

SOLVERS = ("auto", "highs", "scip", "cp-sat", "cp-sat-intervals")
"""The solvers :func:`capex.shift` takes."""

INTERVAL_SHIFTS = 12
"""Beyond this many allowed shifts of some project, ``"auto"`` takes the interval model."""


def choose_solver(arrays: ShiftArrays, objective: str, solver: str) -> str:
    """The solver ``"auto"`` stands for: intervals for long horizons, else HiGHS's MIP.

    The boolean model has one variable per project and allowed shift; beyond
    :data:`INTERVAL_SHIFTS` shifts per project (PSPLIB, ``max_delay=None``) the interval
    model is far smaller and CP-SAT's scheduling propagators do the work. The peak objective
    needs the yearly totals as linear rows, so it always uses the boolean model.
    """
    if solver not in SOLVERS:
        raise CapexError(
            phrase("err_solver_unknown_solver", solver=repr(solver), solvers=", ".join(SOLVERS))
        )
    if solver != "auto":
        return solver
    widest = int((arrays.max_delay - arrays.min_delay).max(initial=0)) + 1
    if objective != "peak" and widest > INTERVAL_SHIFTS:
        return "cp-sat-intervals"
    return "highs"


def solve(
    arrays: ShiftArrays,
    objective: str,
    tiebreak: str | None,
    solver: str,
    controls: SolveControls,
    *,
    tiebreak_cap: float | None = None,
) -> RawSolution:
    """Minimise ``objective``, then ``tiebreak`` among its optima; see the module text.

    The tie-break stops on its work budget (:func:`tiebreak_work`); ``tiebreak_cap`` is a
    safety cap in seconds on its solvers' time besides ``controls.cap`` (``None``: none).
    """
    solver = choose_solver(arrays, objective, solver)
    if solver == "cp-sat-intervals" and "peak" in (objective, tiebreak):
        solver = "cp-sat"
    narrowed = fixing.propagate_precedence(arrays)
    if narrowed is None:
        return RawSolution(
            "infeasible",
            None,
            method="precedence propagation",
            messages=[phrase("shift_precedence_cannot_hold")],
        )
    first = optimise(narrowed, objective, solver, controls)
    if tiebreak is None or tiebreak == objective or first.status != "optimal":
        if tiebreak not in (None, objective) and first.status == "feasible":
            first.messages.append(
                phrase("tiebreak_not_pursued", tiebreak=tiebreak, objective=objective)
            )
        return first
    part = controls.with_cap(controls.cap.part(tiebreak_cap))
    return _break_ties(narrowed, first, objective, tiebreak, solver, part)


@dataclass(frozen=True)
class Work:
    """A tie-break's work budget: what each backend may spend before it stops unproven.

    ``nodes`` of branch and bound (HiGHS, SCIP), ``deterministic`` seconds of CP-SAT's counted
    work, and ``mip`` whether HiGHS's MIP runs at all (its root node, which no count bounds,
    grows with the model: on a large model only the exchanges and the LP bound run).
    """

    nodes: int
    deterministic: float
    mip: bool


TIEBREAK_NODES = 500
"""Branch-and-bound nodes a tie-break's MIP may take (HiGHS, SCIP)."""

TIEBREAK_MIP_OPTIONS = 1_000
"""Largest model (project-shift options) on which a tie-break runs HiGHS's MIP: on PSPLIB
j30 and the 35 bundled projects it proves the tie-break in a fraction of a second; at 1,000
projects (3,000 options) its root node alone takes seconds."""

TIEBREAK_WORK_BASE = 1.0
TIEBREAK_WORK_PER_PROJECT = 0.01
"""A tie-break's CP-SAT budget: this much deterministic time, and this much more per project."""


def tiebreak_work(arrays: ShiftArrays) -> Work:
    """The tie-break's work budget, sized to the problem (never to the time limit)."""
    options = int(arrays.option_counts.sum())
    deterministic = TIEBREAK_WORK_BASE + TIEBREAK_WORK_PER_PROJECT * arrays.n_projects
    return Work(TIEBREAK_NODES, deterministic, options <= TIEBREAK_MIP_OPTIONS)


def _break_ties(
    arrays: ShiftArrays,
    first: RawSolution,
    objective: str,
    tiebreak: str,
    solver: str,
    controls: SolveControls,
) -> RawSolution:
    """``tiebreak`` minimised with ``objective`` held at ``first``'s optimum."""
    assert first.delays is not None
    start = first.delays
    if objective == "delay" and tiebreak == "peak":
        # a cheap, deterministic improvement first, kept whatever the MIP does
        start = exchange_peak(arrays, first.delays)
        if arrays.objective_value("delay", start) != arrays.objective_value("delay", first.delays):
            raise SolverError("the peak exchanges changed the delay objective (a bug)")
    method = f"{first.method}, then {tiebreak!r} among the optima"
    answer = RawSolution("optimal", start, first.objective, first.bound, method=method)
    answer.messages = list(first.messages)
    fixed = (objective, float(round(first.objective)))
    second = optimise(
        arrays, tiebreak, solver, controls, fixed=fixed, hint=start, work=tiebreak_work(arrays)
    )
    reached = arrays.objective_value(tiebreak, start)
    if second.delays is not None and arrays.objective_value(tiebreak, second.delays) <= reached:
        answer.delays = second.delays
        reached = arrays.objective_value(tiebreak, second.delays)
    lower = None if math.isnan(second.bound) else second.bound
    proven = (second.status == "optimal" and reached <= second.objective) or (
        lower is not None and reached <= math.ceil(lower - 1e-6)
    )
    if not proven:
        answer.messages.append(_tiebreak_gap(tiebreak, reached, lower))
    return answer


def _tiebreak_gap(tiebreak: str, reached: int, lower: float | None) -> Message:
    """What is known of an unproven tie-break: how far it may be above the best."""
    if lower is None or lower <= 0 or reached <= lower:
        return phrase("tiebreak_unproven", tiebreak=tiebreak)
    gap = reached - math.ceil(lower - 1e-6)
    if tiebreak == "peak":
        return phrase("tiebreak_peak_gap", tiebreak=tiebreak, percent=f"{gap / reached:.2%}")
    return phrase("tiebreak_gap", tiebreak=tiebreak, gap=gap)


def optimise(
    arrays: ShiftArrays,
    objective: str,
    solver: str,
    controls: SolveControls,
    *,
    hint: np.ndarray | None = None,
    fixed: tuple[str, float] | None = None,
    work: Work | None = None,
) -> RawSolution:
    """Minimise ``objective`` with ``solver`` (``fixed = (kind, value)`` holds another
    objective at most at ``value``); objective and bound are recomputed as whole numbers.

    Without ``work`` the search runs until proven (or the time cap stops it); with it, until
    the work budget is spent (a tie-break), the best plan found and the proven bound kept.
    """
    if solver == "cp-sat-intervals":
        deterministic = None if work is None else work.deterministic
        raw = cpsat.solve_intervals(
            arrays, objective, controls, fixed=fixed, hint=hint, work=deterministic
        )
    elif solver == "highs" and objective == "delay" and fixed is None:
        raw = solve_delay(arrays, controls, hint=hint)
    else:
        model = rows.build(arrays, objective, fixed=fixed)
        if solver == "highs":
            raw = _highs_mip(model, controls, hint, work)
        elif solver == "scip":
            raw = solve_scip(model, controls, hint=hint, nodes=None if work is None else work.nodes)
        else:
            deterministic = None if work is None else work.deterministic
            raw = cpsat.solve_booleans(model, controls, hint=hint, work=deterministic)
    if raw.delays is not None:
        raw.objective = float(arrays.objective_value(objective, raw.delays))
        if raw.status == "optimal":
            raw.bound = raw.objective
        elif math.isfinite(raw.bound):
            raw.bound = float(math.ceil(raw.bound - 1e-6))
        else:  # a solver's infinite bound says nothing
            raw.bound = math.nan
    return raw


def _highs_mip(
    model: rows.LinearModel,
    controls: SolveControls,
    hint: np.ndarray | None,
    work: Work | None = None,
) -> RawSolution:
    """A model as HiGHS's MIP (in the incremental form up to :data:`INCREMENTAL_OPTIONS`),
    within ``work`` if given: its node budget, or only the LP bound when the MIP is too large
    to run at all (the ``hint`` is then the plan, unproven)."""
    method = "MIP (HiGHS), one boolean per project and shift"
    options = {}
    if model.n_options <= INCREMENTAL_OPTIONS:
        model = model.incremental()
        options = dict(highs.INCREMENTAL)
    if work is not None and not work.mip:
        out = highs.run(model, controls, relax=True)
        raw = RawSolution("feasible" if hint is not None else "unknown", hint, method=method)
        if out.status == "infeasible":
            raw.status = "infeasible"
        elif out.values is not None:
            raw.bound = out.objective
        return raw
    if work is not None:
        options["mip_max_nodes"] = work.nodes
    out = highs.run(model, controls, hint=hint, options=options)
    raw = RawSolution(out.status, None, method=method)
    if out.values is not None:
        raw.delays = model.delays_from(out.values)
        raw.bound = out.bound
    return raw


def solve_relaxation(arrays: ShiftArrays, controls: SolveControls) -> RawSolution:
    """Least total overload over every (line, year) at the allowed shifts (HiGHS).

    Each ceiling row gets a slack ``s >= 0`` and the objective is the sum of the slacks:
    the overload that stays even at the best allowed shifts.
    """
    narrowed = fixing.propagate_precedence(arrays)
    if narrowed is None:
        return RawSolution("infeasible", None, method="precedence propagation")
    model = rows.build(narrowed, "delay", relax_ceilings=True)
    out = highs.run(model, controls, gap=1e-6)
    raw = RawSolution(out.status, None, method="MIP (HiGHS), least total overload")
    if out.values is not None:
        raw.delays = model.delays_from(out.values)
        raw.objective = out.objective
        raw.slack = narrowed.overload(raw.delays)
    return raw
