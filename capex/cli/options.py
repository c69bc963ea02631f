"""Options and outputs the sub-commands share: data, units, output files and ceilings."""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Callable, Sequence
from decimal import ROUND_FLOOR, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import capex
from capex.cli._base import UsageError, lang_default, say
from capex.cli.guard import CSV_FILES, EXCEL_FILE, FIGURE_FILE, INPUT_FILE, check_outputs
from capex.cli.saving import add_save, check_save, save_result
from capex.export.writer import csv_paths
from capex.io.files import atomic_write
from capex.io.tables import SheetArgument
from capex.model.limits import FIRST_YEAR, LAST_YEAR, check_year
from capex.model.money import Money, to_decimal
from capex.model.provenance import Provenance, file_record
from capex.terms import LANGS, TERMS, phrase, term


# ---------------------------------------------------------------------------------------
# shared options
# ---------------------------------------------------------------------------------------
def unit_of(args: argparse.Namespace, money: Money) -> str:
    """The --unit asked for, in the data's currency (its display unit by default)."""
    try:
        return money.normalize_unit(args.unit)
    except ValueError as error:
        raise UsageError(phrase("err_cli_unit", error=error)) from None


def period_arg(text: str) -> tuple[int, int]:
    """``2021-2025`` -> ``(2021, 2025)``."""
    first, sep, last = text.strip().partition("-")
    try:
        years = (int(first), int(last)) if sep else None
    except ValueError:
        years = None
    if years is None:
        raise argparse.ArgumentTypeError(phrase("err_cli_expected_first_last", text=repr(text)))
    try:
        years = (check_year(years[0]), check_year(years[1]))
    except ValueError:
        raise argparse.ArgumentTypeError(
            phrase("err_cli_years_range", text=repr(text), first=FIRST_YEAR, last=LAST_YEAR)
        ) from None
    if years[1] < years[0]:
        raise argparse.ArgumentTypeError(phrase("err_cli_first_after_last", text=repr(text)))
    return years


_PUBLISHED_KEYS = {
    "total": "total_investment",
    "total_investment": "total_investment",
    "plan": "plan_investment",
    "plan_investment": "plan_investment",
}


def published_arg(text: str) -> dict[str, Decimal]:
    """``total=77.8,plan=48.39`` -> the published totals in the amounts' unit."""
    published: dict[str, Decimal] = {}
    for part in text.split(","):
        key, sep, value = part.partition("=")
        name = _PUBLISHED_KEYS.get(key.strip().lower())
        if not sep or name is None:
            raise argparse.ArgumentTypeError(phrase("err_cli_published_expected", text=repr(text)))
        try:
            published[name] = to_decimal(value)
        except ValueError as error:
            raise argparse.ArgumentTypeError(
                phrase("err_cli_published_value", text=repr(text), error=error)
            ) from None
        if not published[name].is_finite() or published[name] < 0:
            raise argparse.ArgumentTypeError(phrase("err_cli_published_amount", text=repr(text)))
    if set(published) != {"total_investment", "plan_investment"}:
        raise argparse.ArgumentTypeError(phrase("err_cli_published_both", text=repr(text)))
    return published


def add_data(
    parser: argparse.ArgumentParser, *, positional: bool = True, sheet: bool = True
) -> None:
    """The project table and how to read it; ``sheet=False`` for a command whose ``--sheet``
    is another file's (the table's first sheet is read)."""
    help_text = phrase("help_data_path")
    if positional:
        parser.add_argument("path", nargs="?", type=INPUT_FILE, metavar="PATH", help=help_text)
    else:
        parser.add_argument("--data", dest="path", type=INPUT_FILE, metavar="PATH", help=help_text)
    if sheet:
        parser.add_argument(
            "--sheet",
            dest="data_sheet",
            metavar="SHEET",
            help=SHEET_HELP,
        )
    parser.add_argument(
        "--encoding",
        default="utf-8",
        help=phrase("help_data_encoding"),
    )
    parser.add_argument(
        "--plan-period",
        type=period_arg,
        metavar="FIRST-LAST",
        help=phrase("help_data_plan_period"),
    )
    parser.add_argument(
        "--published",
        type=published_arg,
        metavar="total=AMOUNT,plan=AMOUNT",
        help=phrase("help_data_published"),
    )
    add_sources_and_years(parser)


