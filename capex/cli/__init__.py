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
    capex select bank.xlsx --ceiling 8 --value 学位 --envelope 40 --excel 遴选.xlsx --lang zh
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

from capex._version import __version__
from capex.cli._base import (
    EXIT_USAGE,
    Parser,
    UsageError,
    fail,
    said_error,
    silence_stdout,
    warnings_said,
)
from capex.cli.approval import add_approve, add_submit
from capex.cli.diff import add_diff
from capex.cli.execution import add_execution
from capex.cli.guard import guarded
from capex.cli.history import add_history
from capex.cli.monthly import add_monthly
from capex.cli.options import check_output_names
from capex.cli.reconcile import add_reconcile
from capex.cli.reforecast import add_reforecast
from capex.cli.risk import add_risk
from capex.cli.rollforward import add_roll_forward
from capex.cli.scenario import add_compare, add_scenario
from capex.cli.select import add_select
from capex.cli.shift import add_shift
from capex.cli.show import add_show
from capex.cli.spread import add_spread
from capex.cli.submissions import add_annual_plan, add_rolling_plan
from capex.cli.template import add_template
from capex.cli.variance import add_variance
from capex.cli.verify import add_verify
from capex.cli.versions import add_versions
from capex.errors import CapexError


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
    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as stop:  # --help and --version end here
        return int(stop.code or 0)
    except UsageError as error:
        return fail(str(error), lang=_lang_asked(argv))
    if not getattr(args, "run", None):
        parser.print_help()  # no command: the help, and the exit code of a usage error
        return EXIT_USAGE
    try:
        # no output over an input, checked before any work (a store a command would save in
        # is not even opened before); warnings about the files read
        with guarded(parser, args), warnings_said(args.command):
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
        return fail(f"capex {args.command}: {error}", lang=getattr(args, "lang", "en") or "en")
    except KeyboardInterrupt:
        return fail("capex: interrupted", code=130)


def _lang_asked(argv: Sequence[str] | None) -> str:
    """The language of ``--lang`` among arguments the parser refused (English when absent
    or unknown): the error is said in it."""
    given = list(sys.argv[1:] if argv is None else argv)
    for position, argument in enumerate(given):
        value = None
        if argument == "--lang" and position + 1 < len(given):
            value = given[position + 1]
        elif argument.startswith("--lang="):
            value = argument.partition("=")[2]
        if value in ("en", "zh"):
            return value
    return "en"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``capex`` with its sub-commands."""
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
    for add in _COMMANDS:
        add(commands)
    return parser


_COMMANDS: list[Callable[[Any], None]] = [
    add_reconcile,
    add_spread,
    add_shift,
    add_scenario,
    add_compare,
    add_variance,
    add_reforecast,
    add_roll_forward,
    add_risk,
    add_select,
    add_template,
    # the budget year in months
    add_monthly,
    add_execution,
    add_annual_plan,
    add_rolling_plan,
    # the plan store (capex.store)
    add_versions,
    add_show,
    add_diff,
    add_submit,
    add_approve,
    add_history,
    add_verify,
]
