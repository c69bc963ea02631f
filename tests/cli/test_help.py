"""``capex --help`` answers from the table of commands, without importing any of them, and
in the language asked for (``--lang zh``, ``$CAPEX_LANG``)."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys

import pytest

import capex
from capex.cli import COMMANDS, build_parser, main
from capex.terms import said, term
from tests.test_chinese_walk import WORD, english_words


def _lines(parser, lang: str = "en") -> dict[str, str]:
    commands = parser._subparsers._group_actions[0]  # argparse keeps no public list
    return {action.dest: said(action.help, lang) for action in commands._choices_actions}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_quick_help_says_what_each_command_says_of_itself(lang: str):
    lines = {name: term(line, lang) for name, (_, _, line) in COMMANDS.items()}
    assert _lines(build_parser(lang=lang), lang) == lines
    assert _lines(build_parser(None, lang=lang), lang) == lines


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


# ---------------------------------------------------------------------------------------
# the help in Chinese: capex --lang zh --help, capex COMMAND --help --lang zh, $CAPEX_LANG
# ---------------------------------------------------------------------------------------
EVERY_HELP = [[], *([name] for name in COMMANDS), ["scenario", "run"]]

HELP_WORDS = frozenset(
    {
        # the program, the formats and suffixes of the files it reads and writes
        "capex",
        *("Excel", "CSV", "TOML", "JSON", "xlsx", "csv", "toml", "json", "png", "pdf", "svg"),
        # products and standards named as they are: the store's engine, the cluster, keys,
        # addresses, encodings (utf-8, gb18030), a fiscal year's name (FY2027)
        *("SQLite", "Dask", "HMAC", "PEM", "Ed", "URL", "utf", "gb", "FY"),
        # values the user types, shown in the examples: spend and month profiles,
        # distributions, the value of a project, the compared base's label, --explain all
        *("uniform", "front", "back", "bell", "curve", "construction", "weights"),
        *("triangular", "pert", "lognormal", "empirical", "discrete", "places", "score"),
        *("base", "all"),
        # keys of the files and lists the user writes: a scenario file's, the budget lines'
        # columns, --published total=...,plan=..., the office's --columns
        *("name", "shifts", "escalation", "ceilings", "ceiling", "scale", "profile", "drop"),
        *("add", "method", "line", "year", "rule", "total", "id", "nature", "period"),
        *("arranged", "this"),
    }
)
"""ASCII words the help may hold in Chinese besides the option names (``--ceiling``), the
choices of every option (``{smooth,peak}``, the command names), environment variables
(``$CAPEX_DB``), addresses (``tcp://host:8786``), capex's own functions
(``capex.read_budget_lines``) and the walk's :data:`ALLOWED` (unit codes such as USD)."""

_TYPED = re.compile(r"(?<![A-Za-z0-9_-])--?[a-z][a-z-]*|\$[A-Z_]+|[a-z]+://\S*|capex\.\w+")


def _choices(parser: argparse.ArgumentParser) -> frozenset[str]:
    words: set[str] = set()
    for action in parser._actions:
        words.update(word for choice in action.choices or () for word in WORD.findall(choice))
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                words |= _choices(command)
    return frozenset(words)


def _help(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


@pytest.fixture(scope="module")
def typed_words() -> frozenset[str]:
    return HELP_WORDS | _choices(build_parser("", lang="zh"))


@pytest.mark.parametrize("command", EVERY_HELP, ids=lambda c: " ".join(c) or "capex")
def test_the_help_in_chinese_holds_no_english_word(
    capsys: pytest.CaptureFixture[str], command: list[str], typed_words: frozenset[str]
) -> None:
    text = _help(capsys, *command, "--help", "--lang", "zh")
    assert text.startswith("用法：capex"), text
    assert "选项：" in text and "显示本帮助并退出" in text, text
    assert english_words(_TYPED.sub(" ", text), also=typed_words) == [], text
    # the flag before the command and --help, and the environment, say the same
    assert _help(capsys, "--lang", "zh", *command, "--help") == text
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CAPEX_LANG", "zh")
        assert _help(capsys, *command, "--help") == text


@pytest.mark.parametrize("command", EVERY_HELP, ids=lambda c: " ".join(c) or "capex")
def test_the_help_in_english_is_as_it_was(
    capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    text = _help(capsys, *command, "--help")
    assert text.startswith("usage: capex"), text
    assert "show this help message and exit" in text
    assert not re.search("用法|选项|显示本帮助", text), text
    # --lang en wins over the environment and over capex.options
    with pytest.MonkeyPatch.context() as patch, capex.option_context("lang", "zh"):
        patch.setenv("CAPEX_LANG", "zh")
        assert _help(capsys, *command, "--help", "--lang", "en") == text


def test_the_help_of_a_command_in_english_word_for_word(capsys: pytest.CaptureFixture[str]):
    text = " ".join(_help(capsys, "spread", "--help").split())
    for sentence in (
        "usage: capex spread [-h] [--sheet SHEET]",
        "positional arguments: PATH project table: an Excel workbook (.xlsx) or a CSV file,",
        "options: -h, --help show this help message and exit",
        "--secondary {smooth,peak} among the closest plans, prefer a smooth or a low-peak one",
        "--time-limit SECONDS time limit of the secondary aim",
        "--profile PROFILE spend profile: uniform, front, back, bell, s-curve(a=2, b=4), ...",
        "saving the result in the plan store: --save NAME also save the result",
    ):
        assert sentence in text


def test_capex_lang_sets_the_language_of_the_run(capsys: pytest.CaptureFixture[str]):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CAPEX_LANG", "zh")
        assert main(["spread", "--ceiling", "2021=十亿"]) == 2
        assert capex.options.lang == "en"  # set for the run only
    assert capsys.readouterr().err.startswith("错误：")


def test_an_unknown_capex_lang_is_a_usage_error(capsys: pytest.CaptureFixture[str]):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CAPEX_LANG", "fr")
        assert main(["--help"]) == 2
    assert "CAPEX_LANG='fr'" in capsys.readouterr().err


def test_capex_alone_prints_the_help_in_its_language(capsys: pytest.CaptureFixture[str]):
    assert main(["--lang", "zh"]) == 2
    assert capsys.readouterr().out.startswith("用法：capex")


@pytest.mark.slow
def test_capex_help_in_chinese_loads_no_pandas():
    code = (
        "import sys\n"
        "from capex.cli import main\n"
        "main(['--help'])\n"
        "print('pandas' in sys.modules, 'numpy' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "CAPEX_LANG": "zh"},
    )
    assert done.stdout.startswith("用法：capex"), done.stdout
    assert done.stdout.strip().endswith("False False")


def test_a_missing_argument_is_named_as_the_help_names_it(capsys: pytest.CaptureFixture[str]):
    assert main(["variance", "--lang", "zh"]) == 2
    assert "缺少必需的参数：实际支出" in capsys.readouterr().err
    assert main(["variance"]) == 2
    assert "the following arguments are required: ACTUALS" in capsys.readouterr().err