def add_sources_and_years(parser: argparse.ArgumentParser) -> None:
    """Where the projects' money comes from, and when their budget year starts."""
    parser.add_argument(
        "--sources",
        type=INPUT_FILE,
        metavar="FILE",
        help=phrase("help_sources_and_years_sources"),
    )
    parser.add_argument(
        "--fiscal-year-start",
        type=month_arg,
        metavar="MONTH",
        help=phrase("help_sources_and_years_fiscal_year_start"),
    )
    parser.add_argument(
        "--fiscal-year-naming",
        choices=("end", "start", "span"),
        help=phrase("help_sources_and_years_fiscal_year_naming"),
    )


def month_arg(text: str) -> int:
    """A month, 1-12."""
    try:
        month = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            phrase("err_cli_expected_month", text=repr(text))
        ) from None
    if not 1 <= month <= 12:
        raise argparse.ArgumentTypeError(phrase("err_cli_expected_month", text=repr(text)))
    return month


def add_outputs(parser: argparse.ArgumentParser, *, plot: bool = True) -> None:
    parser.add_argument(
        "--unit",
        default=None,
        help=phrase("help_outputs_unit"),
    )
    parser.add_argument(
        "--lang",
        choices=LANGS,
        default=lang_default(parser),
        help=phrase("help_outputs_lang"),
    )
    parser.add_argument(
        "--excel", type=EXCEL_FILE, metavar="FILE.xlsx", help=phrase("help_outputs_excel")
    )
    parser.add_argument(
        "--csv",
        type=CSV_FILES,
        metavar="PATH",
        help=phrase("help_outputs_csv"),
    )
    if plot:
        parser.add_argument(
            "--plot",
            type=FIGURE_FILE,
            metavar="FILE",
            help=phrase("help_outputs_plot"),
        )
    add_save(parser)  # --save NAME: the plan store (capex.cli.saving)


def count_arg(what: str) -> Callable[[str], int]:
    """An argument type for a whole number of ``what`` of at least one (``"workers"``)."""

    noun = phrase(f"err_cli_count_{what}") if f"err_cli_count_{what}" in TERMS else what

    def parse(text: str) -> int:
        try:
            count = int(text.replace(",", "").replace("_", ""))
        except ValueError:
            raise argparse.ArgumentTypeError(
                phrase("err_cli_expected_count", text=repr(text), what=noun)
            ) from None
        if count < 1:
            raise argparse.ArgumentTypeError(
                phrase("err_cli_at_least_one", text=repr(text), what=noun)
            )
        return count

    return parse


def add_executor(parser: argparse.ArgumentParser, *, what: str) -> None:
    """``--workers N`` (local processes) or ``--scheduler ADDRESS`` (a Dask cluster) to run
    ``what`` on: ``"draws"`` or ``"scenarios"`` (the term ``help_run_<what>`` names them)."""
    runs = phrase(f"help_run_{what}")
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--workers",
        type=count_arg("workers"),
        default=1,
        metavar="N",
        help=phrase("help_workers", what=runs),
    )
    group.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help=phrase("help_scheduler", what=runs),
    )


def executor_of(args: argparse.Namespace) -> dict[str, Any]:
    """The ``workers`` or ``scheduler`` keyword of :func:`capex.sweep` the options ask for."""
    if args.scheduler is not None:
        return {"scheduler": args.scheduler}
    return {"workers": args.workers}


SHEET_HELP = phrase("help_sheet")
"""What ``--sheet`` means, the same for every command and file."""


def sheet_argument(text: str | None) -> SheetArgument | None:
    """A ``--sheet`` value as the readers take it (see :data:`SHEET_HELP`)."""
    if text is None:
        return None
    if not text.strip():
        raise UsageError(phrase("err_cli_sheet"))
    return SheetArgument(text)


def sheet_of(args: argparse.Namespace) -> SheetArgument | None:
    """The --sheet of the project table (see :data:`SHEET_HELP`). Commands without the option
    (their --sheet is another file's) read the first visible sheet."""
    return sheet_argument(getattr(args, "data_sheet", None))


