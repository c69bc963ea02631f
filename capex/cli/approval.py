"""``capex submit`` and ``capex approve``: the workflow of a version, appended to it."""

from __future__ import annotations

import argparse
from typing import Any

from capex.cli._base import EXIT_OK, say
from capex.cli.guard import INPUT_FILE
from capex.cli.saving import add_db, add_lang, open_from
from capex.terms import phrase, term


def _add_workflow(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="VERSION", help=phrase("help_approval_name"))
    parser.add_argument("--by", required=True, metavar="WHO", help=phrase("help_approval_by"))
    parser.add_argument("--reason", default="", help=phrase("help_approval_reason"))
    add_db(parser)
    add_lang(parser)
    parser.set_defaults(writes_store=True)


def add_submit(commands: Any) -> None:
    parser = commands.add_parser(
        "submit",
        help=phrase("help_cmd_submit"),
        description=phrase("help_cmd_submit_about"),
    )
    _add_workflow(parser)
    parser.set_defaults(run=_run_submit)


def add_approve(commands: Any) -> None:
    parser = commands.add_parser(
        "approve",
        help=phrase("help_cmd_approve"),
        description=phrase("help_cmd_approve_about"),
    )
    _add_workflow(parser)
    parser.add_argument(
        "--key",
        type=INPUT_FILE,
        metavar="FILE",
        help=phrase("help_approve_key"),
    )
    parser.set_defaults(run=_run_approve)


def _run_submit(args: argparse.Namespace) -> int:
    with open_from(args, create=False) as store:
        version = store.submit(args.name, by=args.by, reason=args.reason)
    event = version.events[-1]
    say(term("store_submitted", args.lang, name=version.name, by=event.actor, at=event.at))
    return EXIT_OK


def _run_approve(args: argparse.Namespace) -> int:
    with open_from(args, create=False, key=args.key) as store:
        approval = store.approve(args.name, by=args.by, reason=args.reason)
    say(approval.summary(args.lang))
    if approval.event.key_id:
        say(
            term("store_signed", args.lang, scheme=approval.event.scheme, key=approval.event.key_id)
        )
    return EXIT_OK
