"""``capex scenario run`` and ``capex compare``: scenario files and side-by-side plans."""

from __future__ import annotations

import argparse
import sys
from typing import Any

import capex
from capex.cli._base import EXIT_NO, EXIT_OK, Parser, UsageError, say
from capex.cli.guard import INPUT_FILE
from capex.cli.options import (
    add_ceilings,
    add_data,
    add_executor,
    add_outputs,
    base_ceilings,
    executor_of,
    finish,
    load,
    unit_of,
    with_files,
)
from capex.cli.shift import add_shift_options
from capex.cli.tables import comparison_text, plans_table, result_text
from capex.risk.tasks import options_for
from capex.terms import phrase, term


# ---------------------------------------------------------------------------------------
# capex scenario run, capex compare
# ---------------------------------------------------------------------------------------
def add_scenario_inputs(parser: argparse.ArgumentParser) -> None:
    add_data(parser, positional=False)
    add_ceilings(parser, profile_default=None)
    group = parser.add_argument_group(phrase("help_group_scenario_inputs"))
    add_shift_options(group, defaults=False)


def add_scenario(commands: Any) -> None:
    parser = commands.add_parser(
        "scenario",
        help=phrase("help_cmd_scenario"),
        description=phrase("help_cmd_scenario_about"),
    )
    actions = parser.add_subparsers(
        dest="action", metavar="ACTION", parser_class=Parser, required=True
    )
    run = actions.add_parser(
        "run",
        help=phrase("help_cmd_scenario_run"),
        description=phrase("help_cmd_scenario_run_about"),
    )
    run.add_argument(
        "files",
        nargs="+",
        type=INPUT_FILE,
        metavar="FILE",
        help=phrase("help_scenario_files"),
    )
    add_scenario_inputs(run)
    add_executor(run, what="scenarios")
    add_outputs(run)
    run.set_defaults(run=_run_scenario)


def run_one(
    scenario: capex.Scenario,
    portfolio: capex.Portfolio,
    args: argparse.Namespace,
    file: str | None = None,
) -> capex.results.PlanResult:
    """Run a scenario (read from ``file``) with the command line's base ceilings and options."""
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
    result = scenario.run(portfolio, ceilings, **options)
    return with_files(result, [file, args.budget_lines])


def _run_scenario(args: argparse.Namespace) -> int:
    scenarios = [capex.Scenario.from_file(path) for path in args.files]
    portfolio = load(args)
    results, failed = _run_scenarios(scenarios, portfolio, args)
    plans = [
        with_files(result, [path, args.budget_lines])
        for result, path in zip(results, args.files)
        if result is not None
    ]
    unit, lang = unit_of(args, portfolio.money), args.lang
    text = "\n\n".join(result_text(plan, unit, lang) for plan in plans)
    if len(args.files) > 1 and plans:
        ran = term("scenarios_ran", lang, n=len(plans), of=len(args.files))
        text += f"\n\n{ran}\n{plans_table(plans, unit, lang)}"
    code = EXIT_OK if all(plan.ok for plan in plans) else EXIT_NO
    if len(args.files) == 1 and plans:

        def annual(plan: Any) -> Any:
            return capex.plotting.plot_annual_spend(plan, unit=unit, lang=lang)

        finish(args, text, plans[0], annual, code, portfolio)
    elif len(plans) > 1:

        def compared(comparison: Any) -> Any:
            return capex.plotting.plot_comparison(comparison, unit=unit, lang=lang)

        finish(args, text, capex.compare(plans), compared, code)
    else:
        say(text)
    if failed:
        path, error = failed[0]
        more = phrase("err_cli_and_more", n=len(failed) - 1) if len(failed) > 1 else ""
        raise UsageError(phrase("err_cli_path_error", path=path, error=error, more=more))
    return code


def _run_scenarios(
    scenarios: list[capex.Scenario], portfolio: capex.Portfolio, args: argparse.Namespace
) -> tuple[list[capex.results.PlanResult | None], list[tuple[str, str]]]:
    """Run scenarios with the command line's base ceilings and options (as :func:`run_one`
    does one), on the executor asked for; each plan (None where it failed) and the failures
    as (file, error)."""
    given, _ = base_ceilings(args, portfolio, needed=False)
    options: dict[str, Any] = {}
    if args.profile:
        options["profile"] = args.profile
    for key in ("time_limit", "max_delay", "objective"):
        if getattr(args, key) is not None:
            options[key] = getattr(args, key)
    # a scenario that scales ceilings it has not got scales the plan's own totals
    needs_own = [s.ceiling_scale is not None and s.ceilings is None for s in scenarios]
    ceilings = {False: given, True: given}
    if given is None and any(needs_own):
        ceilings[True] = base_ceilings(args, portfolio, needed=True)[0]
    results: list[capex.results.PlanResult | None] = [None] * len(scenarios)
    failed: list[tuple[str, str]] = []
    for own in (False, True):
        chosen = [i for i, need in enumerate(needs_own) if need == own]
        if not chosen:
            continue
        # shift options go to the scenarios that shift; the others do not take them
        taken = {
            key: value
            for i in chosen
            for key, value in options_for(scenarios[i].method, options).items()
        }
        done = capex.sweep(
            [scenarios[i] for i in chosen],
            portfolio,
            ceilings=ceilings[own],
            **executor_of(args),
            **taken,
        )
        for position, i in enumerate(chosen):
            results[i] = done.results[position]
        for row in done.failures.itertuples():
            failed.append((args.files[chosen[int(row.task)]], str(row.error)))
    failed.sort(key=lambda item: args.files.index(item[0]))
    return results, failed


def add_compare(commands: Any) -> None:
    parser = commands.add_parser(
        "compare",
        help=phrase("help_cmd_compare"),
        description=phrase("help_cmd_compare_about"),
    )
    parser.add_argument(
        "files",
        nargs="+",
        type=INPUT_FILE,
        metavar="FILE",
        help=phrase("help_compare_files"),
    )
    parser.add_argument(
        "--base",
        action="store_true",
        help=phrase("help_compare_base"),
    )
    add_scenario_inputs(parser)
    add_outputs(parser)
    parser.set_defaults(run=_run_compare)


def _run_compare(args: argparse.Namespace) -> int:
    if len(args.files) + args.base < 2:
        raise UsageError(phrase("err_cli_two_scenarios"))
    files = list(args.files)
    scenarios = [capex.Scenario.from_file(path) for path in files]
    if args.base:
        scenarios.insert(0, capex.Scenario("base"))
        files.insert(0, None)
    from capex.io.progress import progress

    portfolio = load(args)
    results = [
        run_one(scenario, portfolio, args, file)
        for scenario, file in progress(
            list(zip(scenarios, files)), desc="scenarios", file=sys.stderr
        )
    ]
    comparison = capex.compare(results)
    unit = unit_of(args, comparison.money)

    def draw(obj: Any) -> Any:
        return capex.plotting.plot_comparison(obj, unit=unit, lang=args.lang)

    text = comparison_text(comparison, results, unit, args.lang)
    code = EXIT_OK if all(result.ok for result in results) else EXIT_NO
    return finish(args, text, comparison, draw, code)
