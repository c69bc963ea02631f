"""Precedence relations read from a table: "must finish before ... starts", by project id.

:func:`read_precedence` reads a small table (CSV or a workbook, columns ``before, after``, or
前置项目 and 后续项目) into the ``networkx.DiGraph`` that :mod:`capex.model.precedence` checks
and schedules with; :func:`with_precedence` gives a portfolio the relations of a graph, a file
or a list of pairs.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from capex.io import read_table
from capex.io.headings import PRECEDENCE_HEADINGS, find_columns, require, row_matches
from capex.model.ids import resolve_ids
from capex.model.portfolio import Portfolio
from capex.model.precedence import precedence_graph
from capex.terms import phrase


def read_precedence(
    source: str | Path | pd.DataFrame,
    portfolio: Portfolio,
    *,
    sheet: str | int | None = None,
    encoding: str = "utf-8",
) -> nx.DiGraph:
    """Read "must finish before ... starts" relations from a table with columns ``before,after``.

    Parameters
    ----------
    source
        A CSV file, an ``.xlsx`` workbook or a DataFrame; each row names two project ids
        (headings ``before``/``after``, or 前置项目/后续项目).
    portfolio
        The projects the ids refer to (ids are matched as everywhere, :mod:`capex.model.ids`:
        ``19``, ``"19"`` and ``"019"`` name the same project).
    sheet
        The sheet of a workbook: its name, or an int: that name first, else the position among the
        visible sheets counted from 0 (see :func:`capex.io.read_table`); the first visible
        sheet by default.
    encoding
        Text encoding of a CSV file.

    Returns
    -------
    networkx.DiGraph
        Every project of the portfolio as a node; an edge ``before -> after`` per row.

    Raises
    ------
    DataError
        A missing column or an unknown id, naming the file (and sheet), the row or cell, the
        column and the value.
    PrecedenceError
        The relations form a cycle; the message names it (ids and names).
    """
    table = read_table(
        source, sheet=sheet, encoding=encoding, header=row_matches(PRECEDENCE_HEADINGS)
    )
    columns = find_columns(table, PRECEDENCE_HEADINGS)
    require(table, columns, ("before", "after"))
    pairs = []
    for i in range(len(table)):
        pair = []
        for column in ("before", "after"):
            j = columns[column].index
            key = table.text(i, j)
            (found,) = resolve_ids([key], portfolio.ids, missing="skip") or [None]
            if found is None:
                raise table.error(phrase("err_io_no_project_with_id"), i, j, key)
            pair.append(found)
        if pair[0] == pair[1]:
            j = columns["after"].index
            raise table.error(phrase("err_io_precede_itself"), i, j, table.text(i, j))
        pairs.append(tuple(pair))
    return precedence_graph(pairs, portfolio)


def with_precedence(
    portfolio: Portfolio, relations: nx.DiGraph | str | Path | Iterable[tuple[Any, Any]]
) -> Portfolio:
    """A copy of ``portfolio`` carrying precedence relations (a graph, a CSV path or pairs)."""
    if isinstance(relations, nx.DiGraph):
        graph = precedence_graph(relations.edges, portfolio)
    elif isinstance(relations, (str, Path)):
        graph = read_precedence(relations, portfolio)
    else:
        graph = precedence_graph(relations, portfolio)
    return portfolio.replace(precedence=graph)
