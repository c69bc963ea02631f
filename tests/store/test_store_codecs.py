"""Codecs: every kind of object is written in the canonical form and read back equal,
field by field; a field a codec does not name is refused, never dropped."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

import capex
from capex.store import Codec, StoreError, register
from capex.store.canonical import canonical_bytes, read_canonical
from capex.store.codecs import (
    _BY_KIND,
    codec_for,
    content_bytes,
    decode,
    read_content,
    unknown_fields,
)
from capex.store.kinds import SAVED_KINDS
from store.same_objects import assert_same


def round_trip(obj):
    return read_content(content_bytes(obj))


@pytest.mark.parametrize(
    "codec", sorted(_BY_KIND.values(), key=lambda c: c.kind), ids=lambda c: c.kind
)
def test_every_codec_names_every_field_of_its_class(codec):
    missing, gone = unknown_fields(codec)
    assert (missing, gone) == ([], []), (
        f"{codec.kind}: add {missing} to its codec in capex/store/kinds.py (and raise its version)"
    )


def test_the_issue_kinds_all_have_codecs():
    saved = {codec.kind for codec in SAVED_KINDS}
    wanted = {"Portfolio", "SpreadResult", "ShiftResult", "Actuals", "VarianceReport"}
    assert wanted | {"ReforecastResult", "HandOver", "Scenario"} <= saved


@dataclasses.dataclass(frozen=True)
class _Grown:
    """A class that gained a field its codec does not name (as Actuals may gain coverage)."""

    amounts: pd.Series
    coverage: str = "years"


def test_a_field_the_codec_does_not_name_is_refused_not_dropped():
    register(Codec(_Grown, ("amounts",), kind="test_grown"))
    with pytest.raises(StoreError, match=r"field\(s\) coverage have no place in the store"):
        content_bytes(_Grown(pd.Series([1, 2])))


@dataclasses.dataclass(frozen=True)
class Selection:
    """A later kind (a project selection), plugged in with one codec."""

    chosen: tuple
    value: pd.Series
    money: capex.Money = capex.model.money.WAN


def test_a_later_kind_plugs_in_with_one_codec():
    register(Codec(Selection, ("chosen", "value", "money")))
    selection = Selection((19, 20), pd.Series([3, 4], index=[19, 20], name="学位"))
    assert_same(round_trip(selection), selection)


def test_an_older_codec_version_is_upgraded_when_read():
    @dataclasses.dataclass(frozen=True)
    class Ledger:
        rows: tuple
        months: bool

    # content saved by version 1 of the codec, before the class had ``months``
    saved = canonical_bytes(
        {
            "format": "capex-store/1",
            "kind": "test_ledger",
            "codec": 1,
            "fields": {"rows": {"tuple": [1, 2]}},
        }
    )
    register(
        Codec(
            Ledger,
            ("rows", "months"),
            version=2,
            kind="test_ledger",
            upgrades={1: lambda fields: {**fields, "months": False}},
        )
    )
    assert decode(read_canonical(saved)) == Ledger((1, 2), False)


@pytest.mark.parametrize(
    ("value", "where"),
    [
        (dt.date(2027, 1, 1), "a value of type date"),
        (pd.Series(pd.Categorical(["a"])), "a column of type category"),
        (lambda frame: frame, "a Python function"),
    ],
    ids=["date", "category", "function"],
)
def test_a_value_the_store_cannot_keep_is_refused_naming_its_field(value, where):
    scenario = capex.Scenario("x", description="x")
    portfolio = capex.load_projects()
    bad = (
        dataclasses.replace(portfolio, name=value)
        if not callable(value)
        else portfolio.replace(budget_lines=(capex.BudgetLine("line", {2021: 1}, rule=value),))
    )
    with pytest.raises(StoreError, match=where) as caught:
        content_bytes(bad)
    assert "Portfolio." in str(caught.value)
    assert codec_for(scenario) is not None


def test_the_same_object_built_twice_has_one_content_hash(yuecheng):
    again = capex.load_projects()
    assert content_bytes(again) == content_bytes(yuecheng)


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"b": 1, "a": "é\n"}, b'{"a":"\xc3\xa9\\n","b":1}'),
        ({"n": 2**70, "x": 0.1, "z": -0.0}, b'{"n":1180591620717411303424,"x":0.1,"z":-0.0}'),
        ({"t": '"\\\x01\x7f'}, b'{"t":"\\"\\\\\\u0001\x7f"}'),
    ],
    ids=["sorted keys and raw UTF-8", "integers in full and shortest floats", "escapes"],
)
def test_the_canonical_form_is_as_documented(document, expected):
    assert canonical_bytes(document) == expected


@pytest.mark.parametrize("bad", [{"x": float("nan")}, {"x": "\ud800"}, {"x": object()}])
def test_what_the_canonical_form_cannot_hold_is_a_store_error(bad):
    with pytest.raises(StoreError):
        canonical_bytes(bad)
