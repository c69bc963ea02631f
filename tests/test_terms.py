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
