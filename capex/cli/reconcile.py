"""``capex reconcile``: a project table against its published totals."""

from __future__ import annotations

import argparse
from typing import Any

import capex
from capex.cli._base import EXIT_NO, EXIT_OK
from capex.cli.options import add_data, add_outputs, finish, load, unit_of
from capex.terms import phrase


# ---------------------------------------------------------------------------------------
# capex reconcile
# ---------------------------------------------------------------------------------------
def add_reconcile(commands: Any) -> None:
    parser = commands.add_parser(
        "reconcile",
        help=phrase("help_cmd_reconcile"),
        description=phrase("help_cmd_reconcile_about"),
    )
    add_data(parser)
    add_outputs(parser)
    parser.set_defaults(run=_run_reconcile)


def _run_reconcile(args: argparse.Namespace) -> int:
    report = capex.reconcile(load(args))
    unit = unit_of(args, report.money)

    def draw(obj: Any) -> Any:
        return capex.plotting.plot_reconciliation(obj, unit=unit, lang=args.lang)

    code = EXIT_OK if report.reconciles else EXIT_NO
    return finish(args, report.to_text(unit, args.lang), report, draw, code)
