"""Opening a store: SQLite by path, PostgreSQL by URL, and a clear error for anything else,
never a traceback of the driver."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from chinese_errors import check_error

import capex
from capex.store import StoreError, open_store
from capex.store.engine import sqlite_files, sqlite_path


@pytest.mark.parametrize(
    ("where", "problem"),
    [
        ("missing/capex.db", "the folder .* does not exist"),
        (".", "is a folder"),
        ("mysql://u@h/db", "an SQLite file or a PostgreSQL server, not 'mysql'"),
        ("sqlite://", "a store needs a file"),
        ("postgresql://nobody@127.0.0.1:1/none", "cannot read the store postgresql"),
    ],
    ids=["no folder", "a folder", "another database", "in memory", "no server"],
)
def test_a_store_that_cannot_be_opened_is_a_clear_error(tmp_path, monkeypatch, where, problem):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreError, match=problem):
        open_store(where)


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path):
    table = tmp_path / "projects.csv"
    table.write_text("id,name\n1,学校\n", encoding="utf-8")
    with pytest.raises(StoreError, match="file is not a database"):
        open_store(table)
    assert table.read_text(encoding="utf-8") == "id,name\n1,学校\n"


def test_a_database_of_something_else_is_refused(tmp_path):
    import sqlite3

    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE ledger (id INTEGER)")
    with pytest.raises(StoreError, match="a database of something else"):
        open_store(path)


def test_reading_a_store_that_is_not_there_makes_none(tmp_path):
    with pytest.raises(StoreError, match="there is no store at"):
        open_store(tmp_path / "capex.db", create=False)
    assert list(tmp_path.iterdir()) == []


def test_the_files_a_store_may_write(tmp_path):
    path = tmp_path / "capex.db"
    assert [p.name for p in sqlite_files(path)] == [
        "capex.db",
        "capex.db-wal",
        "capex.db-shm",
        "capex.db-journal",
    ]
    assert sqlite_path(f"sqlite:///{path}") == path
    assert sqlite_path("postgresql://u@h/db") is None


def _saved(folder: Path) -> Any:
    store = open_store(folder / "计划.db")
    store.save(capex.load_projects(), "年初预算", author="王芳")
    return store


@pytest.mark.parametrize(
    ("make", "english"),
    [
        (lambda folder: open_store(folder), "is a folder; give a file such as"),
        (lambda folder: open_store(folder / "无此文件夹" / "计划.db"), "does not exist"),
        (
            lambda folder: _saved(folder).save(capex.load_projects(), "年初预算", author="王芳"),
            "the store already has a version named '年初预算'",
        ),
        (
            lambda folder: _saved(folder).save(capex.load_projects(), "2027", author="王芳"),
            "a version's name cannot be a whole number ('2027' reads as an id)",
        ),
        (
            lambda folder: _saved(folder).approve("年初预算", by="李强"),
            "年初预算 is a draft: submit it before it is approved",
        ),
        (lambda folder: _saved(folder).version("调整预算"), "has no version '调整预算'"),
    ],
    ids=["a folder", "no folder", "a name taken", "a number for a name", "a draft", "no version"],
)
def test_a_store_error_reads_in_chinese(make, english, tmp_path):
    """Under capex.options.lang = "zh" the store's errors hold no English word (but its path);
    in English they read as they always did."""
    check_error(lambda: make(tmp_path), english, (tmp_path / "capex.db", tmp_path))
