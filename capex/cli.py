"""The ``capex`` command line: reconcile, spread, shift, run and compare scenarios.

Each sub-command prints a readable table and can write the result to ``--excel``, ``--csv``
and ``--plot`` files. Exit codes: 0 success (for ``reconcile``: the totals reconcile), 1 the
run worked but the answer is "no" (totals differ, no feasible plan), 2 bad arguments or bad
input, reported in one line on stderr without a traceback.

Examples
--------
::

    capex reconcile                       # the bundled Yuecheng projects
    capex reconcile my_projects.csv --unit 万元 --excel reconciliation.xlsx
    capex spread --ceiling 2021=10 --ceiling 2022=9.5 --csv plan.csv
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from capex.errors import CapexError
from capex.money import normalize_unit

EXIT_OK = 0
EXIT_NO = 1
EXIT_USAGE = 2


class UsageError(CapexError):
    """Bad command-line arguments."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr, never a usage dump or exit."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


# ---------------------------------------------------------------------------------------
# entry point
# ---------------------------------------------------------------------------------------
def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``capex`` command line and return its exit code.

    Parameters
    ----------
    argv
        The arguments after the program name; ``sys.argv[1:]`` when None.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as stop:  # --help and --version end here
        return int(stop.code or 0)
    except UsageError as error:
        return _fail(str(error))
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.run(args))
    except BrokenPipeError:
        # the reader (``| head``) stopped early: not an error of ours, and nothing to say
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stays open until exit
        return EXIT_OK
    except UsageError as error:
        return _fail(f"capex {args.command}: {error}")
    except CapexError as error:
        return _fail(f"capex {args.command}: {error}")
    except (OSError, ValueError) as error:
        # a file that cannot be read or written, a value capex could not take: still one line
        return _fail(f"capex {args.command}: {error}")
    except KeyboardInterrupt:
        return _fail("capex: interrupted", code=130)


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``capex`` with its sub-commands."""
    from capex import __version__

    parser = _Parser(
        prog="capex",
        description=(
            "Time-phased cash-flow plans for public capital programmes: reconcile a project "
            "table with its published totals, spread its investment over the years under "
            "budget ceilings, shift projects to fit a cut budget, and compare scenarios."
        ),
        epilog="Run 'capex COMMAND --help' for the options of one command.",
    )
    parser.add_argument("--version", action="version", version=f"capex {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for add in _COMMANDS:
        add(commands)
    return parser


# ---------------------------------------------------------------------------------------
# shared options
# ---------------------------------------------------------------------------------------
def _unit(text: str) -> str:
    try:
        return normalize_unit(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _add_data(parser: argparse.ArgumentParser, *, positional: bool = True) -> None:
    help_text = "project table (CSV); the bundled Yuecheng projects when omitted"
    if positional:
        parser.add_argument("path", nargs="?", metavar="PATH", help=help_text)
    else:
        parser.add_argument("--data", dest="path", metavar="PATH", help=help_text)
    parser.add_argument(
        "--encoding", default="utf-8", help="text encoding of the CSV (e.g. gb18030); utf-8 by default"
    )


def _add_outputs(parser: argparse.ArgumentParser, *, plot: bool = True) -> None:
    parser.add_argument("--unit", type=_unit, default="亿元", help="亿元 (default) or 万元")
    parser.add_argument("--excel", metavar="FILE", help="also write an .xlsx workbook")
    parser.add_argument(
        "--csv", metavar="PATH", help="also write CSV files (a directory, or FILE.csv)"
    )
    if plot:
        parser.add_argument("--plot", metavar="FILE", help="also draw a figure (.png, .pdf, .svg)")


def _load(args: argparse.Namespace) -> Any:
    from capex.portfolio import load_projects

    return load_projects(args.path, encoding=args.encoding)


def _write_outputs(obj: Any, args: argparse.Namespace, draw: Callable[[Any], Any] | None) -> None:
    """Write the --excel, --csv and --plot files asked for, and say where they went."""
    from capex.export import to_csv, to_excel

    if args.excel:
        print(f"wrote {to_excel(obj, args.excel)}")
    if args.csv:
        written = to_csv(obj, args.csv)
        print(f"wrote {', '.join(str(p) for p in written)}")
    if getattr(args, "plot", None):
        if draw is None:
            raise UsageError("this command has no figure to draw")
        print(f"wrote {_save_plot(draw, obj, args.plot)}")


def _save_plot(draw: Callable[[Any], Any], obj: Any, path: str) -> Path:
    import matplotlib

    matplotlib.use("Agg")  # files only: never open a window from the command line
    import matplotlib.pyplot as plt

    ax = draw(obj)
    figure = ax.figure
    try:
        figure.savefig(path, dpi=150, bbox_inches="tight")
    finally:
        plt.close(figure)
    return Path(path)


def _optional(module: str, name: str, command: str) -> Any:
    """A public name of a capex module that may not be part of this installation."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        raise UsageError(f"'{command}' needs {module}.{name}, which this capex does not have") from None


