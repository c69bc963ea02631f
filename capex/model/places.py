"""School places (学位): the pupils a school project seats, from its classes and its type.

A school's places are its classes (班) times the places per class its type is built for, by
the national standards:

* 小学 (完全小学) 45 places a class; 初级中学, 高级中学 and 完全中学 50; a 九年一贯制 school
  45 in grades 1-6 and 50 in grades 7-9 (so it needs its primary/junior split), a
  十二年一贯制 school 50 in grades 10-12 as well: 《城市普通中小学校校舍建设标准》
  (建标102-2002) 第六条, as 《中小学校设计规范》 (GB 50099-2011) 3.0.1 repeats;
* 幼儿园 by age group: 小班 (3-4 岁) 20-25, 中班 (4-5 岁) 26-30, 大班 (5-6 岁) 31-35 a
  class: 《托儿所、幼儿园建筑设计规范》 (JGJ 39-2016, 2019 年版) 表 1.0.3-2. The places are
  the top of each range (25, 30, 35), the most a class is built for, as the school
  standards' 45 and 50 are.

The type comes from a ``school_type`` given by the caller (小学, 初中, 九年一贯制 ..., or
``primary``, ``junior`` ...) or from the project's name (凤林小学, 两湖幼儿园, 元培中学 ...);
the classes from the portfolio's ``classes`` column (the scope's ``42班``), and a split by
stage or age group from the scope text (``小学24班、初中12班``, ``小班4个、中班4个、大班4个``).

What cannot be known is a finding, never a guess: a bare 中学 (a 初中, a 高中 or a 完全中学?),
a 学校 of no stated type, a scope without classes, a 九年一贯制 school or a 幼儿园 without its
split. ``even_split=True`` splits such classes evenly over the grades instead, as the
standards' own sizes are built (建标102-2002: a 九年制 school of 18, 27, 36 or 45 classes;
JGJ 39: three age groups), and says so on each project it splits. An extension or a
rebuilt school counts the classes its scope gives: whether some of them existed before is a
note on the project, not a subtraction capex makes.

Places are supply only: where the children live (the demand) is another question.

>>> import capex
>>> from capex.model.places import school_places
>>> places = school_places(capex.load_projects())
>>> int(places.places[12]), places.table.loc[12, "school_type"]
(1890, 'primary')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import CapexError
from capex.model.ids import resolve_ids
from capex.model.portfolio import Portfolio
from capex.terms import Message, joined, phrase

__all__ = [
    "FINDING_COLUMNS",
    "PLACES_PER_CLASS",
    "SCHOOL_TYPES",
    "STANDARDS",
    "SchoolPlaces",
    "school_places",
    "school_type_of",
]

SCHOOL_TYPES = (
    "primary",
    "junior",
    "senior",
    "complete",
    "nine_year",
    "twelve_year",
    "kindergarten",
)
"""The school types capex counts places for."""

PLACES_PER_CLASS: Mapping[str, int] = {
    "primary": 45,
    "junior": 50,
    "senior": 50,
    "kindergarten_small": 25,
    "kindergarten_middle": 30,
    "kindergarten_large": 35,
}
"""Places a class of each stage (and kindergarten age group) is built for."""

STANDARDS: Mapping[str, str] = {
    "school": "建标102-2002《城市普通中小学校校舍建设标准》第六条（GB 50099-2011 第3.0.1条）",
    "kindergarten": "JGJ 39-2016《托儿所、幼儿园建筑设计规范》（2019年版）表1.0.3-2",
}
"""The standards the places per class come from, as a report cites them."""

_STAGES: Mapping[str, tuple[str, ...]] = {
    "primary": ("primary",),
    "junior": ("junior",),
    "senior": ("senior",),
    "complete": ("junior", "senior"),
    "nine_year": ("primary", "junior"),
    "twelve_year": ("primary", "junior", "senior"),
    "kindergarten": ("kindergarten_small", "kindergarten_middle", "kindergarten_large"),
}
"""The stages (or age groups) a school of each type teaches, youngest first."""

_GRADES: Mapping[str, int] = {
    "primary": 6,
    "junior": 3,
    "senior": 3,
    "kindergarten_small": 1,
    "kindergarten_middle": 1,
    "kindergarten_large": 1,
}
"""Grades (years) of each stage: an even split gives each grade the same classes."""

_ONE_RATE = {"complete": 50}
"""Types whose stages all have one rate: their classes need no split."""

# the words of a type, in a school_type given by the caller or in a project's name; the
# longer and more specific first, so that 九年一贯制 is not read as 小学 and 初级中学 not as 中学
_TYPE_WORDS: tuple[tuple[str, str], ...] = (
    ("十二年一贯制", "twelve_year"),
    ("十二年制", "twelve_year"),
    ("九年一贯制", "nine_year"),
    ("九年制", "nine_year"),
    ("完全中学", "complete"),
    ("初级中学", "junior"),
    ("高级中学", "senior"),
    ("幼儿园", "kindergarten"),
    ("初中", "junior"),
    ("高中", "senior"),
    ("小学", "primary"),
)
_ENGLISH_TYPES = {
    "primary": "primary",
    "junior": "junior",
    "junior secondary": "junior",
    "senior": "senior",
    "senior secondary": "senior",
    "complete": "complete",
    "complete secondary": "complete",
    "nine-year": "nine_year",
    "nine_year": "nine_year",
    "twelve-year": "twelve_year",
    "twelve_year": "twelve_year",
    "kindergarten": "kindergarten",
}
_AMBIGUOUS = ("中学",)
"""A type word that names no one type (a 初中, a 高中 or a 完全中学)."""

_REBUILT = ("改扩建", "扩建", "改建", "重建", "易地新建", "迁建")
"""Words of a project that extends or replaces a school that already has places."""

_SPLIT_WORDS: Mapping[str, tuple[str, ...]] = {
    "primary": ("小学部", "小学段", "小学"),
    "junior": ("初中部", "初中段", "初中"),
    "senior": ("高中部", "高中段", "高中"),
    "kindergarten_small": ("小班",),
    "kindergarten_middle": ("中班",),
    "kindergarten_large": ("大班",),
}

FINDING_COLUMNS = ("project_id", "severity", "rule", "message")
"""Columns of :attr:`SchoolPlaces.findings`."""


@dataclass(frozen=True, eq=False)
class SchoolPlaces:
    """Each project's school places and how they were counted.

    Attributes
    ----------
    places
        Places by project id (``Int64``), missing where they cannot be known.
    table
        By project id: ``name``, ``school_type`` (one of :data:`SCHOOL_TYPES`, or ``""``),
        ``classes``, the classes of each stage or age group (``primary`` ... columns), the
        ``places`` and the ``standard`` cited.
    findings
        ``project_id``, ``severity`` (``error`` where the places are not known, ``info``
        for a note), ``rule`` and ``message`` (a :class:`~capex.terms.Message`).
    """

    places: pd.Series
    table: pd.DataFrame = field(repr=False)
    findings: pd.DataFrame = field(repr=False)

    @property
    def unknown(self) -> list[Any]:
        """Ids of the projects whose places are not known."""
        return self.places.index[self.places.isna()].tolist()


def school_type_of(text: Any) -> str | None:
    """The school type a ``school_type`` value or a name says, or ``None`` when it says none
    (or only a bare 中学, which names no one type).

    >>> school_type_of("凤林小学（暂名）"), school_type_of("九年一贯制"), school_type_of("元培中学")
    ('primary', 'nine_year', None)
    """
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return None
    words = str(text).strip()
    english = _ENGLISH_TYPES.get(words.lower())
    if english is not None:
        return english
    for word, kind in _TYPE_WORDS:
        if word in words:
            return kind
    return None


def school_places(
    portfolio: Portfolio,
    school_type: Mapping[Any, Any] | pd.Series | None = None,
    *,
    even_split: bool = False,
) -> SchoolPlaces:
    """School places of every project: classes times the places per class of its type.

    Parameters
    ----------
    portfolio
        The projects: their ``name``, ``classes`` (read from the scope, ``42班``) and
        ``scope`` text (for a split by stage or age group).
    school_type
        The type of some or all projects by id (``{5: "九年一贯制"}``, a Series, or a bank's
        ``school_type`` column): 小学, 初中 (初级中学), 高中 (高级中学), 完全中学,
        九年一贯制, 十二年一贯制, 幼儿园, or the English names of :data:`SCHOOL_TYPES`. A
        project not given one takes the type its name says.
    even_split
        Split the classes of a 九年一贯制 or 十二年一贯制 school or a 幼儿园 whose scope gives
        no split evenly over its grades (when they divide evenly), as the standards' sizes
        are built; each split is noted on its project. By default such a school's places
        are not known (a finding).

    Returns
    -------
    SchoolPlaces
        The places (missing where not known), how each was counted, and the findings.

    Raises
    ------
    CapexError
        A ``school_type`` that names no known type, or an id that names no project.
    """
    frame = portfolio.frame
    given = _given_types(school_type, portfolio)
    rows, findings = [], []
    for pid, project in frame.iterrows():
        row, notes = _count(pid, project, given.get(pid), even_split)
        rows.append(row)
        findings += notes
    table = pd.DataFrame(rows, index=frame.index)
    places = pd.Series(pd.array(table["places"].tolist(), dtype="Int64"), index=frame.index)
    places.name = "places"
    table["places"] = places
    return SchoolPlaces(
        places=places,
        table=table,
        findings=pd.DataFrame(findings, columns=list(FINDING_COLUMNS)),
    )


def _given_types(school_type: Any, portfolio: Portfolio) -> dict[Any, str | None]:
    """The types given by id, read; a value that names no type is an error."""
    if school_type is None:
        return {}
    series = pd.Series(school_type, dtype=object)
    labels = resolve_ids(list(series.index), portfolio.ids, source="school_type", column="id")
    out: dict[Any, str | None] = {}
    for label, value in zip(labels, series.tolist()):
        if value is None or (isinstance(value, float) and np.isnan(value)) or str(value) == "":
            continue
        kind = school_type_of(value)
        if kind is None and str(value).strip() not in _AMBIGUOUS:
            raise CapexError(phrase("err_model_school_type", label=label, value=repr(value)))
        out[label] = kind if kind is not None else "中学"
    return out


def _count(
    pid: Any, project: pd.Series, given: str | None, even_split: bool
) -> tuple[dict[str, Any], list[tuple[Any, str, str, Message]]]:
    """One project's row of the table and its findings."""
    name = str(project["name"])
    scope = str(project.get("scope", "") or "")
    classes = project.get("classes")
    classes = None if classes is None or pd.isna(classes) else int(classes)
    kind = given if given is not None else school_type_of(name)
    ambiguous = kind == "中学" or (kind is None and any(w in name for w in _AMBIGUOUS))
    kind = None if kind == "中学" else kind
    row: dict[str, Any] = {
        "name": name,
        "school_type": kind or "",
        "classes": pd.NA if classes is None else classes,
        **{stage: pd.NA for stage in PLACES_PER_CLASS},
        "places": None,
        "standard": "",
    }
    notes: list[tuple[Any, str, str, Message]] = []

    def error(rule: str, **values: Any) -> tuple[dict[str, Any], list]:
        notes.append((pid, "error", rule, phrase(f"places_{rule}", **values)))
        return row, notes

    if kind is None:
        return error("type_ambiguous" if ambiguous else "type_unknown", name=name)
    stages = _STAGES[kind]
    split = _split_of(scope, stages)
    if classes is None and not split:
        return error("no_classes", name=name)
    if classes is None:
        classes = sum(split.values())
        row["classes"] = classes
    if len(stages) > 1 and kind not in _ONE_RATE:
        if split and set(split) == set(stages) and sum(split.values()) == classes:
            pass
        elif split:
            return error(
                "split_mismatch",
                name=name,
                split=_split_text(split),
                classes=classes,
            )
        elif even_split and classes % sum(_GRADES[s] for s in stages) == 0:
            per_grade = classes // sum(_GRADES[s] for s in stages)
            split = {stage: per_grade * _GRADES[stage] for stage in stages}
            notes.append(
                (pid, "info", "even_split", phrase("places_even_split", split=_split_text(split)))
            )
        else:
            return error("no_split", name=name, classes=classes, kind=phrase(f"school_{kind}"))
    elif kind in _ONE_RATE:
        split = {}
    else:
        split = {stages[0]: classes}
    places = classes * _ONE_RATE[kind] if kind in _ONE_RATE else 0
    for stage, count in split.items():
        row[stage] = count
        places += count * PLACES_PER_CLASS[stage]
    row["places"] = places
    row["standard"] = STANDARDS["kindergarten" if kind == "kindergarten" else "school"]
    rebuilt = next((word for word in _REBUILT if word in name or word in scope), None)
    if rebuilt is not None:
        notes.append((pid, "info", "rebuilt", phrase("places_rebuilt", word=rebuilt)))
    return row, notes


def _split_of(scope: str, stages: tuple[str, ...]) -> dict[str, int]:
    """Classes of each stage (or age group) the scope writes (``小学24班、初中12班``)."""
    split = {}
    for stage in stages:
        for word in _SPLIT_WORDS[stage]:
            match = re.search(re.escape(word) + r"\s*(\d+)\s*个?\s*(?:班|个)", scope)
            if match:
                split[stage] = int(match.group(1))
                break
    return split


def _split_text(split: Mapping[str, int]) -> Message:
    """``小学24班、初中12班`` (``primary 24 classes, junior 12 classes``)."""
    return joined(
        [phrase("places_stage_classes", stage=phrase(f"stage_{s}"), n=n) for s, n in split.items()],
        "list_separator",
    )
