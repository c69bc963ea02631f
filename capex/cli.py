"""The ``capex`` command line: reconcile, spread, shift, run and compare scenarios.

Each sub-command prints a readable table and can write the result to ``--excel``, ``--csv``
and ``--plot`` files. Exit codes: 0 success (for ``reconcile``: the totals reconcile), 1 the
run worked but the answer is "no" (totals differ, no plan fits the ceilings), 2 bad arguments
or bad input, reported in one line on stderr without a traceback.

Examples
--------
::

    capex reconcile                       # the bundled Yuecheng projects
    capex reconcile my_projects.csv --unit 万元 --excel reconciliation.xlsx
    capex spread --ceiling 2021=11 --ceiling 2022=10 --csv plan.csv
    capex shift --ceiling 2021=11 --ceiling 2022=10 --cut 0.1 --max-delay 2 --plot gantt.png
    capex scenario run later.toml --excel later.xlsx
    capex compare --base later.toml cut.toml --plot comparison.png
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from decimal import ROUND_FLOOR, Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NoReturn

import pandas as pd

import capex
from capex.errors import CapexError
from capex.money import Money

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
def _unit(args: argparse.Namespace, money: Money) -> str:
    """The --unit asked for, in the data's currency (its display unit by default)."""
    try:
        return money.normalize_unit(args.unit)
    except ValueError as error:
        raise UsageError(f"--unit: {error}") from None


def _add_data(parser: argparse.ArgumentParser, *, positional: bool = True) -> None:
    help_text = "project table (CSV); the bundled Yuecheng projects when omitted"
    if positional:
        parser.add_argument("path", nargs="?", metavar="PATH", help=help_text)
    else:
        parser.add_argument("--data", dest="path", metavar="PATH", help=help_text)
    parser.add_argument(
        "--encoding",
        default="utf-8",
        help="text encoding of the CSV (e.g. gb18030); utf-8 by default",
    )


def _add_outputs(parser: argparse.ArgumentParser, *, plot: bool = True) -> None:
    parser.add_argument(
        "--unit",
        default=None,
        help="unit of the amounts shown: 亿元 (default for yuan), 万元, 元, or the currency's",
    )
    parser.add_argument("--excel", metavar="FILE", help="also write an .xlsx workbook")
    parser.add_argument(
        "--csv", metavar="PATH", help="also write CSV files (a directory, or FILE.csv)"
    )
    if plot:
        parser.add_argument("--plot", metavar="FILE", help="also draw a figure (.png, .pdf, .svg)")


def _load(args: argparse.Namespace) -> capex.Portfolio:
    return capex.load_projects(args.path, encoding=args.encoding)


def _write_outputs(
    obj: Any,
    args: argparse.Namespace,
    draw: Callable[[Any], Any] | None,
    portfolio: capex.Portfolio | None = None,
) -> None:
    """Write the --excel, --csv and --plot files asked for, and say where they went.

    With the ``portfolio`` a plan came from, the files also carry its reconciliation.
    """
    if args.excel:
        print(f"wrote {capex.to_excel(obj, args.excel, reconciliation=portfolio)}")
    if args.csv:
        written = capex.to_csv(obj, args.csv, reconciliation=portfolio)
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
    report = capex.reconcile(_load(args))
    print(report.to_text(_unit(args, report.money)))
    _write_outputs(report, args, capex.plotting.plot_reconciliation)
    return EXIT_OK if report.reconciles else EXIT_NO


# ---------------------------------------------------------------------------------------
# ceilings, shared by spread, shift, scenario and compare
# ---------------------------------------------------------------------------------------
def _ceiling(text: str) -> tuple[int | None, Decimal]:
    """``2021=10`` -> ``(2021, Decimal("10"))``; a bare ``10`` -> ``(None, ...)`` (every plan year)."""
    year, sep, value = text.partition("=")
    if not sep:
        year, value = "", text
    try:
        amount = Decimal(value.strip())
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"{text!r}: expected YEAR=亿元 such as 2021=10") from None
    if not amount.is_finite() or amount < 0:
        raise argparse.ArgumentTypeError(f"{text!r}: a ceiling must be a finite amount >= 0")
    if not year.strip():
        return None, amount
    try:
        return int(year), amount
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: {year!r} is not a year") from None


