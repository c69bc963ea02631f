"""Which projects take which distribution, and draws that do not depend on how they are cut."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from chinese_errors import check_error

import capex
from capex.risk.distributions import Discrete, DistributionError, Triangular, Uniform
from capex.risk.uncertainty import DRAW_BLOCK, Uncertainty, block_stream

COST = Triangular(-0.05, 0.05, 0.40)
OTHER = Uniform(0.0, 0.5)
DELAY = Discrete({0: 0.6, 1: 0.3, 2: 0.1})


def test_a_block_stream_is_the_spawned_child_of_the_seed():
    children = np.random.SeedSequence(7).spawn(5)
    for block in range(5):
        assert np.array_equal(
            block_stream(7, block).generate_state(4), children[block].generate_state(4)
        )


def test_draws_do_not_depend_on_the_range_they_are_asked_in(yuecheng):
    resolved = Uncertainty(COST, DELAY, OTHER).resolve(yuecheng)
    whole = resolved.draw(3, 0, 2 * DRAW_BLOCK + 500)
    part = resolved.draw(3, DRAW_BLOCK - 200, DRAW_BLOCK + 300)  # across a block boundary
    window = slice(DRAW_BLOCK - 200, DRAW_BLOCK + 300)
    assert part.first == DRAW_BLOCK - 200 and len(part) == 500
    assert np.array_equal(part.cost_change, whole.cost_change[window])
    assert np.array_equal(part.delays, whole.delays[window])
    assert np.array_equal(part.index_change, whole.index_change[window])
    assert not np.array_equal(resolved.draw(4, 0, 10).cost_change, whole.cost_change[:10])


def test_the_price_index_moves_every_project_in_a_draw(yuecheng):
    draws = Uncertainty(price_index=OTHER).resolve(yuecheng).draw(0, 0, 50)
    factors = draws.factors
    assert np.allclose(factors, factors[:, :1])  # one factor per draw, shared by all
    assert len(np.unique(factors[:, 0])) == 50
    own = Uncertainty(COST, price_index=OTHER).resolve(yuecheng).draw(0, 0, 50)
    assert np.allclose(own.factors, (1 + own.cost_change) * (1 + own.index_change[:, None]))


def test_one_distribution_is_every_projects(yuecheng):
    resolved = Uncertainty(COST).resolve(yuecheng)
    assert (resolved.cost.codes == 0).all() and resolved.cost.distributions == (COST,)
    assert tuple(map(str, resolved.describe(list(yuecheng.ids))[0])) == (
        "cost change",
        "triangular(-0.05, 0.05, 0.4) for all 35 projects",
    )


def test_text_is_read_as_the_distribution(yuecheng):
    resolved = Uncertainty("triangular(-0.05, 0.05, 0.4)", "discrete(0=0.6, 1=0.3, 2=0.1)")
    assert resolved.cost == COST and resolved.delay == DELAY


def test_a_mapping_gives_the_named_projects_theirs(yuecheng):
    resolved = Uncertainty({19: OTHER, 20: "uniform(0, 0.5)", 3: COST}).resolve(yuecheng)
    codes = pd.Series(resolved.cost.codes, index=yuecheng.ids)
    assert resolved.cost.distributions == (OTHER, COST)  # the same distribution shares a code
    assert codes[19] == codes[20] == 0 and codes[3] == 1
    assert (codes.drop([3, 19, 20]) == -1).all()


def test_a_column_of_texts_by_id_with_empty_cells(yuecheng):
    column = pd.Series(["uniform(0, 0.5)", None, "", np.nan], index=[19, 20, 21, 22])
    resolved = Uncertainty(cost=column).resolve(yuecheng)
    codes = pd.Series(resolved.cost.codes, index=yuecheng.ids)
    assert codes[19] == 0 and (codes.drop(19) == -1).all()


def test_rules_read_as_budget_lines_and_the_first_match_wins(yuecheng):
    rules = [
        ({"builder": "镜湖开发办"}, OTHER),
        ("government_investment=yes", COST),
        ("all", DELAY),
    ]
    with pytest.raises(DistributionError, match="cost distribution"):
        Uncertainty(cost=rules)
    resolved = Uncertainty(cost=rules[:2] + [("all", Uniform(-0.1, 0.1))]).resolve(yuecheng)
    frame = yuecheng.frame
    codes = pd.Series(resolved.cost.codes, index=yuecheng.ids)
    jinghu = frame["builder"] == "镜湖开发办"
    assert jinghu.any() and (codes[jinghu] == 0).all()
    rest = ~jinghu & frame["government_investment"]
    assert (codes[rest] == 1).all() and (codes[~jinghu & ~rest] == 2).all()


def test_a_rule_on_a_missing_column_is_an_error(yuecheng):
    with pytest.raises(capex.CapexError, match="no column 'colour'"):
        Uncertainty(cost=[({"colour": "red"}, COST)]).resolve(yuecheng)


def test_delays_apply_to_projects_not_started_when_the_plan_begins(yuecheng):
    resolved = Uncertainty(delay=DELAY).resolve(yuecheng)
    started = yuecheng.frame["start_year"].to_numpy() < 2021
    assert started.sum() == 9
    assert (resolved.delay.codes[started] == -1).all() and (
        resolved.delay.codes[~started] == 0
    ).all()
    draws = resolved.draw(0, 0, 2_000)
    assert (draws.delays[:, started] == 0).all() and draws.delays[:, ~started].any()
    assert resolved.largest_delay == 2


def test_naming_a_started_project_for_a_delay_is_an_error(yuecheng):
    with pytest.raises(capex.DataError, match="started before the plan period") as caught:
        Uncertainty(delay={3: DELAY}).resolve(yuecheng)
    assert "id 3" in str(caught.value) and "start_year" in str(caught.value)


def test_naming_no_such_project_is_an_error(yuecheng):
    with pytest.raises(capex.DataError, match="names no such project") as caught:
        Uncertainty(cost={999: COST}).resolve(yuecheng)
    assert "999" in str(caught.value)


def test_a_project_dropped_by_a_scenario_is_skipped(yuecheng):
    dropped = capex.Scenario("drop", drop=(19,)).apply(yuecheng)
    resolved = Uncertainty(cost={19: COST, 20: COST}).resolve(dropped, known_ids=yuecheng.ids)
    assert (resolved.cost.codes == 0).sum() == 1


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        ({"cost": DELAY}, "must be a cost distribution"),
        ({"delay": COST}, "must be a Discrete distribution of whole years"),
        ({"delay": {21: COST}}, "the delay of project 21 must be a Discrete"),
        ({"price_index": DELAY}, "price_index must be a cost distribution"),
        ({"cost": 0.1}, "must be a distribution, a mapping"),
        ({"cost": [COST]}, "must be a (rule, distribution) pair"),
        ({"cost": "triangular(0.2, 0.1, 0.3)"}, "the low 0.2 is above the mode 0.1"),
    ],
)
def test_the_wrong_kind_of_distribution_is_an_error(arguments, words):
    with pytest.raises(DistributionError) as caught:
        Uncertainty(**arguments)
    assert words in str(caught.value)


def test_an_uncertainty_with_nothing_in_it_is_empty():
    assert Uncertainty().is_empty and not Uncertainty(price_index=COST).is_empty


def test_an_uncertainty_error_reads_in_chinese():
    """Cost and delay are named in words: in Chinese, 投资变化 and 开工推迟."""
    check_error(lambda: Uncertainty(cost=5), "cost must be a distribution, a mapping by project id")
