"""Searches by one-year moves: a first plan for the delay, and a lower peak among the optima.

A *move* shifts one project by one year either way within its limits. Every round of a
search evaluates all moves at once as arrays (what each changes in every year and line),
takes the best by a fixed rule (ties to the lower index), and stops when none helps: the
searches are deterministic and never leave the allowed shifts or break a precedence pair.

* :func:`first_plan` turns a rounded LP plan into a plan that holds every ceiling (moving
  the project that removes most overload per unit of objective) and then lowers its delay
  while it still fits: the starting plan a MIP is warm-started from;
* :func:`exchange_peak` lowers the peak annual total by moves and pairs of moves that keep
  the weighted delay exactly.
"""

from __future__ import annotations

import numpy as np

from capex.solvers._shift.arrays import ShiftArrays

EXCHANGE_WORK = 10_000_000
"""Array entries one round of :func:`exchange_peak` may compare (moves out of the peak year
tried x partner moves x years x lines): a fixed budget, so the search stays deterministic."""

EXCHANGE_ROUNDS = 400
"""Most rounds of :func:`exchange_peak` (each lowers the peak or the years at it)."""

REPAIR_ROUNDS_PER_PROJECT = 4
"""Most rounds of :func:`first_plan` per project (each applies one move)."""

ROOM = np.iinfo(np.int64).max // 4
"""Room left in a year without a ceiling (more than any load)."""


