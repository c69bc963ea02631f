"""Provenance: every result and export says what it was made from, and the same inputs
give the same record."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import capex
from capex._version import __version__
from capex.io.projects import BUNDLED_CSV
from capex.model.provenance import InputFile, Provenance, file_record, sha256_of

CEILINGS = {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9}


@pytest.fixture
def copied(tmp_path: Path) -> Path:
    path = tmp_path / "projects.csv"
    shutil.copy(BUNDLED_CSV, path)
    shutil.copy(BUNDLED_CSV.with_suffix(".toml"), path.with_suffix(".toml"))
    return path


def test_loading_records_the_files_and_their_sha256(copied: Path) -> None:
    record = capex.load_projects(copied).provenance
    assert record.capex_version == __version__ == capex.__version__
    assert record.inputs == (
        InputFile(str(copied), sha256_of(copied)),
        InputFile(str(copied.with_suffix(".toml")), sha256_of(copied.with_suffix(".toml"))),
    )
    assert record.solver == "" and record.seed is None


def test_the_bundled_data_is_recorded_by_name_not_by_its_install_path() -> None:
    record = capex.load_projects().provenance
    assert [f.path for f in record.inputs] == [
        "<capex bundled data>/major_projects.csv",
        "<capex bundled data>/major_projects.toml",
    ]
    assert record.inputs[0].sha256 == sha256_of(BUNDLED_CSV)


def test_a_frame_has_no_file() -> None:
    from conftest import tiny_frame

    record = capex.load_projects(tiny_frame(), plan_period=(2021, 2023)).provenance
    assert record.inputs == ()
    assert ("prov_input", "<DataFrame>") in record.items()


@pytest.mark.parametrize("solve", ["spread", "shift", "scenario"])
def test_every_result_records_its_solver_parameters_and_seed(solve: str, copied: Path) -> None:
    portfolio = capex.load_projects(copied)
    cut = {year: value * 0.9 for year, value in CEILINGS.items()}
    if solve == "spread":
        result = capex.spread(portfolio, CEILINGS, "bell")
    elif solve == "shift":
        result = capex.shift(portfolio, cut, max_delay=1, seed=7)
    else:
        result = capex.Scenario("later", shifts={19: 1}).run(portfolio, CEILINGS)
    record = result.provenance
    assert record.inputs == portfolio.provenance.inputs
    assert record.solver == ("shift" if solve == "shift" else "spread")
    parameters = dict(record.parameters)
    if solve == "shift":
        assert record.seed == 7
        assert parameters["max_delay"] == "1" and parameters["objective"] == "delay"
        assert parameters["solver"] == result.solver
    else:
        assert record.seed == 0
        assert parameters["profile"] == ("bell" if solve == "spread" else "uniform")


def test_the_same_inputs_give_the_same_record_time_aside(copied: Path) -> None:
    first = capex.spread(capex.load_projects(copied), CEILINGS).provenance
    second = capex.spread(capex.load_projects(copied), CEILINGS).provenance
    assert first == second
    assert first.items()[:-1] == second.items()[:-1]  # the last is the time
    other = capex.spread(capex.load_projects(copied), CEILINGS, "front").provenance
    assert other != first
    copied.write_text(copied.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    changed = capex.spread(capex.load_projects(copied), CEILINGS).provenance
    assert changed != first and changed.inputs[0].sha256 != first.inputs[0].sha256


def test_source_date_epoch_fixes_the_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert Provenance().created == "2023-11-14T22:13:20Z"
    assert Provenance().solved("spread").created == "2023-11-14T22:13:20Z"


def test_long_parameters_are_recorded_by_their_digest() -> None:
    limits = {i: 1 for i in range(100)}
    record = Provenance().solved("shift", max_delay=limits)
    (text,) = [value for name, value in record.parameters if name == "max_delay"]
    assert text.startswith("100 values, sha256 ")


@pytest.mark.slow
def test_the_summary_and_every_export_show_the_record(copied: Path, tmp_path: Path) -> None:
    portfolio = capex.load_projects(copied)
    plan = capex.spread(portfolio, CEILINGS)
    digest = sha256_of(copied)
    assert f"record: capex {__version__}" in plan.summary()
    assert f"projects.csv sha256 {digest[:12]}" in plan.summary()
    for obj in (plan, capex.reconcile(portfolio), capex.compare(plan, plan)):
        path = capex.to_excel(obj, tmp_path / "x.xlsx")
        items = pd.read_excel(path, sheet_name="assumptions")["value"].astype(str).tolist()
        assert digest in items, type(obj).__name__
        written = capex.to_csv(obj, tmp_path / "csv")
        assert digest in written[-1].read_text(encoding="utf-8-sig")


def test_a_file_record_of_bytes_already_read(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"id\n1\n")
    assert file_record(path) == file_record(path, b"id\n1\n") == file_record(str(path))
    assert str(file_record(path)).startswith(f"{path} (sha256 ")
