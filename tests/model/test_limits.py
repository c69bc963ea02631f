"""Arguments past the documented bounds are refused with a clear CapexError, at once."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import capex
import capex.export.registry
from capex.errors import CapexError
from capex.model import limits
from capex.model.limits import (
    LimitError,
    check_draws,
    check_escalation,
    check_flow_capacity,
    check_seed,
    check_solver_controls,
    check_year,
    whole_number,
)
from capex.model.profiles import ProfileError
from capex.risk.tasks import kept_per_draw

INF = float("1e400")  # what "1e400" reads as, in Python and in TOML


def test_whole_numbers_years_and_rates() -> None:
    assert whole_number(3.0, "x", 0, 5) == 3 and check_year(2021.0) == 2021
    assert check_escalation(0.03) == 0.03 and check_escalation(1) == 1.0
    assert check_solver_controls(INF, 0, 1) == (None, 0, 1)
    assert check_solver_controls(None, 7, 2) == (None, 7, 2)
    for bad in (True, "3", 2.5, INF, -INF, math.nan, 6, -1):
        with pytest.raises(LimitError, match="x must be a whole number from 0 to 5"):
            whole_number(bad, "x", 0, 5)
    for year in (20226, -1e9, -1, 10_000):
        with pytest.raises(LimitError, match="0 to 9999"):
            check_year(year)
    for rate in (10, -1, INF, math.nan, "0.03"):
        with pytest.raises(LimitError, match="escalation"):
            check_escalation(rate)


Call = Callable[[capex.Portfolio], Any]


def _periods() -> capex.Portfolio:
    """A programme counted in periods from 0, as a PSPLIB instance is."""
    return capex.Portfolio.from_arrays(
        start_year=np.array([100]),
        end_year=np.array([101]),
        total_minor=np.array([10]),
        plan_minor=np.array([10]),
        plan_period=(100, 110),
    )


REFUSED: list[tuple[str, Call, str]] = [
    ("max_delay 1e6", lambda p: capex.shift(p, {2021: 10}, max_delay=10**6), "max_delay"),
    ("max_delay 1e400", lambda p: capex.shift(p, {2021: 10}, max_delay=INF), "max_delay"),
    (
        "max_delay of a project",
        lambda p: capex.shift(p, {2021: 10}, max_delay={19: INF}),
        "max_delay of project 19",
    ),
    ("seed 1e400", lambda p: capex.shift(p, {2021: 10}, seed=INF), "seed"),
    ("num_workers 1e400", lambda p: capex.shift(p, {2021: 10}, num_workers=INF), "num_workers"),
    ("time_limit NaN", lambda p: capex.shift(p, {2021: 10}, time_limit=math.nan), "time_limit"),
    (
        "spread seed 1e400",
        lambda p: capex.spread(p, {2021: 10}, secondary="peak", seed=INF),
        "seed",
    ),
    ("spread time_limit -1", lambda p: capex.spread(p, {2021: 10}, time_limit=-1), "time_limit"),
    ("shift by 1e6 years", lambda p: capex.Scenario("x", shifts={19: 10**6}), "shift"),
    ("shift by 1e400 years", lambda p: capex.Scenario("x", shifts={19: INF}), "shift"),
    ("escalation 10", lambda p: capex.Scenario("x", shifts={19: 30}, escalation=10), "escalation"),
    ("escalation 1e400", lambda p: capex.Scenario("x", escalation=INF), "escalation"),
    ("a ceiling in 20226", lambda p: capex.Scenario("x", ceilings={20226: 1}), "0 to 9999"),
    ("a ceiling of 1e400", lambda p: capex.Scenario("x", ceilings={2021: INF}), "ceiling"),
    (
        "a ceiling written 1e400",
        lambda p: capex.Scenario("x", ceilings={2021: "1e400"}).run(p),
        "too large",
    ),
    ("a ceiling scale of 1e400", lambda p: capex.Scenario("x", ceiling_scale=INF), "scale"),
    (
        "a window moved before the year 0",
        lambda p: capex.Scenario("x", shifts={1: -300}).apply(_periods()),
        "outside 0-9999",
    ),
    (
        "an escalated total past int64",
        lambda p: capex.Scenario("x", shifts={19: 100}, escalation=1).apply(p),
        "too large",
    ),
]


@pytest.mark.parametrize(("call", "words"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_unbounded_arguments_are_clear_errors(
    yuecheng: capex.Portfolio, call: Call, words: str
) -> None:
    with pytest.raises(CapexError, match=words):
        call(yuecheng)


def test_the_bounds_leave_real_plans_alone(yuecheng: capex.Portfolio) -> None:
    later = capex.Scenario("later", shifts={19: 2}, escalation=0.05).apply(yuecheng)
    assert later.frame.at[19, "start_year"] == 2025
    result = capex.shift(yuecheng, {2024: 9.8}, max_delay={19: 3}, seed=2**31 - 1, num_workers=2)
    assert result.ok


# ---------------------------------------------------------------------------------------------
# every bound of capex.model.limits, at the bound and one past it (lowered where the bound itself
# would take real memory, through capex.model.limits.override)
# ---------------------------------------------------------------------------------------------
TRIANGULAR = capex.risk.Triangular(-0.05, 0.05, 0.4)


def _draws(portfolio: capex.Portfolio, **options: Any) -> capex.results.RiskResult:
    return capex.simulate(portfolio, draws=options.pop("draws", 5), cost=TRIANGULAR, **options)


def test_override_changes_a_bound_for_the_block_only() -> None:
    with limits.override(MAX_DRAWS=3):
        assert limits.MAX_DRAWS == 3
        with pytest.raises(LimitError), limits.override(MAX_SEED=1):
            check_seed(2)
        assert limits.MAX_SEED == 2**31 - 1  # put back after an error too
    assert limits.MAX_DRAWS == 1_000_000
    with pytest.raises(TypeError, match="no bound named"), limits.override(MAX_PIZZA=1):
        pass


def test_draws_at_the_bound_and_past_it(tiny: capex.Portfolio) -> None:
    assert check_draws(limits.MAX_DRAWS) == 1_000_000
    with pytest.raises(LimitError, match="draws must be a whole number from 1 to 1000000"):
        check_draws(limits.MAX_DRAWS + 1)
    with limits.override(MAX_DRAWS=20):
        assert _draws(tiny, draws=20).evaluated == 20
        with pytest.raises(LimitError, match="from 1 to 20, not 21"):
            _draws(tiny, draws=21)
        with pytest.raises(LimitError, match="from 1 to 20"):  # a sweep's draws too
            capex.sweep([None], tiny, draws=21, cost=TRIANGULAR, workers=1)


def test_the_amounts_all_draws_keep_at_the_bound_and_past_it(tiny: capex.Portfolio) -> None:
    per_draw = kept_per_draw(tiny)  # 4 projects and the years of their windows
    assert per_draw == 4 + (2024 - 2020 + 1)
    with limits.override(MAX_DRAW_CELLS=10 * per_draw):
        assert _draws(tiny, draws=10).evaluated == 10
        with pytest.raises(LimitError, match="ask for at most 10 draws"):
            _draws(tiny, draws=11)
        with pytest.raises(LimitError, match="ask for at most 5 draws"):  # two scenarios
            capex.sweep([None, None], tiny, draws=6, cost=TRIANGULAR, workers=1)


@pytest.mark.parametrize("seed", [None, -1, 1.5, True, "7", 2**31, 2**70])
def test_a_seed_of_the_draws_outside_its_bound_is_refused(tiny: capex.Portfolio, seed: Any) -> None:
    with pytest.raises(LimitError, match=r"seed must be a whole number from 0 to 2147483647"):
        _draws(tiny, seed=seed)


def test_the_largest_seed_draws(tiny: capex.Portfolio) -> None:
    assert _draws(tiny, seed=limits.MAX_SEED).seed == 2**31 - 1
    assert check_seed(limits.MAX_SEED) == limits.MAX_SEED


def test_a_drawn_delay_at_the_bound_and_past_it() -> None:
    assert capex.risk.Discrete({limits.MAX_YEARS: 1}).largest == 300
    with pytest.raises(capex.risk.DistributionError, match="at most 300 years"):
        capex.risk.Discrete({limits.MAX_YEARS + 1: 1})
    with pytest.raises(
        capex.risk.DistributionError, match=r"at most 300 years \(capex.model.limits\), not 1000000"
    ):
        capex.risk.Discrete({10**6: 1})
    with limits.override(MAX_YEARS=3):
        assert capex.risk.Discrete({0: 0.5, 3: 0.5}).largest == 3
        with pytest.raises(capex.risk.DistributionError, match="at most 3 years"):
            capex.risk.Discrete({4: 1})


@pytest.mark.parametrize(
    ("inside", "outside"),
    [
        (limits.MAX_PROFILE_SHAPE, math.nextafter(limits.MAX_PROFILE_SHAPE, math.inf)),
        (limits.MIN_PROFILE_SHAPE, math.nextafter(limits.MIN_PROFILE_SHAPE, 0)),
    ],
)
def test_s_curve_parameters_at_the_bound_and_past_it(
    tiny: capex.Portfolio, inside: float, outside: float
) -> None:
    flows = capex.cash_flow(tiny, capex.model.profiles.Profile.s_curve(inside, 2))
    assert (flows.flows_minor.sum(axis=1) == tiny.frame["total_minor"]).all()
    for a, b in ((outside, 2), (2, outside)):
        with pytest.raises(ProfileError, match="from 0.001 to 1000"):
            capex.model.profiles.Profile.s_curve(a, b)


@pytest.mark.parametrize("text", ["s-curve(a=1e200, b=2)", "s-curve(a=2, b=1.7e308)"])
def test_an_s_curve_far_past_its_bound_is_an_error_not_an_overflow(text: str) -> None:
    with pytest.raises(ProfileError, match="from 0.001 to 1000"):
        capex.model.profiles.get_profile(text)


def test_a_sheet_written_at_the_bound_and_past_it(tiny: capex.Portfolio, tmp_path: Path) -> None:
    risk = _draws(tiny, draws=30)  # the draws sheet: a header and 30 rows
    tables = capex.export.registry.sheets(risk, None)
    rows = max(len(sheet.frame) + 1 for sheet in tables)
    columns = max(sheet.frame.shape[1] for sheet in tables)
    assert rows == 31
    with limits.override(EXCEL_MAX_ROWS=rows, EXCEL_MAX_COLUMNS=columns):
        capex.to_excel(risk, tmp_path / "risk.xlsx")
    with (
        limits.override(EXCEL_MAX_ROWS=rows - 1),
        pytest.raises(LimitError, match="31 rows .* write CSV files instead"),
    ):
        capex.to_excel(risk, tmp_path / "longer.xlsx")
    with (
        limits.override(EXCEL_MAX_COLUMNS=columns - 1),
        pytest.raises(LimitError, match="more than an Excel worksheet holds"),
    ):
        capex.to_excel(risk, tmp_path / "wider.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["risk.xlsx"]  # nothing else written
    assert limits.EXCEL_MAX_ROWS == 1_048_576 and limits.EXCEL_MAX_COLUMNS == 16_384


def test_the_flow_bound_at_the_bound_and_past_it() -> None:
    check_flow_capacity(float(limits.MAX_FLOW_CAPACITY))
    with limits.override(MAX_FLOW_CAPACITY=1000):
        check_flow_capacity(1000.0)
        with pytest.raises(LimitError, match="beyond the 1,000 it counts exactly"):
            check_flow_capacity(1001.0)


def _one_project_of(amount: int, tmp_path: Path) -> Path:
    """A table of two projects in 元, the first of ``amount`` 元."""
    path = tmp_path / f"projects_{amount}.csv"
    path.write_text(
        "序号,项目名称,开工年份,竣工年份,总投资（元）,2021-2025年投资额（元）\n"
        f"1,城东新区第二小学,2021,2023,{amount},{amount}\n"
        "2,镜湖中学扩建,2021,2022,1200000,1200000\n",
        encoding="utf-8",
    )
    return path


def test_a_project_too_large_for_the_flow_is_a_clear_error_without_solver_noise(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    huge = capex.load_projects(_one_project_of(2**61, tmp_path), plan_period=(2021, 2025))
    with pytest.raises(LimitError, match="too large for the spread's min-cost flow"):
        capex.spread(huge, {2021: 1})
    large = capex.load_projects(_one_project_of(2**50, tmp_path), plan_period=(2021, 2025))
    assert capex.spread(large, None).ok
    out, err = capfd.readouterr()
    assert "BAD_CAPACITY_RANGE" not in err and "min_cost_flow" not in err and not out


@pytest.mark.parametrize("year", [2024.7, True, -1, 10_000, 10_000_000])
def test_a_cut_off_year_is_a_whole_year_within_the_bounds(
    yuecheng: capex.Portfolio, year: Any
) -> None:
    actuals = capex.load_actuals(
        Path(__file__).resolve().parents[2] / "examples" / "made_up_actuals_2018_2025.csv"
    )
    plan = capex.cash_flow(yuecheng)
    with pytest.raises(LimitError, match="as_of must be a whole number from 0 to 9999"):
        capex.variance(plan, actuals, portfolio=yuecheng, as_of=year)
    with pytest.raises(LimitError, match="as_of must be a whole number from 0 to 9999"):
        capex.reforecast(yuecheng, actuals, as_of=year)
    assert check_year(limits.LAST_YEAR, "as_of") == 9999


def test_an_input_file_at_the_bound_and_past_it(tmp_path: Path) -> None:
    size = capex.io.projects.BUNDLED_CSV.stat().st_size
    with limits.override(MAX_INPUT_BYTES=size):
        assert len(capex.load_projects()) == 35
    with (
        limits.override(MAX_INPUT_BYTES=size - 1),
        pytest.raises(capex.DataError, match=f"the file is {size:,} bytes, more than"),
    ):
        capex.load_projects()
