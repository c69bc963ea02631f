"""Diff of two versions and a project's history across versions."""

from __future__ import annotations

import numpy as np
import pytest

import capex
from capex.store import StoreError

CEILINGS = {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9}


@pytest.fixture(scope="module")
def coded(yuecheng):
    frame = yuecheng.frame.assign(code=[f"2021-330602-{i:03d}" for i in yuecheng.ids])
    return yuecheng.replace(frame=frame)


@pytest.fixture(scope="module")
def adjusted(coded):
    """The 调整预算: project 35 dropped, a new one added, project 19 a year later and dearer."""
    frame = coded.frame.drop(index=[35])
    return (
        capex.Scenario("调整", shifts={19: 1}, escalation=0.03)
        .apply(coded.replace(frame=frame))
        .replace(published=None)
    )


def test_projects_added_removed_and_changed_money_exact(store, coded, adjusted):
    store.save(coded, "年初预算", author="王芳")
    new = adjusted.frame
    new.loc[99] = new.loc[1]
    new.loc[99, ["name", "code"]] = ["新建学校", "2027-330602-099"]
    store.save(adjusted.replace(frame=new), "调整预算", parent="年初预算", author="王芳")
    difference = store.diff("年初预算", "调整预算")
    assert difference.matched_by == "code"
    assert difference.added["id"].tolist() == [99]
    assert difference.removed["id"].tolist() == [35]
    changed = difference.changes.set_index(["id", "field"])
    assert changed.loc[(19, "start_year"), ["before", "after"]].tolist() == [2023, 2024]
    # 3.5 亿元 a year later at 3 %: 3.605 亿元, exactly 36,050 万元
    assert changed.loc[(19, "total_minor"), ["before", "after", "change_minor"]].tolist() == [
        35_000,
        36_050,
        1_050,
    ]
    annual = difference.annual_minor
    assert (annual["after"] - annual["before"] == annual["change"]).all()
    assert (
        int(annual["change"].sum())
        == adjusted.total_minor + int(new.loc[99, "total_minor"]) - coded.total_minor
    )
    text = difference.summary(lang="zh")
    assert "新增项目1个，删除1个" in text and "按项目代码对应" in text
    assert difference.to_frame(lang="zh").columns[0] == "变动类型"


def test_two_versions_without_codes_are_matched_by_id(sqlite_store, yuecheng, bundled_plan):
    sqlite_store.save(yuecheng, "项目表", author="王芳")
    sqlite_store.save(yuecheng, "again", author="王芳")
    same = sqlite_store.diff("项目表", "again")
    assert same.same and same.matched_by == "id"
    assert "No project, field or amount differs." in same.summary()


def test_different_kinds_compare_through_their_money_year_by_year(
    sqlite_store, yuecheng, bundled_plan
):
    actuals = capex.load_actuals("examples/made_up_actuals_2018_2025.csv")
    sqlite_store.save(bundled_plan, "年初预算", author="王芳")
    sqlite_store.save(actuals, "实际支出", author="张伟")
    difference = sqlite_store.diff("年初预算", "实际支出")
    assert difference.basis == "store_basis_money"
    assert set(difference.changes["field"]) <= {"total_minor"}
    # compared in the finer unit (元, the actuals'): the totals are the actuals' to the 元
    assert difference.money.unit == actuals.money.unit
    after = difference.annual_minor["after"]
    assert int(after.sum()) == actuals.total_minor


def test_kinds_without_projects_compare_field_by_field_or_not_at_all(sqlite_store, bundled_plan):
    later = capex.Scenario.from_file("examples/later.toml")
    cut = capex.Scenario.from_file("examples/cut.toml")
    sqlite_store.save(later, "later", author="王芳")
    sqlite_store.save(cut, "cut", author="王芳")
    sqlite_store.save(bundled_plan, "plan", author="王芳")
    fields = set(sqlite_store.diff("later", "cut").settings["field"])
    assert {"name", "shifts", "escalation"} <= fields
    with pytest.raises(StoreError, match="cannot compare a Scenario"):
        sqlite_store.diff("later", "plan")


def test_a_projects_history_follows_its_code_through_every_kind(store, coded, adjusted):
    store.save(coded, "项目表", author="王芳")
    store.save(capex.spread(coded, CEILINGS), "年初预算", parent="项目表", author="王芳")
    renumbered = adjusted.frame.rename(index={19: 1019})  # a new table, a new row number
    store.save(adjusted.replace(frame=renumbered), "调整预算", author="王芳")
    history = store.history("2021-330602-019")
    assert history.rows["version"].tolist() == ["项目表", "年初预算", "调整预算"]
    assert history.rows["id"].tolist() == [19, 19, 1019]
    assert history.rows["total_minor"].tolist() == [35_000, 35_000, 36_050]
    assert history.annual_minor.sum(axis=1).tolist() == [35_000, 35_000, 36_050]
    assert "项目2021-330602-019的历史：3个版本" in history.summary(lang="zh")
    assert len(store.history("no such code")) == 0


def test_without_codes_history_falls_back_to_the_id(sqlite_store, yuecheng, bundled_plan):
    sqlite_store.save(yuecheng, "项目表", author="王芳")
    sqlite_store.save(bundled_plan, "年初预算", author="王芳")
    history = sqlite_store.history("019")
    assert history.rows["id"].tolist() == [19, 19]
    frame = history.to_frame("万元")
    assert np.array_equal(frame["total"].to_numpy(), [35_000, 35_000])


def test_variance_compares_actuals_with_any_stored_version(sqlite_store, bundled_plan, yuecheng):
    sqlite_store.save(bundled_plan, "2027年初预算", author="王芳")
    actuals = capex.load_actuals("examples/made_up_actuals_2018_2025.csv")
    stored = capex.variance(sqlite_store.load("2027年初预算"), actuals, as_of=2023)
    direct = capex.variance(bundled_plan, actuals, as_of=2023)
    assert stored.by_year().equals(direct.by_year())
