"""``--sheet`` means one thing for every file a command reads: the sheet of that name, else
the position among the visible sheets, counted from 1; a workbook with hidden sheets says so."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from test_cli import run

from capex.cli import build_parser
from capex.cli.guard import commands

ROOT = Path(__file__).resolve().parents[2]
LEDGER = ROOT / "examples" / "made_up_actuals_2018_2025.csv"


def ledger_rows() -> list[list[object]]:
    """The made-up ledger, one row per project and year, amounts in 元."""
    lines = [line for line in LEDGER.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    rows = list(csv.reader(lines))
    return [["序号", "年份", "实际支出（元）"]] + [[int(a), int(b), int(c)] for a, b, c in rows[1:]]


@pytest.fixture
def books(tmp_path: Path) -> dict[str, Path]:
    """The projects and the ledger as workbooks, each with a hidden stale copy where every
    amount is doubled and a visible cover sheet beside the table."""
    projects = openpyxl.load_workbook(ROOT / "examples" / "规划项目表.xlsx")
    table = projects["项目表"]
    stale = projects.copy_worksheet(table)
    stale.title = "旧表"
    stale.sheet_state = "hidden"
    for row in stale.iter_rows(min_row=1):
        for cell in row:
            if isinstance(cell.value, (int, float)) and cell.column > 1:
                cell.value *= 2
    cover = projects.create_sheet("封面")
    cover.append(["越城区“十四五”教育事业发展规划 重大建设项目表"])
    for sheet, index in ((stale, 0), (cover, 1), (table, 2)):
        projects.move_sheet(sheet, offset=index - projects.index(sheet))
    projects.save(tmp_path / "projects.xlsx")

    ledger = openpyxl.Workbook()
    notes = ledger.active
    notes.title = "说明"
    notes.append(["本台账为虚构数据"])
    current = ledger.create_sheet("支出台账")
    old = ledger.create_sheet("旧账")  # last, where position 2 counted from 0 found it
    old.sheet_state = "hidden"
    for row in ledger_rows():
        current.append(row)
        old.append([row[0], row[1], row[2] * 2 if isinstance(row[2], int) else row[2]])
    ledger.save(tmp_path / "ledger.xlsx")
    assert projects.sheetnames == ["旧表", "封面", "项目表"]
    return {"projects": tmp_path / "projects.xlsx", "ledger": tmp_path / "ledger.xlsx"}


def test_the_projects_sheet_by_position_counts_the_visible_sheets_from_1(
    capsys: pytest.CaptureFixture[str], books: dict[str, Path]
) -> None:
    """A hidden stale copy first: --sheet 2 is the second visible sheet, the real table
    (77.80 亿元), not the copy (155.60)."""
    for sheet in ("2", "项目表"):
        code, out, err = run(capsys, "reconcile", str(books["projects"]), "--sheet", sheet)
        assert code == 0, err
        assert "77.80" in out and "155.60" not in out
        assert "[source_hidden_sheets]" in out
        assert err.strip() == (
            f"warning: capex reconcile: {books['projects']}: The workbook has hidden sheet(s) "
            "'旧表', which were not read; the sheet read is '项目表'."
        )
    code, _, err = run(capsys, "reconcile", str(books["projects"]), "--sheet", "3")
    assert code == 2 and "no sheet number 3 among the visible sheets" in err
    assert "the workbook has 封面, 项目表 (and, hidden, 旧表)" in err


def test_the_actuals_sheet_follows_the_same_rule(
    capsys: pytest.CaptureFixture[str], books: dict[str, Path]
) -> None:
    """--sheet of a ledger counted from 0 once; now from 1 among the visible sheets, as for
    projects: the same variance by position and by name, and the stale copy never read."""
    said = []
    for sheet in ("2", "支出台账"):
        code, out, err = run(capsys, "variance", str(books["ledger"]), "--sheet", sheet)
        assert code == 0, err
        assert "hidden sheet(s) '旧账'" in err
        said.append(out)
    assert said[0] == said[1]
    code, out, _ = run(capsys, "variance", str(LEDGER))
    assert out == said[0]  # the ledger's own CSV says the same


def test_every_sheet_option_says_the_one_rule_in_its_help() -> None:
    for words, parser in commands(build_parser()).items():
        for action in parser._actions:
            if "--sheet" in action.option_strings:
                assert "visible sheets, counted from 1" in (action.help or ""), words
