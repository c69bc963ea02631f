"""Export results to an Excel workbook or CSV files a finance office can open.

Every exportable object (a reconciliation report, a plan result, a comparison) becomes a list
of named tables, the *sheets*; :func:`to_excel` writes them to one workbook, :func:`to_csv`
to one CSV file each. Amounts are written in the money's display unit (亿元 for the bundled
plan): as numbers with a number format in Excel, as exact decimal text in CSV, so reading
either back gives the same integers of the minor unit (万元).
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import CapexError
from capex.money import WAN, Money
from capex.reconcile import ReconciliationReport, reconcile

AMOUNT_FORMAT = "#,##0.00##"
"""Excel number format of amounts in 亿元 over 万元: two decimals at least, four (one 万元) at
most; see :func:`amount_format` for other units."""

TOTAL_LABEL = "total"
"""Label of the totals row and column."""


class ExportError(CapexError):
    """An object capex cannot export, or a file it cannot write."""


@dataclass
class Sheet:
    """One table to export.

    Attributes
    ----------
    name
        Sheet name in the workbook (at most 31 characters) and stem of the CSV file.
    frame
        The table, written without its index. Amount columns hold integers of the minor unit.
    amount_columns
        Columns holding integers of the minor unit, written in the display unit.
    total_rows
        Number of rows at the bottom that are totals (drawn in bold in Excel).
    unit_in_header
        Whether amount headers carry the unit (``total (亿元)``); a schedule's year columns
        do not, the sheet says its unit in the assumptions instead.
    money
        The currency and minor unit of the amounts; they are shown in its display unit.
    """

    name: str
    frame: pd.DataFrame
    amount_columns: list[Any] = field(default_factory=list)
    total_rows: int = 0
    unit_in_header: bool = True
    money: Money = WAN

    def header(self, column: Any) -> Any:
        """The column's header in the files."""
        if self.unit_in_header and column in self.amount_columns:
            return amount_header(column, self.money.display_unit)
        return column


def sheets(obj: Any, reconciliation: Any = None) -> list[Sheet]:
    """The tables that :func:`to_excel` and :func:`to_csv` write for ``obj``.

    ``reconciliation`` (a :class:`~capex.reconcile.ReconciliationReport`, or the
    :class:`~capex.portfolio.Portfolio` to reconcile) adds the reconciliation, the split and
    the findings to a plan's or a comparison's tables, before the assumptions.

    Raises
    ------
    ExportError
        When capex does not know how to export ``obj``.
    """
    for kind, make in _EXPORTERS:
        if _is(obj, kind):
            tables = make(obj)
            break
    else:
        raise ExportError(
            f"cannot export a {type(obj).__name__}; expected a reconciliation report, a plan "
            "result or a comparison"
        )
    money = getattr(obj, "money", WAN)
    if reconciliation is not None and not _is(obj, "ReconciliationReport"):
        report = (
            reconciliation
            if _is(reconciliation, "ReconciliationReport")
            else reconcile(reconciliation)
        )
        checks = [_totals_sheet(report), _split_sheet(report), _findings_sheet(report)]
        tables = tables[:-1] + checks + tables[-1:]  # the assumptions stay last
    for table in tables:
        table.money = money
    return tables


def to_excel(obj: Any, path: str | Path, *, reconciliation: Any = None) -> Path:
    """Write ``obj`` to an .xlsx workbook, one sheet per table.

    Amounts are in 亿元, written as numbers with the number format ``#,##0.00##``;
    reading the workbook back with :func:`pandas.read_excel` gives the same 万元.

    Parameters
    ----------
    obj
        A :class:`~capex.reconcile.ReconciliationReport`, a plan result (of :func:`capex.spread`,
        :func:`capex.shift` or a scenario; a deferral plan adds a ``delays`` sheet) or a
        :class:`~capex.compare.Comparison` (sheets ``annual``, ``summary``, ``projects``,
        ``moves``).
    path
        The workbook to write; ``.xlsx`` is added when it has no suffix.
    reconciliation
        For a plan or a comparison: the portfolio (or its reconciliation report), whose
        reconciliation, split and findings sheets are added.

    Returns
    -------
    Path
        The workbook written.

    Examples
    --------
    >>> import capex
    >>> report = capex.reconcile(capex.load_projects())
    >>> capex.to_excel(report, "reconciliation.xlsx")  # doctest: +SKIP
    """
    path = Path(path)
    if not path.suffix:
        path = path.with_suffix(".xlsx")
    tables = sheets(obj, reconciliation)
    try:
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            for sheet in tables:
                frame = _in_display_unit(sheet)
                frame.to_excel(writer, sheet_name=sheet.name, index=False)
                _format_sheet(writer.sheets[sheet.name], sheet, frame)
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None
    return path