def _plot(name: str) -> Callable[[Any], Any]:
    def draw(obj: Any) -> Any:
        return _optional("capex.plotting", name, "--plot")(obj)

    return draw


# ---------------------------------------------------------------------------------------
# capex reconcile
# ---------------------------------------------------------------------------------------
def _add_reconcile(commands: Any) -> None:
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
    _add_data(parser)
    _add_outputs(parser)
    parser.set_defaults(run=_run_reconcile)


def _run_reconcile(args: argparse.Namespace) -> int:
    from capex.reconcile import reconcile

    report = reconcile(_load(args))
    print(report.to_text(args.unit))
    _write_outputs(report, args, _plot("plot_reconciliation"))
    return EXIT_OK if report.reconciles else EXIT_NO


# ---------------------------------------------------------------------------------------
# capex spread
# ---------------------------------------------------------------------------------------
def _ceiling(text: str) -> tuple[int | None, str]:
    """``2021=10`` -> ``(2021, "10")``; a bare ``10`` -> ``(None, "10")`` (every plan year)."""
    year, sep, value = text.partition("=")
    if not sep:
        year, value = "", text
    value = value.strip()
    try:
        amount = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected YEAR=亿元 such as 2021=10") from None
    if not amount >= 0 or amount == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r}: a ceiling must be a finite amount >= 0")
    if not year.strip():
        return None, value
    try:
        return int(year), value
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: {year!r} is not a year") from None


def _add_ceilings(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--ceiling",
        type=_ceiling,
        action="append",
        metavar="YEAR=亿元",
        help="annual ceiling of the whole plan, repeatable (--ceiling 2021=10 --ceiling 2022=9.5); "
        "a bare amount is the ceiling of every plan year",
    )
    group.add_argument(
        "--budget-lines",
        metavar="FILE",
        help="CSV of budget lines (columns line, year, ceiling, rule)",
    )
    parser.add_argument(
        "--profile", default="uniform", help="spend profile: uniform (default), front, back, bell, s-curve(a=2, b=4), ..."
    )


def _ceilings_of(args: argparse.Namespace) -> Any:
    """The ceilings asked for: budget lines, one flat amount, ``{year: 亿元}``, or None."""
    if args.budget_lines:
        from capex.budget import read_budget_lines

        return read_budget_lines(args.budget_lines, encoding=args.encoding)
    if not args.ceiling:
        return None
    flat = [value for year, value in args.ceiling if year is None]
    yearly = {year: value for year, value in args.ceiling if year is not None}
    if flat and (yearly or len(flat) > 1):
        raise UsageError("give either one amount for every year or YEAR=亿元 ceilings, not both")
    if flat:
        return float(flat[0])
    years = [year for year, _ in args.ceiling]
    repeated = sorted({y for y in years if years.count(y) > 1})
    if repeated:
        raise UsageError(f"the ceiling of {repeated[0]} is given twice")
    return yearly


def _add_spread(commands: Any) -> None:
    parser = commands.add_parser(
        "spread",
        help="spread the plan investment over the plan years under annual ceilings",
        description=(
            "Spread each project's plan investment over the plan years of its window, as close "
            "to the spend profile as the ceilings allow. Exit code 0 when the plan fits, 1 when "
            "no plan fits the ceilings (the extra budget needed is printed), 2 for bad "
            "arguments or data."
        ),
    )
    _add_data(parser)
    _add_ceilings(parser)
    parser.add_argument(
        "--secondary", choices=("smooth", "peak"), help="among the closest plans, prefer a smooth or a low-peak one"
    )
    parser.add_argument("--time-limit", type=float, metavar="SECONDS", help="time limit of the secondary aim")
    _add_outputs(parser)
    parser.set_defaults(run=_run_spread)


def _run_spread(args: argparse.Namespace) -> int:
    spread = _optional("capex.solvers", "spread", "spread")
    portfolio = _load(args)
    result = spread(
        portfolio,
        _ceilings_of(args),
        args.profile,
        secondary=args.secondary,
        time_limit=args.time_limit,
    )
    print(_result_text(result, args.unit))
    _write_outputs(result, args, _plot("plot_annual_spend"))
    return EXIT_OK if result.ok else EXIT_NO


def _result_text(result: Any, unit: str) -> str:
    """A plan's summary, then its schedule with names and totals."""
    lines = [result.summary(), ""]
    if len(result.schedule_wan) and result.years:
        lines.append(f"Schedule ({unit}):")
        lines.append(_schedule_table(result, unit))
    return "\n".join(lines)


