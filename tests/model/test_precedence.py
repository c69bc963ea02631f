"""Precedence relations: reading, cycles, critical path and earliest finish."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

import capex
from capex.errors import DataError
from capex.io.precedence import read_precedence, with_precedence
from capex.model.precedence import (
    PrecedenceError,
    critical_path,
    earliest_finish,
    precedence_graph,
)


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "precedence.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_read_a_small_csv(tiny: capex.Portfolio, tmp_path: Path) -> None:
    graph = read_precedence(_csv(tmp_path, "before,after\n1,3\n3,4\n"), tiny)
    assert isinstance(graph, nx.DiGraph)
    assert set(graph.edges) == {(1, 3), (3, 4)}
    assert set(graph.nodes) == {1, 2, 3, 4}  # every project, also those without relations


def test_a_cycle_is_named_with_ids_and_names(tiny: capex.Portfolio, tmp_path: Path) -> None:
    with pytest.raises(PrecedenceError) as info:
        read_precedence(_csv(tmp_path, "before,after\n1,2\n2,3\n3,1\n"), tiny)
    message = str(info.value)
    for text in ("1 (甲小学)", "2 (乙中学)", "3 (丙幼儿园)", "cycle"):
        assert text in message


@pytest.mark.parametrize(
    ("text", "row", "column", "value"),
    [
        ("before,after\n1,3\n9,4\n", 2, "before", "9"),
        ("before,after\n1,x\n", 1, "after", "x"),
        ("before,after\n2,2\n", 1, "after", "2"),
    ],
)
def test_a_bad_row_is_located(
    tiny: capex.Portfolio, tmp_path: Path, text: str, row: int, column: str, value: str
) -> None:
    with pytest.raises(DataError) as info:
        read_precedence(_csv(tmp_path, text), tiny)
    error = info.value
    assert (error.row, error.column, error.value) == (row, column, value)
    assert "precedence.csv" in str(error)


def test_a_missing_column_is_named(tiny: capex.Portfolio, tmp_path: Path) -> None:
    with pytest.raises(DataError, match="after"):
        read_precedence(_csv(tmp_path, "before,then\n1,2\n"), tiny)


def test_relations_from_a_workbook_with_chinese_headings(
    tiny: capex.Portfolio, tmp_path: Path
) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["前置项目", "后续项目"])
    book.active.append([1, 3])
    book.active.append([3, 9])
    book.save(tmp_path / "relations.xlsx")
    with pytest.raises(DataError, match=r"relations.xlsx, sheet Sheet, cell B3 .*value '9'"):
        read_precedence(tmp_path / "relations.xlsx", tiny)
    book.active["B3"] = 4
    book.save(tmp_path / "relations.xlsx")
    assert set(read_precedence(tmp_path / "relations.xlsx", tiny).edges) == {(1, 3), (3, 4)}


def test_a_shifted_row_is_not_read_as_an_index(tiny: capex.Portfolio, tmp_path: Path) -> None:
    # pandas would take "before" as the index and pair 3 with 4 from the wrong columns
    with pytest.raises(DataError, match="row 1.*values but there are 2 headings"):
        read_precedence(_csv(tmp_path, "before,after\n1,3,4\n"), tiny)


def test_earliest_finish_follows_the_chain(tiny: capex.Portfolio) -> None:
    # windows: 1: 2020-2021, 2: 2021-2023, 3: 2022-2023, 4: 2023-2024
    # 1 -> 2 -> 4: 2 starts 2022 (after 1 ends 2021), ends 2024; 4 starts 2025, ends 2026
    portfolio = with_precedence(tiny, [(1, 2), (2, 4)])
    schedule = earliest_finish(portfolio)
    assert schedule.loc[2, ["start_year", "end_year", "delay"]].tolist() == [2022, 2024, 1]
    assert schedule.loc[4, ["start_year", "end_year", "delay"]].tolist() == [2025, 2026, 2]
    assert schedule.loc[3, ["start_year", "end_year", "delay"]].tolist() == [2022, 2023, 0]
    # 3 could end as late as 2026 without moving the programme's end
    assert schedule.at[3, "slack"] == 3
    assert schedule.at[4, "slack"] == 0
    assert critical_path(portfolio) == [1, 2, 4]


def test_no_relations_means_the_own_windows(tiny: capex.Portfolio) -> None:
    schedule = earliest_finish(tiny)
    assert (schedule["delay"] == 0).all()
    assert critical_path(tiny) == [4]  # the latest end, 2024, and nothing pushed it


def test_a_graph_with_an_unknown_project_is_refused(tiny: capex.Portfolio) -> None:
    with pytest.raises(DataError):
        precedence_graph([(1, 99)], tiny)
