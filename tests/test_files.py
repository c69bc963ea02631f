"""Files are written whole or not at all: every writer of capex goes through capex.files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

import capex
from capex import files
from capex.files import atomic_write, atomic_writes, write_text


def test_a_write_replaces_the_file_when_complete(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old", encoding="utf-8")
    with atomic_write(target) as temporary:
        assert temporary.parent == tmp_path and temporary.name.startswith(".a-")
        assert temporary.suffix == ".txt"  # writers choose the format from it
        temporary.write_text("new", encoding="utf-8")
        assert target.read_text(encoding="utf-8") == "old"  # not before the block ends
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_a_failing_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError, match="half way"), atomic_write(target) as temporary:
        temporary.write_text("ne", encoding="utf-8")
        raise RuntimeError("half way")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_several_files_are_renamed_only_when_all_are_written(tmp_path: Path) -> None:
    targets = [tmp_path / f"{name}.csv" for name in ("a", "b", "c")]
    for target in targets:
        target.write_text("old", encoding="utf-8")
    with pytest.raises(OSError, match="disk full"), atomic_writes(targets) as temporaries:
        temporaries[0].write_text("new", encoding="utf-8")
        temporaries[1].write_text("new", encoding="utf-8")
        raise OSError("disk full")
    assert [t.read_text(encoding="utf-8") for t in targets] == ["old"] * 3
    with atomic_writes(targets) as temporaries:
        for temporary in temporaries:
            temporary.write_text("new", encoding="utf-8")
    assert [t.read_text(encoding="utf-8") for t in targets] == ["new"] * 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv", "c.csv"]


def test_a_new_file_gets_the_usual_permissions_and_an_old_one_keeps_its_own(
    tmp_path: Path,
) -> None:
    umask = os.umask(0o022)
    try:
        fresh = write_text(tmp_path / "fresh.txt", "x")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644  # not mkstemp's private 0600
        kept = tmp_path / "kept.txt"
        kept.write_text("x", encoding="utf-8")
        kept.chmod(0o600)
        write_text(kept, "y")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    finally:
        os.umask(umask)


@pytest.mark.parametrize(
    ("targets", "error"),
    [(["a.txt", "a.txt"], ValueError), (["folder"], IsADirectoryError)],
)
def test_bad_targets_are_refused_before_anything_is_written(
    tmp_path: Path, targets: list[str], error: type[Exception]
) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(error), atomic_writes([tmp_path / t for t in targets]):
        pytest.fail("the block must not run")
    assert [p.name for p in tmp_path.iterdir()] == ["folder"]


# -- every file capex writes goes through an atomic rename ---------------------------------
def _writers(tmp_path: Path) -> dict[str, tuple[object, list[Path]]]:
    portfolio = capex.load_projects()
    report = capex.reconcile(portfolio)
    scenario = capex.Scenario("later", shifts={19: 1})

    def plot() -> None:
        from capex.cli.options import save_plot

        save_plot(capex.plot_reconciliation, report, str(tmp_path / "r.png"))

    return {
        "to_excel": (lambda: capex.to_excel(report, tmp_path / "r.xlsx"), [tmp_path / "r.xlsx"]),
        "to_csv": (
            lambda: capex.to_csv(report, tmp_path / "r.csv"),
            [tmp_path / "r.csv", tmp_path / "r_split.csv"],
        ),
        "Portfolio.to_csv": (
            lambda: portfolio.to_csv(tmp_path / "p.csv"),
            [tmp_path / "p.csv", tmp_path / "p.toml"],
        ),
        "Scenario.to_file": (lambda: scenario.to_file(tmp_path / "s.toml"), [tmp_path / "s.toml"]),
        "the command line's plot": (plot, [tmp_path / "r.png"]),
    }


@pytest.mark.parametrize(
    "writer",
    ["to_excel", "to_csv", "Portfolio.to_csv", "Scenario.to_file", "the command line's plot"],
)
def test_every_writer_leaves_old_files_when_the_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str
) -> None:
    write, targets = _writers(tmp_path)[writer]
    for target in targets:
        target.write_bytes(b"old")
    before = sorted(p.name for p in tmp_path.iterdir())

    def refuse(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises((OSError, capex.CapexError)):
        write()
    assert [t.read_bytes() for t in targets] == [b"old"] * len(targets)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no temporary left
    monkeypatch.undo()
    write()  # and with the rename working, the files are new
    assert all(t.read_bytes() != b"old" for t in targets)