def to_csv(obj: Any, path: str | Path, *, reconciliation: Any = None) -> list[Path]:
    """Write ``obj`` to CSV files (UTF-8 with a byte-order mark, so Excel reads the Chinese).

    Parameters
    ----------
    obj
        As for :func:`to_excel`.
    path
        A directory (existing, or a path without a ``.csv`` suffix): one ``<sheet>.csv`` per
        table in it. Or a ``.csv`` file: the first table (the schedule of a result, the totals
        of a report) in it and each other table beside it as ``<stem>_<sheet>.csv``.
    reconciliation
        As for :func:`to_excel`.

    Returns
    -------
    list of Path
        The files written, the main table first.
    """
    path = Path(path)
    tables = sheets(obj, reconciliation)
    if path.suffix.lower() == ".csv":
        targets = [path] + [path.with_name(f"{path.stem}_{s.name}.csv") for s in tables[1:]]
    else:
        targets = [path / f"{s.name}.csv" for s in tables]
    try:
        targets[0].parent.mkdir(parents=True, exist_ok=True)
        for sheet, target in zip(tables, targets):
            _in_display_text(sheet).to_csv(
                target, index=False, encoding="utf-8-sig", lineterminator="\n"
            )
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None
    return targets


def amount_header(column: str, unit: str = "亿元") -> str:
    """Header of an amount column in the files: ``'total (亿元)'``."""
    return f"{column} ({unit})"


def amount_format(money: Money) -> str:
    """Excel number format of amounts in the display unit: two decimals at least (when the
    unit has any) and as many as one minor unit needs at most."""
    decimals = money.decimals()
    if decimals == 0:
        return "#,##0"
    return "#,##0." + "0" * min(decimals, 2) + "#" * max(decimals - 2, 0)


# ---------------------------------------------------------------------------------------
# writing
# ---------------------------------------------------------------------------------------
def _in_display_unit(sheet: Sheet) -> pd.DataFrame:
    """The sheet's table with amounts as numbers of the display unit (exact to the minor
    unit once rounded)."""
    frame = sheet.frame.copy()
    per = float(sheet.money.per())
    for column in sheet.amount_columns:
        minor = pd.array(frame[column].tolist(), dtype="Int64")
        frame[column] = minor.to_numpy(dtype="float64", na_value=np.nan) / per
    return frame.rename(columns={c: sheet.header(c) for c in sheet.amount_columns})


def _in_display_text(sheet: Sheet) -> pd.DataFrame:
    """The sheet's table with amounts as exact decimal text of the display unit (empty
    where missing)."""
    frame = sheet.frame.copy()
    for column in sheet.amount_columns:
        frame[column] = [
            "" if pd.isna(v) else sheet.money.text(int(v)) for v in frame[column].tolist()
        ]
    return frame.rename(columns={c: sheet.header(c) for c in sheet.amount_columns})


