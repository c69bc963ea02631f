"""The value grammar: what an object's fields become in the canonical form, and back, exactly.

A field is written as a JSON value of this grammar (``capex-store/1``):

========================  ===============================================================
Python                    canonical JSON
========================  ===============================================================
``None``, ``bool``, ``int``, ``str``   ``null``, ``true``/``false``, an integer, a string
finite ``float``          a number in Python's shortest round-trip form (``0.1``)
NaN, infinities           ``{"float": "nan"}``, ``{"float": "inf"}``, ``{"float": "-inf"}``
``Decimal``               ``{"decimal": "1.50"}`` (its text: the exponent is kept)
a :class:`~capex.terms.Message`  ``{"message": ["key", {"map": ...}]}`` (its values; words
                          joined: ``{"joined": ["semicolon", {"tuple": [...]}]}``)
``tuple`` / ``list``      ``{"tuple": [...]}`` / ``{"list": [...]}``
a mapping                 ``{"map": [[key, value], ...]}``, in its own order
``pandas.NA``             ``{"na": null}``
an enum of capex          ``{"enum": ["Status", "optimal"]}``
:class:`~capex.model.money.Money`  ``{"money": ["CNY", "万元", "亿元"]}``
``pandas.Index``          ``{"index": INDEX}``
``pandas.Series``         ``{"series": {"index": INDEX, "values": ARRAY, "name": v, "attrs": v}}``
``pandas.DataFrame``      ``{"frame": {"index": INDEX, "columns": INDEX, "data": [ARRAY, ...],
                          "attrs": v}}``
a ``networkx.DiGraph``    ``{"graph": {"nodes": [[node, attrs], ...], "edges": [[u, v,
                          attrs], ...], "attrs": v}}``
an object with a codec    ``{"object": {"kind": "Portfolio", "codec": 1, "fields": {...}}}``
========================  ===============================================================

An ARRAY is a column of one type. A numpy numeric column (TYPE ``int64``, ``float64``,
``bool`` ...) is a compact typed blob, ``{"dtype": TYPE, "le": BASE64}``: its values'
little-endian bytes (``bool`` one byte each, 0 or 1; every NaN written as the one quiet NaN,
``0x7ff8000000000000``) in standard base64 with padding; content of the form
``capex-store/1`` wrote it as ``{"dtype": TYPE, "values": [...]}``, plain numbers (NaN as
``null``, infinities as ``"inf"``/``"-inf"``), and is read as it was written. Any other column
is ``{"dtype": TYPE, "values": [...]}``: a pandas nullable type (``Int64``, ``Float64``,
``boolean``) or string type (``str``, ``string``) whose missing values are ``null``, or
``object``, whose values are each written in this grammar. Money is always an
integer column (or a nullable ``Int64`` one): the store never sees money as a float. An INDEX
is an ARRAY with a ``name``, or ``{"range": [start, stop, step], "name": v}``, or ``{"levels":
[ARRAY, ...], "names": [...]}`` for a MultiIndex. Anything else (a date, a category, a
Python function) is refused, naming the field that holds it.
"""

from __future__ import annotations

import base64
import enum
import math
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from capex.model.money import Money
from capex.store.errors import StoreError
from capex.terms import Joined, Message, phrase

__all__ = [
    "ENUMS",
    "ObjectHooks",
    "decode_value",
    "encode_value",
    "register_enum",
]

ENUMS: dict[str, type[enum.Enum]] = {}
"""The enums a saved value may hold, by class name (see :func:`register_enum`)."""

_MASKED = frozenset(
    ["Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64"]
    + ["Float32", "Float64", "boolean"]
)
_STRINGS = frozenset(["str", "string"])
_INF = {math.inf: "inf", -math.inf: "-inf"}


def register_enum(cls: type[enum.Enum]) -> type[enum.Enum]:
    """Let values of ``cls`` be saved (by its class name and the member's value)."""
    ENUMS[cls.__name__] = cls
    return cls


class ObjectHooks:
    """How the grammar writes and reads objects that have a codec (see
    :mod:`capex.store.codecs`): ``encode(obj, path)`` gives the ``{"kind", "codec",
    "fields"}`` document or ``None`` when ``obj`` has no codec; ``decode(document, path)``
    builds the object."""

    def __init__(
        self,
        encode: Callable[[Any, str], dict[str, Any] | None],
        decode: Callable[[dict[str, Any], str], Any],
    ) -> None:
        self.encode = encode
        self.decode = decode


