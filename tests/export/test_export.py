"""Excel and CSV export: the numbers read back to the 万元, the names intact."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from chinese_errors import check_error

import capex
from capex.export import AMOUNT_FORMAT, ExportError, amount_header, sheets
from capex.model.cashflow import SPLIT_COLUMNS
from capex.model.money import WAN
from capex.terms import term


@pytest.fixture(scope="module")
def report(yuecheng: capex.Portfolio) -> capex.results.ReconciliationReport:
    return capex.reconcile(yuecheng)


@pytest.fixture(scope="module")
def workbook(
    report: capex.results.ReconciliationReport, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    return capex.to_excel(report, tmp_path_factory.mktemp("excel") / "reconciliation.xlsx")


def _wan(values: pd.Series) -> list[int]:
    """Floats of 亿元 read from a file, back to exact 万元 (each has at most 4 decimals)."""
    return [round(float(v) * 10_000) for v in values]


def test_the_report_workbook_has_its_sheets(workbook: Path) -> None:
    assert workbook.suffix == ".xlsx"
    assert pd.ExcelFile(workbook).sheet_names == [
        "reconciliation",
        "split",
        "findings",
        "assumptions",
    ]


def test_the_split_reads_back_to_the_wan(
    workbook: Path, report: capex.results.ReconciliationReport
) -> None:
    split = pd.read_excel(workbook, sheet_name="split")
    projects, total = split.iloc[:-1], split.iloc[-1]
    expected = report.split_minor
    assert projects["id"].astype(int).tolist() == expected.index.tolist()
    assert projects["name"].tolist() == expected["name"].tolist()  # Chinese names intact
    for column in ("total", "before", "in_plan", "after", "unplaceable"):
        assert _wan(projects[amount_header(column)]) == expected[f"{column}_minor"].tolist(), column
    # the totals row: 77.8 亿元, of which 48.39 in 2021-2025 (the seed's headline)
    assert total["name"] == "total"
    assert round(total[amount_header("total")] * 10_000) == 778_000
    assert round(total[amount_header("in_plan")] * 10_000) == 483_900
    parts = sum(
        round(total[amount_header(c.removesuffix("_minor"))] * 10_000) for c in SPLIT_COLUMNS
    )
    assert parts == 778_000


def test_the_totals_read_back_to_the_wan(workbook: Path) -> None:
    totals = pd.read_excel(workbook, sheet_name="reconciliation", index_col="figure")
    assert _wan(totals[amount_header("published")].iloc[:2]) == [778_000, 483_900]
    assert _wan(totals[amount_header("computed")]) == [
        778_000,
        483_900,
        728_000,
        50_000,
        433_900,
        50_000,
    ]
    assert totals[amount_header("published")].iloc[2:].isna().all()  # not published: left empty
    assert totals["status"].tolist()[:2] == ["reconciles", "reconciles"]


def test_findings_and_assumptions_sheets(
    workbook: Path, report: capex.results.ReconciliationReport
) -> None:
    findings = pd.read_excel(workbook, sheet_name="findings")
    assert findings["rule"].tolist() == report.findings["rule"].tolist()
    assert findings["message"].tolist() == report.findings["message"].tolist()
    assert findings["project_id"].astype(str).tolist()[-1] == "all"
    assumptions = pd.read_excel(workbook, sheet_name="assumptions", index_col="item")["value"]
    assert assumptions["plan period"] == "2021-2025"
    assert str(assumptions["capex version"]) == capex.__version__
    assert Decimal(str(assumptions["published total investment (亿元)"])) == Decimal("77.8")


def test_amounts_are_numbers_with_a_number_format(workbook: Path) -> None:
    sheet = openpyxl.load_workbook(workbook)["split"]
    header = [cell.value for cell in sheet[1]]
    column = header.index(amount_header("total")) + 1
    cell = sheet.cell(row=2, column=column)
    assert isinstance(cell.value, float) and cell.value == 1.5  # project 1: 1.5 亿元
    assert cell.number_format == AMOUNT_FORMAT
    name_width = sheet.column_dimensions["B"].width
    assert name_width >= 2 * len("鲁迅小学教育集团凤鸣校区")  # wide enough for the Chinese names
    assert sheet.freeze_panes == "A2"
    assert sheet.cell(row=sheet.max_row, column=2).font.bold  # the totals row


def test_csv_into_a_directory_reads_back_exactly(
    report: capex.results.ReconciliationReport, tmp_path: Path
) -> None:
    written = capex.to_csv(report, tmp_path / "out")
    assert [p.name for p in written] == [
        "reconciliation.csv",
        "split.csv",
        "findings.csv",
        "assumptions.csv",
    ]
    split = pd.read_csv(
        tmp_path / "out" / "split.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig"
    )
    projects = split.iloc[:-1]
    # CSV holds exact decimal text of 亿元: no rounding needed at all
    assert [WAN.to_minor(v) for v in projects[amount_header("before")]] == report.split_minor[
        "before_minor"
    ].tolist()
    assert projects["name"].tolist() == report.split_minor["name"].tolist()
    assert split.iloc[-1][amount_header("total")] == "77.8"


def test_csv_to_a_file_puts_the_other_tables_beside_it(
    report: capex.results.ReconciliationReport, tmp_path: Path
) -> None:
    written = capex.to_csv(report, tmp_path / "rec.csv")
    assert [p.name for p in written] == [
        "rec.csv",
        "rec_split.csv",
        "rec_findings.csv",
        "rec_assumptions.csv",
    ]
    assert all(p.exists() for p in written)
    assert (tmp_path / "rec.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8


@pytest.mark.parametrize("name", ["plain", "plan.csv", "plan.xls"])
def test_a_workbook_needs_the_xlsx_suffix(
    report: capex.results.ReconciliationReport, tmp_path: Path, name: str
) -> None:
    with pytest.raises(ExportError, match=r"\.xlsx"):
        capex.to_excel(report, tmp_path / name)
    assert list(tmp_path.iterdir()) == []  # nothing written under another name


def test_unknown_objects_and_unwritable_paths_raise_export_error(
    report: capex.results.ReconciliationReport, tmp_path: Path
) -> None:
    with pytest.raises(ExportError, match="cannot export a dict"):
        capex.to_excel({}, tmp_path / "x.xlsx")
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(ExportError, match="cannot write"):
        capex.to_excel(report, blocker / "x.xlsx")
    with pytest.raises(ExportError, match="cannot write"):
        capex.to_csv(report, blocker / "dir")


def test_sheets_of_a_report_hold_integers_of_wan(
    report: capex.results.ReconciliationReport,
) -> None:
    split = sheets(report)[1]
    assert split.name == "split" and split.total_rows == 1
    assert split.frame["total"].iloc[-1] == 778_000


# -- a plan result -----------------------------------------------------------------------
@pytest.fixture
def plan() -> capex.results.PlanResult:
    """A hand-made plan: two projects, three years, a ceiling on two of them."""
    schedule = pd.DataFrame(
        [[10_000, 5_000, 0], [0, 3, 14_200]],
        index=pd.Index([1, 2], name="id"),
        columns=[2021, 2022, 2023],
    )
    return capex.results.PlanResult(
        "optimal",
        schedule,
        names=pd.Series(["甲小学", "乙中学"], index=[1, 2]),
        ceilings_minor=pd.Series({2021: 10_000, 2022: 6_000}),
        profile="uniform",
        scenario="cut",
        changes=("ceilings cut by 10%",),
        plan_period=(2021, 2023),
        objective=0.25,
    )


def test_a_plan_workbook_reads_back_to_the_wan(
    plan: capex.results.PlanResult, tmp_path: Path
) -> None:
    path = capex.to_excel(plan, tmp_path / "plan.xlsx")
    assert pd.ExcelFile(path).sheet_names == ["schedule", "annual", "assumptions"]
    schedule = pd.read_excel(path, sheet_name="schedule")
    assert schedule["name"].tolist() == ["甲小学", "乙中学", "total"]
    years = [amount_header(year) for year in (2021, 2022, 2023)]  # "2021 (亿元)"
    assert _wan(schedule.loc[0, years]) == [10_000, 5_000, 0]
    assert _wan(schedule.loc[1, years]) == [0, 3, 14_200]  # 3 万元 = 0.0003 亿元 survives
    # totals column and row, by hand: 1.5 and 1.4203; 1, 0.5003, 1.42; 2.9203 in all
    assert _wan(schedule[amount_header("total")]) == [15_000, 14_203, 29_203]
    assert _wan(schedule.loc[2, years]) == [10_000, 5_003, 14_200]
    annual = pd.read_excel(path, sheet_name="annual", index_col="year")
    assert _wan(annual["ceiling (亿元)"].iloc[:2]) == [10_000, 6_000]
    assert annual["ceiling (亿元)"].isna().iloc[2]  # no ceiling in 2023
    assert _wan(annual["headroom (亿元)"].iloc[:2]) == [0, 997]
    assert annual["binding"].tolist() == ["yes", "no", "no"]
    assumptions = pd.read_excel(path, sheet_name="assumptions", index_col="item")["value"]
    assert assumptions["profile"] == "uniform" and assumptions["scenario"] == "cut"
    assert assumptions["scenario changes"] == "ceilings cut by 10%"
    assert assumptions["ceilings (亿元)"] == "2021: 1; 2022: 0.6"
    assert assumptions["objective"] == "money moved from its profile year 0.25 亿元"


def test_a_plan_to_csv_is_exact(plan: capex.results.PlanResult, tmp_path: Path) -> None:
    written = capex.to_csv(plan, tmp_path / "plan.csv")
    assert [p.name for p in written] == ["plan.csv", "plan_annual.csv", "plan_assumptions.csv"]
    schedule = pd.read_csv(written[0], dtype=str, encoding="utf-8-sig")
    assert schedule[amount_header(2022)].tolist() == ["0.5", "0.0003", "0.5003"]


# -- a deferral plan and a comparison ------------------------------------------------------
CEILINGS = {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9}
CEILINGS_MINOR = {year: value * 10_000 for year, value in CEILINGS.items()}
CUT = {year: Decimal(value) * Decimal("0.9") for year, value in CEILINGS.items()}


@pytest.fixture(scope="module")
def deferral(yuecheng: capex.Portfolio) -> capex.results.ShiftResult:
    return capex.shift(yuecheng, CUT, max_delay=2, time_limit=None)


@pytest.fixture(scope="module")
def comparison(
    yuecheng: capex.Portfolio, deferral: capex.results.ShiftResult
) -> capex.results.Comparison:
    base = capex.Scenario("base").run(yuecheng, CEILINGS)
    later = capex.Scenario("两个项目推迟", shifts={19: 1, 20: 1}, escalation=0.03).run(
        yuecheng, CEILINGS
    )
    return capex.compare(base, later, deferral, labels=["base", "两个项目推迟", "deferred"])


def test_a_deferral_workbook_has_its_delays_and_reads_back_to_the_wan(
    deferral: capex.results.ShiftResult, yuecheng: capex.Portfolio, tmp_path: Path
) -> None:
    assert deferral.ok and (deferral.delays > 0).any()
    path = capex.to_excel(deferral, tmp_path / "deferral.xlsx")
    assert pd.ExcelFile(path).sheet_names == ["schedule", "annual", "delays", "assumptions"]
    delays = pd.read_excel(path, sheet_name="delays", index_col="id")
    assert delays["delay_years"].to_dict() == deferral.delays.to_dict()
    frame = yuecheng.frame
    # the windows as planned come from the portfolio; as moved, the plan one plus the delay
    assert delays["planned_start"].tolist() == frame["start_year"].tolist()
    assert (delays["end_year"] - delays["planned_end"]).tolist() == deferral.delays.tolist()
    assert delays["name"].tolist() == frame["name"].tolist()
    schedule = pd.read_excel(path, sheet_name="schedule")
    years = deferral.years
    headers = [amount_header(year) for year in years]
    wan = [[round(v * 10_000) for v in row] for row in schedule.iloc[:-1][headers].to_numpy()]
    assert wan == deferral.schedule_minor[years].to_numpy().tolist()
    # a deferral moves money, it never adds or loses any: 77.8 亿元 in all
    assert round(schedule.iloc[-1][amount_header("total")] * 10_000) == 778_000
    assumptions = pd.read_excel(path, sheet_name="assumptions", index_col="item")["value"]
    assert assumptions["objective name"] == "delay"
    assert int(assumptions["projects moved"]) == int((deferral.delays != 0).sum())
    assert assumptions["objective"].startswith("priority-weighted delay")


def test_a_deferral_to_csv_is_exact(deferral: capex.results.ShiftResult, tmp_path: Path) -> None:
    written = capex.to_csv(deferral, tmp_path / "d")
    assert [p.name for p in written] == [
        "schedule.csv",
        "annual.csv",
        "delays.csv",
        "assumptions.csv",
    ]
    schedule = pd.read_csv(written[0], dtype=str, keep_default_na=False, encoding="utf-8-sig").iloc[
        :-1
    ]
    for year in deferral.years:
        assert [WAN.to_minor(v) for v in schedule[amount_header(year)]] == (
            deferral.schedule_minor[year].tolist()
        )


def test_an_infeasible_deferral_exports_what_stays_over(
    yuecheng: capex.Portfolio, tmp_path: Path
) -> None:
    result = capex.shift(yuecheng, dict.fromkeys(CEILINGS, 5), max_delay=1, time_limit=None)
    assert result.status == capex.solvers.result.Status.INFEASIBLE
    path = capex.to_excel(result, tmp_path / "over.xlsx")
    overload = pd.read_excel(path, sheet_name="overload")
    expected = result.overload_minor.loc["ceiling"]
    assert dict(zip(overload["year"], _wan(overload[amount_header("overload")]))) == {
        int(y): int(v) for y, v in expected.items() if v
    }


def test_a_comparison_workbook_reads_back_to_the_wan(
    comparison: capex.results.Comparison, tmp_path: Path
) -> None:
    path = capex.to_excel(comparison, tmp_path / "comparison.xlsx")
    assert pd.ExcelFile(path).sheet_names == [
        "annual",
        "summary",
        "projects",
        "moves",
        "assumptions",
    ]
    annual = pd.read_excel(path, sheet_name="annual")
    body, total = annual.iloc[:-1], annual.iloc[-1]
    for label in comparison.labels:
        assert _wan(body[amount_header(label)]) == [
            round(v * 10_000) for v in comparison.annual[label]
        ]
    # totals by hand: 77.8 亿元, plus 3 % of 3.5 亿元 for each of the two moved projects
    assert _wan([total[amount_header(label)] for label in comparison.labels]) == [
        778_000,
        780_100,
        778_000,
    ]
    assert _wan(body.set_index("year").loc[[2021, 2025], amount_header("deferred ceiling")]) == [
        99_000,
        81_000,
    ]
    summary = pd.read_excel(path, sheet_name="summary", index_col="plan")
    assert summary.index.tolist() == list(comparison.labels)
    assert _wan(summary[amount_header("total")]) == [778_000, 780_100, 778_000]
    projects = pd.read_excel(path, sheet_name="projects", index_col="id")
    assert projects.loc[19, "两个项目推迟 shift"] == 1
    assert round(projects.loc[19, amount_header("两个项目推迟 total_change")] * 10_000) == 1_050
    moves = pd.read_excel(path, sheet_name="moves")
    assert _wan(moves[amount_header("change")]) == comparison.moves["change_minor"].tolist()


def test_a_comparison_to_csv_is_exact(comparison: capex.results.Comparison, tmp_path: Path) -> None:
    written = capex.to_csv(comparison, tmp_path / "cmp.csv")
    assert [p.name for p in written] == [
        "cmp.csv",
        "cmp_summary.csv",
        "cmp_projects.csv",
        "cmp_moves.csv",
        "cmp_assumptions.csv",
    ]
    moves = pd.read_csv(written[3], dtype=str, encoding="utf-8-sig")
    assert [WAN.to_minor(v) for v in moves[amount_header("change")]] == comparison.moves[
        "change_minor"
    ].tolist()
    # what the deferral moves nets to zero for every project: money moves, none is lost
    deferred = moves[moves["plan"] == "deferred"]
    net = deferred.groupby("id")[amount_header("change")].agg(
        lambda v: sum(WAN.to_minor(x) for x in v)
    )
    assert (net == 0).all()
    annual = pd.read_csv(written[0], dtype=str, encoding="utf-8-sig")
    assert annual.iloc[-1][amount_header("两个项目推迟")] == "78.01"


def test_a_plan_workbook_can_carry_its_reconciliation(
    yuecheng: capex.Portfolio, report: capex.results.ReconciliationReport, tmp_path: Path
) -> None:
    plan = capex.spread(yuecheng, {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9})
    path = capex.to_excel(plan, tmp_path / "plan.xlsx", reconciliation=yuecheng)
    assert pd.ExcelFile(path).sheet_names == [
        "schedule",
        "cash flow",
        "annual",
        "reconciliation",
        "split",
        "findings",
        "assumptions",
    ]
    findings = pd.read_excel(path, sheet_name="findings")
    assert findings["message"].tolist() == report.findings["message"].tolist()
    split = pd.read_excel(path, sheet_name="split")
    assert round(split.iloc[-1][amount_header("in_plan")] * 10_000) == 483_900
    # a report passed instead of the portfolio gives the same sheets
    assert [s.name for s in sheets(plan, report)] == pd.ExcelFile(path).sheet_names


def test_a_plan_with_several_lines_exports_what_each_line_spends(
    yuecheng: capex.Portfolio, tmp_path: Path
) -> None:
    lines = [
        capex.BudgetLine("all", CEILINGS),
        capex.BudgetLine("government", {2021: 5, 2022: 5}, {"government_investment": True}),
    ]
    result = capex.spread(yuecheng, lines)
    path = capex.to_excel(result, tmp_path / "lines.xlsx")
    drawn = pd.read_excel(path, sheet_name="budget lines").set_index(["line", "year"])
    spent = result.schedule_minor[yuecheng.frame["government_investment"]].sum(axis=0)
    government = drawn.loc["government"]
    assert _wan(government["total (亿元)"]) == spent.tolist()  # not its ceiling
    assert _wan(government["headroom (亿元)"].iloc[:1]) == [50_000 - int(spent[2021])]
    annual = pd.read_excel(path, sheet_name="annual", index_col="year")
    # the annual sheet sets the all-projects ceiling beside that line's own figures
    totals = result.schedule_minor.sum(axis=0)
    headroom = [CEILINGS_MINOR[y] - int(totals[y]) for y in annual.index]
    assert _wan(annual["headroom (亿元)"]) == headroom
    assert _wan(annual["extra_budget (亿元)"]) == result.line_extra_budget_minor.loc["all"].tolist()


def test_a_spread_workbook_shows_its_full_window(yuecheng: capex.Portfolio, tmp_path: Path) -> None:
    result = capex.spread(yuecheng, CEILINGS)
    path = capex.to_excel(result, tmp_path / "spread.xlsx")
    assert pd.ExcelFile(path).sheet_names[:3] == ["schedule", "cash flow", "annual"]
    planned = pd.read_excel(path, sheet_name="schedule").iloc[:-1].set_index("id")
    assert _wan(planned[amount_header("total")]) == yuecheng.frame["plan_minor"].tolist()
    schedule = pd.read_excel(path, sheet_name="cash flow").iloc[:-1].set_index("id")
    years = [int(c.split()[0]) for c in schedule.columns if str(c)[:4].isdigit()]
    assert years == list(range(2018, 2028))
    assert _wan(schedule[amount_header("total")]) == yuecheng.frame["total_minor"].tolist()
    assert [_wan(schedule[amount_header(y)]) for y in yuecheng.plan_years] == [
        result.schedule_minor[y].tolist() for y in yuecheng.plan_years
    ]


# -- text cells are text, never formulas (OWASP CSV injection) ------------------------------
HOSTILE = ['=HYPERLINK("http://example.invalid","x")', "+1+1", "-2+3", "@SUM(A1:A2)"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> capex.Portfolio:
    """The tiny portfolio with names and streets a spreadsheet would run, loaded from CSV."""
    from conftest import tiny_frame

    frame = tiny_frame()
    frame["name"] = HOSTILE
    frame["street"] = ["=1+2", "@x", "-y", "+z"]
    folder = tmp_path_factory.mktemp("hostile")
    frame.to_csv(folder / "p.csv", index=False)
    return capex.load_projects(folder / "p.csv", plan_period=(2021, 2023))


@pytest.fixture(scope="module")
def hostile_results(hostile: capex.Portfolio) -> dict[str, object]:
    caps = {2021: 5, 2022: 5, 2023: 5}
    lines = [
        capex.BudgetLine("=cmd|' /C calc'!A0", caps, {"government_investment": True}),
        capex.BudgetLine("@all", caps),
    ]
    plan = capex.Scenario("-2+5", ceiling_scale=1.0).run(hostile, lines)
    base = capex.Scenario("@base").run(hostile, {2021: 5, 2022: 5, 2023: 5})
    return {
        "report": capex.reconcile(hostile),
        "plan": plan,
        "comparison": capex.compare(base, plan),
    }


def _formula_like(text: object) -> bool:
    return isinstance(text, str) and text[:1] in ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("kind", ["report", "plan", "comparison"])
def test_hostile_text_is_text_in_a_workbook(
    hostile_results: dict[str, object], kind: str, tmp_path: Path
) -> None:
    path = capex.to_excel(hostile_results[kind], tmp_path / "h.xlsx")
    workbook = openpyxl.load_workbook(path)
    texts = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if _formula_like(cell.value):
                    assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
                    texts.append(cell.value)
    assert texts, "the hostile names should reach the workbook"
    # and pandas reads the same text back
    read = pd.read_excel(path, sheet_name=None)
    everything = {str(v) for frame in read.values() for v in frame.to_numpy().ravel()}
    everything |= {str(c) for frame in read.values() for c in frame.columns}
    assert set(texts) <= everything


def test_hostile_names_read_back_from_the_workbook(
    hostile_results: dict[str, object], tmp_path: Path
) -> None:
    path = capex.to_excel(hostile_results["plan"], tmp_path / "h.xlsx")
    schedule = pd.read_excel(path, sheet_name="schedule")
    assert schedule["name"].tolist()[:4] == HOSTILE
    lines = pd.read_excel(path, sheet_name="budget lines")
    assert set(lines["line"]) >= {"=cmd|' /C calc'!A0"}


@pytest.mark.parametrize("kind", ["report", "plan", "comparison"])
def test_hostile_text_is_escaped_in_csv(
    hostile_results: dict[str, object], kind: str, tmp_path: Path
) -> None:
    from capex.io.safe_text import from_csv_text

    written = capex.to_csv(hostile_results[kind], tmp_path / "out")
    seen = []
    for path in written:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        cells = [*frame.columns, *frame.to_numpy().ravel()]
        amounts = {c for c in frame.columns if c.endswith("(亿元)")}
        for column in frame.columns:
            if column in amounts:  # amounts are numbers: "-0.5" stays a number
                continue
            for value in frame[column]:
                assert not _formula_like(value), (path.name, column, value)
        seen += [from_csv_text(c) for c in cells if str(c).startswith("'")]
    assert seen and all(_formula_like(text) for text in seen)


def test_a_negative_amount_in_csv_stays_a_number(tmp_path: Path) -> None:
    report = capex.reconcile(
        capex.load_projects(tiny_frame_with_published("7.0"), plan_period=(2021, 2023), name="tiny")
    )
    written = capex.to_csv(report, tmp_path / "r")
    totals = pd.read_csv(written[0], dtype=str, encoding="utf-8-sig")
    assert totals[amount_header("difference")].iloc[0] == "-0.4"  # 6.6 computed, 7 published


def tiny_frame_with_published(total: str) -> pd.DataFrame:
    from conftest import tiny_frame

    frame = tiny_frame()
    frame.attrs["capex"] = {"published": {"total_investment": total, "plan_investment": "5.2"}}
    return frame


# -- exports are written whole or not at all --------------------------------------------------
def _bad_plan() -> capex.results.PlanResult:
    """A plan whose name holds a control character that no workbook can store."""
    return capex.results.PlanResult(
        "optimal",
        pd.DataFrame([[1, 2]], index=pd.Index([1], name="id"), columns=[2021, 2022]),
        names=pd.Series(["bad\x01name"], index=[1]),
        plan_period=(2021, 2022),
    )


def test_a_failing_workbook_leaves_the_old_file_as_it_was(
    report: capex.results.ReconciliationReport, tmp_path: Path
) -> None:
    path = capex.to_excel(report, tmp_path / "plan.xlsx")
    before = path.read_bytes()
    with pytest.raises(ExportError, match=r"sheet 'schedule', cell B2.*control character"):
        capex.to_excel(_bad_plan(), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.xlsx"]  # no temporary left


def test_a_failing_write_leaves_the_old_workbook_and_no_temporary(
    report: capex.results.ReconciliationReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = capex.to_excel(report, tmp_path / "r.xlsx")
    before = path.read_bytes()

    def disk_full(self: object, filename: object) -> None:
        Path(str(filename)).write_bytes(b"PK\x03\x04 half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", disk_full)
    with pytest.raises(ExportError, match="No space left"):
        capex.to_excel(report, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]


def test_a_failing_csv_export_leaves_no_mix_of_old_and_new(
    report: capex.results.ReconciliationReport,
    plan: capex.results.PlanResult,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old = capex.to_csv(report, tmp_path / "out")
    before = {p.name: p.read_bytes() for p in old}
    calls = []
    real = pd.DataFrame.to_csv

    def fail_on_the_third(self: pd.DataFrame, *args: object, **kwargs: object) -> object:
        calls.append(args[0])
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_csv", fail_on_the_third)
    with pytest.raises(ExportError, match="No space left"):
        capex.to_csv(report, tmp_path / "out", unit="万元")
    assert {p.name: p.read_bytes() for p in old} == before  # every file old, none new
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(before)


def test_a_new_export_replaces_every_file(
    report: capex.results.ReconciliationReport, tmp_path: Path
):
    first = capex.to_csv(report, tmp_path / "out")
    second = capex.to_csv(report, tmp_path / "out", unit="万元")
    assert first == second
    split = pd.read_csv(second[1], dtype=str, encoding="utf-8-sig")
    assert split.iloc[-1][amount_header("total", "万元")] == "778000"


# -- units, filters, zeros, numbers and sources on the sheets --------------------------------
def test_every_table_has_a_filter_over_its_body(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    for sheet in book.worksheets:
        assert sheet.auto_filter.ref, sheet.title
    split = book["split"]
    # the totals row stays below the filter, so sorting never moves it
    assert split.auto_filter.ref == f"A1:I{split.max_row - 1}"


def test_zeros_show_as_a_dash_but_stay_numbers(workbook: Path) -> None:
    sheet = openpyxl.load_workbook(workbook)["split"]
    header = [cell.value for cell in sheet[1]]
    column = header.index(amount_header("before")) + 1
    zero = next(
        sheet.cell(row=r, column=column)
        for r in range(2, sheet.max_row)
        if sheet.cell(row=r, column=column).value == 0
    )
    assert zero.number_format.endswith(';"-"') and zero.data_type == "n"


def test_the_assumptions_give_the_source_and_the_published_totals_as_numbers(
    workbook: Path,
) -> None:
    from capex.io.projects import BUNDLED_CSV
    from capex.model.provenance import sha256_of

    sheet = openpyxl.load_workbook(workbook)["assumptions"]
    rows: dict[str, openpyxl.cell.Cell] = {}
    for r in range(2, sheet.max_row + 1):  # the first of each item
        rows.setdefault(sheet.cell(row=r, column=1).value, sheet.cell(row=r, column=2))
    total = rows["published total investment (亿元)"]
    assert total.data_type == "n" and total.value == 77.8
    assert total.number_format == AMOUNT_FORMAT
    assert rows["published investment 2021-2025 (亿元)"].value == 48.39
    assert rows["data source"].value == str(BUNDLED_CSV)
    assert rows["input file SHA-256"].value == sha256_of(BUNDLED_CSV)


def test_findings_carry_the_project_name_beside_its_id(workbook: Path) -> None:
    findings = pd.read_excel(workbook, sheet_name="findings")
    assert list(findings.columns[:2]) == ["project_id", "name"]
    first = findings.iloc[0]
    assert (first["project_id"], first["name"]) == (23, "未来社区配套小学")


def test_a_workbook_in_wan_reads_back_to_the_same_wan(
    report: capex.results.ReconciliationReport, tmp_path: Path
) -> None:
    path = capex.to_excel(report, tmp_path / "wan.xlsx", unit="万元")
    split = pd.read_excel(path, sheet_name="split")
    assert split[amount_header("total", "万元")].iloc[:-1].tolist() == (
        report.split_minor["total_minor"].tolist()
    )
    findings = pd.read_excel(path, sheet_name="findings")
    assert "10,000 万元 has no year" in findings["message"].iloc[0]
    sheet = openpyxl.load_workbook(path)["split"]
    assert sheet.cell(row=2, column=5).number_format == '#,##0;-#,##0;"-"'


def test_a_plan_export_records_its_provenance(yuecheng: capex.Portfolio, tmp_path: Path) -> None:
    plan = capex.spread(yuecheng, {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9})
    path = capex.to_excel(plan, tmp_path / "p.xlsx", reconciliation=yuecheng)
    items = pd.read_excel(path, sheet_name="assumptions")
    values = dict(zip(items["item"], items["value"]))
    assert values["made by"] == "spread" and str(values["random seed"]) == "0"
    assert "profile=uniform" in values["its parameters"]
    assert values["input file"].endswith("major_projects.toml")  # the last of the two
    assert values["data source"].endswith("major_projects.csv")
    written = capex.to_csv(plan, tmp_path / "p.csv")
    text = written[-1].read_text(encoding="utf-8-sig")
    assert "input file SHA-256" in text and plan.provenance.inputs[0].sha256 in text


# -- Chinese workbooks ---------------------------------------------------------------------
def _english_words() -> set[str]:
    """Every English text (and key) of a term that has a Chinese text."""
    from capex.terms import TERMS

    words = set()
    for key, (english, _) in TERMS.items():
        if "{" not in english:
            words |= {key, english}
    return words


@pytest.mark.parametrize("kind", ["report", "plan", "deferral", "comparison"])
def test_a_chinese_workbook_has_no_english_label(
    kind: str,
    report: capex.results.ReconciliationReport,
    deferral: capex.results.ShiftResult,
    comparison: capex.results.Comparison,
    yuecheng: capex.Portfolio,
    tmp_path: Path,
) -> None:
    obj = {"report": report, "deferral": deferral, "comparison": comparison}.get(kind)
    plans = list(getattr(obj, "labels", ()))  # the user's names of the plans stay as given
    if obj is None:
        obj = capex.spread(yuecheng, {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9})
    path = capex.to_excel(obj, tmp_path / "zh.xlsx", lang="zh", reconciliation=yuecheng)
    english = _english_words()
    book = openpyxl.load_workbook(path)
    labels = [sheet.title for sheet in book.worksheets]
    for sheet in book.worksheets:
        labels += [cell.value for cell in sheet[1]]  # the headers
        if sheet.title == "假设与说明":
            labels += [sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row + 1)]
    for label in labels:
        text = str(label)
        for unit in ("（亿元）", "（万元）"):
            text = text.replace(unit, "")
        for plan in sorted(plans, key=len, reverse=True):
            if text.startswith(plan):
                text = text.removeprefix(plan) or "(a plan's name)"
                break
        assert text not in english, (label, path.name)
    findings = pd.read_excel(path, sheet_name=term("findings", "zh"))
    assert findings["级别"].iloc[0] == "错误"
    assert findings["说明"].iloc[0].startswith("建设周期2023-2025年全部在规划期")
    assert "亿元" in findings["说明"].iloc[0] and "The" not in " ".join(findings["说明"])


def test_csv_files_take_the_chinese_sheet_names(
    report: capex.results.ReconciliationReport, tmp_path: Path
) -> None:
    written = capex.to_csv(report, tmp_path / "zh", lang="zh")
    assert [p.stem for p in written] == [
        term(key, "zh") for key in ("reconciliation", "split", "findings", "assumptions")
    ]
    split = pd.read_csv(written[1], dtype=str, encoding="utf-8-sig")
    assert split.iloc[-1]["项目名称"] == "合计"
    assert split.iloc[-1]["合计（亿元）"] == "77.8"


def test_an_export_error_reads_in_chinese(tmp_path):
    """A workbook's path with the wrong suffix is refused in Chinese under the option."""
    check_error(
        lambda: capex.to_excel(capex.load_projects(), tmp_path / "计划.csv"),
        "an Excel workbook is written to a .xlsx file, not",
        (tmp_path,),
    )
