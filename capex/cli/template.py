"""``capex template``: an input workbook for a finance officer to fill in."""

from __future__ import annotations

import argparse
from typing import Any

import capex
from capex.cli._base import EXIT_OK, UsageError
from capex.cli.guard import EXCEL_FILE
from capex.io.cells import window_of


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
        default="2021-2025",
        metavar="FIRST-LAST",
        help="the plan period the plan-investment heading names (default 2021-2025)",
    )
    parser.add_argument(
        "--unit",
        default="亿元",
        help="unit of the amount columns: 亿元 (default), 万元, 元, USD ...",
    )
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    parser.set_defaults(run=_run_template)


def _run_template(args: argparse.Namespace) -> int:
    try:
        period = window_of(args.plan_period)
    except ValueError as error:
        raise UsageError(f"--plan-period: {error}") from None
    path = capex.write_template(
        args.path, lang=args.lang, plan_period=period, unit=args.unit, overwrite=args.force
    )
    print(f"wrote {path}")
    return EXIT_OK