# ---------------------------------------------------------------------------------------
# writing
# ---------------------------------------------------------------------------------------
def encode_value(value: Any, path: str, hooks: ObjectHooks) -> Any:
    """``value`` in the grammar; ``path`` names it in errors (``SpreadResult.messages[2]``)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, Joined):
        return {"joined": [value.key, encode_value(value.values["parts"], path, hooks)]}
    if isinstance(value, Message):  # its key and values: worded again when shown
        return {"message": [value.key, encode_value(dict(value.values), path, hooks)]}
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return _float(float(value))
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, Fraction):  # a budget line's exact share
        return {"fraction": [value.numerator, value.denominator]}
    if value is pd.NA:
        return {"na": None}
    if isinstance(value, enum.Enum):
        name = type(value).__name__
        if ENUMS.get(name) is not type(value):
            raise _refuse(path, value)
        return {"enum": [name, encode_value(value.value, path, hooks)]}
    if isinstance(value, Money):
        return {"money": [value.currency, value.unit, value.display_unit]}
    if isinstance(value, tuple):
        return {"tuple": [encode_value(v, f"{path}[{i}]", hooks) for i, v in enumerate(value)]}
    if isinstance(value, list):
        return {"list": [encode_value(v, f"{path}[{i}]", hooks) for i, v in enumerate(value)]}
    if isinstance(value, Mapping):
        return {
            "map": [
                [
                    encode_value(k, f"{path} key {k!r}", hooks),
                    encode_value(v, f"{path}[{k!r}]", hooks),
                ]
                for k, v in value.items()
            ]
        }
    if isinstance(value, pd.DataFrame):
        return {"frame": _frame(value, path, hooks)}
    if isinstance(value, pd.Series):
        return {"series": _series(value, path, hooks)}
    if isinstance(value, pd.Index):
        return {"index": _index(value, path, hooks)}
    if _is_digraph(value):
        return {"graph": _graph(value, path, hooks)}
    document = hooks.encode(value, path)
    if document is not None:
        return {"object": document}
    raise _refuse(path, value)


def _float(value: float) -> Any:
    if math.isfinite(value):
        return value
    return {"float": "nan" if math.isnan(value) else _INF[value]}


def _refuse(path: str, value: Any) -> StoreError:
    what = type(value).__name__
    if callable(value):
        return StoreError(phrase("err_store_function", path=path, kind=what))
    return StoreError(phrase("err_store_value_type", path=path, kind=what, value=f"{value!r:.60}"))


def _frame(frame: pd.DataFrame, path: str, hooks: ObjectHooks) -> dict[str, Any]:
    return {
        "index": _index(frame.index, f"{path}.index", hooks),
        "columns": _index(frame.columns, f"{path}.columns", hooks),
        "data": [
            _array(frame.iloc[:, j], f"{path}[{frame.columns[j]!r}]", hooks)
            for j in range(frame.shape[1])
        ],
        "attrs": encode_value(dict(frame.attrs), f"{path}.attrs", hooks),
    }


def _series(series: pd.Series, path: str, hooks: ObjectHooks) -> dict[str, Any]:
    return {
        "index": _index(series.index, f"{path}.index", hooks),
        "values": _array(series, path, hooks),
        "name": encode_value(series.name, f"{path}.name", hooks),
        "attrs": encode_value(dict(series.attrs), f"{path}.attrs", hooks),
    }


def _index(index: pd.Index, path: str, hooks: ObjectHooks) -> dict[str, Any]:
    if isinstance(index, pd.MultiIndex):
        return {
            "levels": [
                _array(index.get_level_values(i), f"{path} level {i}", hooks)
                for i in range(index.nlevels)
            ],
            "names": [encode_value(n, f"{path}.names", hooks) for n in index.names],
        }
    name = encode_value(index.name, f"{path}.name", hooks)
    if isinstance(index, pd.RangeIndex):
        return {"range": [index.start, index.stop, index.step], "name": name}
    return {**_array(index, path, hooks), "name": name}


def _array(values: pd.Series | pd.Index, path: str, hooks: ObjectHooks) -> dict[str, Any]:
    """A column of one type (see the module text)."""
    dtype = values.dtype
    if isinstance(dtype, np.dtype):
        array = values.to_numpy()
        if dtype.kind in "iubf":
            return {"dtype": dtype.name, "le": _blob(array)}
        if dtype.kind == "O":
            listed = array.tolist()
            if all(type(v) is str or type(v) is int for v in listed):
                return {"dtype": "object", "values": listed}  # what the grammar writes, faster
            return {
                "dtype": "object",
                "values": [encode_value(v, f"{path}[{i}]", hooks) for i, v in enumerate(listed)],
            }
    name = str(dtype)
    if name in _MASKED or name in _STRINGS:
        listed = values.to_numpy(dtype=object, na_value=None).tolist()
        if name.startswith("Float"):
            listed = [_INF.get(v, v) if isinstance(v, float) else v for v in listed]
        return {"dtype": name, "values": listed}
    raise StoreError(phrase("err_store_column_type", path=path, dtype=name))


def _blob(array: np.ndarray) -> str:
    """A numeric column's little-endian bytes in base64 (the one quiet NaN for every NaN)."""
    if array.dtype.kind == "b":
        raw = array.astype(np.uint8)
    else:
        raw = array.astype(array.dtype.newbyteorder("<"), copy=True)
        if array.dtype.kind == "f" and np.isnan(raw).any():
            raw[np.isnan(raw)] = np.nan  # numpy's NaN is the quiet NaN, sign bit clear
    return base64.b64encode(np.ascontiguousarray(raw).tobytes()).decode("ascii")


