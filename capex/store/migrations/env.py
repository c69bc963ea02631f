"""Alembic's entry point for the store's migrations: run on the connection capex hands over.

capex runs the migrations itself when a store is opened (:mod:`capex.store.migrate`), inside
the transaction that holds the store's write lock, so this script only configures Alembic on
that connection.
"""

from __future__ import annotations

from alembic import context

from capex.store.schema import ALEMBIC_TABLE

connection = context.config.attributes["connection"]
context.configure(connection=connection, version_table=ALEMBIC_TABLE)
with context.begin_transaction():
    context.run_migrations()