def _share(text: str) -> Decimal:
    """A cut such as ``0.1`` or ``10%``: a share in [0, 1)."""
    raw = text.strip()
    percent = raw.endswith("%")
    try:
        share = Decimal(raw.removesuffix("%").strip())
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a share such as 0.1 or 10%") from None
    if percent:
        share /= 100
    if not share.is_finite() or not 0 <= share < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: a cut must be at least 0 and below 1 (100%)")
    return share


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a number of seconds") from None
    if not 0 < seconds < float("inf"):
        raise argparse.ArgumentTypeError(
            f"{text!r}: a time limit must be a positive number of seconds"
        )
    return seconds


def _add_ceilings(
    parser: argparse.ArgumentParser, *, profile_default: str | None = "uniform"
) -> None:
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
        help="CSV of budget lines (columns line, year, ceiling, rule; see capex.read_budget_lines)",
    )
    shown = profile_default or "the scenario's, else uniform"
    parser.add_argument(
        "--profile",
        default=profile_default,
        help=f"spend profile: uniform, front, back, bell, s-curve(a=2, b=4), ... (default: {shown})",
    )


def _ceilings_of(args: argparse.Namespace, portfolio: capex.Portfolio) -> Any:
    """The ceilings asked for: budget lines, ``{year: 亿元}`` (one amount: every plan year) or None."""
    if args.budget_lines:
        return capex.read_budget_lines(args.budget_lines, encoding=args.encoding)
    if not args.ceiling:
        return None
    flat = [value for year, value in args.ceiling if year is None]
    yearly = {year: value for year, value in args.ceiling if year is not None}
    if flat and (yearly or len(flat) > 1):
        raise UsageError("give either one amount for every year or YEAR=亿元 ceilings, not both")
    if flat:
        return dict.fromkeys(portfolio.plan_years, flat[0])
    years = [year for year, _ in args.ceiling]
    repeated = sorted({y for y in years if years.count(y) > 1})
    if repeated:
        raise UsageError(f"the ceiling of {repeated[0]} is given twice")
    return yearly


def _own_annual_totals(portfolio: capex.Portfolio, profile: Any) -> dict[int, Decimal]:
    """The plan's own annual totals in the plan years (the unmoved cash flow's), in the
    display unit."""
    flows = capex.cash_flow(portfolio, profile or "uniform").flows_minor
    annual = flows.sum(axis=0)
    money = portfolio.money
    return {year: money.to_decimal(int(annual.get(year, 0))) for year in portfolio.plan_years}


def _base_ceilings(
    args: argparse.Namespace, portfolio: capex.Portfolio, *, needed: bool
) -> tuple[Any, str | None]:
    """The ceilings given, else the portfolio's budget lines, else (when ``needed``) its own totals.

    Returns the ceilings and, when they were not given on the command line, a sentence saying
    where they came from.
    """
    given = _ceilings_of(args, portfolio)
    if given is not None:
        return given, None
    if portfolio.budget_lines:
        return tuple(portfolio.budget_lines), "ceilings: the portfolio's own budget lines"
    if not needed:
        return None, None
    first, last = portfolio.plan_period
    note = f"ceilings: none given, so the plan's own annual totals {first}-{last} (its unmoved cash flow)"
    return _own_annual_totals(portfolio, args.profile), note


def _cut(ceilings: Any, share: Decimal, money: Money) -> Any:
    """Every ceiling times ``1 - share``, rounded down to the minor unit (as a scenario scales
    them)."""
    cut = capex.Scenario("cut", ceiling_scale=float(1 - share)).ceilings_for(ceilings)
    if isinstance(cut, dict):  # the solvers round down to the minor unit: show what they use
        step = 1 / money.per() if money.per() > 1 else Decimal(1)
        cut = {
            year: Decimal(value).quantize(step, rounding=ROUND_FLOOR) for year, value in cut.items()
        }
    return cut