def _is_digraph(value: Any) -> bool:
    return type(value).__name__ == "DiGraph" and type(value).__module__.startswith("networkx")


def _graph(graph: Any, path: str, hooks: ObjectHooks) -> dict[str, Any]:
    return {
        "nodes": [
            [encode_value(n, f"{path} node", hooks), encode_value(dict(a), f"{path} node", hooks)]
            for n, a in graph.nodes(data=True)
        ],
        "edges": [
            [
                encode_value(u, f"{path} edge", hooks),
                encode_value(v, f"{path} edge", hooks),
                encode_value(dict(a), f"{path} edge", hooks),
            ]
            for u, v, a in graph.edges(data=True)
        ],
        "attrs": encode_value(dict(graph.graph), f"{path}.graph", hooks),
    }


# ---------------------------------------------------------------------------------------
# reading
# ---------------------------------------------------------------------------------------
def decode_value(node: Any, path: str, hooks: ObjectHooks) -> Any:
    """The Python value of a node written by :func:`encode_value`."""
    if node is None or isinstance(node, (bool, int, float, str)):
        return node
    if not isinstance(node, dict) or len(node) != 1:
        raise StoreError(phrase("err_store_damaged_at", path=path, node=str(node)[:60]))
    ((tag, body),) = node.items()
    reader = _READERS.get(tag)
    if reader is None:
        raise StoreError(phrase("err_store_value_kind", path=path, tag=repr(tag)))
    return reader(body, path, hooks)


def _read_enum(body: Any, path: str, hooks: ObjectHooks) -> Any:
    name, value = body
    if name not in ENUMS:
        raise StoreError(phrase("err_store_enum_unknown", path=path, name=repr(name)))
    return ENUMS[name](decode_value(value, path, hooks))


def _read_map(body: Any, path: str, hooks: ObjectHooks) -> dict[Any, Any]:
    # each value read at the path it was written at (a measured field is found by its path)
    out = {}
    for key_node, value_node in body:
        key = decode_value(key_node, f"{path} key", hooks)
        out[key] = decode_value(value_node, f"{path}[{key!r}]", hooks)
    return out


def _read_items(body: Any, path: str, hooks: ObjectHooks) -> list[Any]:
    return [decode_value(v, f"{path}[{i}]", hooks) for i, v in enumerate(body)]


def _read_frame(body: Any, path: str, hooks: ObjectHooks) -> pd.DataFrame:
    index = _read_index(body["index"], f"{path}.index", hooks)
    columns = _read_index(body["columns"], f"{path}.columns", hooks)
    data = [_read_array(a, f"{path}[{label!r}]", hooks) for a, label in zip(body["data"], columns)]
    if len(data) != len(columns):
        raise StoreError(phrase("err_store_columns_differ", path=path))
    if data:
        # each column as a Series of its own type: pandas would read text kept as object as str
        series = {
            j: pd.Series(values, index=index, dtype=dtype, copy=False)
            for j, (values, dtype) in enumerate(data)
        }
        frame = pd.DataFrame(series, index=index, copy=False)
        frame.columns = columns
    else:
        frame = pd.DataFrame(index=index, columns=columns)
    frame.attrs.update(decode_value(body["attrs"], f"{path}.attrs", hooks))
    return frame


