"""Which column is which: the headings capex recognises, in English and in Chinese.

A finance office's table says ``总投资（亿元）`` where capex's own CSV says
``total_investment``; ``项目期限`` holds a window such as ``2023-2026``; ``2021-2025年投资额``
is the plan-period investment and names the plan period; a phased table has one column per
year (``2021``, ``2021年``, ``FY 2021``). This module is the one home of those words.

Headings are compared after :func:`normalise`: full-width characters as half-width, case
ignored, blanks, underscores and quotation marks dropped, so ``Start Year``, ``start_year``
and ``start year`` are one heading, and ``“十四五”期间投资`` is ``十四五期间投资``. A unit
written in an amount heading (``总投资（亿元）``, ``总投资(万元)``, ``总投资/万元``,
``总投资（单位：万元）``, ``total_investment (USD)``) is the unit of that column.

Two columns that mean the same thing (``总投资（亿元）`` beside ``总投资（万元）``, or
``项目期限`` beside ``开工年份``) are an error naming both: capex never picks one silently.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from capex.errors import DataError
from capex.io.tables import Table
from capex.model.cells import FIRST_HEADING_YEAR, LAST_HEADING_YEAR
from capex.terms import TERMS, Message, joined, phrase

__all__ = [
    "ACTUALS_AMOUNTS",
    "ACTUALS_HEADINGS",
    "BUDGET_LINE_HEADINGS",
    "FISCAL_FORMS",
    "PRECEDENCE_HEADINGS",
    "PROJECT_HEADINGS",
    "ROW_TOTAL_HEADINGS",
    "SOURCE_GROUPS",
    "SOURCE_TABLE_HEADINGS",
    "SOURCE_WORDS",
    "Heading",
    "find_columns",
    "fiscal_naming",
    "heading_year",
    "mentions_year",
    "missing_column",
    "normalise",
    "recognise",
    "require",
    "split_unit",
    "unit_note",
    "year_heading",
    "year_of_heading",
]


def _words(*names: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(normalise(name) for name in names))


PROJECT_AMOUNTS = frozenset({"total_investment", "plan_investment", "spent_before"})
"""The project fields that hold money, and so may name a unit in their heading."""

_FIVE_YEAR_PLANS = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026}
_RANGE = r"(\d{4})年?-(\d{4})年?"
_PLAN_PATTERNS = (
    re.compile(rf"^{_RANGE}(?:年度)?(?:计划)?(?:投资额?|投资计划|计划投资|计划投资额)$"),
    re.compile(rf"^(?:planinvestment|plan){_RANGE}$"),
    re.compile(rf"^(?:planinvestment|plan)\(?{_RANGE}\)?$"),
)
_FIVE_YEAR_PLAN = re.compile(
    r"^(十[一二三四五]五)(?:期间|时期|规划期|规划)?(?:计划)?(?:投资额?|投资计划)$"
)
_YEAR = re.compile(
    r"^(fy|年度)?(\d{4})(年度|财年|年)?(?:计划|投资|投资额|投资计划|计划投资|支出|预算|安排|决算|实际)?$"
)
_SPAN_YEAR = re.compile(
    r"^(fy)?(\d{4})[-/](\d{2}|\d{4})(年度|财年|财政年度)?"
    r"(?:计划|投资|投资额|投资计划|计划投资|支出|预算|安排|决算|实际)?$"
)
_SUFFIX_WORDS = (
    r"计划|投资|投资额|投资计划|计划投资|支出|预算|安排|决算|实际|完成|完成投资|实际支出|"
    r"实际完成|实际完成投资|累计|累计完成|累计支出|累计完成投资|金额|已完成|已完成投资"
)
_SUFFIX = rf"(?:{_SUFFIX_WORDS})?"
_EXCLUSIVE_BEFORE = re.compile(rf"^(?:fy)?(\d{{4}})年?(?:底|末)?(?:之前|前)(?:年度)?{_SUFFIX}$")
_INCLUSIVE_BEFORE = (
    re.compile(
        rf"^(?:截至|截止|至)?(\d{{4}})年?(?:底|末)?(?:及|及其|和)(?:以前|之前)(?:年度)?{_SUFFIX}$"
    ),
    re.compile(rf"^(?:截至|截止)(\d{{4}})年?(?:底|末)?{_SUFFIX}$"),
    re.compile(rf"^(\d{{4}})年?(?:底|末)累计{_SUFFIX}$"),
    re.compile(r"^(?:to|upto|through|thru|until)(\d{4})$"),
    re.compile(r"^(\d{4})(?:andbefore|andearlier|orearlier|andprior)$"),
)
_LOOSE_BEFORE = re.compile(rf"^(\d{{4}})年?(?:以前)(?:年度)?{_SUFFIX}$")
_ENGLISH_BEFORE = re.compile(r"^(?:before|pre-?|priorto)(\d{4})$")
_EARLIER_YEARS = re.compile(rf"^(?:以前年度|往年|上年底|上年末|历年)(?:累计)?{_SUFFIX}$")
_EXCLUSIVE_AFTER = re.compile(rf"^(\d{{4}})年?(?:之后|后)(?:年度)?{_SUFFIX}$")
_INCLUSIVE_AFTER = (
    re.compile(rf"^(\d{{4}})年?(?:及|及其|和)(?:以后|之后)(?:年度)?{_SUFFIX}$"),
    re.compile(r"^(?:from)(\d{4})(?:on|onwards?)?$"),
    re.compile(r"^(\d{4})(?:andafter|andlater|onwards?|orlater|\+)$"),
)
_LOOSE_AFTER = re.compile(rf"^(\d{{4}})年?(?:以后)(?:年度)?{_SUFFIX}$")
_ENGLISH_AFTER = re.compile(r"^(?:after|post-?|beyond)(\d{4})$")
_LATER_YEARS = re.compile(rf"^(?:以后年度|后续年度|远期){_SUFFIX}$")
_MONTH_RANGE = re.compile(
    rf"^(?:fy)?(\d{{4}})年?(\d{{1,2}})月?(?:-|至|到)(\d{{1,2}})月份?{_SUFFIX}$"
)
_ONE_MONTH = re.compile(rf"^(?:fy)?(\d{{4}})年?(\d{{1,2}})月份?{_SUFFIX}$")
_HALF = re.compile(rf"^(\d{{4}})年?(上|下)半年{_SUFFIX}$")
_QUARTER = re.compile(rf"^(\d{{4}})年?第?([一二三四1-4])季度?{_SUFFIX}$")
_ENGLISH_PART = re.compile(r"^(?:fy)?(\d{4})(h|q)([1-4])$")
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_ROW_TOTAL = re.compile(
    rf"^(?:{_RANGE}|十[一二三四五]五(?:期间|时期)?)?(?:年度)?(?:合计|总计|小计|累计)(?:{_SUFFIX_WORDS})?$"
)
_YEARLIKE = re.compile(r"(?<!\d)(1[9]\d\d|2[0-2]\d\d)(?!\d)")
_DASHES = re.compile(r"[—–―‒~～至到]")
_UNIT_NOTE = re.compile(
    r"(?:金额)?单位\s*[:：]\s*([^\s,，;；)）]+)|\bunits?\s*[:：]\s*([^\s,;)]+)", re.IGNORECASE
)
_PARENTHESES = re.compile(
    r"^(.*?)\s*\(\s*(?:单位\s*[:：]?\s*|unit\s*[:：]?\s*)?([^()]*?)\s*\)\s*$", re.IGNORECASE
)
_UNIT_WORDS = ("亿元", "万元", "千元", "美元", "港元", "欧元", "元")


@dataclass(frozen=True)
class Heading:
    """A recognised heading.

    Attributes
    ----------
    field
        What the column holds (``"total_investment"``, ``"window"``, ``"year"`` ...).
    unit
        The money unit written in the heading, as written (``"亿元"``), or None.
    period
        The plan period a plan-investment heading names (``(2021, 2025)``), or None.
    year
        The year of a year column, or None (also for ``以前年度``, whose year the columns
        beside it give).
    span
        What a year column holds: ``""`` the whole year; ``"through"`` the year and every one
        before it (``2020年及以前``, ``截至2020年底累计``); ``"onward"`` the year and every
        one after it (``2026年以后``); ``"months"`` some months of the year (``2021年1-6月``).
    months
        The first and last month of a ``"months"`` column.
    exact
        Whether the heading says if its year is in the span (``及以前`` does; ``以前`` alone
        leaves it to the columns beside it: the year is in the span unless a column of its own
        holds it).
    fiscal
        How a year column writes its year: ``""`` as a plain year (``2027``, ``2027年``),
        ``"fy"`` (``FY2027``, ``2027财年``), ``"start"`` (``2027年度``) or ``"span"``
        (``2026-27``, ``FY 2026/27``, whose ``year`` is the one it starts in); see
        :func:`fiscal_naming`.
    """

    field: str
    unit: str | None = None
    period: tuple[int, int] | None = None
    year: int | None = None
    span: str = ""
    months: tuple[int, int] | None = None
    exact: bool = True
    fiscal: str = ""

    @property
    def key(self) -> str:
        """The key of the column in :func:`find_columns`' answer."""
        if self.field != "year" or (self.year is None and not self.span):
            return self.field
        if self.span == "months" and self.months is not None:
            return f"months {self.year} {self.months[0]}-{self.months[1]}"
        if self.span:
            return f"{self.span} {self.year if self.year is not None else ''}".strip()
        return f"year {self.year}"

    def describe(self) -> Message:
        """What the column holds, in words (``the money of every year to 2020``), worded
        when shown."""
        if self.span == "through":
            return (
                phrase("heading_money_through", year=self.year)
                if self.year is not None
                else phrase("heading_money_before_first")
            )
        if self.span == "onward":
            return (
                phrase("heading_money_onward", year=self.year)
                if self.year is not None
                else phrase("heading_money_after_last")
            )
        if self.span == "months" and self.months is not None:
            first, last = self.months
            return phrase("heading_money_months", first=first, last=last, year=self.year)
        return phrase("heading_money_of", year=self.year)


