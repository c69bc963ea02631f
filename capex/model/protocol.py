"""The one protocol every result and report speaks, as a base class.

Every result (a plan, a reconciliation, a variance, a hand-over, a risk, ...) has
``to_frame(unit=None, *, lang=None)``, ``summary(unit=None, *, lang=None) -> str``,
:meth:`Report.to_excel` and an HTML repr for notebooks made by
:func:`capex.model.html.html_report`. ``lang=None`` and ``unit=None`` read
:data:`capex.options` when the result is shown; an argument passed always wins. A new result
class derives from :class:`Report`, writes ``to_frame`` and ``summary`` with those
signatures, and registers its sheets with :func:`capex.export.register`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from capex._options import chosen_unit
from capex.model.html import html_report

__all__ = ["Report"]


class Report:
    """The shared half of the result protocol: the workbook and the HTML repr, both made from
    the class's own ``to_frame`` and ``summary``."""

    __slots__ = ()

    def to_frame(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        raise NotImplementedError

    def summary(self, unit: str | None = None, *, lang: str | None = None) -> str:
        raise NotImplementedError

    def to_excel(
        self,
        path: str | Path,
        *,
        unit: str | None = None,
        lang: str | None = None,
        reconciliation: Any = None,
    ) -> Path:
        """Write the result to an .xlsx workbook; see :func:`capex.to_excel`."""
        from capex.export import to_excel

        return to_excel(self, path, reconciliation=reconciliation, unit=unit, lang=lang)

    def _html_tables(self, unit: str, lang: str | None) -> list[Any]:
        """The tables the HTML repr shows under the summary: the result's own table."""
        return [self.to_frame(unit, lang=lang)]

    def _repr_html_(self) -> str:
        money = getattr(self, "money", None)
        unit = chosen_unit(None, money) or (money.display_unit if money is not None else None)
        text = self.summary(unit, lang=None)
        headline, _, rest = text.partition("\n")
        return html_report(headline, text=rest, tables=self._html_tables(unit, None))
