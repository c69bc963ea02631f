"""The kinds of object capex saves, each through one codec (:mod:`capex.store.codecs`).

Each list names every field of its class, in order; a class that gains a field fails the
test that compares these lists with the classes (and refuses to be saved) until its list
here names it. The parts objects are made of (a portfolio's published totals and budget
lines, a result's provenance) have codecs too, so that they are saved inside the objects
that hold them.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from capex.afterlife.reforecast import ReforecastResult
from capex.afterlife.rollforward import HandOver
from capex.afterlife.variance import VarianceReport
from capex.model.actuals import Actuals, _coverage_of_rows, _empty_findings
from capex.model.baseline import Baseline
from capex.model.budget import BudgetLine
from capex.model.budget_year import CALENDAR, FiscalYear
from capex.model.coverage import Coverage
from capex.model.portfolio import Portfolio, PublishedTotals
from capex.model.provenance import InputFile, Provenance
from capex.model.sources import Source, Sources
from capex.reports.compare import Comparison
from capex.reports.reconcile import ReconciliationReport
from capex.risk.result import RiskResult
from capex.solvers.result import PlanResult, ShiftResult, SpreadResult, Status
from capex.solvers.scenario import Scenario
from capex.store.codecs import Codec, register
from capex.store.values import register_enum

__all__ = ["SAVED_KINDS"]

register_enum(Status)

_PLAN = (
    "status",
    "schedule_minor",
    "names",
    "ceilings_minor",
    "objective",
    "bound",
    "runtime",
    "method",
    "profile",
    "scenario",
    "changes",
    "extra_budget_minor",
    "shadow_prices",
    "messages",
    "target_minor",
    "line_ceilings_minor",
    "line_totals_minor",
    "line_extra_budget_minor",
    "line_shadow_prices",
    "plan_line",
    "unplanned_minor",
    "delays",
    "windows",
    "plan_period",
    "money",
    "provenance",
    "sources",
    "fiscal_year",
)
"""The fields every plan result has (:class:`~capex.solvers.result.PlanResult`)."""

_RUN = ("runtime",)
"""A result's measured field: how long the run took (kept beside its content)."""


def _with_code_column(fields: dict[str, Any]) -> dict[str, Any]:
    """Version 1 to 2 of a portfolio: its table gained ``code`` (项目代码), empty before."""
    frame = fields["_frame"].copy()
    frame["code"] = pd.array([""] * len(frame), dtype="str")
    return {**fields, "_frame": frame}


def _with_spent_before_and_sheets(fields: dict[str, Any]) -> dict[str, Any]:
    """Version 2 to 3 of a portfolio: its table gained ``spent_before_minor`` (what a project
    carried in by a hand-over had spent, NA before), and the portfolio the sheet it was read
    from and the workbook's hidden sheets (unknown before)."""
    frame = fields["_frame"].copy()
    if "spent_before_minor" not in frame.columns:
        frame.insert(
            frame.columns.get_loc("code"),
            "spent_before_minor",
            pd.array([pd.NA] * len(frame), dtype="Int64"),
        )
    return {**fields, "_frame": frame, "sheet": None, "hidden_sheets": ()}


def _with_coverage(fields: dict[str, Any]) -> dict[str, Any]:
    """Version 1 to 2 of actuals: amounts gained a ``month`` (0, a year's amount, before), and
    the actuals the years they cover (the first to the last with an amount, as capex read a
    ledger then), a status per project (none) and the findings of their reading (none)."""
    frame = fields["frame"].copy()
    if "month" not in frame.columns:
        frame.insert(frame.columns.get_loc("year") + 1, "month", 0)
        frame["month"] = frame["month"].astype("int64")
    coverage = _coverage_of_rows(frame) if len(frame) else None
    return {
        **fields,
        "frame": frame,
        "coverage": coverage,
        "status": pd.Series(dtype=object),
        "reading_findings": _empty_findings(),
    }


