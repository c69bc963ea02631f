"""Options the after-the-plan commands share: the actuals file (with the project table's own
options) and a guard that keeps every output away from the user's input files."""

from __future__ import annotations

import argparse
from pathlib import Path

import capex
from capex.cli._base import UsageError
from capex.cli.options import add_data


def add_actuals(parser: argparse.ArgumentParser) -> None:
    """ACTUALS, the project table (--data, --encoding, --plan-period, --published), and how to
    read them."""
    parser.add_argument(
        "actuals",
        metavar="ACTUALS",
        help="actual spending: CSV or .xlsx, long (id, year, amount) or wide (id, a column per year)",
    )
    add_data(parser, positional=False, sheet=False)
    parser.add_argument(
        "--actuals-unit",
        metavar="UNIT",
        help="unit the actuals are written in (元, 万元, 亿元, ...); by default the one their "
        "heading names, else 万元",
    )
    parser.add_argument("--sheet", help="sheet of an .xlsx actuals workbook (the first by default)")


def load_actuals(args: argparse.Namespace) -> capex.Actuals:
    sheet: str | int | None = args.sheet
    if isinstance(sheet, str) and sheet.isdigit():
        sheet = int(sheet)
    return capex.load_actuals(
        args.actuals, unit=args.actuals_unit, sheet=sheet, encoding=args.encoding
    )


def keep_inputs_safe(args: argparse.Namespace, *outputs: str | None) -> None:
    """Refuse an output that would overwrite an input: the user's files are only read."""
    inputs = [args.actuals, getattr(args, "path", None), getattr(args, "new_projects", None)]
    inputs += [getattr(args, "budget_lines", None)]
    resolved = {Path(p).resolve() for p in inputs if p}
    for output in outputs:
        if output and Path(output).resolve() in resolved:
            raise UsageError(f"{output} is an input file; capex never writes over its inputs")


def year_arg(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year") from None
