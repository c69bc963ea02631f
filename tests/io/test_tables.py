"""The table layer: CSV files, workbooks and DataFrames read cell by cell, with locations."""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

import capex
from capex.io import read_table
from capex.io.tables import HiddenSheetsWarning


def workbook(path: Path, rows: list[list[object]], *, title: str = "项目表") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def with_cached_values(path: Path, values: dict[str, str]) -> Path:
    """Give formula cells the value Excel would have saved with them (openpyxl saves none)."""
    with zipfile.ZipFile(path) as original:
        parts = {name: original.read(name) for name in original.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    for cell, value in values.items():
        start = xml.index(f'<c r="{cell}"')
        end = xml.index("</c>", start)
        xml = xml[:start] + xml[start:end].replace("<v />", f"<v>{value}</v>") + xml[end:]
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as rewritten:
        for name, data in parts.items():
            rewritten.writestr(name, data)
    return path


# -- CSV -------------------------------------------------------------------------------------
def test_a_csv_reads_as_text_cells_with_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("越城区项目表\n\nid,name,amount\n1,甲,1.5\n\n2,乙,\n", encoding="utf-8")
    table = read_table(path)
    assert table.headings == ("id", "name", "amount")
    assert table.preamble == ("越城区项目表",)
    assert len(table) == 2 and table.text(1, 1) == "乙" and table.value(1, 2) is None
    assert table.file_row(1) == 3  # the blank row between keeps its number
    error = table.error("bad", 0, 2, "1.5")
    assert "row 1" in str(error) and "column 'amount'" in str(error)


def test_a_row_with_a_value_more_than_the_headings_is_an_error(tmp_path: Path) -> None:
    # a comma inside an unquoted name shifts every column after it; pandas would take the
    # id column as the index and read the table without a word
    path = tmp_path / "t.csv"
    path.write_text("id,name,amount\n1,甲,1.5\n2,乙, 丙,2.5\n", encoding="utf-8")
    with pytest.raises(capex.DataError) as caught:
        read_table(path)
    message = str(caught.value)
    assert "row 2" in message and "'2.5'" in message and "double quotes" in message


def test_the_project_loader_refuses_a_shifted_row(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text(
        "id,name,start_year,end_year,total_investment,plan_investment\n"
        "1,甲,2021,2022,1.0,1.0\n"
        "2,乙,中学,2021,2023,3.0,3.0\n",
        encoding="utf-8",
    )
    with pytest.raises(capex.DataError, match=r"row 2.*'3\.0'.*values but there are 6"):
        capex.load_projects(path, plan_period=(2021, 2025))


@pytest.mark.parametrize("row", ["1,甲,12,5,10,", "1,甲,12,5,10,,,", "1,甲,12,5,10, "])
def test_an_extra_field_is_an_error_even_when_it_is_empty(tmp_path: Path, row: str) -> None:
    # "...,12,5,10," under "id,name,total,plan,note" may be total 12, plan 5, note 10 or a
    # shifted row: which value belongs to which heading cannot be known
    path = tmp_path / "t.csv"
    path.write_text(f"id,name,total,plan,note\n{row}\n2,乙,3,3,\n", encoding="utf-8")
    with pytest.raises(capex.DataError, match=r"row 1, column '#6 \(no heading\)'.*values but"):
        read_table(path)


def test_a_row_shorter_than_the_headings_reads_with_empty_cells(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("id,name,note\n1,甲\n2,乙,\n", encoding="utf-8")
    table = read_table(path)
    assert [table.text(i, 1) for i in range(2)] == ["甲", "乙"]
    assert table.value(0, 2) is None and table.value(1, 2) is None


def test_a_utf16_tab_separated_file_from_excel_reads(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes("id\tname\n1\t甲小学\n".encode("utf-16"))
    table = read_table(path)
    assert table.headings == ("id", "name") and table.text(0, 1) == "甲小学"


@pytest.mark.parametrize(
    "source",
    ["csv", "xlsx", "frame"],
)
def test_two_columns_with_one_heading_are_an_error_naming_both(tmp_path: Path, source: str) -> None:
    rows = [["id", "name", "name"], [1, "甲", "乙"]]
    if source == "csv":
        path = tmp_path / "t.csv"
        path.write_text("id,name,name\n1,甲,乙\n", encoding="utf-8")
        target: object = path
        where = "#2 and #3"
    elif source == "xlsx":
        target = workbook(tmp_path / "t.xlsx", rows)
        where = "B and C"
    else:
        target = pd.DataFrame([[1, "甲", "乙"]], columns=["id", "name", "name"])
        where = "#2 and #3"
    with pytest.raises(capex.DataError) as caught:
        read_table(target)
    assert f"columns {where} have the same heading" in str(caught.value)


def test_control_characters_are_refused_where_read(tmp_path: Path) -> None:
    # a workbook cannot hold them (XML forbids them); a CSV file or a DataFrame can
    path = tmp_path / "t.csv"
    path.write_text("id,name\n1,甲\x1b小学\n", encoding="utf-8")
    table = read_table(path)
    with pytest.raises(
        capex.DataError, match=r"row 1, column 'name'.*control character \(U\+001B\)"
    ):
        table.text(0, 1)
    assert table.text(0, 0) == "1"  # the other cells read


# -- workbooks -------------------------------------------------------------------------------
def test_a_workbook_reads_numbers_dates_and_its_first_visible_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    hidden = book.active
    hidden.title = "old"
    hidden.append(["x", "y"])
    hidden.sheet_state = "hidden"
    sheet = book.create_sheet("项目表")
    sheet.append(["序号", "开工时间", "总投资"])
    sheet.append([1, dt.datetime(2023, 3, 1), 1.42])
    sheet.append([2.0, "2024年", 3])
    book.save(tmp_path / "t.xlsx")
    with pytest.warns(HiddenSheetsWarning, match="hidden sheet.*'old'"):
        table = read_table(tmp_path / "t.xlsx")
    assert table.sheet == "项目表" and table.hidden_sheets == ("old",)
    assert table.value(0, 1) == dt.datetime(2023, 3, 1) and table.text(0, 1) == "2023-03-01"
    assert [table.text(0, 2), table.text(1, 0)] == ["1.42", "2"]
    assert read_table(tmp_path / "t.xlsx", sheet="old").headings == ("x", "y")  # by name
    with pytest.warns(HiddenSheetsWarning):  # a position counts the visible sheets only
        assert read_table(tmp_path / "t.xlsx", sheet=0).sheet == "项目表"


def test_an_unknown_sheet_names_the_sheets(tmp_path: Path) -> None:
    path = workbook(tmp_path / "t.xlsx", [["a", "b"]])
    with pytest.raises(capex.DataError, match="no such sheet; the workbook has 项目表"):
        read_table(path, sheet="Sheet9")
    with pytest.raises(capex.DataError, match="no sheet number 3"):
        read_table(path, sheet=2)


def test_merged_titles_headings_and_data_cells(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "越城区重大建设项目表"
    sheet.merge_cells("A1:E1")
    sheet["A2"] = "单位：万元"
    sheet["A3"], sheet["B3"], sheet["C3"] = "序号", "项目名称", "分年度投资（万元）"
    sheet.merge_cells("A3:A4")
    sheet.merge_cells("B3:B4")
    sheet.merge_cells("C3:D3")
    sheet["E3"] = "建设单位"
    sheet.merge_cells("E3:E4")
    sheet["C4"], sheet["D4"] = "2021年", "2022年"
    sheet.append([1, "甲小学", 100, 200, "镜湖开发办"])
    sheet.append([2, "乙中学", 300, None, None])
    sheet.merge_cells("E5:E6")  # one builder for both projects
    book.save(tmp_path / "t.xlsx")
    table = read_table(tmp_path / "t.xlsx")
    assert table.preamble == ("越城区重大建设项目表", "单位：万元")
    assert table.headings == ("序号", "项目名称", "2021年", "2022年", "建设单位")
    assert table.groups == ("", "", "分年度投资（万元）", "分年度投资（万元）", "")
    assert table.header_row == 4 and table.file_row(0) == 5
    assert table.text(1, 4) == "镜湖开发办" and table.is_merged_copy(1, 4)
    assert table.heading_error("x", 0).cell == "A3"


def test_a_formula_reads_through_its_saved_value(tmp_path: Path) -> None:
    path = workbook(tmp_path / "t.xlsx", [["id", "amount"], [1, 1.5], [2, "=B2*2"]])
    with_cached_values(path, {"B3": "3"})
    assert read_table(path).value(1, 1) == 3


def test_a_formula_without_a_saved_value_names_its_cell(tmp_path: Path) -> None:
    path = workbook(tmp_path / "t.xlsx", [["id", "amount"], [1, 1.5], [2, "=B2*2"]])
    table = read_table(path)
    with pytest.raises(capex.DataError) as caught:
        table.value(1, 1)
    message = str(caught.value)
    assert "sheet 项目表, cell B3" in message and "'=B2*2'" in message
    assert "formula with no saved value" in message


def test_an_error_value_names_its_cell(tmp_path: Path) -> None:
    path = workbook(tmp_path / "t.xlsx", [["id", "amount"], [1, "#REF!"]])
    with pytest.raises(capex.DataError, match=r"cell B2.*error value #REF!"):
        read_table(path).value(0, 1)


def test_a_password_protected_workbook_is_a_clear_error(tmp_path: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = workbook(tmp_path / "plain.xlsx", [["id", "name"], [1, "甲"]])
    encrypted = tmp_path / "secret.xlsx"
    with plain.open("rb") as source, encrypted.open("wb") as target:
        OOXMLFile(source).encrypt("secret", target)
    with pytest.raises(capex.DataError, match="protected with a password"):
        read_table(encrypted)


def test_a_sheet_protected_against_editing_still_reads(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "name"])
    sheet.append([1, "甲"])
    sheet.protection.sheet = True
    sheet.protection.password = "secret"
    book.security.lockStructure = True
    book.save(tmp_path / "t.xlsx")
    assert read_table(tmp_path / "t.xlsx").text(0, 1) == "甲"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Excel 97-2003"),
        (b"PK\x03\x04" + b"\0" * 100, "not a readable Excel workbook"),
        (b"not a workbook at all", "not a readable Excel workbook"),
    ],
    ids=["old xls", "corrupt zip", "text named xlsx"],
)
def test_unreadable_workbooks_are_clear_errors(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    with pytest.raises(capex.DataError, match=words):
        read_table(path)


def test_a_truncated_workbook_is_a_clear_error(tmp_path: Path) -> None:
    path = workbook(tmp_path / "t.xlsx", [["id", "name"], [1, "甲"]])
    path.write_bytes(path.read_bytes()[:-200])
    with pytest.raises(capex.DataError, match="not a readable Excel workbook"):
        read_table(path)


def test_a_workbook_named_csv_reads_as_a_workbook(tmp_path: Path) -> None:
    path = workbook(tmp_path / "t.xlsx", [["id", "name"], [1, "甲"]])
    renamed = tmp_path / "t.csv"
    path.rename(renamed)
    assert read_table(renamed).text(0, 1) == "甲"


def test_an_xlsx_project_table_is_not_read_as_text(tmp_path: Path) -> None:
    # today's answer was "not valid utf-8 text ... pass encoding='gb18030'"
    path = workbook(tmp_path / "x.xlsx", [["id", "name"], [1, "甲"]])
    with pytest.raises(capex.DataError) as caught:
        capex.load_projects(path)
    assert "utf-8" not in str(caught.value) and "required column" in str(caught.value)


def test_reading_never_writes_the_workbook(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "x.xlsx",
        [
            ["序号", "项目名称", "项目期限", "总投资（亿元）", "2021-2025年投资额（亿元）"],
            [1, "甲小学", "2021-2023", 1.5, 1.5],
            ["合计", None, None, 1.5, 1.5],
        ],
    )
    old = dt.datetime(2020, 1, 1).timestamp()
    os.utime(path, (old, old))
    before = (path.read_bytes(), path.stat().st_mtime)
    capex.load_projects(path)
    capex.load_phased(path, years={"2021-2025年投资额（亿元）": 2021}, unit="亿元")
    read_table(path)
    assert (path.read_bytes(), path.stat().st_mtime) == before


def test_a_dataframe_reads_with_its_columns() -> None:
    frame = pd.DataFrame({"id": [1, 2], "when": [pd.Timestamp("2023-03-01"), pd.NaT]})
    table = read_table(frame)
    assert table.kind == "frame" and table.value(0, 1) == dt.datetime(2023, 3, 1)
    assert table.value(1, 1) is None and table.text(0, 0) == "1"


def test_a_unit_note_merged_over_the_right_columns_is_a_note(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["E1"] = "单位：万元"
    sheet.merge_cells("E1:F1")
    sheet.append(["id", "name", "start_year", "end_year", "total_investment", "plan_investment"])
    sheet.append([1, "甲", 2021, 2022, 100, 100])
    book.save(tmp_path / "t.xlsx")
    table = read_table(tmp_path / "t.xlsx")
    assert table.preamble == ("单位：万元",) and not any(table.groups)
    portfolio = capex.load_projects(tmp_path / "t.xlsx", plan_period=(2021, 2025))
    assert portfolio.frame["total_minor"].tolist() == [100]  # 100 万元, not 100 亿元


# -- display formats and old workbooks ----------------------------------------------------
def test_a_number_shown_through_a_scaling_format_is_read_as_shown(tmp_path: Path) -> None:
    # 12345 元 shown as 1.2345万 under a 万元 heading: read as 1.2345 万元, never 12345 万元
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "年份", "金额（万元）"])
    sheet.append([1, 2021, 12345])
    sheet["C2"].number_format = '0!.0000"万"'
    sheet.append([2, 2021, 500000])
    sheet["C3"].number_format = "#,##0.00"
    book.save(tmp_path / "a.xlsx")
    actuals = capex.load_actuals(tmp_path / "a.xlsx")
    assert actuals.money.unit == "元"
    assert actuals.frame["amount_minor"].tolist() == [12_345, 5_000_000_000]
    # the same cells under a 元 heading: the format and the heading disagree, refused
    sheet["C1"] = "金额（元）"
    book.save(tmp_path / "b.xlsx")
    with pytest.raises(
        capex.DataError, match=r"cell C2.*shows it in 万元, but the column is read in 元"
    ):
        capex.load_actuals(tmp_path / "b.xlsx")


def test_an_old_xls_workbook_reads_as_an_xlsx_one() -> None:
    path = Path(__file__).resolve().parent.parent / "data" / "ledger_2021_2025.xls"
    table = read_table(path)
    assert table.sheet == "2021-2025支出" and table.preamble[1] == "单位：万元"
    assert table.headings == (
        "序号",
        "项目名称",
        "2021年",
        "2022年",
        "2023年",
        "2024年",
        "2025年",
        "合计",
    )
    assert table.cell_name(0, 2) == "C4"
    actuals = capex.load_actuals(path)
    flows = capex.cash_flow(capex.load_projects()).flows_minor.loc[:, 2021:2025]
    assert np.array_equal(actuals.matrix(flows.index, flows.columns), flows.to_numpy())
    assert (
        actuals.coverage == capex.model.coverage.Coverage(2021, 2025)
        and actuals.reading_findings.empty
    )


def test_an_xls_workbook_without_xlrd_names_what_to_install(monkeypatch) -> None:
    import builtins

    real = builtins.__import__

    def no_xlrd(name, *args, **kwargs):
        if name == "xlrd":
            raise ImportError("no xlrd")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_xlrd)
    path = Path(__file__).resolve().parent.parent / "data" / "ledger_2021_2025.xls"
    with pytest.raises(capex.DataError, match="install xlrd"):
        read_table(path)
