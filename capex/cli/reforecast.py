"""``capex reforecast``: the past at the actuals, the rest under the remaining ceilings."""

from __future__ import annotations

import argparse
from typing import Any

import capex
from capex.afterlife.reforecast import METHODS, OVERRUN_POLICIES, PAST_WINDOW_POLICIES
from capex.cli._base import EXIT_NO, EXIT_OK
from capex.cli.after_plan import add_actuals, keep_inputs_safe, load_actuals, year_arg
from capex.cli.options import add_ceilings, add_outputs, ceilings_of, finish, load, unit_of
from capex.cli.tables import schedule_table
from capex.terms import phrase, term


def add_reforecast(commands: Any) -> None:
    parser = commands.add_parser(
        "reforecast",
        help=phrase("help_cmd_reforecast"),
        description=phrase("help_cmd_reforecast_about"),
    )
    add_actuals(parser)
    parser.add_argument(
        "--as-of",
        type=year_arg,
        metavar="YEAR",
        help=phrase("help_reforecast_as_of"),
    )
    add_ceilings(parser)
    parser.add_argument(
        "--method", choices=METHODS, default="spread", help=phrase("help_reforecast_method")
    )
    parser.add_argument(
        "--max-delay",
        type=int,
        default=2,
        metavar="YEARS",
        help=phrase("help_reforecast_max_delay"),
    )
    parser.add_argument(
        "--past-window",
        choices=PAST_WINDOW_POLICIES,
        default="extend",
        help=phrase("help_reforecast_past_window"),
    )
    parser.add_argument(
        "--overrun",
        choices=OVERRUN_POLICIES,
        default="report",
        help=phrase("help_reforecast_overrun"),
    )
    add_outputs(parser)
    parser.set_defaults(run=_run_reforecast)


def _run_reforecast(args: argparse.Namespace) -> int:
    keep_inputs_safe(args, args.excel, args.csv, args.plot)
    portfolio = load(args)
    actuals = load_actuals(args)
    result = capex.reforecast(
        portfolio,
        actuals,
        as_of=args.as_of,
        ceilings=ceilings_of(args, portfolio),
        profile=args.profile,
        method=args.method,
        before=args.before,
        past_window=args.past_window,
        overrun=args.overrun,
        max_delay=args.max_delay,
        lang=args.lang,
    )
    unit = unit_of(args, result.money)
    text = "\n".join(
        [
            result.summary(),
            "",
            term("cli_schedule_heading", args.lang, unit=unit, as_of=result.as_of),
            schedule_table(result, unit, args.lang),
        ]
    )

    def draw(forecast: Any) -> Any:
        baseline = capex.variance(
            capex.cash_flow(portfolio, args.profile),
            actuals,
            portfolio=portfolio,
            as_of=result.as_of,
            before=args.before,
            lang=args.lang,
        )
        return capex.plotting.plot_s_curve(baseline, forecast=forecast, unit=unit)

    return finish(args, text, result, draw, EXIT_OK if result.ok else EXIT_NO)
