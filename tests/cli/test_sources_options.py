"""The command line reads funding sources and fiscal years: --sources, --fiscal-year-start,
a budget-lines file whose line is a source, and prints each plan by source."""

from __future__ import annotations

from pathlib import Path

import pytest

import capex
from capex.cli import main
from capex.io.projects import write_projects

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SOURCES = str(EXAMPLES / "made_up_sources.csv")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_spread_with_sources_prints_the_years_by_source(capsys):
    code, out, _ = run(capsys, "spread", "--sources", SOURCES, "--ceiling", "10", "--lang", "zh")
    assert code == 0
    assert "按资金来源（亿元），2021-2025：" in out
    assert "其中：专项债券" in out


def test_a_source_ceiling_from_a_budget_lines_file(capsys, tmp_path):
    lines = tmp_path / "lines.csv"
    lines.write_text("line,year,ceiling,rule\n专项债券,2021,2.0,source\n", encoding="utf-8")
    code, out, _ = run(capsys, "spread", "--sources", SOURCES, "--budget-lines", str(lines))
    assert code == 0
    bonds = next(line for line in out.splitlines() if "of which 专项债券" in line)
    assert bonds.split()[3] == "2.0000"  # 2021 at its ceiling


def test_a_source_line_without_sources_is_a_one_line_error(capsys, tmp_path):
    lines = tmp_path / "lines.csv"
    lines.write_text("line,year,ceiling,rule\n专项债券,2021,2.0,source\n", encoding="utf-8")
    code, _, err = run(capsys, "spread", "--budget-lines", str(lines))
    assert code == 2
    assert err.count("\n") == 1 and "funding source" in err


def test_a_fiscal_year_table_from_the_command_line(capsys, tmp_path):
    cip = capex.load_phased(
        EXAMPLES / "made_up_cip_fy2027_2031.csv",
        id="Project ID",
        name="Project Title",
        total="Total",
        unit="USD",
        fiscal_year_start=10,
    ).portfolio
    path = write_projects(cip, tmp_path / "cip.csv")  # the fiscal year kept in cip.toml
    code, out, _ = run(capsys, "spread", str(path), "--unit", "USD")
    assert code == 0 and "FY2027-FY2031" in out and "General Fund" in out
    code, _, err = run(capsys, "spread", str(path), "--fiscal-year-start", "13")
    assert code == 2 and "1 to 12" in err