def _ceiling_text(ceilings: Any, money: Money) -> str:
    if isinstance(ceilings, dict):
        return (
            ", ".join(
                f"{year}: {format(value.normalize(), 'f')}"
                for year, value in sorted(ceilings.items())
            )
            + f" {money.display_unit}"
        )
    return "; ".join(f"line {line.name!r}" for line in ceilings)


# ---------------------------------------------------------------------------------------
# reading results
# ---------------------------------------------------------------------------------------
def _amount(amount: int, money: Money, unit: str) -> str:
    if amount == 0:
        return "-"
    if money.per(unit) <= 1:
        return f"{int(money.to_decimal(amount, unit)):,}"
    return money.text(amount, unit)


def _result_text(result: capex.PlanResult, unit: str) -> str:
    """A plan's summary, the projects a deferral moved, then the schedule with names and totals."""
    lines = [result.summary(), ""]
    moved = _moved_table(result)
    if moved:
        lines += ["Moved projects (years; windows as planned -> as moved):", moved, ""]
    if len(result.schedule_minor) and result.years:
        lines.append(f"Schedule ({unit}):")
        lines.append(_schedule_table(result, unit))
    return "\n".join(lines)


def _moved_table(result: capex.PlanResult) -> str:
    delays = getattr(result, "delays", None)
    if delays is None or not (delays != 0).any():
        return ""
    moved = delays[delays != 0]
    table = pd.DataFrame(index=[str(i) for i in moved.index])
    table["name"] = [str(result.names.get(pid, "")) for pid in moved.index]
    table["delay"] = [f"{int(d):+d}" for d in moved]
    windows = getattr(result, "windows", None)
    if isinstance(windows, pd.DataFrame):
        new = windows.reindex(moved.index)
        table["planned"] = [
            f"{int(s - d)}-{int(e - d)}"
            for s, e, d in zip(new["start_year"], new["end_year"], moved)
        ]
        table["moved"] = [f"{int(s)}-{int(e)}" for s, e in zip(new["start_year"], new["end_year"])]
    return table.to_string()


def _schedule_table(result: capex.PlanResult, unit: str) -> str:
    minor = result.schedule_minor
    money = result.money

    def amount(value: Any) -> str:
        return _amount(int(value), money, unit)

    names = pd.Series(result.names).reindex(minor.index)
    table = pd.DataFrame(index=[str(i) for i in minor.index])
    table["name"] = ["" if pd.isna(n) else str(n) for n in names]
    for column in minor.columns:
        table[str(column)] = [amount(v) for v in minor[column]]
    table["total"] = [amount(v) for v in minor.sum(axis=1)]
    totals = {str(c): amount(minor[c].sum()) for c in minor.columns}
    table.loc["total"] = {"name": "", **totals, "total": amount(minor.to_numpy().sum())}
    return table.to_string()