@dataclass(frozen=True)
class Column:
    """A recognised column of a table: its position and what its heading says."""

    index: int
    heading: Heading


def normalise(text: object) -> str:
    """A heading as compared: half-width, lower case, no blanks, underscores or quotes.

    >>> normalise("“十四五”期间投资")
    '十四五期间投资'
    >>> normalise("Start Year")
    'startyear'
    """
    text = unicodedata.normalize("NFKC", str(text)).lower()
    text = _DASHES.sub("-", text)
    return re.sub(r"[\s_\"'“”‘’《》「」『』]", "", text)


def split_unit(text: str) -> tuple[str, str | None]:
    """A heading's words and the unit written with them, if any.

    >>> split_unit("总投资（亿元）")
    ('总投资', '亿元')
    >>> split_unit("总投资/万元")
    ('总投资', '万元')
    >>> split_unit("总投资万元")
    ('总投资', '万元')
    >>> split_unit("名称")
    ('名称', None)
    """
    plain = unicodedata.normalize("NFKC", str(text)).strip()
    match = _PARENTHESES.match(plain)
    if match and match.group(1).strip():
        return match.group(1).strip(), match.group(2).strip() or None
    words, slash, unit = plain.rpartition("/")
    # 2026/27 is a fiscal year, not an amount in the unit 27
    if slash and words.strip() and unit.strip() and not unit.strip().isdigit():
        return words.strip(), unit.strip()
    for word in _UNIT_WORDS:
        if plain.endswith(word) and len(plain) > len(word) and not plain.endswith("单" + word):
            return plain[: -len(word)].strip(), word
    return plain, None


