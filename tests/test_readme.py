"""The README's commands run as written, from the root of a copy of the repository, and what
they show is what capex prints; its examples are the files in ``examples/``."""

from __future__ import annotations

import glob
import re
import shlex
import shutil
from pathlib import Path

import pytest

from capex.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _blocks(kind: str) -> list[str]:
    return [body for tag, body in BLOCK.findall(README.read_text(encoding="utf-8")) if tag == kind]


def _commands() -> list[str]:
    """The ``capex ...`` lines of the README's plain blocks, continued lines joined."""
    lines = [body.replace("\\\n", " ") for body in _blocks("")]
    return [
        " ".join(line.split())
        for body in lines
        for line in body.splitlines()
        if line.startswith("capex ")
    ]


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's README and examples, as the working folder."""
    shutil.copy(README, tmp_path / "README.md")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CAPEX_PROGRESS", "0")
    return tmp_path


def test_the_readme_has_its_commands() -> None:
    commands = _commands()
    assert "capex reconcile" in commands
    assert any("examples/lines.csv" in c for c in commands)
    assert len(commands) >= 7


@pytest.mark.slow
@pytest.mark.parametrize("command", _commands())
def test_every_readme_command_runs_as_written(
    command: str, checkout: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = shlex.split(command, comments=True)
    assert args[0] == "capex"
    # the shell expands a pattern before capex sees it
    args = [hit for arg in args for hit in (sorted(glob.glob(arg)) if "*" in arg else [arg])]
    code = main(args[1:])
    out, err = capsys.readouterr()
    # 1 is an answer ("does not fit", "not P80-safe"), which the README says where it expects it
    assert code == 0 or (code == 1 and "exit 1" in command), (command, err)
    for flag in ("--excel", "--plot", "--csv"):
        if flag in args:
            written = checkout / args[args.index(flag) + 1]
            assert written.exists(), (command, written)
            assert f"{written.name}" in out


def test_the_main_commands_output_is_what_the_readme_shows(
    checkout: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = README.read_text(encoding="utf-8")
    shown = text.split("prints (abridged):\n\n```\n", 1)[1].split("```", 1)[0]
    assert main(["reconcile"]) == 0
    printed = capsys.readouterr().out.splitlines()
    for line in shown.splitlines():
        if line.strip() and line != "...":
            assert line in printed, line


@pytest.mark.slow
def test_the_readmes_python_runs_in_one_session(checkout: Path) -> None:
    blocks = _blocks("python")
    assert blocks
    session: dict[str, object] = {}  # a reader runs the blocks one after the other
    for code in blocks:
        exec(compile(code, "README.md", "exec"), session)  # noqa: S102 - the README's own code


def test_the_scenario_file_shown_is_the_example() -> None:
    (toml,) = _blocks("toml")
    assert toml == (ROOT / "examples" / "later.toml").read_text(encoding="utf-8")


def test_every_example_file_is_used_by_a_command() -> None:
    commands = " ".join(_commands())
    readme = README.read_text(encoding="utf-8")
    for path in sorted((ROOT / "examples").iterdir()):
        if path.suffix == ".py":  # the program that made a data file: named in the text
            assert path.name in readme, path.name
        else:
            hit = f"examples/{path.name}" in commands or f"examples/*{path.suffix}" in commands
            assert hit, path.name


def test_ci_runs_exactly_the_readmes_setup_and_main_command() -> None:
    setup = _blocks("")[0].strip().splitlines()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = ci.split("# --- the README's commands, exactly ---\n", 1)[1].strip().splitlines()
    assert commands == [*setup, "capex reconcile"]
