"""The strategy: a bound, a first selection, then a proof by listing or a MIP.

1. The linear relaxation (HiGHS, :func:`~capex.solvers._shift.highs.run`) prices the rows;
   :func:`~.enumerate.prices` turns the prices into a bound ``U`` that no selection beats
   and a reduced cost per option.
2. A first selection (:func:`~.first.first_choice`): the relaxation's whole choices,
   repaired and filled greedily; or the caller's, if better.
3. Every selection's value is a multiple of ``g``, the greatest common divisor of the
   values, so a selection worth more than ``U - g`` is optimal. Otherwise the selections
   within a distance ``G`` of the bound are listed (:func:`~.enumerate.search`) for
   ``G = g, 2g, 4g, ...``: the first list that holds a selection holds the optimum, and a
   list that reaches the first selection's value proves it optimal. Each list is counted
   before it is made and made only while it is below :data:`LIST_WORK` sets: a work limit,
   never a time.
4. Beyond that, the whole MIP (HiGHS, or CP-SAT with ``solver="cp-sat"``), each option the
   reduced costs rule out fixed, warm-started from the best selection; what the lists
   proved (no selection within ``G`` of the bound) tightens the bound it reports.

With starts allowed to move (``max_delay``), the weighted delay is then minimised among
the optima (the tie-break), holding the value. Every answer is exact: its status says
whether it is proven, and its bound says how far it may be from the best.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from capex.errors import CapexError
from capex.solvers._highs import WHOLE_NUMBER_GAP
from capex.solvers._select import enumerate as listing
from capex.solvers._select import rows
from capex.solvers._select.arrays import NOT_CHOSEN, SelectArrays
from capex.solvers._select.first import first_choice
from capex.solvers._shift import cpsat, highs
from capex.solvers._shift.arrays import SolveControls
from capex.solvers._shift.rows import ceiling_cells
from capex.solvers._stopping import TimeCap
from capex.terms import phrase

SOLVERS = ("auto", "highs", "cp-sat")
"""The solvers :func:`capex.select` takes: ``"auto"`` and ``"highs"`` run the strategy of
this module with HiGHS for the MIP; ``"cp-sat"`` gives CP-SAT the whole model."""

LIST_WORK = 2_000_000
"""Most sets the lists of :func:`~.enumerate.search` may hold together: beyond it, the MIP."""

PRIMAL_OPTIONS = 2_000
"""Largest model (options) in which ``"auto"`` lets CP-SAT search for a better selection
before HiGHS proves (CP-SAT's model building grows with the size; HiGHS does better alone
on larger ones)."""

CORE_SHARES = (0.1, 0.2, 0.35)
"""The cores :func:`_core_search` tries, each the options whose reduced cost is within this
share of the gap between the relaxation's bound and the best value so far."""

CORE_WORK = 1.0
"""CP-SAT's deterministic time for each core (a work count, not seconds)."""

PRIMAL_WORK = 2.0
"""CP-SAT's deterministic time for that search: a count of work, not seconds."""

TIEBREAK_NODES = 500
"""Branch-and-bound nodes the tie-break's MIP may take (a work count, so that the same
inputs give the same selection on any machine); past it, the tie-break is said unproven."""


def _within(controls: SolveControls, seconds: float | None = None) -> SolveControls:
    """Controls for one solver run drawing on the call's time cap (a safety cap, said in
    the result when hit), at most ``seconds`` of it."""
    return controls.with_cap(controls.cap.part(seconds))


@dataclass
class Solution:
    """What a solve found.

    ``status`` is ``"optimal"``, ``"feasible"`` (a selection, not proven best: ``bound``
    says how far it may be from the best), ``"infeasible"`` or ``"unknown"``; ``value``
    and ``bound`` are in the scaled value (``bound`` the most any selection is worth).
    ``ceiling_duals`` (lines x years) and ``envelope_dual`` are the relaxation's prices of
    one more minor unit, in the scaled value: linear-programming duals, not exact.
    """

    status: str
    chosen: np.ndarray | None
    value: int | None = None
    bound: int | None = None
    method: str = ""
    messages: list[Any] = field(default_factory=list)
    relaxation: float = math.nan
    ceiling_duals: np.ndarray | None = None
    envelope_dual: float = 0.0
    listed: int = 0

    @property
    def found(self) -> bool:
        return self.chosen is not None