def unit_note(texts: Iterable[str]) -> str | None:
    """The unit a note above a table gives (``单位：万元``, ``Unit: USD``), or None."""
    for text in texts:
        match = _UNIT_NOTE.search(unicodedata.normalize("NFKC", str(text)))
        if match:
            return (match.group(1) or match.group(2)).strip()
    return None


def year_of_heading(text: str) -> int | None:
    """The year a phased table's column heading names (``2021``, ``2021年``, ``FY 2021``,
    ``2021年投资（万元）``, ``2026-27``: the year it starts in), or None."""
    found = _year_and_form(text)
    return None if found is None else found[0]


def _year_and_form(text: str) -> tuple[int, str] | None:
    """The year a heading names and how it writes it (see :attr:`Heading.fiscal`)."""
    words, _ = split_unit(text)
    key = normalise(words)
    match = _YEAR.match(key)
    if match is not None:
        prefix, year, suffix = match.group(1), int(match.group(2)), match.group(3)
        if not FIRST_HEADING_YEAR <= year <= LAST_HEADING_YEAR:
            return None
        if prefix == "fy" or suffix == "财年":
            return year, "fy"
        return year, "start" if "年度" in (prefix, suffix) else ""
    match = _SPAN_YEAR.match(key)
    if match is None:
        return None
    first, second = int(match.group(2)), match.group(3)
    follows = int(second) == first + 1 if len(second) == 4 else int(second) == (first + 1) % 100
    named = match.group(1) or match.group(4)  # 2026-2027 alone may be two years, not one
    if not follows or (len(second) == 4 and not named):
        return None
    if not FIRST_HEADING_YEAR <= first <= LAST_HEADING_YEAR:
        return None
    return first, "span"


