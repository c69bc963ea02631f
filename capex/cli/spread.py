"""``capex spread``: the plan-period investment under annual ceilings."""

from __future__ import annotations

import argparse
from typing import Any

import capex
from capex.cli._base import EXIT_NO, EXIT_OK
from capex.cli.options import (
    add_ceilings,
    add_data,
    add_outputs,
    ceilings_of,
    finish,
    load,
    seconds_arg,
    unit_of,
    with_files,
)
from capex.cli.tables import result_text
from capex.terms import phrase


# ---------------------------------------------------------------------------------------
# capex spread
# ---------------------------------------------------------------------------------------
def add_spread(commands: Any) -> None:
    parser = commands.add_parser(
        "spread",
        help=phrase("help_cmd_spread"),
        description=phrase("help_cmd_spread_about"),
    )
    add_data(parser)
    add_ceilings(parser)
    parser.add_argument(
        "--secondary",
        choices=("smooth", "peak"),
        help=phrase("help_spread_secondary"),
    )
    parser.add_argument(
        "--time-limit", type=seconds_arg, metavar="SECONDS", help=phrase("help_spread_time_limit")
    )
    add_outputs(parser)
    parser.set_defaults(run=_run_spread)


def _run_spread(args: argparse.Namespace) -> int:
    portfolio = load(args)
    result = capex.spread(
        portfolio,
        ceilings_of(args, portfolio),
        args.profile,
        secondary=args.secondary,
        time_limit=args.time_limit,
    )
    result = with_files(result, [args.budget_lines])
    unit = unit_of(args, result.money)

    def draw(plan: Any) -> Any:
        return capex.plotting.plot_annual_spend(plan, unit=unit, lang=args.lang)

    code = EXIT_OK if result.ok else EXIT_NO
    return finish(args, result_text(result, unit, args.lang), result, draw, code, portfolio)
