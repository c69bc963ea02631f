"""What was planned: one reading of any plan, over every year of every project's window.

A variance, a re-forecast and a hand-over compare what was spent with what was planned, and
"planned" has one meaning for every kind of plan: each project's money in every year of its
window, before the plan period, in it and after it, so that each row adds up to the
project's total. A spread's result plans only the plan years; its full window
(:meth:`capex.results.PlanResult.full_window`) adds the cash flow's years around them, so a spread, a
deferral, a cash flow and a phased baseline of the same plan read the same.

:func:`planned` takes any of them, a project x year DataFrame, or a file capex wrote (a
result's workbook or CSV folder, whose ``cash flow`` sheet or file is the full window) or a
finance office's phased table (:func:`capex.load_phased`).

The budget year's tables (the month plan, the annual and the rolling plan) read a plan through
the same reading, as :func:`plan_table`: a result, a baseline or a cash flow over years without
gaps, where a bare DataFrame is integers of the minor unit rather than amounts in a unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import CapexError, DataError
from capex.io.headings import normalise
from capex.model.money import WAN, Money, minor_unit_holding, to_decimal
from capex.model.portfolio import Portfolio
from capex.terms import Message, phrase, profile_phrase

__all__ = ["PlanTable", "Planned", "plan_table", "planned"]

_CASH_FLOW_NAMES = frozenset({"cashflow", "现金流", "现金流量", "cashflows"})
"""Names (after :func:`~capex.io.headings.normalise`) of the sheet or CSV file in which a
result capex wrote keeps its full window."""


@dataclass(frozen=True)
class Planned:
    """A plan read as money per project and year over its full window.

    Attributes
    ----------
    flows_minor
        Project x year (every year of every window, in order), integers of :attr:`money`.
    money
        The currency and minor unit of the amounts.
    names
        Project names by id, where the plan knows them.
    what
        What the plan was, for notes (``the plan``, ``plan.xlsx, sheet cash flow``).
    portfolio
        The plan's portfolio, where it carries one.
    """

    flows_minor: pd.DataFrame
    money: Money
    names: pd.Series
    what: str
    portfolio: Portfolio | None = None


def planned(
    plan: Any,
    *,
    unit: str | None = None,
    profile: Any = "uniform",
    sheet: str | int | None = None,
    encoding: str = "utf-8",
) -> Planned:
    """Any plan as its money per project and year, over the full window.

    Parameters
    ----------
    plan
        A result (:func:`capex.spread`, :func:`capex.shift`, a scenario's or a re-forecast's:
        its :meth:`~capex.results.PlanResult.full_window`), a cash flow (:func:`capex.cash_flow`), a
        baseline (:func:`capex.load_phased`), a portfolio (its own cash flow under
        ``profile``), a project x year DataFrame of amounts in ``unit`` (default: its
        ``attrs["unit"]``, else the display unit 亿元), or a file: a result's workbook or CSV
        folder that capex wrote (its ``cash flow`` sheet or file, the full window; a
        ``schedule.csv`` is read with the ``cash flow.csv`` beside it), or a phased table.
    unit
        The unit of a DataFrame's amounts, or of a file's amounts whose headings name none.
    profile
        The spend profile of a portfolio's own cash flow.
    sheet
        The sheet of a workbook (by default a result's ``cash flow`` sheet, else the first).
    encoding
        Text encoding of a CSV file.

    Raises
    ------
    CapexError
        For anything else; a :class:`~capex.errors.DataError` for a table that is not one.
    """
    from capex.model.cashflow import cash_flow

    if isinstance(plan, Portfolio):
        flows = cash_flow(plan, profile)
        return Planned(
            flows.flows_minor, flows.money, flows.names, "the portfolio's cash flow", plan
        )
    if isinstance(plan, (str, Path)):
        return _from_file(Path(plan), unit, sheet, encoding)
    full_window = getattr(plan, "full_window", None)
    if callable(full_window) and isinstance(getattr(plan, "schedule_minor", None), pd.DataFrame):
        names = getattr(plan, "names", None)
        return Planned(
            _years_as_int(full_window()),
            plan.money,
            names if isinstance(names, pd.Series) else pd.Series(dtype=object),
            "the plan",
            getattr(plan, "portfolio", None),
        )
    frame = getattr(plan, "flows_minor", None)
    if isinstance(frame, pd.DataFrame):
        names = getattr(plan, "names", None)
        return Planned(
            _years_as_int(frame),
            plan.money,
            names if isinstance(names, pd.Series) else pd.Series(dtype=object),
            "the baseline" if hasattr(plan, "cash_flow") else "the cash flow",
            getattr(plan, "portfolio", None),
        )
    inner = getattr(plan, "cash_flow", None)
    if inner is not None and not callable(inner):  # a baseline-like object holding a cash flow
        read = planned(inner, unit=unit, profile=profile)
        owner = getattr(plan, "portfolio", None)
        return Planned(read.flows_minor, read.money, read.names, "the baseline", owner)
    if isinstance(plan, pd.DataFrame):
        return _from_frame(plan, unit)
    raise CapexError(phrase("err_solver_plan_from", kind=type(plan).__name__))


def _from_file(path: Path, unit: str | None, sheet: str | int | None, encoding: str) -> Planned:
    """A plan from a file: a result capex wrote (its full window) or a phased table."""
    from capex.io.phased import load_phased

    if path.is_dir():
        csvs = sorted(path.glob("*.csv"))
        chosen = next((p for p in csvs if normalise(p.stem) in _CASH_FLOW_NAMES), None)
        chosen = chosen or next(
            (p for p in csvs if normalise(p.stem) in ("schedule", "分年度计划")), None
        )
        if chosen is None:
            raise DataError(
                phrase("err_solver_plan_folder"),
                source=str(path),
            )
        path = chosen
    elif path.suffix.lower() == ".csv":
        beside = [p for p in path.parent.glob("*.csv") if normalise(p.stem) in _CASH_FLOW_NAMES]
        if normalise(path.stem) in ("schedule", "分年度计划") and beside:
            path = beside[0]  # the result's full window, not only its plan years
    if sheet is None and path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        sheet = _cash_flow_sheet(path)
    baseline = load_phased(path, sheet=sheet, encoding=encoding, unit=unit or "万元")
    where = f"{path}, sheet {sheet}" if sheet is not None else str(path)
    return Planned(baseline.flows_minor, baseline.money, baseline.names, where)


def _cash_flow_sheet(path: Path) -> str | None:
    """A result workbook's full-window sheet, if it has one."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True)
    except Exception:  # noqa: BLE001 - load_phased names what is wrong with the file
        return None
    try:
        return next((name for name in book.sheetnames if normalise(name) in _CASH_FLOW_NAMES), None)
    finally:
        book.close()


def _from_frame(frame: pd.DataFrame, unit: str | None) -> Planned:
    """A project x year table of amounts written in ``unit``, read exactly."""
    written = unit or frame.attrs.get("unit") or "亿元"
    try:
        money = Money.of(written)
        written = money.normalize_unit(written)
    except ValueError as error:
        raise DataError(
            error.args[0] if error.args else str(error), source="<DataFrame>", value=written
        ) from None
    table = frame.drop(columns=[c for c in ("name",) if c in frame.columns])
    years = []
    for column in table.columns:
        try:
            years.append(int(str(column).removesuffix("年")))
        except ValueError:
            raise DataError(
                phrase("err_solver_plan_columns"), source="<DataFrame>", column=str(column)
            ) from None
    numbers: list[list[Decimal]] = []
    for position, (_, row) in enumerate(table.iterrows(), start=1):
        values = []
        for column, value in row.items():
            if value is None or (isinstance(value, float) and np.isnan(value)):
                values.append(Decimal(0))
                continue
            try:
                values.append(to_decimal(value))
            except ValueError:
                raise DataError(
                    phrase("err_solver_not_number"),
                    source="<DataFrame>",
                    row=position,
                    column=str(column),
                    value=value,
                ) from None
        numbers.append(values)
    try:
        minor = minor_unit_holding(((v, written) for row in numbers for v in row), money.currency)
    except ValueError as error:
        raise DataError(
            phrase("err_solver_planned_amount", reason=str(error)), source="<DataFrame>"
        ) from None
    money = Money(money.currency, minor)
    values = np.array(
        [[money.to_minor(v, written) for v in row] for row in numbers], dtype=np.int64
    )
    flows = pd.DataFrame(
        values.reshape(len(table), len(years)),
        index=pd.Index(table.index, name="id"),
        columns=pd.Index(years, name="year"),
    )
    names = frame["name"] if "name" in frame.columns else pd.Series(dtype=object)
    return Planned(flows, money, names, "the plan table")


def _years_as_int(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out.columns = pd.Index([int(y) for y in frame.columns], name="year")
    out.index.name = "id"
    return out


# ---------------------------------------------------------------------------------------
# the budget year's reading: integers of the minor unit, years without gaps
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PlanTable:
    """A plan's money by project and year, as the budget year's tables read it.

    Attributes
    ----------
    flows
        Project x year (index ``id``, int year columns in order, no gaps), integers of
        :attr:`money`'s minor unit.
    names
        Project names by id (the id itself where the plan has none).
    money
        The currency and minor unit.
    source
        What the plan was, worded when shown.
    frame
        The projects' attributes (a portfolio's frame) when the plan carries them, else None.
    """

    flows: pd.DataFrame
    names: pd.Series
    money: Money
    source: Message
    frame: pd.DataFrame | None = None


def plan_table(plan: Any, portfolio: Any = None) -> PlanTable:
    """The project x year table of ``plan`` for the month plan, the annual and the rolling plan.

    A result of :func:`capex.spread`, :func:`capex.shift`, :func:`capex.reforecast` or a
    scenario, a baseline (:func:`capex.load_phased`) or a cash flow (:func:`capex.cash_flow`)
    is read by :func:`planned`; a project x year DataFrame here holds integers of the minor
    unit (of ``portfolio``'s money, else 万元). ``portfolio`` gives the projects' attributes (and,
    for a bare DataFrame, the money and the names); it must be counted in the plan's money.
    """
    from capex.model.baseline import Baseline
    from capex.model.cashflow import CashFlow
    from capex.solvers.result import PlanResult

    frame = None
    if isinstance(plan, PlanResult):
        read = planned(plan)
        first, last = plan.plan_period
        kind = type(plan).__name__.removesuffix("Result").lower() or "plan"
        scenario = getattr(plan, "scenario", None)
        source = phrase(
            "plan_source_scenario" if scenario else "plan_source_result",
            kind=phrase(f"plan_source_{kind}"),
            scenario=scenario or "",
            first=first,
            last=last,
        )
    elif isinstance(plan, Baseline):
        read = planned(plan)
        source = phrase("plan_source_baseline", file=plan.source)
        frame = plan.portfolio.frame
    elif isinstance(plan, CashFlow):
        read = planned(plan)
        source = phrase("plan_source_cash_flow", profile=profile_phrase(plan.profile))
    elif isinstance(plan, pd.DataFrame):
        money = portfolio.money if portfolio is not None else WAN
        names = portfolio.frame["name"] if portfolio is not None else pd.Series(dtype=object)
        read = Planned(_whole_numbers(plan, money), money, names, "a project x year table")
        source = phrase("plan_source_table")
    else:
        raise CapexError(phrase("err_solver_plan_kind", kind=type(plan).__name__))
    money = read.money
    if portfolio is not None:
        frame = portfolio.frame
        if portfolio.money != money:
            raise CapexError(phrase("err_solver_plan_money"))
    table = read.flows_minor
    years = [int(y) for y in table.columns]
    span = list(range(min(years), max(years) + 1)) if years else []
    flows = pd.DataFrame(
        table.to_numpy().astype(np.int64), index=table.index.copy(), columns=years
    ).reindex(columns=span, fill_value=0)
    flows.index.name = "id"
    names = pd.Series(read.names).reindex(flows.index)
    if names.isna().any():  # a project without a name is shown by its id
        missing = names.isna()
        names[missing] = flows.index[missing.to_numpy()].astype(str)
    return PlanTable(flows, names.rename("name"), money, source, frame)


def _whole_numbers(table: pd.DataFrame, money: Money) -> pd.DataFrame:
    """A project x year table of integers of ``money``'s minor unit, as given; anything but
    whole numbers is refused."""
    values = table.to_numpy()
    if values.dtype.kind not in "iu":
        numbers = values.astype(float)
        if not np.all(np.isfinite(numbers)) or np.any(numbers != np.round(numbers)):
            raise CapexError(phrase("err_solver_plan_whole", unit=money.unit))
    return pd.DataFrame(values.astype(np.int64), index=table.index, columns=table.columns)
