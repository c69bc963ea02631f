"""``capex versions``: the versions in the plan store."""

from __future__ import annotations

import argparse
from typing import Any

from capex.cli._base import EXIT_OK, say
from capex.cli.saving import add_db, add_lang, open_from
from capex.io.texttable import frame_text
from capex.terms import phrase, term


def add_versions(commands: Any) -> None:
    parser = commands.add_parser(
        "versions",
        help=phrase("help_cmd_versions"),
        description=phrase("help_cmd_versions_about"),
    )
    add_db(parser)
    add_lang(parser)
    parser.set_defaults(run=_run_versions)


def _run_versions(args: argparse.Namespace) -> int:
    with open_from(args, create=False) as store:
        frame = store.versions(lang=args.lang)
        location = store.location
    if frame.empty:
        say(term("store_no_versions", args.lang, location=location))
        return EXIT_OK
    hashes = frame.columns[8]
    frame[hashes] = [text[:12] for text in frame[hashes]]
    say(term("store_versions_headline", args.lang, location=location, n=len(frame)))
    say(frame_text(frame.fillna(""), index=False))
    return EXIT_OK
