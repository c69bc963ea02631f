"""``capex diff A B``: what changed from one version to another."""

from __future__ import annotations

import argparse
from typing import Any

import capex
from capex.cli._base import EXIT_NO, EXIT_OK, say
from capex.cli.guard import EXCEL_FILE
from capex.cli.saving import add_db, add_lang, add_unit, open_from
from capex.terms import term


def add_diff(commands: Any) -> None:
    parser = commands.add_parser(
        "diff",
        help="compare two versions of the plan store",
        description=(
            "List the projects added, removed and changed from version A to version B (field by "
            "field and year by year, money exact; matched by 项目代码 where both know every "
            "project's code, else by id) and the annual totals before and after. Versions of "
            "different kinds are compared through their money year by year. Exit code 0 when "
            "nothing differs, 1 when something does, 2 for bad arguments."
        ),
    )
    parser.add_argument("before", metavar="A", help="the earlier version (name or id)")
    parser.add_argument("after", metavar="B", help="the later version (name or id)")
    add_db(parser)
    add_unit(parser)
    add_lang(parser)
    parser.add_argument(
        "--excel", type=EXCEL_FILE, metavar="FILE.xlsx", help="also write the differences"
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
