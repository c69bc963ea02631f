"""The schema grows in place: a store of the first schema, kept under tests/, is upgraded
when opened, on SQLite and on PostgreSQL, and every hash stays as it was made."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

import capex
from capex.store import StoreError, open_store
from capex.store.engine import open_database
from capex.store.migrate import head_revision, upgrade
from store.same_objects import assert_same

DATA = Path(__file__).resolve().parent / "data"
FIRST = DATA / "store_schema_0001.db"
RECORD = json.loads((DATA / "store_schema_0001.json").read_text(encoding="utf-8"))
TABLES = ("capex_contents", "capex_versions", "capex_events", "capex_ledger")  # in FK order
QUERIES = {
    "versions": "SELECT id, name, content_sha256, hash FROM capex_versions ORDER BY id",
    "ledger": "SELECT seq, hash FROM capex_ledger ORDER BY seq",
    "contents": "SELECT sha256 FROM capex_contents ORDER BY sha256",
    "revision": "SELECT version_num FROM capex_alembic_version",
}


def _rows(url: str, query: str) -> list[list[object]]:
    database = open_database(url, create=False)
    try:
        with database.reading() as connection:
            return [list(row) for row in connection.execute(sa.text(query))]
    finally:
        database.dispose()


@pytest.fixture
def first_schema(store_url: str, tmp_path: Path) -> str:
    """A store of the first schema: a copy of the kept file (the kept file itself is never
    opened by capex), or on PostgreSQL the first schema with the kept file's rows."""
    if not store_url.startswith("postgresql"):
        shutil.copyfile(FIRST, store_url)
        return store_url
    database = open_database(store_url)
    try:
        upgrade(database, target="0001")
        with sqlite3.connect(FIRST) as old, database.writing() as connection:
            for table in TABLES:
                cursor = old.execute(f"SELECT * FROM {table}")
                columns = [d[0] for d in cursor.description]
                rows = [dict(zip(columns, row)) for row in cursor]
                connection.execute(sa.table(table, *map(sa.column, columns)).insert(), rows)
            for table, column in (("capex_versions", "id"), ("capex_events", "id")):
                connection.execute(
                    sa.text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                        f"(SELECT max({column}) FROM {table}))"
                    )
                )
    finally:
        database.dispose()
    return store_url


def test_the_store_is_of_the_first_schema_until_opened(first_schema):
    assert _rows(first_schema, QUERIES["revision"]) == [["0001"]]
    for table in ("versions", "ledger", "contents"):
        assert _rows(first_schema, QUERIES[table]) == RECORD[table], table


def test_opening_upgrades_it_in_place_without_changing_a_hash(first_schema):
    with open_store(first_schema) as store:
        report = store.verify(anchor=RECORD["fingerprint"])
        records = store.records()
    assert head_revision() == "0002"
    assert _rows(first_schema, QUERIES["revision"]) == [["0002"]]
    for table in ("versions", "ledger", "contents"):
        assert _rows(first_schema, QUERIES[table]) == RECORD[table], table
    assert report.ok, report.summary()
    assert report.anchored["name"] == "2021年初预算"
    assert [r.status for r in records] == ["draft", "approved", "draft", "draft"]


def test_what_the_first_schema_saved_loads_equal_to_what_capex_makes_now(first_schema, yuecheng):
    with open_store(first_schema) as store:
        portfolio = store.load("项目表")  # saved before portfolios had a code column
        actuals = store.load("实际支出2018-2025")
        plan = store.load("2021年初预算")
    assert list(portfolio.frame.columns) == list(yuecheng.frame.columns)
    assert (portfolio.frame["code"] == "").all()
    assert_same(portfolio.frame, yuecheng.frame)
    assert_same(actuals.frame, capex.load_actuals("examples/made_up_actuals_2018_2025.csv").frame)
    assert plan.schedule_minor.to_numpy().sum() == yuecheng.plan_minor


def test_the_upgraded_store_keeps_codes_beside_a_new_result(first_schema, yuecheng):
    coded = yuecheng.replace(
        frame=yuecheng.frame.assign(code=[f"2021-330602-{i:03d}" for i in yuecheng.ids])
    )
    with open_store(first_schema) as store:
        plan = store.load("2021年初预算")
        version = store.save(
            plan, "2021年初预算（代码）", parent="2021年初预算", codes=coded, author="王芳"
        )
        assert version.codes_sha256 is not None
        assert store.codes(version).loc[19] == "2021-330602-019"
        assert store.verify(anchor=RECORD["fingerprint"]).ok


def test_a_store_of_a_newer_schema_is_refused(first_schema):
    database = open_database(first_schema)
    with database.writing() as connection:
        connection.execute(sa.text("UPDATE capex_alembic_version SET version_num = '9999'"))
    database.dispose()
    with pytest.raises(StoreError, match="newer capex"):
        open_store(first_schema)


def test_opening_an_upgraded_store_again_changes_nothing(first_schema):
    open_store(first_schema).close()
    before = {table: _rows(first_schema, query) for table, query in QUERIES.items()}
    open_store(first_schema).close()
    assert {table: _rows(first_schema, query) for table, query in QUERIES.items()} == before
