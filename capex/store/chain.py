"""The hashes that make the record verifiable: a version's hash and the chain of entries.

Two chains, as git has commits and a reflog:

* **A version's hash** covers its content's SHA-256, its record (name, kind, codec version,
  stage, author, note, time) and its parent's hash, so a version's hash vouches for every
  version it descends from, as a git commit does (:func:`version_hash`).
* **The ledger** is one line of entries in the order they were written: each save and each
  workflow event (submitted, approved). Each entry's hash covers the entry (the version's
  hash, and for an event who, what, when and why) and the hash of the entry before it
  (:func:`entry_hash`). Approving returns the hash of its own entry, the chain's head at that
  moment: the **fingerprint** (版本指纹) printed on the approved document. It vouches for
  everything saved and approved before it; someone who rewrites a version's content *and*
  every hash after it gets a chain that no longer holds the fingerprint on the paper
  (:func:`capex.store.verify.verify` with ``anchor=``).

What a version's hash leaves out are its *measured* fields (a solve's run time, the moment a
provenance record was made; :mod:`capex.store.codecs`): kept beside its content under their
own SHA-256, which verify checks, but in no fingerprint, since they differ between two runs of
one plan and a fingerprint must not.

Both are SHA-256 over documents in the canonical form of :mod:`capex.store.canonical`::

    version: {"format", "type": "version", "name", "kind", "codec", "stage", "author",
              "note", "saved_at", "content": SHA-256, "parent": hash or null
              [, "codes": SHA-256 of the project codes, when the version has them]}
    entry:   {"format", "type": "entry", "seq": n, "previous": hash (64 zeros first),
              "record": {"type": "saved", "version": hash}
                      | {"type": "submit" | "approve", "version": hash, "actor", "at",
                         "reason" [, "scheme", "key_id"]}}
"""

from __future__ import annotations

import re
from typing import Any

from capex.store.canonical import RECORD_FORMAT, canonical_bytes, sha256_hex

__all__ = [
    "GENESIS",
    "entry_hash",
    "fingerprint",
    "matches_fingerprint",
    "normalize_fingerprint",
    "version_hash",
]

GENESIS = "0" * 64
"""The hash before the first entry of a ledger."""

FINGERPRINT_DIGITS = 16
"""Hex digits of an entry hash printed as a fingerprint (64 bits, in groups of four)."""


def version_hash(
    *,
    name: str,
    kind: str,
    codec: int,
    stage: str,
    author: str,
    note: str,
    saved_at: str,
    content: str,
    parent: str | None,
    codes: str | None = None,
) -> str:
    """The hash of a version (see the module text)."""
    document: dict[str, Any] = {
        "format": RECORD_FORMAT,
        "type": "version",
        "name": name,
        "kind": kind,
        "codec": codec,
        "stage": stage,
        "author": author,
        "note": note,
        "saved_at": saved_at,
        "content": content,
        "parent": parent,
    }
    # written only where there are codes: the hashes of versions saved before stay as made
    if codes is not None:
        document["codes"] = codes
    return sha256_hex(canonical_bytes(document))


def entry_hash(seq: int, previous: str, record: dict[str, Any]) -> str:
    """The hash of the ledger's entry ``seq`` (see the module text)."""
    document = {
        "format": RECORD_FORMAT,
        "type": "entry",
        "seq": seq,
        "previous": previous,
        "record": {k: v for k, v in record.items() if v is not None},
    }
    return sha256_hex(canonical_bytes(document))


def fingerprint(hash_hex: str) -> str:
    """The short form of an entry hash printed on an approved document: ``3f2a-9c1b-04de-77aa``."""
    digits = hash_hex[:FINGERPRINT_DIGITS]
    return "-".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def normalize_fingerprint(text: str) -> str:
    """The hex digits of a fingerprint as written (dashes, blanks and case ignored), or
    ``""`` when it is not one (fewer than 16 hex digits, or another character)."""
    digits = re.sub(r"[\s\-:]", "", str(text)).lower()
    digits = digits.removeprefix("sha256")
    if len(digits) < FINGERPRINT_DIGITS or re.fullmatch(r"[0-9a-f]+", digits) is None:
        return ""
    return digits


def matches_fingerprint(hash_hex: str, digits: str) -> bool:
    """Whether ``hash_hex`` is the entry hash a normalised fingerprint names."""
    return bool(digits) and hash_hex.startswith(digits)
