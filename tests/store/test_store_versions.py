"""Saving, loading and listing versions, on SQLite and on PostgreSQL."""

from __future__ import annotations

from same_objects import assert_same


def test_a_saved_plan_loads_equal(store, bundled_plan):
    version = store.save(bundled_plan, "2027年初预算", stage="年初预算", author="王芳")
    assert (version.name, version.kind, version.stage, version.status) == (
        "2027年初预算",
        "SpreadResult",
        "年初预算",
        "draft",
    )
    assert_same(store.load("2027年初预算"), bundled_plan)
    assert_same(store.load(version.id), bundled_plan)
