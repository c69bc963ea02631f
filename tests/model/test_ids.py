"""Project ids match the same way wherever they are written: table, scenario, shares,
precedence, solver arguments and the command line."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import capex
from capex.cli import main
from capex.errors import DataError
from capex.io.budget_lines import read_budget_lines
from capex.io.precedence import read_precedence
from capex.model.budget import BudgetLine
from capex.model.ids import id_key, match_id, normalize_id, normalize_ids, resolve_ids
from capex.model.precedence import precedence_graph


@pytest.fixture(scope="module")
def lettered(yuecheng: capex.Portfolio) -> capex.Portfolio:
    """The bundled plan with project 1's id written ``A1``: every id is then text."""
    frame = yuecheng.to_frame().reset_index()
    frame["id"] = ["A1", *[str(i) for i in frame["id"].iloc[1:]]]
    return capex.load_projects(frame, plan_period=yuecheng.plan_period)


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        (19, 19),
        ("19", 19),
        (" 019 ", 19),
        ("１９", 19),  # full-width digits, as Chinese input methods type them
        (19.0, 19),
        ("-3", -3),
        ("A1", "A1"),
        ("Ａ1 ", "A1"),
        ("1_5", "1_5"),  # not a number: int() would read 15
        ("19.5", "19.5"),
        (19.5, "19.5"),
    ],
)
def test_an_id_is_read_one_way(written: object, kept: object) -> None:
    assert normalize_id(written) == kept
    assert id_key(written) == str(kept)


def test_a_table_keeps_integer_ids_or_text_as_written() -> None:
    assert normalize_ids(["1", " 2", "019"]) == [1, 2, 19]
    assert normalize_ids(["A1", "2", "019"]) == ["A1", "2", "019"]


def test_references_match_integer_and_text_ids_alike() -> None:
    numbers = pd.Index([1, 2, 19], name="id")
    texts = pd.Index(["A1", "2", "19"], name="id")
    assert resolve_ids([19, "19", "019", 19.0], numbers) == [19, 19, 19, 19]
    assert resolve_ids([19, "19", "019", 19.0], texts) == ["19", "19", "19", "19"]
    assert match_id(True, numbers) is None  # a boolean names no project, though True == 1
    assert resolve_ids(["7", 2], numbers, missing="skip") == [2]
    with pytest.raises(DataError, match="no such project") as error:
        resolve_ids(["7"], numbers, source="later.toml", column="shifts")
    assert "later.toml" in str(error.value) and "'shifts'" in str(error.value)


def test_two_ids_that_are_one_written_twice_are_an_error() -> None:
    with pytest.raises(DataError, match="one id written two ways"):
        resolve_ids([7], pd.Index(["019", "19"]))


def test_a_text_id_keeps_scenario_references_to_project_19(
    yuecheng: capex.Portfolio, lettered: capex.Portfolio
) -> None:
    later = capex.Scenario("later", shifts={19: 1}).run(lettered)
    assert later.delays["19"] == 1
    expected = capex.Scenario("later", shifts={19: 1}).run(yuecheng)
    assert later.full_window().to_numpy().tolist() == expected.full_window().to_numpy().tolist()
    assert tuple(map(str, later.changes)) == ("shift 19 (北海小学易地新建) by +1 year(s)",)


def test_a_scenario_file_names_projects_of_a_text_table(
    lettered: capex.Portfolio, tmp_path: Path
) -> None:
    path = tmp_path / "later.toml"
    path.write_text('name = "later"\ndrop = [35]\n[shifts]\n19 = 1\n"A1" = 0\n', encoding="utf-8")
    changed = capex.Scenario.from_file(path).apply(lettered)
    assert "35" not in changed.ids and changed.frame.at["19", "start_year"] == 2024


def test_shares_and_precedence_name_projects_of_a_text_table(
    lettered: capex.Portfolio, tmp_path: Path
) -> None:
    line = BudgetLine("province", {2024: 1.0}, shares={19: 0.5})
    assert line.share_array(lettered)[lettered.ids.get_loc("19")] == 0.5
    path = tmp_path / "lines.csv"
    path.write_text("line,year,ceiling,rule\nprovince,2024,1,shares(19=0.5)\n", encoding="utf-8")
    (read,) = read_budget_lines(path)
    result = capex.spread(lettered, [read])
    assert result.ok and result.parts_minor.loc[("19", "province")].sum() == 17_500
    graph = precedence_graph([(19, 20)], lettered)
    assert list(graph.successors("19")) == ["20"]


def test_solver_arguments_name_projects_of_a_text_table(lettered: capex.Portfolio) -> None:
    cut = {2023: 8.0}
    result = capex.shift(lettered, cut, max_delay={19: 1, 20: 1}, fixed=[2, 3], time_limit=None)
    assert result.ok and set(result.delays[result.delays != 0].index) <= {"19", "20"}


def test_the_command_line_names_projects_of_a_text_table(
    lettered: capex.Portfolio, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = capex.io.write_projects(lettered, tmp_path / "projects.csv")
    scenario = tmp_path / "later.toml"
    scenario.write_text('name = "later"\n[shifts]\n19 = 1\n', encoding="utf-8")
    code = main(["scenario", "run", str(scenario), "--data", str(data)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "北海小学易地新建" in out


def test_a_precedence_file_names_projects_as_written_anywhere(
    yuecheng: capex.Portfolio, lettered: capex.Portfolio, tmp_path: Path
) -> None:
    path = tmp_path / "links.csv"
    path.write_text("before,after\n019,20\nA1,2\n", encoding="utf-8")
    graph = read_precedence(path, lettered)
    assert set(graph.edges) == {("19", "20"), ("A1", "2")}
    path.write_text("before,after\n019,20\n", encoding="utf-8")
    assert set(read_precedence(path, yuecheng).edges) == {(19, 20)}


def test_actuals_name_projects_as_written_anywhere(
    yuecheng: capex.Portfolio, lettered: capex.Portfolio, tmp_path: Path
) -> None:
    path = tmp_path / "actuals.csv"
    path.write_text("id,year,amount\n019,2023,100\n1_5,2023,1\n", encoding="utf-8")
    actuals = capex.load_actuals(path)
    assert list(actuals.frame["id"]) == ["019", "1_5"]  # "1_5" is not fifteen
    path.write_text("id,year,amount\n019,2023,100\n", encoding="utf-8")
    assert list(capex.load_actuals(path).for_portfolio(lettered).frame["id"]) == ["19"]
    assert list(capex.load_actuals(path).for_portfolio(yuecheng).frame["id"]) == [19]


def test_a_table_that_writes_one_id_twice_is_refused(yuecheng: capex.Portfolio) -> None:
    frame = yuecheng.to_frame().reset_index()
    frame["id"] = ["A1", "019", *[str(i) for i in frame["id"].iloc[2:]]]
    with pytest.raises(DataError, match="duplicate id") as error:
        capex.load_projects(frame, plan_period=yuecheng.plan_period)
    assert error.value.row == 19 and error.value.value == "19"
    frame["id"] = ["1_5", *[str(i) for i in frame["id"].iloc[1:]]]
    frame.loc[1, "id"] = "2"
    assert capex.load_projects(frame, plan_period=(2021, 2025)).ids[0] == "1_5"  # not 15
