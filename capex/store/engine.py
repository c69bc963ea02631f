"""The database a store lives in: SQLite (a file) or PostgreSQL (a server), through SQLAlchemy.

A path is an SQLite file, the embedded default: one file beside the workbooks, no server. A
``postgresql://user@host/db`` URL is a server an office shares (driven by psycopg 3). Both
are used the same way:

* every write (a save, a submission, an approval, a migration) runs in one transaction that
  first takes the store's write lock, so that writers line up one after another and the
  chain of hashes stays one line: ``BEGIN IMMEDIATE`` on SQLite, a transaction-level
  advisory lock on PostgreSQL. A write that fails or is killed leaves nothing behind: the
  database rolls it back;
* reads see a consistent snapshot and never wait for a writer (SQLite's write-ahead log).

SQLite keeps its write-ahead log beside the file (``capex.db-wal``, ``capex.db-shm``) and
needs the locks of a local disk: a store on a network drive (SMB, NFS) is not safe, since
those drives do not keep SQLite's locks and two offices writing at once can corrupt it. An
office that shares one store uses PostgreSQL.

Errors of the driver or of SQLAlchemy become a :class:`~capex.store.errors.StoreError` that
names the store and says what the database answered.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event, exc

from capex.store.errors import StoreError
from capex.terms import Message, phrase

__all__ = [
    "SQLITE_COMPANIONS",
    "Database",
    "open_database",
    "sqlite_files",
    "sqlite_path",
]

LOCK_KEY = 0x636170657853  # "capexS": the advisory lock every writer of a PostgreSQL store takes
BUSY_TIMEOUT_MS = 120_000
"""How long an SQLite writer waits for another to finish before giving up."""

SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")
"""The files SQLite keeps beside a database file while it is used."""


def sqlite_path(url_or_path: str | Path) -> Path | None:
    """The SQLite file a store's path or ``sqlite:///`` URL names; ``None`` for a server."""
    text = str(url_or_path)
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", text):
        return Path(text)
    try:
        url = sa.engine.make_url(text)
    except exc.ArgumentError:
        return None
    return Path(url.database) if url.drivername == "sqlite" and url.database else None


def sqlite_files(path: str | Path) -> list[Path]:
    """The store file and the files SQLite keeps beside it (``-wal``, ``-shm``,
    ``-journal``): what a command that updates the store may write."""
    path = Path(path)
    return [path, *(path.with_name(path.name + suffix) for suffix in SQLITE_COMPANIONS)]


class Database:
    """An engine, the name to show for it, and the two kinds of transaction a store uses."""

    def __init__(self, engine: sa.Engine, shown: str, path: Path | None) -> None:
        self.engine = engine
        self.shown = shown
        self.path = path

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self.engine.dialect.name

    @contextlib.contextmanager
    def writing(self) -> Iterator[sa.Connection]:
        """A connection in a transaction that holds the store's write lock; committed when
        the block ends, rolled back when it raises."""
        with self.failures(phrase("err_store_doing_write")), self.engine.connect() as connection:
            connection = connection.execution_options(capex_write=True)
            with connection.begin():
                if self.dialect == "postgresql":
                    connection.execute(
                        sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY}
                    )
                yield connection

    @contextlib.contextmanager
    def reading(self) -> Iterator[sa.Connection]:
        """A connection in a read transaction (one consistent snapshot)."""
        with (
            self.failures(phrase("err_store_doing_read")),
            self.engine.connect() as connection,
            connection.begin(),
        ):
            if self.dialect == "postgresql":
                connection.execute(
                    sa.text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                )
            yield connection

    @contextlib.contextmanager
    def failures(self, doing: Message) -> Iterator[None]:
        """Turn what the driver raises into a :class:`StoreError` naming the store."""
        try:
            yield
        except StoreError:
            raise
        except exc.SQLAlchemyError as error:
            raise StoreError(
                phrase("err_store_cannot", doing=doing, store=self.shown, reason=_answer(error))
            ) from None
        except OSError as error:
            raise StoreError(
                phrase(
                    "err_store_cannot",
                    doing=doing,
                    store=self.shown,
                    reason=error.strerror or str(error),
                )
            ) from None

    def dispose(self) -> None:
        self.engine.dispose()


def _answer(error: exc.SQLAlchemyError) -> str:
    """What the database said, in one line, without SQLAlchemy's background link."""
    original = getattr(error, "orig", None)
    text = str(original if original is not None else error)
    text = text.split("\n(Background on this error")[0]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__


_SCHEMES = {
    "postgresql": "postgresql+psycopg",
    "postgres": "postgresql+psycopg",
    "postgresql+psycopg": "postgresql+psycopg",
    "sqlite": "sqlite",
}


def open_database(url_or_path: str | Path, *, create: bool = True) -> Database:
    """The database of a store: a path (SQLite) or a ``postgresql://`` / ``sqlite:///`` URL.

    ``create=False`` refuses a path where no file exists, rather than making an empty store
    (the commands that only read a store).
    """
    text = str(url_or_path)
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", text):
        return _from_url(text, create)
    return _sqlite(Path(text), create)


def _from_url(text: str, create: bool) -> Database:
    try:
        url = sa.engine.make_url(text)
    except exc.ArgumentError as error:
        raise StoreError(
            phrase("err_store_not_address", address=repr(text), reason=str(error))
        ) from None
    driver = _SCHEMES.get(url.drivername)
    if driver is None:
        raise StoreError(phrase("err_store_scheme", scheme=repr(url.drivername)))
    if driver == "sqlite":
        if not url.database or url.database == ":memory:":
            raise StoreError(phrase("err_store_in_memory"))
        return _sqlite(Path(url.database), create)
    url = url.set(drivername=driver)
    engine = sa.create_engine(url)
    return Database(engine, url.render_as_string(hide_password=True), None)


def _sqlite(path: Path, create: bool) -> Database:
    if path.is_dir():
        raise StoreError(phrase("err_store_folder", path=str(path), file=str(path / "capex.db")))
    if not path.exists():
        if not create:
            raise StoreError(phrase("err_store_none_at", path=str(path)))
        if not path.parent.is_dir():
            raise StoreError(phrase("err_store_no_folder", path=str(path), folder=str(path.parent)))
    engine = sa.create_engine(
        sa.engine.URL.create("sqlite", database=str(path)),
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", _sqlite_connected)
    event.listen(engine, "begin", _sqlite_begin)
    return Database(engine, str(path), path)


def _sqlite_connected(connection: Any, _record: Any) -> None:
    # capex issues BEGIN itself (see _sqlite_begin), so the driver must not
    connection.isolation_level = None
    cursor = connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")  # readers never wait for the writer
        cursor.execute("PRAGMA synchronous = FULL")  # a committed save survives a power cut
    finally:
        cursor.close()


def _sqlite_begin(connection: sa.Connection) -> None:
    # a writer takes the write lock when it begins, not at its first write, so two writers
    # never both read the chain's head and then fail to upgrade their locks
    write = connection.get_execution_options().get("capex_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
