"""``capex select``: choose the next plan from a project bank, within the ceilings, by value."""

from __future__ import annotations

import argparse
from decimal import Decimal, InvalidOperation
from typing import Any

import capex
from capex.cli._base import EXIT_NO, EXIT_OK, UsageError
from capex.cli.options import (
    add_ceilings,
    add_data,
    add_outputs,
    ceiling_text,
    ceilings_of,
    finish,
    seconds_arg,
    sheet_of,
    unit_of,
    with_files,
)
from capex.cli.shift import delay_arg
from capex.io.projects import BUNDLED_CSV
from capex.model.value import NORMALISATIONS, ValueFramework
from capex.terms import phrase

FRONTIER_POINTS = 8
"""Envelopes a --plot draws when --frontier does not give them."""


def _ids(text: str) -> list[str]:
    """``3,5,7`` -> ``['3', '5', '7']`` (ids as written; the library matches them)."""
    ids = [part.strip() for part in text.split(",") if part.strip()]
    if not ids:
        raise argparse.ArgumentTypeError(phrase("err_cli_expected_ids", text=repr(text)))
    return ids


def _pair(text: str) -> tuple[str, str]:
    left, sep, right = text.partition("=")
    if not sep or not left.strip() or not right.strip():
        raise argparse.ArgumentTypeError(phrase("err_cli_expected_pair", text=repr(text)))
    return left.strip(), right.strip()


def _weight(text: str) -> tuple[str, Decimal]:
    name, value = _pair(text)
    try:
        weight = Decimal(value)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(
            phrase("err_cli_weight_not_number", text=repr(text), value=repr(value))
        ) from None
    if not weight.is_finite() or weight < 0:
        raise argparse.ArgumentTypeError(phrase("err_cli_weight_negative", text=repr(text)))
    return name, weight


def _amounts(text: str) -> list[Decimal]:
    out = []
    for part in text.split(","):
        try:
            amount = Decimal(part.strip())
        except InvalidOperation:
            raise argparse.ArgumentTypeError(
                phrase("err_cli_not_amount", text=repr(text), part=repr(part))
            ) from None
        if not amount.is_finite() or amount < 0:
            raise argparse.ArgumentTypeError(phrase("err_cli_envelope", text=repr(text)))
        out.append(amount)
    return out


def _amount(text: str) -> Decimal:
    (amount,) = _amounts(text)
    return amount


def _explain(text: str) -> bool | int:
    if text in ("all", "yes"):
        return True
    if text in ("none", "no", "0"):
        return False
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            phrase("err_cli_all_none_number", text=repr(text))
        ) from None
    if count < 0:
        raise argparse.ArgumentTypeError(phrase("err_cli_all_none_number", text=repr(text)))
    return count


def add_select(commands: Any) -> None:
    parser = commands.add_parser(
        "select",
        help=phrase("help_cmd_select"),
        description=phrase("help_cmd_select_about"),
    )
    add_data(parser)
    add_ceilings(parser)
    parser.add_argument(
        "--value",
        default="学位",
        help=phrase("help_select_value"),
    )
    parser.add_argument(
        "--weight",
        type=_weight,
        action="append",
        metavar="CRITERION=WEIGHT",
        help=phrase("help_select_weight"),
    )
    parser.add_argument(
        "--normalise",
        choices=NORMALISATIONS,
        default="min-max",
        help=phrase("help_select_normalise"),
    )
    parser.add_argument(
        "--lower-is-better",
        action="append",
        metavar="CRITERION",
        default=[],
        help=phrase("help_select_lower_is_better"),
    )
    parser.add_argument(
        "--envelope", type=_amount, metavar="亿元", help=phrase("help_select_envelope")
    )
    parser.add_argument(
        "--must",
        type=_ids,
        action="append",
        metavar="IDS",
        help=phrase("help_select_must"),
    )
    parser.add_argument(
        "--exclude", type=_ids, action="append", metavar="IDS", help=phrase("help_select_exclude")
    )
    parser.add_argument(
        "--alternatives",
        type=_ids,
        action="append",
        metavar="IDS",
        help=phrase("help_select_alternatives"),
    )
    parser.add_argument(
        "--needs",
        type=_pair,
        action="append",
        metavar="A=B",
        help=phrase("help_select_needs"),
    )
    parser.add_argument(
        "--max-delay",
        type=delay_arg,
        default=0,
        metavar="YEARS",
        help=phrase("help_select_max_delay"),
    )
    parser.add_argument(
        "--school-type",
        type=_pair,
        action="append",
        metavar="ID=TYPE",
        help=phrase("help_select_school_type"),
    )
    parser.add_argument(
        "--even-split",
        action="store_true",
        help=phrase("help_select_even_split"),
    )
    parser.add_argument(
        "--explain",
        type=_explain,
        default=True,
        metavar="all|none|N",
        help=phrase("help_select_explain"),
    )
    parser.add_argument(
        "--frontier",
        type=_amounts,
        metavar="亿元,亿元,...",
        help=phrase("help_select_frontier"),
    )
    parser.add_argument(
        "--time-limit",
        type=seconds_arg,
        default=10.0,
        metavar="SECONDS",
        help=phrase("help_select_time_limit"),
    )
    add_outputs(parser)
    parser.set_defaults(run=_run_select)


