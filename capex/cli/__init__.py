"""The ``capex`` command line: reconcile, spread, shift, run and compare scenarios, risk,
and after the plan: variance, re-forecast and roll-forward.

Each sub-command prints a readable table and can write the result to ``--excel``, ``--csv``
and ``--plot`` files, which are written before anything is printed, so that a reader who stops
early (``| head``) still gets them. ``--unit`` changes every amount shown and written,
``--lang zh`` every word. Exit codes: 0 success (for ``reconcile``: the totals reconcile), 1
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
import sys
from collections.abc import Sequence

from capex._version import __version__
from capex.cli._base import EXIT_USAGE, Parser, UsageError, fail, silence_stdout

# Each command: the module that builds its options and runs it, the function that adds it,
# and its line in ``capex --help``. The line is kept here, beside the module's own, so that
# ``capex --help`` answers without importing any command (and so pandas); a test checks that
# the two say the same.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "reconcile": (
        "capex.cli.reconcile",
        "add_reconcile",
        "check a project table against its published totals",
    ),
    "spread": (
        "capex.cli.spread",
        "add_spread",
        "spread the plan investment over the plan years under annual ceilings",
    ),
    "shift": (
        "capex.cli.shift",
        "add_shift",
        "defer project windows so that the plan fits a cut budget",
    ),
    "scenario": ("capex.cli.scenario", "add_scenario", "run a scenario file"),
    "compare": ("capex.cli.scenario", "add_compare", "run scenario files and compare their plans"),
    "variance": (
        "capex.cli.variance",
        "add_variance",
        "compare actual spending with the plan, per project and year",
    ),
    "reforecast": (
        "capex.cli.reforecast",
        "add_reforecast",
        "fix the years to the cut-off at the actuals and forecast the rest",
    ),
    "roll-forward": (
        "capex.cli.rollforward",
        "add_roll_forward",
        "carry the unfinished projects into the next plan, reconciled",
    ),
    "risk": (
        "capex.cli.risk",
        "add_risk",
        "Monte Carlo cost and schedule risk of the plan: P10-P95 per year, P80 reserve",
    ),
    "select": (
        "capex.cli.select",
        "add_select",
        "choose the next plan from a project bank within the ceilings, by value",
    ),
    "template": (
        "capex.cli.template",
        "add_template",
        "write an Excel workbook of projects to fill in",
    ),
    # the budget year in months
    "monthly": (
        "capex.cli.monthly",
        "add_monthly",
        "one budget year of the plan by project and month, under a monthly quota",
    ),
    "execution": (
        "capex.cli.execution",
        "add_execution",
        "payments to date against the year's monthly plan: 支付进度 and 序时进度",
    ),
    "annual-plan": (
        "capex.cli.submissions",
        "add_annual_plan",
        "the year's government investment plan table (年度政府投资计划)",
    ),
    "rolling-plan": (
        "capex.cli.submissions",
        "add_rolling_plan",
        "the three-year medium-term plan (中期财政规划)",
    ),
    # the plan store (capex.store)
    "versions": ("capex.cli.versions", "add_versions", "list the versions in the plan store"),
    "show": (
        "capex.cli.show",
        "add_show",
        "show a version of the plan store, or write it as a workbook to file",
    ),
    "diff": ("capex.cli.diff", "add_diff", "compare two versions of the plan store"),
    "submit": ("capex.cli.approval", "add_submit", "submit a draft version for approval"),
    "approve": (
        "capex.cli.approval",
        "add_approve",
        "approve a submitted version and print its fingerprint (版本指纹)",
    ),
    "history": (
        "capex.cli.history",
        "add_history",
        "one project's total, window and annual amounts across every version",
    ),
    "verify": ("capex.cli.verify", "add_verify", "check that the plan store is as it was saved"),
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
    parser = build_parser(_command_of(arguments))
    try:
        from capex._options import option_context

        # the arguments' own errors (a bad year, a bad amount) are worded while parsing, in
        # the language asked for
        with option_context("lang", _lang_asked(arguments)):
            args = parser.parse_args(arguments)
    except SystemExit as stop:  # --help and --version end here
        return int(stop.code or 0)
    except UsageError as error:
        return fail(str(error), lang=_lang_asked(arguments))
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


def _lang_asked(argv: Sequence[str]) -> str:
    """The language of ``--lang`` among arguments the parser refused (English when absent
    or unknown): the error is said in it."""
    given = list(argv)
    for position, argument in enumerate(given):
        value = None
        if argument == "--lang" and position + 1 < len(given):
            value = given[position + 1]
        elif argument.startswith("--lang="):
            value = argument.partition("=")[2]
        if value in ("en", "zh"):
            return value
    return "en"


def build_parser(only: str | None = "") -> argparse.ArgumentParser:
    """The argument parser of ``capex`` with its sub-commands.

    Parameters
    ----------
    only
        The one command to build in full (its module imported, its options added); the
        others are listed by name and line only, which is all ``capex --help`` shows. ``""``
        (the default) builds every command; ``None`` none.
    """
    parser = Parser(
        prog="capex",
        description=(
            "Time-phased cash-flow plans for public capital programmes: reconcile a project "
            "table with its published totals, spread its investment over the years under "
            "budget ceilings, shift projects to fit a cut budget, compare scenarios, and "
            "measure the plan's cost and schedule risk."
        ),
        epilog=(
            "Run 'capex COMMAND --help' for the options of one command. 'capex' with no "
            "command prints this help and exits 2."
        ),
    )
    parser.add_argument("--version", action="version", version=f"capex {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name, (module, adder, line) in COMMANDS.items():
        if only == "" or name == only:
            getattr(importlib.import_module(module), adder)(commands)
        else:
            commands.add_parser(name, help=line)
    return parser


def _command_of(arguments: list[str]) -> str | None:
    """The command named in ``arguments`` (the first word that is not an option), or None
    when none is (``capex``, ``capex --help``, ``capex --version``)."""
    for word in arguments:
        if not word.startswith("-"):
            return word if word in COMMANDS else ""
    return None
