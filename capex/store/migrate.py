"""The schema has a revision: a store made by an older capex is upgraded in place when opened.

The revisions are Alembic migrations (``capex/store/migrations/versions``), run by capex
itself in one transaction that holds the store's write lock, so two processes opening an old
store at once upgrade it once. A migration adds tables, columns or indexes; it never rewrites
a saved record, so no hash changes (a test upgrades a store of the first schema kept under
``tests/`` and checks every hash). A store whose revision is newer than this capex knows is
refused, never downgraded.
"""

from __future__ import annotations

from importlib import resources

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from capex.store.engine import Database
from capex.store.errors import StoreError
from capex.store.schema import ALEMBIC_TABLE
from capex.terms import phrase

__all__ = ["head_revision", "revision_of", "upgrade"]


def _config(connection: sa.Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("capex.store") / "migrations"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest schema revision this capex writes."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def _known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}


def revision_of(connection: sa.Connection) -> str | None:
    """The schema revision of the store on ``connection`` (``None``: no store there yet)."""
    context = MigrationContext.configure(connection, opts={"version_table": ALEMBIC_TABLE})
    return context.get_current_revision()


def upgrade(database: Database, *, target: str | None = None) -> str:
    """Bring the store to the newest revision (or ``target``), making it if the database
    holds none; returns the revision it is at.

    Raises
    ------
    StoreError
        For a database that holds other tables and no store, or a store made by a newer capex.
    """
    target = target or head_revision()
    with database.reading() as connection:  # a store of this capex is opened without a write
        if revision_of(connection) == target:
            return target
    with database.writing() as connection:
        current = revision_of(connection)
        if current is None:
            foreign = [
                name
                for name in sa.inspect(connection).get_table_names()
                if not name.startswith("capex_")
            ]
            if foreign:
                raise StoreError(
                    phrase(
                        "err_store_foreign",
                        store=database.shown,
                        tables=", ".join(sorted(foreign)[:5]),
                    )
                )
        elif current not in _known_revisions():
            raise StoreError(
                phrase("err_store_schema_newer", store=database.shown, revision=current)
            )
        if current != target:
            command.upgrade(_config(connection), target)
        return target
