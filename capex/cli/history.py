"""``capex history CODE``: one project across every version of the plan store."""

from __future__ import annotations

import argparse
from typing import Any

import capex
from capex.cli._base import EXIT_NO, EXIT_OK, say
from capex.cli.guard import EXCEL_FILE
from capex.cli.saving import add_db, add_lang, add_unit, open_from
from capex.terms import phrase, term


def add_history(commands: Any) -> None:
    parser = commands.add_parser(
        "history",
        help=phrase("help_cmd_history"),
        description=phrase("help_cmd_history_about"),
    )
    parser.add_argument("code", metavar="CODE", help=phrase("help_history_code"))
    add_db(parser)
    add_unit(parser)
    add_lang(parser)
    parser.add_argument(
        "--excel", type=EXCEL_FILE, metavar="FILE.xlsx", help=phrase("help_history_excel")
    )
    parser.set_defaults(run=_run_history)


def _run_history(args: argparse.Namespace) -> int:
    with open_from(args, create=False) as store:
        history = store.history(args.code)
    written = []
    if args.excel and len(history):
        written.append(capex.to_excel(history, args.excel, unit=args.unit, lang=args.lang))
    say(history.summary(args.unit, lang=args.lang))
    for path in written:
        say(term("wrote", args.lang, path=path))
    return EXIT_OK if len(history) else EXIT_NO
