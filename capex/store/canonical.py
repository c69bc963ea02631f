"""The canonical byte form of saved content, and the hashes made from it.

Everything the store hashes (an object's content, a version's record, an entry of the chain)
is first written as one JSON document in a canonical form, ``capex-store/1``, so that the same
content gives the same bytes, and the same SHA-256, on any machine, with any Python, pandas or
numpy version, whatever the order in which a dict was built:

* UTF-8, no byte-order mark, no blank outside strings (``separators=(",", ":")``);
* object keys sorted by code point (capex's keys are ASCII); a mapping of the data, whose
  order may mean something, is written as a list of ``[key, value]`` pairs instead, in order;
* strings as RFC 8259 JSON strings, every character written as itself except ``"``, ``\\``
  and the control characters below U+0020 (``\\n``, ``\\t`` ... and ``\\u00XX`` in lower-case
  hex), as RFC 8785 writes them; a lone surrogate cannot be saved;
* integers in full, in decimal, however large (money is integers of its minor unit, never a
  float); finite floats in Python's shortest round-trip form (``0.1``, ``1e+16``, ``-0.0``),
  which is the same on every platform; infinities and NaN never appear as numbers (the value
  grammar of :mod:`capex.store.values` tags them).

What the documents hold is described in :mod:`capex.store.values` (an object's fields) and
:mod:`capex.store.chain` (a version's record and an entry of the chain), each naming its form:

* ``capex-store/1``: the records of :mod:`capex.store.chain` (since the first store), and
  the content saved by the first capex of the store, whose numeric columns were lists of
  decimal numbers;
* ``capex-store/2``: content whose numeric columns are compact typed blobs, their
  little-endian bytes in base64 (:mod:`capex.store.values`), several times faster to read
  and write for a plan of 100,000 projects.

A change of any of these rules makes a new form name; the store keeps every document in the
form it was saved in, and reads every form it ever wrote, so a hash once made is never remade
differently.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from capex.store.errors import StoreError
from capex.terms import phrase

__all__ = [
    "CONTENT_FORMATS",
    "FORMAT",
    "RECORD_FORMAT",
    "canonical_bytes",
    "read_canonical",
    "sha256_hex",
]

FORMAT = "capex-store/2"
"""The form content is written in now (named in every content document)."""

CONTENT_FORMATS = ("capex-store/1", "capex-store/2")
"""Every form of content the store reads."""

RECORD_FORMAT = "capex-store/1"
"""The form of a version's record and of an entry of the chain (named in each)."""


def canonical_bytes(document: Any) -> bytes:
    """``document`` (dicts with str keys, lists, str, int, finite float, bool, None) in the
    canonical form.

    Raises
    ------
    StoreError
        For a value outside the JSON data model (NaN, an infinity, another type) or text
        that is not valid Unicode (a lone surrogate).
    """
    try:
        text = json.dumps(
            document, ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False
        )
    except (TypeError, ValueError) as error:
        raise StoreError(phrase("err_store_canonical", reason=str(error))) from None
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise StoreError(
            phrase(
                "err_store_not_unicode",
                reason=error.reason,
                at=error.start,
                text=repr(text[max(0, error.start - 20) : error.start + 20]),
            )
        ) from None


def read_canonical(data: bytes) -> Any:
    """A document written by :func:`canonical_bytes`."""
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise StoreError(phrase("err_store_unreadable", reason=str(error))) from None


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data``, as 64 lower-case hex digits."""
    return hashlib.sha256(data).hexdigest()
