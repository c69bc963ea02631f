"""School places by the standards: classes times places per class of the school type, and
what cannot be known said as a finding, not guessed."""

from __future__ import annotations

import pandas as pd
import pytest

import capex
from capex.errors import CapexError
from capex.model.places import PLACES_PER_CLASS, STANDARDS, school_places, school_type_of


def _bank(rows: list[tuple[str, str]]) -> capex.Portfolio:
    """Projects named and scoped as given, 2026-2028, 1 亿元 each."""
    frame = pd.DataFrame(
        {
            "id": list(range(1, len(rows) + 1)),
            "name": [name for name, _ in rows],
            "scope": [scope for _, scope in rows],
            "start_year": 2026,
            "end_year": 2028,
            "total_investment": "1",
            "plan_investment": "1",
        }
    )
    return capex.load_projects(frame, plan_period=(2026, 2030))


@pytest.mark.parametrize(
    ("name", "scope", "places"),
    [
        ("凤林小学", "42班", 42 * 45),  # 建标102-2002: a complete primary school, 45 a class
        ("梅山初级中学", "30班", 30 * 50),  # a junior secondary school, 50
        ("越州高级中学", "24班", 24 * 50),
        ("东浦完全中学", "36班", 36 * 50),
        ("东浦九年一贯制学校", "36班，其中小学24班、初中12班", 24 * 45 + 12 * 50),
        ("越西幼儿园", "12班，小班4个、中班4个、大班4个", 4 * 25 + 4 * 30 + 4 * 35),  # JGJ 39
        ("十二年一贯制学校", "60班，小学30班、初中15班、高中15班", 30 * 45 + 15 * 50 + 15 * 50),
    ],
)
def test_places_are_classes_times_the_standards_places_per_class(name, scope, places):
    counted = school_places(_bank([(name, scope)]))
    assert int(counted.places.iloc[0]) == places
    assert counted.findings.empty or (counted.findings["severity"] != "error").all()


def test_the_standards_are_cited_and_their_figures_are_the_ones_used():
    assert "建标102-2002" in STANDARDS["school"] and "第六条" in STANDARDS["school"]
    assert "JGJ 39-2016" in STANDARDS["kindergarten"] and "1.0.3-2" in STANDARDS["kindergarten"]
    assert (PLACES_PER_CLASS["primary"], PLACES_PER_CLASS["junior"]) == (45, 50)
    kindergarten = [PLACES_PER_CLASS[f"kindergarten_{a}"] for a in ("small", "middle", "large")]
    assert kindergarten == [25, 30, 35]
    counted = school_places(
        _bank([("凤林小学", "42班"), ("越西幼儿园", "3班，小班1个、中班1个、大班1个")])
    )
    assert counted.table["standard"].tolist() == [STANDARDS["school"], STANDARDS["kindergarten"]]


@pytest.mark.parametrize(
    ("name", "scope", "rule"),
    [
        ("元培中学镜湖校区", "48班", "type_ambiguous"),  # a bare 中学: 初中, 高中 or 完全中学?
        ("育才学校", "27班", "type_unknown"),
        ("绍初教育集团凤林校区", "42班", "type_unknown"),
        ("鲁迅小学人民路校区改扩建", "改扩建教学楼", "no_classes"),
        ("东浦九年一贯制学校", "36班", "no_split"),
        ("越西幼儿园", "12班", "no_split"),
        ("东浦九年一贯制学校", "36班，其中小学20班、初中12班", "split_mismatch"),
    ],
)
def test_what_cannot_be_known_is_a_finding_not_a_guess(name, scope, rule):
    counted = school_places(_bank([(name, scope)]))
    assert counted.places.isna().all()
    assert counted.unknown == [1]
    finding = counted.findings.iloc[0]
    assert (finding["severity"], finding["rule"]) == ("error", rule)
    assert name in finding["message"] and name in finding["message"].text("zh")


def test_the_bundled_plan_says_which_places_it_cannot_count():
    counted = school_places(capex.load_projects())
    errors = counted.findings[counted.findings["severity"] == "error"]
    # 建功中学 x2, 元培中学 x2, 湖滨中学, 两湖中学, 沥海中学: bare 中学; 育才学校, 富盛镇中,
    # 虹桥学校, 绍初: no type; the kindergartens: no split by age; #9: no classes
    assert set(errors["project_id"]) == {2, 5, 6, 7, 9, 10, 11, 16, 17, 18, 20, 21, 24, 25, 29}
    assert int(counted.places[12]) == 42 * 45


def test_a_given_school_type_wins_over_the_name_in_either_language():
    bank = _bank([("元培中学镜湖校区", "48班"), ("湖滨中学", "42班"), ("育才学校", "27班")])
    counted = school_places(bank, {1: "初级中学", "2": "complete", 3: "小学"})
    assert counted.places.tolist() == [48 * 50, 42 * 50, 27 * 45]
    assert counted.table["school_type"].tolist() == ["junior", "complete", "primary"]


@pytest.mark.parametrize("bad", ["大学", "technical college"])
def test_a_school_type_capex_does_not_know_is_an_error(bad):
    with pytest.raises(CapexError, match="not a school type"):
        school_places(_bank([("甲学校", "12班")]), {1: bad})


def test_an_even_split_is_an_interpretation_said_on_the_project():
    bank = _bank([("东浦九年一贯制学校", "36班"), ("越西幼儿园", "12班"), ("乙幼儿园", "10班")])
    counted = school_places(bank, even_split=True)
    # 36 classes over nine grades: 4 a grade, 24 primary and 12 junior; 12 over three ages
    assert counted.places.tolist()[:2] == [24 * 45 + 12 * 50, 4 * (25 + 30 + 35)]
    assert pd.isna(counted.places.iloc[2])  # 10 classes do not split over three age groups
    rules = counted.findings.set_index("project_id")["rule"]
    assert rules[1] == rules[2] == "even_split" and rules[3] == "no_split"


def test_a_rebuilt_school_counts_its_scope_and_says_earlier_places_are_not_subtracted():
    counted = school_places(_bank([("城南小学扩建", "扩12班")]))
    assert int(counted.places.iloc[0]) == 12 * 45
    assert counted.findings["rule"].tolist() == ["rebuilt"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("凤林小学（暂名）", "primary"),
        ("九年一贯制", "nine_year"),
        ("两湖初中", "junior"),
        ("junior", "junior"),
        ("元培中学", None),
        ("中心小学", "primary"),  # 中心小学 holds no 中学
        (None, None),
    ],
)
def test_the_type_a_name_says(text, kind):
    assert school_type_of(text) == kind


def test_the_module_examples_run():
    import doctest
    import importlib

    failures, attempted = doctest.testmod(
        importlib.import_module("capex.model.places"), verbose=False
    )
    assert attempted and not failures
