"""One comparison for every kind of object: field by field, exactly, types included.

It walks every field of a dataclass (so a field added to a class is compared without a word
here), frames and series with their dtypes, index, names and attrs, floats to the bit
(NaN equal to NaN, -0.0 unlike 0.0), Decimals with their exponent, messages with their keys and values.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from capex.terms import Message


def assert_same(left: Any, right: Any, path: str = "object") -> None:
    """Raise an AssertionError naming the first place where ``left`` and ``right`` differ."""
    if dataclasses.is_dataclass(left) and not isinstance(left, type):
        assert type(left) is type(right), f"{path}: {type(left).__name__} != {type(right).__name__}"
        for field in dataclasses.fields(left):
            assert_same(
                getattr(left, field.name), getattr(right, field.name), f"{path}.{field.name}"
            )
        return
    if isinstance(left, pd.DataFrame):
        assert isinstance(right, pd.DataFrame), path
        pd.testing.assert_frame_equal(left, right, check_exact=True, check_flags=True, obj=path)
        _same_index(left.index, right.index, f"{path}.index")
        _same_index(left.columns, right.columns, f"{path}.columns")
        assert_same(dict(left.attrs), dict(right.attrs), f"{path}.attrs")
        for column in range(left.shape[1]):
            _same_values(left.iloc[:, column], right.iloc[:, column], f"{path}[{column}]")
        return
    if isinstance(left, pd.Series):
        assert isinstance(right, pd.Series), path
        pd.testing.assert_series_equal(left, right, check_exact=True, obj=path)
        _same_index(left.index, right.index, f"{path}.index")
        assert_same(dict(left.attrs), dict(right.attrs), f"{path}.attrs")
        _same_values(left, right, path)
        return
    if isinstance(left, pd.Index):
        _same_index(left, right, path)
        return
    if type(left).__name__ == "DiGraph":
        assert list(left.nodes(data=True)) == list(right.nodes(data=True)), path
        assert list(left.edges(data=True)) == list(right.edges(data=True)), path
        assert left.graph == right.graph, path
        return
    if isinstance(left, Mapping):
        assert isinstance(right, Mapping), path
        assert list(left) == list(right), f"{path}: keys {list(left)} != {list(right)}"
        for key in left:
            assert type(key) is type(next(k for k in right if k == key)), f"{path} key {key!r}"
            assert_same(left[key], right[key], f"{path}[{key!r}]")
        return
    if isinstance(left, (tuple, list)):
        assert type(left) is type(right) and len(left) == len(right), (
            f"{path}: {left!r} != {right!r}"
        )
        for i, (a, b) in enumerate(zip(left, right)):
            assert_same(a, b, f"{path}[{i}]")
        return
    _same_scalar(left, right, path)


def _same_scalar(left: Any, right: Any, path: str) -> None:
    if isinstance(left, Message):
        assert type(right) is type(left), f"{path}: {right!r} is not a {type(left).__name__}"
        assert left.key == right.key, f"{path}: {left.key} != {right.key}"
        assert_same(dict(left.values), dict(right.values), f"{path} values")
        return
    if isinstance(left, (float, np.floating)):
        assert isinstance(right, (float, np.floating)), f"{path}: {right!r} is not a float"
        if math.isnan(left):
            assert math.isnan(right), path
        else:
            assert left == right and math.copysign(1, left) == math.copysign(1, right), path
        return
    if isinstance(left, Decimal):
        assert isinstance(right, Decimal) and str(left) == str(right), f"{path}: {left} != {right}"
        return
    if left is pd.NA or right is pd.NA:
        assert left is right, path
        return
    if isinstance(left, (bool, np.bool_)):
        assert isinstance(right, (bool, np.bool_)) and bool(left) == bool(right), path
        return
    if isinstance(left, (int, np.integer)):
        assert isinstance(right, (int, np.integer)) and not isinstance(right, bool), path
        assert int(left) == int(right), f"{path}: {left} != {right}"
        return
    assert type(left) is type(right), f"{path}: {type(left).__name__} != {type(right).__name__}"
    assert left == right, f"{path}: {left!r} != {right!r}"


def _same_index(left: pd.Index, right: pd.Index, path: str) -> None:
    pd.testing.assert_index_equal(left, right, exact=True, check_names=True, obj=path)
    assert type(left) is type(right), f"{path}: {type(left).__name__} != {type(right).__name__}"
    if isinstance(left, pd.MultiIndex):
        for level in range(left.nlevels):
            _same_values(left.get_level_values(level), right.get_level_values(level), path)
    else:
        _same_values(left, right, path)


def _same_values(left: Any, right: Any, path: str) -> None:
    """Each value of an object column compared as a scalar (types and Messages included)."""
    if left.dtype != object:
        return
    for i, (a, b) in enumerate(zip(list(left), list(right))):
        assert_same(a, b, f"{path}[{i}]")
