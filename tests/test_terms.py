"""The table of terms: every key has both languages and fills its placeholders."""

from __future__ import annotations

import re

import pytest

from capex.terms import LANGS, TERMS, LanguageError, term, with_unit


@pytest.mark.parametrize("key", sorted(TERMS))
def test_every_term_has_both_languages_with_the_same_placeholders(key: str) -> None:
    english, chinese = TERMS[key]
    assert english.strip() and chinese.strip()
    fields = re.compile(r"{(\w+)}")
    assert set(fields.findall(english)) == set(fields.findall(chinese))


def test_a_term_in_each_language() -> None:
    assert [term("total", lang) for lang in LANGS] == ["total", "合计"]
    assert with_unit(term("ceiling", "zh"), "亿元", "zh") == "预算上限（亿元）"
    assert term("plan_investment", first=2021, last=2025) == "plan investment 2021-2025"


def test_unknown_language_or_term_is_a_clear_error() -> None:
    with pytest.raises(LanguageError, match="unknown language 'fr'"):
        term("total", "fr")
    with pytest.raises(LanguageError, match="no term"):
        term("no such thing")


def test_an_error_is_said_where_it_is_in_either_language() -> None:
    from capex.errors import DataError
    from capex.model.limits import whole_number
    from capex.terms import phrase, said

    error = DataError(
        phrase("limit_whole_number", argument="draws", low=1, high=9, value="'x'"),
        source="预算.xlsx",
        sheet="2026",
        cell="F7",
        column="总投资",
        project_id=19,
        value="x",
    )
    assert (
        said(error)
        == str(error)
        == (
            "预算.xlsx, sheet 2026, cell F7 (column '总投资', id 19), value 'x': "
            "draws must be a whole number from 1 to 9, not 'x'"
        )
    )
    assert said(error, "zh") == (
        "预算.xlsx，工作表2026，单元格F7（列“总投资”，序号19），值'x'："
        "draws应为1至9之间的整数，而不是'x'"
    )
    by_row = DataError("bad", source="a.csv", row=3, project_id="A1", column="start_year")
    assert said(by_row, "zh") == "a.csv，第3行（序号A1），列“start_year”：bad"
    with pytest.raises(Exception) as raised:
        whole_number("x", "draws", 1, 9)
    assert said(raised.value, "zh") == "draws应为1至9之间的整数，而不是'x'"
