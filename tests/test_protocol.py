"""Every public result speaks one protocol: ``to_frame(unit=None, *, lang=None)``,
``summary(unit=None, *, lang=None) -> str``, ``to_excel``, an escaped HTML repr, and
``lang``/``unit`` defaults read from ``capex.options`` when shown.

The result types are found in capex's exports (``capex.__all__`` and the ``__all__`` of each
subpackage), not listed by hand: a class exported with a ``to_frame`` or named ``*Result`` or
``*Report`` is a result. One fixture builds an instance of each from a plan whose first
project is named with a ``<script>`` tag; a new result type without a builder here fails
:func:`test_every_result_type_is_built`, so it cannot slip past the protocol.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

import capex
from capex.model.budget import BudgetLine

LABEL = "<script>alert('x')</script>"
"""A user's label that would run in a notebook if a repr wrote it unescaped."""

CEILINGS = {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9}

NOT_RESULTS = {
    "capex.io.Table": "the cells of a sheet as read, before any amount is known: an input",
}
"""Exported classes with a ``to_frame`` that are not results, and why."""


def exported_result_types() -> dict[str, type]:
    """Every class exported by capex or one of its subpackages that is a result."""
    modules = [capex, importlib.import_module("capex.results")] + [
        importlib.import_module(f"capex.{info.name}")
        for info in pkgutil.iter_modules(capex.__path__)
        if info.ispkg
    ]
    found: dict[str, type] = {}
    for module in modules:
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name, None)
            if not isinstance(obj, type):
                continue
            if hasattr(obj, "to_frame") or name.endswith(("Result", "Report")):
                qualified = f"{module.__name__}.{name}"
                if qualified not in NOT_RESULTS and obj not in found.values():
                    found[qualified] = obj
    return found


RESULT_TYPES = exported_result_types()


def _payments() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "支付凭证号": ["P1", "P2", "P3"],
            "支付日期": ["2027-02-10", "2027-05-20", "2027-03-01"],
            "项目代码": ["1", "1", "2"],
            "支付金额": ["3,000,000.00", "5,000,000.00", "1,000,000"],
        }
    )


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[type, Any]:
    """One instance of each result type, all over a plan that holds :data:`LABEL`."""
    seed = capex.load_projects()
    frame = seed.frame.copy()
    frame.loc[frame.index[0], "name"] = LABEL
    portfolio = seed.replace(frame=frame)
    flows = capex.cash_flow(portfolio)
    spent = capex.Actuals.from_frame(flows.flows_minor.loc[:, :2023], money=portfolio.money)
    spread = capex.spread(portfolio, CEILINGS)
    shifted = capex.shift(portfolio, {2021: 9, 2022: 9, 2023: 9, 2024: 9, 2025: 9}, max_delay=2)
    table = flows.flows_minor.reset_index()
    table.insert(1, "name", portfolio.frame["name"].to_numpy())
    baseline = capex.load_phased(table, plan_period=(2021, 2025))
    to_2025 = capex.Actuals.from_frame(flows.flows_minor.loc[:, :2025], money=portfolio.money)
    hand = capex.roll_forward(portfolio, to_2025)
    line = BudgetLine(
        "first", dict.fromkeys(range(1, 13), 500), lambda f: f.index == 1, unit="万元"
    )
    months = capex.monthly(
        pd.DataFrame({2027: [1200, 600]}, index=pd.Index([1, 2], name="id")), 2027, quota=[line]
    )
    payments = capex.load_payments(_payments())
    store_path = tmp_path_factory.mktemp("store") / "capex.db"
    with capex.open_store(store_path) as store:
        store.save(portfolio, "plan")
        verification = store.verify()
    bank_table = portfolio.to_frame().reset_index()
    bank_table["主管部门"] = LABEL  # a bank's own column, shown as text
    bank = capex.load_bank(bank_table, plan_period=(2021, 2025))
    chosen = capex.select(
        portfolio, CEILINGS, value="classes", must=(), exclude=[9, 11, 18], explain=False
    )
    built = {
        capex.io.bank.Bank: bank,
        capex.results.SelectionResult: chosen,
        capex.results.Frontier: chosen.frontier([30, 40]),
        capex.Portfolio: portfolio,
        capex.results.CashFlow: flows,
        capex.results.Baseline: baseline,
        capex.Actuals: spent,
        capex.results.PlanResult: spread,
        capex.results.SpreadResult: spread,
        capex.results.ShiftResult: shifted,
        capex.results.ReconciliationReport: capex.reconcile(portfolio),
        capex.results.Comparison: capex.compare(spread, shifted, labels=[LABEL, "deferred"]),
        capex.results.VarianceReport: capex.variance(portfolio, spent),
        capex.results.ReforecastResult: capex.reforecast(portfolio, spent, ceilings={2024: 12}),
        capex.results.HandOver: hand,
        capex.results.RiskResult: capex.simulate(
            portfolio, CEILINGS, draws=20, cost="uniform(-0.1, 0.2)"
        ),
        capex.results.SweepResult: capex.sweep(
            [None, capex.Scenario(LABEL, shifts={2: 1})],
            portfolio,
            ceilings=CEILINGS,
            workers=1,
            show_progress=False,
        ),
        capex.results.MonthlyPlan: months,
        capex.model.payments.Payments: payments,
        capex.results.ExecutionReport: capex.execution(months, payments, "2027-09-30"),
        capex.results.Submission: capex.annual_plan(hand, capex.spread(hand.portfolio), None, 2027),
        capex.store.Verification: verification,
    }
    return built


def test_result_types_come_from_the_exports() -> None:
    # the derivation finds the nouns a user meets, not a list kept beside them
    names = {kind.__name__ for kind in RESULT_TYPES.values()}
    assert {"PlanResult", "ReconciliationReport", "Comparison", "HandOver"} <= names
    assert all(isinstance(kind, type) for kind in RESULT_TYPES.values())