def _comparison_text(
    comparison: capex.Comparison, results: Sequence[capex.PlanResult], unit: str
) -> str:
    """The comparison as tables: annual totals side by side, summary, moved projects, changes."""
    lines = [f"Comparison of {', '.join(comparison.labels)} (base: {comparison.base})", ""]

    money = comparison.money
    per = float(money.per())

    def minor_of(values: Any) -> list[int]:
        # the comparison holds the display unit made from integers: back to those integers
        return [round(float(v) * per) for v in values]

    def amount(value: int) -> str:
        return _amount(value, money, unit)

    annual = pd.DataFrame(index=[str(y) for y in comparison.annual.index])
    totals = {}
    for label in comparison.labels:
        amounts = minor_of(comparison.annual[label])
        annual[label] = [amount(a) for a in amounts]
        totals[label] = amount(sum(amounts))
    annual.loc["total"] = totals
    lines += [f"Annual totals ({unit}):", annual.to_string(), ""]

    summary = comparison.summary.copy()
    for column in ("total", "peak", "after_plan"):
        summary[column] = [
            "" if pd.isna(v) else amount(round(float(v) * per)) for v in summary[column]
        ]
    summary["objective"] = ["" if pd.isna(v) else f"{v:.4f}" for v in summary["objective"]]
    lines += [f"Summary ({unit}; objective in each plan's own unit):", summary.to_string(), ""]

    projects = comparison.projects
    changed = pd.Series(False, index=projects.index)
    for label in comparison.labels:
        changed |= (projects[(label, "shift")] != 0) | (projects[(label, "moved")] != 0)
        changed |= projects[(label, "total_change")] != 0
    if changed.any():
        rows = projects.loc[changed]
        columns: dict[tuple[str, str], list[str]] = {
            ("", "name"): [str(n) for n in rows[("", "name")]]
        }
        for label in comparison.labels:
            if label == comparison.base:
                continue
            columns[(label, "shift")] = [
                f"{int(v):+d}" if v else "-" for v in rows[(label, "shift")]
            ]
            columns[(label, "moved")] = [amount(a) for a in minor_of(rows[(label, "moved")])]
            columns[(label, "change")] = [
                amount(a) for a in minor_of(rows[(label, "total_change")])
            ]
        table = pd.DataFrame(columns, index=[str(i) for i in rows.index])
        table.columns = pd.MultiIndex.from_tuples(table.columns)
        heading = (
            f"Projects that moved or changed against {comparison.base} ({unit}; shift in years, "
            "moved: money spent in other years, change: of the total):"
        )
        lines += [heading, table.to_string(), ""]
    else:
        lines += [f"No project moved or changed against {comparison.base}.", ""]
    for label, result in zip(comparison.labels, results):
        for change in result.changes:
            lines.append(f"{label}: {change}")
        if not result.ok:
            lines += [f"{label}: {message}" for message in result.messages]
    return "\n".join(lines).rstrip()


# ---------------------------------------------------------------------------------------
# capex spread
# ---------------------------------------------------------------------------------------
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
        "--secondary",
        choices=("smooth", "peak"),
        help="among the closest plans, prefer a smooth or a low-peak one",
    )
    parser.add_argument(
        "--time-limit", type=_seconds, metavar="SECONDS", help="time limit of the secondary aim"
    )
    _add_outputs(parser)
    parser.set_defaults(run=_run_spread)


def _run_spread(args: argparse.Namespace) -> int:
    portfolio = _load(args)
    result = capex.spread(
        portfolio,
        _ceilings_of(args, portfolio),
        args.profile,
        secondary=args.secondary,
        time_limit=args.time_limit,
    )
    print(_result_text(result, _unit(args, result.money)))
    _write_outputs(result, args, capex.plotting.plot_annual_spend, portfolio)
    return EXIT_OK if result.ok else EXIT_NO


# ---------------------------------------------------------------------------------------
# capex shift
# ---------------------------------------------------------------------------------------
def _delay(text: str) -> int:
    try:
        years = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a whole number of years") from None
    if years < 0:
        raise argparse.ArgumentTypeError(f"{text!r}: a delay cannot be negative")
    return years


def _add_shift_options(
    parser: argparse.ArgumentParser | argparse._ArgumentGroup, *, defaults: bool = True
) -> None:
    parser.add_argument(
        "--max-delay",
        type=_delay,
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
        type=_seconds,
        default=10.0 if defaults else None,
        metavar="SECONDS",
        help="time limit of the solver (default 10 s)",
    )


def _add_shift(commands: Any) -> None:
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
    _add_data(parser)
    _add_ceilings(parser)
    parser.add_argument(
        "--cut",
        type=_share,
        metavar="SHARE",
        help="cut every ceiling by this share: 0.1 or 10%% is a 10%% cut",
    )
    _add_shift_options(parser)
    parser.add_argument(
        "--respread", action="store_true", help="re-spread the moved plan years under the ceilings"
    )
    _add_outputs(parser)
    parser.set_defaults(run=_run_shift)


