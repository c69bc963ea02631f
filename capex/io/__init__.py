"""Reading tables as finance offices keep them: CSV files, Excel workbooks, Chinese headings.

:func:`read_table` reads a CSV file, an ``.xlsx`` workbook or a DataFrame into a
:class:`Table` whose cells know where they are, so that every reader built on it (projects,
phased tables, budget lines, precedence relations, actual spending) reports a bad value by
workbook, sheet and cell. :mod:`capex.io.headings` recognises headings in English and
Chinese (years and the families of year headings too), :mod:`capex.io.cells` is the one table
of cell readings (years, windows, amounts, ``-`` for nothing, row labels such as 合计 and
小计), :mod:`capex.io.rows` tells records from the rows that add them up.

>>> import capex.io
>>> table = capex.io.read_table(capex.portfolio.BUNDLED_CSV)
>>> table.heading_text(1), table.text(0, 1)
('name', '鲁迅小学教育集团凤鸣校区')
"""

from capex.io.cells import (
    FIRST_YEAR,
    LAST_YEAR,
    amount_of,
    is_no_amount,
    optional_amount,
    window_of,
    year_of,
)
from capex.io.tables import HiddenSheetsWarning, SheetArgument, Table, cell_text, read_table

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "HiddenSheetsWarning",
    "SheetArgument",
    "Table",
    "amount_of",
    "cell_text",
    "is_no_amount",
    "optional_amount",
    "read_table",
    "window_of",
    "year_of",
]
