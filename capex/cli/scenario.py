"""``capex scenario run`` and ``capex compare``: scenario files and side-by-side plans."""

from __future__ import annotations

import argparse
import sys
from typing import Any

import capex
from capex.cli._base import EXIT_NO, EXIT_OK, Parser, UsageError
from capex.cli.options import (
    add_ceilings,
    add_data,
    add_outputs,
    base_ceilings,
    load,
    unit_of,
    write_outputs,
)
from capex.cli.shift import add_shift_options
from capex.cli.tables import comparison_text, result_text


# ---------------------------------------------------------------------------------------
# capex scenario run, capex compare
# ---------------------------------------------------------------------------------------
def add_scenario_inputs(parser: argparse.ArgumentParser) -> None:
    add_data(parser, positional=False)
    add_ceilings(parser, profile_default=None)
    group = parser.add_argument_group('for scenarios with method = "shift"')
    add_shift_options(group, defaults=False)


def add_scenario(commands: Any) -> None:
    parser = commands.add_parser(
        "scenario",
        help="run a scenario file",
        description="Run a scenario (a name plus changes to the base plan and its ceilings) from its file.",
    )
    actions = parser.add_subparsers(
        dest="action", metavar="ACTION", parser_class=Parser, required=True
    )
    run = actions.add_parser(
        "run",
        help="run a scenario file and print its plan",
        description=(
            "Run a scenario file (TOML or JSON: name, shifts, escalation, ceilings, "
            "ceiling_scale, profile(s), drop, add, method) on the projects and print its plan. "
            "The ceilings it changes are --ceiling or --budget-lines, else the portfolio's "
            "budget lines, else (when it scales them) the plan's own annual totals. Exit code "
            "0 when the plan fits, 1 when it does not, 2 for a bad file, arguments or data."
        ),
    )
    run.add_argument("file", metavar="FILE", help="the scenario file (.toml or .json)")
    add_scenario_inputs(run)
    add_outputs(run)
    run.set_defaults(run=_run_scenario)


def run_one(
    scenario: capex.Scenario, portfolio: capex.Portfolio, args: argparse.Namespace
) -> capex.PlanResult:
    """Run a scenario with the command line's base ceilings and options."""
    needed = scenario.ceiling_scale is not None and scenario.ceilings is None
    ceilings, _ = base_ceilings(args, portfolio, needed=needed)
    options: dict[str, Any] = {}
    if args.profile:
        options["profile"] = args.profile
    if args.time_limit is not None:
        options["time_limit"] = args.time_limit
    if scenario.method == "shift":
        options.update(
            {
                k: v
                for k, v in (("max_delay", args.max_delay), ("objective", args.objective))
                if v is not None
            }
        )
    return scenario.run(portfolio, ceilings, **options)


def _run_scenario(args: argparse.Namespace) -> int:
    scenario = capex.Scenario.from_file(args.file)
    portfolio = load(args)
    result = run_one(scenario, portfolio, args)
    print(result_text(result, unit_of(args, result.money)))
    write_outputs(result, args, capex.plotting.plot_annual_spend, portfolio)
    return EXIT_OK if result.ok else EXIT_NO


def add_compare(commands: Any) -> None:
    parser = commands.add_parser(
        "compare",
        help="run scenario files and compare their plans",
        description=(
            "Run scenario files and print their plans side by side against the first (or, "
            "with --base, against the plain plan): annual totals, peak year, spend after the "
            "plan period, binding ceilings, and per project its shift and the money moved. "
            "Exit code 0 when every plan fits, 1 when one does not, 2 for bad files, "
            "arguments or data."
        ),
    )
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="scenario files; the first is the base unless --base",
    )
    parser.add_argument(
        "--base",
        action="store_true",
        help="compare against the plain plan (no changes), labelled 'base'",
    )
    add_scenario_inputs(parser)
    add_outputs(parser)
    parser.set_defaults(run=_run_compare)


def _run_compare(args: argparse.Namespace) -> int:
    if len(args.files) + args.base < 2:
        raise UsageError("give at least two scenario files to compare, or one with --base")
    scenarios = [capex.Scenario.from_file(path) for path in args.files]
    if args.base:
        scenarios.insert(0, capex.Scenario("base"))
    portfolio = load(args)
    results = [
        run_one(scenario, portfolio, args)
        for scenario in capex.progress(scenarios, desc="scenarios", file=sys.stderr)
    ]
    comparison = capex.compare(results)
    print(comparison_text(comparison, results, unit_of(args, comparison.money)))
    write_outputs(comparison, args, capex.plotting.plot_comparison)
    return EXIT_OK if all(result.ok for result in results) else EXIT_NO
