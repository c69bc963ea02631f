"""Every reader and writer of capex: tables as finance offices keep them, and files.

:func:`read_table` reads a CSV file, an ``.xlsx`` workbook or a DataFrame into a
:class:`Table` whose cells know where they are, so that every reader built on it (projects,
phased tables, budget lines, precedence relations, actual spending, payments) reports a bad
value by workbook, sheet and cell. :mod:`capex.io.headings` recognises headings in English and
Chinese (years and the families of year headings too), :mod:`capex.model.cells` is the one
table of cell readings (years, windows, amounts, ``-`` for nothing, row labels such as 合计 and
小计), :mod:`capex.io.rows` tells records from the rows that add them up.

The loaders turn files into the model's objects: :func:`load_projects` (and its writer
:func:`write_projects`), :func:`load_budget_lines`, :func:`load_precedence`,
:func:`load_phased`, :func:`load_actuals`, :func:`load_payments`, :func:`load_psplib`;
:func:`write_template` and :func:`write_actuals_template` write workbooks to fill in. Files
are written whole or not at all, never over a file a command read (:mod:`capex.io.files`),
and text is written as text, never as a formula (:mod:`capex.io.safe_text`).
:mod:`capex.io.texttable` and :mod:`capex.io.progress` write to the terminal.

>>> import capex.io
>>> from capex.io.projects import BUNDLED_CSV
>>> table = capex.io.read_table(BUNDLED_CSV)
>>> table.heading_text(1), table.text(0, 1)
('name', '鲁迅小学教育集团凤鸣校区')
"""

from capex._lazy import lazy_names

_NAMES = {
    "HiddenSheetsWarning": "capex.io.tables",
    "SheetArgument": "capex.io.tables",
    "Table": "capex.io.tables",
    "cell_text": "capex.io.tables",
    "read_table": "capex.io.tables",
    "load_projects": "capex.io.projects",
    "write_projects": "capex.io.projects",
    "read_budget_lines": "capex.io.budget_lines",
    "read_precedence": "capex.io.precedence",
    "with_precedence": "capex.io.precedence",
    "load_phased": "capex.io.phased",
    "load_actuals": "capex.io.actuals",
    "load_payments": "capex.io.payments",
    "read_psplib": "capex.io.psplib",
    "read_optima": "capex.io.psplib",
    "write_template": "capex.io.template",
    "write_actuals_template": "capex.io.template",
}

__all__ = [
    "HiddenSheetsWarning",
    "SheetArgument",
    "Table",
    "cell_text",
    "load_actuals",
    "load_payments",
    "load_phased",
    "load_projects",
    "read_budget_lines",
    "read_optima",
    "read_precedence",
    "read_psplib",
    "read_table",
    "with_precedence",
    "write_actuals_template",
    "write_projects",
    "write_template",
]

__getattr__, __dir__ = lazy_names(__name__, _NAMES)
