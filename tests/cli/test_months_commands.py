"""``capex monthly``, ``capex execution``, ``capex annual-plan`` and ``capex rolling-plan``:
output, files, exit codes, errors in one line, and the user's files left as they were."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

import capex
from capex.cli import main

ROOT = Path(__file__).resolve().parent.parent.parent
PAYMENTS = ROOT / "examples" / "made_up_payments_2027.xlsx"
NEW_PROJECTS = ROOT / "examples" / "made_up_new_projects_2026_2030.csv"
CEILINGS = ["--ceiling", "2026=21", "--ceiling", "2027=6", "--ceiling", "2028=3",
            "--ceiling", "2029=2.8", "--ceiling", "2030=1.8"]  # fmt: skip


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err):
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "Traceback" not in err, err
    return lines[0]


@pytest.fixture(scope="module")
def next_plan(tmp_path_factory):
    """The 2026-2030 project table the hand-over writes (capex roll-forward --write-portfolio)."""
    folder = tmp_path_factory.mktemp("next")
    actuals = ROOT / "examples" / "made_up_actuals_2018_2025.csv"
    code = main(
        ["roll-forward", str(actuals), "--new-projects", str(NEW_PROJECTS),
         "--write-portfolio", str(folder / "next.csv")]
    )  # fmt: skip
    assert code == 0
    return folder / "next.csv"


@pytest.mark.slow  # draws and saves a figure
def test_monthly_prints_the_months_and_writes_its_files(capsys, tmp_path):
    code, out, err = run(
        capsys, "monthly", "--year", "2023", "--months", "construction", "--quota", "9000",
        "--excel", tmp_path / "m.xlsx", "--plot", tmp_path / "m.png", "--lang", "zh",
    )  # fmt: skip
    assert code == 0, err
    assert "2023年分月用款计划" in out and "12月" in out
    assert openpyxl.load_workbook(tmp_path / "m.xlsx").sheetnames[0] == "分项目分月"
    assert (tmp_path / "m.png").stat().st_size > 0


def test_monthly_with_an_impossible_quota_exits_1_with_the_least_extra(capsys):
    code, out, _ = run(capsys, "monthly", "--year", "2023", "--quota", "6000")
    assert code == 1
    assert "least extra quota" in out and "24,584 万元" in out


def test_start_and_finish_months_and_a_phased_table(capsys, tmp_path, yuecheng):
    flows = capex.cash_flow(yuecheng).flows_minor.reset_index()
    flows.insert(1, "name", yuecheng.frame["name"].to_numpy())
    phased = tmp_path / "phased.csv"
    flows.to_csv(phased, index=False)
    code, out, err = run(
        capsys, "monthly", phased, "--phased", "--plan-period", "2021-2025", "--year", "2023",
        "--start-month", "20=4", "--finish-month", "20=9",
    )  # fmt: skip
    assert code == 0, err
    row = next(line for line in out.splitlines() if line.startswith("20 "))
    cells = row.split()  # id, name, 12 months, total
    assert cells[2:5] == cells[11:14] == ["0", "0", "0"]  # January-March, October-December
    assert "0" not in cells[5:11]


@pytest.mark.slow
def test_execution_reads_the_made_up_payments(capsys, tmp_path, next_plan):
    payments = Path(shutil.copy(PAYMENTS, tmp_path / "支付.xlsx"))
    before = payments.read_bytes()
    code, out, err = run(
        capsys, "execution", payments, next_plan, *CEILINGS, "--year", "2027",
        "--months", "construction", "--as-of", "2027-09-30", "--lang", "zh",
        "--excel", tmp_path / "e.xlsx", "--plot", tmp_path / "e.png",
    )  # fmt: skip
    assert code == 0, err
    assert "2027年用款计划执行情况" in out and "支付进度" in out and "#34" in out
    assert payments.read_bytes() == before
    assert "分项目" in openpyxl.load_workbook(tmp_path / "e.xlsx").sheetnames


def test_execution_refuses_to_write_over_its_payments(capsys, tmp_path):
    payments = Path(shutil.copy(PAYMENTS, tmp_path / "pay.xlsx"))
    code, _, err = run(
        capsys, "execution", payments, "--year", "2023", "--as-of", "2023-09-30",
        "--excel", payments,
    )  # fmt: skip
    assert code == 2 and "never writes over its inputs" in one_line_error(err)


def test_execution_errors_are_one_line(capsys, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("支付日期,项目代码,支付金额\n2023-03-01,20,三百万\n", encoding="utf-8")
    code, _, err = run(capsys, "execution", bad, "--year", "2023", "--as-of", "2023-09-30")
    assert code == 2 and "row 1" in one_line_error(err) and "三百万" in err
    code, _, err = run(capsys, "execution", bad, "--year", "2023")
    assert code == 2 and "--as-of" in one_line_error(err)


def test_annual_and_rolling_plans_reconcile_and_take_a_layout(capsys, tmp_path, next_plan):
    code, out, err = run(
        capsys, "annual-plan", next_plan, *CEILINGS, "--year", "2027", "--lang", "zh",
        "--excel", tmp_path / "a.xlsx",
    )  # fmt: skip
    assert code == 0, err
    assert "合计行与计划2027年合计数完全一致：60,000 万元" in out
    assert "续建" in out and "新建" in out
    code, out, err = run(
        capsys, "rolling-plan", next_plan, *CEILINGS, "--first-year", "2027",
        "--columns", "name,2027,2028,2029", "--heading", "2027=2027年预算", "--csv",
        tmp_path / "r.csv",
    )  # fmt: skip
    assert code == 0, err
    assert "2027年预算" in out and "reconcile exactly" in out
    code, _, err = run(capsys, "rolling-plan", "--first-year", "2023", "--columns", "name,cost")
    assert code == 2 and "cost" in one_line_error(err)
