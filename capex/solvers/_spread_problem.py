"""The spread as solver-free arrays: units, their targets, budget lines and groups.

A *unit* is a project, or, when budget lines fund shares of it, one funded part of it (one
part per share line and one for the rest, split exactly by largest remainder; a line within
another, as a funding source within its parent, counts its part against both), as
:func:`capex.model.budget.funded_parts` splits them. Each unit has
an amount ``p_u`` (minor units) to place in its plan years ``lo_u..hi_u`` (positions from the first
plan year), an integer profile target ``t[u, y]`` summing to ``p_u``, and the budget lines it
draws on: a project draws on the rule lines it matches; a funded part also on its own share
line. Units with the same years and lines are interchangeable for every ceiling and are
solved together as one group (:func:`capex.solvers._flow.make_groups`).

Both solvers read this: the min-cost flow (:mod:`capex.solvers._flow`) when the lines nest or
are disjoint, the integer program (:mod:`capex.solvers._lines_mip`) when they overlap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from capex.model.budget import BudgetLine, funded_parts
from capex.model.cashflow import plan_target_matrix
from capex.model.money import WAN, Money
from capex.model.portfolio import Portfolio
from capex.solvers._flow import NO_CEILING, Groups, line_tree, make_groups, overlapping_lines


@dataclass
class SpreadProblem:
    """Units, their targets and budget lines as arrays, and the units grouped."""

    lines: tuple[BudgetLine, ...]
    ids: pd.Index
    first_year: int
    n_years: int
    unit_project: np.ndarray  # (U,) project position
    unit_line: np.ndarray  # (U,) funding line of a part (-1: a whole project or the rest)
    unit_amount: np.ndarray  # (U,)
    unit_target: np.ndarray  # (U, Y)
    unit_lo: np.ndarray  # (U,) first plan-year position
    unit_hi: np.ndarray  # (U,) last plan-year position
    unit_lines: np.ndarray  # (U, L) bool: lines the unit counts against
    capacity: np.ndarray  # (L, Y) ceilings in minor units, NO_CEILING for none
    groups: Groups
    has_shares: bool
    money: Money = WAN

    @classmethod
    def build(
        cls, portfolio: Portfolio, lines: tuple[BudgetLine, ...], profile: Any
    ) -> SpreadProblem:
        """The arrays of a spread of ``portfolio`` under ``lines``, aimed at ``profile``."""
        first, last = portfolio.plan_period
        n_years = last - first + 1
        plan = portfolio.column("plan_minor").astype(np.int64)
        target = plan_target_matrix(portfolio, profile)
        lo_all, hi_all = portfolio.plan_windows()
        # the table is copied only for lines that read it (a line over all projects does not)
        frame = (
            portfolio.frame
            if any(line.rule is not None or line.is_shared for line in lines)
            else None
        )
        n_lines = len(lines)
        # the one split of projects into the parts share lines fund (capex.model.budget)
        parts = funded_parts(lines, frame, plan, target)
        unit_project_a, unit_line_a, unit_lines = parts.project, parts.line, parts.on_lines
        split = parts.has_shares

        capacity = np.full((n_lines, n_years), NO_CEILING, dtype=np.int64)
        for k, line in enumerate(lines):
            for year, cap in line.ceilings_minor(portfolio.money).items():
                capacity[k, year - first] = cap
        unit_lo = lo_all[unit_project_a] - first
        unit_hi = hi_all[unit_project_a] - first
        unit_amount_a = parts.amount
        unit_target_a = parts.target.reshape(-1, n_years)
        groups = make_groups(unit_lo, unit_hi, unit_lines, unit_amount_a, unit_target_a)
        return cls(
            lines,
            portfolio.ids,
            first,
            n_years,
            unit_project_a,
            unit_line_a,
            unit_amount_a,
            unit_target_a,
            unit_lo,
            unit_hi,
            unit_lines,
            capacity,
            groups,
            split,
            portfolio.money,
        )

    def per_project(self, unit_values: np.ndarray) -> np.ndarray:
        """``(projects, years)``: each project's units' values added up (zero for a project
        without units: no plan investment)."""
        if not self.has_shares and len(self.unit_project) == len(self.ids):
            return unit_values  # unit i is project i (the units are in project order)
        out = np.zeros((len(self.ids), self.n_years), dtype=np.int64)
        if self.has_shares:
            np.add.at(out, self.unit_project, unit_values)
        else:  # one unit per project at most: a plain assignment
            out[self.unit_project] = unit_values
        return out

    def tree(self) -> tuple[np.ndarray, np.ndarray] | None:
        """``(parent, leaf)`` of the lines when they nest or are disjoint, else ``None``.

        See :func:`capex.solvers._flow.line_tree`.
        """
        return line_tree(self.groups.lines)

    def all_projects_line(self) -> int:
        """Index of the first line over every project in full, or -1."""
        for k, line in enumerate(self.lines):
            if not line.is_shared and self.unit_lines[:, k].all():
                return k
        return -1

    def overlapping_pair(self) -> tuple[str, str] | None:
        """Names of two lines that share some units but neither holds the other, or ``None``."""
        pair = overlapping_lines(self.groups.lines)
        return None if pair is None else (self.lines[pair[0]].name, self.lines[pair[1]].name)
