"""Hypothesis strategies for every kind of object the store saves.

Each object is built directly from drawn fields, so that every field holds odd values a
solver would rarely make: NaN, infinities and -0.0 among floats, missing values in nullable
columns, messages with their keys and values, text ids and integer ids, MultiIndex tables, empty
tables, amounts up to capex's largest.
"""

from __future__ import annotations

import dataclasses

import networkx as nx
import numpy as np
import pandas as pd
from hypothesis import strategies as st

import capex
from capex.model.budget import BudgetLine
from capex.model.budget_year import CALENDAR, FiscalYear
from capex.model.money import MAX_AMOUNT, Money
from capex.model.portfolio import PublishedTotals
from capex.model.provenance import InputFile, Provenance
from capex.model.sources import Sources
from capex.solvers.result import Status
from capex.terms import Joined, Message

MONIES = (capex.model.money.WAN, Money("CNY", "元"), Money("CNY", "分"), Money("USD", "cent"))

texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=6)
names = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=8)
# messages: a key of the table with its values, joined messages, and one holding another
_plain = st.builds(lambda path: Message("wrote", path=path), texts)
_nested = st.builds(lambda inner: Message("summary_change", change=inner), _plain)
phrases = st.one_of(
    _plain,
    _nested,
    st.builds(
        lambda parts: Joined(parts, "semicolon"), st.lists(st.one_of(texts, _plain), max_size=3)
    ),
)
floats = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 0.1, 1e16, 5e-324]),
)
amounts = st.integers(-MAX_AMOUNT, MAX_AMOUNT)
non_negative = st.integers(0, MAX_AMOUNT)
years = st.integers(2000, 2040)
periods = st.tuples(st.integers(2000, 2030), st.integers(0, 9)).map(lambda p: (p[0], p[0] + p[1]))
monies = st.sampled_from(MONIES)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    floats,
    texts,
    phrases,
    st.decimals(allow_nan=False, allow_infinity=False, places=4),
)


@st.composite
def id_index(draw: st.DrawFn, size: int) -> pd.Index:
    """Project ids: integers, or text ids as a table with an ``A1`` keeps them."""
    if draw(st.booleans()):
        values = draw(st.lists(st.integers(1, 10**9), min_size=size, max_size=size, unique=True))
        return pd.Index(values, name="id", dtype=np.int64)
    values = draw(st.lists(names, min_size=size, max_size=size, unique=True))
    return pd.Index(values, name="id", dtype="str")


def _column(kind: str, size: int) -> st.SearchStrategy:
    element = {
        "int64": amounts,
        "float64": floats,
        "bool": st.booleans(),
        "Int64": st.one_of(st.none(), amounts),
        "Float64": st.one_of(st.none(), st.floats(allow_nan=False)),
        "boolean": st.one_of(st.none(), st.booleans()),
        "str": st.one_of(st.none(), texts),
        "object": scalars,
    }[kind]
    values = st.lists(element, min_size=size, max_size=size)
    if kind in ("int64", "float64", "bool"):
        return values.map(lambda v: np.asarray(v, dtype=kind))
    if kind == "object":
        return values.map(lambda v: pd.Series(v, dtype=object))
    return values.map(lambda v: pd.array(v, dtype=kind))


@st.composite
def frames(
    draw: st.DrawFn, *, money_only: bool = False, ids: pd.Index | None = None
) -> pd.DataFrame:
    """A table: ids or a MultiIndex by (id, line) as rows; years or names as columns."""
    size = len(ids) if ids is not None else draw(st.integers(0, 3))
    index = ids if ids is not None else draw(id_index(size))
    if ids is None and draw(st.booleans()) and size:
        lines = draw(st.lists(names, min_size=size, max_size=size))
        index = pd.MultiIndex.from_arrays(
            [index, pd.Index(lines, dtype="str")], names=["id", "line"]
        )
    width = draw(st.integers(0, 3))
    if draw(st.booleans()):
        columns = pd.Index(
            draw(st.lists(years, min_size=width, max_size=width, unique=True)), dtype=np.int64
        )
    else:
        columns = pd.Index(
            draw(st.lists(names, min_size=width, max_size=width, unique=True)), dtype="str"
        )
    kinds = (
        ["int64"]
        if money_only
        else ["int64", "float64", "bool", "Int64", "Float64", "boolean", "str", "object"]
    )
    data = {
        j: pd.Series(draw(_column(draw(st.sampled_from(kinds)), size)), index=index)
        for j in range(width)
    }
    frame = pd.DataFrame(data, index=index)
    frame.columns = columns
    if draw(st.booleans()):
        frame.attrs["unit"] = draw(st.sampled_from(["万元", "亿元", "元"]))
    return frame


