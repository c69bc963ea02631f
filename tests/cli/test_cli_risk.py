"""The command line of risk and scale-out, in process: ``capex risk`` and ``capex scenario run``
with several files and workers. Output, files written and exit codes."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from test_cli import CEILINGS, CUT, LATER, assert_one_line_error, run

import capex

COST = "triangular(-0.05, 0.05, 0.4)"
DELAY = "discrete(0=0.6, 1=0.3, 2=0.1)"


def test_risk_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "risk", "--help")
    assert code == 0 and out.startswith("usage: capex risk")
    assert "--workers" in out and "--scheduler" in out and "no default distributions" in out
    code, out, _ = run(capsys, "--help")
    assert "risk" in out


# -- capex risk --------------------------------------------------------------------------------
@pytest.mark.slow
def test_risk_prints_the_years_and_writes_the_workbook_and_the_fan(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    excel, plot = tmp_path / "risk.xlsx", tmp_path / "fan.png"
    code, out, err = run(
        capsys, "risk", "--draws", "2000", "--cost", COST, "--delay", DELAY,
        "--price-index", "triangular(0, 0.03, 0.1)", *CEILINGS,
        "--excel", str(excel), "--plot", str(plot),
    )  # fmt: skip
    assert code == 1, err  # some years are not P80-safe under these ceilings
    assert out.startswith("RiskResult: 2,000 draws, method cashflow, seed 0")
    assert "P(over)" in out and "reserve for P80-safe years" in out
    expected = capex.simulate(
        capex.load_projects(),
        {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9},
        2000,
        cost=capex.risk.parse_distribution(COST),
        delay=capex.risk.parse_distribution(DELAY),
        price_index=capex.risk.parse_distribution("triangular(0, 0.03, 0.1)"),
    )
    by_year = pd.read_excel(excel, sheet_name="risk by year").set_index("year")
    assert [round(v * 10_000) for v in by_year["P80 (亿元)"]] == expected.to_frame("万元")[
        "P80"
    ].tolist()
    assert plot.read_bytes()[:4] == b"\x89PNG"
    assert f"wrote {excel}" in out and f"wrote {plot}" in out


@pytest.mark.slow
def test_risk_in_chinese_words_the_summary_the_workbook_and_the_fan(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    excel, plot = tmp_path / "风险.xlsx", tmp_path / "fan.png"
    drawn: list[object] = []
    original = capex.plotting.plot_risk
    monkeypatch.setattr(
        capex.plotting, "plot_risk", lambda *a, **k: drawn.append(original(*a, **k)) or drawn[-1]
    )
    code, out, err = run(
        capsys, "risk", "--draws", "500", "--cost", COST, "--delay", DELAY, *CEILINGS,
        "--lang", "zh", "--unit", "万元", "--excel", str(excel), "--plot", str(plot),
    )  # fmt: skip
    assert code == 1, err
    assert out.startswith("风险模拟：抽样500次，方法：按抽样现金流，随机种子0")
    assert "分年度（万元）；相对于预算上限的超出概率和P80准备金：" in out
    assert f"已写入{excel}" in out and f"已写入{plot}" in out
    assert list(pd.read_excel(excel, sheet_name=None))[:2] == ["分年度风险", "需追加预算"]
    (ax,) = drawn
    assert ax.get_xlabel() == "年份" and ax.get_ylabel() == "支出（万元）"
    assert ax.get_title().startswith("成本与进度风险下的支出（抽样500次")


def test_risk_exits_0_when_every_year_is_p80_safe(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "risk", "--draws", "500", "--cost", "uniform(0, 0.1)", "--ceiling", "30"
    )
    assert code == 0, err
    assert "none needed" in out


def test_risk_in_minor_with_a_rule_and_a_seed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "risk", "--draws", "300", "--seed", "4", "--unit", "万元",
        "--cost", "builder=镜湖开发办: pert(0, 0.1, 0.6)", "--cost", COST,
    )  # fmt: skip
    assert code == 0, err
    assert "per year (万元)" in out
    assert (
        "cost change: pert(0, 0.1, 0.6) for 11 projects; triangular(-0.05, 0.05, 0.4) for 24 projects"
        in out
    )


@pytest.mark.slow
def test_risk_with_the_spread_on_two_workers_matches_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = [
        "risk",
        "--draws",
        "16",
        "--cost",
        COST,
        "--delay",
        DELAY,
        "--method",
        "spread",
        *CEILINGS,
    ]
    code_one, one, _ = run(capsys, *args)
    code_two, two, err = run(capsys, *args, "--workers", "2")
    assert code_one == code_two and code_two in (0, 1), err
    # the same draws and the same answers; only the run time differs
    assert one.split("\n", 1)[1] == two.split("\n", 1)[1]
    assert "outcomes:" in two


def test_risk_by_shift(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "risk", "--draws", "3", "--cost", COST, "--method", "shift",
        "--ceiling", "2023=12", "--ceiling", "2024=12", "--ceiling", "2025=12", "--max-delay", "2",
    )  # fmt: skip
    assert code in (0, 1), err
    assert "method shift" in out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ([], "state what is uncertain"),
        (["--cost", "triangular(0.1, 0.05, 0.4)"], "the low 0.1 is above the mode 0.05"),
        (["--delay", "discrete(0=0.5, 1.5=0.5)"], "whole years"),
        (["--delay", "discrete(0=0.7, 1=0.7)"], "sum to 1.4"),
        (["--delay", "discrete(0=-0.1, 1=1.1)"], "negative"),
        (["--cost", "lognormal(p10=0.3, p90=0.1)"], "the P10 0.3 is above the P90 0.1"),
        (["--delay", COST], "must be a Discrete distribution"),
        (["--cost", "normal(0, 1)"], "unknown distribution"),
        (["--cost", "0.1"], "expected a distribution"),
        (["--cost", COST, "--cost", COST], "one --cost without a rule"),
        (["--cost", "colour=red: uniform(0, 0.1)"], "no column 'colour'"),
        (["--cost", COST, "--draws", "0"], "--draws: must be a whole number from 1 to"),
        (["--cost", COST, "--max-delay", "2"], "for --method shift"),
        (["--cost", COST, "--workers", "2", "--scheduler", "tcp://x:1"], "not allowed with"),
        (["--cost", COST, "--workers", "0"], "at least one of the workers"),
        (["--cost", COST, "--method", "monte"], "invalid choice"),
        (["--cost", COST, "--budget-lines", "lines.csv"], "whole plan"),
    ],
)
def test_risk_bad_arguments(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    words: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lines.csv").write_text(
        "line,year,ceiling,rule\ngov,2021,8,government_investment=yes\n", encoding="utf-8"
    )
    code, _, err = run(capsys, "risk", "--draws", "10", *args)
    assert code == 2
    assert_one_line_error(err)
    assert words in err


# -- capex scenario run, several files and workers ---------------------------------------------
STRANGER = 'name = "stranger"\n[shifts]\n999 = 1\n'


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """Scenario files: two that run, and one naming a project that is not there."""
    texts = {"later": LATER, "cut": CUT, "stranger": STRANGER}
    for name, text in texts.items():
        (tmp_path / f"{name}.toml").write_text(text, encoding="utf-8")
    return {name: tmp_path / f"{name}.toml" for name in texts}


def test_scenario_run_of_several_files_prints_each_and_a_table(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], tmp_path: Path
) -> None:
    excel = tmp_path / "both.xlsx"
    code, out, err = run(
        capsys, "scenario", "run", str(files["later"]), str(files["cut"]), "--max-delay", "2",
        "--excel", str(excel),
    )  # fmt: skip
    assert code == 0, err
    assert "[two start later]: optimal" in out and "[cut]: optimal" in out
    assert "2 of 2 scenarios ran:" in out
    # the deferral scales the plan's own totals, as it does when run alone
    portfolio = capex.load_projects()
    annual = capex.cash_flow(portfolio).flows_minor.sum(axis=0)
    own = {year: int(annual[year]) / 10_000 for year in portfolio.plan_years}
    alone = capex.Scenario("cut", ceiling_scale=0.9, method="shift").run(portfolio, own)
    moved = alone.delays[alone.delays != 0]
    assert f"{len(moved)} project(s) moved" in out
    # several plans write their comparison
    assert "annual" in pd.read_excel(excel, sheet_name=None)


@pytest.mark.slow
def test_scenario_run_on_workers_gives_the_same_plans(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    args = ["scenario", "run", str(files["later"]), str(files["cut"]), *CEILINGS]
    code, here, _ = run(capsys, *args)
    code_two, there, err = run(capsys, *args, "--workers", "2")
    assert code == code_two == 0, err

    def plans(text: str) -> str:  # the same but for the run times
        return re.sub(r", [0-9.]+ s$", "", text, flags=re.MULTILINE)

    assert plans(here) == plans(there)


def test_scenario_run_keeps_the_others_when_one_fails(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    stranger = files["later"].with_name("stranger.toml")
    stranger.write_text(STRANGER, encoding="utf-8")
    code, out, err = run(capsys, "scenario", "run", str(files["later"]), str(stranger), *CEILINGS)
    assert code == 2
    assert_one_line_error(err)
    assert "stranger.toml" in err and "no such project" in err
    assert "[two start later]: optimal" in out and "1 of 2 scenarios ran:" in out


@pytest.mark.slow
def test_scenario_run_on_a_scheduler_that_is_not_there(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    monkeypatch.setattr(importlib.import_module("capex.risk.executors"), "CONNECT_TIMEOUT", "1s")
    code, _, err = run(
        capsys, "scenario", "run", str(files["later"]), "--scheduler", "tcp://127.0.0.1:9"
    )
    assert code == 2
    assert_one_line_error(err)
    assert "cannot reach the Dask scheduler" in err
