"""Input workbooks for a finance officer to fill in: ``capex template projects.xlsx``.

:func:`write_template` writes a workbook with one sheet of headings (in English or Chinese,
each amount heading naming its unit), one example row, frozen headings and data validation
(four-digit years, 是/否 or yes/no, amounts of at least 0), and a second sheet saying what to
write in each column. Filled in by hand, it loads with :func:`capex.load_projects` as it is:
the plan-investment heading (``2021-2025年投资（亿元）``) gives the plan period, and the
example row, as long as its name still asks to be replaced, is not loaded as a project.

:func:`write_actuals_template` writes a spending ledger to fill in (``capex template
ledger.xlsx --actuals``): a row per project of a portfolio, its id and name filled in, a column
per year of the plan period (its unit in the heading) and a status column (已完工, 在建,
未开工, 停建); it loads with :func:`capex.load_actuals` as it is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from capex.errors import CapexError
from capex.io.files import atomic_write
from capex.model.cells import FIRST_HEADING_YEAR, LAST_HEADING_YEAR, check_year
from capex.model.money import Money
from capex.terms import check_lang, phrase, term, with_unit

__all__ = ["TemplateError", "write_actuals_template", "write_template"]

_LAST_ROW = 5000
"""Data validation covers the rows down to this one."""


# what Excel checks as a cell is typed: four-digit years, amounts of at least 0, yes or no
_CHECKS = {
    "year": lambda yes, no: {
        "type": "whole",
        "operator": "between",
        "formula1": str(FIRST_HEADING_YEAR),
        "formula2": str(LAST_HEADING_YEAR),
    },
    "amount": lambda yes, no: {
        "type": "decimal",
        "operator": "greaterThanOrEqual",
        "formula1": "0",
    },
    "yes/no": lambda yes, no: {"type": "list", "formula1": f'"{yes},{no}"'},
}


class TemplateError(CapexError, ValueError):
    """A template that cannot be written as asked."""


def write_template(
    path: str | Path,
    lang: str = "en",
    *,
    plan_period: tuple[int, int] = (2021, 2025),
    unit: str = "亿元",
    overwrite: bool = False,
) -> Path:
    """Write an input workbook of projects to fill in by hand.

    Parameters
    ----------
    path
        The workbook to write (``.xlsx``; the suffix is added when missing).
    lang
        ``"en"`` for capex's headings in English, ``"zh"`` for a Chinese plan's headings.
    plan_period
        The plan period the plan-investment heading names.
    unit
        The unit of the amount columns (``"亿元"``, ``"万元"``, ``"元"``, ``"USD"`` ...).
    overwrite
        Replace an existing file. Without it an existing file is an error, so a workbook
        already filled in is never lost.

    Returns
    -------
    Path
        The workbook written (whole, or not at all: it is written beside the target and
        renamed).

    Examples
    --------
    >>> import capex
    >>> capex.write_template("projects.xlsx", lang="zh")      # doctest: +SKIP
    """
    from openpyxl import Workbook

    check_lang(lang)
    path = _target(path, overwrite)
    try:
        first, last = (check_year(int(year)) for year in plan_period)
        money = Money.of(unit)
        unit = money.normalize_unit(unit)
    except (TypeError, ValueError) as error:
        raise TemplateError(phrase("err_io_cannot_write_template", error=error)) from None
    if last < first:
        raise TemplateError(phrase("err_io_template_period_backwards", first=first, last=last))

    columns = _columns(lang, first, last, unit, money)
    book = Workbook()
    sheet = book.active
    sheet.title = term("template_sheet", lang)
    _fill_projects(sheet, columns, lang)
    _fill_notes(book.create_sheet(term("template_notes_sheet", lang)), columns, lang, unit)
    _save_atomically(book, path)
    return path


def write_actuals_template(
    path: str | Path,
    portfolio: Any = None,
    *,
    years: tuple[int, int] | None = None,
    lang: str = "en",
    unit: str = "万元",
    overwrite: bool = False,
) -> Path:
    """Write a spending ledger to fill in: a row per project, a column per year, a status.

    Parameters
    ----------
    path
        The workbook to write (``.xlsx``; the suffix is added when missing).
    portfolio
        The projects whose rows it holds (their ids and names filled in); the bundled ones
        by default.
    years
        The first and last year of the ledger's columns (the years it covers); by default the
        portfolio's plan period.
    lang
        ``"en"`` or ``"zh"``: the headings and notes.
    unit
        The unit of the amounts (``"万元"``, ``"元"``, ``"USD"`` ...), written in each year's
        heading.
    overwrite
        Replace an existing file; without it an existing file is an error.

    Returns
    -------
    Path
        The workbook written (whole, or not at all).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from capex.io.projects import load_projects
    from capex.model.cells import CLOSING_STATUSES

    check_lang(lang)
    path = _target(path, overwrite)
    portfolio = portfolio if portfolio is not None else load_projects()
    try:
        first, last = (check_year(int(y)) for y in (years or portfolio.plan_period))
        money = Money.of(unit)
        unit = money.normalize_unit(unit)
    except (TypeError, ValueError) as error:
        raise TemplateError(phrase("err_io_cannot_write_template", error=error)) from None
    if last < first:
        raise TemplateError(phrase("err_io_template_years_backwards", first=first, last=last))
    statuses = [term(f"status_{key}", lang) for key in CLOSING_STATUSES]
    year_label = "{year}年" if lang == "zh" else "{year}"
    headings = [term("id", lang), term("name", lang)]
    headings += [with_unit(year_label.format(year=y), unit, lang) for y in range(first, last + 1)]
    headings.append(term("status", lang))
    book = Workbook()
    sheet = book.active
    sheet.title = term("template_actuals_sheet", lang)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for pid, name in zip(portfolio.ids, portfolio.frame["name"]):
        sheet.append([pid.item() if hasattr(pid, "item") else pid, str(name)])
        sheet.cell(row=sheet.max_row, column=2).data_type = "s"  # text, never a formula
    status_letter = get_column_letter(len(headings))
    rule = DataValidation(
        type="list",
        formula1='"' + ",".join(statuses) + '"',
        allow_blank=True,
        showErrorMessage=True,
        error=term("template_note_status", lang, statuses=", ".join(statuses)),
    )
    rule.add(f"{status_letter}2:{status_letter}{max(_LAST_ROW, sheet.max_row)}")
    sheet.add_data_validation(rule)
    sheet.column_dimensions["A"].width = 8
    sheet.column_dimensions["B"].width = 36
    for k in range(3, len(headings) + 1):
        sheet.column_dimensions[get_column_letter(k)].width = 14
    sheet.freeze_panes = "C2"
    notes = book.create_sheet(term("template_notes_sheet", lang))
    notes.append([term("template_note_actuals_units", lang, unit=unit, first=first, last=last)])
    notes.append([])
    notes.append([term("template_column", lang), term("template_meaning", lang)])
    notes.append([headings[0], term("template_note_id", lang)])
    notes.append([headings[1], term("template_note_name", lang)])
    for k, year in enumerate(range(first, last + 1)):
        notes.append(
            [headings[2 + k], term("template_note_actuals_year", lang, year=year, unit=unit)]
        )
    notes.append([headings[-1], term("template_note_status", lang, statuses=", ".join(statuses))])
    notes.column_dimensions["A"].width = 30
    notes.column_dimensions["B"].width = 90
    _save_atomically(book, path)
    return path