def _bank(args: argparse.Namespace) -> capex.io.bank.Bank:
    if args.path is None and getattr(args, "data_sheet", None) is not None:
        raise UsageError(phrase("err_cli_sheet_needs_workbook"))
    return capex.load_bank(
        args.path if args.path is not None else BUNDLED_CSV,
        sheet=sheet_of(args),
        encoding=args.encoding,
        plan_period=args.plan_period,
        published=args.published,
    )


def _flat(groups: list[list[str]] | None) -> list[str] | None:
    return None if groups is None else [pid for group in groups for pid in group]


def _run_select(args: argparse.Namespace) -> int:
    bank = _bank(args)
    portfolio = bank.portfolio
    ceilings = ceilings_of(args, portfolio)
    if ceilings is None and args.envelope is None and not portfolio.budget_lines:
        raise UsageError(phrase("err_cli_money_to_fit"))
    value: Any = args.value
    if args.weight:
        value = ValueFramework(
            dict(args.weight), normalise=args.normalise, lower_is_better=tuple(args.lower_is_better)
        )
    must = _flat(args.must)
    if must is not None and [m.lower() for m in must] == ["none"]:
        must = []
    result = capex.select(
        bank,
        ceilings,
        value=value,
        envelope=args.envelope,
        must=must,
        exclude=_flat(args.exclude),
        alternatives=args.alternatives,
        needs=args.needs,
        max_delay=args.max_delay,
        school_type=dict(args.school_type) if args.school_type else None,
        even_split=args.even_split,
        profile=args.profile,
        explain=args.explain,
        time_limit=args.time_limit,
    )
    result = with_files(result, [args.budget_lines])
    lang = args.lang
    unit = unit_of(args, result.money)
    text = result.summary(unit, lang=lang)
    if ceilings is not None:
        text = f"{ceiling_text(ceilings, portfolio.money, unit, lang)}\n{text}"

    def draw(chosen: Any) -> Any:
        envelopes = args.frontier or _default_envelopes(chosen)
        return capex.plotting.plot_frontier(chosen.frontier(envelopes), lang=lang, unit=None)

    return finish(args, text, result, draw, EXIT_OK if result.ok else EXIT_NO, portfolio)


def _default_envelopes(result: capex.results.SelectionResult) -> list[Decimal]:
    """:data:`FRONTIER_POINTS` envelopes up to what every candidate that may be chosen would
    spend in the plan period (or twice the envelope given, the smaller)."""
    money = result.money
    table = result.candidates
    demand = int(table.loc[~table["excluded"].to_numpy(bool), "plan_minor"].sum())
    if result.envelope_minor is not None:
        demand = min(demand, 2 * result.envelope_minor)
    top = money.to_decimal(max(demand, 1))
    return [top * k / FRONTIER_POINTS for k in range(1, FRONTIER_POINTS + 1)]
