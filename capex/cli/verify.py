"""``capex verify``: recompute every hash of the plan store, and check a filed fingerprint."""

from __future__ import annotations

import argparse
from typing import Any

from capex.cli._base import EXIT_NO, EXIT_OK, say
from capex.cli.guard import INPUT_FILE
from capex.cli.saving import add_db, add_lang, open_from
from capex.terms import phrase


def add_verify(commands: Any) -> None:
    parser = commands.add_parser(
        "verify",
        help=phrase("help_cmd_verify"),
        description=phrase("help_cmd_verify_about"),
    )
    parser.add_argument("--anchor", metavar="FINGERPRINT", help=phrase("help_verify_anchor"))
    parser.add_argument(
        "--key",
        type=INPUT_FILE,
        metavar="FILE",
        help=phrase("help_verify_key"),
    )
    add_db(parser)
    add_lang(parser)
    parser.set_defaults(run=_run_verify)


def _run_verify(args: argparse.Namespace) -> int:
    with open_from(args, create=False) as store:
        report = store.verify(args.anchor, key=args.key)
    say(report.summary(lang=args.lang))
    return EXIT_OK if report.ok else EXIT_NO
