"""The selection's checker finds every broken condition from the data, whatever the solver
said: a tampered result fails, a solved one passes."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

import capex
from capex.solvers.check_selection import check_selection

PLAN = (2026, 2030)


@pytest.fixture(scope="module")
def chosen() -> capex.results.SelectionResult:
    frame = pd.DataFrame(
        {
            "id": [1, 2, 3, 4],
            "name": ["甲", "乙", "丙", "丁"],
            "start_year": [2026, 2026, 2027, 2028],
            "end_year": [2027, 2026, 2028, 2028],
            "total_investment": ["2", "1", "2", "1"],
            "plan_investment": ["2", "1", "2", "1"],
        }
    )
    portfolio = capex.load_projects(frame, plan_period=PLAN)
    values = pd.Series({1: 10, 2: 6, 3: 9, 4: 4})
    return capex.select(
        portfolio,
        {2026: 3, 2027: 2, 2028: 3},
        value=values,
        must=[4],
        exclude=[2],
        alternatives=[[1, 2]],
        needs={3: 4},
        envelope=6,
        explain=False,
    )


def _tampered(
    result: capex.results.SelectionResult, **table: object
) -> capex.results.SelectionResult:
    candidates = result.candidates.copy()
    for column, changes in table.items():
        for pid, value in changes.items():
            candidates.loc[pid, column] = value
    return dataclasses.replace(result, candidates=candidates)


def test_a_solved_selection_passes(chosen):
    assert chosen.selected == [1, 3, 4]
    assert check_selection(chosen) == []


@pytest.mark.parametrize(
    ("change", "kind"),
    [
        ({"chosen": {4: False}}, "must"),
        ({"chosen": {2: True}}, "exclude"),
        ({"chosen": {2: True}}, "alternatives"),
        ({"chosen": {4: False}}, "needs"),
        ({"delay": {3: 5}}, "delay"),
        ({"value_scaled": {1: 11}}, "value"),
    ],
)
def test_a_broken_rule_is_found(chosen, change, kind):
    kinds = {v.kind for v in check_selection(_tampered(chosen, **change))}
    assert kind in kinds


def test_a_schedule_that_is_not_the_moved_cash_flow_is_found(chosen):
    schedule = chosen.schedule_minor.copy()
    schedule.loc[1, 2026] -= 1
    schedule.loc[1, 2027] += 1
    broken = dataclasses.replace(chosen, schedule_minor=schedule)
    assert "row_total" in [v.kind for v in check_selection(broken)]


def test_money_over_a_ceiling_or_the_envelope_is_found(chosen):
    schedule = chosen.schedule_minor.copy()
    schedule.loc[3, 2027] += 5_000  # 0.5 亿元 more in 2027, and in the plan period
    broken = dataclasses.replace(chosen, schedule_minor=schedule, envelope_minor=50_000)
    kinds = [v.kind for v in check_selection(broken)]
    assert {"row_total", "ceiling", "envelope"} <= set(kinds)
    over = next(v for v in check_selection(broken) if v.kind == "ceiling")
    assert over.year == 2027 and over.line == "ceiling"


def test_a_chosen_project_without_its_row_is_found(chosen):
    broken = dataclasses.replace(chosen, schedule_minor=chosen.schedule_minor.drop(index=4))
    assert "projects" in {v.kind for v in check_selection(broken)}
    assert np.isin([1, 3, 4], chosen.schedule_minor.index).all()
