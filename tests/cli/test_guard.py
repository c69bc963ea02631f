"""No command writes over its inputs.

Every command of the parser (found from the parser itself, so a command added later is tried
too), every output option it has, pointed at each of its inputs and at the metadata beside
each, the path given as it was, through a symlink, through a hard link and spelled another
way: the command exits 2 naming both files, and every file of the folder keeps its bytes.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from capex.cli import build_parser, main
from capex.cli.guard import FileOption, FileRole, commands, file_options
from capex.io.projects import BUNDLED_CSV

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
REFUSED = "never writes over its inputs"

# -- what each input holds and the arguments that make each command run ----------------------
NEW_PROJECTS = (
    "序号,项目名称,开工年份,竣工年份,总投资（亿元）,2026-2030年投资额（亿元）\n"
    "101,城东新区第二小学,2027,2029,3.2,3.2\n"
    "102,镜湖中学扩建,2026,2027,1.15,1.15\n"
)
"""New projects of the next plan, as a finance office writes them."""

ONE_LINE = "".join(  # the first line of examples/lines.csv: a risk run takes one line only
    line
    for line in (EXAMPLES / "lines.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    if not line.startswith("government")
)
"""Budget lines: one line over every project, year by year."""


def input_bytes(dest: str, suffix: str) -> bytes:
    """Real content for an input option (by where argparse keeps it), as a workbook when its
    name ends in .xlsx; any table for an input this test does not know yet."""
    text = {
        "path": BUNDLED_CSV.read_text(encoding="utf-8"),
        "budget_lines": ONE_LINE,
        "actuals": (EXAMPLES / "made_up_actuals_2018_2025.csv").read_text(encoding="utf-8"),
        "files": (EXAMPLES / "later.toml").read_text(encoding="utf-8"),
        "new_projects": NEW_PROJECTS,
        "plan": "id,name,2021 (万元),2022 (万元)\n1,鲁迅小学教育集团凤鸣校区,3000,0\n",
        "payments": "支付日期,项目代码,支付金额（元）\n2023-03-01,10,1000.00\n",
        "sources": (EXAMPLES / "made_up_sources.csv").read_text(encoding="utf-8"),
    }.get(dest, BUNDLED_CSV.read_text(encoding="utf-8"))
    if suffix != ".xlsx" or dest == "files":
        return text.encode("utf-8")
    if dest == "path":
        return (EXAMPLES / "规划项目表.xlsx").read_bytes()
    book = openpyxl.Workbook()
    for row in csv.reader(line for line in io.StringIO(text) if not line.startswith("#")):
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


BASELINE: dict[tuple[str, ...], list[str]] = {
    ("shift",): ["--cut", "10%", "--time-limit", "5"],
    ("scenario", "run"): [],
    ("compare",): ["--base"],
    ("risk",): ["--cost", "triangular(0, 0.1, 0.2)", "--draws", "50"],
    ("reforecast",): ["--as-of", "2024"],
    ("monthly",): ["--year", "2023"],
    ("execution",): ["--year", "2023", "--as-of", "2023-09-30"],
    ("annual-plan",): ["--year", "2023"],
    ("rolling-plan",): ["--first-year", "2023"],
    ("select",): [
        "--envelope",
        "40",
        "--value",
        "classes",
        "--must",
        "none",
        "--exclude",
        "9,11,18",
        "--explain",
        "none",
    ],
}
"""Arguments a command needs to run besides its files (none for most)."""

METADATA = (BUNDLED_CSV.with_suffix(".toml")).read_bytes()


# -- the cases, from the parser ---------------------------------------------------------------
PARSER = build_parser()
COMMANDS = commands(PARSER)


def _pairs() -> list[tuple[tuple[str, ...], FileOption, FileOption]]:
    pairs = []
    for words, parser in COMMANDS.items():
        options = file_options(parser)
        read = [o for o in options if o.role.role in ("input", "database")]
        written = [o for o in options if o.role.role in ("output", "outputs")]
        pairs += [(words, output, target) for output in written for target in read]
    return pairs


PAIRS = _pairs()


def _id(pair: tuple[tuple[str, ...], FileOption, FileOption]) -> str:
    words, output, target = pair
    return f"{' '.join(words)}:{output.flag}->{target.flag}"


def test_the_cases_cover_every_command_that_reads_and_writes() -> None:
    """Each command that writes files and reads any is tried, with each of its outputs."""
    for words, parser in COMMANDS.items():
        options = file_options(parser)
        if any(o.role.role in ("input", "database") for o in options):
            for output in (o for o in options if o.role.role in ("output", "outputs")):
                assert any(p[0] == words and p[1] == output for p in PAIRS)
    assert {"reconcile", "spread", "shift", "risk", "roll-forward"} <= {p[0][0] for p in PAIRS}
    flags = {p[1].flag for p in PAIRS}
    assert {"--excel", "--csv", "--plot", "--write-portfolio"} <= flags


FILE_WORDS = {"FILE", "FILES", "PATH", "DIR", "FOLDER", "ACTUALS", "DB", "DATABASE"}
"""Words in an argument's metavar (a positional's name) that say its value is a file."""


def test_every_option_that_names_a_file_says_what_the_file_is() -> None:
    """An option whose value is a file declares it (``type=INPUT_FILE``, ``EXCEL_FILE`` ...),
    so that the guard and this test know it: a file option added later without a role is
    found here."""
    for words, parser in COMMANDS.items():
        for action in parser._actions:
            shown = str(action.metavar or ("" if action.option_strings else action.dest))
            words_said = set(re.findall(r"[A-Z]+", shown.upper()))
            looks_like_a_file = bool(words_said & FILE_WORDS)
            if looks_like_a_file and action.nargs != 0:
                assert isinstance(action.type, FileRole), (words, action.option_strings)


# -- a workspace --------------------------------------------------------------------------------
@contextlib.contextmanager
def inside(folder: Path) -> Iterator[None]:
    here = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(here)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` and its bytes (symlinks as where they point)."""
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            files[str(path.relative_to(folder))] = b"-> " + os.readlink(path).encode()
        elif path.is_file():
            files[str(path.relative_to(folder))] = path.read_bytes()
    return files