def load(args: argparse.Namespace) -> capex.Portfolio:
    if args.path is None and getattr(args, "data_sheet", None) is not None:
        raise UsageError(phrase("err_cli_sheet_needs_workbook"))
    portfolio = capex.load_projects(
        args.path,
        sheet=sheet_of(args),
        encoding=args.encoding,
        plan_period=args.plan_period,
        published=args.published,
        fiscal_year_start=getattr(args, "fiscal_year_start", None),
        fiscal_year_naming=getattr(args, "fiscal_year_naming", None),
    )
    if getattr(args, "sources", None):
        sources = capex.load_sources(args.sources, portfolio, encoding=args.encoding)
        portfolio = portfolio.replace(sources=sources)
    args.loaded_portfolio = portfolio  # --save keeps its project codes beside a result
    return portfolio


def check_output_names(args: argparse.Namespace) -> None:
    """Refuse output paths that capex would otherwise have to rename or guess: before any
    work is done, so a long solve never ends in a usage error."""
    _file_ending_in(args, "excel", ".xlsx", phrase("err_cli_a_workbook"))
    _file_ending_in(args, "write_portfolio", ".csv", phrase("err_cli_a_project_table"))
    csv = getattr(args, "csv", None)
    if csv:
        path = Path(csv)
        if path.suffix and path.suffix.lower() != ".csv" and not path.is_dir():
            raise UsageError(phrase("err_cli_csv_folder", csv=csv))
        if path.suffix.lower() == ".csv":
            _folder_exists("--csv", path)
    plot = getattr(args, "plot", None)
    if plot:
        path = Path(plot)
        if path.is_dir() or plot.endswith(("/", "\\")):
            raise UsageError(phrase("err_cli_plot_folder", plot=plot, example=path / "plan.png"))
        kinds = figure_kinds()
        if path.suffix.lower().lstrip(".") not in kinds:
            raise UsageError(
                phrase(
                    "err_cli_plot_suffix",
                    plot=plot,
                    suffix=", .".join(k for k in kinds if k not in ("png", "pdf", "svg")),
                )
            )
        _folder_exists("--plot", path)
    check_save(args)


def figure_kinds() -> list[str]:
    """The file suffixes matplotlib can save a figure as."""
    from matplotlib.backend_bases import FigureCanvasBase

    return sorted(FigureCanvasBase.get_supported_filetypes())


def _file_ending_in(args: argparse.Namespace, name: str, suffix: str, what: object) -> None:
    """The output file ``--name`` must end in ``suffix`` and have its folder."""
    given = getattr(args, name, None)
    if not given:
        return
    flag = "--" + name.replace("_", "-")
    if Path(given).suffix.lower() != suffix:
        raise UsageError(
            phrase("err_cli_file_ending", flag=flag, given=given, what=what, suffix=suffix)
        )
    _folder_exists(flag, Path(given))


def _folder_exists(flag: str, path: Path) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise UsageError(phrase("err_cli_no_folder", flag=flag, path=path, folder=folder))


def with_files(result: Any, paths: Any) -> Any:
    """``result`` whose provenance also records the input files ``paths`` (scenario or
    budget-line files given on the command line)."""
    files = [file_record(path) for path in paths if path and Path(path).is_file()]
    if not files or not hasattr(result, "provenance"):
        return result
    record = result.provenance or Provenance()
    return dataclasses.replace(result, provenance=record.with_inputs(*files))


OwnWrite = tuple[str, Sequence[Path], Callable[[], Path]]
"""A file a command writes itself: the option that asks for it, the files it writes (the
table and the metadata beside it) and the function that writes them."""


