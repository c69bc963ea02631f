"""Opening a workbook: which sheet is read, and what no workbook may cost.

One rule names a sheet everywhere: a value that names a sheet is that sheet first (ledgers
name their sheets 2021, 2022); otherwise a position among the visible sheets, from 0 in
Python (as pandas counts) and from 1 on the command line (as Excel's tabs). A hidden sheet (a
stale copy) is never read by position, and a workbook that has one says so. A workbook is
read over its used range only, within the bounds of ``capex.model.limits``, and its XML may not
declare entities.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

import capex
from capex.io import read_table
from capex.io.tables import HiddenSheetsWarning, SheetArgument
from capex.model import limits

HEADINGS = ["序号", "项目名称", "建设年限", "总投资（亿元）", "2021-2025年投资额（亿元）"]


def ledger_book(path: Path) -> Path:
    """A finance office's workbook: a hidden stale copy first, a cover, a sheet named 2021 and
    the table, each sheet saying which it is in cell A1's row."""
    book = openpyxl.Workbook()
    stale = book.active
    stale.title = "旧表"
    stale.sheet_state = "hidden"
    for title in ("旧表", "封面", "2021", "项目表"):
        sheet = stale if title == "旧表" else book.create_sheet(title)
        sheet.append(["单位：亿元", None])
        sheet.append(["表", "说明"])
        sheet.append([title, f"{title}的内容"])
    book.save(path)
    return path


def read_quietly(path: Path, sheet: object) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HiddenSheetsWarning)
        return read_table(path, sheet=sheet).text(0, 0)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sheet", "read"),
    [
        (None, "封面"),  # the first visible sheet
        (0, "封面"),  # positions count the visible sheets, from 0 in Python
        (1, "2021"),
        (2, "项目表"),
        (2021, "2021"),  # a value that names a sheet is that sheet
        ("2021", "2021"),
        ("项目表", "项目表"),
        ("旧表", "旧表"),  # a hidden sheet is read by its name only
        (SheetArgument("1"), "封面"),  # the command line counts from 1
        (SheetArgument("3"), "项目表"),
        (SheetArgument("2021"), "2021"),
        (SheetArgument(" 项目表 "), "项目表"),
    ],
)
def test_a_sheet_is_a_name_first_then_a_position_among_the_visible_sheets(
    tmp_path: Path, sheet: object, read: str
) -> None:
    assert read_quietly(ledger_book(tmp_path / "book.xlsx"), sheet) == read


@pytest.mark.parametrize(
    ("sheet", "words"),
    [
        (3, "no sheet number 4 .position 3, counted from 0. among the visible sheets"),
        (SheetArgument("4"), "no sheet number 4 among the visible sheets"),
        (SheetArgument("0"), "no sheet number 0 among the visible sheets"),
        ("1", "no such sheet"),  # text in Python is a name, as pandas reads it
        ("Sheet9", "no such sheet; the workbook has 封面, 2021, 项目表 .and, hidden, 旧表."),
        (1.0, "a sheet is named by its name"),
    ],
)
def test_a_sheet_that_is_not_there_names_the_sheets_that_are(
    tmp_path: Path, sheet: object, words: str
) -> None:
    with pytest.raises(capex.DataError, match=words):
        read_quietly(ledger_book(tmp_path / "book.xlsx"), sheet)


def test_a_workbook_with_hidden_sheets_says_so(tmp_path: Path) -> None:
    path = ledger_book(tmp_path / "book.xlsx")
    with pytest.warns(HiddenSheetsWarning, match="hidden sheet.*'旧表'.*the sheet read is '2021'"):
        table = read_table(path, sheet=1)
    assert table.hidden_sheets == ("旧表",)
    with warnings.catch_warnings():
        warnings.simplefilter("error", HiddenSheetsWarning)
        assert read_table(path, sheet="旧表").hidden_sheets == ()  # asked for by name


def test_a_hidden_stale_copy_is_a_finding_of_the_reconciliation(tmp_path: Path) -> None:
    """The projects on the visible sheet, a stale copy with every amount doubled hidden in
    front of it: the plan reads the visible one, and the reconciliation says what it left."""
    book = openpyxl.Workbook()
    stale = book.active
    stale.title = "旧表"
    stale.sheet_state = "hidden"
    table = book.create_sheet("项目表")
    for sheet, factor in ((stale, 2), (table, 1)):
        sheet.append(HEADINGS)
        sheet.append([1, "城东新区第二小学", "2021-2023", 3.2 * factor, 3.2 * factor])
        sheet.append([2, "镜湖中学扩建", "2022-2024", 1.5 * factor, 1.5 * factor])
    book.save(tmp_path / "projects.xlsx")
    with pytest.warns(HiddenSheetsWarning):
        portfolio = capex.load_projects(tmp_path / "projects.xlsx", sheet=0)
    assert portfolio.sheet == "项目表" and portfolio.hidden_sheets == ("旧表",)
    assert portfolio.money.format(portfolio.total_minor) == "4.7 亿元"
    findings = capex.reconcile(portfolio).findings_frame(lang="zh")
    hidden = findings[findings["rule"] == "source_hidden_sheets"]
    assert hidden["severity"].tolist() == ["警告"]
    assert hidden["message"].tolist() == [
        "工作簿中有隐藏的工作表'旧表'，未读取；读取的是工作表“项目表”。"
    ]


