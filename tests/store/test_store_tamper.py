"""Tampering: the database refuses a change of saved content; a change made after dropping
its triggers is found by verify, naming the version; one that also rewrites every hash is
found by verify with the fingerprint printed at the approval."""

from __future__ import annotations

import dataclasses
import zlib

import pytest
import sqlalchemy as sa

from capex.store import StoreError, open_store
from capex.store import schema as t
from capex.store.canonical import sha256_hex
from capex.store.chain import GENESIS, entry_hash, version_hash
from capex.store.codecs import content_bytes
from capex.store.engine import open_database

TABLES = ("capex_store", "capex_contents", "capex_versions", "capex_events", "capex_ledger")
CHANGES = {
    "capex_store": "UPDATE capex_store SET value = 'x'",
    "capex_contents": "UPDATE capex_contents SET size = size + 1",
    "capex_versions": "UPDATE capex_versions SET author = '张三'",
    "capex_events": "UPDATE capex_events SET actor = '张三'",
    "capex_ledger": "UPDATE capex_ledger SET hash = hash",
}


@pytest.fixture
def filed(store, bundled_plan):
    """A store with an approved 年初预算 and a draft 调整预算 after it; and the fingerprint."""
    store.save(bundled_plan, "2027年初预算", stage="年初预算", author="王芳")
    store.submit("2027年初预算", by="王芳")
    fingerprint = store.approve("2027年初预算", by="李强").fingerprint
    store.save(bundled_plan, "2027调整预算", stage="调整预算", parent="2027年初预算", author="王芳")
    return store, fingerprint


def _raw(store_url):
    return open_database(store_url, create=False)


def _drop_triggers(connection, dialect):
    for table in TABLES:
        if dialect == "sqlite":
            for action in ("update", "delete"):
                connection.execute(sa.text(f"DROP TRIGGER {table}_no_{action}"))
        else:
            for name in ("no_change", "no_truncate"):
                connection.execute(sa.text(f"DROP TRIGGER {table}_{name} ON {table}"))


@pytest.mark.parametrize("table", TABLES)
def test_the_database_refuses_an_update_or_delete_of_saved_rows(filed, store_url, table):
    database = _raw(store_url)
    try:
        for sql in (CHANGES[table], f"DELETE FROM {table}"):
            with (
                pytest.raises(StoreError, match="saved records are never changed or deleted"),
                database.writing() as connection,
            ):
                connection.execute(sa.text(sql))
    finally:
        database.dispose()
    assert filed[0].verify(anchor=filed[1]).ok


def test_truncate_is_refused_on_postgresql(postgres_url, bundled_plan):
    open_store(postgres_url).save(bundled_plan, "v", author="王芳")
    database = _raw(postgres_url)
    try:
        with pytest.raises(StoreError, match="never changed"), database.writing() as connection:
            connection.execute(sa.text("TRUNCATE capex_ledger CASCADE"))
    finally:
        database.dispose()


def _altered(plan):
    schedule = plan.schedule_minor
    schedule.iloc[0, 0] += 100  # 100 万元 more for the first project's first year
    return dataclasses.replace(plan, schedule_minor=schedule)


def test_a_change_behind_the_triggers_back_is_found_and_named(filed, store_url, bundled_plan):
    store, _ = filed
    data = content_bytes(_altered(bundled_plan))
    database = _raw(store_url)
    with database.writing() as connection:
        _drop_triggers(connection, database.dialect)
        sha = connection.execute(
            sa.select(t.versions.c.content_sha256).where(t.versions.c.name == "2027年初预算")
        ).scalar_one()
        connection.execute(
            t.contents.update().where(t.contents.c.sha256 == sha).values(data=zlib.compress(data))
        )
    database.dispose()
    report = store.verify()
    assert not report.ok
    assert report.first == "2027年初预算"
    assert set(report.problems["check"]) == {"content"}
    with pytest.raises(StoreError, match="no longer matches its hash"):
        store.load("2027年初预算")
    assert "2027年初预算：内容与其哈希不符" in report.summary(lang="zh")


