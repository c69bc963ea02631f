"""Saving, loading and listing versions, on SQLite and on PostgreSQL."""

from __future__ import annotations

import dataclasses

import pytest

import capex
from capex.store import StoreError, open_store
from store.same_objects import assert_same


def test_a_saved_plan_loads_equal_by_name_and_by_id(store, bundled_plan):
    version = store.save(bundled_plan, "2027年初预算", stage="年初预算", author="王芳", note="初稿")
    assert (version.name, version.kind, version.stage, version.status, version.note) == (
        "2027年初预算",
        "SpreadResult",
        "年初预算",
        "draft",
        "初稿",
    )
    assert_same(store.load("2027年初预算"), bundled_plan)
    assert_same(store.load(version.id), bundled_plan)
    assert_same(store.load(str(version.id)), bundled_plan)


def test_versions_is_a_table_of_every_version_in_the_order_saved(store, bundled_plan, yuecheng):
    first = store.save(yuecheng, "项目表", author="王芳")
    store.save(bundled_plan, "2027年初预算", stage="年初预算", parent="项目表", author="王芳")
    table = store.versions()
    assert list(table.columns) == [
        "id",
        "name",
        "kind",
        "stage",
        "status",
        "author",
        "time",
        "parent",
        "content_sha256",
        "approved_by",
        "fingerprint",
    ]
    assert table["name"].tolist() == ["项目表", "2027年初预算"]
    assert table["parent"].fillna("").tolist() == ["", "项目表"]
    assert table["status"].tolist() == ["draft", "draft"]
    assert table["content_sha256"].iloc[0] == first.content_sha256
    chinese = store.versions(lang="zh")
    assert list(chinese.columns[:5]) == ["版本号", "版本名称", "类型", "预算阶段", "状态"]
    assert chinese.iloc[1, 2:5].tolist() == ["分年计划", "年初预算", "草稿"]


def test_names_are_unique(store, bundled_plan):
    store.save(bundled_plan, "2027年初预算", author="王芳")
    with pytest.raises(StoreError, match="already has a version named '2027年初预算'"):
        store.save(bundled_plan, " 2027年初预算 ", author="李强")
    assert len(store.records()) == 1


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "cannot be empty"),
        ("12", "cannot be a whole number"),
        ("a\nb", "control character"),
        ("x" * 201, "at most 200"),
        (12, "must be text"),
    ],
    ids=["empty", "digits", "line break", "too long", "not text"],
)
def test_a_bad_name_is_refused(sqlite_store, bundled_plan, name, problem):
    with pytest.raises(StoreError, match=problem):
        sqlite_store.save(bundled_plan, name, author="王芳")


def test_an_unknown_version_or_parent_is_named(store, bundled_plan):
    with pytest.raises(StoreError, match="has no version 'nope'"):
        store.load("nope")
    with pytest.raises(StoreError, match="has no version 7"):
        store.save(bundled_plan, "x", parent=7, author="王芳")
    assert store.records() == []


def test_an_object_the_store_does_not_know_is_refused(sqlite_store):
    with pytest.raises(StoreError, match="cannot save a dict: the store saves Actuals"):
        sqlite_store.save({"a": 1}, "x", author="王芳")


def test_the_same_content_saved_twice_is_kept_once(store, bundled_plan):
    a = store.save(bundled_plan, "a", author="王芳")
    b = store.save(bundled_plan, "b", author="王芳")
    assert a.content_sha256 == b.content_sha256 and a.hash != b.hash
    assert a.measured_sha256 == b.measured_sha256
    assert store.verify().contents == 2  # the plan and its run time, each kept once


def test_the_content_hash_depends_on_the_content_only(tmp_path, yuecheng, monkeypatch):
    ceilings = {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    first = capex.spread(yuecheng, ceilings)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900000000")
    again = capex.spread(yuecheng, ceilings)  # solved later, in another time
    assert first.provenance.created != again.provenance.created
    with open_store(tmp_path / "one.db") as one, open_store(tmp_path / "two.db") as two:
        a = one.save(first, "a", author="王芳")
        b = two.save(dataclasses.replace(again, runtime=first.runtime + 1), "b", author="李强")
        assert a.content_sha256 == b.content_sha256  # one plan, one content hash
        assert a.measured_sha256 != b.measured_sha256  # its run time kept beside it
        assert two.load("b").runtime == first.runtime + 1
        assert two.load("b").provenance.created == again.provenance.created


def test_a_portfolio_carries_its_codes_and_a_result_takes_its_parents(
    store, yuecheng, bundled_plan
):
    coded = yuecheng.replace(frame=yuecheng.frame.assign(code=[f"P{i:03d}" for i in yuecheng.ids]))
    store.save(coded, "项目表", author="王芳")
    plan = store.save(bundled_plan, "年初预算", parent="项目表", author="王芳")
    assert store.codes("项目表").loc[19] == "P019"
    assert plan.codes_sha256 is not None and store.codes(plan).loc[19] == "P019"
    adjusted = store.save(bundled_plan, "调整预算", parent="年初预算", author="王芳")
    assert store.codes(adjusted).to_dict() == store.codes(plan).to_dict()
    uncoded = store.save(bundled_plan, "无代码", author="王芳")
    assert uncoded.codes_sha256 is None and store.codes(uncoded) is None
