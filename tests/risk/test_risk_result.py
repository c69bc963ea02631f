"""The risk result: its tables agree with the draws, it reads well, and it exports exactly."""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pandas as pd
import pytest

import capex
from capex.export.registry import sheets
from capex.risk.distributions import Discrete, Triangular
from capex.risk.result import quantile_table
from capex.risk.tasks import _error_text
from capex.terms import phrase

CEILINGS = {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9}


def _bundled_risk(yuecheng) -> capex.results.RiskResult:
    """The bundled plan's risk under cost change, start delay and a price index, seed 3."""
    return capex.simulate(
        yuecheng,
        CEILINGS,
        draws=2_000,
        cost=Triangular(-0.05, 0.05, 0.40),
        delay=Discrete({0: 0.6, 1: 0.3, 2: 0.1}),
        price_index="triangular(0, 0.03, 0.1)",
        seed=3,
    )


@pytest.fixture(scope="module")
def risk(yuecheng) -> capex.results.RiskResult:
    return _bundled_risk(yuecheng)


def test_quantiles_are_drawn_values_at_or_above_the_share(risk):
    draws = risk.annual_draws_minor
    table = quantile_table(draws.to_numpy(), draws.columns)
    for label, q in capex.risk.QUANTILES.items():
        for year in (2021, 2024, 2026):
            value = table.loc[year, label]
            assert value in set(draws[year])  # a drawn amount, exact
            assert (draws[year] <= value).mean() >= q > (draws[year] < value).mean()
    assert np.allclose(risk.annual_quantiles.to_numpy() * 10_000, table.to_numpy())


def test_the_breach_probability_and_reserve_are_read_off_the_draws(risk):
    draws = risk.annual_draws_minor
    assert list(risk.breach_probability.index) == list(CEILINGS)
    for year, ceiling in CEILINGS.items():
        over = draws[year] - ceiling * 10_000
        assert risk.breach_probability[year] == (over > 0).mean()
        extra = np.maximum(over, 0)
        assert risk.reserve[year] * 10_000 == pytest.approx(
            np.quantile(extra, 0.8, method="inverted_cdf")
        )
    total = risk.extra_budget_draws_minor.sum(axis=1)
    p80 = np.quantile(total, 0.8, method="inverted_cdf")
    assert risk.extra_budget_quantiles.loc["total", "P80"] * 10_000 == pytest.approx(p80)


def test_the_table_by_year_in_minor_is_whole_numbers(risk):
    table = risk.to_frame("万元")
    assert table.loc[2021, "P80"] == int(risk.annual_quantiles.loc[2021, "P80"] * 10_000 + 0.5)
    assert table["ceiling"].dropna().tolist() == [110_000, 100_000, 100_000, 100_000, 90_000]
    assert pd.isna(table.loc[2026, "ceiling"]) and pd.isna(table.loc[2026, "reserve"])
    assert table["P95"].dtype == np.int64
    yi = risk.annual
    assert yi.loc[2021, "planned"] == pytest.approx(11.5635)
    assert yi.loc[2025, "ceiling"] == 9.0


def test_the_summary_says_what_was_assumed_and_what_it_means(risk):
    text = risk.summary()
    assert text.startswith("RiskResult: 2,000 draws, method cashflow, seed 3")
    assert "cost change: triangular(-0.05, 0.05, 0.4) for all 35 projects" in text
    assert "start delay (years): discrete(0=0.6, 1=0.3, 2=0.1) for 26 projects" in text
    assert "price index (all projects): triangular(0, 0.03, 0.1)" in text
    assert "P(over)" in text and "reserve for P80-safe years" in text
    assert "risk drivers" in text and "北海小学易地新建" in text
    wan = risk.summary("万元")
    assert "per year (万元)" in wan and "110,000" in wan
    html = risk._repr_html_()
    assert "<table" in html and "Risk drivers" in html and "&lt;" not in text
    assert repr(risk).startswith("<RiskResult: 2,000 draws")


def _english_words() -> set[str]:
    """Every English term of more than one letter (those with placeholders cut at them)."""
    from capex.terms import TERMS

    words = set()
    for english, chinese in TERMS.values():
        if english == chinese:
            continue  # a symbol, the same in both (P(over) is not; see the test)
        for part in english.replace("{", "}").split("}")[::2]:
            words.update(w for w in part.replace("(", " ").split() if len(w) > 3 and w.isalpha())
    return words - {"capex"}


def test_the_summary_and_html_in_chinese_say_every_word_in_chinese(risk):
    english = _english_words()
    text = risk.summary(lang="zh")
    assert text.startswith("风险模拟：抽样2,000次，方法：按抽样现金流，随机种子3")
    assert "投资变化：全部35个项目：三角分布（-0.05, 0.05, 0.4）" in text
    assert "开工推迟（年）：26个项目：离散分布（0=0.6, 1=0.3, 2=0.1）；9个项目：无" in text
    assert "超出概率" in text and "P80准备金" in text and "规划期合计（亿元）" in text
    assert "风险来源（占规划期合计方差的份额）：19 北海小学易地新建" in text
    for line in text.splitlines():
        found = [word for word in line.replace("(", " ").split() if word in english]
        assert not found, (found, line)
    # the same figures as in English, row by row
    for english_line, chinese_line in zip(risk.summary().splitlines(), text.splitlines()):
        if english_line.strip()[:4].isdigit():
            assert english_line.split()[1:] == chinese_line.split()[1:]
    html = capex.simulate(
        capex.load_projects(), CEILINGS, draws=200, cost="uniform(0, 0.2)", lang="zh"
    )._repr_html_()
    assert "风险来源" in html and "超出上限的概率" in html and "Risk drivers" not in html
    assert "breach_probability" not in html and "variance_share" not in html


