"""Precedence: "must finish before ... starts" relations between projects.

A relocated school's new campus must be finished before the old site is rebuilt; a road
before the school it serves. Such relations are held as a ``networkx.DiGraph`` whose nodes are
project ids and whose edges ``before -> after`` read "``before`` must finish (its last year)
before ``after`` starts (its first year)", so that for windows in whole years::

    start_year[after] >= end_year[before] + 1

They are read from a small table (:func:`read_precedence`, CSV or Excel, columns
``before,after``), attached
to a portfolio with ``portfolio.replace(precedence=graph)`` (or :func:`with_precedence`), and
honoured by :func:`capex.shift`. A cycle is an error that names the cycle; the critical path
and the earliest finish of each project (:func:`earliest_finish`, :func:`critical_path`) are
computed from the window lengths, as if every project could start as early as its own window
allows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from capex.errors import CapexError
from capex.model.ids import resolve_ids
from capex.model.portfolio import Portfolio
from capex.terms import phrase

__all__ = [
    "PrecedenceError",
    "check_precedence",
    "critical_path",
    "earliest_finish",
    "precedence_graph",
    "precedence_violations",
]


class PrecedenceError(CapexError, ValueError):
    """Precedence relations that cannot hold (a cycle), named in the message."""


def precedence_graph(
    pairs: Iterable[tuple[Any, Any]], portfolio: Portfolio | None = None
) -> nx.DiGraph:
    """A precedence graph from ``(before, after)`` pairs of project ids.

    With a ``portfolio``, every id must be one of its projects and every project becomes a node
    (also those without relations); a cycle raises :class:`PrecedenceError`.
    """
    graph = nx.DiGraph()
    if portfolio is not None:
        graph.add_nodes_from(portfolio.ids)
    for before, after in pairs:
        if portfolio is not None:  # ids match as everywhere (capex.model.ids): 19, "19", "019"
            before, after = resolve_ids(
                [before, after],
                portfolio.ids,
                what=phrase("err_model_precedence_project"),
                source=portfolio.source,
            )
        graph.add_edge(before, after)
    check_precedence(graph, portfolio)
    return graph


def check_precedence(graph: nx.DiGraph, portfolio: Portfolio | None = None) -> None:
    """Raise :class:`PrecedenceError` naming a cycle of ``graph`` (ids, and names when known)."""
    try:
        cycle = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return
    nodes = [edge[0] for edge in cycle] + [cycle[0][0]]
    names = {} if portfolio is None else dict(zip(portfolio.ids, portfolio.column("name")))
    text = " -> ".join(f"{pid} ({names[pid]})" if pid in names else str(pid) for pid in nodes)
    raise PrecedenceError(phrase("err_model_precedence_cycle", text=text))


def _graph(portfolio: Portfolio, graph: nx.DiGraph | None) -> nx.DiGraph:
    graph = graph if graph is not None else portfolio.precedence
    if graph is None:
        graph = nx.DiGraph()
    graph = graph.copy()
    graph.add_nodes_from(portfolio.ids)
    check_precedence(graph, portfolio)
    return graph


def earliest_finish(portfolio: Portfolio, graph: nx.DiGraph | None = None) -> pd.DataFrame:
    """Earliest start and finish year of each project under precedence.

    A project starts no earlier than its own window's start and no earlier than the year
    after each predecessor's earliest finish; it lasts as many years as its window. Budget
    ceilings are ignored (this is the critical-path schedule).

    Returns
    -------
    DataFrame
        Indexed by project id: ``start_year``, ``end_year`` (earliest), ``delay`` (years the
        precedence forces the window later) and ``slack`` (years it could move later without
        moving the latest end of the whole programme).
    """
    graph = _graph(portfolio, graph)
    frame = portfolio.frame
    own_start = frame["start_year"].astype(np.int64)
    length = (frame["end_year"] - frame["start_year"] + 1).astype(np.int64)
    start: dict[Any, int] = {}
    finish: dict[Any, int] = {}
    for pid in nx.topological_sort(graph):
        earliest = int(own_start[pid])
        for before in graph.predecessors(pid):
            earliest = max(earliest, finish[before] + 1)
        start[pid] = earliest
        finish[pid] = earliest + int(length[pid]) - 1
    horizon = max(finish.values()) if finish else 0
    latest_finish: dict[Any, int] = {}
    for pid in reversed(list(nx.topological_sort(graph))):
        latest = horizon
        for after in graph.successors(pid):
            latest = min(latest, latest_finish[after] - int(length[after]))
        latest_finish[pid] = latest
    ids = frame.index
    out = pd.DataFrame(
        {
            "start_year": [start[pid] for pid in ids],
            "end_year": [finish[pid] for pid in ids],
        },
        index=ids,
    )
    out["delay"] = out["start_year"] - own_start.to_numpy()
    out["slack"] = [latest_finish[pid] - finish[pid] for pid in ids]
    return out


def critical_path(portfolio: Portfolio, graph: nx.DiGraph | None = None) -> list[Any]:
    """The project ids of a critical path: the chain that ends latest, in order.

    It ends at the project with the latest earliest finish and walks back through
    predecessors whose earliest finish is exactly one year before the next one starts (the
    relation that pushed it); a project starting at its own window's start ends the walk.
    """
    graph = _graph(portfolio, graph)
    schedule = earliest_finish(portfolio, graph)
    if schedule.empty:
        return []
    own_start = portfolio.frame["start_year"]
    pid = schedule["end_year"].idxmax()
    path = [pid]
    while schedule.at[pid, "start_year"] > own_start[pid]:
        pushing = [
            before
            for before in graph.predecessors(pid)
            if schedule.at[before, "end_year"] + 1 == schedule.at[pid, "start_year"]
        ]
        pid = pushing[0]
        path.append(pid)
    return path[::-1]


def precedence_violations(graph: nx.DiGraph | None, windows: pd.DataFrame) -> list[tuple[Any, Any]]:
    """The relations ``(before, after)`` that ``windows`` (``start_year``, ``end_year`` by id) break."""
    if graph is None:
        return []
    broken = []
    for before, after in graph.edges:
        if windows.at[after, "start_year"] < windows.at[before, "end_year"] + 1:
            broken.append((before, after))
    return broken
