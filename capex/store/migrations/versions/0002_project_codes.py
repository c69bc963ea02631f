"""Project codes and measured fields beside a version's content, and indexes for lookups.

A result (a spread, a deferral, a re-forecast) does not carry its projects' stable codes
(项目代码); revision 2 keeps them beside it, as content of their own named by
``capex_versions.codes_sha256``, so that a project's history follows its code through every
kind of version. It also keeps, beside the content, the fields that measure how an object was
made (a solve's run time, the moment of a provenance record), named by
``capex_versions.measured_sha256``, so that a content hash does not depend on the clock. A
version saved before has neither: its hash is made as it was (a version hash names them only
where there are some), so the upgrade changes no hash. Indexes on
the columns a status, a lineage and a chain entry are found by keep those lookups fast as a
store grows.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for column in ("codes_sha256", "measured_sha256"):
        if op.get_bind().dialect.name == "sqlite":
            # SQLite adds a column with its reference in place (Alembic would copy the table)
            op.execute(
                f"ALTER TABLE capex_versions ADD COLUMN {column} VARCHAR(64) "
                "REFERENCES capex_contents (sha256)"
            )
        else:
            op.add_column(
                "capex_versions",
                sa.Column(
                    column,
                    sa.String(64),
                    sa.ForeignKey("capex_contents.sha256", name=f"fk_capex_versions_{column}"),
                    nullable=True,
                ),
            )
    op.create_index("ix_capex_versions_parent_id", "capex_versions", ["parent_id"])
    op.create_index("ix_capex_events_version_id", "capex_events", ["version_id"])
    op.create_index("ix_capex_ledger_version_id", "capex_ledger", ["version_id"])


def downgrade() -> None:
    raise NotImplementedError("a store is never downgraded: its records are kept as saved")