@st.composite
def series(draw: st.DrawFn, kind: str = "int64", ids: pd.Index | None = None) -> pd.Series:
    index = ids if ids is not None else draw(id_index(draw(st.integers(0, 3))))
    values = draw(_column(kind, len(index)))
    return pd.Series(values, index=index, name=draw(st.one_of(st.none(), names)))


def year_series(kind: str = "int64") -> st.SearchStrategy:
    return st.lists(years, max_size=4, unique=True).flatmap(
        lambda ys: _column(kind, len(ys)).map(
            lambda v: pd.Series(v, index=pd.Index(ys, name="year", dtype=np.int64))
        )
    )


provenances = st.builds(
    Provenance,
    capex_version=st.just(capex.__version__),
    inputs=st.lists(
        st.builds(InputFile, texts, st.text("0123456789abcdef", min_size=64, max_size=64)),
        max_size=2,
    ).map(tuple),
    solver=texts,
    parameters=st.lists(st.tuples(names, texts), max_size=3).map(tuple),
    seed=st.one_of(st.none(), st.integers(0, 2**32)),
    created=st.just("2027-01-04T08:00:00Z"),
)
budget_lines = st.builds(
    BudgetLine,
    name=names,
    ceilings=st.dictionaries(years, st.decimals(0, 10**6, places=4).map(str), max_size=3),
    rule=st.one_of(
        st.none(), st.just("builder=镜湖开发办"), st.just({"government_investment": True})
    ),
    unit=st.sampled_from([None, "亿元", "万元"]),
) | st.builds(
    BudgetLine,
    name=names,
    ceilings=st.dictionaries(years, st.decimals(0, 10**6, places=4).map(str), max_size=3),
    shares=st.dictionaries(
        st.integers(1, 9), st.fractions(0, 1, max_denominator=7), min_size=1, max_size=3
    ),
    within=st.one_of(st.none(), names),
)


fiscal_years = st.one_of(
    st.just(CALENDAR),
    st.builds(FiscalYear, st.integers(2, 12), st.sampled_from(["end", "start", "span"])),
)


@st.composite
def sources_of(draw: st.DrawFn, ids: pd.Index, totals: list[int], money: Money) -> Sources:
    """Two sources, the second nested in the first on some draws, splitting ``totals``."""
    nested = draw(st.booleans())
    first = [draw(st.integers(0, t)) for t in totals]
    second = [draw(st.integers(0, f if nested else t - f)) for f, t in zip(first, totals)]
    amounts = pd.DataFrame({"一般公共预算": first, "专项债券": second}, index=ids)
    parents = {"专项债券": "一般公共预算"} if nested else None
    return Sources.from_amounts(amounts, parents=parents, rules={"专项债券": "all"}, money=money)


