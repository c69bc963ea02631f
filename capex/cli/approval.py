"""``capex submit`` and ``capex approve``: the workflow of a version, appended to it."""

from __future__ import annotations

import argparse
from typing import Any

from capex.cli._base import EXIT_OK, say
from capex.cli.guard import INPUT_FILE
from capex.cli.saving import add_db, add_lang, open_from
from capex.terms import term


def _add_workflow(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="VERSION", help="the version's name or id")
    parser.add_argument("--by", required=True, metavar="WHO", help="who does it")
    parser.add_argument("--reason", default="", help="why (kept with the event)")
    add_db(parser)
    add_lang(parser)
    parser.set_defaults(writes_store=True)


def add_submit(commands: Any) -> None:
    parser = commands.add_parser(
        "submit",
        help="submit a draft version for approval",
        description=(
            "Submit a draft version for approval: an event appended to it (who, when, why), "
            "never a change of it. Exit code 0, or 2 when it is not a draft."
        ),
    )
    _add_workflow(parser)
    parser.set_defaults(run=_run_submit)


def add_approve(commands: Any) -> None:
    parser = commands.add_parser(
        "approve",
        help="approve a submitted version and print its fingerprint (版本指纹)",
        description=(
            "Approve a submitted version: an event appended to it, signed with --key when one "
            "is given. Prints the fingerprint (版本指纹) to put on the approved document; "
            "'capex verify --anchor FINGERPRINT' later proves the record behind it unchanged. "
            "The approver must not be the author; a version a newer one revises cannot be "
            "approved. Exit code 0, or 2 when the approval is refused."
        ),
    )
    _add_workflow(parser)
    parser.add_argument(
        "--key",
        type=INPUT_FILE,
        metavar="FILE",
        help="sign the approval with this key, kept outside the store: an HMAC secret or an "
        "Ed25519 private key (PEM)",
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