def test_a_changed_record_is_named_too(filed, store_url):
    store, _ = filed
    database = _raw(store_url)
    with database.writing() as connection:
        _drop_triggers(connection, database.dialect)
        connection.execute(
            t.versions.update().where(t.versions.c.name == "2027调整预算").values(stage="年初预算")
        )
    database.dispose()
    report = store.verify()
    assert report.first == "2027调整预算"
    assert report.problems["check"].tolist() == ["version", "chain"]  # its hash, its entry
    assert set(report.problems["name"]) == {"2027调整预算"}


def _rewrite_everything(store_url, name, new_content):
    """What someone who knows the formats does: change a version's content, then remake
    every hash after it (versions, and the whole chain) so that each checks out."""
    database = _raw(store_url)
    with database.writing() as connection:
        _drop_triggers(connection, database.dialect)
        sha = sha256_hex(new_content)
        connection.execute(
            t.contents.insert().values(
                sha256=sha, encoding="zlib", size=len(new_content), data=zlib.compress(new_content)
            )
        )
        connection.execute(
            t.versions.update().where(t.versions.c.name == name).values(content_sha256=sha)
        )
        hashes = {}
        for row in connection.execute(sa.select(t.versions).order_by(t.versions.c.id)).all():
            hashed = version_hash(
                name=row.name,
                kind=row.kind,
                codec=row.codec,
                stage=row.stage,
                author=row.author,
                note=row.note,
                saved_at=row.saved_at,
                content=row.content_sha256,
                parent=hashes.get(row.parent_id),
                codes=row.codes_sha256,
            )
            hashes[row.id] = hashed
            connection.execute(
                t.versions.update().where(t.versions.c.id == row.id).values(hash=hashed)
            )
        events = {e.id: e for e in connection.execute(sa.select(t.events)).all()}
        previous = GENESIS
        for entry in connection.execute(sa.select(t.ledger).order_by(t.ledger.c.seq)).all():
            if entry.event_id is None:
                record = {"type": "saved", "version": hashes[entry.version_id]}
            else:
                event = events[entry.event_id]
                record = {
                    "type": event.action,
                    "version": hashes[event.version_id],
                    "actor": event.actor,
                    "at": event.at,
                    "reason": event.reason,
                    "scheme": event.scheme,
                    "key_id": event.key_id,
                }
            previous = entry_hash(entry.seq, previous, record)
            connection.execute(
                t.ledger.update().where(t.ledger.c.seq == entry.seq).values(hash=previous)
            )
    database.dispose()


def test_rewriting_every_hash_is_found_by_the_fingerprint_printed_at_approval(
    filed, store_url, bundled_plan
):
    store, fingerprint = filed
    _rewrite_everything(store_url, "2027年初预算", content_bytes(_altered(bundled_plan)))
    assert store.verify().ok  # every hash checks out against the rewritten rows ...
    report = store.verify(anchor=fingerprint)  # ... but not against the paper
    assert not report.ok
    assert report.problems["check"].tolist() == ["anchor"]
    assert "has changed since it was approved" in report.summary()


def test_a_change_after_the_approval_leaves_its_fingerprint_standing(
    filed, store_url, bundled_plan
):
    store, fingerprint = filed
    _rewrite_everything(store_url, "2027调整预算", content_bytes(_altered(bundled_plan)))
    report = store.verify(anchor=fingerprint)
    assert report.ok and report.anchored["name"] == "2027年初预算"


@pytest.mark.parametrize("anchor", ["xyz", "1234", ""])
def test_an_anchor_that_is_no_fingerprint_is_refused(filed, anchor):
    with pytest.raises(StoreError, match="is not a fingerprint"):
        filed[0].verify(anchor=anchor)
