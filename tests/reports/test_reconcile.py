"""Reconciliation: exact totals, the split of each total, and the findings on the seed data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import capex
from capex.model.cashflow import SPLIT_COLUMNS, plan_split
from capex.model.money import WAN
from capex.reports.reconcile import FINDING_COLUMNS, reconcile


# -- helpers -----------------------------------------------------------------------------
def make(
    rows: list[dict], *, plan_period: tuple[int, int] = (2021, 2025), published: dict | None = None
) -> capex.Portfolio:
    """A portfolio from short row dicts; amounts in 亿元 as text."""
    base = {"name": "学校", "street": "", "scope": "", "government_investment": "yes"}
    table = pd.DataFrame([{"id": i + 1, **base, **row} for i, row in enumerate(rows)])
    return capex.load_projects(table, plan_period=plan_period, published=published, name="test")


def row(start: int, end: int, total: str, plan: str, **extra: object) -> dict:
    return {
        "start_year": start,
        "end_year": end,
        "total_investment": total,
        "plan_investment": plan,
        **extra,
    }


def rules_of(
    report: capex.results.ReconciliationReport, project_id: object = None
) -> list[tuple[str, str]]:
    findings = report.findings
    if project_id is not None:
        findings = findings[findings["project_id"] == project_id]
    return list(zip(findings["severity"], findings["rule"]))


# -- totals on the bundled data ----------------------------------------------------------
@pytest.fixture(scope="module")
def report(yuecheng: capex.Portfolio) -> capex.results.ReconciliationReport:
    return reconcile(yuecheng)


def test_the_bundled_totals_reconcile_exactly(report: capex.results.ReconciliationReport) -> None:
    totals = report.totals
    # the seed's headline row: 77.8 亿元 total, 48.39 亿元 in 2021-2025
    assert totals.loc["total investment", "published_minor"] == 778_000
    assert totals.loc["total investment", "computed_minor"] == 778_000
    assert totals.loc["plan investment", "published_minor"] == 483_900
    assert totals.loc["plan investment", "computed_minor"] == 483_900
    assert (totals.loc[["total investment", "plan investment"], "difference_minor"] == 0).all()
    assert report.reconciles is True
    assert totals.loc["total investment", "status"] == "reconciles"


def test_the_funding_split_is_computed_not_published(
    report: capex.results.ReconciliationReport,
) -> None:
    totals = report.totals
    # project 18 (民办上海虹桥学校) is the only 否: 5 亿元 total, all 5 in 2021-2025
    assert totals.loc["total investment, non-government", "computed_minor"] == 50_000
    assert totals.loc["plan investment, non-government", "computed_minor"] == 50_000
    assert totals.loc["total investment, government", "computed_minor"] == 778_000 - 50_000
    assert totals.loc["plan investment, government", "computed_minor"] == 483_900 - 50_000
    funding_rows = [label for label in totals.index if "government" in label]
    assert totals.loc[funding_rows, "published_minor"].isna().all()
    assert np.isnan(totals.loc[funding_rows, "published"]).all()
    assert (totals.loc[funding_rows, "status"] == "not published").all()


def test_totals_in_yi_and_wan_agree(report: capex.results.ReconciliationReport) -> None:
    totals = report.totals
    assert totals.attrs["unit"] == "亿元"
    assert totals.loc["total investment", "computed"] == pytest.approx(77.8)
    in_minor = report.totals_frame("万元")
    assert in_minor.loc["plan investment", "computed"] == 483_900


def test_differences_are_reported_to_the_wan() -> None:
    # 1.0 + 0.5 = 1.5 亿元 against a published 1.5001: 1 万元 short
    portfolio = make(
        [row(2021, 2022, "1.0", "1.0"), row(2022, 2023, "0.5", "0.5")],
        published={"total_investment": "1.5001", "plan_investment": "1.5"},
    )
    report = reconcile(portfolio)
    assert report.totals.loc["total investment", "difference_minor"] == -1
    assert report.totals.loc["plan investment", "difference_minor"] == 0
    assert report.reconciles is False
    assert "1 万元 below" in report.totals.loc["total investment", "status"]
    assert "do NOT reconcile" in str(report)


def test_no_published_totals_means_nothing_reconciles(yuecheng: capex.Portfolio) -> None:
    report = reconcile(yuecheng.subset([1, 2, 3]))
    assert report.published is None and report.reconciles is False
    assert report.totals["published_minor"].isna().all()
    assert "publishes no totals" in str(report)


# -- the split of each total ---------------------------------------------------------------
def test_split_of_the_tiny_portfolio_by_hand(tiny: capex.Portfolio) -> None:
    split = plan_split(tiny)
    # plan 2021-2023. 1: 2020-2021, 1.0 of which 0.6 in plan -> 0.4 before.
    # 2: 2021-2023 all in. 3: 2022-2023 all in. 4: 2023-2024, 2.0 of which 1.0 in -> 1.0 after.
    expected = pd.DataFrame(
        {
            "before_minor": [4_000, 0, 0, 0],
            "in_plan_minor": [6_000, 30_000, 6_000, 10_000],
            "after_minor": [0, 0, 0, 10_000],
            "unplaceable_minor": [0, 0, 0, 0],
        },
        index=pd.Index([1, 2, 3, 4], name="id"),
    )
    pd.testing.assert_frame_equal(split, expected)
    report = reconcile(tiny)
    assert report.reconciles  # published 6.6 / 5.2 = 1.0+3.0+0.6+2.0 / 0.6+3.0+0.6+1.0
    assert report.findings.empty  # every window is in line with its plan share


def test_split_across_both_sides_shares_by_years() -> None:
    # 2019-2027 around 2021-2025: 2 years before, 2 after; 1.0 outside -> 0.5 each.
    # 2020-2027: 1 year before, 2 after; 0.0003 outside -> 1 万元 before (rounded down), 2 after
    portfolio = make([row(2019, 2027, "3.0", "2.0"), row(2020, 2027, "1.0003", "1.0")])
    split = plan_split(portfolio)
    assert split.loc[1].tolist() == [5_000, 20_000, 5_000, 0]
    assert split.loc[2].tolist() == [1, 10_000, 2, 0]


def test_the_bundled_split(
    report: capex.results.ReconciliationReport, yuecheng: capex.Portfolio
) -> None:
    split = report.split_minor
    assert (split[list(SPLIT_COLUMNS)].sum(axis=1) == yuecheng.frame["total_minor"]).all()
    # project 23 (2023-2025, 3 of which 2 in plan) is the only one with money no year can take
    assert split.index[split["unplaceable_minor"] > 0].tolist() == [23]
    assert split.loc[23, "unplaceable_minor"] == 10_000
    # projects 1-9 start before 2021: the before part is their total less plan (1.5-0.3 = 1.2, ...)
    assert split.loc[1, "before_minor"] == 12_000 and split.loc[9, "before_minor"] == 1_000
    # projects 20, 22, 24-35 end after 2025: 3.5 - 2.5 = 1.0 after 2025 for project 20
    assert split.loc[20, "after_minor"] == 10_000
    frame = report.to_frame()
    assert list(frame.columns) == [
        "name",
        "start_year",
        "end_year",
        "total",
        "before",
        "in_plan",
        "after",
        "unplaceable",
    ]
    assert frame.loc[1, "name"] == "鲁迅小学教育集团凤鸣校区"
    assert frame.loc[1, "before"] == pytest.approx(1.2)
    assert report.to_frame("万元").loc[1, "before"] == 12_000


# -- the findings on the bundled data, each pinned with the reason from the seed ----------
BUNDLED_FINDINGS = [
    # id, severity, rule, words the message must carry, why (from the seed's row)
    (23, "error", "plan_unplaceable", ["2023-2025", "3 亿元", "2 亿元", "1 亿元"],
     "window 2023-2025 inside 2021-2025, total 3 but plan 2: 1 亿元 has no year"),
    (7, "warning", "plan_no_before", ["2020", "2.95 亿元"],
     "window 2020-2022 starts before 2021 but plan 2.95 == total 2.95"),
    (20, "warning", "scope_site_area", ["372,703.8", "42 classes", "37,270.38"],
     "372703.8 平米 for 42 classes is ~8,874 a class against ~500-1,330 for every other project"),
    (27, "warning", "plan_share_low", ["0.2 亿元", "3 亿元", "2026"],
     "2024-2026 has 2 of 3 years in the plan, but only 0.2 of 3.0 (7%) is planned there"),
    (28, "warning", "plan_share_low", ["0.1 亿元", "1.2 亿元"], "2 of 3 years, 0.1 of 1.2 (8%)"),
    (29, "warning", "plan_share_low", ["0.5 亿元", "3.2 亿元"], "2 of 3 years, 0.5 of 3.2 (16%)"),
    (30, "warning", "plan_share_low", ["0.3 亿元", "2.6 亿元"], "2 of 3 years, 0.3 of 2.6 (12%)"),
    (8, "info", "plan_share_high", ["0.23 亿元", "2020"],
     "2020-2022 has 1 of 3 years before the plan, but only 0.23 of 1.63 (14%) is left for it"),
    (9, "info", "scope_added_land", ["1,850", "新增用地"], "scope: 新增用地面积1850平米"),
    (11, "info", "scope_added_land", ["4,883", "新增用地"], "scope: 新增用地面积4883平米"),
    (11, "info", "units_mixed_row", ["平米", "平方"], "scope: 4883平米 ... 7000平方"),
    (31, "info", "plan_share_low", ["0.2 亿元", "2.1 亿元"], "2025-2027: 1 of 3 years, 0.2 of 2.1 (10%)"),
    (32, "info", "plan_share_low", ["0.2 亿元", "1.2 亿元"], "2025-2026: 1 of 2 years, 0.2 of 1.2 (17%)"),
    (32, "info", "units_approximate", ["约26668平米", "约16000平米"], "scope: 用地面积约26668平米，建筑面积约16000平米"),
    (33, "info", "plan_share_low", ["0.2 亿元", "2 亿元"], "2025-2027: 1 of 3 years, 0.2 of 2.0 (10%)"),
    (34, "info", "plan_share_low", ["0.2 亿元", "2 亿元"], "2025-2027: 1 of 3 years, 0.2 of 2.0 (10%)"),
    (35, "info", "plan_share_low", ["0.2 亿元", "1.8 亿元"], "2025-2027: 1 of 3 years, 0.2 of 1.8 (11%)"),
    (None, "info", "units_mixed_table", ["平米", "平方", "10, 11, 12, 13, 14, 15, 23"],
     "rows 10, 12-15, 23 write 平方 (11 both), the rest 平米"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("project_id", "severity", "rule", "words", "why"),
    BUNDLED_FINDINGS,
    ids=[f"{f[0] or 'table'}-{f[2]}" for f in BUNDLED_FINDINGS],
)
def test_each_bundled_finding(
    report: capex.results.ReconciliationReport,
    project_id: int | None,
    severity: str,
    rule: str,
    words: list[str],
    why: str,
) -> None:
    findings = report.findings
    if project_id is None:
        mine = findings[findings["project_id"].isna() & (findings["rule"] == rule)]
    else:
        mine = findings[(findings["project_id"] == project_id) & (findings["rule"] == rule)]
    assert len(mine) == 1, why
    assert mine["severity"].iloc[0] == severity
    message = mine["message"].iloc[0]
    for word in words:
        assert word in message, (word, message)


def test_the_bundled_findings_are_exactly_those(report: capex.results.ReconciliationReport) -> None:
    findings = report.findings
    assert list(findings.columns) == list(FINDING_COLUMNS)
    found = sorted(
        (-1 if pd.isna(p) else int(p), s, r)
        for p, s, r in zip(findings["project_id"], findings["severity"], findings["rule"])
    )
    assert found == sorted((-1 if p is None else p, s, r) for p, s, r, _, _ in BUNDLED_FINDINGS)
    # most serious first
    order = findings["severity"].map({"error": 0, "warning": 1, "info": 2})
    assert order.is_monotonic_increasing
    assert report.counts() == {"error": 1, "warning": 6, "info": 11}


def test_no_finding_for_the_windows_in_line(report: capex.results.ReconciliationReport) -> None:
    # 10, 12-19, 21: windows inside 2021-2025 with plan == total, as they should be
    clean = [10, 12, 13, 14, 15, 16, 17, 18, 19, 21]
    assert not report.findings["project_id"].isin(clean).any()


# -- each rule on a hand-made portfolio ----------------------------------------------------
def test_window_inside_the_plan_but_plan_below_total_is_an_error() -> None:
    report = reconcile(make([row(2022, 2024, "2.0", "1.5")]))
    assert rules_of(report) == [("error", "plan_unplaceable")]
    assert report.split_minor.loc[1, "unplaceable_minor"] == 5_000
    assert "0.5 亿元 has no year" in report.findings["message"].iloc[0]


@pytest.mark.parametrize(
    ("start", "end", "rule", "years"),
    [(2019, 2022, "plan_no_before", "2019-2020"), (2024, 2027, "plan_no_after", "2026-2027"),
     (2020, 2026, "plan_no_outside", "2020")],
)  # fmt: skip
def test_plan_equal_to_total_leaves_nothing_outside(
    start: int, end: int, rule: str, years: str
) -> None:
    report = reconcile(make([row(start, end, "2.0", "2.0")]))
    assert rules_of(report) == [("warning", rule)]
    assert years in report.findings["message"].iloc[0]


@pytest.mark.parametrize(
    ("start", "end", "total", "plan", "expected"),
    [
        (2024, 2026, "3.0", "0.2", [("warning", "plan_share_low")]),  # 7% for 2 of 3 years
        (2025, 2027, "2.0", "0.2", [("info", "plan_share_low")]),  # 10% for 1 of 3: < 1/2, > 1/4
        (2024, 2027, "4.0", "0.5", [("info", "plan_share_low")]),  # 12.5% = 50% / 4 exactly: info
        (2024, 2027, "4.0", "0.4999", [("warning", "plan_share_low")]),  # just below a quarter
        (2024, 2026, "3.0", "1.5", []),  # 50% for 67% of the years: in line
        (2020, 2022, "1.0", "0.95", [("warning", "plan_share_high")]),  # 5% left for 1 of 3 years
        (2020, 2022, "1.0", "0.8", []),  # 20% left for 33% of the years: in line
        (2018, 2021, "1.5", "0.3", []),  # project 1: 20% for 1 of 4 years
    ],
)
def test_plan_share_against_window_years(
    start: int, end: int, total: str, plan: str, expected: list
) -> None:
    assert rules_of(reconcile(make([row(start, end, total, plan)]))) == expected


def _school(classes: int, site: float, floor: float, scope: str = "") -> dict:
    return row(
        2021,
        2023,
        "1.0",
        "1.0",
        classes=classes,
        site_area_m2=site,
        floor_area_m2=floor,
        scope=scope,
    )


def test_site_area_out_of_proportion_is_a_warning() -> None:
    peers = [_school(30, 30_000, 30_000) for _ in range(5)]
    report = reconcile(make([*peers, _school(30, 300_000, 30_000)]))
    # 10,000 平米 a class against 1,000; floor/site 0.1 against 1.0; floor itself in line
    assert rules_of(report) == [("warning", "scope_site_area")]
    assert report.findings["project_id"].iloc[0] == 6
    message = report.findings["message"].iloc[0]
    assert "about 10 times" in message and "30,000 平米" in message and "a tenth of it" in message


def test_floor_area_out_of_proportion_to_the_site_is_a_warning() -> None:
    peers = [_school(30, 30_000, 30_000) for _ in range(5)]
    report = reconcile(make([*peers, _school(30, 30_000, 100_000)]))
    assert rules_of(report) == [("warning", "scope_site_area")]
    assert "3.33 times the site" in report.findings["message"].iloc[0]


def test_too_few_peers_means_no_scope_comparison() -> None:
    report = reconcile(
        make([_school(30, 30_000, 30_000) for _ in range(3)] + [_school(30, 300_000, 30_000)])
    )
    assert report.findings.empty


def test_added_land_is_noted_and_left_out_of_the_comparison() -> None:
    peers = [_school(30, 30_000, 30_000) for _ in range(5)]
    added = _school(30, 1_000, 30_000, scope="新增用地面积1000平米，建筑面积30000平米。")
    report = reconcile(make([*peers, added]))
    assert rules_of(report) == [("info", "scope_added_land")]


def test_unit_findings() -> None:
    report = reconcile(
        make(
            [
                row(2021, 2022, "1", "1", scope="用地面积100平米，建筑面积90平方。"),
                row(2021, 2022, "1", "1", scope="用地面积约100平米。", area_approximate="yes"),
                row(2021, 2022, "1", "1", scope="用地100平方。"),
            ]
        )
    )
    assert rules_of(report, 1) == [("info", "units_mixed_row")]
    assert rules_of(report, 2) == [("info", "units_approximate")]
    assert rules_of(report, 3) == []
    table = report.findings[report.findings["project_id"].isna()]
    assert table["rule"].tolist() == ["units_mixed_table"]
    assert "平米 in 2 project(s) (1, 2)" in table["message"].iloc[0]


def test_one_unit_throughout_gives_no_unit_finding() -> None:
    report = reconcile(make([row(2021, 2022, "1", "1", scope="用地面积100平米。")] * 2))
    assert report.findings.empty


# -- the report object -------------------------------------------------------------------
def test_the_report_is_frozen_and_hands_out_copies(
    report: capex.results.ReconciliationReport,
) -> None:
    with pytest.raises(AttributeError):
        report.name = "other"  # type: ignore[misc]
    findings = report.findings
    findings.loc[0, "message"] = "changed"
    assert report.findings.loc[0, "message"] != "changed"


def test_the_report_reads_well(report: capex.results.ReconciliationReport) -> None:
    text = str(report)
    assert "reconcile exactly" in text
    assert "77.8" in text and "48.39" in text and "not published" in text
    assert "#23" in text and "1 error(s), 6 warning(s), 11 note(s)" in text
    assert "778,000" in report.to_text("万元")
    html = report._repr_html_()
    assert "<table" in html and "not published" in html and "372,703.8" in html
    assert "totals reconcile exactly" in repr(report)


def test_reconciling_does_not_change_the_portfolio(yuecheng: capex.Portfolio) -> None:
    before = yuecheng.frame
    reconcile(yuecheng)
    pd.testing.assert_frame_equal(yuecheng.frame, before)


# -- halves add up to the whole ----------------------------------------------------------
@st.composite
def portfolio_and_half(draw: st.DrawFn) -> tuple[capex.Portfolio, list[int]]:
    n = draw(st.integers(2, 10))
    rows = []
    for _ in range(n):
        start = draw(st.integers(2016, 2030))
        end = start + draw(st.integers(0, 5))
        total = draw(st.integers(0, 500_000))
        plan = draw(st.integers(0, total)) if start <= 2025 and end >= 2021 else 0
        rows.append(
            row(
                start,
                end,
                WAN.text(total),
                WAN.text(plan),
                government_investment=draw(st.booleans()),
            )
        )
    half = draw(st.lists(st.integers(1, n), unique=True, min_size=1, max_size=n - 1))
    return make(rows, published={"total_investment": "1", "plan_investment": "1"}), half


@pytest.mark.slow
@given(case=portfolio_and_half())
def test_reconciling_two_halves_adds_up_to_the_whole(
    case: tuple[capex.Portfolio, list[int]],
) -> None:
    portfolio, first_half = case
    second_half = [i for i in portfolio.ids if i not in first_half]
    whole = reconcile(portfolio)
    parts = [reconcile(portfolio.subset(ids)) for ids in (first_half, second_half)]
    added = parts[0].totals["computed_minor"] + parts[1].totals["computed_minor"]
    pd.testing.assert_series_equal(added, whole.totals["computed_minor"])
    joined = pd.concat([p.split_minor for p in parts]).loc[whole.split_minor.index]
    pd.testing.assert_frame_equal(joined, whole.split_minor)
    # and the split of every project adds up to its total
    assert (
        whole.split_minor[list(SPLIT_COLUMNS)].sum(axis=1) == whole.split_minor["total_minor"]
    ).all()


# -- the plan findings against a plain per-project reading of the rules -----------------------
def _plan_rules_one_by_one(portfolio: capex.Portfolio, ratio: float) -> list[tuple]:
    """The plan-share rules of the module text, applied project by project."""
    first, last = portfolio.plan_period
    out = []
    for pid, r in portfolio.frame.iterrows():
        start, end, total, plan = r["start_year"], r["end_year"], r["total_minor"], r["plan_minor"]
        years, inside = end - start + 1, max(0, min(end, last) - max(start, first) + 1)
        if total == 0 or inside == 0:
            continue
        before, after = start < first, end > last
        if not before and not after:
            if plan < total:
                out.append((pid, "error", "plan_unplaceable"))
        elif plan == total:
            rule = (
                "plan_no_outside"
                if before and after
                else ("plan_no_before" if before else "plan_no_after")
            )
            out.append((pid, "warning", rule))
        elif plan / total * ratio / 2 < inside / years:
            severity = "warning" if plan / total * ratio < inside / years else "info"
            out.append((pid, severity, "plan_share_low"))
        elif (1 - plan / total) * ratio / 2 < 1 - inside / years:
            severity = "warning" if (1 - plan / total) * ratio < 1 - inside / years else "info"
            out.append((pid, severity, "plan_share_high"))
    return sorted(out, key=str)


@pytest.mark.slow
@given(st.integers(0, 2**31), st.integers(5, 60))
def test_the_vectorised_plan_findings_are_the_rules_one_by_one(seed: int, n: int) -> None:
    portfolio = capex.solvers.synthetic.random_portfolio(n, seed=seed)
    findings = reconcile(portfolio).findings
    plan = findings[findings["rule"].str.startswith("plan_")]
    found = sorted(zip(plan["project_id"], plan["severity"], plan["rule"]), key=str)
    assert found == _plan_rules_one_by_one(portfolio, 4.0)


# -- the report in another unit, in Chinese, with names -------------------------------------------
def test_findings_name_the_project_and_speak_the_unit(
    report: capex.results.ReconciliationReport,
) -> None:
    frame = report.findings_frame("万元")
    assert list(frame.columns) == ["project_id", "name", *FINDING_COLUMNS[1:]]
    first = frame.iloc[0]
    assert (first["project_id"], first["name"]) == (23, "未来社区配套小学")
    assert "10,000 万元 has no year in the window" in first["message"]
    assert frame.attrs["unit"] == "万元"
    assert frame["name"].iloc[-1] == ""  # the table-wide finding has no project


def test_every_finding_has_its_chinese_sentence(report: capex.results.ReconciliationReport) -> None:
    chinese = report.findings_frame(lang="zh")
    english = report.findings
    assert chinese["rule"].tolist() == english["rule"].tolist()
    assert set(chinese["severity"]) == {"错误", "警告", "提示"}
    for message in chinese["message"]:
        assert not any(word in message for word in ("The ", " the ", "window", "total")), message
    assert chinese["message"].iloc[0] == (
        "建设周期2023-2025年全部在规划期2021-2025年内，但总投资3亿元中只有2亿元安排在2021-2025年："
        "其余1亿元在建设周期内没有年份可以安排。"
    )


def test_the_text_in_wan_and_in_chinese(report: capex.results.ReconciliationReport) -> None:
    from capex.io.texttable import display_width

    text = report.to_text("万元", "zh")
    assert "金额单位：万元" in text and "各项合计与公布数完全一致。" in text
    assert "#23 未来社区配套小学" in text
    table = text.split("\n\n")[1].splitlines()  # the totals, aligned under their headers
    assert len({display_width(line.rsplit("  ", 1)[0]) for line in table[1:]}) == 1
    assert "778,000" in text and "亿元" not in text.split("问题：")[0]
    english = report.to_text()
    assert "published (亿元)" in english and "77.80" in english and "48.39" in english
    assert "#7 建功中学教育集团城南校区（暂名）" in english
    assert report.summary(lang="zh") == "合计与公布数一致；问题：错误 1，警告 6，提示 11"


def test_totals_and_split_state_their_unit(report: capex.results.ReconciliationReport) -> None:
    assert report.totals.attrs["unit"] == "亿元"
    assert report.totals_frame("万元").attrs["unit"] == "万元"
    assert report.to_frame().attrs["unit"] == "亿元"
    zh = report.totals_frame(lang="zh")
    assert zh.index[1] == "2021-2025年投资" and zh["status"].iloc[0] == "一致"


# ---------------------------------------------------------------------------------------
# the sentences: a rule's findings worded a column at a time say what one at a time says
# ---------------------------------------------------------------------------------------
def _row_by_row(report, unit, lang):
    from capex.reports.reconcile import _Context, _message

    context = _Context(report.money, report.money.normalize_unit(unit), lang, report.plan_period)
    found = report._findings
    return [
        _message(rule, detail, context)
        for rule, detail in zip(found["rule"].tolist(), found["detail"].tolist())
    ]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("unit", [None, "万元", "元"])
@pytest.mark.parametrize("case", ["bundled", "synthetic"])
def test_sentences_worded_by_columns_equal_those_worded_one_by_one(case, unit, lang):
    from capex.solvers.synthetic import random_portfolio

    portfolio = capex.load_projects() if case == "bundled" else random_portfolio(2_000, seed=3)
    report = reconcile(portfolio)
    rules = set(report._findings["rule"])  # the rules worded by columns, beside the others
    assert {"plan_share_low", "plan_share_high", "plan_no_before"} <= rules
    assert {"plan_unplaceable", "units_mixed_table"} <= rules or "plan_no_after" in rules
    messages = report.findings_frame(unit, lang)["message"].tolist()
    assert messages == _row_by_row(report, unit, lang)
