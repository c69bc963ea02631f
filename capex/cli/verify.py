"""``capex verify``: recompute every hash of the plan store, and check a filed fingerprint."""

from __future__ import annotations

import argparse
from typing import Any

from capex.cli._base import EXIT_NO, EXIT_OK, say
from capex.cli.guard import INPUT_FILE
from capex.cli.saving import add_db, add_lang, open_from


def add_verify(commands: Any) -> None:
    parser = commands.add_parser(
        "verify",
        help="check that the plan store is as it was saved",
        description=(
            "Recompute the hash of every version's content and record and of every entry of the "
            "chain, and name the first version that no longer matches. With --anchor, the "
            "fingerprint (版本指纹) printed on an approved document, prove that the record behind "
            "it is unchanged, even against someone who rewrote the rows and their hashes. With "
            "--key, check the approvals' signatures. Exit code 0 when everything holds, 1 when "
            "something does not, 2 for bad arguments."
        ),
    )
    parser.add_argument(
        "--anchor", metavar="FINGERPRINT", help="a fingerprint printed at an approval"
    )
    parser.add_argument(
        "--key",
        type=INPUT_FILE,
        metavar="FILE",
        help="the key the approvals were signed with (an Ed25519 public key is enough)",
    )
    add_db(parser)
    add_lang(parser)
    parser.set_defaults(run=_run_verify)


def _run_verify(args: argparse.Namespace) -> int:
    with open_from(args, create=False) as store:
        report = store.verify(args.anchor, key=args.key)
    say(report.summary(lang=args.lang))
    return EXIT_OK if report.ok else EXIT_NO
