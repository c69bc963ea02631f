"""``capex template``: an input workbook for a finance officer to fill in."""

from __future__ import annotations

import argparse
from typing import Any

import capex
from capex.cli._base import EXIT_OK, UsageError
from capex.cli.guard import EXCEL_FILE, INPUT_FILE
from capex.model.cells import window_of
from capex.terms import phrase, term


# ---------------------------------------------------------------------------------------
# capex template
# ---------------------------------------------------------------------------------------
def add_template(commands: Any) -> None:
    parser = commands.add_parser(
        "template",
        help="write an Excel workbook of projects to fill in",
        description=(
            "Write an input workbook: the headings (English, or Chinese with --lang zh), a note "
            "of units, data validation (years, 是/否), one example row and frozen headings. "
            "Fill it in, then read it with 'capex reconcile FILE'. An existing file is never "
            "replaced unless --force is given."
        ),
    )
    parser.add_argument(
        "path", type=EXCEL_FILE, metavar="FILE", help="the workbook to write (.xlsx)"
    )
    parser.add_argument(
        "--lang", choices=("en", "zh"), default="en", help="language of the headings (en or zh)"
    )
    parser.add_argument(
        "--plan-period",
        metavar="FIRST-LAST",
        help="the plan period the plan-investment heading names (default 2021-2025); with "
        "--actuals, the years of the ledger's columns (default: the projects' plan period)",
    )
    parser.add_argument(
        "--unit",
        help="unit of the amount columns: 亿元 (default; 万元 for --actuals), 万元, 元, USD ...",
    )
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    parser.add_argument(
        "--actuals",
        action="store_true",
        help="write a spending ledger to fill in instead: a row per project of --data (the "
        "bundled projects by default), a column per year of --plan-period and a status "
        "column; read it with 'capex variance FILE' (unit: --unit, default 万元 for it)",
    )
    parser.add_argument(
        "--data",
        type=INPUT_FILE,
        metavar="PATH",
        help="with --actuals: the project table whose projects the ledger lists",
    )
    parser.add_argument(
        "--encoding", default="utf-8", help="text encoding of a CSV --data file (utf-8)"
    )
    parser.set_defaults(run=_run_template)


def _run_template(args: argparse.Namespace) -> int:
    args.unit_default = args.unit is None
    args.unit = args.unit or "亿元"
    try:
        period = window_of(args.plan_period) if args.plan_period else None
    except ValueError as error:
        raise UsageError(phrase("err_cli_plan_period", error=error)) from None
    if args.actuals:
        portfolio = None
        if args.data:
            portfolio = capex.load_projects(args.data, encoding=args.encoding)
        unit = "万元" if args.unit_default else args.unit
        path = capex.io.write_actuals_template(
            args.path, portfolio, years=period, lang=args.lang, unit=unit, overwrite=args.force
        )
    else:
        path = capex.write_template(
            args.path,
            lang=args.lang,
            plan_period=period or (2021, 2025),
            unit=args.unit,
            overwrite=args.force,
        )
    print(term("wrote", args.lang, path=path))
    return EXIT_OK
