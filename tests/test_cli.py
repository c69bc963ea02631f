"""The ``capex`` command line, in process: output, files written and exit codes."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import capex
from capex.cli import main
from capex.portfolio import BUNDLED_CSV


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(err: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), err
    assert "Traceback" not in err


# -- help --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "args",
    [["--help"], *([command, "--help"] for command in ("reconcile", "spread", "shift", "compare")),
     ["scenario", "run", "--help"]],
)  # fmt: skip
def test_help_works(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, out, _ = run(capsys, *args)
    assert code == 0
    assert out.startswith("usage: capex")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and capex.__version__ in out


def test_no_command_prints_help_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys)
    assert code == 2 and "reconcile" in out


# -- reconcile ---------------------------------------------------------------------------
def test_reconcile_the_bundled_data(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "reconcile")
    assert code == 0, err
    assert "The totals reconcile exactly" in out
    assert "77.8" in out and "48.39" in out
    assert "#23" in out and "#20" in out  # the error and the site-area warning


def test_reconcile_in_wan(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "reconcile", "--unit", "万元")
    assert code == 0 and "778,000" in out and "483,900" in out


def test_reconcile_a_table_that_does_not_reconcile_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # the bundled table with a published total one 万元 above the sum of its rows
    path = tmp_path / "projects.csv"
    shutil.copy(BUNDLED_CSV, path)
    path.with_suffix(".toml").write_text(
        'plan_period = [2021, 2025]\n[published]\ntotal_investment = "77.8001"\nplan_investment = "48.39"\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "reconcile", str(path))
    assert code == 1
    assert "do NOT reconcile" in out and "1 万元 below" in out


def test_reconcile_writes_excel_csv_and_plot(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    excel, folder, plot = tmp_path / "r.xlsx", tmp_path / "csv", tmp_path / "r.png"
    code, out, err = run(capsys, "reconcile", "--excel", str(excel), "--csv", str(folder), "--plot", str(plot))
    assert code == 0, err
    totals = pd.read_excel(excel, sheet_name="reconciliation")
    assert round(totals["computed (亿元)"].iloc[0] * 10_000) == 778_000
    assert (folder / "split.csv").exists() and (folder / "findings.csv").exists()
    assert plot.exists() and plot.read_bytes()[:4] == b"\x89PNG"
    assert f"wrote {excel}" in out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["reconcile", "--unit", "元"], "unknown unit"),
        (["reconcile", "nowhere.csv"], "cannot read the file"),
        (["reconcile", "--bogus"], "unrecognized arguments"),
        (["frobnicate"], "invalid choice"),
        (["reconcile", "a.csv", "b.csv"], "unrecognized arguments"),
        (["reconcile", "--encoding", "no-such-codec"], "unknown encoding"),
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], words: str
) -> None:
    monkeypatch.chdir(tmp_path)
    if "--encoding" in args:
        shutil.copy(BUNDLED_CSV, tmp_path / "p.csv")
        args = [*args, "p.csv"]
    code, _, err = run(capsys, *args)
    assert code == 2
    assert_one_line_error(err)
    assert words in err


def test_bad_data_gives_one_line_naming_row_and_column(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    text = BUNDLED_CSV.read_text(encoding="utf-8").replace(",2.92,1.42,", ",2.92,1.42x,")
    path.write_text(text, encoding="utf-8")
    shutil.copy(BUNDLED_CSV.with_suffix(".toml"), path.with_suffix(".toml"))
    code, _, err = run(capsys, "reconcile", str(path))
    assert code == 2
    assert_one_line_error(err)
    assert "row 2 (id 2)" in err and "column 'plan_investment'" in err and "1.42x" in err


def test_an_unwritable_output_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    code, _, err = run(capsys, "reconcile", "--excel", str(blocker / "r.xlsx"))
    assert code == 2
    assert_one_line_error(err)


def test_python_dash_m_and_the_installed_script(tmp_path: Path) -> None:
    script = shutil.which("capex", path=str(Path(sys.executable).parent))
    commands = [[sys.executable, "-m", "capex", "reconcile"]]
    if script:
        commands.append([script, "reconcile"])
    for command in commands:
        done = subprocess.run(command, check=False, capture_output=True, text=True, cwd=tmp_path, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "The totals reconcile exactly" in done.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "capex", "reconcile", "--unit", "x"],
        check=False,
        capture_output=True, text=True, timeout=120
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


# -- spread ------------------------------------------------------------------------------
CEILINGS = ["--ceiling", "2021=11", "--ceiling", "2022=10", "--ceiling", "2023=10", "--ceiling", "2024=10", "--ceiling", "2025=9"]


def test_spread_under_ceilings_prints_the_schedule(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    excel, plot = tmp_path / "plan.xlsx", tmp_path / "plan.png"
    code, out, err = run(capsys, "spread", *CEILINGS, "--excel", str(excel), "--plot", str(plot), "--csv", str(tmp_path / "plan.csv"))
    assert code == 0, err
    assert "optimal" in out and "鲁迅小学教育集团凤鸣校区" in out
    schedule = pd.read_excel(excel, sheet_name="schedule")
    projects = schedule.iloc[:-1]
    years = [2021, 2022, 2023, 2024, 2025]
    wan = (projects[years] * 10_000).round().astype(int)
    # every project spends exactly its plan investment, and no year passes its ceiling
    plan = capex.load_projects().frame["plan_wan"]
    assert wan.sum(axis=1).tolist() == plan.tolist()
    assert (wan.sum(axis=0).to_numpy() <= [110_000, 100_000, 100_000, 100_000, 90_000]).all()
    annual = pd.read_excel(excel, sheet_name="annual", index_col="year")
    assert round(annual.loc[2025, "ceiling (亿元)"] * 10_000) == 90_000
    assert plot.exists() and (tmp_path / "plan_annual.csv").exists()


def test_spread_that_cannot_fit_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    # 48.39 亿元 cannot fit in five years of 8 亿元 (40 亿元)
    code, out, _ = run(capsys, "spread", "--ceiling", "8")
    assert code == 1
    assert "infeasible" in out and "extra budget" in out


def test_spread_with_budget_lines_from_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    lines = tmp_path / "lines.csv"
    lines.write_text(
        "line,year,ceiling,rule\nall,2021,12,all\nall,2022,12,\nall,2023,12,\nall,2024,12,\nall,2025,12,\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "spread", "--budget-lines", str(lines), "--profile", "front")
    assert code == 0, err
    assert "profile front" in out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["spread", "--ceiling", "2021=x"], "expected YEAR=亿元"),
        (["spread", "--ceiling", "2021=-1"], ">= 0"),
        (["spread", "--ceiling", "20x1=5"], "not a year"),
        (["spread", "--ceiling", "2030=5"], "outside the plan period"),
        (["spread", "--ceiling", "2021=5", "--ceiling", "2021=6"], "given twice"),
        (["spread", "--ceiling", "5", "--ceiling", "2021=6"], "not both"),
        (["spread", "--profile", "nonsense"], "unknown profile"),
        (["spread", "--ceiling", "9", "--budget-lines", "x.csv"], "not allowed with"),
        (["spread", "--budget-lines", "missing.csv"], "cannot read"),
        (["spread", "--secondary", "fast"], "invalid choice"),
    ],
)
def test_spread_bad_arguments(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], words: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, *args)
    assert code == 2
    assert_one_line_error(err)
    assert words in err


# -- commands whose engines may not be installed yet ---------------------------------------
@pytest.mark.parametrize(
    ("args", "module"),
    [
        (["shift", "--ceiling", "9"], "capex.solvers.shift"),
        (["scenario", "run", "s.toml"], "capex.scenario"),
        (["compare", "a.toml", "b.toml"], "capex.compare"),
    ],
)
def test_a_missing_engine_is_one_line_not_a_traceback(
    capsys: pytest.CaptureFixture[str], args: list[str], module: str
) -> None:
    try:
        importlib.import_module(module)
    except ImportError:
        pass
    else:
        pytest.skip(f"{module} is installed")
    code, _, err = run(capsys, *args)
    assert code == 2
    assert_one_line_error(err)
    assert "which this capex does not have" in err


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["shift", "--max-delay", "-1"], "cannot be negative"),
        (["shift", "--max-delay", "two"], "invalid int value"),
        (["compare", "only-one.toml"], "at least two"),
        (["scenario"], "required: ACTION"),
    ],
)
def test_pending_commands_check_their_arguments(capsys: pytest.CaptureFixture[str], args: list[str], words: str) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2
    assert_one_line_error(err)
    assert words in err
