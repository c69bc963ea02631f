"""Fuzzing the readers: whatever a file holds, capex answers with its own error, never another
exception, and the command line never prints a traceback."""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

import openpyxl
import pytest
from conftest import tiny_frame
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import capex
from capex.cli import main

HEADINGS = [
    "id", "name", "start_year", "end_year", "total_investment", "plan_investment", "street",
    "government_investment", "classes", "site_area_m2", "priority", "fixed", "profile",
    "序号", "项目名称", "项目期限", "建设年限", "开工年份", "竣工年份", "总投资（亿元）",
    "总投资(万元)", "总投资（两）", "2021-2025年投资额（亿元）", "“十四五”期间投资",
    "是否政府投资", "备注", "", "2021", "FY 2022", "id",
]  # fmt: skip
TEXTS = [
    "", " ", "1", "2", "19", "2021", "2025", "2023-2026", "2023年-2026年", "2026-2023", "2023-20",
    "1.5", "0", "-0.6", "3,5", "1,234.5", "1_5", "1e400", "-1e9", "20226", "1e-400", "nan",
    "inf", "两亿", "是", "否", "yes", "maybe", "合计", "小计", "total", "=1+1", "@SUM(A1)",
    "9" * 40, "0.00000000001", "2021.7", "2020年3月", "甲小学", "\x07", "a\x00b", "\u2028",
    "🙂", '"', ",", "\n", "单位：万元", "uniform", "weights(1,2)", "shares(10=0.6;10=0.7)",
]  # fmt: skip
HOSTILE = ["9" * 40, "1e999999", "-1e999999", "20226", "-1e9", "1e400", "1e-400", "nan", "3,5"]
VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    st.sampled_from(TEXTS),
    st.text(max_size=8),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)

FUZZ = settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])


@contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def csv_text(headings: list[str], rows: list[list[object]]) -> str:
    """Rows joined by commas without quoting: ragged rows, stray commas and quotes included."""
    lines = [",".join(headings)] + [",".join("" if v is None else str(v) for v in r) for r in rows]
    return "\n".join(lines) + "\n"


# a table that is nearly right: the required headings (capex's or a Chinese plan's), a few
# others, and cells that are mostly plausible for their column
REQUIRED = [
    ["id", "name", "start_year", "end_year", "total_investment", "plan_investment"],
    ["序号", "项目名称", "项目期限", "总投资（亿元）", "2021-2025年投资额（亿元）"],
]
PLAUSIBLE = {
    "id": [1, 2, 3, "A1"], "序号": [1, 2, "合计"], "name": ["甲小学", "乙中学"],
    "项目名称": ["甲小学", "合计"], "start_year": [2019, 2021, 2024], "end_year": [2021, 2023, 2026],
    "项目期限": ["2021-2023", "2024—2026"], "total_investment": ["1.5", 3, 0.6],
    "plan_investment": ["0.6", 1, "1.5"], "总投资（亿元）": [1.5, "3"],
    "2021-2025年投资额（亿元）": [0.6, "1"],
}  # fmt: skip


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[object]]]:
    headings = draw(st.sampled_from(REQUIRED)) + draw(
        st.lists(st.sampled_from(HEADINGS), max_size=3)
    )
    headings = draw(st.permutations(headings))
    rows = []
    for _ in range(draw(st.integers(0, 4))):
        row = [
            draw(
                st.sampled_from(PLAUSIBLE[h]) if h in PLAUSIBLE and draw(st.booleans()) else VALUES
            )
            for h in headings
        ]
        row += draw(st.lists(VALUES, max_size=2))  # now and then a value too many
        rows.append(row)
    return headings, rows


def expect_capex_errors_only(call: object, *args: object, **kwargs: object) -> None:
    try:
        call(*args, **kwargs)  # type: ignore[operator]
    except capex.CapexError:
        pass