def _target(path: str | Path, overwrite: bool) -> Path:
    """The workbook to write: ``.xlsx``, and not one that exists unless asked."""
    path = Path(path)
    if not path.suffix:
        path = path.with_suffix(".xlsx")
    if path.suffix.lower() != ".xlsx":
        raise TemplateError(phrase("err_io_template_suffix", path=path, suffix=repr(path.suffix)))
    if path.exists() and not overwrite:
        raise TemplateError(phrase("err_io_template_exists", path=path))
    return path


def _columns(lang: str, first: int, last: int, unit: str, money: Money) -> list[dict[str, Any]]:
    """Each column's heading, width, example value, validation and note."""
    yes = term("yes", lang)
    decimals = Money.of(money.units[0]).decimals(unit)  # down to the currency's smallest unit
    years = {"first_year": FIRST_HEADING_YEAR, "last_year": LAST_HEADING_YEAR}
    end = min(first + 2, last)
    return [
        {"heading": term("id", lang), "width": 8, "example": 1,
         "note": term("template_note_id", lang)},
        {"heading": term("name", lang), "width": 36, "example": term("template_example_name", lang),
         "note": term("template_note_name", lang)},
        {"heading": term("start_year", lang), "width": 12, "example": first, "check": "year",
         "note": term("template_note_year", lang, **years)},
        {"heading": term("end_year", lang), "width": 12, "example": end, "check": "year",
         "note": term("template_note_year", lang, **years)},
        {"heading": term("street", lang), "width": 16,
         "example": term("template_example_street", lang),
         "note": term("template_note_street", lang)},
        {"heading": term("scope", lang), "width": 44,
         "example": term("template_example_scope", lang),
         "note": term("template_note_scope", lang)},
        {"heading": with_unit(term("total_investment", lang), unit, lang), "width": 18,
         "example": 1.5, "check": "amount", "amount": True,
         "note": term("template_note_total", lang, unit=unit, decimals=decimals)},
        {"heading": with_unit(term("plan_investment", lang, first=first, last=last), unit, lang),
         "width": 24, "example": 1.5, "check": "amount", "amount": True,
         "note": term("template_note_plan", lang, first=first, last=last, unit=unit)},
        {"heading": term("builder", lang), "width": 24,
         "example": term("template_example_builder", lang),
         "note": term("template_note_builder", lang)},
        {"heading": term("government_investment", lang), "width": 14, "example": yes,
         "check": "yes/no", "note": term("template_note_government", lang)},
        {"heading": term("note", lang), "width": 24, "example": None,
         "note": term("template_note_note", lang)},
    ]  # fmt: skip