def _schedule_table(result: Any, unit: str) -> str:
    import pandas as pd

    from capex.money import format_yi

    wan = result.schedule_wan
    names = pd.Series(result.names).reindex(wan.index)

    def text(value: int) -> str:
        if value == 0:
            return "-"
        return f"{value:,}" if unit == "万元" else format_yi(value)

    table = pd.DataFrame(index=[str(i) for i in wan.index])
    table["name"] = ["" if pd.isna(n) else str(n) for n in names]
    for column in wan.columns:
        table[str(column)] = [text(int(v)) for v in wan[column]]
    table["total"] = [text(int(v)) for v in wan.sum(axis=1)]
    totals = {str(c): text(int(wan[c].sum())) for c in wan.columns}
    table.loc["total"] = {"name": "", **totals, "total": text(int(wan.to_numpy().sum()))}
    return table.to_string()


# ---------------------------------------------------------------------------------------
# capex shift, scenario, compare (their engines land in capex.solvers.shift, capex.scenario
# and capex.compare; until then the commands say so in one line)
# ---------------------------------------------------------------------------------------
def _add_shift(commands: Any) -> None:
    parser = commands.add_parser(
        "shift",
        help="defer project windows so that the plan fits a cut budget",
        description=(
            "Move project windows later (at most --max-delay years) so that the plan fits the "
            "ceilings, with the least delay. Exit code 0 when a plan fits, 1 when none does, 2 "
            "for bad arguments or data."
        ),
    )
    _add_data(parser)
    _add_ceilings(parser)
    parser.add_argument("--max-delay", type=int, default=2, metavar="YEARS", help="most years a project may move (2)")
    parser.add_argument("--objective", default="delay", help="what to minimise (delay by default)")
    parser.add_argument("--time-limit", type=float, metavar="SECONDS", help="time limit of the solver")
    _add_outputs(parser)
    parser.set_defaults(run=_run_shift)


def _run_shift(args: argparse.Namespace) -> int:
    if args.max_delay < 0:
        raise UsageError("--max-delay cannot be negative")
    shift = _optional("capex.solvers", "shift", "shift")
    result = shift(
        _load(args),
        _ceilings_of(args),
        args.profile,
        max_delay=args.max_delay,
        objective=args.objective,
        time_limit=args.time_limit,
    )
    print(_result_text(result, args.unit))
    _write_outputs(result, args, _plot("plot_annual_spend"))
    return EXIT_OK if result.ok else EXIT_NO


def _add_scenario(commands: Any) -> None:
    parser = commands.add_parser(
        "scenario",
        help="run a scenario file",
        description="Run a scenario (a name plus changes to the base plan and its ceilings) from its file.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser, required=True)
    run = actions.add_parser("run", help="run a scenario file and print its plan")
    run.add_argument("file", metavar="FILE", help="the scenario file")
    _add_data(run, positional=False)
    _add_outputs(run)
    run.set_defaults(run=_run_scenario)


def _load_scenario(path: str) -> Any:
    scenario_class = _optional("capex.scenario", "Scenario", "scenario")
    return scenario_class.load(path)


def _run_scenario(args: argparse.Namespace) -> int:
    scenario = _load_scenario(args.file)
    portfolio = _load(args) if args.path else None
    result = scenario.run(portfolio) if portfolio is not None else scenario.run()
    print(_result_text(result, args.unit))
    _write_outputs(result, args, _plot("plot_annual_spend"))
    return EXIT_OK if result.ok else EXIT_NO


def _add_compare(commands: Any) -> None:
    parser = commands.add_parser(
        "compare",
        help="run scenario files and compare their plans",
        description="Run two or more scenario files and print their plans side by side.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="scenario files (two or more)")
    _add_data(parser, positional=False)
    _add_outputs(parser)
    parser.set_defaults(run=_run_compare)


def _run_compare(args: argparse.Namespace) -> int:
    if len(args.files) < 2:
        raise UsageError("give at least two scenario files to compare")
    compare = _optional("capex.compare", "compare", "compare")
    portfolio = _load(args) if args.path else None
    results = []
    for path in args.files:
        scenario = _load_scenario(path)
        results.append(scenario.run(portfolio) if portfolio is not None else scenario.run())
    comparison = compare(results)
    print(comparison.summary() if hasattr(comparison, "summary") else comparison)
    _write_outputs(comparison, args, _plot("plot_annual_spend"))
    return EXIT_OK if all(result.ok for result in results) else EXIT_NO


_COMMANDS: list[Callable[[Any], None]] = [_add_reconcile, _add_spread, _add_shift, _add_scenario, _add_compare]
