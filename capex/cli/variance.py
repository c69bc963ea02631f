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


def add_variance(commands: Any) -> None:
    parser = commands.add_parser(
        "variance",
        help="compare actual spending with the plan, per project and year",
        description=(
            "Compare the actual spending in ACTUALS with the approved plan (--plan: a spread or "
            "phased workbook, or a result capex saved; else the projects' own cash flow under "
            "--profile) up to the cut-off year: planned, actual, difference and percentage "
            "per year and project, and findings (over the total, slipping, not started, "
            "finished early). The years before the ledger's first count by --before, and the "
            "report says how in one line. Exit code 0, or 2 for bad arguments or data."
        ),
    )
    add_actuals(parser)
    parser.add_argument(
        "--as-of",
        type=year_arg,
        metavar="YEAR",
        help="last year compared (default: the last year the ledger covers)",
    )
    parser.add_argument(
        "--plan",
        type=INPUT_FILE,
        metavar="FILE",
        help="the approved plan: a workbook or CSV that capex wrote for a plan (its cash flow "
        "over every year is read), or a phased table (one column per year)",
    )
    parser.add_argument(
        "--plan-unit",
        metavar="UNIT",
        help="unit of the plan file's amounts whose headings name none (default 万元)",
    )
    parser.add_argument(
        "--profile", default="uniform", help="spend profile of the plan (default: uniform)"
    )
    parser.add_argument("--by", choices=GROUPINGS, help="also total the variance by this")
    parser.add_argument(
        "--tolerance",
        type=float,
        default=0.05,
        help="share of the planned amount within which spending is on plan (default 0.05)",
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
