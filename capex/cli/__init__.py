"""The ``capex`` command line: reconcile, spread, shift, run and compare scenarios, risk,
and after the plan: variance, re-forecast and roll-forward.

Each sub-command prints a readable table and can write the result to ``--excel``, ``--csv``
and ``--plot`` files, which are written before anything is printed, so that a reader who stops
early (``| head``) still gets them. ``--unit`` changes every amount shown and written,
``--lang zh`` every word, the help's too (``capex --lang zh --help``, ``capex spread --help
--lang zh``). The environment variable ``CAPEX_LANG`` (``en`` or ``zh``) sets
``capex.options.lang`` for the command line: ``CAPEX_LANG=zh capex --help`` answers in Chinese,
and ``--lang`` still wins over it. Exit codes: 0 success (for ``reconcile``: the totals reconcile), 1
the run worked but the answer is "no" (totals differ, no plan fits the ceilings), 2 bad
arguments or bad input, reported in one line on stderr without a traceback, in the command
line's own flags. ``capex`` with no command prints this help on stdout and exits 2.

Examples
--------
::

    capex reconcile                       # the bundled Yuecheng projects
    capex template projects.xlsx --lang zh   # a workbook to fill in
    capex reconcile projects.xlsx --sheet 项目表
    capex reconcile my_projects.csv --unit 万元 --excel reconciliation.xlsx
    capex spread --ceiling 2021=11 --ceiling 2022=10 --csv plan.csv
    capex shift --ceiling 2021=11 --ceiling 2022=10 --cut 0.1 --max-delay 2 --plot gantt.png
    capex scenario run later.toml --excel later.xlsx
    capex scenario run *.toml --workers 4
    capex compare --base later.toml cut.toml --plot comparison.png
    capex variance actuals.csv --lang zh --excel variance.xlsx
    capex reforecast actuals.csv --as-of 2024 --ceiling 2025=12 --plot forecast.png
    capex roll-forward actuals.csv --next 2026-2030 --write-portfolio next.csv
    capex risk --draws 10000 --cost "triangular(-0.05, 0.05, 0.4)" --ceiling 11 --plot fan.png
    capex select bank.xlsx --ceiling 8 --value 学位 --envelope 40 --excel 遴选.xlsx --lang zh
    capex monthly --year 2023 --months construction --quota 6000 --plot months.png
    capex execution payments.xlsx --year 2023 --as-of 2023-09-30 --lang zh
    capex annual-plan --year 2023 --lang zh --excel 年度计划.xlsx
    capex rolling-plan --first-year 2023 --lang zh --excel 中期规划.xlsx
    capex spread --ceiling 2027=12 --save 2027年初预算 --stage 年初预算   # filed in capex.db
    capex versions
    capex submit 2027年初预算 --by 王芳
    capex approve 2027年初预算 --by 李强          # prints the fingerprint (版本指纹)
    capex diff 2027年初预算 2027调整预算 --lang zh
    capex verify --anchor 3f2a-9c1b-04de-77aa
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from capex._version import __version__
from capex.cli._base import EXIT_USAGE, Parser, UsageError, fail, silence_stdout

# Each command: the module that builds its options and runs it, the function that adds it,
# and the term of its line in ``capex --help``. The line is named here, beside the module's
# own, so that ``capex --help`` answers without importing any command (and so pandas); a
# test checks that the two say the same.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "reconcile": (
        "capex.cli.reconcile",
        "add_reconcile",
        "help_cmd_reconcile",
    ),
    "spread": (
        "capex.cli.spread",
        "add_spread",
        "help_cmd_spread",
    ),
    "shift": (
        "capex.cli.shift",
        "add_shift",
        "help_cmd_shift",
    ),
    "scenario": ("capex.cli.scenario", "add_scenario", "help_cmd_scenario"),
    "compare": ("capex.cli.scenario", "add_compare", "help_cmd_compare"),
    "variance": (
        "capex.cli.variance",
        "add_variance",
        "help_cmd_variance",
    ),
    "reforecast": (
        "capex.cli.reforecast",
        "add_reforecast",
        "help_cmd_reforecast",
    ),
    "roll-forward": (
        "capex.cli.rollforward",
        "add_roll_forward",
        "help_cmd_roll_forward",
    ),
    "risk": (
        "capex.cli.risk",
        "add_risk",
        "help_cmd_risk",
    ),
    "select": (
        "capex.cli.select",
        "add_select",
        "help_cmd_select",
    ),
    "template": (
        "capex.cli.template",
        "add_template",
        "help_cmd_template",
    ),
    # the budget year in months
    "monthly": (
        "capex.cli.monthly",
        "add_monthly",
        "help_cmd_monthly",
    ),
    "execution": (
        "capex.cli.execution",
        "add_execution",
        "help_cmd_execution",
    ),
    "annual-plan": (
        "capex.cli.submissions",
        "add_annual_plan",
        "help_cmd_annual_plan",
    ),
    "rolling-plan": (
        "capex.cli.submissions",
        "add_rolling_plan",
        "help_cmd_rolling_plan",
    ),
    # the plan store (capex.store)
    "versions": ("capex.cli.versions", "add_versions", "help_cmd_versions"),
    "show": (
        "capex.cli.show",
        "add_show",
        "help_cmd_show",
    ),
    "diff": ("capex.cli.diff", "add_diff", "help_cmd_diff"),
    "submit": ("capex.cli.approval", "add_submit", "help_cmd_submit"),
    "approve": (
        "capex.cli.approval",
        "add_approve",
        "help_cmd_approve",
    ),
    "history": (
        "capex.cli.history",
        "add_history",
        "help_cmd_history",
    ),
    "verify": ("capex.cli.verify", "add_verify", "help_cmd_verify"),
}


# ---------------------------------------------------------------------------------------
# entry point
# ---------------------------------------------------------------------------------------
def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``capex`` command line and return its exit code.

    Parameters
    ----------
    argv
        The arguments after the program name; ``sys.argv[1:]`` when None.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        lang = _lang_chosen(arguments)
    except UsageError as error:
        return fail(str(error))
    from capex._options import option_context

    with option_context("lang", lang):
        return _main(arguments, lang)


def _main(arguments: list[str], lang: str) -> int:
    parser = build_parser(_command_of(arguments), lang=lang)
    try:
        # the arguments' own errors (a bad year, a bad amount) are worded while parsing, in
        # the language chosen (main has set it as the option)
        args = parser.parse_args(arguments)
    except SystemExit as stop:  # --help and --version end here
        return int(stop.code or 0)
    except UsageError as error:
        return fail(str(error), lang=lang)
    if not getattr(args, "run", None):
        parser.print_help()  # no command: the help, and the exit code of a usage error
        return EXIT_USAGE
    from capex.cli._base import said_error, warnings_said
    from capex.cli.guard import guarded
    from capex.cli.options import check_output_names
    from capex.errors import CapexError

    try:
        # no output over an input, checked before any work (a store a command would save in
        # is not even opened before); warnings about the files read
        with (
            guarded(parser, args),
            warnings_said(args.command, getattr(args, "lang", None) or "en"),
        ):
            check_output_names(args)
            return int(args.run(args))
    except BrokenPipeError:
        # printing outside capex's own say() met a reader that had gone (``| head``): the
        # files are written before anything is printed; say nothing more
        silence_stdout()
        return EXIT_USAGE
    except CapexError as error:  # a usage error too
        lang = getattr(args, "lang", "en") or "en"
        return fail(f"capex {args.command}: {said_error(error, lang)}", lang=lang)
    except (OSError, ValueError) as error:
        # a file that cannot be read or written, a value capex could not take: still one line
        lang = getattr(args, "lang", "en") or "en"
        return fail(f"capex {args.command}: {said_error(error, lang)}", lang=lang)
    except KeyboardInterrupt:
        from capex.terms import phrase

        return fail(phrase("err_cli_interrupted"), code=130)


ENVIRONMENT_LANG = "CAPEX_LANG"
"""The environment variable that sets ``capex.options.lang`` for the command line."""


def _lang_chosen(argv: Sequence[str]) -> str:
    """The language the command line speaks, known before its parser is built (its help is
    said in it): ``--lang`` among the arguments (before or after the command and ``--help``),
    else ``$CAPEX_LANG``, else ``capex.options.lang``. An unknown ``--lang`` is left to the
    parser to refuse; an unknown ``$CAPEX_LANG`` is a usage error."""
    from capex._options import LANGS, options

    given = list(argv)
    for position, argument in enumerate(given):
        value = None
        if argument == "--lang" and position + 1 < len(given):
            value = given[position + 1]
        elif argument.startswith("--lang="):
            value = argument.partition("=")[2]
        if value in LANGS:
            return value
    value = os.environ.get(ENVIRONMENT_LANG, "").strip()
    if value and value not in LANGS:
        from capex.terms import phrase

        raise UsageError(
            phrase(
                "err_cli_environment_lang",
                name=ENVIRONMENT_LANG,
                value=repr(value),
                langs=", ".join(LANGS),
            )
        )
    return value or options.lang


def build_parser(only: str | None = "", lang: str = "en") -> argparse.ArgumentParser:
    """The argument parser of ``capex`` with its sub-commands.

    Parameters
    ----------
    only
        The one command to build in full (its module imported, its options added); the
        others are listed by name and line only, which is all ``capex --help`` shows. ``""``
        (the default) builds every command; ``None`` none.
    lang
        The language of its help (and the default of the commands' ``--lang``).
    """
    from capex._options import LANGS
    from capex.terms import phrase

    parser = Parser(
        prog="capex",
        description=phrase("help_capex_about"),
        epilog=phrase("help_capex_epilog"),
        lang=lang,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"capex {__version__}",
        help=phrase("help_version"),
    )
    parser.add_argument(
        "--lang",
        choices=LANGS,
        default=lang,
        help=phrase("help_capex_lang", variable=ENVIRONMENT_LANG),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name, (module, adder, line) in COMMANDS.items():
        if only == "" or name == only:
            getattr(importlib.import_module(module), adder)(commands)
        else:
            commands.add_parser(name, help=phrase(line))
    return parser


def _command_of(arguments: list[str]) -> str | None:
    """The command named in ``arguments`` (the first word that is not an option), or None
    when none is (``capex``, ``capex --help``, ``capex --lang zh --help``)."""
    for position, word in enumerate(arguments):
        if position and arguments[position - 1] == "--lang":
            continue  # the language, asked for before the command
        if not word.startswith("-"):
            return word if word in COMMANDS else ""
    return None
