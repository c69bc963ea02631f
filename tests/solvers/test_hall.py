"""Hall's interval condition against a max-flow, and the least flat ceiling."""

from __future__ import annotations

import networkx as nx
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from capex.solvers.hall import interval_demand, least_flat_ceiling, shortfalls


def fits_by_max_flow(lo, hi, amount, ceilings):
    """Whether the amounts fit the ceilings (None: no ceiling), by a networkx max-flow."""
    graph = nx.DiGraph()
    for k, (a, b, p) in enumerate(zip(lo, hi, amount)):
        graph.add_edge("source", ("u", k), capacity=int(p))
        for y in range(a, b + 1):
            graph.add_edge(("u", k), ("y", y), capacity=int(p))
    for y, cap in enumerate(ceilings):
        if cap is None:
            graph.add_edge(("y", y), "sink")
        else:
            graph.add_edge(("y", y), "sink", capacity=int(cap))
    if "source" not in graph:
        return True
    return nx.maximum_flow_value(graph, "source", "sink") == int(sum(amount))


@st.composite
def cases(draw):
    n_years = draw(st.integers(1, 5))
    n = draw(st.integers(0, 6))
    lo = [draw(st.integers(0, n_years - 1)) for _ in range(n)]
    hi = [draw(st.integers(a, n_years - 1)) for a in lo]
    amount = [draw(st.integers(0, 20)) for _ in range(n)]
    ceilings = [draw(st.one_of(st.none(), st.integers(0, 30))) for _ in range(n_years)]
    return n_years, np.array(lo, dtype=np.int64), np.array(hi, dtype=np.int64), amount, ceilings


@given(cases())
def test_no_shortfall_exactly_when_the_amounts_fit(case):
    n_years, lo, hi, amount, ceilings = case
    demand = interval_demand(lo, hi, np.array(amount, dtype=np.int64), n_years)
    capped = np.array([c is not None for c in ceilings])
    caps = np.array([0 if c is None else c for c in ceilings], dtype=np.int64)
    gaps = shortfalls(demand, caps, capped)
    assert (not gaps) == fits_by_max_flow(lo, hi, amount, ceilings)
    for gap in gaps:
        inside = (lo >= gap.first) & (hi <= gap.last)
        assert gap.demand == int(np.array(amount)[inside].sum())
        assert gap.allowed == int(caps[gap.first : gap.last + 1].sum())
        assert gap.short > 0


@given(cases())
def test_the_least_flat_ceiling_is_the_least_that_fits(case):
    n_years, lo, hi, amount, _ = case
    level = least_flat_ceiling(interval_demand(lo, hi, np.array(amount, dtype=np.int64), n_years))
    assert fits_by_max_flow(lo, hi, amount, [level] * n_years)
    if level > 0:
        assert not fits_by_max_flow(lo, hi, amount, [level - 1] * n_years)