def moves(arrays: ShiftArrays, delays: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every allowed one-year move: project, step (-1 or +1) and change of the weighted delay.

    A move is allowed when the new shift is within the project's limits and every
    precedence pair it takes part in still holds.
    """
    n = arrays.n_projects
    project = np.repeat(np.arange(n), 2)
    step = np.tile(np.array([-1, 1]), n)
    moved = delays[project] + step
    allowed = (moved >= arrays.min_delay[project]) & (moved <= arrays.max_delay[project])
    if len(arrays.edges):
        # room of each pair: how far its 'before' may move later or its 'after' earlier
        before, after = arrays.edges[:, 0], arrays.edges[:, 1]
        room = (arrays.win_start[after] + delays[after]) - (
            arrays.win_end[before] + delays[before] + 1
        )
        later = np.full(n, ROOM)
        earlier = np.full(n, ROOM)
        np.minimum.at(later, before, room)
        np.minimum.at(earlier, after, room)
        allowed &= np.where(step > 0, later[project], earlier[project]) > 0
    project, step = project[allowed], step[allowed]
    cost = arrays.weight[project] * (np.abs(delays[project] + step) - np.abs(delays[project]))
    return project, step, cost


def changes(flows: np.ndarray, start: np.ndarray, step: np.ndarray, n_years: int) -> np.ndarray:
    """``(k, n_years)``: how each row's yearly amounts change when its start moves by ``step``."""
    k, span = flows.shape
    out = np.zeros((k, n_years), dtype=np.int64)
    rows = np.repeat(np.arange(k), span)
    before = (start[:, None] + np.arange(span)[None, :]).ravel()
    np.add.at(out, (rows, before + np.repeat(step, span)), flows.ravel())
    np.add.at(out, (rows, before), -flows.ravel())
    return out


def line_changes(
    arrays: ShiftArrays, delays: np.ndarray, project: np.ndarray, step: np.ndarray
) -> np.ndarray:
    """``(k, n_lines, n_years)``: what each move changes on every line in every year."""
    start = arrays.offset[project] + delays[project]
    if not arrays.n_lines:
        return np.zeros((project.size, 0, arrays.n_years), dtype=np.int64)
    return np.stack(
        [
            changes(arrays.loads[line][project], start, step, arrays.n_years)
            for line in range(arrays.n_lines)
        ],
        axis=1,
    )


def room(arrays: ShiftArrays, delays: np.ndarray) -> np.ndarray:
    """``(n_lines, n_years)``: how much each line may still draw in each year."""
    return np.where(arrays.capped, arrays.capacity - arrays.line_load(delays), ROOM)


def first_plan(arrays: ShiftArrays, start: np.ndarray) -> np.ndarray | None:
    """A plan that holds every ceiling, from ``start`` (a rounded LP plan); ``None`` if the
    repair gets stuck.

    First each project moves later until every precedence pair holds; then the repair:
    while some (line, year) is over its ceiling, apply the move that removes the most
    overload per unit of weighted delay it adds (a move that lowers the delay and the
    overload first). Improve: while some move lowers the delay and keeps every ceiling,
    apply the one that lowers it most.
    """
    delays = _after_predecessors(
        arrays, np.clip(start.astype(np.int64), arrays.min_delay, arrays.max_delay)
    )
    if delays is None:
        return None
    rounds = REPAIR_ROUNDS_PER_PROJECT * max(arrays.n_projects, 1)
    for _ in range(rounds):
        project, step, cost = moves(arrays, delays)
        if project.size == 0:
            break
        left = room(arrays, delays)
        over = np.maximum(-left, 0)
        change = line_changes(arrays, delays, project, step)
        after = np.maximum(change - left[None], 0).sum(axis=(1, 2))
        if over.any():
            removed = over.sum() - after
            score = np.where(cost <= 0, removed * 1e12, removed / np.maximum(cost, 1e-9))
            score = np.where(removed > 0, score, -np.inf)
            best = int(np.argmax(score))
            if score[best] == -np.inf:
                return None
        else:
            better = np.flatnonzero((after == 0) & (cost < 0))
            if better.size == 0:
                break
            best = int(better[np.argmin(cost[better])])
        delays[project[best]] += step[best]
    return delays if arrays.fits(delays) else None


def _after_predecessors(arrays: ShiftArrays, delays: np.ndarray) -> np.ndarray | None:
    """``delays`` with each project moved later until it starts after its predecessors end
    (``None`` when that passes some project's limit)."""
    if not len(arrays.edges):
        return delays
    before, after = arrays.edges[:, 0], arrays.edges[:, 1]
    gap = arrays.win_end[before] + 1 - arrays.win_start[after]
    for _ in range(arrays.n_projects + 1):
        pushed = delays.copy()
        np.maximum.at(pushed, after, delays[before] + gap)
        if (pushed == delays).all():
            break
        delays = pushed
    return delays if (delays <= arrays.max_delay).all() else None


def exchange_peak(
    arrays: ShiftArrays, delays: np.ndarray, rounds: int = EXCHANGE_ROUNDS
) -> np.ndarray:
    """Lower the peak annual total by moves that keep the weighted delay exactly.

    A round takes the moves that draw most out of the first peak year (as many as
    :data:`EXCHANGE_WORK` allows, at least 8) and pairs each with every move of the
    opposite change of the delay (or takes it alone if it changes nothing), keeps the pair
    that leaves the lowest peak (then the fewest years at it) with every ceiling and
    precedence pair holding, and stops when no pair improves. The weighted delay and
    feasibility never change, so the first objective's optimum stays.
    """
    delays = delays.astype(np.int64).copy()
    n_years = arrays.n_years
    counted = slice(arrays.peak_from, n_years)
    if arrays.n_projects == 0 or arrays.peak_from >= n_years:
        return delays
    for _ in range(rounds):
        project, step, cost = moves(arrays, delays)
        if project.size == 0:
            break
        total_change = changes(
            arrays.totals[project], arrays.offset[project] + delays[project], step, n_years
        )
        line_change = line_changes(arrays, delays, project, step)
        totals = arrays.annual_total(delays)
        left = room(arrays, delays)
        peak = int(totals[counted].max())
        at_peak = int((totals[counted] == peak).sum())
        peak_year = arrays.peak_from + int(np.argmax(totals[counted]))
        out_of_peak = np.flatnonzero(total_change[:, peak_year] < 0)
        if out_of_peak.size == 0:
            break
        tried = max(8, EXCHANGE_WORK // (project.size * n_years * (1 + arrays.n_lines)))
        order = out_of_peak[np.argsort(total_change[out_of_peak, peak_year], kind="stable")][:tried]
        best: list[tuple[int, int, int, int]] = []  # (peak, years at it, move, partner or -1)
        for first in order:
            partners = np.flatnonzero((cost == -cost[first]) & (project != project[first]))
            change = total_change[first][None, :] + total_change[partners]
            lines = line_change[first][None, :, :] + line_change[partners]
            if cost[first] == 0:  # the move alone keeps the objective too
                partners = np.append(partners, -1)
                change = np.vstack([change, total_change[first][None, :]])
                lines = np.concatenate([lines, line_change[first][None, :, :]])
            fits = (lines <= left[None, :, :]).all(axis=(1, 2))
            new = totals[None, counted] + change[:, counted]
            new_peak = new.max(axis=1)
            new_count = (new == new_peak[:, None]).sum(axis=1)
            better = fits & ((new_peak < peak) | ((new_peak == peak) & (new_count < at_peak)))
            for k in np.flatnonzero(better):
                best.append((int(new_peak[k]), int(new_count[k]), int(first), int(partners[k])))
        accepted = False
        for _, _, first, second in sorted(best):
            trial = delays.copy()
            trial[project[first]] += step[first]
            if second >= 0:
                trial[project[second]] += step[second]
            if len(arrays.edges) and not arrays.precedence_holds(trial):
                continue  # each move keeps its pairs; two together may not
            delays = trial
            accepted = True
            break
        if not accepted:
            break
    return delays