def _text_width(value: object) -> int:
    # a CJK character takes about two Latin widths in a spreadsheet cell
    text = "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _format_sheet(worksheet: Any, sheet: Sheet, frame: pd.DataFrame) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    amount_headers = {sheet.header(c) for c in sheet.amount_columns}
    number_format = amount_format(sheet.money)
    n_rows = len(frame)
    for position, column in enumerate(frame.columns, start=1):
        letter = get_column_letter(position)
        values = frame[column].tolist()
        if column in amount_headers:
            for row in range(2, n_rows + 2):
                worksheet[f"{letter}{row}"].number_format = number_format
            numbers = [
                _text_width(f"{v:,.4f}") for v in values if isinstance(v, float) and not np.isnan(v)
            ]
            width = max([_text_width(column), *numbers])
        else:
            width = max([_text_width(column)] + [_text_width(v) for v in values])
        if column == "message":
            width = min(width, 100)
            for row in range(2, n_rows + 2):
                worksheet[f"{letter}{row}"].alignment = Alignment(wrap_text=True, vertical="top")
        worksheet.column_dimensions[letter].width = min(max(width + 2, 8), 100)
    for row in range(n_rows + 2 - sheet.total_rows, n_rows + 2):
        for cell in worksheet[row]:
            cell.font = Font(bold=True)
    worksheet.freeze_panes = "A2"


# ---------------------------------------------------------------------------------------
# what each object exports
# ---------------------------------------------------------------------------------------
def _is(obj: Any, kind: str) -> bool:
    return any(cls.__name__ == kind for cls in type(obj).__mro__)


def _report_sheets(report: ReconciliationReport) -> list[Sheet]:
    return [
        _totals_sheet(report),
        _split_sheet(report),
        _findings_sheet(report),
        Sheet("assumptions", _assumptions(_report_assumptions(report), report.money)),
    ]


def _split_sheet(report: ReconciliationReport, name: str = "split") -> Sheet:
    """Per-project split of the totals, with a totals row."""
    split = report.split_minor.reset_index()
    amounts = {
        "total": split["total_minor"],
        "before": split["before_minor"],
        "in_plan": split["in_plan_minor"],
        "after": split["after_minor"],
        "unplaceable": split["unplaceable_minor"],
    }
    frame = split[["id", "name", "start_year", "end_year"]].copy()
    frame["id"] = frame["id"].astype(object)
    for column, values in amounts.items():
        frame[column] = values.astype("int64")
    total_row = {"id": None, "name": TOTAL_LABEL, "start_year": None, "end_year": None}
    total_row.update({column: int(values.sum()) for column, values in amounts.items()})
    frame = pd.concat([frame, pd.DataFrame([total_row])], ignore_index=True)
    return Sheet(name, frame, list(amounts), total_rows=1)


def _totals_sheet(report: ReconciliationReport, name: str = "reconciliation") -> Sheet:
    totals = report.totals.reset_index()
    frame = pd.DataFrame(
        {
            "figure": totals["figure"],
            "published": totals["published_minor"],
            "computed": totals["computed_minor"],
            "difference": totals["difference_minor"],
            "status": totals["status"],
        }
    )
    return Sheet(name, frame, ["published", "computed", "difference"])


def _findings_sheet(report: ReconciliationReport, name: str = "findings") -> Sheet:
    findings = report.findings
    findings["project_id"] = (
        findings["project_id"].astype(object).where(findings["project_id"].notna(), "all")
    )
    return Sheet(name, findings)


def _report_assumptions(report: ReconciliationReport) -> list[tuple[str, str]]:
    first, last = report.plan_period
    published = report.published
    money = report.money
    unit = money.display_unit
    return [
        ("portfolio", report.name),
        ("plan period", f"{first}-{last}"),
        (
            f"published total investment ({unit})",
            "not published" if published is None else money.text(published.total_minor),
        ),
        (
            f"published investment {first}-{last} ({unit})",
            "not published" if published is None else money.text(published.plan_minor),
        ),
        ("totals reconcile", "yes" if report.reconciles else "no"),
        (
            "split outside the plan period",
            (
                "total minus plan investment, shared between the window's years before and after "
                "the plan period in proportion to their number; unplaceable when the window has none"
            ),
        ),
    ]


def _assumptions(items: Sequence[tuple[str, object]], money: Money = WAN) -> pd.DataFrame:
    from capex import __version__

    rows = [(key, "" if value is None else str(value)) for key, value in items]
    rows += [
        ("amount unit", money.describe()),
        ("capex version", __version__),
        ("exported on", _dt.date.today().isoformat()),
    ]
    return pd.DataFrame(rows, columns=["item", "value"])


