"""``capex shift``: which projects to defer to fit the ceilings."""

from __future__ import annotations

import argparse
from typing import Any

import capex
from capex.cli._base import EXIT_NO, EXIT_OK, UsageError
from capex.cli.options import (
    add_ceilings,
    add_data,
    add_outputs,
    base_ceilings,
    ceiling_text,
    cut,
    finish,
    load,
    seconds_arg,
    share_arg,
    unit_of,
    with_files,
)
from capex.cli.tables import result_text
from capex.terms import phrase, term


# ---------------------------------------------------------------------------------------
# capex shift
# ---------------------------------------------------------------------------------------
def delay_arg(text: str) -> int:
    try:
        years = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(phrase("err_cli_delay_whole", text=repr(text))) from None
    if years < 0:
        raise argparse.ArgumentTypeError(phrase("err_cli_delay_negative", text=repr(text)))
    return years


def add_shift_options(
    parser: argparse.ArgumentParser | argparse._ArgumentGroup, *, defaults: bool = True
) -> None:
    parser.add_argument(
        "--max-delay",
        type=delay_arg,
        default=2 if defaults else None,
        metavar="YEARS",
        help=phrase("help_shift_options_max_delay"),
    )
    parser.add_argument(
        "--objective",
        choices=("delay", "makespan", "peak"),
        default="delay" if defaults else None,
        help=phrase("help_shift_options_objective"),
    )
    parser.add_argument(
        "--time-limit",
        type=seconds_arg,
        default=10.0 if defaults else None,
        metavar="SECONDS",
        help=phrase("help_shift_options_time_limit"),
    )


def add_shift(commands: Any) -> None:
    parser = commands.add_parser(
        "shift",
        help=phrase("help_cmd_shift"),
        description=phrase("help_cmd_shift_about"),
    )
    add_data(parser)
    add_ceilings(parser)
    parser.add_argument(
        "--cut",
        type=share_arg,
        metavar="SHARE",
        help=phrase("help_shift_cut"),
    )
    add_shift_options(parser)
    parser.add_argument("--respread", action="store_true", help=phrase("help_shift_respread"))
    add_outputs(parser)
    parser.set_defaults(run=_run_shift)


def _run_shift(args: argparse.Namespace) -> int:
    portfolio = load(args)
    ceilings, note = base_ceilings(args, portfolio, needed=args.cut is not None)
    if ceilings is None:
        raise UsageError(phrase("err_cli_ceilings_to_fit"))
    lang = args.lang
    if args.cut is not None:
        ceilings = cut(ceilings, args.cut, portfolio.money)
        percent = format((args.cut * 100).normalize(), "f")
        cut_note = term("ceilings_cut", lang, percent=percent)
        note = (
            note + term("list_separator", lang) if note else term("ceilings_prefix", lang)
        ) + cut_note
    result = capex.shift(
        portfolio,
        ceilings,
        args.max_delay,
        args.objective,
        profile=args.profile,
        respread=args.respread,
        time_limit=args.time_limit,
    )
    result = with_files(result, [args.budget_lines])
    unit = unit_of(args, result.money)
    text = result_text(result, unit, lang)
    if note:
        text = f"{note}: {ceiling_text(ceilings, portfolio.money, unit, lang)}\n{text}"

    def gantt(plan: Any) -> Any:
        return capex.plotting.plot_gantt(portfolio, scenario=plan, portfolio=portfolio, lang=lang)

    return finish(args, text, result, gantt, EXIT_OK if result.ok else EXIT_NO, portfolio)