def _read_as_before(fields: dict[str, Any]) -> dict[str, Any]:
    """Version 1 to 2 of a variance, re-forecast or hand-over: it gained the policy for the
    years before a ledger (read as nothing spent before, ``"zero"``) and its one-line note."""
    return {**fields, "before": "zero", "coverage_note": ""}


def _variance_as_before(fields: dict[str, Any]) -> dict[str, Any]:
    """Version 1 to 2 of a variance: :func:`_read_as_before`, and what it was compared with."""
    return {**_read_as_before(fields), "plan_what": "the plan"}


def _hand_over_as_before(fields: dict[str, Any]) -> dict[str, Any]:
    """Version 1 to 2 of a hand-over: :func:`_read_as_before`, and each project's status (none
    known), how it closed (by its spending) and money of stopped projects (none)."""
    table = fields["reconciliation"].copy()
    if "status" not in table.columns:
        table["status"] = ""
    if "closing" not in table.columns:
        table["closing"] = "spending"
    if "suspended_minor" not in table.columns:
        table.insert(table.columns.get_loc("saving_minor") + 1, "suspended_minor", 0)
        table["suspended_minor"] = table["suspended_minor"].astype("int64")
    return {**_read_as_before(fields), "reconciliation": table}


def _in_calendar_years(fields: dict[str, Any]) -> dict[str, Any]:
    """A version of an object made before funding sources and fiscal years: no sources, the
    calendar year."""
    return {**fields, "sources": None, "fiscal_year": CALENDAR}


def _portfolio_in_calendar_years(fields: dict[str, Any]) -> dict[str, Any]:
    """Version 3 to 4 of a portfolio: :func:`_in_calendar_years`."""
    return _in_calendar_years(fields)


def _actuals_in_calendar_years(fields: dict[str, Any]) -> dict[str, Any]:
    """Version 2 to 3 of actuals: the calendar year."""
    return {**fields, "fiscal_year": CALENDAR}


def _variance_without_sources(fields: dict[str, Any]) -> dict[str, Any]:
    """Version 2 to 3 of a variance: no sources, so no amounts by source."""
    return {
        **fields,
        "sources": None,
        "planned_by_source_minor": None,
        "actual_by_source_minor": None,
    }


def _hand_over_without_sources(fields: dict[str, Any]) -> dict[str, Any]:
    """Version 2 to 3 of a hand-over: no sources, so nothing carried by source."""
    return {**fields, "sources": None, "carried_by_source_minor": None}


def _line_not_within(fields: dict[str, Any]) -> dict[str, Any]:
    """Version 1 to 2 of a budget line: it is within no other line."""
    return {**fields, "within": None}


# -- the parts of objects -------------------------------------------------------------------
register(Codec(Coverage, ("first", "last", "first_month", "last_month", "opening", "stated")))
register(Codec(PublishedTotals, ("total_minor", "plan_minor")))
register(Codec(InputFile, ("path", "sha256")))
register(
    Codec(
        Provenance,
        ("capex_version", "inputs", "solver", "parameters", "seed", "created"),
        measured=("created",),  # when the record was made; equal records compare without it
    )
)
register(
    Codec(
        BudgetLine,
        ("name", "ceilings", "rule", "shares", "unit", "within"),
        version=2,
        upgrades={1: _line_not_within},
    )
)
register(Codec(FiscalYear, ("start", "naming")))
register(Codec(Source, ("name", "parent", "rule")))
register(Codec(Sources, ("sources", "_amounts", "money")))