def _result_sheets(result: Any) -> list[Sheet]:
    """A plan (spread or shift): schedule, annual totals, budget lines, delays, assumptions."""
    out = [_schedule_sheet(result), _annual_sheet(result)]
    lines = _lines_sheet(result)
    if lines is not None:
        out.append(lines)
    for extra in (_delays_sheet(result), _overload_sheet(result)):
        if extra is not None:
            out.append(extra)
    out.append(Sheet("assumptions", _assumptions(_result_assumptions(result), result.money)))
    return out


def _schedule_sheet(result: Any, name: str = "schedule") -> Sheet:
    """Project x year in the display unit, with names, a totals column and a totals row."""
    schedule = result.schedule_minor
    years = [int(y) for y in schedule.columns]
    frame = pd.DataFrame({"id": list(schedule.index)}, dtype=object)
    names = pd.Series(result.names).reindex(schedule.index)
    frame["name"] = ["" if pd.isna(n) else str(n) for n in names]
    for year, column in zip(years, schedule.columns):
        frame[year] = schedule[column].to_numpy(dtype=np.int64)
    frame[TOTAL_LABEL] = schedule.to_numpy(dtype=np.int64).sum(axis=1)
    total_row: dict[Any, Any] = {"id": None, "name": TOTAL_LABEL}
    total_row.update({year: int(frame[year].sum()) for year in [*years, TOTAL_LABEL]})
    frame = pd.concat([frame, pd.DataFrame([total_row])], ignore_index=True)
    return Sheet(name, frame, [*years, TOTAL_LABEL], total_rows=1, unit_in_header=False)


def _annual_sheet(result: Any, name: str = "annual") -> Sheet:
    """Per year: total against ceiling and headroom, whether it binds, what is missing."""
    schedule = result.schedule_minor
    years = [int(y) for y in schedule.columns]
    totals = schedule.to_numpy(dtype=np.int64).sum(axis=0)
    ceilings = pd.Series(result.ceilings_minor, dtype=object)
    ceilings.index = [int(y) for y in ceilings.index]
    ceiling = [None if pd.isna(ceilings.get(y)) else int(ceilings.get(y)) for y in years]
    extra = pd.Series(result.extra_budget_minor, dtype=object)
    extra.index = [int(y) for y in extra.index]
    shadow = pd.Series(result.shadow_prices, dtype=float)
    shadow.index = [int(y) for y in shadow.index]
    frame = pd.DataFrame(
        {
            "year": years,
            "total": totals,
            "ceiling": ceiling,
            "headroom": [None if c is None else c - int(t) for c, t in zip(ceiling, totals)],
            "binding": [
                "yes" if c is not None and int(t) >= c else "no" for c, t in zip(ceiling, totals)
            ],
            "extra_budget": [int(extra.get(y, 0) or 0) for y in years],
            "shadow_price": [float(shadow.get(y, 0.0)) for y in years],
        }
    )
    return Sheet(name, frame, ["total", "ceiling", "headroom", "extra_budget"])


def _lines_sheet(result: Any, name: str = "budget lines") -> Sheet | None:
    """Several budget lines: ceiling, drawn and extra budget per line and year (long form)."""
    ceilings = getattr(result, "line_ceilings_minor", None)
    drawn = getattr(result, "line_totals_minor", None)
    if ceilings is None or drawn is None:
        return None
    extra = getattr(result, "line_extra_budget_minor", None)
    rows = []
    for line in drawn.index:
        for year in drawn.columns:
            ceiling = (
                ceilings.at[line, year]
                if line in ceilings.index and year in ceilings.columns
                else None
            )
            ceiling = None if ceiling is None or pd.isna(ceiling) else int(ceiling)
            total = int(drawn.at[line, year])
            more = 0
            if extra is not None and line in extra.index and year in extra.columns:
                more = 0 if pd.isna(extra.at[line, year]) else int(extra.at[line, year])
            rows.append(
                {
                    "line": str(line),
                    "year": int(year),
                    "total": total,
                    "ceiling": ceiling,
                    "headroom": None if ceiling is None else ceiling - total,
                    "extra_budget": more,
                }
            )
    return Sheet(name, pd.DataFrame(rows), ["total", "ceiling", "headroom", "extra_budget"])