def _run_shift(args: argparse.Namespace) -> int:
    portfolio = _load(args)
    ceilings, note = _base_ceilings(args, portfolio, needed=args.cut is not None)
    if ceilings is None:
        raise UsageError(
            "give the ceilings to fit: --ceiling YEAR=亿元, --budget-lines FILE or --cut SHARE"
        )
    if args.cut is not None:
        ceilings = _cut(ceilings, args.cut, portfolio.money)
        note = (
            note + ", " if note else "ceilings: "
        ) + f"cut by {format((args.cut * 100).normalize(), 'f')}%"
    result = capex.shift(
        portfolio,
        ceilings,
        args.max_delay,
        args.objective,
        profile=args.profile,
        respread=args.respread,
        time_limit=args.time_limit,
    )
    if note:
        print(f"{note}: {_ceiling_text(ceilings, portfolio.money)}")
    print(_result_text(result, _unit(args, result.money)))

    def gantt(plan: Any) -> Any:
        return capex.plot_gantt(portfolio, scenario=plan, portfolio=portfolio)

    _write_outputs(result, args, gantt, portfolio)
    return EXIT_OK if result.ok else EXIT_NO


# ---------------------------------------------------------------------------------------
# capex scenario run, capex compare
# ---------------------------------------------------------------------------------------
def _add_scenario_inputs(parser: argparse.ArgumentParser) -> None:
    _add_data(parser, positional=False)
    _add_ceilings(parser, profile_default=None)
    group = parser.add_argument_group('for scenarios with method = "shift"')
    _add_shift_options(group, defaults=False)


def _add_scenario(commands: Any) -> None:
    parser = commands.add_parser(
        "scenario",
        help="run a scenario file",
        description="Run a scenario (a name plus changes to the base plan and its ceilings) from its file.",
    )
    actions = parser.add_subparsers(
        dest="action", metavar="ACTION", parser_class=_Parser, required=True
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
    _add_scenario_inputs(run)
    _add_outputs(run)
    run.set_defaults(run=_run_scenario)


def _run_one(
    scenario: capex.Scenario, portfolio: capex.Portfolio, args: argparse.Namespace
) -> capex.PlanResult:
    """Run a scenario with the command line's base ceilings and options."""
    needed = scenario.ceiling_scale is not None and scenario.ceilings is None
    ceilings, _ = _base_ceilings(args, portfolio, needed=needed)
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
    portfolio = _load(args)
    result = _run_one(scenario, portfolio, args)
    print(_result_text(result, _unit(args, result.money)))
    _write_outputs(result, args, capex.plotting.plot_annual_spend, portfolio)
    return EXIT_OK if result.ok else EXIT_NO


def _add_compare(commands: Any) -> None:
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
    _add_scenario_inputs(parser)
    _add_outputs(parser)
    parser.set_defaults(run=_run_compare)


def _run_compare(args: argparse.Namespace) -> int:
    if len(args.files) + args.base < 2:
        raise UsageError("give at least two scenario files to compare, or one with --base")
    scenarios = [capex.Scenario.from_file(path) for path in args.files]
    if args.base:
        scenarios.insert(0, capex.Scenario("base"))
    portfolio = _load(args)
    results = [
        _run_one(scenario, portfolio, args)
        for scenario in capex.progress(scenarios, desc="scenarios", file=sys.stderr)
    ]
    comparison = capex.compare(results)
    print(_comparison_text(comparison, results, _unit(args, comparison.money)))
    _write_outputs(comparison, args, capex.plotting.plot_comparison)
    return EXIT_OK if all(result.ok for result in results) else EXIT_NO


_COMMANDS: list[Callable[[Any], None]] = [
    _add_reconcile,
    _add_spread,
    _add_shift,
    _add_scenario,
    _add_compare,
]
