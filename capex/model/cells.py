"""The one table of cell readings: a cell as a year, a window of years, an amount or a label.

Every reader of capex (projects, phased tables, actual spending, budget lines) reads its cells
here, so that a ledger's ``-`` means the same thing in each of them and a number is never read
two ways. Each function takes a cell's value as :meth:`capex.io.Table.value` gives it (text, a
number, a date, or a :class:`ShownNumber`) and returns the exact reading or raises
``ValueError`` with a sentence for the user; the readers add where the cell is.

What a finance office's cells hold, and how it is read:

* **No amount.** A blank cell, ``-``, ``—``, ``－``, ``/`` (and the other dashes) is no money
  (:data:`NO_AMOUNT`, :func:`optional_amount`); so is ``0``. Neither raises a finding.
* **Amounts** are exact decimals (:func:`capex.model.money.to_decimal`): thousands commas,
  full-width digits (``１２．５``), an accounting negative in parentheses (``(1,000)``,
  ``（1,000）``). A unit word in the cell (``1.2亿``, ``¥300``) is an error that says which unit
  to declare for the column: a number is read in one unit, the column's. A superscript
  (``1.5²``), another script's digits (``१२``) or more than 28 significant digits are refused,
  never read as some other number.
* **Number formats.** A workbook number whose display format scales it
  (``0!.0000"万"`` shows 12345 元 as ``1.2345万``; ``#,##0,`` shows thousands) is read as the
  number shown, exactly (:class:`ShownNumber`); a unit the format writes (``"万"``) must be
  the column's, and a percentage format on an amount is refused.
* **Labels.** A row labelled 合计/总计 is a totals row, 小计 a subtotal, ``一、续建项目`` or
  ``（一）小学`` a group heading (level 1 or 2), 制表人/审核人/填报日期/注： a footer
  (:func:`row_label`): none of them is a project.

Years are whole numbers from :data:`FIRST_YEAR` to :data:`LAST_YEAR`, the four-digit years
ISO 8601 and Excel write (a scheduling benchmark's periods count from 0): a year such as 20226
or -1e9 is a typing error, and would otherwise reach the cash flow as a window of millions of
years. A phased table's year headings are recognised from :data:`FIRST_HEADING_YEAR` to
:data:`LAST_HEADING_YEAR`, so that a column headed ``1000`` is not taken for a year.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from capex.model.money import CURRENCIES, Money, to_decimal
from capex.terms import TERMS, Message, phrase

__all__ = [
    "CLOSING_STATUSES",
    "FIRST_HEADING_YEAR",
    "FIRST_YEAR",
    "LAST_HEADING_YEAR",
    "LAST_YEAR",
    "NO_AMOUNT",
    "RowLabel",
    "ShownNumber",
    "amount_of",
    "check_year",
    "closing_status",
    "is_no_amount",
    "number_format_reading",
    "optional_amount",
    "row_label",
    "window_of",
    "year_of",
]

FIRST_YEAR = 0
"""The first year capex reads in a window or a plan period."""

LAST_YEAR = 9999
"""The last year capex reads in a window or a plan period."""

FIRST_HEADING_YEAR = 1900
"""The first year a phased table's column heading is read as."""

LAST_HEADING_YEAR = 2200
"""The last year a phased table's column heading is read as."""

NO_AMOUNT = frozenset({"", "-", "--", "—", "——", "–", "――", "―", "‒", "─", "/", "\\"})
"""What a ledger writes for no money, after full-width forms are read as ASCII (``－`` is
``-``, ``／`` is ``/``): blank, a dash of any length or kind, a slash."""