def _delays_sheet(result: Any, name: str = "delays") -> Sheet | None:
    """A deferral plan: each project's delay in years and its window before and after."""
    delays = getattr(result, "delays", None)
    if delays is None:
        return None
    delays = pd.Series(delays)
    names = pd.Series(result.names).reindex(delays.index)
    frame = pd.DataFrame(
        {
            "id": list(delays.index),
            "name": ["" if pd.isna(n) else str(n) for n in names],
            "delay_years": [int(d) for d in delays.to_numpy()],
        }
    )
    windows = getattr(result, "windows", None)
    if isinstance(windows, pd.DataFrame) and {"start_year", "end_year"} <= set(windows.columns):
        moved = windows.reindex(delays.index)
        if moved.notna().all().all():
            start = moved["start_year"].to_numpy(dtype=np.int64)
            end = moved["end_year"].to_numpy(dtype=np.int64)
            shift = frame["delay_years"].to_numpy(dtype=np.int64)
            frame["planned_start"] = start - shift
            frame["planned_end"] = end - shift
            frame["start_year"] = start
            frame["end_year"] = end
    return Sheet(name, frame)


def _overload_sheet(result: Any, name: str = "overload") -> Sheet | None:
    """An infeasible deferral plan: what stays over each ceiling at the best allowed delays."""
    overload = getattr(result, "overload_minor", None)
    if not isinstance(overload, pd.DataFrame) or not overload.to_numpy().any():
        return None
    rows = [
        {"line": str(line), "year": int(year), "overload": int(overload.at[line, year])}
        for line in overload.index
        for year in overload.columns
        if overload.at[line, year]
    ]
    return Sheet(name, pd.DataFrame(rows), ["overload"])


def _result_assumptions(result: Any) -> list[tuple[str, object]]:
    ceilings = pd.Series(result.ceilings_minor, dtype=object)
    ceiling_text = "; ".join(
        f"{int(year)}: {result.money.text(int(value))}"
        for year, value in ceilings.items()
        if not pd.isna(value)
    )
    items: list[tuple[str, object]] = [
        ("status", str(result.status)),
        ("method", result.method),
        ("profile", result.profile),
        (f"ceilings ({result.money.display_unit})", ceiling_text or "none"),
        ("scenario", result.scenario or "base"),
        ("scenario changes", "; ".join(result.changes) or "none"),
        (
            f"objective ({_objective_unit(result)})",
            "" if result.objective != result.objective else f"{result.objective:.4f}",
        ),
        ("runtime (s)", f"{result.runtime:.3f}"),
    ]
    if hasattr(result, "delays"):  # a deferral plan
        moved = pd.Series(result.delays)
        items += [
            ("objective name", getattr(result, "objective_name", "")),
            ("tie-break", getattr(result, "tiebreak", None) or "none"),
            ("makespan (years)", getattr(result, "makespan", "")),
            ("projects moved", int((moved != 0).sum())),
            ("solver", getattr(result, "solver", "")),
        ]
    items += [(f"note {i}", message) for i, message in enumerate(result.messages, start=1)]
    return items


def _objective_unit(result: Any) -> str:
    """A deferral plan's objective is in its own unit; a spread's is money moved, in the
    display unit."""
    units = {"delay": "priority-weighted years", "makespan": "years"}
    return units.get(getattr(result, "objective_name", ""), result.money.display_unit)


def _comparison_sheets(comparison: Any) -> list[Sheet]:
    """A comparison: annual totals side by side, summary, projects, moves, assumptions."""
    return [
        _comparison_annual_sheet(comparison),
        _comparison_summary_sheet(comparison),
        _comparison_projects_sheet(comparison),
        _comparison_moves_sheet(comparison),
        Sheet("assumptions", _assumptions(_comparison_assumptions(comparison), comparison.money)),
    ]