# -- the objects a user saves ---------------------------------------------------------------
SAVED_KINDS = (
    register(
        Codec(
            Portfolio,
            (
                "_frame",
                "plan_period",
                "published",
                "name",
                "source",
                "budget_lines",
                "precedence",
                "money",
                "provenance",
                "sheet",
                "hidden_sheets",
                "sources",
                "fiscal_year",
            ),
            version=4,
            upgrades={
                1: _with_code_column,
                2: _with_spent_before_and_sheets,
                3: _portfolio_in_calendar_years,
            },
        )
    ),
    register(Codec(PlanResult, _PLAN, version=2, upgrades={1: _in_calendar_years}, measured=_RUN)),
    register(
        Codec(
            SpreadResult,
            (*_PLAN, "parts_minor"),
            version=2,
            upgrades={1: _in_calendar_years},
            measured=_RUN,
        )
    ),
    register(
        Codec(
            ShiftResult,
            (*_PLAN, "makespan", "objective_name", "tiebreak", "overload_minor", "solver"),
            version=2,
            upgrades={1: _in_calendar_years},
            measured=_RUN,
        )
    ),
    register(
        Codec(
            Actuals,
            (
                "frame",
                "money",
                "source",
                "unit",
                "coverage",
                "status",
                "reading_findings",
                "fiscal_year",
            ),
            version=3,
            upgrades={1: _with_coverage, 2: _actuals_in_calendar_years},
        )
    ),
    register(
        Codec(
            VarianceReport,
            (
                "planned_minor",
                "actual_minor",
                "as_of",
                "totals_minor",
                "names",
                "attributes",
                "findings",
                "money",
                "plan_unit",
                "actual_unit",
                "tolerance",
                "lang",
                "notes",
                "before",
                "coverage_note",
                "plan_what",
                "sources",
                "planned_by_source_minor",
                "actual_by_source_minor",
            ),
            version=3,
            upgrades={1: _variance_as_before, 2: _variance_without_sources},
        )
    ),
    register(
        Codec(
            ReforecastResult,
            (
                *_PLAN,
                "as_of",
                "budget_minor",
                "original_total_minor",
                "unscheduled_minor",
                "action_table",
                "past_window",
                "overrun",
                "forecast_method",
                "findings",
                "lang",
                "before",
                "coverage_note",
            ),
            version=3,
            upgrades={1: _read_as_before, 2: _in_calendar_years},
            measured=_RUN,
        )
    ),
    register(
        Codec(
            HandOver,
            (
                "portfolio",
                "reconciliation",
                "carried",
                "previous_period",
                "next_period",
                "money",
                "past_window",
                "findings",
                "new_ids",
                "lang",
                "before",
                "coverage_note",
                "sources",
                "carried_by_source_minor",
            ),
            version=3,
            upgrades={1: _hand_over_as_before, 2: _hand_over_without_sources},
        )
    ),
    register(
        Codec(
            Scenario,
            (
                "name",
                "shifts",
                "ceilings",
                "ceiling_scale",
                "profile",
                "profiles",
                "escalation",
                "drop",
                "add",
                "method",
                "description",
            ),
        )
    ),
    register(Codec(Baseline, ("portfolio", "_cash_flow", "_findings", "source"))),
    register(
        Codec(
            ReconciliationReport,
            (
                "name",
                "plan_period",
                "published",
                "_totals_minor",
                "_split_minor",
                "_findings",
                "money",
                "source",
                "provenance",
            ),
        )
    ),
    register(
        Codec(
            Comparison,
            (
                "labels",
                "base",
                "annual_minor",
                "summary_minor",
                "projects_minor",
                "moves",
                "plan_period",
                "ceilings_minor",
                "money",
                "unit",
                "provenance",
            ),
        )
    ),
    register(
        Codec(
            RiskResult,
            (
                "annual_draws_minor",
                "planned_minor",
                "ceilings_minor",
                "drivers_minor",
                "plan_period",
                "method",
                "draws",
                "seed",
                "assumptions",
                "statuses",
                "failures",
                "runtime",
                "scenario",
                "money",
                "lang",
            ),
            measured=_RUN,
        )
    ),
)
"""The codecs of the objects capex makes, each saved and loaded whole."""