def test_the_summary_says_no_runtime_so_the_same_draws_read_the_same(yuecheng, risk):
    again = _bundled_risk(yuecheng)
    again = dataclasses.replace(again, runtime=risk.runtime + 1.5)
    for lang in ("en", "zh"):
        assert again.summary(lang=lang) == risk.summary(lang=lang)
        assert again._repr_html_() == risk._repr_html_()
    assert re.search(r"\d\.\d\d s>$", repr(again))  # the repr still says how long it took


def test_a_failed_draw_is_said_in_the_reports_language(risk):
    # a capex error of a draw keeps its Chinese words (as a sweep records it)
    error = capex.solvers.scenario.ScenarioError(
        phrase(
            "scenario_shift_outside", name="later", project="19", years="+9000", start=2024,
            end=2026, first=0, last=9999,
        )
    )  # fmt: skip
    recorded = _error_text(error)
    failures = pd.DataFrame({"draw": [7], "error": [recorded]})
    failed = dataclasses.replace(risk, failures=failures, draws=risk.draws + 1)
    assert "第一次为第7次抽样：情景“later”：项目19移动+9000年后" in failed.summary(lang="zh")
    assert "the first, draw 7: scenario 'later': shifting project 19" in failed.summary()
    book = sheets(failed, lang="zh")[-1].frame
    assert any("情景“later”" in str(value) for value in book.iloc[:, 1])


@pytest.mark.slow
def test_the_workbook_holds_the_tables_exactly(risk, tmp_path):
    path = capex.to_excel(risk, tmp_path / "risk.xlsx")
    book = pd.read_excel(path, sheet_name=None)
    assert list(book) == ["risk by year", "extra budget", "risk drivers", "draws", "assumptions"]
    by_year = book["risk by year"].set_index("year")
    wan = risk.to_frame("万元")
    for column in ("planned", "P10", "P50", "P80", "P90", "P95"):
        assert [round(v * 10_000) for v in by_year[f"{column} (亿元)"]] == wan[column].tolist()
    assert by_year["breach_probability"].dropna().tolist() == risk.breach_probability.tolist()
    draws = book["draws"].set_index("draw")
    assert (
        np.round(draws.to_numpy() * 10_000).astype(np.int64) == risk.annual_draws_minor.to_numpy()
    ).all()
    drivers = book["risk drivers"]
    assert drivers["id"].tolist() == risk.drivers.index.tolist()
    assert drivers["variance_share"].sum() == pytest.approx(1.0)
    assumptions = dict(book["assumptions"][["item", "value"]].itertuples(index=False))
    assert assumptions["method"] == "cashflow" and str(assumptions["draws evaluated"]) == "2000"
    assert assumptions["price index (all projects)"] == "triangular(0, 0.03, 0.1)"
    assert assumptions["ceilings (亿元)"].startswith("2021: 11;")


@pytest.mark.slow
def test_the_workbook_in_chinese(risk, tmp_path):
    path = capex.to_excel(risk, tmp_path / "风险.xlsx", lang="zh")
    book = pd.read_excel(path, sheet_name=None)
    assert list(book) == ["分年度风险", "需追加预算", "风险来源", "抽样", "假设与说明"]
    by_year = book["分年度风险"].set_index("年份")
    assert list(by_year.columns) == [
        "计划（亿元）", "P10（亿元）", "P50（亿元）", "P80（亿元）", "P90（亿元）", "P95（亿元）",
        "预算上限（亿元）", "超出上限的概率", "P80准备金（亿元）",
    ]  # fmt: skip
    wan = risk.to_frame("万元")
    assert [round(v * 10_000) for v in by_year["P80（亿元）"]] == wan["P80"].tolist()
    assert book["需追加预算"]["年份"].iloc[-1] == "合计"
    assert list(book["风险来源"].columns)[:3] == ["序号", "项目名称", "计划（亿元）"]
    assert book["抽样"].columns[0] == "抽样序号"
    assumptions = dict(book["假设与说明"][["事项", "内容"]].itertuples(index=False))
    assert assumptions["求解方法"] == "按抽样现金流" and assumptions["情景"] == "基准"
    assert assumptions["价格指数（全部项目）"] == "三角分布（0, 0.03, 0.1）"
    assert assumptions["预算上限（亿元）"].startswith("2021：11；")
    english = _english_words()
    for frame in book.values():
        for heading in frame.columns:
            assert not any(word in str(heading).split() for word in english), heading


def test_csv_files_hold_exact_decimal_text(risk, tmp_path):
    files = capex.to_csv(risk, tmp_path / "risk")
    assert [f.name for f in files][:2] == ["risk by year.csv", "extra budget.csv"]
    table = pd.read_csv(files[0], dtype=str, encoding="utf-8-sig").set_index("year")
    wan = risk.to_frame("万元")
    assert [capex.model.money.WAN.to_minor(v, "亿元") for v in table["P80 (亿元)"]] == wan[
        "P80"
    ].tolist()


def test_a_risk_result_with_no_ceilings_measures_against_the_plan(yuecheng):
    risk = capex.simulate(yuecheng, draws=500, cost="uniform(0, 0.2)", seed=1)
    assert len(risk.ceilings_minor) == 0
    assert list(risk.reserve.index) == [2021, 2022, 2023, 2024, 2025]
    assert "against the plan's own total" in risk.summary()
    assert (risk.reserve > 0).all()  # costs only go up: every year needs more than planned
