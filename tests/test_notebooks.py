"""The notebooks in ``notebooks/`` are stored executed, so they open with their results, and run
from top to bottom, so a change that breaks one fails here.

The run uses ``notebooks/execute.py`` (the program that stores them executed) on a copy in a
temporary folder: the tests never change the stored notebooks.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # the notebook packages take seconds to import: only the slow tests do
    import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
EXPECTED = (
    "01_finance_officer_tour.ipynb",
    "02_planner_scenarios.ipynb",
    "03_solver_benchmarks.ipynb",
    "04_after_the_plan.ipynb",
    "05_risk.ipynb",
    "06_the_budget_year.ipynb",
    "07_choosing_the_next_plan.ipynb",
    "08_month_by_month.ipynb",
)


def _notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def _executor():
    spec = importlib.util.spec_from_file_location("execute_notebooks", NOTEBOOKS / "execute.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _outputs(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [
        output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
    ]


def _assert_clean(outputs: list[nbformat.NotebookNode], name: str) -> None:
    assert [output for output in outputs if output.output_type == "error"] == [], name
    # a Chinese name drawn without a CJK font shows as boxes, and matplotlib warns on stderr
    errors = [o.text for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    assert not any("missing from font" in text for text in errors), errors


def test_the_notebooks_are_there():
    assert tuple(path.name for path in _notebooks()) == EXPECTED


@pytest.mark.parametrize("path", _notebooks(), ids=lambda path: path.stem)
def test_notebook_is_stored_executed_top_to_bottom(path):
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code, "a notebook with no code"
    # one run, in order: it opens with the results of its own code
    assert [cell.execution_count for cell in code] == list(range(1, len(code) + 1)), path.name
    assert sum(1 for cell in code if cell.outputs) >= len(code) // 2
    assert not any("execution" in cell.metadata for cell in code)  # no clock times stored
    _assert_clean(_outputs(notebook), path.name)
    figures = [o for o in _outputs(notebook) if "image/png" in o.get("data", {})]
    assert figures or "benchmarks" in path.name or "risk" in path.name


@pytest.mark.slow
@pytest.mark.parametrize("path", _notebooks(), ids=lambda path: path.stem)
def test_notebook_runs(path, tmp_path):
    from nbclient.exceptions import CellExecutionError

    copy = tmp_path / "notebooks"
    copy.mkdir()
    shutil.copy(path, copy / path.name)
    # the notebooks read the kept benchmark results and the examples beside them
    shutil.copytree(ROOT / "benchmarks" / "results", tmp_path / "benchmarks" / "results")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    before = path.read_bytes()
    try:
        notebook = _executor().execute(copy / path.name)
    except CellExecutionError as error:
        pytest.fail(f"{path.name} failed:\n{error}", pytrace=False)
    _assert_clean(_outputs(notebook), path.name)
    assert path.read_bytes() == before  # the stored notebook is left alone
