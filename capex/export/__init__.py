"""Export results to an Excel workbook or CSV files a finance office can open.

Every exportable object (a reconciliation report, a plan result, a comparison) becomes a list
of named tables, the *sheets*; :func:`to_excel` writes them to one workbook, :func:`to_csv`
to one CSV file each. Amounts are written in the unit asked for (the money's display unit, 亿元
for the bundled plan, by default), stated in every amount header: as numbers with a number
format in Excel, as exact decimal text in CSV, so reading either back gives the same integers
of the minor unit (万元). Words are English or Chinese (``lang=``), from :mod:`capex.terms`.
Every file is written whole or not at all (:mod:`capex.io.files`), and text is written as text,
never as a formula (:mod:`capex.io.safe_text`).
"""

from __future__ import annotations

from capex.export.registry import exporter_for, register, sheets
from capex.export.sheet import (
    AMOUNT_FORMAT,
    TOTAL_LABEL,
    Amount,
    ExportError,
    Sheet,
    Words,
    amount_format,
    amount_header,
)
from capex.export.writer import to_csv, to_excel

__all__ = [
    "AMOUNT_FORMAT",
    "TOTAL_LABEL",
    "Amount",
    "ExportError",
    "Sheet",
    "Words",
    "amount_format",
    "amount_header",
    "exporter_for",
    "register",
    "sheets",
    "to_csv",
    "to_excel",
]
