"""``capex template``: an input workbook for a finance officer to fill in."""

from __future__ import annotations

import argparse
from typing import Any

import capex
from capex.cli._base import EXIT_OK, UsageError, lang_default
from capex.cli.guard import EXCEL_FILE, INPUT_FILE
from capex.model.cells import window_of
from capex.terms import phrase, term


# ---------------------------------------------------------------------------------------
# capex template
# ---------------------------------------------------------------------------------------
def add_template(commands: Any) -> None:
    parser = commands.add_parser(
        "template",
        help=phrase("help_cmd_template"),
        description=phrase("help_cmd_template_about"),
    )
    parser.add_argument("path", type=EXCEL_FILE, metavar="FILE", help=phrase("help_template_path"))
    parser.add_argument(
        "--lang",
        choices=("en", "zh"),
        default=lang_default(parser),
        help=phrase("help_template_lang"),
    )
    parser.add_argument(
        "--plan-period",
        metavar="FIRST-LAST",
        help=phrase("help_template_plan_period"),
    )
    parser.add_argument(
        "--unit",
        help=phrase("help_template_unit"),
    )
    parser.add_argument("--force", action="store_true", help=phrase("help_template_force"))
    parser.add_argument(
        "--actuals",
        action="store_true",
        help=phrase("help_template_actuals"),
    )
    parser.add_argument(
        "--data",
        type=INPUT_FILE,
        metavar="PATH",
        help=phrase("help_template_data"),
    )
    parser.add_argument("--encoding", default="utf-8", help=phrase("help_template_encoding"))
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
