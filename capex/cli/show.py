"""``capex show NAME``: a version's record and its object, and the workbook to file."""

from __future__ import annotations

import argparse
import inspect
from typing import Any

import capex
from capex.cli._base import EXIT_OK, say
from capex.cli.guard import EXCEL_FILE
from capex.cli.saving import add_db, add_lang, add_unit, open_from
from capex.io.texttable import render
from capex.terms import phrase, term


def add_show(commands: Any) -> None:
    parser = commands.add_parser(
        "show",
        help=phrase("help_cmd_show"),
        description=phrase("help_cmd_show_about"),
    )
    parser.add_argument("name", metavar="VERSION", help=phrase("help_show_name"))
    add_db(parser)
    add_unit(parser)
    add_lang(parser)
    parser.add_argument(
        "--excel", type=EXCEL_FILE, metavar="FILE.xlsx", help=phrase("help_show_excel")
    )
    parser.set_defaults(run=_run_show)


def _run_show(args: argparse.Namespace) -> int:
    from capex.store.export import record_items

    with open_from(args, create=False) as store:
        stored = store.document(args.name)
    written = []
    if args.excel:
        written.append(capex.to_excel(stored, args.excel, unit=args.unit, lang=args.lang))
    rows = [[label, str(value)] for label, value in record_items(stored.version, args.lang)]
    say(render(["", ""], rows, align="ll").split("\n", 1)[1])
    say("")
    say(object_text(stored, args.unit, args.lang))
    for path in written:
        say(term("wrote", args.lang, path=path))
    return EXIT_OK


def object_text(stored: Any, unit: str | None, lang: str) -> str:
    """What a saved object says of itself: its summary (in ``unit`` and ``lang`` where it
    takes them), its report text, or its repr."""
    obj = stored.obj
    for method in ("summary", "to_text"):
        speak = getattr(obj, method, None)
        if callable(speak):
            parameters = inspect.signature(speak).parameters
            given = {"unit": unit, "lang": lang}
            return str(speak(**{k: v for k, v in given.items() if k in parameters}))
    return repr(obj)
