"""The notebooks in ``notebooks/`` run from top to bottom, so a change that breaks one fails here.

Each runs in a fresh ``python3`` kernel of the current interpreter, in its own folder, as a
reader would run it. They are stored without outputs; this test does not write them back.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
EXPECTED = (
    "01_finance_officer_tour.ipynb",
    "02_planner_scenarios.ipynb",
    "03_solver_benchmarks.ipynb",
    "04_after_the_plan.ipynb",
    "05_risk.ipynb",
)
TIMEOUT = 120  # seconds per cell; each notebook takes well under 30 s in all


def _notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def test_the_notebooks_are_there():
    assert tuple(path.name for path in _notebooks()) == EXPECTED


@pytest.mark.parametrize("path", _notebooks(), ids=lambda path: path.stem)
def test_notebook_is_stored_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code, "a notebook with no code"
    assert all(not cell.outputs and cell.execution_count is None for cell in code)


@pytest.mark.parametrize("path", _notebooks(), ids=lambda path: path.stem)
def test_notebook_runs(path, monkeypatch):
    # the kernel spec starts "python": make that the interpreter running the tests
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    monkeypatch.setenv("CAPEX_PROGRESS", "0")  # no bars in captured output
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except CellExecutionError as error:
        pytest.fail(f"{path.name} failed:\n{error}", pytrace=False)
    outputs = [
        output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
    ]
    assert [output for output in outputs if output.output_type == "error"] == []
    # a Chinese name drawn without a CJK font shows as boxes, and matplotlib warns on stderr
    warnings = [o.text for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    assert not any("missing from font" in text for text in warnings), warnings