def value_step(arrays: SelectArrays) -> int:
    """``g``: every selection's value is a multiple of it (the values' greatest common
    divisor; 1 when every value is 0)."""
    values = np.abs(arrays.value[arrays.allowed | arrays.must])
    step = int(np.gcd.reduce(values)) if values.size else 0
    return step if step > 0 else 1


def solve(
    arrays: SelectArrays,
    controls: SolveControls,
    *,
    solver: str = "auto",
    hint: np.ndarray | None = None,
    work: int = LIST_WORK,
    tiebreak: bool = True,
) -> Solution:
    """The most valuable selection (see the module text)."""
    if solver not in SOLVERS:
        raise CapexError(phrase("err_solver_unknown", solver=repr(solver), known=str(SOLVERS)))
    # each solve (a re-solve for an explanation too) has the whole time limit as its cap
    controls = controls.with_cap(TimeCap(controls.time_limit))
    model = rows.build(arrays)
    lp = highs.run(model, _within(controls), relax=True)
    if lp.status == "infeasible":
        return Solution("infeasible", None, method="linear relaxation (HiGHS)")
    step = value_step(arrays)
    if lp.values is None or lp.row_duals is None:
        answer = _mip(arrays, controls, None, None, solver, step, None)
        return _tiebroken(arrays, answer, controls, tiebreak)
    found = listing.prices(model, lp.row_duals)
    best = first_choice(arrays, model, lp.values, found.reduced)
    if (
        hint is not None
        and arrays.fits(hint)
        and (best is None or arrays.objective(hint) > arrays.objective(best))
    ):
        best = np.asarray(hint, dtype=np.int64).copy()
    duals = _duals(arrays, model, found.row_duals)
    bound = _below(found.bound + found.tolerance, step)

    if solver == "cp-sat":
        answer = _mip(arrays, controls, best, found, solver, step, bound)
        answer.relaxation, (answer.ceiling_duals, answer.envelope_dual) = found.bound, duals
        return _tiebroken(arrays, answer, controls, tiebreak)

    best_value = arrays.objective(best) if best is not None else None
    method = "linear relaxation (HiGHS), then every selection near its bound listed"
    answer: Solution | None = None
    listed = 0
    distance = float(step)
    everything = float(found.penalty[found.movable].sum()) + found.tolerance
    while (best_value is None or best_value < bound) and controls.cap.left():
        full = math.inf if best_value is None else found.bound - (best_value + step)
        reach = min(distance, full)
        target = math.ceil(found.bound - reach - found.tolerance)
        if best_value is not None:
            target = max(target, best_value + step)
        complete = reach >= everything  # every choice is in the list: take the best of all
        if complete and best_value is None:
            target = -(2**62)
        result = listing.search(arrays, model, found, reach, target, work - listed)
        if result is None:  # the list would be too long: the MIP
            answer = _mip(arrays, controls, best, found, solver, step, bound)
            break
        listed += result.listed
        if result.chosen is not None:  # the best of a list that holds every better one
            best, best_value = result.chosen, result.value
            bound = best_value
            break
        if reach >= full:  # nothing beats the first selection
            bound = best_value
            break
        if complete and best_value is None:  # every choice was listed: none fits
            answer = Solution("infeasible", None, method=method)
            break
        bound = min(bound, _below(target - 1, step))  # nothing is worth ``target`` or more
        distance *= 2
    if answer is None:
        if best is None:
            answer = Solution("unknown", None, bound=bound, method=method)
        elif best_value >= bound:
            answer = Solution("optimal", best, best_value, best_value, method)
        else:
            answer = Solution("feasible", best, best_value, bound, method)
            answer.messages.append(phrase("select_no_time"))
    answer.listed = listed
    answer.relaxation = found.bound
    answer.ceiling_duals, answer.envelope_dual = duals
    return _tiebroken(arrays, answer, controls, tiebreak)


def _below(value: float, step: int) -> int:
    """The largest multiple of ``step`` at most ``value``."""
    return math.floor(value / step) * step if math.isfinite(value) else 2**62


