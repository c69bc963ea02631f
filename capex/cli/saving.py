"""``--save NAME``: every command that makes a result can file it in the plan store.

One option set for every such command, added by :func:`capex.cli.options.add_outputs`:
``--save NAME`` with ``--stage``, ``--parent``, ``--note`` and ``--author``, in the store
named by ``--db`` (else the ``CAPEX_DB`` environment variable, else ``capex.db`` in the
working folder). The name and parent are checked before any work is done; the result is saved
once the files are written, and the command says which version it made. ``capex reconcile
--save`` files the project table it checked (its portfolio), the thing a 年初预算 starts from.

:func:`store_paths` says which files a command may write in the store: the one exemption of a
guard that keeps outputs away from inputs.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from capex.cli._base import UsageError, lang_default
from capex.cli.guard import DATABASE_FILE
from capex.terms import LANGS, phrase, term

__all__ = [
    "DEFAULT_DB",
    "add_db",
    "add_lang",
    "add_save",
    "add_unit",
    "check_save",
    "open_from",
    "save_result",
    "store_location",
    "store_paths",
]

DEFAULT_DB = "capex.db"
"""The store a command uses when neither ``--db`` nor ``CAPEX_DB`` names one."""

ENVIRONMENT = "CAPEX_DB"


def add_db(parser: argparse.ArgumentParser) -> None:
    """``--db``: the store (an SQLite file or a postgresql:// URL)."""
    parser.add_argument(
        "--db",
        type=DATABASE_FILE,
        metavar="PATH|URL",
        help=phrase("help_db", variable=ENVIRONMENT, file=DEFAULT_DB),
    )


def add_lang(parser: argparse.ArgumentParser) -> None:
    """``--lang``, for the store's own commands."""
    parser.add_argument(
        "--lang", choices=LANGS, default=lang_default(parser), help=phrase("help_lang")
    )


def add_unit(parser: argparse.ArgumentParser) -> None:
    """``--unit``, for the store's own commands."""
    parser.add_argument("--unit", default=None, help=phrase("help_store_unit"))


def add_save(parser: argparse.ArgumentParser) -> None:
    """``--save NAME`` and how the version is filed."""
    group = parser.add_argument_group(phrase("help_group_save"))
    group.add_argument(
        "--save",
        metavar="NAME",
        help=phrase("help_save_save"),
    )
    group.add_argument("--stage", default="", help=phrase("help_save_stage"))
    group.add_argument("--parent", metavar="VERSION", help=phrase("help_save_parent"))
    group.add_argument("--note", default="", help=phrase("help_save_note"))
    group.add_argument("--author", help=phrase("help_save_author"))
    add_db(group)  # type: ignore[arg-type]


def store_location(args: argparse.Namespace) -> str:
    """The store the command uses: ``--db``, else ``$CAPEX_DB``, else ``capex.db``."""
    given = getattr(args, "db", None) or os.environ.get(ENVIRONMENT, "").strip()
    return given or DEFAULT_DB


def store_paths(args: argparse.Namespace) -> list[Path]:
    """The files the command may write in the plan store: the SQLite file with the files
    SQLite keeps beside it (``-wal``, ``-shm``, ``-journal``), when the command saves
    (``--save``) or is one of the store's own; none for a PostgreSQL store, or for a command
    that does not write one.

    A guard that refuses to write an output over an input exempts exactly these: the store
    is a database the command is meant to update.
    """
    if not (getattr(args, "save", None) or getattr(args, "writes_store", False)):
        return []
    from capex.store.engine import sqlite_files, sqlite_path

    path = sqlite_path(store_location(args))
    return [] if path is None else sqlite_files(path)


def open_from(args: argparse.Namespace, *, create: bool, key: Any = None) -> Any:
    """The store of ``args`` (``create=False`` for a command that only reads one)."""
    from capex.store import open_store

    return open_store(store_location(args), create=create, key=key)


def check_save(args: argparse.Namespace) -> None:
    """Before any work: the store opens, the name is free, the parent exists."""
    name = getattr(args, "save", None)
    if not name:
        for flag in ("parent", "author"):
            if getattr(args, flag, None):
                raise UsageError(phrase("err_cli_goes_with_save", flag=flag))
        return
    with open_from(args, create=True) as store:
        names = {v.name for v in store.records()}
        if name.strip() in names:
            raise UsageError(phrase("err_cli_save_exists", name=name, location=store.location))
        if args.parent is not None:
            store.version(args.parent)  # an unknown parent: the store's error, named


def save_result(args: argparse.Namespace, obj: Any, portfolio: Any = None) -> list[str]:
    """Save ``obj`` as ``--save NAME`` when asked; the lines that say what was saved."""
    name = getattr(args, "save", None)
    if not name:
        return []
    from capex.store.codecs import codec_for

    loaded = portfolio if portfolio is not None else getattr(args, "loaded_portfolio", None)
    from capex.afterlife.rollforward import HandOver
    from capex.model.baseline import Baseline
    from capex.model.portfolio import Portfolio
    from capex.reports.reconcile import ReconciliationReport

    if isinstance(obj, ReconciliationReport) and loaded is not None:
        obj = loaded  # a reconciliation files the project table it checked
    if codec_for(obj) is None:
        raise UsageError(phrase("err_cli_cannot_save", kind=type(obj).__name__))
    lang = getattr(args, "lang", "en")
    carries = isinstance(obj, Portfolio | HandOver | Baseline)
    codes = loaded if loaded is not None and not carries and _has_codes(loaded) else None
    with open_from(args, create=True) as store:
        version = store.save(
            obj,
            name,
            stage=args.stage,
            parent=args.parent,
            note=args.note,
            author=args.author,
            codes=codes,
        )
        location = store.location
    return [
        term(
            "store_saved",
            lang,
            name=version.name,
            id=version.id,
            kind=version.kind,
            location=location,
            sha=version.content_sha256[:12],
        )
    ]


def _has_codes(portfolio: Any) -> bool:
    frame = getattr(portfolio, "frame", None)
    return frame is not None and "code" in frame.columns and bool((frame["code"] != "").any())