_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_FIRST_YEAR_OF_DATES = 1910  # a year typed into a date cell lands in 1900-1909
_MONTH = r"(?:0?[1-9]|1[0-2])"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_YEAR_TEXT = re.compile(
    rf"^(\d{{4}})(?:年(?:{_MONTH}月(?:{_DAY}日)?)?|[-/.]{_MONTH}[-/.]{_DAY}(?:[ T][\d:.]+)?|[-/]{_MONTH})?$"
)
_FISCAL_SPAN = re.compile(r"^(FY\s*)?(\d{4})\s*[-/—–]\s*(\d{2}|\d{4})(年度|财年)?$", re.IGNORECASE)
_FISCAL_YEAR = re.compile(r"^(?:FY\s*)?(\d{4})(?:年度|财年)?$", re.IGNORECASE)
_WINDOW_TEXT = re.compile(r"^(\d{4})(?:年)?\s*[-—–―~～至到]\s*(\d{4})(?:年)?$")


# ---------------------------------------------------------------------------------------
# years
# ---------------------------------------------------------------------------------------
def check_year(year: int) -> int:
    """``year``, or ``ValueError`` when it is outside ``FIRST_YEAR``-``LAST_YEAR``."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(
            phrase("err_model_year_range", year=year, first=FIRST_YEAR, last=LAST_YEAR)
        )
    return year


def year_of(value: Any, *, naming: str | None = None) -> int:
    """The year a cell gives: ``2023``, ``2023年``, ``2023年3月``, ``2023-03-01`` or a date; a
    budget year as its name writes it, ``FY2023``, ``2023年度``, ``2023财年``; and, where the
    budget years are fiscal years (``naming`` ``"end"``, ``"start"`` or ``"span"``, see
    :class:`capex.model.budget_year.FiscalYear`), one written as a span, ``2022-23`` or
    ``FY 2022/23`` (2023 when years are named by their end, else 2022).

    >>> year_of("2023年"), year_of(2023), year_of("2023-03-01"), year_of("FY2023")
    (2023, 2023, 2023, 2023)
    >>> year_of("2022-23", naming="end"), year_of("2022-23", naming="span")
    (2023, 2022)
    """
    if isinstance(value, (dt.datetime, dt.date)):
        return check_year(_year_of_date(value))
    if isinstance(value, ShownNumber):
        raise ValueError(phrase("err_model_year_number_format", format=repr(value.format)))  # noqa: TRY004
    if isinstance(value, bool) or value is None:
        raise ValueError(phrase("err_model_not_a_year"))
    if isinstance(value, str):
        if len(value) == 4 and value.isascii() and value.isdigit():
            return check_year(int(value))  # the common case, read without the patterns
        text = unicodedata.normalize("NFKC", value).strip()
        if not text:
            raise ValueError(phrase("err_model_year_empty"))
        span = _FISCAL_SPAN.match(text)
        if span and _is_fiscal_span(span, naming):
            if naming not in ("end", "start", "span"):
                raise ValueError(phrase("err_model_fiscal_span", text=text))
            return check_year(int(span.group(2)) + (1 if naming == "end" else 0))
        named = _FISCAL_YEAR.match(text)
        if named:
            return check_year(int(named.group(1)))
        match = _YEAR_TEXT.match(text)
        if match:
            return check_year(int(match.group(1)))
        value = text
    try:
        number = to_decimal(value)
    except ValueError:
        raise ValueError(phrase("err_model_not_a_year_write")) from None
    if number != number.to_integral_value():
        raise ValueError(phrase("err_model_year_not_whole"))
    if abs(number) > 10**6:
        raise ValueError(
            phrase("err_model_year_range", year=value, first=FIRST_YEAR, last=LAST_YEAR)
        )
    return check_year(int(number))


def _is_fiscal_span(span: re.Match[str], naming: str | None) -> bool:
    """Whether ``2022-23`` (or ``FY 2022/23``, ``2022-2023年度``) names one fiscal year: the
    second year follows the first, and it cannot be a year and month (``2022-12``) unless
    the budget years are fiscal ones."""
    first, second = int(span.group(2)), span.group(3)
    marked = bool(span.group(1) or span.group(4))
    if len(second) == 4:
        return marked and int(second) == first + 1
    follows = int(second) == (first + 1) % 100
    return follows and (marked or int(second) > 12 or naming in ("end", "start", "span"))


def window_of(value: Any) -> tuple[int, int]:
    """The first and last year of a window cell: ``2023-2026``, ``2023—2026``,
    ``2023年-2026年``, ``2023至2026``, or one year (``2023``).

    >>> window_of("2023年-2026年"), window_of("2023")
    ((2023, 2026), (2023, 2023))
    """
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        match = _WINDOW_TEXT.match(text)
        if match:
            return check_year(int(match.group(1))), check_year(int(match.group(2)))
        try:
            year = year_of(text)
        except ValueError:
            raise ValueError(phrase("err_model_not_year_range")) from None
        return year, year
    year = year_of(value)
    return year, year


def _year_of_date(value: dt.date) -> int:
    year = value.year
    if year < _FIRST_YEAR_OF_DATES:
        # a year typed into a cell formatted as a date shows as a day of 1905
        moment = (
            value if isinstance(value, dt.datetime) else dt.datetime(year, value.month, value.day)
        )
        serial = (moment - _EXCEL_EPOCH).days
        raise ValueError(phrase("err_model_date_year", year=year, serial=serial))
    return year


# ---------------------------------------------------------------------------------------
# numbers shown through a display format
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ShownNumber:
    """A workbook number whose display format changes what it shows.

    Chinese offices show amounts kept in 元 as 万元 with the format ``0!.0000"万"`` (12345
    shows as ``1.2345万``), and thousands with ``#,##0,``. The number a person reads in the
    cell is :attr:`number` (the stored value divided by the format's scale, exactly), in the
    unit the format writes, if any (:attr:`unit`).

    Attributes
    ----------
    stored
        The number the workbook stores.
    number
        The number shown, exactly.
    unit
        The unit the format writes after the number (``"万元"`` for ``"万"``), or None.
    format
        The display format, as the workbook has it.
    percent
        Whether the format shows the number as a percentage.
    """

    stored: float | int
    number: Decimal
    unit: str | None
    format: str
    percent: bool = False

    def __str__(self) -> str:
        text = format(self.number, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return f"{text}{'%' if self.percent else ''}{self.unit or ''}"


_QUOTED = re.compile(r'"([^"]*)"')
_BRACKETS = re.compile(r"\[[^\]]*\]")
_UNIT_WORDS = {
    "亿元": "亿元",
    "亿": "亿元",
    "万元": "万元",
    "万": "万元",
    "千元": "千元",
    "百万元": "百万元",
    "百万": "百万元",
    "元": "元",
}


def number_format_reading(number_format: str | None) -> tuple[Decimal, str | None, bool] | None:
    """How a display format changes the number it shows: ``(scale, unit, percent)``, where the
    number shown is the stored one divided by ``scale``; None for a format that shows the
    number as it is (``General``, ``0.00``, ``#,##0``, accounting formats, dates).

    The scale comes from a literal point before the last digits (``0!.0000``, ``0"."0000``,
    ``0\\.0000``: 10,000) and from commas after the last digit (``#,##0,``: 1,000 each); a
    unit word the format writes (``"万"``, ``"亿元"``) is the unit shown.

    >>> number_format_reading('0!.0000"万"')
    (Decimal('10000'), '万元', False)
    >>> number_format_reading("#,##0.00") is None
    True
    """
    if not number_format or number_format in ("General", "@"):
        return None
    section = _first_section(number_format)
    literals: list[str] = []
    pattern: list[str] = []  # "0" for a digit placeholder, "." a literal point, "," a comma
    k = 0
    while k < len(section):
        char = section[k]
        if char == '"':
            end = section.find('"', k + 1)
            end = len(section) if end < 0 else end
            text = section[k + 1 : end]
            literals.append(text)
            if text == ".":
                pattern.append("L")
            k = end + 1
            continue
        if char in "\\!":
            literal = section[k + 1 : k + 2]
            literals.append(literal)
            if literal == ".":
                pattern.append("L")
            k += 2
            continue
        if char in "_*":
            k += 2  # a space as wide as the next character; a fill character
            continue
        if char in "0#?":
            pattern.append("0")
        elif char == ",":
            pattern.append(",")
        elif char == ".":
            pattern.append(".")
        elif char == "%":
            pattern.append("%")
        elif char == "[":
            end = section.find("]", k)
            k = len(section) if end < 0 else end + 1
            continue
        elif not char.isascii():
            literals.append(char)  # Excel lets CJK characters stand unquoted
        k += 1
    scale = Decimal(1)
    if "L" in pattern:
        after = pattern[pattern.index("L") + 1 :]
        digits = 0
        for mark in after:
            if mark != "0":
                break
            digits += 1
        scale *= Decimal(10) ** digits
    trailing = 0
    for mark in reversed(pattern):
        if mark == ",":
            trailing += 1
        elif mark == "0":
            break
    if trailing and "0" in pattern:
        scale *= Decimal(1000) ** trailing
    percent = "%" in pattern
    unit = _unit_in("".join(literals))
    if scale == 1 and unit is None and not percent:
        return None
    return scale, unit, percent


def _first_section(number_format: str) -> str:
    """The section of a format that shows positive numbers (``pos;neg;zero;text``)."""
    quoted = False
    for k, char in enumerate(number_format):
        if char == '"':
            quoted = not quoted
        elif char == ";" and not quoted:
            return number_format[:k]
    return number_format


def _unit_in(text: str) -> str | None:
    """The money unit a format's literal text writes (``万``, ``亿元``), or None."""
    plain = unicodedata.normalize("NFKC", text).strip()
    for word in sorted(_UNIT_WORDS, key=len, reverse=True):
        if word in plain:
            return _UNIT_WORDS[word]
    return None


def shown_number(value: float, number_format: str | None) -> float | ShownNumber:
    """A workbook number as read: the number itself, or a :class:`ShownNumber` when its display
    format scales it or writes a unit."""
    if isinstance(value, bool):
        return value
    reading = number_format_reading(number_format)
    if reading is None:
        return value
    scale, unit, percent = reading
    stored = to_decimal(value)
    number = stored / scale * (100 if percent else 1)  # a power of ten: exact
    return ShownNumber(value, number, unit, str(number_format), percent)


# ---------------------------------------------------------------------------------------
# amounts
# ---------------------------------------------------------------------------------------
_DASHES = "-—–―‒─\\/"
_SYMBOLS = {"¥": "元", "￥": "元", "$": "USD", "us$": "USD", "hk$": "HKD", "€": "EUR", "£": "GBP"}
_CELL_UNITS: dict[str, str] = {}
for _currency in CURRENCIES.values():
    _CELL_UNITS.update(_currency.aliases)
_CELL_UNITS.update({"亿": "亿元", "万": "万元", "百万": "百万元", "千": "千元", "rmb": "元"})
_NUMBER_START = re.compile(r"[-+(]?[\d.,]")


def is_no_amount(value: Any) -> bool:
    """Whether a cell holds no money: empty, blank, a dash of any kind or a slash
    (:data:`NO_AMOUNT`). Zero is an amount (of nothing)."""
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    text = unicodedata.normalize("NFKC", value).strip()
    return text in NO_AMOUNT or (bool(text) and all(c in _DASHES for c in text) and len(text) < 8)


def amount_of(value: Any, unit: str | None = None) -> Decimal:
    """An amount cell as an exact decimal (text, an integer, a float read through its shortest
    text, or a :class:`ShownNumber`).

    ``unit`` is the unit the reader reads the column in, if it knows it: a display format that
    writes another unit is refused (a format that writes a unit needs ``unit`` to agree). A
    date, a yes/no, a unit word in the cell and a percentage format are refused.

    >>> amount_of("(1,000)"), amount_of("（２５０）"), amount_of(1.42)
    (Decimal('-1000'), Decimal('-250'), Decimal('1.42'))
    """
    if isinstance(value, (dt.datetime, dt.date, dt.time, dt.timedelta)):
        raise ValueError(phrase("err_model_date_not_amount"))  # noqa: TRY004
    if isinstance(value, ShownNumber):
        return _shown_amount(value, unit)
    if isinstance(value, str):
        return _amount_text(value)
    return to_decimal(value)


def optional_amount(value: Any, unit: str | None = None) -> Decimal | None:
    """:func:`amount_of`, or None for a cell that holds no money (:func:`is_no_amount`)."""
    if is_no_amount(value):
        return None
    return amount_of(value, unit)


def _shown_amount(value: ShownNumber, unit: str | None) -> Decimal:
    if value.percent:
        raise ValueError(phrase("err_model_percent_format", format=repr(value.format)))
    if value.unit is not None:
        if unit is None:
            raise ValueError(
                phrase(
                    "err_model_format_unit_undeclared",
                    format=repr(value.format),
                    unit=value.unit,
                )
            )
        if _unit_name(unit) != value.unit:
            raise ValueError(
                phrase(
                    "err_model_format_unit_differs",
                    format=repr(value.format),
                    unit=value.unit,
                    column_unit=unit,
                )
            )
    return value.number


def _unit_name(unit: str) -> str:
    try:
        return Money.of(unit).normalize_unit(unit)
    except ValueError:
        return unit


def _amount_text(value: str) -> Decimal:
    # only the full-width parentheses are read here; to_decimal reads (and refuses) the rest
    text = value.strip().replace("（", "(").replace("）", ")")
    if text.startswith("(") and text.endswith(")") and len(text) > 2:
        inner = text[1:-1].strip()
        if _NUMBER_START.match(inner) and not inner.startswith(("-", "+", "(")):
            return -to_decimal(inner)  # an accounting negative: (1,000) is -1000
    try:
        return to_decimal(text)
    except ValueError:
        written = _unit_written(text)
        if written is not None:
            unit = written
            raise ValueError(
                phrase("err_model_unit_in_cell", value=repr(value), unit=unit)
            ) from None
        raise


def _unit_written(text: str) -> str | None:
    """The unit a cell writes beside a number (``1.2亿``, ``300 万元``, ``¥300``), or None."""
    lowered = text.lower()
    for symbol, unit in _SYMBOLS.items():
        if lowered.startswith(symbol) and _is_number(lowered[len(symbol) :]):
            return unit
    for alias in sorted(_CELL_UNITS, key=len, reverse=True):
        if lowered.endswith(alias) and _is_number(lowered[: -len(alias)]):
            return _CELL_UNITS[alias]
        if lowered.startswith(alias) and _is_number(lowered[len(alias) :]):
            return _CELL_UNITS[alias]
    return None


def _is_number(text: str) -> bool:
    try:
        to_decimal(text.strip())
    except ValueError:
        return False
    return bool(text.strip())


# ---------------------------------------------------------------------------------------
# row labels
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RowLabel:
    """What a row's label cell says the row is.

    Attributes
    ----------
    kind
        ``"total"`` (合计, 总计, total), ``"subtotal"`` (小计), ``"group"`` (a group heading
        such as ``一、续建项目``), ``"footer"`` (制表人, 审核人, 填报日期, 注：) or ``"example"``
        (the example row of capex's template, its name still asking to be replaced).
    level
        A group heading's level: 1 for ``一、``, 2 for ``（一）``; 0 otherwise.
    text
        The label as written.
    """

    kind: str
    level: int = 0
    text: str = ""


def _plain_label(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)).lower()
    return re.sub(r"[\s_\"'“”‘’]", "", text)


TOTAL_LABELS = frozenset(
    _plain_label(label)
    for label in ("合计", "总计", "共计", "总合计", "全部合计", "合 计", "total", "totals")
) | {"grandtotal"}
"""Labels of a totals row (compared without blanks, case or full-width forms)."""

SUBTOTAL_LABELS = frozenset(_plain_label(label) for label in ("小计", "subtotal", "sub-total"))
"""Labels of a subtotal row, which adds up the rows since the last group heading."""

_EXAMPLE_LABELS = frozenset(_plain_label(name) for name in TERMS["template_example_name"])
"""The example row of capex's template (:func:`capex.write_template`), by its name."""

_NUMERALS = "一二三四五六七八九十百零〇"
_GROUP_LEVEL_1 = re.compile(rf"^(?:[{_NUMERALS}]+(?:[、.,:]|$)|第[{_NUMERALS}]+(?:部分|类|项))")
_GROUP_LEVEL_2 = re.compile(rf"^\([{_NUMERALS}]+\)")
_FOOTER_WORDS = frozenset({
    "制表人", "制表", "制表日期", "填表人", "填报人", "填报日期", "填表日期", "审核人", "审核",
    "复核人", "审批人", "负责人", "单位负责人", "分管领导", "财务负责人", "经办人", "联系人",
    "联系电话", "日期", "preparedby", "checkedby", "approvedby", "reviewedby", "date",
})  # fmt: skip
_FOOTER_NOTES = ("注", "注释", "说明", "备注", "附注", "note", "notes")


def row_label(value: Any) -> RowLabel | None:
    """What a label cell (a row's id or name) says the row is, or None for a record.

    >>> row_label("合 计").kind, row_label("一、续建项目").level, row_label("（一）小学").level
    ('total', 1, 2)
    >>> row_label("制表人：张三").kind, row_label("鲁迅小学") is None
    ('footer', True)
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 200:
        return None
    plain = _plain_label(text)
    if plain in TOTAL_LABELS:
        return RowLabel("total", text=text)
    if plain in SUBTOTAL_LABELS:
        return RowLabel("subtotal", text=text)
    head, colon, _ = plain.partition(":")
    if head in _FOOTER_WORDS or (colon and head in _FOOTER_NOTES):
        return RowLabel("footer", text=text)
    if plain in _EXAMPLE_LABELS:
        return RowLabel("example", text=text)
    if _GROUP_LEVEL_2.match(plain):
        return RowLabel("group", 2, text)
    if _GROUP_LEVEL_1.match(plain):
        return RowLabel("group", 1, text)
    return None


# ---------------------------------------------------------------------------------------
# a project's status at the close of a plan
# ---------------------------------------------------------------------------------------
CLOSING_STATUSES = ("finished", "under_way", "not_started", "stopped")
"""A project's status when its plan closes: 已完工, 在建, 未开工, 停建."""

_STATUS_WORDS = {
    "finished": (
        "已完工", "完工", "竣工", "已竣工", "已建成", "建成", "已完成", "完成", "竣工验收",
        "已验收", "已交付", "finished", "completed", "complete", "closed", "done",
    ),
    "under_way": (
        "在建", "续建", "施工中", "建设中", "在施", "正在建设", "已开工", "新开工", "在建项目",
        "续建项目", "underway", "inprogress", "ongoing", "underconstruction", "started",
        "active",
    ),
    "not_started": (
        "未开工", "尚未开工", "前期", "前期工作", "待开工", "拟建", "未启动", "notstarted",
        "planned", "pending", "notyetstarted",
    ),
    "stopped": (
        "停建", "缓建", "停工", "暂停", "中止", "终止", "取消", "已取消", "stopped", "suspended",
        "halted", "cancelled", "canceled", "onhold", "abandoned",
    ),
}  # fmt: skip
_STATUS_OF = {_plain_label(word): key for key, words in _STATUS_WORDS.items() for word in words}


def closing_status(value: Any) -> str | None:
    """A status cell as one of :data:`CLOSING_STATUSES`; None for an empty cell.

    >>> closing_status("已完工"), closing_status("在建"), closing_status("Under way")
    ('finished', 'under_way', 'under_way')
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    key = _plain_label(str(value)).replace("-", "")
    if key in _STATUS_OF:
        return _STATUS_OF[key]
    raise ValueError(phrase("err_model_status"))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


# ---------------------------------------------------------------------------------------
# cells
# ---------------------------------------------------------------------------------------
def control_character(text: str) -> Message | None:
    """What is wrong with ``text`` if it holds a control character (other than tab and line
    breaks), else None. Such text cannot be written to a workbook and is never meant."""
    match = _CONTROL.search(text)
    if match is None:
        return None
    return phrase("err_model_control_character", code=f"{ord(match.group()):04X}")
