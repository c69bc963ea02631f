"""The table of terms: every key has both languages and fills its placeholders."""

from __future__ import annotations

import re

import pytest

import capex
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


def test_a_summary_lists_its_findings_in_one_way_and_says_how_many_more_in_its_language():
    import pandas as pd

    from capex.terms import findings_lines

    findings = pd.DataFrame(
        {
            "project_id": pd.Series([3, None, 7], dtype=object),
            "year": [2022, None, pd.NA],
            "severity": ["warning", "info", "error"],
            "rule": ["outside_window", "refund", "above_total"],
            "message": ["a", "b", "c"],
        }
    )
    english = findings_lines(findings, "en", 2)
    assert english[0].split() == ["warning", "#3", "2022", "[outside_window]", "a"]
    assert english[1].split() == ["info", "[refund]", "b"]  # no project, no year
    assert english[2].strip() == "... and 1 more (.findings)"
    chinese = findings_lines(findings, "zh", 2)
    assert chinese[0].split()[0] == "警告" and "[建设期外支出]" in chinese[0]
    assert chinese[2].strip().startswith("……另有1条") and "more" not in chinese[2]


# -- the message model --------------------------------------------------------------------
def test_a_message_is_its_key_and_values_worded_when_shown() -> None:
    from capex.terms import Message, said

    wrote = Message("wrote", path="计划.xlsx")
    assert said(wrote, "en") == "wrote 计划.xlsx" and said(wrote, "zh") == "已写入计划.xlsx"
    # str() and f-strings word it in the option's language, read when shown
    assert str(wrote) == "wrote 计划.xlsx"
    with capex.option_context("lang", "zh"):
        assert str(wrote) == f"{wrote}" == "已写入计划.xlsx"
    # it is no str: no English text compares equal to it, and no string operation drops a
    # language on the way
    assert not isinstance(wrote, str) and wrote != "wrote 计划.xlsx"
    assert wrote == Message("wrote", path="计划.xlsx") != Message("wrote", path="b.xlsx")
    assert hash(wrote) == hash(Message("wrote", path="计划.xlsx"))


def test_messages_nest_and_join_in_one_language() -> None:
    from capex.terms import Message, joined, said

    inner = Message("wrote", path="a.xlsx")
    both = joined([Message("summary_change", change=inner), "ok"])
    assert said(both, "zh") == "变动：已写入a.xlsx；ok"
    assert said(both, "en") == "change: wrote a.xlsx; ok"


def test_an_unknown_key_is_refused_when_the_message_is_made() -> None:
    from capex.terms import LanguageError, Message

    with pytest.raises(LanguageError, match="no term 'no_such_key'"):
        Message("no_such_key")


def test_a_message_survives_pickling_as_its_key_and_values() -> None:
    import pickle

    from capex.terms import Message, joined

    made = joined([Message("wrote", path="a.xlsx"), "b"], "comma")
    back = pickle.loads(pickle.dumps(made))
    assert back == made and type(back) is type(made) and back.text("zh") == made.text("zh")


def test_an_error_raised_with_a_message_is_worded_in_the_option_language() -> None:
    from capex.errors import CapexError, DataError
    from capex.terms import Message, said

    error = CapexError(Message("wrote", path="a.xlsx"))
    assert str(error) == "wrote a.xlsx"
    with capex.option_context("lang", "zh"):
        assert str(error) == "已写入a.xlsx"
    located = DataError(Message("wrote", path="a.xlsx"), source="台账.xlsx", row=3)
    assert said(located, "zh") == "台账.xlsx，第3行：已写入a.xlsx"
    assert said(located, "en") == "台账.xlsx, row 3: wrote a.xlsx"


@pytest.mark.parametrize(
    "method",
    [
        "linear relaxation (HiGHS), then every selection near its bound listed",
        (
            "a first search by CP-SAT, one boolean per candidate and start; reduced-cost "
            "fixing; then the least weighted delay among the optima"
        ),
        (
            "searches of cores near the relaxation by CP-SAT then MIP (HiGHS), one boolean per "
            "candidate and start; reduced-cost fixing"
        ),
    ],
)
def test_the_selections_methods_are_said_in_chinese(method: str) -> None:
    from capex.terms import method_words

    chinese = method_words(method, "zh")
    left = set(re.findall(r"[A-Za-z]{2,}", chinese)) - {"CP", "SAT", "HiGHS"}
    assert left == set(), chinese


def test_a_message_among_a_terms_values_is_worded_in_the_terms_language() -> None:
    from capex.terms import Message, joined

    inside = joined(["a.xlsx", Message("error_sheet", sheet="支付明细")], "error_and")
    # the option says English; the sentence asked for in Chinese words its values in Chinese
    assert capex.options.lang == "en"
    assert term(
        "payments_headline", "zh", n=1, total="1 万元", first="-", last="-", source=inside
    ).endswith("来自a.xlsx，工作表支付明细")
