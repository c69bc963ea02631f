"""Payments: dated records of cash paid from the treasury (支付), exact to the 分.

A payment is money that left the treasury on a date for a project: cash paid (支付), not work
done (完成投资); works measured and not yet paid, or advances paid before the work, make the
two differ. :func:`load_payments` reads a payment-voucher list as a budget-management
integration system exports it (:mod:`capex.io.payments` says which headings), and a
:class:`Payments` keeps every record with its date, project, amount and voucher. They drive
the execution report (:func:`capex.execution`) and become actuals by year through
:func:`payments_to_actuals`.

>>> import pandas as pd
>>> paid = load_payments(pd.DataFrame({"支付日期": ["2027-03-15"], "项目代码": [20],
...                                    "支付金额": ["1234567.89"]}))
>>> paid.money.unit, paid.total_minor
('分', 123456789)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import CapexError, DataError
from capex.model.actuals import Actuals, _with_where
from capex.model.budget_year import CALENDAR, FiscalYear
from capex.model.coverage import Coverage
from capex.model.ids import id_key
from capex.model.money import Money, checked_sum
from capex.model.protocol import Report
from capex.terms import check_lang, phrase, said, severity_word, term

__all__ = ["Payments", "payments_to_actuals"]

KIND = "支付"
"""What a payment is: cash paid (支付), never work done (完成投资)."""


@dataclass(frozen=True, eq=False)
class Payments(Report):
    """Dated payments (cash paid, 支付), one row each, exact.

    Attributes
    ----------
    frame
        One row per payment: ``date``, ``year`` and ``month`` (the budget year and its month,
        :func:`capex.model.budget_year.budget_month`), ``project`` (the code as written), ``name``,
        ``amount_minor``, ``voucher``, ``agency``, ``function``, ``economic``, ``fund``,
        ``source``, ``payee``, ``purpose``, ``document`` (text, ``""`` where the table has none) and
        ``where`` (the cell or row read).
    money
        The currency and minor unit of the amounts (the coarsest of 万元, 元 and 分 that holds
        every one).
    source
        The file (and sheet) they came from.
    unit
        The unit the amounts were written in.
    findings
        What the reading found (a totals row checked, a refund, a voucher on several rows):
        ``where``, ``severity``, ``rule``, ``message``.
    kind
        ``"支付"``: cash paid, not work done (完成投资).
    fiscal_year
        When the budget year starts and how its years are named
        (:class:`capex.model.budget_year.FiscalYear`): a payment of 15 October 2026 is in FY2027 of
        a budget year starting in October.
    """

    frame: pd.DataFrame = field(repr=False)
    money: Money
    source: str = "<DataFrame>"
    unit: str = "元"
    findings: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    kind: str = KIND
    lang: str | None = None
    fiscal_year: FiscalYear = field(default=CALENDAR, repr=False)

    @property
    def total_minor(self) -> int:
        """The sum of every payment, in the minor unit."""
        return checked_sum(self.frame["amount_minor"].to_numpy())

    def __len__(self) -> int:
        return len(self.frame)

    @property
    def first_date(self) -> Any:
        return self.frame["date"].min().date() if len(self.frame) else None

    @property
    def last_date(self) -> Any:
        return self.frame["date"].max().date() if len(self.frame) else None

    def to_frame(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """The records with their amounts in ``unit`` (the minor unit by default)."""
        lang = check_lang(lang or self.lang)
        unit = self.money.unit if unit is None else self.money.normalize_unit(unit)
        frame = self.frame.drop(columns="where").copy()
        frame.insert(
            frame.columns.get_loc("amount_minor"),
            "amount",
            self.money.to_unit(frame.pop("amount_minor").to_numpy(np.int64), unit),
        )
        frame["date"] = frame["date"].dt.date
        frame.attrs["unit"] = unit
        if lang != "en":
            frame = frame.rename(columns=lambda c: term(_HEADINGS.get(c, c), lang))
        return frame

    def summary(self, unit: str | None = None, *, lang: str | None = None) -> str:
        """The payments in a line or two, labelled as cash paid, with the findings."""
        lang = check_lang(lang or self.lang)
        lines = [self._headline(lang, unit)]
        lines += [
            f"  {severity_word(row.severity, lang)}  {said(row.message, lang)}"
            for row in self.findings.itertuples()
        ]
        return "\n".join(lines)

    def _headline(self, lang: str, unit: str | None = None) -> str:
        first, last = self.first_date, self.last_date
        return term(
            "payments_headline",
            lang,
            n=f"{len(self):,}",
            total=self.money.format(self.total_minor, unit, grouping=True),
            first=first or "-",
            last=last or "-",
            source=_with_where(self.source, ""),
        )

    def __repr__(self) -> str:
        return f"<{self._headline('en')}>"

    # -- projects ---------------------------------------------------------------------------
    def match(
        self,
        ids: pd.Index,
        names: pd.Series | None = None,
        codes: Mapping[Any, Any] | None = None,
    ) -> pd.Series:
        """The project id each payment is for, NaN where none matches.

        A payment's project code is matched to ``codes`` (``{code: project id}``, for a
        project library's codes that differ from the plan's ids) when given, else to the ids
        as capex matches ids (``"019"`` is 19); a payment without a code that matches is
        matched by its project name, which must then name one project only.
        """
        lookup: dict[str, Any] = {}
        for pid in ids:
            lookup.setdefault(id_key(pid), pid)
        if codes:
            coded = {id_key(code): lookup.get(id_key(pid)) for code, pid in codes.items()}
            unknown = [pid for pid in codes.values() if id_key(pid) not in lookup]
            if unknown:
                raise CapexError(phrase("err_model_code_not_in_plan", unknown=repr(unknown[0])))
            lookup = coded
        by_name: dict[str, Any] = {}
        if names is not None:
            counts = pd.Series(names).map(_name_key).value_counts()
            for pid, name in pd.Series(names).items():
                key = _name_key(name)
                if key and counts[key] == 1:
                    by_name[key] = pid
        matched = []
        for code, name in zip(self.frame["project"], self.frame["name"]):
            pid = lookup.get(id_key(code)) if code else None
            if pid is None and name:
                pid = by_name.get(_name_key(name))
            matched.append(np.nan if pid is None else pid)
        return pd.Series(matched, index=self.frame.index, dtype=object, name="id")

    def to_actuals(self, portfolio: Any = None, **match: Any) -> Actuals:
        """These payments as actuals by project and year: :func:`payments_to_actuals`."""
        return payments_to_actuals(self, portfolio, **match)


def _name_key(name: Any) -> str:
    return "".join(str(name).split()) if isinstance(name, str) else ""


_HEADINGS = {
    "date": "payment_date",
    "year": "year",
    "month": "month",
    "project": "id",
    "name": "name",
    "amount": "paid",
    "voucher": "voucher",
    "agency": "agency",
    "function": "function_class",
    "economic": "economic_class",
    "fund": "fund_nature",
    "source": "funding_sources",
    "payee": "payee",
    "purpose": "purpose",
    "document": "document",
}


def payments_to_actuals(
    payments: Payments,
    portfolio: Any = None,
    *,
    names: pd.Series | None = None,
    codes: Mapping[Any, Any] | None = None,
    coverage: Coverage | tuple[int, int] | None = None,
) -> Actuals:
    """Payments as actual spending by project, budget year and month (cash paid).

    The one adapter from payments to :class:`capex.Actuals`: with a ``portfolio`` (or the
    ids of ``names``), each payment is matched to a project (:meth:`Payments.match`) and one
    that matches none is an error naming its row; without, the project code is the id. The
    actuals' source says they are payments (cash paid, not work done). They keep their
    months, so the afterlife reads them by month; ``coverage`` says what the export covers
    (by default from the first to the last month with a payment).
    """
    frame = payments.frame
    if portfolio is not None or names is not None:
        known = names if names is not None else portfolio.frame["name"]
        ids = payments.match(pd.Index(known.index), known, codes)
        unknown = ids.isna().to_numpy()
        if unknown.any():
            k = int(np.flatnonzero(unknown)[0])
            raise DataError(
                phrase("err_model_payment_not_in_plan", n=int(unknown.sum())),
                source=_with_where(payments.source, str(frame["where"].iloc[k])),
                column="project",
                value=frame["project"].iloc[k] or frame["name"].iloc[k],
            )
        project = ids.to_numpy()
    else:
        if (frame["project"] == "").any():
            k = int(np.flatnonzero((frame["project"] == "").to_numpy())[0])
            raise DataError(
                phrase("err_model_payment_needs_portfolio"),
                source=_with_where(payments.source, str(frame["where"].iloc[k])),
                column="project",
            )
        from capex.model.ids import normalize_ids

        project = np.asarray(normalize_ids(frame["project"]), dtype=object)
    summed = (
        pd.DataFrame(
            {
                "id": project,
                "year": frame["year"],
                "month": frame["month"],
                "amount": frame["amount_minor"],
            }
        )
        .groupby(["id", "year", "month"], sort=True)["amount"]
        .sum()
    )
    ids = summed.index.get_level_values(0).to_numpy()
    if all(isinstance(pid, (int, np.integer)) for pid in ids):
        ids = ids.astype(np.int64)
    return Actuals.from_arrays(
        ids,
        summed.index.get_level_values(1).to_numpy(np.int64),
        summed.to_numpy(np.int64),
        money=payments.money,
        source=f"{payments.source} (payments: cash paid, not work done)",
        months=summed.index.get_level_values(2).to_numpy(np.int64),
        coverage=coverage,
        fiscal_year=payments.fiscal_year,
    )
