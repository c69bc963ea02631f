"""``capex execution``: payments to date against the year's monthly plan (支付进度, 序时进度)."""

from __future__ import annotations

import argparse
from typing import Any

import capex
from capex.afterlife.execution import LEFT_OUT_POLICIES
from capex.cli._base import EXIT_OK
from capex.cli.guard import INPUT_FILE
from capex.cli.monthly import add_months, add_plan, keep_inputs_safe, monthly_of
from capex.cli.options import SHEET_HELP, add_outputs, finish, sheet_argument, unit_of
from capex.model.budget_year import ELAPSED_BY
from capex.terms import phrase


def add_execution(commands: Any) -> None:
    parser = commands.add_parser(
        "execution",
        help=phrase("help_cmd_execution"),
        description=phrase("help_cmd_execution_about"),
    )
    parser.add_argument(
        "payments", type=INPUT_FILE, metavar="PAYMENTS", help=phrase("help_execution_payments")
    )
    parser.add_argument(
        "--as-of", required=True, metavar="DATE", help=phrase("help_execution_as_of")
    )
    parser.add_argument(
        "--by",
        choices=ELAPSED_BY,
        default="months",
        help=phrase("help_execution_by"),
    )
    parser.add_argument(
        "--tolerance",
        type=float,
        default=5.0,
        metavar="POINTS",
        help=phrase("help_execution_tolerance"),
    )
    parser.add_argument(
        "--payments-unit",
        metavar="UNIT",
        help=phrase("help_execution_payments_unit"),
    )
    parser.add_argument(
        "--payments-sheet", metavar="SHEET", help=phrase("help_sheet_payments", sheet=SHEET_HELP)
    )
    parser.add_argument(
        "--unknown",
        choices=LEFT_OUT_POLICIES,
        default="error",
        help=phrase("help_execution_unknown"),
    )
    parser.add_argument(
        "--outside",
        choices=LEFT_OUT_POLICIES,
        default="error",
        help=phrase("help_execution_outside"),
    )
    add_plan(parser)
    add_months(parser)
    add_outputs(parser)
    parser.set_defaults(run=_run_execution)


def _run_execution(args: argparse.Namespace) -> int:
    keep_inputs_safe(args)
    months, _ = monthly_of(args)
    payments = capex.load_payments(
        args.payments,
        unit=args.payments_unit,
        sheet=sheet_argument(args.payments_sheet),
        encoding=args.encoding,
    )
    report = capex.execution(
        months,
        payments,
        args.as_of,
        by=args.by,
        tolerance=args.tolerance,
        unknown=args.unknown,
        outside=args.outside,
        lang=args.lang,
    )
    unit = unit_of(args, report.money)

    def draw(result: Any) -> Any:
        return capex.plotting.plot_execution(result, unit=unit, lang=args.lang)

    return finish(args, report.summary(unit, lang=args.lang), report, draw, EXIT_OK)
