"""``capex variance``: actual spending against the plan."""

from __future__ import annotations

import argparse
from typing import Any

import capex
from capex.afterlife.variance import GROUPINGS
from capex.cli._base import EXIT_OK
from capex.cli.after_plan import add_actuals, keep_inputs_safe, load_actuals, year_arg
from capex.cli.guard import INPUT_FILE
from capex.cli.options import add_outputs, finish, load, unit_of
from capex.io.texttable import frame_text
from capex.terms import phrase


def add_variance(commands: Any) -> None:
    parser = commands.add_parser(
        "variance",
        help=phrase("help_cmd_variance"),
        description=phrase("help_cmd_variance_about"),
    )
    add_actuals(parser)
    parser.add_argument(
        "--as-of",
        type=year_arg,
        metavar="YEAR",
        help=phrase("help_variance_as_of"),
    )
    parser.add_argument(
        "--plan",
        type=INPUT_FILE,
        metavar="FILE",
        help=phrase("help_variance_plan"),
    )
    parser.add_argument(
        "--plan-unit",
        metavar="UNIT",
        help=phrase("help_variance_plan_unit"),
    )
    parser.add_argument("--profile", default="uniform", help=phrase("help_variance_profile"))
    parser.add_argument("--by", choices=GROUPINGS, help=phrase("help_variance_by"))
    parser.add_argument(
        "--tolerance",
        type=float,
        default=0.05,
        help=phrase("help_variance_tolerance"),
    )
    add_outputs(parser)
    parser.set_defaults(run=_run_variance)


def _run_variance(args: argparse.Namespace) -> int:
    keep_inputs_safe(args, args.excel, args.csv, args.plot)
    portfolio = load(args)
    plan = capex.cash_flow(portfolio, args.profile) if args.plan is None else args.plan
    report = capex.variance(
        plan,
        load_actuals(args),
        portfolio=portfolio,
        as_of=args.as_of,
        before=args.before,
        unit=args.plan_unit,
        profile=args.profile,
        tolerance=args.tolerance,
        lang=args.lang,
    )
    unit = unit_of(args, report.money)
    lines = [report.summary()]
    table = report.by_project(unit, lang=args.lang)
    changed = table[table.iloc[:, 4] != 0] if len(table) else table
    if len(changed):
        lines += ["", frame_text(changed, index=False)]
    if args.by:
        lines += ["", frame_text(report.by(args.by, unit, lang=args.lang), index=False)]
    return finish(args, "\n".join(lines), report, capex.plotting.plot_variance, EXIT_OK)
