"""Project tables as finance offices keep them: the seed's own table in a workbook, in 亿元,
万元 or 元, with a 合计 row; and each kind of bad workbook named by sheet and cell."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import seed_table

import capex

SEED_HEADINGS = [
    "序号", "项目名称", "项目期限", "建设地点", "建设内容", "总投资（{unit}）",
    "2021-2025年投资额（{unit}）", "建设单位", "是否为政府投资项目或国有平台公司投资项目", "备注",
]  # fmt: skip
TITLE = "越城区“十四五”教育事业发展规划 五、重大建设项目"
SCALE = {"亿元": Decimal(1), "万元": Decimal(10_000), "元": Decimal(100_000_000)}


def seed_workbook(
    path: Path, unit: str = "亿元", *, decimals: int | None = None, numbers: bool = True
) -> Path:
    """The seed document's table, as a finance office would key it into Excel: a merged
    title, its own headings and units, a 合计 row, amounts as numbers (or as text)."""

    def amount(text: str) -> object:
        value = Decimal(text) * SCALE[unit]
        written = (
            f"{value:.{decimals}f}" if decimals is not None else format(value.normalize(), "f")
        )
        return float(written) if numbers else written

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "项目表"
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(SEED_HEADINGS))
    sheet.append([heading.format(unit=unit) for heading in SEED_HEADINGS])
    for row in seed_table.project_rows():
        sheet.append(
            [
                int(row["id"]), row["name"], row["window"], row["street"], row["scope"],
                amount(row["total_investment"]), amount(row["plan_investment"]), row["builder"],
                row["government_investment"], row["note"] or None,
            ]
        )  # fmt: skip
    total, plan = seed_table.headline()
    sheet.append(["合计", None, None, None, None, amount(total), amount(plan)])
    sheet.cell(row=80, column=3).number_format = "0.00"  # a formatted, empty row far below
    book.save(path)
    return path


def same_portfolio(loaded: capex.Portfolio, bundled: capex.Portfolio) -> None:
    # the CSV adds an 'interpretation' column of its own notes; every other field is the same
    columns = [c for c in bundled.frame.columns if c != "interpretation"]
    pd.testing.assert_frame_equal(loaded.frame[columns], bundled.frame[columns])
    assert loaded.money == bundled.money and loaded.plan_period == bundled.plan_period
    assert loaded.published == bundled.published


@pytest.mark.parametrize(
    ("unit", "decimals", "numbers"),
    [("亿元", None, True), ("亿元", None, False), ("万元", 2, True), ("元", None, True)],
    ids=["亿元", "亿元 as text", "万元 with two decimals", "元"],
)
def test_the_seed_table_in_a_workbook_loads_to_the_bundled_portfolio(
    yuecheng: capex.Portfolio, tmp_path: Path, unit: str, decimals: int | None, numbers: bool
) -> None:
    path = seed_workbook(tmp_path / "projects.xlsx", unit, decimals=decimals, numbers=numbers)
    portfolio = capex.load_projects(path)
    same_portfolio(portfolio, yuecheng)
    assert portfolio.name == TITLE
    report = capex.reconcile(portfolio)
    assert report.reconciles
    assert report.totals["computed"].iloc[:2].tolist() == [77.8, 48.39]
    assert report.totals["published"].iloc[:2].tolist() == [77.8, 48.39]
    same = capex.reconcile(yuecheng)
    assert report.findings[["project_id", "rule"]].equals(same.findings[["project_id", "rule"]])


def test_a_totals_row_that_differs_from_the_stated_totals_is_an_error(tmp_path: Path) -> None:
    path = seed_workbook(tmp_path / "projects.xlsx")
    with pytest.raises(capex.DataError) as caught:
        capex.load_projects(
            path, published={"total_investment": "77.9", "plan_investment": "48.39"}
        )
    message = str(caught.value)
    assert "sheet 项目表, cell F38" in message
    assert "the totals row gives 77.8 亿元, but the published total investment is 77.9 亿元" in (
        message
    )


def test_a_totals_row_that_differs_from_the_projects_is_reconciled(tmp_path: Path) -> None:
    path = seed_workbook(tmp_path / "projects.xlsx")
    book = openpyxl.load_workbook(path)
    book.active["F38"] = 78.8
    book.save(path)
    report = capex.reconcile(capex.load_projects(path))
    assert not report.reconciles
    assert report.totals["published"].iloc[0] == 78.8


def edit(*cells: tuple[str, object]) -> Callable[[openpyxl.Workbook], None]:
    def change(book: openpyxl.Workbook) -> None:
        for cell, value in cells:
            book.active[cell] = value

    return change


def merge_amounts(book: openpyxl.Workbook) -> None:
    book.active["F8"] = None
    book.active.merge_cells("F7:F8")


def add_subtotal(book: openpyxl.Workbook) -> None:
    book.active.insert_rows(10)
    book.active["A10"], book.active["F10"] = "小计", 10


# (case, change to the seed workbook, cell named, value named, words of the problem)
BAD_WORKBOOKS = [
    ("text in an amount", edit(("F7", "两亿")), "F7", "'两亿'", "not an amount"),
    ("a date in an amount", edit(("G7", dt.datetime(2021, 3, 1))), "G7", "'2021-03-01'", "date"),
    ("a year range that is not one", edit(("C9", "2023-20")), "C9", "'2023-20'", "range of years"),
    ("a year out of bounds", edit(("C9", "2023-20226")), "C9", "'2023-20226'", "range of years"),
    (
        "a heading that matches two columns",
        edit(("J2", "总投资(万元)")),
        "J2",
        "'总投资(万元)'",
        "both give the total investment",
    ),
    ("an unknown unit", edit(("F2", "总投资（两）")), "F2", "'两'", "unknown unit"),
    (
        "a formula with no saved value",
        edit(("F7", "=F6*2")),
        "F7",
        "'=F6*2'",
        "formula with no saved value",
    ),
    ("an error value", edit(("G9", "#DIV/0!")), "G9", "'#DIV/0!'", "error value"),
    ("an amount merged over two rows", merge_amounts, "F8", None, "merged over several rows"),
    ("a subtotal that does not add up", add_subtotal, "F10", "'10'", "subtotal '小计' gives 10"),
    ("a second totals row", edit(("A39", "合计"), ("F39", 1)), "A39", "'合计'", "second totals"),
]


@pytest.mark.parametrize(
    ("case", "change", "cell", "value", "words"), BAD_WORKBOOKS, ids=[b[0] for b in BAD_WORKBOOKS]
)
def test_each_bad_workbook_names_workbook_sheet_cell_and_value(
    tmp_path: Path,
    case: str,
    change: Callable[[openpyxl.Workbook], None],
    cell: str,
    value: str | None,
    words: str,
) -> None:
    path = seed_workbook(tmp_path / "projects.xlsx")
    book = openpyxl.load_workbook(path)
    change(book)
    book.save(path)
    with pytest.raises(capex.DataError) as caught:
        capex.load_projects(path)
    message = str(caught.value)
    assert message.startswith(f"{path}, sheet 项目表, cell {cell}"), message
    if value is not None:
        assert f"value {value}" in message or value in message
    assert words in message


def test_a_calculated_amount_finer_than_the_fen_says_to_round_it(tmp_path: Path) -> None:
    # Excel saves the full double of =0.1+0.2; openpyxl would round it, so edit the XML
    path = seed_workbook(tmp_path / "projects.xlsx")
    book = openpyxl.load_workbook(path)
    book.active["F7"] = 0.123
    book.save(path)
    with zipfile.ZipFile(path) as original:
        parts = {name: original.read(name) for name in original.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        b"<v>0.123</v>", b"<v>0.30000000000000004</v>"
    )
    with zipfile.ZipFile(path, "w") as rewritten:
        for name, data in parts.items():
            rewritten.writestr(name, data)
    with pytest.raises(capex.DataError) as caught:
        capex.load_projects(path)
    message = str(caught.value)
    assert "cell F7" in message and "finer than 1 分" in message and "=ROUND(" in message


def test_the_issues_example_message(tmp_path: Path) -> None:
    path = seed_workbook(tmp_path / "projects.xlsx")
    book = openpyxl.load_workbook(path)
    book.active["F7"] = "两亿"
    book.save(path)
    with pytest.raises(capex.DataError) as caught:
        capex.load_projects(path)
    message = str(caught.value)
    assert message.startswith(f"{path}, sheet 项目表, cell F7 (column '总投资（亿元）', id 5)")
    assert "value '两亿'" in message


def test_years_as_dates_and_start_and_end_columns(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["单位：万元"])
    sheet.append(["序号", "项目名称", "开工时间", "竣工时间", "总投资", "“十四五”期间投资"])
    sheet.append([1, "甲小学", dt.datetime(2021, 3, 1), "2023年6月", 15000, 15000])
    sheet.append([2, "乙中学", "2024年", 2026, 30000.5, 20000])
    book.save(tmp_path / "p.xlsx")
    portfolio = capex.load_projects(tmp_path / "p.xlsx")
    frame = portfolio.frame
    assert frame["start_year"].tolist() == [2021, 2024] and frame["end_year"].tolist() == [
        2023,
        2026,
    ]
    assert portfolio.money.unit == "元" and portfolio.plan_period == (2021, 2025)
    assert portfolio.frame["total_minor"].tolist() == [150_000_000, 300_005_000]
    assert portfolio.name == ""  # the unit note is not a title


def test_a_year_typed_into_a_date_cell_is_named(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "name", "start_year", "end_year", "total_investment", "plan_investment"])
    sheet.append([1, "甲", dt.datetime(1905, 7, 15), 2023, 1, 1])
    book.save(tmp_path / "p.xlsx")
    with pytest.raises(capex.DataError, match=r"cell C2.*the year 2023 typed into a cell"):
        capex.load_projects(tmp_path / "p.xlsx", plan_period=(2021, 2025))


def test_a_builder_merged_over_rows_goes_to_each_project(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        ["序号", "项目名称", "项目期限", "总投资（亿元）", "2021-2025年投资额（亿元）", "建设单位"]
    )
    sheet.append([1, "甲小学", "2021-2023", 1.5, 1.5, "镜湖开发办"])
    sheet.append([2, "乙中学", "2022-2024", 2, 2, None])
    sheet.merge_cells("F2:F3")
    book.save(tmp_path / "p.xlsx")
    portfolio = capex.load_projects(tmp_path / "p.xlsx")
    assert portfolio.frame["builder"].tolist() == ["镜湖开发办", "镜湖开发办"]


def test_a_metadata_file_beside_a_workbook_is_read(tmp_path: Path) -> None:
    path = seed_workbook(tmp_path / "projects.xlsx")
    path.with_suffix(".toml").write_text('name = "越城区"\nplan_period = [2021, 2025]\n')
    assert capex.load_projects(path).name == "越城区"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("plan_period = [2021.7, 2025]", "not a whole number"),
        ("plan_period = [2021, 20250]", "not a year capex reads"),
        ('plan_period = "2021-2025"\nname = 5', "'name' must be text"),
        ("plan_period = [2021]", "two years"),
    ],
)
def test_bad_metadata_is_refused(tmp_path: Path, text: str, words: str) -> None:
    path = seed_workbook(tmp_path / "projects.xlsx")
    path.with_suffix(".toml").write_text(text + "\n", encoding="utf-8")
    with pytest.raises(capex.DataError, match=words):
        capex.load_projects(path)


# -- the errors of reading files, in the office's language ------------------------------------
ERROR_WORDS_ALLOWED = frozenset(
    {
        # file suffixes, the programs and the settings an error names for the reader to type
        "csv",
        "xlsx",
        "xls",
        "xlsm",
        "toml",
        "Excel",
        "CSV",
        "UTF",
        "xlrd",
        "pip",
        "install",
        "capex",
        "encoding",
        "gb18030",
        "gb",
        "utf",
    }
)
"""ASCII words a Chinese error about a file may hold: file kinds, programs and settings."""


def _csv(text: str, encoding: str = "utf-8") -> Callable[[Path], object]:
    def read(tmp_path: Path) -> object:
        path = tmp_path / "项目.csv"
        path.write_bytes(text.encode(encoding))
        return capex.load_projects(path)

    return read


def _with_metadata(toml: str) -> Callable[[Path], object]:
    def read(tmp_path: Path) -> object:
        path = seed_workbook(tmp_path / "项目.xlsx")
        path.with_suffix(".toml").write_text(toml + "\n", encoding="utf-8")
        return capex.load_projects(path)

    return read


def _workbook(tmp_path: Path) -> Path:
    return seed_workbook(tmp_path / "项目.xlsx")


@pytest.mark.parametrize(
    ("read", "english"),
    [
        (_csv(""), "the file is empty"),
        (
            lambda tmp_path: capex.load_projects(_headings_only(tmp_path)),
            "空项目.xlsx, sheet 项目表: the table has no projects",
        ),
        (
            _csv("序号,项目名称,总投资\n1,甲小学,1,5\n"),
            "the row has 4 values but there are 3 headings",
        ),
        (_csv("序号,项目名称\n1,甲小学\n", "gb18030"), "is not valid utf-8 text at line 1"),
        (
            lambda tmp_path: capex.load_projects(_bad_xlsx(tmp_path)),
            "not a readable Excel workbook",
        ),
        (
            lambda tmp_path: capex.load_projects(_workbook(tmp_path), sheet="九号表"),
            "no such sheet; the workbook has 项目表",
        ),
        (
            lambda tmp_path: capex.load_projects(_workbook(tmp_path), sheet=7),
            "no sheet is named 7, and there is no sheet number 8 (position 7, counted from 0)",
        ),
        (
            lambda tmp_path: capex.io.read_table(_workbook(tmp_path), header=900),
            "there is no heading row 900",
        ),
        (
            lambda tmp_path: capex.io.read_table(_empty_sheet(tmp_path)),
            "the sheet is empty",
        ),
        (
            lambda tmp_path: capex.io.read_table(
                _csv_file(tmp_path, "序号,项目名称\n1,甲\n"), encoding="klingon"
            ),
            "unknown encoding 'klingon'",
        ),
        (
            lambda tmp_path: capex.io.read_table(
                _csv_file(tmp_path, "序号,项目名称\n1,甲\n"), sheet="项目表"
            ),
            "a CSV file has no sheets",
        ),
        (_with_metadata('plan_period = "2021-2025"\nname = 5'), "'name' must be text"),
        (_with_metadata("plan_period = [2021, 2025]\nfiscal_year_start = true"), "must be a month"),
        (
            lambda tmp_path: capex.load_projects(_workbook(tmp_path), published=5),
            "published totals must be a mapping",
        ),
        (
            lambda tmp_path: capex.load_projects(
                _workbook(tmp_path), published={"total_investment": -1, "plan_investment": 1}
            ),
            "a published total cannot be negative",
        ),
        (
            lambda tmp_path: capex.load_projects(
                _workbook(tmp_path), published={"total_investment": 1}
            ),
            "published totals lack 'plan_investment'",
        ),
    ],
)
def test_errors_of_reading_files_are_worded_in_either_language(
    tmp_path: Path, read: Callable[[Path], object], english: str
) -> None:
    from capex.terms import said

    with pytest.raises(capex.DataError) as caught:
        read(tmp_path)
    error = caught.value
    assert english in said(error, "en")
    assert english in str(error)  # the default language is English
    chinese = said(error, "zh").replace(str(tmp_path), "")
    with capex.option_context("lang", "zh"):
        assert str(error).replace(str(tmp_path), "") == chinese
    assert re.search("[\u4e00-\u9fff]", chinese.split("：", 1)[-1])
    # the names of the user's columns and settings (in “”) and the values as found are the
    # user's own text, not capex's words
    own = re.sub(r"“[^”]*”|值[^：，]*|'[^']*'", "", chinese)
    words = {w for w in re.findall(r"[A-Za-z]{2,}", own) if w not in ERROR_WORDS_ALLOWED}
    assert not words, chinese


def _headings_only(tmp_path: Path) -> Path:
    book = openpyxl.Workbook()
    book.active.title = "项目表"
    book.active.append(
        ["序号", "项目名称", "项目期限", "总投资（亿元）", "2021-2025年投资额（亿元）"]
    )
    path = tmp_path / "空项目.xlsx"
    book.save(path)
    return path


def _bad_xlsx(tmp_path: Path) -> Path:
    path = tmp_path / "项目.xlsx"
    path.write_bytes(b"this is not a workbook at all")
    return path


def _empty_sheet(tmp_path: Path) -> Path:
    book = openpyxl.Workbook()
    book.active.title = "空表"
    path = tmp_path / "空.xlsx"
    book.save(path)
    return path


def _csv_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "表.csv"
    path.write_text(text, encoding="utf-8")
    return path
