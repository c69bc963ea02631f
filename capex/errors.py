"""The one family of errors capex raises.

Every error a user can cause derives from :class:`CapexError`; errors about input data also
say where the bad value is (file, row, column, value), so that a finance officer can open the
file and fix it without reading a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

WHERE_WORDS: dict[str, str] = {
    "at": "{where}: {problem}",
    "and": ", ",
    "sheet": "sheet {sheet}",
    "cell": "cell {cell}",
    "row": "row {row}",
    "column": "column '{column}'",
    "id": "id {id}",
    "detail": " ({detail})",
    "value": "value {value}",
}
"""The words that say where a bad value is, in English; :mod:`capex.terms` holds them in
Chinese too (keys ``error_at`` ...), for reports that show an error in Chinese."""


class CapexError(Exception):
    """Base class of every error raised by capex on bad input or an impossible request.

    Its message is worded when shown, in ``capex.options.lang``: an error raised with a
    :class:`~capex.terms.Message` reads in Chinese under ``capex.options.lang = "zh"``.
    """

    def __str__(self) -> str:
        from capex._options import options
        from capex.terms import said

        return said(self, options.lang)


class DataError(CapexError, ValueError):
    """Bad input data, located as precisely as possible.

    Parameters
    ----------
    problem
        What is wrong, in one sentence.
    source
        The file (or ``"<DataFrame>"``) the value came from.
    row
        1-based data row (the header is not counted), if the problem is in one row.
    column
        Column name, if the problem is in one column.
    value
        The offending value as found in the input.
    project_id
        The project's id, when the row has one; it helps readers of long files.
    sheet
        The workbook's sheet, when the file is a workbook.
    cell
        The cell in Excel's own notation (``"F7"``), when the file is a workbook; the message
        then names the cell rather than the data row.
    """

    def __init__(
        self,
        problem: str,
        *,
        source: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: Any = None,
        project_id: Any = None,
        sheet: str | None = None,
        cell: str | None = None,
    ) -> None:
        self.problem = problem
        self.source = source
        self.row = row
        self.column = column
        self.value = value
        self.project_id = project_id
        self.sheet = sheet
        self.cell = cell
        super().__init__(self.worded())

    def worded(
        self,
        word: Callable[..., str] | None = None,
        say: Callable[[object], str] = str,
    ) -> str:
        """The message, its places worded by ``word(key, **values)`` (English by default,
        from :data:`WHERE_WORDS`) and its problem by ``say`` (a report in Chinese passes
        both; see :func:`capex.terms.said`)."""
        if word is None:

            def word(key: str, **values: object) -> str:
                return WHERE_WORDS[key].format(**values)

        where = []
        if self.source:
            where.append(say(self.source))
        if self.sheet is not None:
            where.append(word("sheet", sheet=self.sheet))
        if self.cell is not None:
            # a workbook: the cell is what the user looks for; column and id help to check it
            detail = [word("column", column=self.column)] if self.column is not None else []
            if self.project_id is not None:
                detail.append(word("id", id=self.project_id))
            text = word("cell", cell=self.cell)
            where.append(text + (word("detail", detail=word("and").join(detail)) if detail else ""))
        elif self.row is not None:
            text = word("row", row=self.row)
            if self.project_id is not None:
                text += word("detail", detail=word("id", id=self.project_id))
            where.append(text)
        if self.column is not None and self.cell is None:
            where.append(word("column", column=self.column))
        if self.value is not None:
            where.append(word("value", value=repr(self.value)))
        problem = say(self.problem)
        return word("at", where=word("and").join(where), problem=problem) if where else problem
