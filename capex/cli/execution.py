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


def add_execution(commands: Any) -> None:
    parser = commands.add_parser(
        "execution",
        help="payments to date against the year's monthly plan: 支付进度 and 序时进度",
        description=(
            "Read the dated payments in PAYMENTS (a treasury payment-voucher list, CSV or "
            ".xlsx: 支付凭证号, 支付日期, 项目代码/项目名称, 支付金额 ...) and set them against "
            "the year's monthly plan (made as 'capex monthly' makes it) up to --as-of: per "
            "project, per quota line and in total, the year's plan, paid to date, 支付进度, "
            "序时进度 and the difference in points, with findings. Payments are cash paid, "
            "not work done. Exit code 0, or 2 for bad arguments or data."
        ),
    )
    parser.add_argument(
        "payments", type=INPUT_FILE, metavar="PAYMENTS", help="the payments: CSV or .xlsx"
    )
    parser.add_argument(
        "--as-of", required=True, metavar="DATE", help="the last day counted, e.g. 2027-09-30"
    )
    parser.add_argument(
        "--by",
        choices=ELAPSED_BY,
        default="months",
        help="序时进度 by whole months (default) or by days",
    )
    parser.add_argument(
        "--tolerance",
        type=float,
        default=5.0,
        metavar="POINTS",
        help="points behind 序时进度 beyond which a project is a finding (default 5)",
    )
    parser.add_argument(
        "--payments-unit",
        metavar="UNIT",
        help="unit of the payment amounts (by default their heading's, else 元)",
    )
    parser.add_argument(
        "--payments-sheet", metavar="SHEET", help=f"for a workbook of payments, {SHEET_HELP}"
    )
    parser.add_argument(
        "--unknown",
        choices=LEFT_OUT_POLICIES,
        default="error",
        help="a payment for a project outside the plan: an error (default) or a finding",
    )
    parser.add_argument(
        "--outside",
        choices=LEFT_OUT_POLICIES,
        default="error",
        help="a payment dated outside the year: an error (default) or a finding",
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
