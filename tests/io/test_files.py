"""Files are written whole or not at all: every writer of capex goes through capex.io.files."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import capex
from capex.io import files
from capex.io.files import atomic_write, atomic_writes, write_text


def test_a_write_replaces_the_file_when_complete(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old", encoding="utf-8")
    with atomic_write(target) as temporary:
        assert temporary.parent == tmp_path and temporary.name.startswith(".capex~")
        assert f"~{os.getpid()}~a-" in temporary.name  # names capex, the process, the file
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

        save_plot(capex.plotting.plot_reconciliation, report, str(tmp_path / "r.png"))

    return {
        "to_excel": (lambda: capex.to_excel(report, tmp_path / "r.xlsx"), [tmp_path / "r.xlsx"]),
        "to_csv": (
            lambda: capex.to_csv(report, tmp_path / "r.csv"),
            [tmp_path / "r.csv", tmp_path / "r_split.csv"],
        ),
        "Portfolio.to_csv": (
            lambda: capex.io.write_projects(portfolio, tmp_path / "p.csv"),
            [tmp_path / "p.csv", tmp_path / "p.toml"],
        ),
        "Scenario.to_file": (lambda: scenario.to_file(tmp_path / "s.toml"), [tmp_path / "s.toml"]),
        "the command line's plot": (plot, [tmp_path / "r.png"]),
    }


@pytest.mark.slow
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


# -- temporaries of a writer that was killed -------------------------------------------------
def _killed_writer(folder: Path) -> Path:
    """The temporary a process killed while writing (``kill -9``) leaves behind."""
    program = (
        "import os, sys\n"
        "from capex.io.files import atomic_write\n"
        "with atomic_write(os.path.join(sys.argv[1], 'plan.xlsx')) as temporary:\n"
        "    temporary.write_bytes(b'half')\n"
        "    print(temporary, flush=True)\n"
        "    os._exit(9)  # killed: no finally block runs\n"
    )
    child = subprocess.run(
        [sys.executable, "-c", program, str(folder)], capture_output=True, text=True, check=False
    )
    assert child.returncode == 9, child.stderr
    return Path(child.stdout.strip())


@pytest.mark.slow
def test_a_write_removes_the_temporaries_of_a_killed_writer_and_nothing_else(
    tmp_path: Path,
) -> None:
    stale = _killed_writer(tmp_path)
    live = tmp_path / f".capex~{files._host()}~{os.getpid()}~plan-abc.xlsx"  # being written
    elsewhere = tmp_path / f".capex~00000000~{stale.name.split('~')[2]}~plan-abc.xlsx"
    other = tmp_path / ".plan-abc.xlsx"  # another program's temporary, named as capex's were
    init = tmp_path / f".capex~{files._host()}~1~plan-abc.xlsx"  # a process that runs
    for path in (live, elsewhere, other, init):
        path.write_bytes(b"keep")
    assert stale.read_bytes() == b"half"
    write_text(tmp_path / "plan.xlsx", "new")
    assert not stale.exists()
    assert all(path.read_bytes() == b"keep" for path in (live, elsewhere, other, init))
    assert files.remove_stale_temporaries(tmp_path) == []


def test_only_a_dead_writers_own_temporary_is_stale(tmp_path: Path) -> None:
    gone = 2**22 + 12_345  # above Linux's largest pid, so no process has it
    name = f".capex~{files._host()}~{gone}~a-xyz.csv"
    (tmp_path / name).write_bytes(b"half")
    (tmp_path / f".capex~{files._host()}~{gone}~folder").mkdir()  # a folder is not removed
    assert files.remove_stale_temporaries(tmp_path) == [tmp_path / name]
    assert files.remove_stale_temporaries(tmp_path / "missing") == []


# -- reading, and never writing over what was read ---------------------------------------------
def test_a_guarded_run_refuses_to_write_over_what_it_read(tmp_path: Path) -> None:
    table = tmp_path / "p.csv"
    table.write_bytes(capex.io.projects.BUNDLED_CSV.read_bytes())
    (tmp_path / "hard.csv").hardlink_to(table)
    (tmp_path / "link.csv").symlink_to(table)
    with files.guarding() as guard:
        portfolio = capex.load_projects(table, plan_period=(2021, 2025))
        for name in ("p.csv", "hard.csv", "link.csv", "sub/../p.csv", "p.dat"):  # p.dat: p.toml
            (tmp_path / "sub").mkdir(exist_ok=True)
            with pytest.raises(files.OverwriteError, match="which this command reads"):
                capex.io.write_projects(portfolio, tmp_path / name)
        capex.io.write_projects(portfolio, tmp_path / "next.csv")  # a new file is written
        with pytest.raises(files.OverwriteError, match="name the same file"):
            guard.check([(tmp_path / "a.csv", "--csv"), (tmp_path / "sub/../a.csv", "--excel")])
    assert table.read_bytes() == capex.io.projects.BUNDLED_CSV.read_bytes()
    assert not (tmp_path / "p.toml").exists()
    capex.io.write_projects(portfolio, tmp_path / "p.csv")  # outside the guard, the caller decides


def test_a_database_the_run_updates_is_the_one_exemption(tmp_path: Path) -> None:
    database = tmp_path / "capex.db"
    database.write_bytes(b"SQLite format 3\x00")
    with files.guarding() as guard:
        guard.allow(database, "--db")
        for name in ("capex.db", "capex.db-wal", "capex.db-journal", "capex.db-shm"):
            files.check_writes([tmp_path / name])  # the store may write them
            with pytest.raises(files.OverwriteError, match=r"\(--db\)"):
                guard.check([(tmp_path / name, "--excel")])  # another output may not
        files.note_read(database)  # reading it does not make it an input
        files.check_writes([database])


def test_toml_is_written_once_for_every_writer(tmp_path: Path) -> None:
    """A title with a line break, quotes and a backslash wrote invalid TOML; tomli-w writes
    it so that it reads back as it was."""
    title = '越城区“十四五”\n教育 "重大" 项目 \\ 2021-2025'
    portfolio = capex.load_projects().replace(name=title)
    capex.io.write_projects(portfolio, tmp_path / "p.csv")
    assert capex.load_projects(tmp_path / "p.csv").name == title
    scenario = capex.Scenario(title, shifts={19: 1}, ceilings={2021: 10, 2022: None})
    scenario.to_file(tmp_path / "s.toml")
    again = capex.Scenario.from_file(tmp_path / "s.toml")
    assert again.name == title and dict(again.ceilings) == dict(scenario.ceilings)
    assert tomllib.loads(files.toml_text({"x": title})) == {"x": title}
