"""``capex variance``, ``capex reforecast`` and ``capex roll-forward``: output, files and exit
codes, and the user's files left as they were."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

import capex
from capex.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "made_up_actuals_2018_2025.csv"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), err
    return lines[0]


@pytest.fixture
def actuals(tmp_path: Path) -> Path:
    """A copy of the made-up actuals, so a test can watch it stay unchanged."""
    return Path(shutil.copy(EXAMPLE, tmp_path / "actuals.csv"))


def fingerprint(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), os.stat(path).st_mtime_ns


def test_the_example_file_says_it_is_made_up():
    assert "made_up" in EXAMPLE.name
    first = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# MADE-UP ILLUSTRATIVE DATA: NOT REAL SPENDING")


@pytest.mark.parametrize("command", ["variance", "reforecast", "roll-forward"])
def test_help(capsys, command):
    code, out, _ = run(capsys, command, "--help")
    assert code == 0 and out.startswith(f"usage: capex {command}")
    assert "--lang" in out and "--excel" in out and "--plot" in out


@pytest.mark.slow
def test_variance_prints_and_writes(capsys, actuals, tmp_path):
    before = fingerprint(actuals)
    code, out, err = run(
        capsys,
        "variance", actuals, "--by", "street", "--unit", "万元",
        "--excel", tmp_path / "v.xlsx", "--csv", tmp_path / "v", "--plot", tmp_path / "v.png",
    )  # fmt: skip
    assert code == 0, err
    assert out.startswith("Variance: actual against plan: 35 projects, 2018-2025")
    assert "amounts compared in 元" in out
    assert "[slipping]" in out and "[not_started]" in out and "[finished_early]" in out
    assert "东湖街道" in out
    assert (tmp_path / "v.xlsx").exists() and (tmp_path / "v.png").stat().st_size > 0
    assert (tmp_path / "v" / "by year.csv").exists()
    assert fingerprint(actuals) == before


def test_variance_in_chinese(capsys, actuals, tmp_path):
    code, out, _ = run(capsys, "variance", actuals, "--lang", "zh", "--excel", tmp_path / "v.xlsx")
    assert code == 0
    assert out.startswith("计划执行偏差分析")
    assert "进度滞后" in out
    assert "分年度" in pd.read_excel(tmp_path / "v.xlsx", sheet_name=None)


@pytest.mark.slow
def test_reforecast_fits_or_says_what_is_missing(capsys, actuals, tmp_path):
    code, out, _ = run(capsys, "reforecast", actuals, "--as-of", "2025", "--ceiling", "2026=20")
    assert code == 0
    assert out.startswith("Re-forecast as of 2025 (spread)")
    assert "actuals to 2025, forecast after" in out
    code, out, _ = run(
        capsys,
        "reforecast", actuals, "--as-of", "2025", "--ceiling", "2026=15",
        "--excel", tmp_path / "r.xlsx", "--plot", tmp_path / "r.png",
    )  # fmt: skip
    assert code == 1
    assert "least extra budget that makes the plan fit: 2026: +2.28969134 亿元" in out
    assert (tmp_path / "r.png").stat().st_size > 0
    book = pd.read_excel(tmp_path / "r.xlsx", sheet_name=None)
    assert {"schedule", "projects", "actions"} <= set(book)


def test_reforecast_policies_and_shift(capsys, actuals):
    code, out, _ = run(
        capsys, "reforecast", actuals, "--as-of", "2025", "--past-window", "report",
        "--overrun", "raise",
    )  # fmt: skip
    assert code == 0
    assert "left unscheduled" in out and "budget raised by 0.3 亿元" in out
    code, out, _ = run(
        capsys, "reforecast", actuals, "--as-of", "2025", "--method", "shift",
        "--ceiling", "2026=20", "--max-delay", "1",
    )  # fmt: skip
    assert code in (0, 1) and "Re-forecast as of 2025 (shift)" in out


@pytest.mark.slow
def test_roll_forward_writes_a_next_plan_that_loads(capsys, actuals, tmp_path):
    before = fingerprint(actuals)
    code, out, _ = run(
        capsys,
        "roll-forward", actuals, "--next", "2026-2030",
        "--write-portfolio", tmp_path / "next.csv", "--excel", tmp_path / "h.xlsx",
        "--plot", tmp_path / "h.png",
    )  # fmt: skip
    assert code == 0
    assert out.startswith("Carry-over into 2026-2030")
    assert "77.8 亿元 = spent 53.75154322 亿元 + carried over 24.38969134 亿元" in out
    assert "Carried over (亿元):" in out
    nxt = capex.load_projects(tmp_path / "next.csv")
    assert nxt.plan_period == (2026, 2030)
    assert capex.reconcile(nxt).reconciles
    assert nxt.money.format(nxt.total_minor) == "24.38969134 亿元"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "actuals.csv", "h.png", "h.xlsx", "next.csv", "next.toml",
    ]  # fmt: skip
    assert fingerprint(actuals) == before
    code, out, _ = run(capsys, "reconcile", tmp_path / "next.csv")
    assert code == 0


def test_roll_forward_with_new_projects_and_release(capsys, actuals, tmp_path):
    new = tmp_path / "new.csv"
    new.write_text(
        "id,name,start_year,end_year,total_investment,plan_investment\n101,新建小学,2027,2029,2,2\n",
        encoding="utf-8",
    )
    code, out, _ = run(
        capsys, "roll-forward", actuals, "--new-projects", new, "--past-window", "release",
        "--lang", "zh", "--unit", "元",
    )  # fmt: skip
    assert code == 0
    assert "结转项目（元）：" in out and "62345678" in out  # 凤林小学's 0.62345678 亿元
    assert "已完成，有结余" in out
    assert "新增项目: 1" in out
    assert "结转至2026-2030年" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["variance", "missing.csv"], "cannot read the file: No such file"),
        (["reforecast", "{bad}", "--as-of", "soon"], "is not a year"),
        (["roll-forward", "{actuals}", "--next", "2030-2026"], "expected FIRST-LAST"),
        (
            ["roll-forward", "{actuals}", "--write-portfolio", "{actuals}"],
            "never writes over its inputs",
        ),
        (["variance", "{actuals}", "--csv", "{actuals}"], "never writes over its inputs"),
        (["variance", "{bad}"], "not a number"),
        (["variance", "{unknown}"], "is not in the portfolio"),
        (["variance", "{actuals}", "--lang", "fr"], "invalid choice"),
        (["reforecast", "{actuals}", "--sheet", "x"], "a CSV file has no sheets"),
    ],
)
def test_bad_input_gets_one_line_and_exit_2(capsys, actuals, tmp_path, args, message):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,year,amount\n1,2021,lots\n", encoding="utf-8")
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("id,year,amount\n99,2021,1\n", encoding="utf-8")
    names = {"actuals": actuals, "bad": bad, "unknown": unknown}
    before = {path: fingerprint(path) for path in names.values()}
    code, _, err = run(capsys, *[a.format(**names) for a in args])
    assert code == 2
    assert message in one_line_error(err)
    assert {path: fingerprint(path) for path in names.values()} == before


# -- a finance office's ledger, the approved plan, the closing ------------------------------
@pytest.mark.slow
def test_variance_against_the_approved_plan_workbook(capsys, tmp_path):
    portfolio = capex.load_projects()
    plan = capex.spread(portfolio, ceilings=11)
    workbook = capex.to_excel(plan, tmp_path / "plan.xlsx")
    ledger = tmp_path / "ledger.csv"
    plan.full_window().loc[:, 2021:2025].to_csv(ledger)
    code, out, err = run(capsys, "variance", ledger, "--plan", workbook, "--unit", "万元")
    assert code == 0, err
    assert "difference 0 亿元" in out
    assert "taken as spent as planned (before='plan')" in out
    code, _, err = run(capsys, "variance", ledger, "--plan", workbook, "--before", "refuse")
    assert code == 2 and "before='refuse'" in one_line_error(err)
    code, _, err = run(capsys, "variance", ledger, "--plan", workbook, "--excel", workbook)
    assert code == 2 and "never writes over its inputs" in one_line_error(err)


def test_template_actuals_writes_a_ledger_that_loads(capsys, tmp_path):
    path = tmp_path / "台账.xlsx"
    code, out, _ = run(capsys, "template", path, "--actuals", "--lang", "zh")
    assert code == 0 and f"已写入{path}" in out  # said in the language asked for
    actuals = capex.load_actuals(path)
    assert actuals.coverage == capex.model.coverage.Coverage(2021, 2025) and len(actuals) == 0
    # filled in: a year's spending and a status, read as written
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert [c.value for c in sheet[1]][:3] == ["序号", "项目名称", "2021年（万元）"]
    sheet["C2"] = 3000
    sheet["H2"] = "已完工"
    book.save(path)
    filled = capex.load_actuals(path)
    assert filled.total_minor == 3000 and filled.status.to_dict() == {1: "finished"}
    code, _, _ = run(capsys, "roll-forward", path)
    assert code == 0


def test_roll_forward_closes_the_projects_named_finished(capsys, actuals, tmp_path):
    code, out, err = run(capsys, "roll-forward", actuals, "--finished", "29,30", "--unit", "万元")
    assert code == 0, err
    assert "#29 两湖中学（暂名）: finished with saving" in out
    assert "#30" not in out.split("Carried over")[1]
    code, out, err = run(capsys, "roll-forward", actuals, "--ceiling", "2026=3", "--finished", "29")
    assert code == 0, err
    code, _, err = run(capsys, "roll-forward", actuals, "--finished", "99")
    assert code == 2 and "99" in one_line_error(err)