def test_every_result_type_is_built(results: dict[type, Any]) -> None:
    missing = [name for name, kind in RESULT_TYPES.items() if kind not in results]
    assert not missing, f"add a builder for {missing} to the fixture `results`"
    for kind, obj in results.items():
        assert isinstance(obj, kind)


def _parameters(method: Callable[..., Any]) -> list[inspect.Parameter]:
    return list(inspect.signature(method).parameters.values())[1:]  # without self


@pytest.mark.parametrize("name", sorted(RESULT_TYPES))
@pytest.mark.parametrize("method", ["to_frame", "summary"])
def test_the_signatures(name: str, method: str) -> None:
    kind = RESULT_TYPES[name]
    function = inspect.getattr_static(kind, method, None)
    assert callable(function), f"{name}.{method} is not a method"  # not a property
    unit, *rest = _parameters(function)
    assert (unit.name, unit.default, unit.kind) == (
        "unit",
        None,
        inspect.Parameter.POSITIONAL_OR_KEYWORD,
    ), f"{name}.{method}: the first parameter is unit=None"
    lang = next(p for p in rest if p.name == "lang")
    assert (lang.default, lang.kind) == (None, inspect.Parameter.KEYWORD_ONLY), name
    assert all(p.kind == inspect.Parameter.KEYWORD_ONLY for p in rest), name
    if method == "summary":
        assert inspect.signature(function).return_annotation in (str, "str"), name


@pytest.mark.parametrize("name", sorted(RESULT_TYPES))
def test_to_excel_and_html_are_there(name: str) -> None:
    kind = RESULT_TYPES[name]
    assert callable(getattr(kind, "to_excel", None)), name
    assert callable(getattr(kind, "_repr_html_", None)), name
    parameters = inspect.signature(kind.to_excel).parameters
    assert parameters["lang"].default is None and parameters["unit"].default is None


def _same(left: Any, right: Any) -> bool:
    if isinstance(left, pd.DataFrame):
        return left.equals(right) and list(left.columns) == list(right.columns)
    return left == right


def test_lang_defaults_to_the_option_and_an_argument_wins(results: dict[type, Any]) -> None:
    for kind, obj in results.items():
        english = obj.summary(lang="en")
        chinese = obj.summary(lang="zh")
        assert english != chinese, f"{kind.__name__}.summary has no Chinese"
        with capex.option_context("lang", "zh"):
            assert obj.summary() == chinese, kind.__name__
            assert obj.summary(lang="en") == english, kind.__name__
            assert _same(obj.to_frame(), obj.to_frame(lang="zh")), kind.__name__
        assert obj.summary() == english, kind.__name__
        assert _same(obj.to_frame(), obj.to_frame(lang="en")), kind.__name__


def test_unit_defaults_to_the_option_and_an_argument_wins(results: dict[type, Any]) -> None:
    for kind, obj in results.items():
        money = getattr(obj, "money", None)
        if money is None or money.currency != "CNY":
            continue  # a verification holds no amounts
        with capex.option_context("unit", "万元"):
            assert obj.summary() == obj.summary("万元"), kind.__name__
            assert _same(obj.to_frame(), obj.to_frame("万元")), kind.__name__
            assert _same(obj.to_frame("亿元"), _plain(obj.to_frame, "亿元")), kind.__name__


def _plain(method: Callable[..., Any], unit: str) -> Any:
    capex.options.reset()
    try:
        return method(unit)
    finally:
        capex.options.unit = "万元"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_html_escapes_every_user_label(results: dict[type, Any], lang: str) -> None:
    escaped = set()
    with capex.option_context("lang", lang):
        for kind, obj in results.items():
            page = obj._repr_html_()
            assert "<script" not in page, kind.__name__
            if "&lt;script&gt;" in page:
                escaped.add(kind)
    # the label reaches the page (escaped) wherever a result shows names or labels
    shows_names = {
        capex.Portfolio,
        capex.results.CashFlow,
        capex.results.SpreadResult,
        capex.results.Comparison,
    }
    assert shows_names <= escaped, shows_names - escaped


@pytest.mark.slow
def test_to_excel_writes_in_the_option_language(results: dict[type, Any], tmp_path) -> None:
    for kind, obj in results.items():
        with capex.option_context("lang", "zh"):
            given = obj.to_excel(tmp_path / f"{kind.__name__}_zh.xlsx")
        told = obj.to_excel(tmp_path / f"{kind.__name__}_told.xlsx", lang="zh")
        assert pd.ExcelFile(given).sheet_names == pd.ExcelFile(told).sheet_names, kind.__name__


def test_options_are_checked_and_restored() -> None:
    assert isinstance(capex.options, capex.options.__class__)
    with pytest.raises(capex.CapexError, match="unknown language"):
        capex.options.lang = "fr"
    with pytest.raises(capex.CapexError, match="unknown unit"):
        capex.options.unit = "furlong"
    with pytest.raises(capex.CapexError, match="unknown option"), capex.option_context("a", 1):
        pass
    with pytest.raises(RuntimeError), capex.option_context("lang", "zh", "unit", "万元"):
        raise RuntimeError  # an error inside the block still restores the options
    assert (capex.options.lang, capex.options.unit) == ("en", None)


def test_export_dispatches_on_the_class() -> None:
    # a subclass of a result exports as its nearest registered base, whatever its name
    from capex.export import exporter_for
    from capex.export.plan import plan_sheets

    class Renamed(capex.results.SpreadResult):
        pass

    assert exporter_for(object.__new__(Renamed)) is plan_sheets
    assert exporter_for(pd.DataFrame()) is None
