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

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from capex.errors import DataError
from capex.io.cells import FIRST_HEADING_YEAR, LAST_HEADING_YEAR
from capex.io.tables import Table

__all__ = [
    "ACTUALS_AMOUNTS",
    "ACTUALS_HEADINGS",
    "BUDGET_LINE_HEADINGS",
    "PRECEDENCE_HEADINGS",
    "PROJECT_HEADINGS",
    "Heading",
    "find_columns",
    "missing_column",
    "normalise",
    "recognise",
    "require",
    "split_unit",
    "unit_note",
    "year_of_heading",
]


def _words(*names: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(normalise(name) for name in names))


PROJECT_AMOUNTS = frozenset({"total_investment", "plan_investment"})
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
    r"^(?:fy|年度)?(\d{4})(?:年度?)?(?:计划|投资|投资额|投资计划|计划投资|支出|预算|安排|决算|实际)?$"
)
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
        The year of a phased table's year column, or None.
    """

    field: str
    unit: str | None = None
    period: tuple[int, int] | None = None
    year: int | None = None


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
    if slash and words.strip() and unit.strip():
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
    ``2021年投资（万元）``), or None."""
    words, _ = split_unit(text)
    match = _YEAR.match(normalise(words))
    if match is None:
        return None
    year = int(match.group(1))
    return year if FIRST_HEADING_YEAR <= year <= LAST_HEADING_YEAR else None


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
    if years:
        year = year_of_heading(text)
        if year is not None:
            return Heading("year", unit, year=year)
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
            if group_unit is not None and heading.field in amounts | {"year"}:
                heading = Heading(heading.field, group_unit, heading.period, heading.year)
        key = heading.field if heading.year is None else f"year {heading.year}"
        rivals = [key] + [f for group in same if heading.field in group for f in group]
        clash = next((found[f] for f in rivals if f in found), None)
        if clash is not None:
            raise table.heading_error(
                f"the headings '{table.heading_text(clash.index)}' and "
                f"'{table.heading_text(j)}' both give the {_field_words(heading)}; keep one "
                "column, or rename the other",
                j,
                table.headings[j],
            )
        found[key] = Column(j, heading)
    return found


def missing_column(table: Table, column: str, problem: str) -> DataError:
    """The error for a column the table lacks, listing the headings it has."""
    found = ", ".join(heading for heading in table.headings if heading) or "none"
    return DataError(
        f"{problem} (found: {found})", source=table.source, sheet=table.sheet, column=column
    )


def require(table: Table, columns: Mapping[str, Column], required: Iterable[str]) -> None:
    """Raise :func:`missing_column`'s error for the first required field not found."""
    for name in required:
        if name not in columns:
            raise missing_column(table, name, f"required column '{name}' is missing")


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


def _field_words(heading: Heading) -> str:
    if heading.year is not None:
        return f"amounts of {heading.year}"
    return heading.field.replace("_", " ")


# field -> the headings that mean it (compared after normalise)
PROJECT_HEADINGS: Mapping[str, tuple[str, ...]] = {
    "id": _words("id", "no", "no.", "序号", "编号", "项目编号", "项目序号"),
    # a project's stable code (项目代码, as an investment approval platform gives it): its
    # history follows it across plans; a table whose only key it is reads it as the id too
    "code": _words("code", "project code", "project_code", "项目代码", "项目编码"),
    "name": _words("name", "project", "project name", "项目名称", "名称", "项目"),
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

ACTUALS_HEADINGS: Mapping[str, tuple[str, ...]] = {
    "id": PROJECT_HEADINGS["id"] + _words("project id", "project", "项目id", "项目代码"),
    "year": _words("year", "fiscal year", "年份", "年度", "年"),
    "amount": _words(
        "amount", "actual", "actuals", "spent", "spending", "金额", "实际支出", "实际完成投资",
        "完成投资", "支出", "实际投资", "实际",
    ),
}  # fmt: skip
"""An actual-spending table's fields: ``id``, and ``year`` and ``amount`` for a long table
(a wide one has a column per year instead, found with ``years=True``). ``project`` is the
project's id here, as a ledger writes it."""

ACTUALS_AMOUNTS = frozenset({"amount"})
"""The actuals field whose heading may name the unit of the amounts (``amount (元)``); a
year column's heading may too (``2021年（万元）``)."""