FISCAL_FORMS = {"fy": "end", "start": "start", "span": "span"}
"""The naming a year heading's form suggests: ``FY2027`` is named by its end (as the United
States writes it), ``2027年度`` by its start (Japan's 年度), ``2026-27`` as a span."""


def fiscal_naming(
    forms: Iterable[str], fiscal_year_start: int, naming: str | None, where: Callable[[str], Any]
) -> str | None:
    """The naming of a table's budget years: ``naming`` when given, else the one its year
    headings' forms suggest (:data:`FISCAL_FORMS`), else ``None`` (the default of
    :class:`capex.model.budget_year.FiscalYear`).

    ``where(problem)`` makes the error: for a year written as a span (``2026-27``) in a table
    whose budget year is the calendar year, and for headings that name their years in two
    ways (``FY2027`` beside ``2026-27``).
    """
    written = {form for form in forms if form}
    if "span" in written and fiscal_year_start == 1:
        raise where(phrase("err_io_fiscal_span_needs_start"))
    if naming is not None or fiscal_year_start == 1:
        return naming
    suggested = {FISCAL_FORMS[form] for form in written}
    if len(suggested) > 1:
        raise where(phrase("err_io_years_two_ways", forms=joined(sorted(suggested), "err_io_and")))
    return suggested.pop() if suggested else None


def heading_year(heading: Heading, naming: str) -> int:
    """The budget year capex keeps for a year column (see :mod:`capex.model.budget_year`): the
    year its heading names, or for a span (``2026-27``) in a table named by the year in
    which its years end, that end (2027)."""
    assert heading.year is not None
    return heading.year + 1 if heading.fiscal == "span" and naming == "end" else heading.year


def _plain(text: str) -> str:
    """A heading as the year patterns read it: :func:`normalise`, but 至 and 到 kept (they
    are words in 截至 and 1至6月, not only dashes)."""
    text = unicodedata.normalize("NFKC", str(text)).lower()
    text = re.sub(r"[—–―‒~～]", "-", text)
    return re.sub(r"[\s_\"'“”‘’《》「」『』]", "", text)


def _heading_year(text: str) -> int | None:
    year = int(text)
    return year if FIRST_HEADING_YEAR <= year <= LAST_HEADING_YEAR else None


