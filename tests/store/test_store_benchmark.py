"""The store's benchmark cannot rot: its table is made here on a small plan."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import store as bench


@pytest.mark.slow
def test_the_store_benchmark_makes_its_table():
    table = bench.run_store(300, repeats=1, workbook=True)
    assert table["operation"].tolist() == [
        "save plan",
        "save portfolio",
        "load plan",
        "load portfolio",
        "diff",
        "store size per plan version",
        "the same plan as a workbook (capex.to_excel)",
    ]
    assert (table["seconds"].iloc[:5] > 0).all()
    assert "projects changed" in table["note"].iloc[4]
    assert bench.markdown(table).startswith("| operation | projects |")