def finish(
    args: argparse.Namespace,
    text: str,
    obj: Any,
    draw: Callable[[Any], Any] | None,
    code: int,
    portfolio: capex.Portfolio | None = None,
    *,
    written: Sequence[Path] = (),
    writes: Sequence[OwnWrite] = (),
) -> int:
    """Write the --excel, --csv and --plot files, then print ``text`` and where the files
    went, and return ``code``.

    The files come first, so that a reader who stops reading early (``| head``) still gets
    them, and the exit code stays the run's. With the ``portfolio`` a plan came from, the
    files also carry its reconciliation. ``written`` are files the command wrote itself, said
    after the others; ``writes`` are files the command writes itself (``--write-portfolio``),
    as ``(option, files, write)``: checked with the others against the command's inputs
    before any file is written, then written first.
    """
    unit, lang = getattr(args, "unit", None), getattr(args, "lang", "en")
    done = list(written)
    # every file this run will write, checked against its inputs before the first is written
    targets: list[tuple[str | Path, str]] = [
        (path, option) for option, paths, _ in writes for path in paths
    ]
    if args.excel:
        targets.append((args.excel, "--excel"))
    if args.csv:
        paths = csv_paths(obj, args.csv, reconciliation=portfolio, unit=unit, lang=lang)
        targets += [(path, "--csv") for path in paths]
    if getattr(args, "plot", None):
        targets.append((args.plot, "--plot"))
    check_outputs(targets)
    written = [write() for _, _, write in writes]
    if args.excel:
        written.append(
            capex.to_excel(obj, args.excel, reconciliation=portfolio, unit=unit, lang=lang)
        )
    if args.csv:
        written += capex.to_csv(obj, args.csv, reconciliation=portfolio, unit=unit, lang=lang)
    if getattr(args, "plot", None):
        if draw is None:
            raise UsageError(phrase("err_cli_no_figure"))
        written.append(save_plot(draw, obj, args.plot))
    saved = save_result(args, obj, portfolio)
    say(text)
    for path in [*written, *done]:
        say(term("wrote", lang, path=path))
    for line in saved:
        say(line)
    return code


def save_plot(draw: Callable[[Any], Any], obj: Any, path: str) -> Path:
    """Draw ``obj`` and save the figure to ``path``, whole or not at all."""
    import matplotlib

    matplotlib.use("Agg")  # files only: never open a window from the command line
    import matplotlib.pyplot as plt

    ax = draw(obj)
    figure = ax.figure
    try:
        with atomic_write(path) as temporary:
            figure.savefig(temporary, dpi=150, bbox_inches="tight", format=Path(path).suffix[1:])
    finally:
        plt.close(figure)
    return Path(path)


# ---------------------------------------------------------------------------------------
# ceilings, shared by spread, shift, scenario and compare
# ---------------------------------------------------------------------------------------
def keyed_amount(text: str, unreadable: object, negative: object) -> tuple[str, Decimal]:
    """``KEY=AMOUNT`` (or a bare ``AMOUNT``, whose key is ``""``) as the key's text and an exact
    amount of at least 0; ``unreadable`` and ``negative`` are the errors said otherwise."""
    key, sep, value = text.partition("=")
    if not sep:
        key, value = "", text
    try:
        amount = Decimal(value.strip())
    except InvalidOperation:
        raise argparse.ArgumentTypeError(unreadable) from None
    if not amount.is_finite() or amount < 0:
        raise argparse.ArgumentTypeError(negative)
    return key, amount


def ceiling_arg(text: str) -> tuple[int | None, Decimal]:
    """``2021=10`` -> ``(2021, Decimal("10"))``; a bare ``10`` -> ``(None, ...)`` (every plan year)."""
    year, amount = keyed_amount(
        text,
        term("cli_bad_ceiling", text=repr(text)),
        term("cli_negative_ceiling", text=repr(text)),
    )
    if not year.strip():
        return None, amount
    try:
        return int(year), amount
    except ValueError:
        raise argparse.ArgumentTypeError(
            phrase("err_cli_not_a_year", text=repr(text), year=repr(year))
        ) from None


def share_arg(text: str) -> Decimal:
    """A cut such as ``0.1`` or ``10%``: a share in [0, 1)."""
    raw = text.strip()
    percent = raw.endswith("%")
    try:
        share = Decimal(raw.removesuffix("%").strip())
    except InvalidOperation:
        raise argparse.ArgumentTypeError(
            phrase("err_cli_expected_share", text=repr(text))
        ) from None
    if percent:
        share /= 100
    if not share.is_finite() or not 0 <= share < 1:
        raise argparse.ArgumentTypeError(phrase("err_cli_cut_range", text=repr(text)))
    return share


def seconds_arg(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            phrase("err_cli_expected_seconds", text=repr(text))
        ) from None
    if not 0 < seconds < float("inf"):
        raise argparse.ArgumentTypeError(phrase("err_cli_time_limit", text=repr(text)))
    return seconds