def year_heading(text: str) -> Heading | None:
    """What a year-family heading holds: a year (``2021``, ``2021年``, ``FY 2021``), the years
    to one (``2020年及以前``, ``截至2020年底累计``, ``以前年度``), from one (``2026年以后``,
    ``2026 and after``) or some months of one (``2021年1-6月``, ``2021年上半年``,
    ``2021 Q3``); None for any other heading. The unit a heading writes is kept.

    >>> year_heading("2020年及以前").span, year_heading("2021年1-6月").months
    ('through', (1, 6))
    """
    words, unit = split_unit(text)
    key = _plain(words)
    if not key:
        return None
    found = _year_and_form(text)
    if found is not None:
        return Heading("year", unit, year=found[0], fiscal=found[1])
    for pattern in _INCLUSIVE_BEFORE:
        if match := pattern.match(key):
            return _span(match.group(1), "through", unit)
    if match := _EXCLUSIVE_BEFORE.match(key) or _ENGLISH_BEFORE.match(key):
        return _span(match.group(1), "through", unit, offset=-1)
    if match := _LOOSE_BEFORE.match(key):
        return _span(match.group(1), "through", unit, exact=False)
    if _EARLIER_YEARS.match(key):
        return Heading("year", unit, span="through")
    for pattern in _INCLUSIVE_AFTER:
        if match := pattern.match(key):
            return _span(match.group(1), "onward", unit)
    if match := _EXCLUSIVE_AFTER.match(key) or _ENGLISH_AFTER.match(key):
        return _span(match.group(1), "onward", unit, offset=1)
    if match := _LOOSE_AFTER.match(key):
        return _span(match.group(1), "onward", unit, exact=False)
    if _LATER_YEARS.match(key):
        return Heading("year", unit, span="onward")
    months = _months_of(key)
    if months is not None:
        year, first, last = months
        if _heading_year(str(year)) is not None and 1 <= first <= last <= 12:
            if (first, last) == (1, 12):
                return Heading("year", unit, year=year)
            return Heading("year", unit, year=year, span="months", months=(first, last))
    return None


def _span(
    year: str, span: str, unit: str | None, *, offset: int = 0, exact: bool = True
) -> Heading | None:
    first = _heading_year(year)
    if first is None:
        return None
    return Heading("year", unit, year=first + offset, span=span, exact=exact)


def _months_of(key: str) -> tuple[int, int, int] | None:
    """(year, first month, last month) of a part-year heading, or None."""
    if match := _MONTH_RANGE.match(key):
        return int(match.group(1)), int(match.group(2)), int(match.group(3))
    if match := _ONE_MONTH.match(key):
        return int(match.group(1)), int(match.group(2)), int(match.group(2))
    if match := _HALF.match(key):
        return (
            (int(match.group(1)), 1, 6) if match.group(2) == "上" else (int(match.group(1)), 7, 12)
        )
    if match := _QUARTER.match(key):
        quarter = _QUARTERS[match.group(2)]
        return int(match.group(1)), 3 * quarter - 2, 3 * quarter
    if match := _ENGLISH_PART.match(key):
        number = int(match.group(3))
        if match.group(2) == "h" and number <= 2:
            return int(match.group(1)), 6 * number - 5, 6 * number
        if match.group(2) == "q":
            return int(match.group(1)), 3 * number - 2, 3 * number
    return None


def mentions_year(text: str) -> bool:
    """Whether a heading names a year (1900-2299), so that a column under it that holds
    numbers is money of some years: it must be read or refused, never left out."""
    return _YEARLIKE.search(unicodedata.normalize("NFKC", str(text))) is not None


def plan_period_of(words: str) -> tuple[int, int] | None:
    """The plan period a plan-investment heading names (``2021-2025年投资额``,
    ``“十四五”期间投资``), or None when it is not such a heading."""
    key = normalise(words)
    for pattern in _PLAN_PATTERNS:
        match = pattern.match(key)
        if match:
            return int(match.group(1)), int(match.group(2))
    match = _FIVE_YEAR_PLAN.match(key)
    if match:
        first = _FIVE_YEAR_PLANS[match.group(1)]
        return first, first + 4
    return None


