"""``capex diff A B``: what changed from one version to another."""

from __future__ import annotations

import argparse
from typing import Any

import capex
from capex.cli._base import EXIT_NO, EXIT_OK, say
from capex.cli.guard import EXCEL_FILE
from capex.cli.saving import add_db, add_lang, add_unit, open_from
from capex.terms import phrase, term


def add_diff(commands: Any) -> None:
    parser = commands.add_parser(
        "diff",
        help=phrase("help_cmd_diff"),
        description=phrase("help_cmd_diff_about"),
    )
    parser.add_argument("before", metavar="A", help=phrase("help_diff_before"))
    parser.add_argument("after", metavar="B", help=phrase("help_diff_after"))
    add_db(parser)
    add_unit(parser)
    add_lang(parser)
    parser.add_argument(
        "--excel", type=EXCEL_FILE, metavar="FILE.xlsx", help=phrase("help_diff_excel")
    )
    parser.set_defaults(run=_run_diff)


def _run_diff(args: argparse.Namespace) -> int:
    with open_from(args, create=False) as store:
        difference = store.diff(args.before, args.after)
    written = []
    if args.excel:
        written.append(capex.to_excel(difference, args.excel, unit=args.unit, lang=args.lang))
    say(difference.summary(args.unit, lang=args.lang))
    for path in written:
        say(term("wrote", args.lang, path=path))
    return EXIT_OK if difference.same else EXIT_NO
