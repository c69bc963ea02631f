"""``capex risk``: Monte Carlo cost and schedule risk of the plan, on any executor."""

from __future__ import annotations

import argparse
import re
from typing import Any

import capex
from capex.cli._base import EXIT_NO, EXIT_OK, UsageError
from capex.cli.options import (
    add_ceilings,
    add_data,
    add_executor,
    add_outputs,
    ceilings_of,
    executor_of,
    finish,
    load,
    unit_of,
)
from capex.cli.shift import add_shift_options
from capex.model import limits
from capex.model.limits import LimitError, check_draws, check_seed
from capex.terms import phrase

SHIFT_OPTIONS = ("time_limit", "max_delay", "objective")
"""The options only ``--method shift`` takes."""

_RULED = re.compile(r"^\s*(?:(?P<rule>[^()]+?)\s*:\s*)?(?P<distribution>[A-Za-z]+\s*\(.*\))\s*$")


def bounded_arg(check: Any, what: str) -> Any:
    """An argument type: a whole number checked by ``check`` of :mod:`capex.model.limits`."""

    def parse(text: str) -> int:
        try:
            number = int(text.replace(",", "").replace("_", ""))
        except ValueError:
            raise argparse.ArgumentTypeError(
                phrase("err_cli_expected_whole", text=repr(text))
            ) from None
        try:
            return int(check(number))
        except LimitError as error:
            raise argparse.ArgumentTypeError(str(error).replace(f"{what} must", "must")) from None

    parse.__name__ = what
    return parse


def ruled_arg(text: str) -> tuple[str | None, Any]:
    """``[RULE:]DISTRIBUTION`` -> ``(rule or None, distribution)``."""
    match = _RULED.match(text)
    if match is None:
        raise argparse.ArgumentTypeError(phrase("err_cli_expected_distribution", text=repr(text)))
    return match.group("rule"), distribution_arg(match.group("distribution"))


def distribution_arg(text: str) -> Any:
    try:
        return capex.risk.parse_distribution(text)
    except capex.risk.DistributionError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_risk(commands: Any) -> None:
    parser = commands.add_parser(
        "risk",
        help=phrase("help_cmd_risk"),
        description=phrase("help_cmd_risk_about"),
    )
    add_data(parser)
    add_ceilings(parser)
    parser.add_argument(
        "--draws",
        type=bounded_arg(check_draws, "draws"),
        default=10_000,
        metavar="N",
        help=phrase("help_risk_draws", most=f"{limits.MAX_DRAWS:,}"),
    )
    parser.add_argument(
        "--cost",
        type=ruled_arg,
        action="append",
        metavar="[RULE:]DIST",
        help=phrase("help_risk_cost"),
    )
    parser.add_argument(
        "--delay",
        type=ruled_arg,
        action="append",
        metavar="[RULE:]DIST",
        help=phrase("help_risk_delay"),
    )
    parser.add_argument(
        "--price-index",
        type=distribution_arg,
        metavar="DIST",
        help=phrase("help_risk_price_index"),
    )
    parser.add_argument(
        "--method",
        choices=("cashflow", "spread", "shift"),
        default="cashflow",
        help=phrase("help_risk_method"),
    )
    parser.add_argument(
        "--seed",
        type=bounded_arg(check_seed, "seed"),
        default=0,
        help=phrase("help_risk_seed", most=limits.MAX_SEED),
    )
    add_shift_options(parser.add_argument_group(phrase("help_group_risk")), defaults=False)
    add_executor(parser, what="draws")
    add_outputs(parser)
    parser.set_defaults(run=_run_risk)


def uncertainty_of(entries: list[tuple[str | None, Any]] | None, what: str) -> Any:
    """A --cost or --delay list as :func:`capex.simulate` takes it: one distribution, or the
    ruled ones first and the bare one for the other projects."""
    if not entries:
        return None
    bare = [distribution for rule, distribution in entries if rule is None]
    if len(bare) > 1:
        raise UsageError(phrase("err_cli_one_bare", what=what))
    if len(entries) == 1 and bare:
        return bare[0]
    ruled = [(rule, distribution) for rule, distribution in entries if rule is not None]
    return ruled + [("all", distribution) for distribution in bare]


def _run_risk(args: argparse.Namespace) -> int:
    portfolio = load(args)
    cost = uncertainty_of(args.cost, "cost")
    delay = uncertainty_of(args.delay, "delay")
    if cost is None and delay is None and args.price_index is None:
        raise UsageError(phrase("err_cli_state_uncertain"))
    given = {key: getattr(args, key) for key in SHIFT_OPTIONS if getattr(args, key) is not None}
    if given and args.method != "shift":
        raise UsageError(phrase("err_cli_shift_options"))
    risk = capex.simulate(
        portfolio,
        ceilings_of(args, portfolio),
        args.draws,
        cost=cost,
        delay=delay,
        seed=args.seed,
        method=args.method,
        price_index=args.price_index,
        profile=args.profile,
        lang=args.lang,
        **executor_of(args),
        **given,
    )
    safe = not len(risk.ceilings_minor) or bool((risk.reserve.fillna(0) <= 0).all())
    unit = unit_of(args, portfolio.money)
    text = risk.summary(unit, lang=args.lang)

    def draw(result: Any) -> Any:
        return capex.plotting.plot_risk(result, unit=unit, lang=args.lang)

    return finish(args, text, risk, draw, EXIT_OK if safe else EXIT_NO)