def _minor_of(values: Any, money: Money) -> list[Any]:
    """Amounts a comparison holds in the display unit back to integers of the minor unit."""
    per = float(money.per())
    return [None if pd.isna(v) else round(float(v) * per) for v in values]


def _comparison_annual_sheet(comparison: Any, name: str = "annual") -> Sheet:
    """Per year, each plan's total, and its ceiling where one has one, with a totals row."""
    annual = comparison.annual
    ceilings = getattr(comparison, "ceilings", None)
    frame = pd.DataFrame({"year": [int(y) for y in annual.index]}, dtype=object)
    amounts: list[str] = []
    for label in annual.columns:
        frame[str(label)] = _minor_of(annual[label], comparison.money)
        amounts.append(str(label))
    if isinstance(ceilings, pd.DataFrame):
        for label in ceilings.columns:
            if ceilings[label].notna().any():
                column = f"{label} ceiling"
                frame[column] = _minor_of(ceilings[label].reindex(annual.index), comparison.money)
                amounts.append(column)
    total_row: dict[Any, Any] = {"year": TOTAL_LABEL}
    total_row.update({str(label): int(sum(frame[str(label)])) for label in annual.columns})
    frame = pd.concat([frame, pd.DataFrame([total_row])], ignore_index=True)
    return Sheet(name, frame, amounts, total_rows=1)


def _comparison_summary_sheet(comparison: Any, name: str = "summary") -> Sheet:
    summary = comparison.summary
    frame = summary.reset_index().rename(columns={summary.index.name or "index": "plan"})
    amounts = [c for c in ("total", "peak", "after_plan") if c in frame.columns]
    for column in amounts:
        frame[column] = _minor_of(frame[column], comparison.money)
    if "peak_year" in frame.columns:
        frame["peak_year"] = [None if pd.isna(y) else int(y) for y in frame["peak_year"]]
    return Sheet(name, frame, amounts)


def _comparison_projects_sheet(comparison: Any, name: str = "projects") -> Sheet:
    """Per project: its name, then per plan its shift (years), money moved and total change."""
    projects = comparison.projects
    frame = pd.DataFrame({"id": list(projects.index)}, dtype=object)
    amounts = []
    for plan, measure in projects.columns:
        values = projects[(plan, measure)].to_numpy()
        if measure == "name":
            frame["name"] = ["" if pd.isna(v) else str(v) for v in values]
        elif measure == "shift":
            frame[f"{plan} shift"] = [int(v) for v in values]
        else:
            frame[f"{plan} {measure}"] = _minor_of(values, comparison.money)
            amounts.append(f"{plan} {measure}")
    return Sheet(name, frame, amounts)


def _comparison_moves_sheet(comparison: Any, name: str = "moves") -> Sheet:
    """Every non-zero (plan, project, year) change against the base, exact to the unit."""
    moves = comparison.moves
    frame = pd.DataFrame(
        {
            "plan": moves["scenario"].astype(object),
            "id": moves["id"].astype(object),
            "name": moves["name"].astype(object),
            "year": moves["year"].astype(object),
            "change": moves["change_minor"].astype(np.int64),
        }
    )
    return Sheet(name, frame, ["change"])


def _comparison_assumptions(comparison: Any) -> list[tuple[str, object]]:
    return [
        ("plans", ", ".join(comparison.labels)),
        ("base", comparison.base),
        ("plan period ends", comparison.plan_last),
        (
            "moved",
            (
                "money a project spends in other years than in the base, "
                f"{comparison.money.display_unit}"
            ),
        ),
        ("shift", "whole years a project's window moved against its plan"),
    ]


_EXPORTERS: list[tuple[str, Callable[[Any], list[Sheet]]]] = [
    ("ReconciliationReport", _report_sheets),
    ("PlanResult", _result_sheets),
    ("Comparison", _comparison_sheets),
]