def recognise(
    text: str,
    vocabulary: Mapping[str, tuple[str, ...]],
    *,
    amounts: frozenset[str] = frozenset(),
    years: bool = False,
) -> Heading | None:
    """What a heading means in ``vocabulary``, with its unit; None when it is not known.

    ``amounts`` are the fields whose heading may carry a money unit; other fields ignore
    words in parentheses (``用地面积（平方米）`` is the site area). With ``years=True`` a
    year heading (``2021年``) is recognised as field ``"year"``.
    """
    if not str(text).strip():
        return None
    words, unit = split_unit(text)
    for key in (normalise(text), normalise(words)):
        for field, names in vocabulary.items():
            if key in names:
                with_unit = field in amounts and key != normalise(text)
                return Heading(field, unit if with_unit else None)
    if "plan_investment" in vocabulary:
        period = plan_period_of(words)
        if period is not None:
            return Heading("plan_investment", unit, period=period)
    if "spent_before" in vocabulary and any(p.match(_plain(words)) for p in _INCLUSIVE_BEFORE):
        return Heading("spent_before", unit)  # 截至2025年底累计完成投资: spent before the plan
    if "row_total" in vocabulary and _ROW_TOTAL.match(_plain(words)):
        return Heading("row_total", unit)
    if years:
        return year_heading(text)
    return None


def find_columns(
    table: Table,
    vocabulary: Mapping[str, tuple[str, ...]],
    *,
    amounts: frozenset[str] = frozenset(),
    same: Sequence[frozenset[str]] = (),
    years: bool = False,
) -> dict[str, Column]:
    """The recognised columns of ``table`` by field (year columns by ``"year <y>"``).

    ``same`` lists groups of fields that give the same facts (a window and a start year):
    two columns of one group, like two columns of one field, are an error naming both.
    """
    found: dict[str, Column] = {}
    for j in range(table.width):
        heading = recognise(table.headings[j], vocabulary, amounts=amounts, years=years)
        if heading is None:
            continue
        if heading.unit is None and table.groups and table.groups[j]:
            group_unit = split_unit(table.groups[j])[1]
            if group_unit is not None and heading.field in amounts | {"year", "row_total"}:
                heading = dataclasses.replace(heading, unit=group_unit)
        key = heading.key
        rivals = [key] + [f for group in same if heading.field in group for f in group]
        clash = next((found[f] for f in rivals if f in found), None)
        if clash is not None:
            raise table.heading_error(
                phrase(
                    "err_io_two_headings_same_field",
                    first=table.heading_text(clash.index),
                    second=table.heading_text(j),
                    field=_field_words(heading),
                ),
                j,
                table.headings[j],
            )
        found[key] = Column(j, heading)
    return found


def missing_column(table: Table, column: str, problem: str) -> DataError:
    """The error for a column the table lacks, listing the headings it has."""
    found = ", ".join(heading for heading in table.headings if heading) or phrase("none")
    return DataError(
        phrase("err_io_problem_found", problem=problem, found=found),
        source=table.source,
        sheet=table.sheet,
        column=column,
    )


def require(table: Table, columns: Mapping[str, Column], required: Iterable[str]) -> None:
    """Raise :func:`missing_column`'s error for the first required field not found."""
    for name in required:
        if name not in columns:
            raise missing_column(table, name, phrase("err_io_required_column", name=name))


def row_matches(
    vocabulary: Mapping[str, tuple[str, ...]], at_least: int = 2
) -> Callable[[Sequence[str]], bool]:
    """A test for :func:`capex.io.read_table`'s ``header=``: a row with at least ``at_least``
    recognised headings is the heading row."""

    def test(texts: Sequence[str]) -> bool:
        known = {
            heading.field
            for text in texts
            if (heading := recognise(text, vocabulary, years=True)) is not None
        }
        return len(known) >= at_least

    return test


def _field_words(heading: Heading) -> object:
    if heading.field == "year":
        return heading.describe()
    words = heading.field.replace("_", " ")
    return phrase(heading.field) if TERMS.get(heading.field, ("",))[0] == words else words