def argv(
    words: tuple[str, ...], parser: object, given: dict[str, list[str]], extra: list[str]
) -> list[str]:
    """The command line: the command, its file options as ``given`` (by dest), and
    ``extra``; required arguments this test does not know get a plain value."""
    line = [*words]
    for option in file_options(parser):  # type: ignore[arg-type]
        values = given.get(option.dest)
        if not values:
            continue
        if option.flag.startswith("-"):
            for value in values:
                line += [option.flag, value]
        else:
            line += values
    for action in parser._actions:  # type: ignore[attr-defined]
        if isinstance(action.type, FileRole) or action.dest in given:
            continue
        if action.required and not action.option_strings and action.nargs not in ("?", "*"):
            line.append(str(action.choices and next(iter(action.choices)) or "x"))
        elif (
            action.required
            and action.option_strings
            and not set(action.option_strings) & set(extra)
        ):
            line += [action.option_strings[0], "x"]
    return line + extra


def required_inputs(parser: object) -> list[FileOption]:
    """The input options a command needs, and the project table (read when given)."""
    needed = []
    for option in file_options(parser):  # type: ignore[arg-type]
        action = next(a for a in parser._actions if a.dest == option.dest)  # type: ignore[attr-defined]
        positional = not action.option_strings and action.nargs not in ("?", "*")
        if option.role.role == "input" and (positional or action.required or option.dest == "path"):
            needed.append(option)
    return needed


def setup_inputs(
    folder: Path, words: tuple[str, ...], target: FileOption, name: str
) -> tuple[dict[str, list[str]], Path]:
    """Write the command's inputs into ``folder``, the target input as ``name`` (with the
    metadata beside it), and return the options and the target's path."""
    parser = COMMANDS[words]
    given: dict[str, list[str]] = {}
    target_path = folder / name
    for option in [*required_inputs(parser), target]:
        if option.dest in given:
            continue
        if option.dest == target.dest:
            path = target_path
        else:
            path = folder / f"{option.dest}{'.toml' if option.dest == 'files' else '.csv'}"
        path.write_bytes(input_bytes(option.dest, path.suffix))
        if option.dest == "path" and path.suffix != ".toml":
            path.with_suffix(".toml").write_bytes(METADATA)
        given[option.dest] = [str(path)]
    if not target_path.with_suffix(".toml").exists():
        target_path.with_suffix(".toml").write_text('name = "metadata"\n', encoding="utf-8")
    return given, target_path


def spellings(folder: Path, path: Path, suffix: str) -> dict[str, str]:
    """Ways to name ``path`` again: as it is, through a symlink and a hard link (both ending
    in ``suffix``), and spelled another way."""
    (folder / "sub").mkdir(exist_ok=True)
    link, hard = folder / f"link{suffix}", folder / f"hard{suffix}"
    for made in (link, hard):
        if made.exists() or made.is_symlink():
            made.unlink()
    link.symlink_to(path)
    os.link(path, hard)
    return {
        "as given": str(path),
        "symlink": str(link),
        "hard link": str(hard),
        "another spelling": f"./sub/..//{path.name}",
    }


