"""``capex --help`` answers from the table of commands, without importing any of them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from capex.cli import COMMANDS, build_parser, main


def _lines(parser) -> dict[str, str]:
    commands = parser._subparsers._group_actions[0]  # argparse keeps no public list
    return {action.dest: action.help for action in commands._choices_actions}


def test_the_quick_help_says_what_each_command_says_of_itself():
    assert _lines(build_parser()) == {name: line for name, (_, _, line) in COMMANDS.items()}


def test_the_quick_help_lists_every_command_in_order(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    positions = [out.index(f"\n    {name}") for name in COMMANDS]
    assert positions == sorted(positions)


def test_a_command_builds_only_itself_and_still_knows_the_others(capsys):
    parser = build_parser("variance")
    assert set(_lines(parser)) == set(COMMANDS)
    assert main(["nonsense"]) == 2
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.slow
def test_capex_help_loads_no_pandas():
    code = (
        "import sys\n"
        "from capex.cli import main\n"
        "main(['--help'])\n"
        "print('pandas' in sys.modules, 'numpy' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().endswith("False False")