def _fill_projects(sheet: Any, columns: list[dict[str, Any]], lang: str) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    yes, no = term("yes", lang), term("no", lang)
    for position, column in enumerate(columns, start=1):
        letter = get_column_letter(position)
        head = sheet.cell(row=1, column=position, value=column["heading"])
        head.font, head.fill = bold, fill
        head.alignment = Alignment(wrap_text=True, vertical="center")
        head.comment = Comment(column["note"], "capex")
        example = sheet.cell(row=2, column=position, value=column["example"])
        if isinstance(column["example"], str):
            example.data_type = "s"  # text stays text, never a formula
        if column.get("amount"):
            example.number_format = "0.00##"
        sheet.column_dimensions[letter].width = column["width"]
        check = column.get("check")
        if check is None:
            continue
        rule = DataValidation(
            **_CHECKS[check](yes, no),
            allow_blank=True,
            showErrorMessage=True,
            error=column["note"],
        )
        rule.add(f"{letter}2:{letter}{_LAST_ROW}")
        sheet.add_data_validation(rule)
    sheet.row_dimensions[1].height = 32
    sheet.freeze_panes = "A2"


def _fill_notes(sheet: Any, columns: list[dict[str, Any]], lang: str, unit: str) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.append([term("template_note_units", lang, unit=unit)])
    sheet.append([])
    sheet.append([term("template_column", lang), term("template_meaning", lang)])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for column in columns:
        sheet.append([column["heading"], column["note"]])
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 90
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _save_atomically(book: Any, path: Path) -> None:
    """Save through a temporary beside the target (:mod:`capex.io.files`): whole or not at all."""
    try:
        with atomic_write(path) as temporary:
            book.save(temporary)
    except OSError as error:
        raise TemplateError(
            phrase("err_io_cannot_write_file", path=path, reason=error.strerror or error)
        ) from None