def _duals(arrays: SelectArrays, model: Any, row_duals: np.ndarray) -> tuple[np.ndarray, float]:
    """The relaxation's value of one more minor unit of each ceiling and of the envelope."""
    base = arrays.base
    out = np.zeros((base.n_lines, base.n_years))
    ceiling_rows = row_duals[model.family_rows("ceilings")]
    out.ravel()[ceiling_cells(model)] = -ceiling_rows
    envelope = row_duals[model.family_rows("envelope")]
    return out, float(-envelope[0]) if envelope.size else 0.0


def _mip(
    arrays: SelectArrays,
    controls: SolveControls,
    best: np.ndarray | None,
    found: listing.Prices | None,
    solver: str,
    step: int,
    bound: int | None,
) -> Solution:
    """The whole model by MIP solvers, the options the reduced costs rule out fixed.

    ``"auto"``/``"highs"``: first (``"auto"`` only, up to :data:`PRIMAL_OPTIONS` options)
    CP-SAT looks for a better selection for :data:`PRIMAL_WORK` units of its deterministic
    time (a work count; its large-neighbourhood search finds good selections fast), then
    HiGHS proves from the best one. ``"cp-sat"``: CP-SAT alone.
    """
    methods = []
    if solver == "auto" and found is not None and best is not None:
        cored = _core_search(arrays, controls, best, found)
        if cored is not best:
            best = cored
            methods.append("searches of cores near the relaxation by CP-SAT")
    best_value = arrays.objective(best) if best is not None else None
    if found is not None and best_value is not None:
        limited = _fixed_beyond(arrays, found, found.bound - (best_value + step) + found.tolerance)
    else:
        limited = rows.build(arrays)
    inside: list[int] = []  # bounds of the limited model, which holds every better selection
    status, chosen = "unknown", None
    if solver == "cp-sat" or (solver == "auto" and limited.n_options <= PRIMAL_OPTIONS):
        timed = _within(controls)
        work = None if solver == "cp-sat" else PRIMAL_WORK
        raw = cpsat.solve_booleans(limited, timed, hint=best, work=work)
        status = raw.status
        chosen = rows.chosen_from(limited, raw.values) if raw.values is not None else None
        if not math.isnan(raw.bound):
            inside.append(_below(-raw.bound + 1e-6, step))
        methods.append("CP-SAT" if solver == "cp-sat" else "a first search by CP-SAT")
    if solver != "cp-sat" and status not in ("optimal", "infeasible"):
        start = _better(arrays, chosen, best)
        timed = _within(controls)
        out_h = highs.run(limited, timed, hint=start, gap=max(WHOLE_NUMBER_GAP, 0.99 * step))
        status = out_h.status
        chosen = rows.chosen_from(limited, out_h.values) if out_h.values is not None else None
        chosen = _better(arrays, chosen, start)
        if not math.isnan(out_h.bound):
            inside.append(_below(-out_h.bound + 1e-6, step))
        methods.append("MIP (HiGHS)")
    method = " then ".join(methods) + ", one boolean per candidate and start; reduced-cost fixing"
    if chosen is not None and not arrays.fits(chosen):
        raise CapexError(
            "the MIP's selection breaks a condition (a bug): "
            + "; ".join(arrays.broken(chosen)[:3])
        )
    chosen = _better(arrays, chosen, best)  # fixing may leave the first selection out
    value = arrays.objective(chosen) if chosen is not None else None
    if status == "infeasible" and best is None:
        return Solution("infeasible", None, method=method)
    # every selection outside the limited model is worth no more than the first one
    limits = [b for b in (bound,) if b is not None]
    if inside:
        limits.append(max(min(inside), best_value) if best_value is not None else min(inside))
    if chosen is None:
        return Solution("unknown", None, bound=min(limits) if limits else None, method=method)
    # the limited model's optimum (or its emptiness) proves the best
    proven = status in ("optimal", "infeasible")
    top = min(limits) if limits else None
    if proven or (top is not None and value >= top):
        return Solution("optimal", chosen, value, value, method)
    answer = Solution("feasible", chosen, value, top, method)
    answer.messages.append(phrase("select_no_time"))
    return answer