def refused(line: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    code = main(line)
    out, err = capsys.readouterr()
    assert code == 2, (line, out, err)
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    return err


# -- the property: never an input overwritten ---------------------------------------------------
@pytest.mark.parametrize("pair", PAIRS, ids=[_id(p) for p in PAIRS])
def test_an_output_pointed_at_an_input_is_refused_and_nothing_is_written(
    pair: tuple[tuple[str, ...], FileOption, FileOption],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    words, output, target = pair
    suffix = output.role.suffix or ".dat"
    extra = BASELINE.get(words, [])
    given, path = setup_inputs(tmp_path, words, target, f"input{suffix}")
    for how, spelled in spellings(tmp_path, path, suffix).items():
        before = snapshot(tmp_path)
        line = argv(words, COMMANDS[words], {**given, output.dest: [spelled]}, extra)
        with inside(tmp_path):
            err = refused(line, capsys)
        assert REFUSED in err and output.flag in err, (how, err)
        assert snapshot(tmp_path) == before, how


# a database (the plan store) has no metadata beside it: its pairs are the first test's
INPUT_PAIRS = [p for p in PAIRS if p[2].role.role == "input"]


@pytest.mark.parametrize("pair", INPUT_PAIRS, ids=[_id(p) for p in INPUT_PAIRS])
def test_an_output_pointed_at_an_inputs_metadata_is_refused(
    pair: tuple[tuple[str, ...], FileOption, FileOption],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The metadata beside an input (``input.toml`` beside ``input.dat``) is an input too:
    an output that writes it (``--write-portfolio input.csv`` writes ``input.toml``), by any
    name, is refused; an output that cannot be named so is refused by its suffix."""
    words, output, target = pair
    extra = BASELINE.get(words, [])
    given, path = setup_inputs(tmp_path, words, target, "input.dat")
    metadata = path.with_suffix(".toml")
    writes_toml = ".toml" in output.role.companions
    names = {"the metadata itself": str(metadata)}
    if writes_toml:
        (tmp_path / "sub").mkdir()
        (tmp_path / "alias.toml").symlink_to(metadata)
        os.link(metadata, tmp_path / "hard.toml")
        names = {
            "beside it": str(path.with_suffix(output.role.suffix)),
            "symlink": str(tmp_path / f"alias{output.role.suffix}"),
            "hard link": str(tmp_path / f"hard{output.role.suffix}"),
            "another spelling": f"sub/../input{output.role.suffix}",
        }
    for how, spelled in names.items():
        before = snapshot(tmp_path)
        line = argv(words, COMMANDS[words], {**given, output.dest: [spelled]}, extra)
        with inside(tmp_path):
            err = refused(line, capsys)
        if writes_toml:
            assert REFUSED in err and "metadata" in err, (how, err)
        assert snapshot(tmp_path) == before, how


CSV_PAIRS = [p for p in PAIRS if p[1].role.role == "outputs" and p[2].role.role == "input"]


@pytest.fixture(scope="module")
def csv_names(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, ...], list[str]]:
    """The CSV files each command writes into a folder, learnt by running it once."""
    names = {}
    for words in {p[0] for p in CSV_PAIRS}:
        folder = tmp_path_factory.mktemp("learn")
        target = next(p[2] for p in CSV_PAIRS if p[0] == words)
        given, _ = setup_inputs(folder, words, target, f"{target.dest}.csv")
        out = folder / "out"
        line = argv(words, COMMANDS[words], {**given, "csv": [str(out)]}, BASELINE.get(words, []))
        with inside(folder):
            code = main(line)
        assert code in (0, 1), f"capex {' '.join(words)} does not run: give it BASELINE arguments"
        names[words] = sorted(p.name for p in out.iterdir())
    return names


@pytest.mark.slow
@pytest.mark.parametrize("pair", CSV_PAIRS, ids=[_id(p) for p in CSV_PAIRS])
def test_a_csv_folder_whose_files_would_replace_an_input_is_refused(
    pair: tuple[tuple[str, ...], FileOption, FileOption],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    csv_names: dict[tuple[str, ...], list[str]],
) -> None:
    """``--csv DIR`` writes one file per table: an input named as one of them, in DIR, is
    found once the names are known and before any file is written (``reforecast ... --csv .``
    over ``projects.csv``)."""
    words, output, target = pair
    extra = BASELINE.get(words, [])
    folder = tmp_path / "work"
    folder.mkdir()
    name = csv_names[words][-1]
    given, _ = setup_inputs(folder, words, target, name)
    (tmp_path / "linked").symlink_to(folder)
    for how, spelled in {
        "the folder": str(folder),
        "here": ".",
        "a symlink to it": str(tmp_path / "linked"),
        "another spelling": f"{folder}/sub/..",
    }.items():
        (folder / "sub").mkdir(exist_ok=True)
        before = snapshot(tmp_path)
        line = argv(words, COMMANDS[words], {**given, output.dest: [spelled]}, extra)
        with inside(folder):
            code = main(line)
        err = capsys.readouterr().err
        assert code == 2 and REFUSED in err and name in err, (how, err)
        assert snapshot(tmp_path) == before, how


@pytest.mark.slow
@given(
    pair=st.sampled_from(PAIRS),
    steps=st.lists(st.sampled_from(["./", "sub/../", "sub/./../", "/"]), min_size=1, max_size=4),
    absolute=st.booleans(),
)
def test_any_spelling_of_an_input_is_the_input(
    pair: tuple[tuple[str, ...], FileOption, FileOption], steps: list[str], absolute: bool
) -> None:
    """However the path to an input is written (``./``, ``sub/../``, doubled separators,
    absolute or relative), an output that names it is refused and the input is unchanged."""
    import tempfile

    words, output, target = pair
    suffix = output.role.suffix or ".dat"
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        (folder / "sub").mkdir()
        given, path = setup_inputs(folder, words, target, f"input{suffix}")
        spelled = "".join(steps) + path.name  # from the folder: ./sub/..//input.xlsx
        spelled = f"{folder}/{spelled}" if absolute else f"./{spelled}"
        before = snapshot(folder)
        line = argv(
            words, COMMANDS[words], {**given, output.dest: [spelled]}, BASELINE.get(words, [])
        )
        with inside(folder), contextlib.redirect_stdout(io.StringIO()):
            err = io.StringIO()
            with contextlib.redirect_stderr(err):
                code = main(line)
        assert code == 2 and REFUSED in err.getvalue(), (spelled, err.getvalue())
        assert snapshot(folder) == before


def test_a_database_option_is_the_one_file_a_command_may_read_and_write(tmp_path: Path) -> None:
    """How a command that updates a store declares its database (``type=DATABASE_FILE``): the
    store may write it and SQLite's files beside it; no output and no input may be it."""
    import argparse

    from capex.cli.guard import DATABASE_FILE, EXCEL_FILE, INPUT_FILE, guarded
    from capex.io.files import OverwriteError, check_writes

    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=DATABASE_FILE)
    parser.add_argument("--data", type=INPUT_FILE)
    parser.add_argument("--excel", type=EXCEL_FILE)
    database, table = tmp_path / "capex.db", tmp_path / "p.csv"
    table.write_bytes(BUNDLED_CSV.read_bytes())
    with guarded(parser, parser.parse_args(["--db", str(database), "--data", str(table)])):
        check_writes([database, tmp_path / "capex.db-wal", tmp_path / "capex.db-journal"])
        with pytest.raises(OverwriteError, match=r"which this command reads \(--data\)"):
            check_writes([table])
    for line in (
        ["--db", str(database), "--excel", str(database)],
        ["--db", str(table), "--data", str(table)],
    ):
        with pytest.raises(OverwriteError, match=REFUSED), guarded(parser, parser.parse_args(line)):
            pytest.fail("the command must not run")


@pytest.mark.slow
def test_a_clash_found_late_still_leaves_every_file_unwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], csv_names: dict[tuple[str, ...], list[str]]
) -> None:
    """roll-forward writes its next plan itself: a --csv clash known only once the tables are
    named still stops it, and the workbook, before either is written."""
    words = ("roll-forward",)
    target = next(o for o in file_options(COMMANDS[words]) if o.dest == "actuals")
    name = csv_names[words][0]
    given, _ = setup_inputs(tmp_path, words, target, name)
    before = snapshot(tmp_path)
    line = argv(words, COMMANDS[words], given, [])
    line += ["--write-portfolio", "next.csv", "--excel", "hand.xlsx", "--csv", "."]
    with inside(tmp_path):
        err = refused(line, capsys)
    assert REFUSED in err and f"--csv {name}" in err
    assert snapshot(tmp_path) == before  # no next.csv, next.toml nor hand.xlsx
