"""``capex roll-forward``: the carry-over of unfinished projects into the next plan."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import capex
from capex.afterlife.rollforward import PAST_WINDOW_POLICIES
from capex.cli._base import EXIT_OK
from capex.cli.after_plan import add_actuals, keep_inputs_safe, load_actuals, year_arg
from capex.cli.guard import INPUT_FILE, TABLE_FILE
from capex.cli.options import (
    add_ceilings,
    add_outputs,
    ceilings_of,
    finish,
    load,
    period_arg,
    unit_of,
)
from capex.io.projects import write_projects
from capex.io.texttable import frame_text
from capex.terms import heading, phrase, term


def add_roll_forward(commands: Any) -> None:
    parser = commands.add_parser(
        "roll-forward",
        help=phrase("help_cmd_roll_forward"),
        description=phrase("help_cmd_roll_forward_about"),
    )
    add_actuals(parser)
    parser.add_argument(
        "--as-of",
        type=year_arg,
        metavar="YEAR",
        help=phrase("help_roll_forward_as_of"),
    )
    parser.add_argument(
        "--finished",
        type=ids_arg,
        metavar="IDS",
        help=phrase("help_roll_forward_finished"),
    )
    add_ceilings(parser)
    parser.add_argument(
        "--next",
        dest="next_period",
        type=period_arg,
        default=(2026, 2030),
        metavar="FIRST-LAST",
        help=phrase("help_roll_forward_next"),
    )
    parser.add_argument(
        "--new-projects",
        type=INPUT_FILE,
        metavar="FILE",
        help=phrase("help_roll_forward_new_projects"),
    )
    parser.add_argument(
        "--past-window",
        choices=PAST_WINDOW_POLICIES,
        default="carry",
        help=phrase("help_roll_forward_past_window"),
    )
    parser.add_argument(
        "--write-portfolio",
        type=TABLE_FILE,
        metavar="FILE.csv",
        help=phrase("help_roll_forward_write_portfolio"),
    )
    add_outputs(parser)
    parser.set_defaults(run=_run_roll_forward)


def ids_arg(text: str) -> list[str]:
    """``1,2,9`` -> the ids as written (matched to the projects' as everywhere)."""
    ids = [part.strip() for part in text.split(",") if part.strip()]
    if not ids:
        raise argparse.ArgumentTypeError(phrase("err_cli_expected_ids", text=repr(text)))
    return ids


def _run_roll_forward(args: argparse.Namespace) -> int:
    keep_inputs_safe(args, args.excel, args.csv, args.plot, args.write_portfolio)
    portfolio = load(args)
    new = None
    if args.new_projects:
        new = capex.load_projects(
            args.new_projects, plan_period=args.next_period, encoding=args.encoding
        )
    hand = capex.roll_forward(
        portfolio,
        load_actuals(args),
        next_period=args.next_period,
        new_projects=new,
        past_window=args.past_window,
        finished=args.finished,
        before=args.before,
        as_of=args.as_of,
        ceilings=ceilings_of(args, portfolio),
        profile=args.profile,
        lang=args.lang,
    )
    lines = [hand.summary()]
    if len(hand.carried):
        unit = unit_of(args, hand.money)
        table = hand.carried.drop(columns=["spent_minor"])
        for column in ("carried_minor", "in_next_minor", "after_next_minor"):
            table[column] = hand.money.to_unit(table[column].to_numpy(), unit)
        table = table.rename(columns=lambda c: c.removesuffix("_minor"))
        if args.lang != "en":
            first, last = hand.next_period
            table["fixed"] = [term("yes" if v else "no", args.lang) for v in table["fixed"]]
            named = {
                "in_next": term("in_next_period", args.lang, first=first, last=last),
                "after_next": term("after_next_period", args.lang, last=last),
                "fixed": term("under_way_fixed", args.lang),
            }
            table = table.rename(columns=lambda c: named.get(c) or heading(c, args.lang))
            table.index.name = term("id", args.lang)
        heading_line = term("cli_carried_heading", args.lang, unit=unit)
        lines += ["", heading_line, frame_text(table)]
    writes = []
    if args.write_portfolio:
        if hand.portfolio is None:
            lines.append(
                "nothing is carried over and there are no new projects: no next plan to write"
            )
        else:  # the table and its .toml, both or neither, checked with the other outputs
            table = Path(args.write_portfolio)
            writes.append(
                (
                    "--write-portfolio",
                    [table, table.with_suffix(".toml")],
                    lambda: write_projects(hand.portfolio, table),
                )
            )
    return finish(
        args, "\n".join(lines), hand, capex.plotting.plot_carry_over, EXIT_OK, writes=writes
    )
