"""Make ``规划项目表.xlsx`` and ``lines.xlsx``: the bundled projects and ``lines.csv`` as a
finance office keeps them in Excel.

``规划项目表.xlsx`` holds the 35 bundled projects on a sheet named 项目表, under the plan's own
Chinese headings and a title, with a 合计 row of the published totals at the bottom; capex
reads it as it is (``capex reconcile examples/规划项目表.xlsx --sheet 项目表``). ``lines.xlsx``
is ``lines.csv`` in a workbook. Run it from the repository root to re-make them:

    python examples/make_workbooks.py
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from openpyxl import Workbook

import capex
from capex.io.files import atomic_write

HERE = Path(__file__).resolve().parent
FIXED_TIME = dt.datetime(2021, 1, 1)  # the files' own metadata, so a re-made file is the same

HEADINGS = [
    ("序号", "id"),
    ("项目名称", "name"),
    ("开工年份", "start_year"),
    ("竣工年份", "end_year"),
    ("建设地点", "street"),
    ("建设内容", "scope"),
    ("总投资（亿元）", "total_investment"),
    ("2021-2025年投资额（亿元）", "plan_investment"),
    ("建设单位", "builder"),
    ("是否政府投资", "government_investment"),
    ("备注", "note"),
]


def _save(book: Workbook, path: Path) -> Path:
    book.properties.created = book.properties.modified = FIXED_TIME
    with atomic_write(path) as temporary:
        book.save(temporary)
    return path


def projects_workbook(path: Path = HERE / "规划项目表.xlsx") -> Path:
    """The bundled projects under the plan's Chinese headings, with a title and a 合计 row."""
    portfolio = capex.load_projects()
    table = portfolio.to_frame().reset_index()
    book = Workbook()
    sheet = book.active
    sheet.title = "项目表"
    sheet.append(["越城区“十四五”教育事业发展规划 · 五、重大建设项目"])
    sheet.append([heading for heading, _ in HEADINGS])
    for row in table.itertuples(index=False):
        values = row._asdict()
        cells = []
        for _, column in HEADINGS:
            value = values[column]
            if column in ("total_investment", "plan_investment"):
                value = float(value)  # 亿元 with at most four decimals, exact as a double
            elif column == "government_investment":
                value = "是" if value else "否"
            elif column in ("id", "start_year", "end_year"):
                value = int(value)
            cells.append(value)
        sheet.append(cells)
    money, published = portfolio.money, portfolio.published
    total_row = [None] * len(HEADINGS)
    total_row[1] = "合计"
    total_row[6] = float(money.to_decimal(published.total_minor))
    total_row[7] = float(money.to_decimal(published.plan_minor))
    sheet.append(total_row)
    return _save(book, path)


def lines_workbook(path: Path = HERE / "lines.xlsx") -> Path:
    """``lines.csv`` as a workbook: line, year, ceiling, rule."""
    book = Workbook()
    sheet = book.active
    sheet.title = "lines"
    with open(HERE / "lines.csv", encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle)):
            if number and row[2]:
                row[1], row[2] = int(row[1]), float(row[2])
            sheet.append(row)
    return _save(book, path)


if __name__ == "__main__":
    for made in (projects_workbook(), lines_workbook()):
        print(f"wrote {made}")