# -- what no workbook may cost ---------------------------------------------------------------
def projects_book(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "项目表"
    sheet.append(HEADINGS)
    sheet.append([1, "城东新区第二小学", "2021-2023", 3.2, 3.2])
    book.save(path)
    return path


def test_a_formatted_cell_far_away_does_not_make_a_huge_sheet(tmp_path: Path) -> None:
    """One bold, empty cell at XFD1048576 stretches the sheet's range to 17 billion cells;
    only the cells that hold values are read."""
    path = projects_book(tmp_path / "far.xlsx")
    book = openpyxl.load_workbook(path)
    book["项目表"]["XFD1048576"].font = Font(bold=True)
    book.save(path)
    assert openpyxl.load_workbook(path)["项目表"].max_column == 16_384
    table = read_table(path)
    assert (table.width, len(table)) == (5, 1)


def test_a_used_range_at_the_bound_and_past_it(tmp_path: Path) -> None:
    path = projects_book(tmp_path / "p.xlsx")
    cells = 2 * len(HEADINGS)  # the headings and one project
    with limits.override(MAX_SHEET_CELLS=cells):
        assert len(read_table(path)) == 1
    with (
        limits.override(MAX_SHEET_CELLS=cells - 1),
        pytest.raises(capex.DataError, match=r"sheet 项目表: the sheet's used range A1:E2 has 10"),
    ):
        read_table(path)


def test_a_value_far_away_is_refused_naming_the_range(tmp_path: Path) -> None:
    path = projects_book(tmp_path / "far.xlsx")
    book = openpyxl.load_workbook(path)
    book["项目表"]["XFD1048576"] = "制表人：张三"
    book.save(path)
    with pytest.raises(capex.DataError, match=r"A1:XFD1048576 has 17,179,869,184 cells"):
        read_table(path)


def test_a_text_cell_at_the_bound_and_past_it(tmp_path: Path) -> None:
    """Excel holds at most 32,767 characters in a cell; openpyxl cuts longer text short when
    it writes, so the longer cell is made in the sheet's XML, as another program could."""
    for length in (limits.MAX_CELL_TEXT, limits.MAX_CELL_TEXT + 1):
        path = _with_part(
            projects_book(tmp_path / f"text{length}.xlsx"),
            "xl/worksheets/sheet1.xml",
            lambda text, n=length: text.replace("城东新区第二小学", "备" * n),
        )
        if length == limits.MAX_CELL_TEXT:
            assert len(read_table(path).text(0, 1)) == 32_767
        else:
            with pytest.raises(
                capex.DataError, match="cell B2.*32,768 characters, more than the 32,767"
            ):
                read_table(path)


def test_a_workbook_that_unpacks_past_the_bound_is_refused_before_it_is_opened(
    tmp_path: Path,
) -> None:
    """A few hundred kilobytes of zip can hold hundreds of megabytes of text."""
    path = projects_book(tmp_path / "p.xlsx")
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(member.file_size for member in archive.infolist())
    with limits.override(MAX_UNPACKED_BYTES=unpacked):
        assert len(read_table(path)) == 1
    with (
        limits.override(MAX_UNPACKED_BYTES=unpacked - 1),
        pytest.raises(capex.DataError, match=f"unpacks to {unpacked:,} bytes, more than"),
    ):
        read_table(path)


def _with_part(path: Path, name: str, change: object) -> Path:
    """``path`` with its zip member ``name`` rewritten by ``change(text) -> text``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w") as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == name:
                data = change(data.decode("utf-8")).encode("utf-8")  # type: ignore[operator]
            target.writestr(member, data)
    path.write_bytes(buffer.getvalue())
    return path


def test_entities_in_a_workbooks_xml_are_refused(tmp_path: Path) -> None:
    """defusedxml (a dependency) makes openpyxl refuse a DOCTYPE that declares entities: a
    'billion laughs' in a sheet never expands, whatever the Python build's XML parser does."""
    assert openpyxl.xml.DEFUSEDXML
    bomb = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE worksheet [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i else "&lol;" * 10}">' for i in range(9)
        )
        + "]>\n"
    )
    path = _with_part(
        projects_book(tmp_path / "bomb.xlsx"),
        "xl/worksheets/sheet1.xml",
        lambda text: bomb + text.replace("城东新区第二小学", "&lol8;"),
    )
    with pytest.raises(
        capex.DataError, match="not a readable Excel workbook.*(Entities|DTD)Forbidden"
    ):
        read_table(path)
