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
        help="most years a project may move (default 2)",
    )
    parser.add_argument(
        "--objective",
        choices=("delay", "makespan", "peak"),
        default="delay" if defaults else None,
        help="least priority-weighted delay (default), earliest finish, or lowest peak year",
    )
    parser.add_argument(
        "--time-limit",
        type=seconds_arg,
        default=10.0 if defaults else None,
        metavar="SECONDS",
        help="time limit of the solver (default 10 s)",
    )


def add_shift(commands: Any) -> None:
    parser = commands.add_parser(
        "shift",
        help="defer project windows so that the plan fits a cut budget",
        description=(
            "Move project windows later, by whole years (at most --max-delay), so that every "
            "project's cash flow fits the ceilings, with the least priority-weighted delay (or "
            "--objective). Projects already under way when the plan period starts do not move. "
            "The ceilings are --ceiling or --budget-lines, else the portfolio's budget lines, "
            "else (with --cut) the plan's own annual totals; --cut lowers all of them. Exit "
            "code 0 when a plan fits, 1 when none does (the years that stay over are printed), "
            "2 for bad arguments or data."
        ),
    )
    add_data(parser)
    add_ceilings(parser)
    parser.add_argument(
        "--cut",
        type=share_arg,
        metavar="SHARE",
        help="cut every ceiling by this share: 0.1 or 10%% is a 10%% cut",
    )
    add_shift_options(parser)
    parser.add_argument(
        "--respread", action="store_true", help="re-spread the moved plan years under the ceilings"
    )
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
