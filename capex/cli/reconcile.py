"""``capex reconcile``: a project table against its published totals."""

from __future__ import annotations

import argparse
from typing import Any

import capex
from capex.cli._base import EXIT_NO, EXIT_OK
from capex.cli.options import add_data, add_outputs, load, unit_of, write_outputs


# ---------------------------------------------------------------------------------------
# capex reconcile
# ---------------------------------------------------------------------------------------
def add_reconcile(commands: Any) -> None:
    parser = commands.add_parser(
        "reconcile",
        help="check a project table against its published totals",
        description=(
            "Add up the projects, compare the sums with the published totals (exactly, to the "
            "万元), split each total into the years before, in and after the plan period, and "
            "list the findings. Exit code 0 when the totals reconcile, 1 when they do not (or "
            "when the source publishes none), 2 for bad arguments or data."
        ),
    )
    add_data(parser)
    add_outputs(parser)
    parser.set_defaults(run=_run_reconcile)


def _run_reconcile(args: argparse.Namespace) -> int:
    report = capex.reconcile(load(args))
    print(report.to_text(unit_of(args, report.money)))
    write_outputs(report, args, capex.plotting.plot_reconciliation)
    return EXIT_OK if report.reconciles else EXIT_NO
