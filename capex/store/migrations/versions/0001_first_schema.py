"""The first schema: contents, versions, events and the ledger, append-only.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

HASH = sa.String(64)
NAME = sa.String(200)
TIME = sa.String(32)

APPEND_ONLY = ("capex_store", "capex_contents", "capex_versions", "capex_events", "capex_ledger")

_REFUSAL = "capex store: saved records are never changed or deleted"


def upgrade() -> None:
    op.create_table(
        "capex_store",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "capex_contents",
        sa.Column("sha256", HASH, primary_key=True),
        sa.Column("encoding", sa.String(16), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "capex_versions",
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
    )
    op.create_table(
        "capex_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("capex_versions.id"), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("actor", NAME, nullable=False),
        sa.Column("at", TIME, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("scheme", sa.String(16), nullable=True),
        sa.Column("key_id", sa.String(64), nullable=True),
        sa.Column("signature", sa.Text, nullable=True),
    )
    op.create_table(
        "capex_ledger",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("capex_versions.id"), nullable=False),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("capex_events.id"), nullable=True),
        sa.Column("hash", HASH, nullable=False, unique=True),
    )
    op.bulk_insert(
        sa.table("capex_store", sa.column("key"), sa.column("value")),
        [{"key": "format", "value": "capex-store/1"}],
    )
    _append_only()


def _append_only() -> None:
    """Triggers that make the database refuse an UPDATE or DELETE of any saved row."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in APPEND_ONLY:
            for action in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{_REFUSAL} ({action} of {table})'); END"
                )
        return
    op.execute(
        "CREATE FUNCTION capex_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN RAISE EXCEPTION '{_REFUSAL} (% of %)', TG_OP, TG_TABLE_NAME; END $$"
    )
    for table in APPEND_ONLY:
        op.execute(
            f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION capex_refuse_change()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION capex_refuse_change()"
        )


def downgrade() -> None:
    raise NotImplementedError("a store is never downgraded: its records are kept as saved")
