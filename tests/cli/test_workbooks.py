"""Every command that takes a table takes an Excel workbook too, and errors stay one line."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import seed_table
from test_cli import assert_one_line_error, run

HEADINGS = [
    "序号", "项目名称", "项目期限", "建设地点", "建设内容", "总投资（亿元）",
    "2021-2025年投资额（亿元）", "建设单位", "是否为政府投资项目或国有平台公司投资项目", "备注",
]  # fmt: skip


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    """The seed's table on the second sheet, 项目表, after a cover sheet."""
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "封面"
    cover.append(["越城区“十四五”教育事业发展规划"])
    sheet = book.create_sheet("项目表")
    sheet.append(HEADINGS)
    for row in seed_table.project_rows():
        sheet.append(
            [int(row["id"]), row["name"], row["window"], row["street"], row["scope"],
             float(row["total_investment"]), float(row["plan_investment"]), row["builder"],
             row["government_investment"], row["note"] or None]
        )  # fmt: skip
    sheet.append(["合计", None, None, None, None, 77.8, 48.39])
    book.save(tmp_path / "projects.xlsx")
    return tmp_path / "projects.xlsx"


def one_line(err: str) -> str:
    assert_one_line_error(err)
    return err.strip()


def test_reconcile_a_workbook_by_sheet_name_or_number(
    capsys: pytest.CaptureFixture[str], workbook: Path
) -> None:
    for sheet in ("项目表", "2"):
        code, out, err = run(capsys, "reconcile", str(workbook), "--sheet", sheet)
        assert code == 0, err
        assert "The totals reconcile exactly" in out and "77.8" in out and "48.39" in out
    code, _, err = run(capsys, "reconcile", str(workbook))  # the cover sheet has no table
    assert code == 2 and "sheet 封面" in one_line(err)
    code, _, err = run(capsys, "reconcile", str(workbook), "--sheet", "3")
    assert code == 2 and "no sheet number 3" in one_line(err)


@pytest.mark.slow
def test_spread_shift_scenario_and_compare_read_workbooks(
    capsys: pytest.CaptureFixture[str], workbook: Path, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    book.active.append(["line", "year", "ceiling (亿元)", "rule"])
    for year, ceiling in zip(range(2021, 2026), (11, 10, 10, 10, 9)):
        book.active.append(["all", year, ceiling, "all" if year == 2021 else None])
    book.save(tmp_path / "lines.xlsx")
    code, out, err = run(
        capsys, "spread", str(workbook), "--sheet", "项目表", "--budget-lines",
        str(tmp_path / "lines.xlsx"),
    )  # fmt: skip
    assert code == 0, err
    assert "optimal" in out
    code, out, err = run(
        capsys, "shift", str(workbook), "--sheet", "项目表", "--ceiling", "2021=11", "--cut", "0.1"
    )
    assert code in (0, 1) and "Traceback" not in err
    scenario = tmp_path / "later.toml"
    scenario.write_text('name = "later"\n[shifts]\n19 = 1\n', encoding="utf-8")
    code, out, err = run(
        capsys, "scenario", "run", str(scenario), "--data", str(workbook), "--sheet", "项目表",
        "--ceiling", "12",
    )  # fmt: skip
    assert code == 0, err
    code, out, err = run(
        capsys, "compare", "--base", str(scenario), str(scenario), "--data", str(workbook),
        "--sheet", "项目表", "--ceiling", "12",
    )  # fmt: skip
    assert code in (0, 1) and "Traceback" not in err


def test_a_bad_cell_is_one_line_naming_workbook_sheet_and_cell(
    capsys: pytest.CaptureFixture[str], workbook: Path
) -> None:
    book = openpyxl.load_workbook(workbook)
    book["项目表"]["F7"] = "两亿"
    book.save(workbook)
    code, _, err = run(capsys, "reconcile", str(workbook), "--sheet", "项目表")
    line = one_line(err)
    assert code == 2
    assert (
        f"{workbook}, sheet 项目表, cell F7 (column '总投资（亿元）', id 6), value '两亿'" in line
    )


def test_budget_lines_that_bind_nothing_fail_the_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lines = tmp_path / "lines.csv"
    lines.write_text("line,year,ceiling,rule\nbig,2021,5,site_area_m2=55001\n", encoding="utf-8")
    code, _, err = run(capsys, "spread", "--budget-lines", str(lines))
    assert code == 2 and "matches no project" in one_line(err)
    lines.write_text("line,year,ceiling,rule\n", encoding="utf-8")
    code, _, err = run(capsys, "spread", "--budget-lines", str(lines))
    assert code == 2 and "no budget lines" in one_line(err)
    lines.write_text("line,year,ceiling,rule\nbig,2021,5,site_area_m2=55000\n", encoding="utf-8")
    code, _, err = run(capsys, "spread", "--budget-lines", str(lines))
    assert code in (0, 1) and "Traceback" not in err


def test_sheet_without_a_workbook_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "reconcile", "--sheet", "项目表")
    assert code == 2 and "--sheet needs a workbook" in one_line(err)


def test_the_help_says_workbooks_are_read(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "reconcile", "--help")
    assert code == 0 and ".xlsx" in out and "--sheet" in out
