"""``capex select``: a bank workbook in, the choice printed and written, errors in one line."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from test_cli import assert_one_line_error, run

BANK = Path(__file__).resolve().parents[2] / "examples" / "made_up_bank_2026_2030.xlsx"
CEILINGS = ["--ceiling", "2026=6", "--ceiling", "2027=8", "--ceiling", "2028=8",
            "--ceiling", "2029=6", "--ceiling", "2030=4"]  # fmt: skip


@pytest.mark.slow
def test_the_choice_is_printed_and_written_in_chinese(capsys, tmp_path):
    excel, plot = tmp_path / "遴选.xlsx", tmp_path / "前沿.png"
    code, out, err = run(
        capsys, "select", str(BANK), *CEILINGS, "--value", "学位", "--envelope", "28",
        "--alternatives", "N1,N2", "--excel", str(excel), "--plot", str(plot), "--lang", "zh",
    )  # fmt: skip
    assert code == 0, err
    assert "项目遴选：最优" in out and "未选项目" in out and "建标102-2002" in out
    assert excel.is_file() and plot.stat().st_size > 0
    sheets = pd.read_excel(excel, sheet_name=None)
    chosen = sheets["项目遴选"].set_index("序号")
    assert not (chosen.loc[["N1", "N2"], "是否选中"] == "是").all()  # at most one site


def test_a_framework_a_must_and_an_exclusion(capsys):
    code, out, err = run(
        capsys, "select", str(BANK), "--ceiling", "8", "--weight", "学位=0.7",
        "--weight", "评分=0.3", "--must", "N9", "--exclude", "N10,N11", "--explain", "none",
    )  # fmt: skip
    assert code == 0, err
    assert "#N9" in out.split("left out")[0]  # chosen, as it must be
    assert "#N10" in out.split("left out")[1] and "excluded" in out


def test_the_musts_alone_over_a_ceiling_exit_1(capsys):
    code, out, _ = run(capsys, "select", str(BANK), "--ceiling", "1", "--must", "N4,N6")
    assert code == 1
    assert "the projects that must be chosen alone put" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--value", "benefit"], "no column 'benefit'"),
        (["--must", "N99"], "no such project"),
        (["--weight", "学位"], "expected A=B"),
        (["--explain", "some"], "expected all, none or a number"),
        ([], "give the money to fit"),
    ],
)
def test_bad_arguments_are_one_line(capsys, args, message):
    money = [] if not args else ["--ceiling", "8"]
    code, _, err = run(capsys, "select", str(BANK), *money, *args)
    assert code == 2
    assert_one_line_error(err)
    assert message in err
