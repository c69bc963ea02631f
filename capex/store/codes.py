"""Project codes kept beside a version whose object does not carry them.

A project's history follows its stable code (项目代码): a portfolio carries it in its
``code`` column (and a hand-over's next plan, and a baseline's), but a result (a spread, a
deferral, a re-forecast) knows only ids. So the store keeps, beside such a version, the codes
of its projects, as a small document of their own named by the version
(``capex_versions.codes_sha256``) and covered by its hash::

    {"format", "kind": "codes", "codes": SERIES}   # id -> code, in the value grammar

They come from the portfolio the result was made from (``store.save(..., codes=portfolio)``),
or from ``{id: code}``, or, when neither is given, from the version's parent.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from capex.model.ids import id_key
from capex.store.canonical import FORMAT, canonical_bytes, read_canonical
from capex.store.errors import StoreError
from capex.store.values import ObjectHooks, decode_value, encode_value
from capex.store.views import ProjectView
from capex.terms import phrase

__all__ = ["CODE_CARRIERS", "codes_document", "given_codes", "read_codes"]

CODE_CARRIERS = frozenset({"Portfolio", "HandOver", "Baseline"})
"""Kinds whose objects carry their projects' codes themselves."""

_PLAIN = ObjectHooks(lambda obj, path: None, lambda document, path: None)
"""Codes are ids and text: no object of a codec among them."""


def given_codes(codes: Any) -> pd.Series:
    """Codes by id from a portfolio, a Series or a mapping."""
    frame = getattr(codes, "frame", None)
    if isinstance(frame, pd.DataFrame):
        if "code" not in frame.columns:
            raise StoreError(phrase("err_store_codes_no_column"))
        return frame["code"]
    if isinstance(codes, pd.Series):
        return codes
    if isinstance(codes, Mapping):
        return pd.Series(list(codes.values()), index=list(codes.keys()), dtype=object)
    raise StoreError(phrase("err_store_codes_kind", kind=type(codes).__name__))


def codes_document(view: ProjectView, given: pd.Series) -> bytes | None:
    """The canonical document of the codes of ``view``'s projects (ids matched as everywhere
    in capex: 19, "19" and "019" are one), or ``None`` when none of them has one."""
    lookup = {id_key(pid): str(code).strip() for pid, code in given.items()}
    kept = pd.Series(
        [lookup.get(id_key(pid), "") for pid in view.ids], index=view.ids, dtype=object
    )
    kept = kept[kept != ""]
    if kept.empty:
        return None
    document = {"format": FORMAT, "kind": "codes", "codes": encode_value(kept, "codes", _PLAIN)}
    return canonical_bytes(document)


def read_codes(data: bytes) -> pd.Series:
    """The codes of a document made by :func:`codes_document`."""
    document = read_canonical(data)
    if document.get("kind") != "codes":
        raise StoreError(phrase("err_store_codes_damaged"))
    return decode_value(document["codes"], "codes", _PLAIN)