def _read_series(body: Any, path: str, hooks: ObjectHooks) -> pd.Series:
    values, dtype = _read_array(body["values"], path, hooks)
    series = pd.Series(
        values,
        index=_read_index(body["index"], f"{path}.index", hooks),
        dtype=dtype,
        name=decode_value(body["name"], path, hooks),
        copy=False,
    )
    series.attrs.update(decode_value(body["attrs"], f"{path}.attrs", hooks))
    return series


def _read_index(body: Any, path: str, hooks: ObjectHooks) -> pd.Index:
    if "levels" in body:
        levels = [
            pd.Index(*_read_array(a, f"{path} level {i}", hooks))
            for i, a in enumerate(body["levels"])
        ]
        names = [decode_value(n, path, hooks) for n in body["names"]]
        return pd.MultiIndex.from_arrays(levels, names=names)
    name = decode_value(body["name"], path, hooks)
    if "range" in body:
        return pd.RangeIndex(*body["range"], name=name)
    values, dtype = _read_array(body, path, hooks)
    return pd.Index(values, dtype=dtype, name=name, copy=False)


def _read_array(body: Any, path: str, hooks: ObjectHooks) -> tuple[Any, Any]:
    """A column's values and, for an ``object`` column, the type to build it with (pandas
    would otherwise read a column of text kept as ``object`` as ``str``)."""
    values = _read_values(body, path, hooks)
    return values, (object if body["dtype"] == "object" else None)


def _read_values(body: Any, path: str, hooks: ObjectHooks) -> Any:
    dtype, values = body["dtype"], body.get("values")
    if dtype == "object":
        out = np.empty(len(values), dtype=object)
        if all(type(v) is str or type(v) is int for v in values):
            out[:] = values
        else:
            for i, v in enumerate(values):  # one by one: a tuple must not spread over cells
                out[i] = decode_value(v, f"{path}[{i}]", hooks)
        return out
    if dtype in _MASKED or dtype in _STRINGS:
        return pd.array(values, dtype=dtype)
    try:
        numpy_type = np.dtype(dtype)
    except TypeError:
        raise StoreError(phrase("err_store_column_unknown", path=path, dtype=repr(dtype))) from None
    if "le" in body:
        try:
            raw = base64.b64decode(body["le"], validate=True)
        except (ValueError, TypeError):
            raise StoreError(phrase("err_store_column_damaged", path=path)) from None
        stored = np.uint8 if numpy_type.kind == "b" else numpy_type.newbyteorder("<")
        return np.frombuffer(raw, dtype=stored).astype(numpy_type)
    if numpy_type.kind == "f":  # the first form: plain numbers
        return np.array([np.nan if v is None else v for v in values], dtype=numpy_type)
    return np.array(values, dtype=numpy_type)


def _read_graph(body: Any, path: str, hooks: ObjectHooks) -> Any:
    import networkx as nx

    graph = nx.DiGraph()
    graph.graph.update(decode_value(body["attrs"], f"{path}.graph", hooks))
    for node, attrs in body["nodes"]:
        graph.add_node(
            decode_value(node, f"{path} node", hooks), **decode_value(attrs, f"{path} node", hooks)
        )
    for u, v, attrs in body["edges"]:
        graph.add_edge(
            decode_value(u, f"{path} edge", hooks),
            decode_value(v, f"{path} edge", hooks),
            **decode_value(attrs, f"{path} edge", hooks),
        )
    return graph


_READERS: dict[str, Callable[[Any, str, ObjectHooks], Any]] = {
    "float": lambda body, path, hooks: float(body),
    "decimal": lambda body, path, hooks: Decimal(body),
    "fraction": lambda body, path, hooks: Fraction(int(body[0]), int(body[1])),
    "message": lambda body, path, hooks: Message(
        body[0], **decode_value(body[1], f"{path} message", hooks)
    ),
    "joined": lambda body, path, hooks: Joined(
        decode_value(body[1], f"{path} message", hooks), body[0]
    ),
    "tuple": lambda body, path, hooks: tuple(_read_items(body, path, hooks)),
    "list": _read_items,
    "map": _read_map,
    "na": lambda body, path, hooks: pd.NA,
    "enum": _read_enum,
    "money": lambda body, path, hooks: Money(*body),
    "index": lambda body, path, hooks: _read_index(body, path, hooks),
    "series": _read_series,
    "frame": _read_frame,
    "graph": _read_graph,
    "object": lambda body, path, hooks: hooks.decode(body, path),
}
