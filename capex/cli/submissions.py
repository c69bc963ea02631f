"""``capex annual-plan`` and ``capex rolling-plan``: the plans a finance office files, made from
the plan, with totals rows that reconcile exactly."""

from __future__ import annotations

import argparse
from typing import Any

import capex
from capex.cli._base import EXIT_NO, EXIT_OK, UsageError
from capex.cli.guard import INPUT_FILE
from capex.cli.monthly import add_plan, keep_inputs_safe, plan_of
from capex.cli.options import add_outputs, finish, unit_of
from capex.terms import phrase, said


def _heading_arg(text: str) -> tuple[str, str]:
    key, sep, heading = text.partition("=")
    if not sep or not key.strip() or not heading.strip():
        raise argparse.ArgumentTypeError(phrase("err_cli_expected_key_heading", text=repr(text)))
    return key.strip(), heading.strip()


def _add_common(parser: argparse.ArgumentParser) -> None:
    add_plan(parser)
    parser.add_argument(
        "--actuals",
        type=INPUT_FILE,
        metavar="FILE",
        help=phrase("help_submissions_actuals"),
    )
    parser.add_argument(
        "--columns",
        metavar="KEY,KEY,...",
        help=phrase("help_submissions_columns"),
    )
    parser.add_argument(
        "--heading",
        type=_heading_arg,
        action="append",
        metavar="KEY=HEADING",
        help=phrase("help_submissions_heading"),
    )
    add_outputs(parser, plot=False)


def _layout(args: argparse.Namespace) -> dict[str, Any]:
    columns = None
    if args.columns:
        columns = [int(c) if c.strip().isdigit() else c.strip() for c in args.columns.split(",")]
    headings = {int(k) if k.isdigit() else k: v for k, v in (args.heading or [])}
    return {"columns": columns, "headings": headings}


def _actuals(args: argparse.Namespace) -> Any:
    if not args.actuals:
        return None
    return capex.load_actuals(args.actuals, encoding=args.encoding)


def add_annual_plan(commands: Any) -> None:
    parser = commands.add_parser(
        "annual-plan",
        help=phrase("help_cmd_annual_plan"),
        description=phrase("help_cmd_annual_plan_about"),
    )
    parser.add_argument("--year", type=int, required=True, help=phrase("help_annual_plan_year"))
    _add_common(parser)
    parser.set_defaults(run=_run_annual)


def add_rolling_plan(commands: Any) -> None:
    parser = commands.add_parser(
        "rolling-plan",
        help=phrase("help_cmd_rolling_plan"),
        description=phrase("help_cmd_rolling_plan_about"),
    )
    parser.add_argument(
        "--first-year", type=int, required=True, help=phrase("help_rolling_plan_first_year")
    )
    parser.add_argument("--years", type=int, default=3, help=phrase("help_rolling_plan_years"))
    _add_common(parser)
    parser.set_defaults(run=_run_rolling)


def _run(args: argparse.Namespace, make: Any, **when: Any) -> int:
    keep_inputs_safe(args)
    plan, portfolio = plan_of(args)
    try:
        filed = make(portfolio, plan, _actuals(args), lang=args.lang, **when, **_layout(args))
    except capex.CapexError as error:
        if "column" in said(error, "en"):
            raise UsageError(phrase("err_cli_columns", error=error)) from None
        raise
    unit = unit_of(args, filed.money)
    code = EXIT_OK if filed.reconciles() else EXIT_NO
    return finish(args, filed.summary(unit, lang=args.lang), filed, None, code)


def _run_annual(args: argparse.Namespace) -> int:
    return _run(args, capex.annual_plan, year=args.year)


def _run_rolling(args: argparse.Namespace) -> int:
    return _run(args, capex.rolling_plan, first_year=args.first_year, years=args.years)
