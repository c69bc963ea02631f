"""With ``capex.options.lang = "zh"`` set once, the notebooks' workflow speaks Chinese.

The walk loads the bundled plan, reconciles it, spreads it, shifts it under a cut, compares
the two, reads the made-up actuals, and runs the variance, the re-forecast and the hand-over;
then it exports every result, draws the figures and runs the same steps on the command line
with ``--lang zh``. Every text a user reads on the way (summaries, workbook sheet names and
headings, figure titles, axes and legends, the command line's output and errors) must hold
no English word outside :data:`ALLOWED`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import matplotlib
import openpyxl
import pytest
from chinese_errors import CODES

import capex
from capex.cli import main
from capex.terms import term

matplotlib.use("Agg")

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "made_up_actuals_2018_2025.csv"
CEILINGS = {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9}
CUT = {2021: 9, 2022: 9, 2023: 9, 2024: 9, 2025: 9}

ALLOWED = CODES | {
    # codes of the national standards the school-places rule cites
    "GB",
    "JGJ",
    # the suffix of the figures the walk writes, said back by the command line
    "png",
}
"""ASCII words a Chinese rendering may hold: unit codes, solvers' names, file suffixes.
(Single letters, such as the P of the quantiles P10-P95, are not words.)"""

WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2,}(?![A-Za-z0-9])")
"""An ASCII word standing alone: the letters of a code such as ZF2027000006 (a payment
voucher) or P80 are not words."""

DATA_WORDS = frozenset({"made", "up", "two", "start", "later"})
"""Words of the example files' own cells, shown as the user wrote them: the made-up
projects' note ("made up") and the scenario file's name ("two start later")."""


RECORD = term("summary_record", "zh", record="")
"""The label of a result's provenance record: the call as code (function, arguments, files
and their hashes), kept as written so that it can be run again; it is not checked."""


def english_words(
    text: str, *, beside: Path | None = None, also: frozenset[str] = frozenset()
) -> list[str]:
    """The ASCII words of ``text`` outside :data:`ALLOWED` (and ``also``), the walk's own
    paths and the provenance record (:data:`RECORD`) left out."""
    text = "\n".join(line for line in text.splitlines() if not line.strip().startswith(RECORD))
    if beside is not None:
        text = text.replace(str(beside), "")
    text = text.replace(str(EXAMPLE), "").replace(EXAMPLE.name, "")
    text = re.sub(r"\S*examples/\S+\.(xlsx|csv|toml)", "", text)  # the example files read
    allowed = ALLOWED | DATA_WORDS | also
    return sorted({word for word in WORD.findall(text) if word not in allowed})


def workbook_words(path: Path) -> dict[str, list[str]]:
    """The English words of each sheet's name and headings in the workbook at ``path``."""
    book = openpyxl.load_workbook(path, read_only=True)
    found = {}
    for sheet in book.worksheets:
        headings = next(sheet.iter_rows(max_row=1, values_only=True), ())
        words = english_words(" ".join([sheet.title, *(str(h) for h in headings if h is not None)]))
        if words:
            found[sheet.title] = words
    return found