@st.composite
def portfolios(draw: st.DrawFn) -> capex.Portfolio:
    size = draw(st.integers(1, 5))
    period = draw(periods)
    start = draw(st.lists(st.integers(period[0] - 2, period[1]), min_size=size, max_size=size))
    length = draw(st.lists(st.integers(0, 4), min_size=size, max_size=size))
    total = draw(st.lists(st.integers(0, 10**12), min_size=size, max_size=size))
    plan = [t // 2 for t in total]
    ends = [s + n for s, n in zip(start, length)]
    plan = [p if e >= period[0] else 0 for p, e in zip(plan, ends)]
    codes = draw(st.one_of(st.none(), st.lists(names, min_size=size, max_size=size, unique=True)))
    base = capex.Portfolio.from_arrays(
        start_year=np.array(start),
        end_year=np.array(ends),
        total_minor=np.array(total),
        plan_minor=np.array(plan),
        plan_period=period,
        ids=draw(id_index(size)).to_numpy(),
        names=draw(st.lists(names, min_size=size, max_size=size)),
        money=draw(monies),
        codes=codes,
    )
    frame = base.frame
    frame["spent_before_minor"] = pd.array(
        draw(st.lists(st.one_of(st.none(), amounts), min_size=size, max_size=size)), dtype="Int64"
    )
    frame["street"] = pd.array(draw(st.lists(texts, min_size=size, max_size=size)), dtype="str")
    frame["classes"] = pd.array(
        draw(st.lists(st.one_of(st.none(), st.integers(0, 99)), min_size=size, max_size=size)),
        dtype="Int64",
    )
    frame["site_area_m2"] = pd.array(
        draw(st.lists(st.one_of(st.none(), st.floats(0, 1e9)), min_size=size, max_size=size)),
        dtype="Float64",
    )
    graph = None
    if draw(st.booleans()):
        graph = nx.DiGraph()
        graph.add_nodes_from(frame.index)
        if size > 1:
            graph.add_edge(frame.index[0], frame.index[1], lag=draw(st.integers(0, 2)))
    return capex.Portfolio(
        frame,
        plan_period=period,
        published=draw(
            st.one_of(st.none(), st.builds(PublishedTotals, non_negative, non_negative))
        ),
        name=draw(texts),
        source=draw(texts),
        budget_lines=tuple(draw(st.lists(budget_lines, max_size=2))),
        precedence=graph,
        money=base.money,
        provenance=draw(provenances),
        sheet=draw(st.one_of(st.none(), names)),
        hidden_sheets=tuple(draw(st.lists(names, max_size=2))),
        sources=draw(st.one_of(st.none(), sources_of(frame.index, total, base.money))),
        fiscal_year=draw(fiscal_years),
    )


@st.composite
def plan_fields(draw: st.DrawFn) -> dict:
    schedule = draw(frames(money_only=True))
    ids = (
        schedule.index.get_level_values(0)
        if isinstance(schedule.index, pd.MultiIndex)
        else schedule.index
    )
    optional = st.sampled_from([None, None, None, "frame"]).flatmap(
        lambda choice: st.none() if choice is None else frames()
    )
    return {
        "status": draw(st.sampled_from(list(Status))),
        "schedule_minor": schedule,
        "names": pd.Series(
            draw(st.lists(texts, min_size=len(ids), max_size=len(ids))),
            index=ids,
            dtype=object,
            name="name",
        ),
        "ceilings_minor": draw(year_series("Int64")),
        "objective": draw(floats),
        "bound": draw(st.one_of(st.none(), floats)),
        "runtime": draw(st.floats(0, 100)),
        "method": draw(texts),
        "profile": draw(texts),
        "scenario": draw(st.one_of(st.none(), names)),
        "changes": tuple(draw(st.lists(st.one_of(texts, phrases), max_size=2))),
        "extra_budget_minor": draw(year_series()),
        "shadow_prices": draw(year_series("float64")),
        "messages": tuple(draw(st.lists(st.one_of(texts, phrases), max_size=2))),
        "target_minor": draw(optional),
        "line_ceilings_minor": draw(optional),
        "line_totals_minor": draw(optional),
        "line_extra_budget_minor": draw(optional),
        "line_shadow_prices": draw(optional),
        "plan_line": draw(st.one_of(st.none(), names)),
        "unplanned_minor": draw(optional),
        "delays": draw(st.one_of(st.none(), series("int64"))),
        "windows": draw(optional),
        "plan_period": draw(periods),
        "money": draw(monies),
        "provenance": draw(st.one_of(st.none(), provenances)),
    }


spread_results = st.builds(
    lambda fields, parts: capex.results.SpreadResult(**fields, parts_minor=parts),
    plan_fields(),
    st.one_of(st.none(), frames(money_only=True)),
)
plan_results = plan_fields().map(lambda fields: capex.results.PlanResult(**fields))
shift_results = st.builds(
    lambda fields, makespan, name, tiebreak, overload, solver: capex.results.ShiftResult(
        **fields,
        makespan=makespan,
        objective_name=name,
        tiebreak=tiebreak,
        overload_minor=overload,
        solver=solver,
    ),
    plan_fields(),
    st.integers(0, 60),
    st.sampled_from(["delay", "makespan", "peak"]),
    st.one_of(st.none(), texts),
    st.one_of(st.none(), frames(money_only=True)),
    texts,
)
reforecast_results = st.builds(
    lambda fields, as_of, budget, table, findings, lang, before, note: (
        capex.results.ReforecastResult(
            **fields,
            as_of=as_of,
            budget_minor=budget,
            original_total_minor=budget.copy(),
            unscheduled_minor=budget * 0,
            action_table=table,
            past_window="extend",
            overrun="report",
            forecast_method="spread",
            findings=findings,
            lang=lang,
            before=before,
            coverage_note=note,
        )
    ),
    plan_fields(),
    years,
    series("int64"),
    frames(),
    frames(),
    st.sampled_from(["en", "zh"]),
    st.sampled_from(["plan", "zero", "refuse"]),
    texts,
)


@st.composite
def actuals(draw: st.DrawFn) -> capex.Actuals:
    size = draw(st.integers(0, 6))
    pairs = draw(
        st.lists(st.tuples(st.integers(1, 30), years), min_size=size, max_size=size, unique=True)
    )
    money = draw(monies)
    months = draw(st.lists(st.integers(0, 12), min_size=size, max_size=size))
    ids = [p[0] for p in pairs]
    status = draw(
        st.dictionaries(
            st.sampled_from(ids or [1]), st.sampled_from(["finished", "under_way"]), max_size=2
        )
    )
    made = capex.Actuals.from_arrays(
        np.asarray(ids, dtype=np.int64),
        np.asarray([p[1] for p in pairs], dtype=np.int64),
        np.asarray(draw(st.lists(amounts, min_size=size, max_size=size)), dtype=np.int64),
        money=money,
        source=draw(texts),
        months=np.asarray(months, dtype=np.int64),
        status=status if ids else None,
    )
    return dataclasses.replace(made, reading_findings=draw(frames()))


@st.composite
def variance_reports(draw: st.DrawFn) -> capex.results.VarianceReport:
    ids = draw(id_index(draw(st.integers(0, 4))))
    return capex.results.VarianceReport(
        planned_minor=draw(frames(money_only=True, ids=ids)),
        actual_minor=draw(frames(money_only=True, ids=ids)),
        as_of=draw(years),
        totals_minor=draw(series("int64", ids=ids)),
        names=draw(series("str", ids=ids)),
        attributes=draw(frames(ids=ids)),
        findings=draw(frames()),
        money=draw(monies),
        plan_unit=draw(st.sampled_from(["万元", "元"])),
        actual_unit=draw(st.sampled_from(["万元", "元"])),
        tolerance=draw(st.floats(0, 1)),
        lang=draw(st.sampled_from(["en", "zh"])),
        notes=tuple(draw(st.lists(st.one_of(texts, phrases), max_size=2))),
        before=draw(st.sampled_from(["plan", "zero", "refuse"])),
        coverage_note=draw(texts),
        plan_what=draw(texts),
    )


@st.composite
def hand_overs(draw: st.DrawFn) -> capex.results.HandOver:
    return capex.results.HandOver(
        portfolio=draw(st.one_of(st.none(), portfolios())),
        reconciliation=draw(frames()),
        carried=draw(frames()),
        previous_period=draw(periods),
        next_period=draw(periods),
        money=draw(monies),
        past_window=draw(st.sampled_from(["carry", "release"])),
        findings=draw(frames()),
        new_ids=tuple(draw(st.lists(st.one_of(st.integers(1, 99), names), max_size=3))),
        lang=draw(st.sampled_from(["en", "zh"])),
        before=draw(st.sampled_from(["plan", "zero", "refuse"])),
        coverage_note=draw(texts),
    )


scenarios = st.builds(
    capex.Scenario,
    name=names,
    shifts=st.dictionaries(st.integers(1, 40), st.integers(-3, 3), max_size=3),
    ceilings=st.one_of(
        st.none(),
        st.dictionaries(years, st.one_of(st.none(), st.decimals(0, 10**4, places=2)), max_size=3),
    ),
    ceiling_scale=st.one_of(st.none(), st.floats(0, 2)),
    profile=st.sampled_from([None, "bell", "front"]),
    profiles=st.dictionaries(st.integers(1, 40), st.sampled_from(["uniform", "back"]), max_size=2),
    escalation=st.floats(-0.5, 0.5),
    drop=st.lists(st.integers(1, 40), max_size=2).map(tuple),
    add=st.one_of(st.none(), frames()),
    method=st.sampled_from(["spread", "shift"]),
    description=texts,
)

KINDS = {
    "Portfolio": portfolios(),
    "PlanResult": plan_results,
    "SpreadResult": spread_results,
    "ShiftResult": shift_results,
    "ReforecastResult": reforecast_results,
    "Actuals": actuals(),
    "VarianceReport": variance_reports(),
    "HandOver": hand_overs(),
    "Scenario": scenarios,
}
"""A strategy for each kind of object the issue names (and the plain plan result)."""
