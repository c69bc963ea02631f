"""The store's tables, as the newest schema revision leaves them (see ``migrations/``).

Five tables, every one append-only: the database refuses an UPDATE or a DELETE of any of
their rows (triggers made by the first migration), so a record once saved is changed by no
one, capex included; a change is a new row.

``capex_store``
    Facts about the store: the canonical form it writes (``format``).
``capex_contents``
    Content by its SHA-256: an object in the canonical form of :mod:`capex.store.canonical`,
    compressed (zlib). The same content saved twice is kept once.
``capex_versions``
    One row per saved version: its unique name and id, kind, budget stage, parent (the
    version it revises), author, note, time, content hash, and its version hash (over its
    content, its record and its parent's hash, :mod:`capex.store.chain`); since revision 2,
    the hash of the project codes of a result that does not carry them itself, and of the
    fields that measure how the object was made (a run time), kept beside its content.
``capex_events``
    Workflow events appended to a version: submitted, approved (who, when, why), with the
    approval's signature when the store was opened with a key.
``capex_ledger``
    The chain: every save and every event, in the order they were written, each entry's
    hash over the entry and the one before it. An approval's entry hash is the fingerprint
    (版本指纹) printed on the approved document.

Money is never a column here: it lives inside the content, as integers of its minor unit
with the unit named beside them.
"""

from __future__ import annotations

import sqlalchemy as sa

__all__ = [
    "ALEMBIC_TABLE",
    "TABLES",
    "contents",
    "events",
    "ledger",
    "metadata",
    "store_info",
    "versions",
]

ALEMBIC_TABLE = "capex_alembic_version"
"""Where Alembic records the store's schema revision (named so that a store can share a
PostgreSQL database with other applications)."""

HASH = sa.String(64)
NAME = sa.String(200)
TIME = sa.String(32)

metadata = sa.MetaData()

store_info = sa.Table(
    "capex_store",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

contents = sa.Table(
    "capex_contents",
    metadata,
    sa.Column("sha256", HASH, primary_key=True),
    sa.Column("encoding", sa.String(16), nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
)

versions = sa.Table(
    "capex_versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", NAME, nullable=False, unique=True),
    sa.Column("kind", sa.String(64), nullable=False),
    sa.Column("codec", sa.Integer, nullable=False),
    sa.Column("stage", NAME, nullable=False),
    sa.Column("parent_id", sa.Integer, sa.ForeignKey("capex_versions.id"), nullable=True),
    sa.Column("author", NAME, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("saved_at", TIME, nullable=False),
    sa.Column("content_sha256", HASH, sa.ForeignKey("capex_contents.sha256"), nullable=False),
    sa.Column("hash", HASH, nullable=False, unique=True),
    sa.Column("codes_sha256", HASH, sa.ForeignKey("capex_contents.sha256"), nullable=True),
    sa.Column("measured_sha256", HASH, sa.ForeignKey("capex_contents.sha256"), nullable=True),
    sa.Index("ix_capex_versions_parent_id", "parent_id"),
)

events = sa.Table(
    "capex_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("version_id", sa.Integer, sa.ForeignKey("capex_versions.id"), nullable=False),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("actor", NAME, nullable=False),
    sa.Column("at", TIME, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("scheme", sa.String(16), nullable=True),
    sa.Column("key_id", sa.String(64), nullable=True),
    sa.Column("signature", sa.Text, nullable=True),
    sa.Index("ix_capex_events_version_id", "version_id"),
)

ledger = sa.Table(
    "capex_ledger",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("version_id", sa.Integer, sa.ForeignKey("capex_versions.id"), nullable=False),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("capex_events.id"), nullable=True),
    sa.Column("hash", HASH, nullable=False, unique=True),
    sa.Index("ix_capex_ledger_version_id", "version_id"),
)

TABLES = (store_info, contents, versions, events, ledger)
"""Every table of the store, each append-only."""
