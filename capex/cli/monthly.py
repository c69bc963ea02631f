"""``capex monthly``: one budget year of the plan by project and month (分月用款计划), and the
plan and month options that ``capex execution``, ``capex annual-plan`` and ``capex rolling-plan``
share."""

from __future__ import annotations

import argparse
import dataclasses
from decimal import Decimal
from typing import Any

import capex
from capex.cli._base import EXIT_NO, EXIT_OK, UsageError
from capex.cli.guard import check_outputs
from capex.cli.options import (
    add_ceilings,
    add_data,
    add_outputs,
    ceilings_of,
    finish,
    keyed_amount,
    load,
    sheet_of,
    unit_of,
)
from capex.model.ids import normalize_id
from capex.terms import phrase

# ---------------------------------------------------------------------------------------
# the plan: a project table (its cash flow, or spread under ceilings) or a phased table
# ---------------------------------------------------------------------------------------


def add_plan(parser: argparse.ArgumentParser) -> None:
    """The project table and how its plan is made: its own cash flow under --profile, spread
    under --ceiling or --budget-lines, or a phased table read as it is (--phased)."""
    add_data(parser)
    add_ceilings(parser)
    parser.add_argument(
        "--phased",
        action="store_true",
        help=phrase("help_plan_phased"),
    )


def plan_of(args: argparse.Namespace) -> tuple[Any, Any]:
    """The plan the options ask for, and the projects (a portfolio) it is of."""
    if args.phased:
        if args.path is None:
            raise UsageError(phrase("err_cli_phased_needs_table"))
        baseline = capex.load_phased(
            args.path,
            sheet=sheet_of(args),
            encoding=args.encoding,
            plan_period=args.plan_period,
            fiscal_year_start=args.fiscal_year_start,
            fiscal_year_naming=args.fiscal_year_naming,
        )
        if args.sources:  # the phased plan's projects with their sources from a long table
            portfolio = baseline.portfolio
            sources = capex.load_sources(args.sources, portfolio, encoding=args.encoding)
            baseline = dataclasses.replace(baseline, portfolio=portfolio.replace(sources=sources))
        return baseline, baseline.portfolio
    portfolio = load(args)
    ceilings = ceilings_of(args, portfolio)
    if ceilings is None:
        return capex.cash_flow(portfolio, args.profile), portfolio
    return capex.spread(portfolio, ceilings, args.profile), portfolio


# ---------------------------------------------------------------------------------------
# the months: profile, quota, start and finish months
# ---------------------------------------------------------------------------------------
def month_amount_arg(text: str) -> tuple[int | None, Decimal]:
    """``3=0.5`` -> ``(3, Decimal("0.5"))``; a bare ``0.5`` -> ``(None, ...)`` (every month)."""
    month, amount = keyed_amount(
        text,
        phrase("err_cli_expected_month_amount", text=repr(text)),
        phrase("err_cli_quota_amount", text=repr(text)),
    )
    if not month.strip():
        return None, amount
    try:
        number = int(month)
    except ValueError:
        raise argparse.ArgumentTypeError(
            phrase("err_cli_not_a_month", text=repr(text), month=repr(month))
        ) from None
    if not 1 <= number <= 12:
        raise argparse.ArgumentTypeError(
            phrase("err_cli_not_a_month", text=repr(text), month=repr(month))
        )
    return number, amount


def project_month_arg(text: str) -> tuple[Any, int]:
    """``20=3`` -> ``(20, 3)``: a project id and a month."""
    pid, sep, month = text.partition("=")
    try:
        number = int(month)
    except ValueError:
        number = 0
    if not sep or not pid.strip() or not 1 <= number <= 12:
        raise argparse.ArgumentTypeError(phrase("err_cli_expected_id_month", text=repr(text)))
    return normalize_id(pid), number


def add_months(parser: argparse.ArgumentParser) -> None:
    """The year, the month profile, the quota and the projects' months."""
    parser.add_argument("--year", type=int, required=True, help=phrase("help_months_year"))
    parser.add_argument(
        "--months",
        default="uniform",
        metavar="PROFILE",
        help=phrase("help_months_months"),
    )
    parser.add_argument(
        "--quota",
        type=month_amount_arg,
        action="append",
        metavar="[MONTH=]AMOUNT",
        help=phrase("help_months_quota"),
    )
    parser.add_argument(
        "--quota-unit",
        default="万元",
        help=phrase("help_months_quota_unit"),
    )
    parser.add_argument(
        "--start-month",
        type=project_month_arg,
        action="append",
        metavar="ID=MONTH",
        help=phrase("help_months_start_month"),
    )
    parser.add_argument(
        "--finish-month",
        type=project_month_arg,
        action="append",
        metavar="ID=MONTH",
        help=phrase("help_months_finish_month"),
    )


def quota_of(args: argparse.Namespace) -> Any:
    """The --quota given: None, one amount, or ``{month: amount}``."""
    if not args.quota:
        return None
    flat = [value for month, value in args.quota if month is None]
    monthly = {month: value for month, value in args.quota if month is not None}
    if flat and (monthly or len(flat) > 1):
        raise UsageError(phrase("err_cli_quota_one_or_months"))
    if flat:
        return flat[0]
    months = [month for month, _ in args.quota]
    repeated = sorted({m for m in months if months.count(m) > 1})
    if repeated:
        raise UsageError(phrase("err_cli_quota_twice", repeated=repeated[0]))
    return monthly


def monthly_of(args: argparse.Namespace) -> tuple[Any, Any]:
    """The monthly plan the options ask for, and the portfolio."""
    plan, portfolio = plan_of(args)
    months = capex.monthly(
        plan,
        args.year,
        profile=args.months,
        quota=quota_of(args),
        unit=args.quota_unit,
        start_month=dict(args.start_month or []),
        finish_month=dict(args.finish_month or []),
        portfolio=portfolio,
        lang=args.lang,
    )
    return months, portfolio


def keep_inputs_safe(args: argparse.Namespace) -> None:
    """Refuse an output that would overwrite an input. Every command is guarded so already
    (:mod:`capex.cli.guard`); this checks the outputs once more, by file identity."""
    outputs = (args.excel, args.csv, getattr(args, "plot", None))
    check_outputs((output, "output") for output in outputs if output)


# ---------------------------------------------------------------------------------------
# capex monthly
# ---------------------------------------------------------------------------------------
def add_monthly(commands: Any) -> None:
    parser = commands.add_parser(
        "monthly",
        help=phrase("help_cmd_monthly"),
        description=phrase("help_cmd_monthly_about"),
    )
    add_plan(parser)
    add_months(parser)
    add_outputs(parser)
    parser.set_defaults(run=_run_monthly)


def _run_monthly(args: argparse.Namespace) -> int:
    keep_inputs_safe(args)
    months, _ = monthly_of(args)
    unit = unit_of(args, months.money)
    lines = [months.summary(unit, lang=args.lang), ""]
    from capex.io.texttable import frame_text

    lines.append(frame_text(months.with_names(unit, lang=args.lang)))
    if months.sources is not None:  # the months by funding source
        lines += ["", months.summary(unit, lang=args.lang, by="source")]

    def draw(plan: Any) -> Any:
        return capex.plotting.plot_monthly(plan, unit=unit, lang=args.lang)

    return finish(args, "\n".join(lines), months, draw, EXIT_OK if months.ok else EXIT_NO)