def cli_is_clean(*argv: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    assert code in (0, 1, 2)
    assert "Traceback" not in err.getvalue()
    assert len(err.getvalue().strip().splitlines()) <= 1, err.getvalue()


# -- project tables --------------------------------------------------------------------------
@pytest.mark.slow
@FUZZ
@given(table=tables(), period=st.sampled_from([None, (2021, 2025)]))
def test_fuzzed_csv_project_tables(
    table: tuple[list[str], list[list[object]]], period: tuple[int, int] | None
) -> None:
    headings, rows = table
    with folder() as where:
        path = where / "projects.csv"
        path.write_text(csv_text(headings, rows), encoding="utf-8", errors="surrogatepass")
        expect_capex_errors_only(capex.load_projects, path, plan_period=period)
        expect_capex_errors_only(capex.load_phased, path)
        cli_is_clean("reconcile", str(path))


def cell(value: object) -> object:
    """A value openpyxl can write (it refuses control characters in text)."""
    if isinstance(value, str):
        return "".join(ch for ch in value if ch >= " " or ch in "\t\n\r") or None
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
        return str(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


@pytest.mark.slow
@FUZZ
@given(
    table=tables(),
    extras=st.lists(
        st.sampled_from(
            ["=A2*2", "#REF!", dt.datetime(1905, 7, 15), dt.datetime(2023, 3, 1), "=SUM(E2:E4)"]
        ),
        max_size=3,
    ),
    merge=st.booleans(),
)
def test_fuzzed_workbook_project_tables(
    table: tuple[list[str], list[list[object]]], extras: list[object], merge: bool
) -> None:
    headings, rows = table
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([cell(h) for h in headings])
    for row in rows:
        sheet.append([cell(v) for v in row])
    for k, value in enumerate(extras):
        sheet.cell(row=2 + k, column=1 + k, value=value)
    if merge:
        sheet.merge_cells("B1:B3")
        sheet.merge_cells("C2:D2")
    with folder() as where:
        path = where / "projects.xlsx"
        book.save(path)
        expect_capex_errors_only(capex.load_projects, path, plan_period=(2021, 2025))
        expect_capex_errors_only(capex.load_phased, path)
        cli_is_clean("reconcile", str(path))


@pytest.mark.slow
@FUZZ
@given(cut=st.integers(0, 4000), noise=st.binary(max_size=64))
def test_damaged_workbooks(cut: int, noise: bytes) -> None:
    with folder() as where:
        path = where / "projects.xlsx"
        capex.write_template(path)
        data = path.read_bytes()
        path.write_bytes(data[:cut] + noise)
        expect_capex_errors_only(capex.load_projects, path)
        cli_is_clean("reconcile", str(path))


# -- budget lines, precedence, scenarios -----------------------------------------------------
@pytest.mark.slow
@FUZZ
@given(table=tables(), headings=st.sampled_from(
    [["line", "year", "ceiling", "rule"], ["预算线", "年份", "预算上限（万元）"], ["line", "year"]]
))  # fmt: skip
def test_fuzzed_budget_lines(
    table: tuple[list[str], list[list[object]]], headings: list[str]
) -> None:
    _, rows = table
    portfolio = capex.load_projects()
    with folder() as where:
        path = where / "lines.csv"
        path.write_text(csv_text(headings, rows), encoding="utf-8", errors="surrogatepass")
        expect_capex_errors_only(capex.read_budget_lines, path)
        expect_capex_errors_only(capex.read_budget_lines, path, portfolio=portfolio)
        cli_is_clean("spread", "--budget-lines", str(path))


@pytest.mark.slow
@FUZZ
@given(table=tables())
def test_fuzzed_precedence(table: tuple[list[str], list[list[object]]]) -> None:
    _, rows = table
    tiny = capex.load_projects(tiny_frame(), plan_period=(2021, 2023))
    with folder() as where:
        path = where / "precedence.csv"
        path.write_text(
            csv_text(["before", "after"], rows), encoding="utf-8", errors="surrogatepass"
        )
        expect_capex_errors_only(capex.io.read_precedence, path, tiny)


KEYS = ["name", "description", "shifts", "ceilings", "ceiling_scale", "profile", "profiles",
        "escalation", "drop", "add", "method", "budget"]  # fmt: skip
JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**30), 10**30),
        st.floats(),
        st.sampled_from(TEXTS),
    ),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(["19", "2021", "x", "id", "name"]), children, max_size=3)
    ),
    max_leaves=8,
)


@FUZZ
@given(data=st.dictionaries(st.sampled_from(KEYS), JSON_VALUES, max_size=5), bom=st.booleans())
def test_fuzzed_scenario_files(data: dict[str, object], bom: bool) -> None:
    with folder() as where:
        path = where / "scenario.json"
        text = json.dumps(data, ensure_ascii=False)
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8", "surrogatepass"))
        expect_capex_errors_only(capex.Scenario.from_file, path)


@FUZZ
@given(text=st.text(max_size=80), raw=st.binary(max_size=40))
def test_fuzzed_toml_text(text: str, raw: bytes) -> None:
    with folder() as where:
        path = where / "scenario.toml"
        path.write_bytes(text.encode("utf-8", "surrogatepass") + raw)
        expect_capex_errors_only(capex.Scenario.from_file, path)
        path.write_text('name = "x"\n' + text, encoding="utf-8", errors="surrogatepass")
        expect_capex_errors_only(capex.Scenario.from_file, path)


@pytest.mark.parametrize(
    "argv",
    [
        ["reconcile", "no/such/file.xlsx"],
        ["reconcile", "--sheet", "1"],
        ["spread", "--budget-lines", "no/such/lines.xlsx"],
        ["scenario", "run", "no/such/scenario.toml"],
        ["template", "no/such/folder/t.xlsx"],
    ],
)
def test_missing_files_are_one_line(argv: list[str]) -> None:
    cli_is_clean(*argv)
