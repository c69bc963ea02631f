"""The monthly spread against an independent linear program and a brute force: the least extra
quota and then the least money moved off the profile, with every project's months adding up to
its year exactly (hypothesis)."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import linprog

import capex
from capex.afterlife.monthly import check_monthly
from capex.model.budget import BudgetLine


def independent_lp(amounts, lo, hi, target, members, caps):
    """Least extra quota, then least money moved, over every project-month, by scipy's LP.

    Columns per project-month: x (amount), u (the part paid beyond the quotas), a (above the
    target). Row sums are equalities; each line's month: sum over its projects of x - u is at
    most its quota; a >= x - t. Returns (least extra, least moved) or None.
    """
    n = len(amounts)
    cells = [(p, m) for p in range(n) for m in range(lo[p], hi[p] + 1)]
    k = len(cells)

    def col(block, c):
        return block * k + c

    a_eq, b_eq, a_ub, b_ub = [], [], [], []
    for p in range(n):
        row = np.zeros(3 * k)
        for c, (q, _) in enumerate(cells):
            if q == p:
                row[col(0, c)] = 1
        a_eq.append(row)
        b_eq.append(amounts[p])
    for line, cap in zip(members, caps):
        for m in range(12):
            if cap[m] is None:
                continue
            row = np.zeros(3 * k)
            for c, (p, month) in enumerate(cells):
                if month == m and line[p]:
                    row[col(0, c)], row[col(1, c)] = 1, -1
            a_ub.append(row)
            b_ub.append(cap[m])
    for c, (p, m) in enumerate(cells):
        row = np.zeros(3 * k)  # u <= x
        row[col(1, c)], row[col(0, c)] = 1, -1
        a_ub.append(row)
        b_ub.append(0)
        row = np.zeros(3 * k)  # x - a <= t
        row[col(0, c)], row[col(2, c)] = 1, -1
        a_ub.append(row)
        b_ub.append(target[p][m])
    bounds = [(0, None)] * (3 * k)
    first = np.concatenate([np.zeros(k), np.ones(k), np.zeros(k)])
    one = linprog(first, A_ub=a_ub or None, b_ub=b_ub or None, A_eq=a_eq, b_eq=b_eq, bounds=bounds)
    extra = round(one.fun)
    a_ub.append(first)
    b_ub.append(extra)
    second = np.concatenate([np.zeros(2 * k), np.ones(k)])
    two = linprog(second, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds)
    return extra, round(two.fun)


@st.composite
def month_problems(draw):
    n = draw(st.integers(1, 6))
    amounts = draw(st.lists(st.integers(1, 60), min_size=n, max_size=n))
    windows = [sorted(draw(st.lists(st.integers(1, 12), min_size=2, max_size=2))) for _ in range(n)]
    weights = draw(st.lists(st.integers(0, 5), min_size=12, max_size=12).filter(any))
    quota = draw(
        st.one_of(
            st.none(),
            st.integers(0, 40),
            st.dictionaries(st.integers(1, 12), st.integers(0, 30), min_size=1, max_size=12),
        )
    )
    subset = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    sub_quota = draw(st.one_of(st.none(), st.integers(0, 25)))
    return amounts, windows, weights, quota, subset, sub_quota


def _solve(amounts, windows, weights, quota, subset, sub_quota):
    ids = pd.Index(range(1, len(amounts) + 1), name="id")
    plan = pd.DataFrame({2027: amounts}, index=ids)
    inner = ids[np.asarray(subset)]
    lines = []
    if quota is not None:
        caps = quota if isinstance(quota, dict) else dict.fromkeys(range(1, 13), quota)
        lines.append(BudgetLine("all", caps, unit="万元"))
    if sub_quota is not None and any(subset):
        caps = dict.fromkeys(range(1, 13), sub_quota)
        lines.append(BudgetLine("inner", caps, lambda f: f.index.isin(inner), unit="万元"))
    months = capex.monthly(
        plan,
        2027,
        profile=weights,
        quota=lines or None,
        start_month={pid: w[0] for pid, w in zip(ids, windows)},
        finish_month={pid: w[1] for pid, w in zip(ids, windows)},
    )
    return months, lines


@pytest.mark.slow
@given(month_problems())
def test_months_add_up_and_the_quota_holds_or_the_least_extra_is_reported(problem):
    amounts, windows, _, _, subset, _ = problem
    months, lines = _solve(*problem)
    table = months.amounts_minor
    assert table.sum(axis=1).tolist() == amounts  # every project's year, to the unit
    assert check_monthly(months, pd.Series(amounts, index=table.index)) == []
    for (first, last), row in zip(windows, table.to_numpy()):
        assert not row[: first - 1].any() and not row[last:].any()
    members = [
        np.ones(len(amounts), bool) if line.name == "all" else np.asarray(subset) for line in lines
    ]
    for line, member in zip(lines, members):
        caps = line.ceilings_minor(capex.model.money.WAN)
        load = table.to_numpy()[member].sum(axis=0)
        over = sum(max(0, load[m - 1] - cap) for m, cap in caps.items())
        assert months.ok == (months.extra_quota_minor.sum() == 0)
        assert over <= months.extra_quota_minor.sum()  # the quota held, or the extra said
        if months.ok:
            assert over == 0, line.name


@pytest.mark.slow
@given(month_problems())
def test_the_least_extra_and_the_money_moved_match_an_independent_lp(problem):
    amounts, windows, _, _, subset, _ = problem
    months, lines = _solve(*problem)
    lo = [w[0] - 1 for w in windows]
    hi = [w[1] - 1 for w in windows]
    members = [
        np.ones(len(amounts), bool) if line.name == "all" else np.asarray(subset) for line in lines
    ]
    caps = [
        [line.ceilings_minor(capex.model.money.WAN).get(m) for m in range(1, 13)] for line in lines
    ]
    extra, moved = independent_lp(amounts, lo, hi, months.target_minor.to_numpy(), members, caps)
    assert int(months.extra_quota_minor.sum()) == extra
    assert months.moved_minor == moved
    assert months.ok == (extra == 0)


def test_a_tiny_case_reaches_the_brute_force_optimum():
    # two projects in March-May, a quota of 6 a month: every integer plan enumerated
    amounts = [7, 5]
    plan = pd.DataFrame({2027: amounts}, index=pd.Index([1, 2], name="id"))
    weights = [0, 0, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0]
    months = capex.monthly(
        plan, 2027, profile=weights, quota=6, unit="万元",
        start_month={1: 3, 2: 3}, finish_month={1: 5, 2: 5},
    )  # fmt: skip
    target = months.target_minor.to_numpy()
    best = None
    splits = [
        [s for s in itertools.product(range(a + 1), repeat=3) if sum(s) == a] for a in amounts
    ]
    for first in splits[0]:
        for second in splits[1]:
            if any(x + y > 6 for x, y in zip(first, second)):
                continue
            moved = sum(max(0, v - t) for v, t in zip(first, target[0, 2:5])) + sum(
                max(0, v - t) for v, t in zip(second, target[1, 2:5])
            )
            best = moved if best is None else min(best, moved)
    assert months.ok and months.moved_minor == best


def test_overlapping_quota_lines_are_solved_by_the_integer_program():
    ids = pd.Index([1, 2, 3], name="id")
    east = dict.fromkeys(range(1, 13), 18)
    government = dict.fromkeys(range(1, 13), 19)
    lines = [  # projects 1 and 2 in the east, 1 and 3 government-funded: they overlap
        BudgetLine("east", east, lambda f: f.index.isin([1, 2]), unit="万元"),
        BudgetLine("government", government, lambda f: f.index.isin([1, 3]), unit="万元"),
    ]
    plan = pd.DataFrame({2027: [100, 100, 120]}, index=ids)
    months = capex.monthly(plan, 2027, quota=lines)
    assert "integer program" in months.method
    assert months.amounts_minor.sum(axis=1).tolist() == [100, 100, 120]
    assert months.ok
    loads = months.line_totals_minor
    assert (loads.loc["east"] <= 18).all() and (loads.loc["government"] <= 19).all()