def plot_words(axes: list[Any]) -> dict[str, list[str]]:
    """The English words of each figure's title, axis labels, legend and year labels."""
    found = {}
    for ax in axes:
        legend = ax.get_legend()
        texts = [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        texts += [t.get_text() for t in legend.get_texts()] if legend is not None else []
        texts += [label.get_text() for label in ax.get_xticklabels()]
        words = english_words(" ".join(texts))
        if words:
            found[ax.get_title()] = words
    return found


@pytest.fixture(scope="module")
def walk() -> Any:
    """The workflow's objects, made and shown with the option set once."""
    capex.options.lang = "zh"
    try:
        portfolio = capex.load_projects()
        actuals = capex.load_actuals(EXAMPLE)
        plan = capex.spread(portfolio, CEILINGS)
        cut = capex.shift(portfolio, CUT, max_delay=2)
        yield {
            "portfolio": portfolio,
            "reconciliation": capex.reconcile(portfolio),
            "cash flow": capex.cash_flow(portfolio),
            "actuals": actuals,
            "spread": plan,
            "shift": cut,
            "comparison": capex.compare(plan, cut, labels=["基准", "压减"]),
            "variance": capex.variance(portfolio, actuals, as_of=2024),
            "reforecast": capex.reforecast(portfolio, actuals, as_of=2024, ceilings={2025: 12}),
            "hand-over": capex.roll_forward(portfolio, actuals),
        }
    finally:
        capex.options.reset()


EXAMPLES = EXAMPLE.parent
NEXT_CEILINGS = {2026: 21, 2027: 6, 2028: 3, 2029: 2.8, 2030: 1.8}


@pytest.fixture(scope="module")
def later_walk(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The rest of the notebooks' workflow, with the option set once: risk and a sweep, the
    budget year by month with its payments, execution and the plans an office files, the
    choice of the next plan from a bank, and the store's versions and their difference."""
    capex.options.lang = "zh"
    try:
        p = capex.load_projects()
        spent = capex.Actuals.from_frame(
            capex.cash_flow(p).flows_minor.loc[:, :2025], money=p.money
        )
        hand = capex.roll_forward(
            p, spent, new_projects=EXAMPLES / "made_up_new_projects_2026_2030.csv"
        )
        plan = capex.spread(hand.portfolio, NEXT_CEILINGS)
        months = capex.monthly(plan, 2027, profile="construction", quota=5600, unit="万元")
        paid = capex.load_payments(EXAMPLES / "made_up_payments_2027.xlsx")
        bank = capex.load_bank(EXAMPLES / "made_up_bank_2026_2030.xlsx", sheet="项目库")
        chosen = capex.select(
            bank, {2026: 6, 2027: 8, 2028: 8, 2029: 6, 2030: 4}, value="学位", envelope=28
        )
        cost = capex.risk.Triangular(-0.05, 0.05, 0.40)
        later = capex.Scenario.from_file(EXAMPLES / "later.toml")
        store = capex.open_store(tmp_path_factory.mktemp("store") / "capex.db")
        budget = capex.spread(p, CEILINGS)
        store.save(budget, "年初预算", stage="年初预算", author="王芳")
        store.save(later.run(p, CEILINGS), "调整预算", parent="年初预算", author="王芳")
        try:
            yield {
                "risk": capex.simulate(p, CEILINGS, draws=200, cost=cost),
                "sweep": capex.sweep([later], p, draws=50, cost=cost, method="spread"),
                "monthly plan": months,
                "payments": paid,
                "execution": capex.execution(months, paid, as_of="2027-09-30"),
                "annual plan": capex.annual_plan(hand, plan, None, 2027),
                "rolling plan": capex.rolling_plan(hand, plan, None, 2027),
                "selection": chosen,
                "frontier": chosen.frontier([20, 28, 36]),
                "store diff": store.diff("年初预算", "调整预算"),
            }
        finally:
            store.close()
    finally:
        capex.options.reset()


LATER = [
    "risk",
    "sweep",
    "monthly plan",
    "payments",
    "execution",
    "annual plan",
    "rolling plan",
    "selection",
    "frontier",
    "store diff",
]


@pytest.mark.slow
@pytest.mark.parametrize("name", LATER)
def test_the_later_workflow_summaries(later_walk: dict[str, Any], name: str) -> None:
    text = later_walk[name].summary()
    assert re.search(r"[\u4e00-\u9fff]", text), text
    assert english_words(text) == [], text


@pytest.mark.slow
@pytest.mark.parametrize("name", LATER)
def test_the_later_workflow_workbooks(
    later_walk: dict[str, Any], name: str, tmp_path: Path
) -> None:
    path = later_walk[name].to_excel(tmp_path / "报表.xlsx")
    assert workbook_words(path) == {}


@pytest.mark.slow
def test_the_later_workflow_plots(later_walk: dict[str, Any]) -> None:
    import matplotlib.pyplot as plt

    axes = [
        capex.plotting.plot_risk(later_walk["risk"]),
        capex.plotting.plot_monthly(later_walk["monthly plan"]),
        capex.plotting.plot_execution(later_walk["execution"]),
        capex.plotting.plot_frontier(later_walk["frontier"]),
    ]
    found = plot_words(axes)
    plt.close("all")
    assert found == {}


@pytest.fixture(autouse=True)
def in_chinese():
    with capex.option_context("lang", "zh"):
        yield


@pytest.mark.parametrize(
    "name",
    [
        "portfolio",
        "reconciliation",
        "cash flow",
        "actuals",
        "spread",
        "shift",
        "comparison",
        "variance",
        "reforecast",
        "hand-over",
    ],
)
def test_summaries(walk: dict[str, Any], name: str) -> None:
    text = walk[name].summary()
    assert re.search(r"[\u4e00-\u9fff]", text), text
    assert english_words(text) == [], text


@pytest.mark.parametrize(
    "name",
    ["reconciliation", "spread", "shift", "comparison", "variance", "reforecast", "hand-over"],
)
def test_workbooks(walk: dict[str, Any], name: str, tmp_path: Path) -> None:
    path = walk[name].to_excel(tmp_path / "报表.xlsx")
    assert workbook_words(path) == {}


@pytest.mark.slow
def test_plots(walk: dict[str, Any]) -> None:
    import matplotlib.pyplot as plt

    axes = [
        capex.plotting.plot_annual_spend(walk["spread"]),
        capex.plotting.plot_gantt(walk["shift"]),
        capex.plotting.plot_comparison(walk["comparison"]),
        capex.plotting.plot_reconciliation(walk["portfolio"]),
        capex.plotting.plot_variance(walk["variance"]),
        capex.plotting.plot_carry_over(walk["hand-over"]),
        capex.plotting.plot_cumulative(walk["spread"]),
    ]
    found = plot_words(axes)
    plt.close("all")
    assert found == {}


def _run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.parametrize(
    "args",
    [
        ["reconcile"],
        ["spread", *(f"--ceiling={y}={c}" for y, c in CEILINGS.items())],
        ["shift", "--cut", "10%", "--max-delay", "2"],
        ["variance", EXAMPLE, "--as-of", "2024"],
        ["reforecast", EXAMPLE, "--as-of", "2024", "--ceiling", "2025=12"],
        ["roll-forward", EXAMPLE],
        ["risk", "--draws", "200", "--cost", "triangular(-0.05, 0.05, 0.4)", "--ceiling", "11"],
        ["monthly", "--year", "2023", "--months", "construction", "--quota", "6000"],
        [
            "select",
            EXAMPLES / "made_up_bank_2026_2030.xlsx",
            "--sheet",
            "项目库",
            "--ceiling",
            "8",
            "--value",
            "学位",
            "--envelope",
            "40",
        ],
        ["annual-plan", "--year", "2023"],
        ["rolling-plan", "--first-year", "2023"],
    ],
    ids=lambda args: args[0],
)
def test_command_line(capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list) -> None:
    code, text = _run(capsys, *args, "--lang", "zh", "--excel", tmp_path / "报表.xlsx")
    assert code in (0, 1), text  # 1: a plan that needs more budget is still a plan
    assert english_words(text, beside=tmp_path) == [], text


@pytest.mark.parametrize(
    "args",
    [
        ["spread", "缺少的项目表.csv"],
        ["spread", "--ceiling", "2021=十亿"],
        ["variance", "缺少的台账.csv"],
    ],
    ids=["missing file", "bad ceiling", "missing ledger"],
)
def test_command_line_errors(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, text = _run(capsys, *args, "--lang", "zh")
    assert code == 2, text
    # the command and its flags are said as the user types them: ``capex spread``, ``--help``
    typed = re.sub(rf"capex( {args[0]})?|--[a-z-]+", "", text)
    assert typed != text and english_words(typed) == [], text