# field -> the headings that mean it (compared after normalise)
PROJECT_HEADINGS: Mapping[str, tuple[str, ...]] = {
    "id": _words(
        "id", "no", "no.", "序号", "编号", "项目编号", "项目序号", "project id", "project no.",
        "project number",
    ),
    # a project's stable code (项目代码, as an investment approval platform gives it): its
    # history follows it across plans; a table whose only key it is reads it as the id too
    "code": _words("code", "project code", "project_code", "项目代码", "项目编码"),
    "name": _words("name", "project", "project name", "project title", "项目名称", "名称", "项目"),
    "window": _words(
        "window", "项目期限", "建设年限", "建设期限", "建设周期", "建设起止年限", "起止年限",
        "建设起止年份", "建设期", "实施年限", "实施期限",
    ),
    "start_year": _words(
        "start_year", "start", "开工年份", "开工年度", "开工时间", "开工日期", "开工年",
        "开始年份", "起始年份", "计划开工年份", "计划开工时间",
    ),
    "end_year": _words(
        "end_year", "end", "竣工年份", "竣工年度", "竣工时间", "竣工日期", "完工年份",
        "完工时间", "完工年度", "建成年份", "结束年份", "计划竣工年份", "计划竣工时间",
    ),
    "street": _words(
        "street", "location", "建设地点", "所属街道", "所在街道", "街道", "项目地点", "地点",
        "所在地", "建设地址",
    ),
    "scope": _words(
        "scope", "建设内容", "建设内容及规模", "建设规模及内容", "建设内容和规模", "建设规模",
        "主要建设内容",
    ),
    "classes": _words("classes", "班级数", "班数", "班级"),
    "site_area_m2": _words("site_area_m2", "site area", "用地面积", "占地面积"),
    "floor_area_m2": _words("floor_area_m2", "floor area", "建筑面积"),
    "area_unit": _words("area_unit"),
    "area_approximate": _words("area_approximate"),
    "total_investment": _words(
        "total_investment", "total investment", "总投资", "项目总投资", "计划总投资", "总投资额",
        "估算总投资", "概算总投资", "投资总额",
    ),
    "plan_investment": _words("plan_investment", "plan investment", "规划期投资", "规划期内投资"),
    "spent_before": _words(
        "spent_before", "spent before", "已完成投资", "累计完成投资", "以前年度累计完成投资",
        "以前年度完成投资", "上期已完成投资", "已完成", "累计完成",
    ),
    "builder": _words(
        "builder", "owner", "建设单位", "建设主体", "业主单位", "项目业主", "实施主体", "实施单位",
        "项目单位",
    ),
    "government_investment": _words(
        "government_investment", "government investment",
        "是否为政府投资项目或国有平台公司投资项目", "是否政府投资", "是否政府投资项目",
        "是否为政府投资项目", "政府投资",
    ),
    "priority": _words("priority", "优先级", "优先顺序"),
    "fixed": _words("fixed", "是否固定"),
    "profile": _words("profile", "支出曲线", "资金曲线"),
    "note": _words("note", "notes", "remark", "remarks", "备注", "说明"),
    "interpretation": _words("interpretation"),
}  # fmt: skip
"""The project table's fields and the headings that mean each (see :func:`recognise`)."""

BUDGET_LINE_HEADINGS: Mapping[str, tuple[str, ...]] = {
    "line": _words("line", "budget line", "预算线", "资金来源", "预算科目", "科目"),
    "year": _words("year", "年份", "年度"),
    "ceiling": _words("ceiling", "上限", "预算上限", "年度上限", "预算"),
    "rule": _words("rule", "规则", "适用项目"),
}
"""A budget-lines table's fields: ``line``, ``year``, ``ceiling`` (an amount), ``rule``."""

PRECEDENCE_HEADINGS: Mapping[str, tuple[str, ...]] = {
    "before": _words("before", "前置项目", "紧前项目", "先行项目"),
    "after": _words("after", "后续项目", "紧后项目"),
}
"""A precedence table's fields: ``before`` and ``after``."""

