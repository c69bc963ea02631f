"""Funding sources as tables write them: a column per source (Chinese or English headings,
其中 columns nested, shares), a long table, and every bad split an error naming its cell."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import capex
from capex.errors import DataError

HEADINGS = ["序号", "项目名称", "建设年限", "总投资", "2021-2025年投资额"]
SOURCES = ["一般公共预算", "政府性基金预算", "其中：专项债券", "上级补助", "自筹资金"]


def write_projects(path: Path, rows: list[list[object]], *, sources=SOURCES) -> Path:
    """A district's project table: a title, 单位：万元, the headings over two rows with 资金来源
    merged over the source columns, the projects, a 合计 row and a footer."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "项目表"
    width = len(HEADINGS) + len(sources)
    sheet.append(["越城区教育项目资金来源表"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.append(["单位：万元"])
    sheet.append([*HEADINGS, "资金来源", *[None] * (len(sources) - 1)])
    sheet.append([None] * len(HEADINGS) + list(sources))
    for column in range(1, len(HEADINGS) + 1):
        sheet.merge_cells(start_row=3, start_column=column, end_row=4, end_column=column)
    sheet.merge_cells(start_row=3, start_column=len(HEADINGS) + 1, end_row=3, end_column=width)
    for row in rows:
        sheet.append(row)
    totals = ["合计", None, None] + [
        sum(r[k] for r in rows if isinstance(r[k], (int, float))) for k in range(3, width)
    ]
    sheet.append(totals)
    sheet.append(["制表人：张三", None, "审核人：李四"])
    book.save(path)
    return path


ROWS = [
    [1, "甲小学", "2021-2023", 6000, 6000, 2000, 3000, 2000, "-", 1000],
    [2, "乙中学", "2022-2026", 10000, 4000, 5000, "-", "-", 5000, None],
    [3, "丙幼儿园", "2024-2025", 800, 800, None, None, None, None, None],
]


@pytest.fixture
def workbook(tmp_path) -> Path:
    return write_projects(tmp_path / "项目表.xlsx", ROWS)


def test_a_workbook_with_a_column_per_source_reads_each_projects_split(workbook):
    portfolio = capex.load_projects(workbook, plan_period=(2021, 2025))
    sources = portfolio.sources
    assert sources.names == ["一般公共预算", "政府性基金预算", "专项债券", "上级补助", "自筹资金"]
    assert sources.within == {"专项债券": "政府性基金预算"}  # 其中：the column before it
    amounts = sources.amounts_minor
    assert amounts.loc[1].tolist() == [2000, 3000, 2000, 0, 1000]
    assert amounts.loc[2].tolist() == [5000, 0, 0, 5000, 0]
    assert 3 not in amounts.index  # no split: reported as unassigned
    # counted once: the top-level sources are each project's total
    assert sources.totals_minor().tolist() == [6000, 10000]


def test_a_split_that_does_not_add_up_names_its_row(tmp_path):
    rows = [list(ROWS[0]), ROWS[1]]
    rows[0][9] = 1500  # 自筹 500 万元 too much
    path = write_projects(tmp_path / "bad.xlsx", rows)
    with pytest.raises(DataError, match="add up to 0.65 亿元") as caught:
        capex.load_projects(path, plan_period=(2021, 2025))
    assert caught.value.sheet == "项目表"
    assert caught.value.row == 5
    assert caught.value.project_id == 1


def test_a_source_beside_its_parent_without_qi_zhong_gets_a_hint(tmp_path):
    sources = ["一般公共预算", "政府性基金预算", "专项债券", "上级补助", "自筹资金"]
    path = write_projects(tmp_path / "beside.xlsx", ROWS[:1], sources=sources)
    with pytest.raises(DataError, match="head its column 其中：专项债券"):
        capex.load_projects(path, plan_period=(2021, 2025))


@pytest.mark.parametrize(
    ("column", "value", "match"),
    [
        (5, "两千", "not an amount or a share"),
        (5, "0.2亿", "unit"),
        (7, 4000, "more than its"),  # 其中 above its parent
    ],
)
def test_bad_source_cells_are_errors_naming_the_cell(tmp_path, column, value, match):
    rows = [list(ROWS[0])]
    rows[0][column] = value
    path = write_projects(tmp_path / "bad.xlsx", rows)
    with pytest.raises(DataError, match=match):
        capex.load_projects(path, plan_period=(2021, 2025))


def test_english_headings_and_shares(tmp_path):
    path = tmp_path / "cip.csv"
    path.write_text(
        "id,name,start_year,end_year,total_investment,plan_investment,General Fund,GO Bonds,"
        "Grants\n"
        'A1,Fire station,2027,2028,"1,000.01","1,000.01",50%,30%,20%\n'
        'A2,Library,2027,2027,500.00,500.00,"250.00",-,"250.00"\n',
        encoding="utf-8",
    )
    portfolio = capex.load_projects(path, plan_period=(2027, 2031), amount_unit="USD")
    amounts = portfolio.sources.amounts_minor  # cents
    assert amounts.loc["A1"].tolist() == [50001, 30000, 20000]  # largest remainder, exact
    assert amounts.loc["A2"].tolist() == [25000, 0, 25000]


def test_shares_that_are_not_the_whole_are_an_error(tmp_path):
    path = tmp_path / "cip.csv"
    path.write_text(
        "id,name,start_year,end_year,total_investment,plan_investment,General Fund,Grants\n"
        "A1,Fire station,2027,2028,1000,1000,50%,30%\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="80 %, not 100 %"):
        capex.load_projects(path, plan_period=(2027, 2031), amount_unit="USD")


# -- a long table ---------------------------------------------------------------------------
def test_a_long_table_of_sources_with_its_nesting(yuecheng, tmp_path):
    path = tmp_path / "sources.csv"
    path.write_text(
        "单位：亿元\n项目编号,资金来源,金额\n"
        "1,一般公共预算,0.5\n1,政府性基金预算,0.7\n1,专项债券,0.6\n1,自筹,0.3\n"
        "2,自筹,2.92\n",
        encoding="utf-8",
    )
    sources = capex.load_sources(path, yuecheng)
    assert sources.within == {"专项债券": "政府性基金预算"}  # the known nesting
    assert sources.amounts_minor.loc[1].tolist() == [5000, 7000, 6000, 3000]
    planned = capex.spread(yuecheng.replace(sources=sources), 10)
    table = planned.to_frame(by="source")
    assert table.loc[table.attrs["top"]].sum().sum() == planned.to_frame().to_numpy().sum() * 2


@pytest.mark.parametrize(
    ("rows", "match"),
    [
        ("99,自筹,1.5\n", "no project has this id"),
        ("1,自筹,1.0\n1,自筹,0.5\n", "given twice"),
        ("1,自筹,abc\n", "not an amount"),
        ("1,自筹,1.0\n", "not the project's total"),
    ],
)
def test_a_bad_long_table_is_an_error_naming_its_row(yuecheng, tmp_path, rows, match):
    path = tmp_path / "sources.csv"
    path.write_text("id,source,amount\n" + rows, encoding="utf-8")
    with pytest.raises(DataError, match=match):
        capex.load_sources(path, yuecheng)


def test_the_bundled_plans_made_up_sources_are_labelled_and_add_up(yuecheng):
    path = Path(__file__).resolve().parents[2] / "examples" / "made_up_sources.csv"
    assert "MADE-UP" in path.read_text(encoding="utf-8").splitlines()[0]
    sources = capex.load_sources(path, yuecheng)
    assert sources.totals_minor().equals(yuecheng.frame["total_minor"].rename("total"))
    frame = pd.DataFrame(sources.amounts_minor)
    assert (frame["专项债券"] <= frame["政府性基金预算"]).all()
