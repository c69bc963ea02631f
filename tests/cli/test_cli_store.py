"""The plan store on the command line: --save on every command that makes a result, and
versions, show, diff, submit, approve, history and verify, in English and in Chinese."""

from __future__ import annotations

import argparse
from pathlib import Path

import openpyxl
import pytest

from capex.cli import build_parser, main
from capex.cli.saving import store_paths
from capex.store import open_store

ROOT = Path(__file__).resolve().parent.parent.parent
ACTUALS = str(ROOT / "examples" / "made_up_actuals_2018_2025.csv")
LATER = str(ROOT / "examples" / "later.toml")
CEILINGS = ["--ceiling", "2021=11", "--ceiling", "2022=10", "--ceiling", "2023=10"]


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The store every command of a test uses (CAPEX_DB), in the test's own folder, which is
    also the working folder: nothing lands in the repository."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "plans.db"
    monkeypatch.setenv("CAPEX_DB", str(path))
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("command", "kind"),
    [
        (["reconcile"], "Portfolio"),
        (["spread", *CEILINGS], "SpreadResult"),
        (["shift", "--cut", "10%", "--max-delay", "1"], "ShiftResult"),
        (["scenario", "run", LATER, *CEILINGS], "SpreadResult"),
        (["compare", "--base", LATER, LATER], "Comparison"),
        (["variance", ACTUALS, "--as-of", "2023"], "VarianceReport"),
        (["reforecast", ACTUALS, "--as-of", "2024", "--ceiling", "2025=12"], "ReforecastResult"),
        (["roll-forward", ACTUALS, "--next", "2026-2030"], "HandOver"),
        (["risk", "--draws", "20", "--cost", "uniform(0, 0.1)", "--ceiling", "11"], "RiskResult"),
    ],
    ids=lambda value: value[0] if isinstance(value, list) else value,
)
def test_every_command_that_makes_a_result_saves_it(capsys, db, command, kind):
    code, out, err = run(
        capsys, *command, "--save", "v1", "--stage", "年初预算", "--author", "王芳"
    )
    assert code in (0, 1), err
    assert "saved as version v1" in out
    with open_store(db, create=False) as store:
        (version,) = store.records()
    assert (version.kind, version.stage, version.author) == (kind, "年初预算", "王芳")


def test_a_result_keeps_the_codes_of_the_table_it_was_made_from(capsys, db, tmp_path):
    import capex

    table = capex.load_projects()
    frame = table.frame.assign(code=[f"C{i}" for i in table.ids])
    capex.io.write_projects(table.replace(frame=frame), tmp_path / "coded.csv")
    assert run(capsys, "spread", tmp_path / "coded.csv", *CEILINGS, "--save", "plan")[0] == 0
    code, out, _ = run(capsys, "history", "C19")
    assert code == 0 and "北海小学易地新建" in out


def test_a_name_taken_or_an_unknown_parent_is_refused_before_any_work(capsys, db, tmp_path):
    assert run(capsys, "spread", *CEILINGS, "--save", "v1")[0] == 0
    code, _, err = run(capsys, "spread", *CEILINGS, "--save", "v1", "--excel", "plan.xlsx")
    assert code == 2 and "has a version of that name" in err
    assert not (tmp_path / "plan.xlsx").exists()
    code, _, err = run(capsys, "spread", *CEILINGS, "--save", "v2", "--parent", "nope")
    assert code == 2 and "has no version 'nope'" in err
    assert run(capsys, "spread", *CEILINGS, "--parent", "v1")[0] == 2  # --parent needs --save


def test_the_workflow_from_the_command_line(capsys, db, tmp_path):
    run(
        capsys,
        "spread",
        *CEILINGS,
        "--save",
        "2027年初预算",
        "--stage",
        "年初预算",
        "--author",
        "王芳",
    )
    assert run(capsys, "submit", "2027年初预算", "--by", "王芳")[0] == 0
    code, _, err = run(capsys, "approve", "2027年初预算", "--by", "王芳")
    assert code == 2 and "an approver must be someone else" in err
    code, out, _ = run(capsys, "approve", "2027年初预算", "--by", "李强", "--lang", "zh")
    assert code == 0 and "已由李强" in out
    fingerprint = out.strip().rsplit("版本指纹", 1)[1]
    code, out, _ = run(capsys, "versions", "--lang", "zh")
    assert code == 0 and "已批准" in out and fingerprint in out
    code, out, _ = run(capsys, "verify", "--anchor", fingerprint)
    assert code == 0 and "the record behind it is unchanged" in out
    code, out, _ = run(capsys, "verify", "--anchor", "0000-0000-0000-0000", "--lang", "zh")
    assert code == 1 and "不在本库的哈希链中" in out
    code, out, _ = run(capsys, "show", "2027年初预算", "--excel", "filed.xlsx", "--lang", "zh")
    assert code == 0 and fingerprint in out
    book = openpyxl.load_workbook(tmp_path / "filed.xlsx")
    record = dict(book[book.sheetnames[0]].iter_rows(values_only=True))
    assert record["版本指纹"] == fingerprint and record["状态"] == "已批准"


@pytest.mark.slow
def test_diff_and_history_exit_codes(capsys, db):
    run(capsys, "spread", *CEILINGS, "--save", "a")
    run(capsys, "spread", *CEILINGS, "--save", "b")
    run(capsys, "scenario", "run", LATER, *CEILINGS, "--save", "c", "--parent", "a")
    assert run(capsys, "diff", "a", "b")[0] == 0
    code, out, _ = run(capsys, "diff", "a", "c", "--lang", "zh", "--excel", "diff.xlsx")
    assert code == 1 and "变动" in out and "#19" in out
    assert run(capsys, "history", "19")[0] == 0
    assert run(capsys, "history", "no such project")[0] == 1


def test_reading_commands_never_make_a_store(capsys, db):
    code, _, err = run(capsys, "versions")
    assert code == 2 and "there is no store" in err
    assert not db.exists()


def test_without_db_or_capex_db_the_store_is_capex_db_in_the_working_folder(
    capsys, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CAPEX_DB", raising=False)
    assert run(capsys, "spread", *CEILINGS, "--save", "v")[0] == 0
    assert (tmp_path / "capex.db").exists()
    code, out, _ = run(capsys, "versions", "--db", str(tmp_path / "capex.db"))
    assert code == 0 and " v " in out


def _args(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(list(argv))


def test_store_paths_names_what_a_command_may_write_in_the_store(tmp_path, monkeypatch):
    monkeypatch.delenv("CAPEX_DB", raising=False)
    db = tmp_path / "x.db"
    saving = store_paths(_args("spread", "--save", "v", "--db", str(db)))
    assert saving == [db, *(tmp_path / f"x.db{s}" for s in ("-wal", "-shm", "-journal"))]
    assert store_paths(_args("spread")) == []
    assert store_paths(_args("approve", "v", "--by", "李强", "--db", str(db)))[0] == db
    assert store_paths(_args("versions", "--db", str(db))) == []  # it only reads
    assert store_paths(_args("spread", "--save", "v", "--db", "postgresql://u@h/db")) == []


def test_an_output_over_the_store_is_refused_before_the_store_is_made(tmp_path, capsys):
    store = tmp_path / "store.xlsx"
    code = main(["spread", "--save", "v1", "--db", str(store), "--excel", str(store)])
    err = capsys.readouterr().err
    assert code == 2 and "never writes over its inputs" in err and "--db" in err
    assert not store.exists()