def _fixed_beyond(arrays: SelectArrays, found: listing.Prices, room: float) -> Any:
    """The whole model with every movable option whose reduced cost passes ``room`` fixed
    where the relaxation has it."""
    model = rows.build(arrays)
    fixed = found.movable & (found.penalty > room)
    n = model.n_options
    model.bound_options(
        np.where(fixed, found.base, model.col_lower[:n]),
        np.where(fixed, found.base, model.col_upper[:n]),
    )
    return model


def _core_search(
    arrays: SelectArrays, controls: SolveControls, best: np.ndarray, found: listing.Prices
) -> np.ndarray:
    """A better selection, if one is found, among those that differ from the relaxation's
    rounding only in its *core*: the options whose reduced costs are within a share of the
    gap between the bound and the best value (the others kept as the relaxation has them).

    A heuristic, as the core methods of the knapsack literature are (Puchinger, Raidl and
    Pferschy 2010): a core of a few dozen candidates holds the best selection of most
    instances and CP-SAT settles it in a fraction of the whole model's time. Each core has
    :data:`CORE_WORK` units of CP-SAT's deterministic time, so the answer depends on the
    inputs only; what it finds is then proven (or bounded) by the exact steps after it.
    """
    value = arrays.objective(best)
    if (
        len(found.movable) > PRIMAL_OPTIONS
    ):  # one per option: CP-SAT's model building would dominate
        return best
    for share in CORE_SHARES:
        if not controls.cap.left():
            break
        gap = found.bound - value
        if gap <= 0:
            break
        core = _fixed_beyond(arrays, found, share * gap)
        raw = cpsat.solve_booleans(core, _within(controls), hint=best, work=CORE_WORK)
        if raw.values is None:
            continue
        chosen = rows.chosen_from(core, raw.values)
        if arrays.fits(chosen) and arrays.objective(chosen) > value:
            best, value = chosen, arrays.objective(chosen)
    return best


def _better(
    arrays: SelectArrays, one: np.ndarray | None, other: np.ndarray | None
) -> np.ndarray | None:
    """The more valuable of two selections (``None`` counts for nothing)."""
    if one is None:
        return other
    if other is None:
        return one
    return one if arrays.objective(one) >= arrays.objective(other) else other


def _tiebroken(
    arrays: SelectArrays,
    answer: Solution,
    controls: SolveControls,
    tiebreak: bool,
) -> Solution:
    """Among the optima, the least weighted delay (when starts may move at all)."""
    chosen = answer.chosen
    if (
        not tiebreak
        or answer.status != "optimal"
        or chosen is None
        or not (arrays.base.max_delay > 0).any()
        or arrays.delay_cost(chosen) == 0
    ):
        return answer
    if not controls.cap.left():
        answer.messages.append(phrase("tiebreak_no_time", tiebreak="delay"))
        return answer
    model = rows.build(arrays, objective="delay", hold_value=answer.value)
    out = highs.run(
        model, _within(controls), hint=chosen, options={"mip_max_nodes": TIEBREAK_NODES}
    )
    if out.values is not None:
        candidate = rows.chosen_from(model, out.values)
        if (
            arrays.fits(candidate)
            and arrays.objective(candidate) >= (answer.value or 0)
            and arrays.delay_cost(candidate) < arrays.delay_cost(chosen)
        ):
            answer.chosen = candidate
    if out.status != "optimal":
        answer.messages.append(phrase("tiebreak_unproven", tiebreak="delay"))
    answer.method += "; then the least weighted delay among the optima"
    return answer


def least_overload(
    arrays: SelectArrays, controls: SolveControls
) -> tuple[np.ndarray, np.ndarray, int] | None:
    """When no selection fits: a choice with the least total overload of the ceilings and
    the envelope (the must-chosen candidates at their best starts), its overload per
    (line, year) and over the envelope; ``None`` when even that is not found."""
    model = rows.build(arrays, relax=True)
    out = highs.run(model, _within(controls), gap=1e-6)
    if out.values is None:
        return None
    chosen = rows.chosen_from(model, out.values)
    if not arrays.must[chosen == NOT_CHOSEN].any():
        return chosen, arrays.overload(chosen), arrays.envelope_over(chosen)
    return None