ROW_TOTAL_HEADINGS = _words("合计", "总计", "小计", "累计", "total", "sum", "row total")
"""Headings of a column that adds up a row's year columns (合计): a check, never the money."""

ACTUALS_HEADINGS: Mapping[str, tuple[str, ...]] = {
    "id": PROJECT_HEADINGS["id"] + _words("project id", "project", "项目id", "项目代码"),
    "name": _words("name", "project name", "项目名称", "名称"),
    "year": _words("year", "fiscal year", "年份", "年度", "年"),
    "amount": _words(
        "amount", "actual", "actuals", "spent", "spending", "金额", "实际支出", "实际完成投资",
        "完成投资", "支出", "实际投资", "实际",
    ),
    "status": _words(
        "status", "project status", "state", "状态", "项目状态", "建设状态", "实施状态",
        "项目进展", "进展状态", "建设进展",
    ),
    "row_total": ROW_TOTAL_HEADINGS,
}  # fmt: skip
"""An actual-spending table's fields: ``id``, and ``year`` and ``amount`` for a long table
(a wide one has a column per year instead, found with ``years=True``), a project's closing
``status`` (已完工, 在建, 未开工, 停建) and a row's printed total (合计, a check). ``project``
is the project's id here, as a ledger writes it."""

ACTUALS_AMOUNTS = frozenset({"amount"})
"""The actuals field whose heading may name the unit of the amounts (``amount (元)``); a
year column's heading may too (``2021年（万元）``)."""


# -- funding sources (资金来源): the words of source columns and of a sources' table ---------
SOURCE_WORDS = _words(
    "一般公共预算", "一般预算", "公共预算", "财政预算内", "预算内", "政府性基金预算", "政府性基金",
    "基金预算", "专项债券", "专项债", "地方政府专项债券", "一般债券", "地方政府一般债券",
    "政府债券", "上级补助", "上级补助资金", "上级专项", "中央预算内投资", "中央补助", "省级补助",
    "省补助", "市级补助", "市补助", "区级财政", "区财政", "县级财政", "自筹", "单位自筹",
    "企业自筹", "社会资本", "社会投资", "银行贷款", "贷款", "国有资本经营预算",
    "general fund", "general funds", "bonds", "bond proceeds", "go bonds",
    "general obligation bonds", "revenue bonds", "grants", "federal grants", "state grants",
    "enterprise fund", "enterprise funds", "special revenue", "impact fees", "debt",
    "own funds", "self-raised",
)  # fmt: skip
"""Headings that name a funding source (compared after :func:`normalise`; an ending such
as 资金 or ``fund`` may follow): such a column holds that source's money for each project
(see :mod:`capex.io.sources`)."""

SOURCE_GROUPS = _words(
    "资金来源", "资金筹措", "资金来源构成", "资金筹措方式", "资金来源及构成", "其中资金来源",
    "funding", "funding sources", "funding source", "sources of funds", "source of funds",
    "sources", "financing",
)  # fmt: skip
"""Merged headings above a table's source columns: every column under one is a source."""

SOURCE_TABLE_HEADINGS: Mapping[str, tuple[str, ...]] = {
    "id": PROJECT_HEADINGS["id"] + _words("project id", "project", "项目id"),
    "name": _words("name", "project name", "项目名称", "名称"),
    "source": _words(
        "source", "funding source", "fund", "资金来源", "来源", "资金渠道", "资金类别",
        "资金性质",
    ),
    "amount": _words("amount", "金额", "资金", "资金金额", "安排金额", "投资额", "投资"),
    "share": _words("share", "percent", "比例", "占比", "资金比例"),
    "parent": _words("parent", "within", "上级来源", "所属来源", "所属类别", "其中属于"),
}  # fmt: skip
"""A sources' table, long: a row per project and source (``id``, ``source``, ``amount`` or
``share``, and the ``parent`` source a nested one belongs to)."""