def add_ceilings(
    parser: argparse.ArgumentParser, *, profile_default: str | None = "uniform"
) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--ceiling",
        type=ceiling_arg,
        action="append",
        metavar="YEAR=亿元",
        help=phrase("help_ceilings_ceiling"),
    )
    group.add_argument(
        "--budget-lines",
        type=INPUT_FILE,
        metavar="FILE",
        help=phrase("help_ceilings_budget_lines"),
    )
    shown = profile_default or phrase("help_profile_of_scenario")
    parser.add_argument(
        "--profile",
        default=profile_default,
        help=phrase("help_profile", default=shown),
    )


def ceilings_of(args: argparse.Namespace, portfolio: capex.Portfolio) -> Any:
    """The ceilings asked for: budget lines, ``{year: 亿元}`` (one amount: every plan year) or None."""
    if args.budget_lines:
        return capex.read_budget_lines(
            args.budget_lines, encoding=args.encoding, portfolio=portfolio
        )
    if not args.ceiling:
        return None
    flat = [value for year, value in args.ceiling if year is None]
    yearly = {year: value for year, value in args.ceiling if year is not None}
    if flat and (yearly or len(flat) > 1):
        raise UsageError(phrase("err_cli_ceiling_one_or_years"))
    if flat:
        return dict.fromkeys(portfolio.plan_years, flat[0])
    years = [year for year, _ in args.ceiling]
    repeated = sorted({y for y in years if years.count(y) > 1})
    if repeated:
        raise UsageError(phrase("err_cli_ceiling_twice", repeated=repeated[0]))
    return yearly


def own_annual_totals(portfolio: capex.Portfolio, profile: Any) -> dict[int, Decimal]:
    """The plan's own annual totals in the plan years (the unmoved cash flow's), in the
    display unit."""
    flows = capex.cash_flow(portfolio, profile or "uniform").flows_minor
    annual = flows.sum(axis=0)
    money = portfolio.money
    return {year: money.to_decimal(int(annual.get(year, 0))) for year in portfolio.plan_years}


def base_ceilings(
    args: argparse.Namespace, portfolio: capex.Portfolio, *, needed: bool
) -> tuple[Any, str | None]:
    """The ceilings given, else the portfolio's budget lines, else (when ``needed``) its own totals.

    Returns the ceilings and, when they were not given on the command line, a sentence saying
    where they came from.
    """
    lang = getattr(args, "lang", "en")
    given = ceilings_of(args, portfolio)
    if given is not None:
        return given, None
    if portfolio.budget_lines:
        return tuple(portfolio.budget_lines), term("ceilings_own_lines", lang)
    if not needed:
        return None, None
    first, last = portfolio.plan_period
    note = term("ceilings_own_totals", lang, first=first, last=last)
    return own_annual_totals(portfolio, args.profile), note


def cut(ceilings: Any, share: Decimal, money: Money) -> Any:
    """Every ceiling times ``1 - share``, rounded down to the minor unit (as a scenario scales
    them)."""
    cut = capex.Scenario("cut", ceiling_scale=float(1 - share)).ceilings_for(ceilings)
    if isinstance(cut, dict):  # the solvers round down to the minor unit: show what they use
        step = 1 / money.per() if money.per() > 1 else Decimal(1)
        cut = {
            year: Decimal(value).quantize(step, rounding=ROUND_FLOOR) for year, value in cut.items()
        }
    return cut


def ceiling_text(ceilings: Any, money: Money, unit: str | None = None, lang: str = "en") -> str:
    """Ceilings in words: ``2021: 9.9, 2022: 9 亿元`` (in ``unit``, as the solvers read them:
    rounded down to the minor unit) or the budget lines' names."""
    if isinstance(ceilings, dict):
        unit = money.normalize_unit(unit)
        return (
            term("list_separator", lang).join(
                f"{year}: {money.text(money.ceiling_to_minor(value), unit)}"
                for year, value in sorted(ceilings.items())
            )
            + f" {unit}"
        )
    return term("semicolon", lang).join(
        term("line_named", lang, name=line.name) for line in ceilings
    )
