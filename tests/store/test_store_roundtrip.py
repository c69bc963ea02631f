"""Round trip, by hypothesis: every kind of object saved and loaded is equal, field by field,
money exact, on SQLite and on PostgreSQL; and every object capex makes from the bundled
plan, as it makes it."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings

import capex
from store.same_objects import assert_same
from store.strategies import KINDS

_names = itertools.count(1)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_saved_and_loaded_is_equal_on_both_engines(kind, both_stores):
    @settings(max_examples=6, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(KINDS[kind])
    def check(obj):
        for store in both_stores:
            version = store.save(obj, f"{kind} {next(_names)}", author="王芳")
            assert version.kind == kind
            assert_same(store.load(version.name), obj, kind)

    check()


@pytest.fixture(scope="module")
def made(yuecheng):
    """Every kind of object, as capex makes it from the bundled plan and made-up actuals."""
    ceilings = {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9}
    plan = capex.spread(yuecheng, ceilings)
    actuals = capex.load_actuals("examples/made_up_actuals_2018_2025.csv")
    return {
        "portfolio": yuecheng,
        "spread": plan,
        "shift": capex.shift(yuecheng, {y: c * 0.9 for y, c in ceilings.items()}, max_delay=2),
        "actuals": actuals,
        "variance": capex.variance(plan, actuals, portfolio=yuecheng, as_of=2023, lang="zh"),
        "reforecast": capex.reforecast(yuecheng, actuals, as_of=2024, ceilings={2025: 12}),
        "hand-over": capex.roll_forward(yuecheng, actuals, next_period=(2026, 2030)),
        "scenario": capex.Scenario.from_file("examples/later.toml"),
        "scenario result": capex.Scenario.from_file("examples/cut.toml").run(yuecheng, ceilings),
        "comparison": capex.compare(
            plan, capex.Scenario.from_file("examples/later.toml").run(yuecheng, ceilings)
        ),
        "reconciliation": capex.reconcile(yuecheng),
    }


def test_what_capex_makes_from_the_bundled_plan_loads_as_made(store, made):
    for label, obj in made.items():
        store.save(obj, label, author="王芳")
    for label, obj in made.items():
        assert_same(store.load(label), obj, label)
