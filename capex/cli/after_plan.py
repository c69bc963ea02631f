"""Options the after-the-plan commands share: the actuals file (with the project table's own
options), the years it covers and the policy for the years before them, and a guard that keeps
every output away from the user's input files."""

from __future__ import annotations

import argparse

import capex
from capex.afterlife.spent import BEFORE_POLICIES
from capex.cli.guard import INPUT_FILE, check_outputs
from capex.cli.options import SHEET_HELP, add_data, period_arg, sheet_argument
from capex.model.limits import FIRST_YEAR, LAST_YEAR, check_year
from capex.terms import phrase


def add_actuals(parser: argparse.ArgumentParser) -> None:
    """ACTUALS, the project table (--data, --encoding, --plan-period, --published), and how to
    read them."""
    parser.add_argument(
        "actuals",
        type=INPUT_FILE,
        metavar="ACTUALS",
        help=phrase("help_actuals_actuals"),
    )
    add_data(parser, positional=False, sheet=False)
    parser.add_argument(
        "--actuals-unit",
        metavar="UNIT",
        help=phrase("help_actuals_actuals_unit"),
    )
    parser.add_argument(
        "--sheet", metavar="SHEET", help=phrase("help_sheet_actuals", sheet=SHEET_HELP)
    )
    parser.add_argument(
        "--actuals-years",
        type=period_arg,
        metavar="FIRST-LAST",
        help=phrase("help_actuals_actuals_years"),
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help=phrase("help_actuals_strict"),
    )
    parser.add_argument(
        "--before",
        choices=BEFORE_POLICIES,
        default="plan",
        help=phrase("help_actuals_before"),
    )


def load_actuals(args: argparse.Namespace) -> capex.Actuals:
    return capex.load_actuals(
        args.actuals,
        unit=args.actuals_unit,
        sheet=sheet_argument(args.sheet),
        encoding=args.encoding,
        years=args.actuals_years,
        strict=args.strict,
    )


def keep_inputs_safe(args: argparse.Namespace, *outputs: str | None) -> None:
    """Refuse an output that would overwrite an input. Every command is guarded so already
    (:mod:`capex.cli.guard`); this checks the given outputs once more, by file identity."""
    check_outputs((output, "output") for output in outputs if output)


def year_arg(text: str) -> int:
    """A year typed on the command line, within the bounds of :mod:`capex.model.limits`."""
    try:
        return check_year(int(text.strip()))
    except ValueError:
        raise argparse.ArgumentTypeError(
            phrase("err_cli_year_range", text=repr(text), first=FIRST_YEAR, last=LAST_YEAR)
        ) from None
