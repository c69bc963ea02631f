"""Verify a store: recompute every hash, and prove a filed fingerprint still stands.

:func:`verify` reads everything the store holds and checks, without trusting a stored hash:

1. **content**: each version's content, decompressed, hashes to the SHA-256 it is filed
   under and to the one its version names;
2. **versions**: each version's hash is the hash of its content, its record and its
   parent's hash (:func:`capex.store.chain.version_hash`);
3. **the chain**: entries are numbered without a gap; each save and each event has its entry;
   each entry's hash is the hash of that entry (as the records now read) and the entry
   before it; approvals signed with a key are checked when the key is given.

A change made to a row by someone who dropped the triggers shows in 1 or 2 and names the
version. Someone who also rewrote every hash after it (content, versions, chain) leaves
checks 1-3 passing; the fingerprint printed at an approval then no longer appears in the
recomputed chain, so ``anchor=`` fails: the record behind the filed document has changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import sqlalchemy as sa

from capex.model.protocol import Report
from capex.store import schema
from capex.store.canonical import sha256_hex
from capex.store.chain import (
    GENESIS,
    entry_hash,
    fingerprint,
    matches_fingerprint,
    normalize_fingerprint,
    version_hash,
)
from capex.store.engine import Database
from capex.store.errors import StoreError
from capex.store.signing import SigningKey
from capex.store.store import unpack
from capex.terms import check_lang, phrase, term

__all__ = ["PROBLEM_COLUMNS", "Verification", "verify"]

PROBLEM_COLUMNS = ("version_id", "name", "check", "message")
"""Columns of :attr:`Verification.problems`."""


@dataclass(frozen=True, eq=False)
class Verification(Report):
    """What :func:`verify` found.

    Attributes
    ----------
    location
        The store checked.
    versions, contents, entries, approvals
        How many of each were checked.
    signatures_checked
        Approvals whose signature was checked with the key given (all good, else a problem).
    signatures_unchecked
        Signed approvals that were not checked (no key given, or signed with another key).
    problems
        One row per problem, in the order found: ``version_id``, ``name`` (the version
        concerned), ``check`` (``content``, ``version``, ``chain``, ``signature`` or
        ``anchor``) and ``message`` (in English; :meth:`summary` words it in Chinese too).
    anchor
        The fingerprint checked, or ``None``.
    anchored
        For an anchor found: the version, action, actor and time of its entry.
    """

    location: str
    versions: int
    contents: int
    entries: int
    approvals: int
    signatures_checked: int
    signatures_unchecked: int
    problems: pd.DataFrame = field(repr=False)
    anchor: str | None = None
    anchored: dict[str, Any] | None = None
    _words: tuple[tuple[str, dict[str, Any]], ...] = field(default=(), repr=False)

    @property
    def ok(self) -> bool:
        """Whether nothing was found (and the anchor, when given, was)."""
        return self.problems.empty

    def __bool__(self) -> bool:
        return self.ok

    @property
    def first(self) -> str | None:
        """The name of the first version found changed, or ``None``."""
        named = self.problems["name"].dropna()
        return None if named.empty else str(named.iloc[0])

    def to_frame(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """The problems, one row each, headed and worded in ``lang`` (``unit`` is not used:
        a verification holds no amounts)."""
        lang = check_lang(lang)
        frame = self.problems.copy()
        frame["message"] = [term(key, lang, **values) for key, values in self._words]
        if lang != "en":
            frame["check"] = [term(f"store_check_{c}", lang) for c in frame["check"]]
            frame.columns = [term(f"store_column_{c}", lang) for c in frame.columns]
        return frame

    def summary(self, unit: str | None = None, *, lang: str | None = None) -> str:
        """What was checked and what was found, in ``lang``."""
        lang = check_lang(lang)
        lines = [
            term(
                "store_verified_what",
                lang,
                location=self.location,
                versions=self.versions,
                contents=self.contents,
                entries=self.entries,
                approvals=self.approvals,
            )
        ]
        if self.signatures_checked or self.signatures_unchecked:
            lines.append(
                term(
                    "store_verified_signatures",
                    lang,
                    checked=self.signatures_checked,
                    unchecked=self.signatures_unchecked,
                )
            )
        if self.anchored is not None:
            action = term(f"store_action_{self.anchored['action']}", lang)
            lines.append(term("store_anchor_found", lang, **{**self.anchored, "action": action}))
        if self.ok:
            lines.append(term("store_verified_ok", lang))
        else:
            lines.append(term("store_verified_problems", lang, n=len(self.problems)))
            lines += [f"  {m}" for m in self.to_frame(lang=lang).iloc[:, -1]]
        return "\n".join(lines)

    def __repr__(self) -> str:
        state = "ok" if self.ok else f"{len(self.problems)} problem(s), first {self.first!r}"
        return f"<Verification of {self.location}: {self.versions} versions, {state}>"


class _Findings:
    def __init__(self) -> None:
        self.rows: list[tuple[Any, Any, str, str]] = []
        self.words: list[tuple[str, dict[str, Any]]] = []

    def add(self, version: Any, check: str, key: str, **values: Any) -> None:
        self.rows.append(
            (
                None if version is None else int(version.id),
                None if version is None else version.name,
                check,
                term(key, "en", **values),
            )
        )
        self.words.append((key, values))


def verify(
    database: Database,
    anchor: str | None = None,
    key: SigningKey | None = None,
) -> Verification:
    """Recompute every hash of the store (see the module text).

    Parameters
    ----------
    anchor
        A fingerprint printed at an approval (``3f2a-9c1b-04de-77aa``, or the full hash):
        the check fails unless the recomputed chain holds it.
    key
        The key approvals were signed with (the public key is enough for Ed25519).
    """
    digits = None
    if anchor is not None:
        digits = normalize_fingerprint(anchor)
        if not digits:
            raise StoreError(phrase("err_store_not_fingerprint", anchor=repr(anchor)))
    found = _Findings()
    with database.reading() as connection:
        versions = connection.execute(
            sa.select(schema.versions).order_by(schema.versions.c.id)
        ).all()
        by_id = {row.id: row for row in versions}
        intact = _contents(connection, versions, found)
        recomputed = _versions(versions, by_id, intact, found)
        events = {
            row.id: row
            for row in connection.execute(sa.select(schema.events).order_by(schema.events.c.id))
        }
        entries = connection.execute(sa.select(schema.ledger).order_by(schema.ledger.c.seq)).all()
        chain = _chain(entries, by_id, events, recomputed, found)
        checked, unchecked = _signatures(entries, by_id, events, key, found)
        contents = connection.execute(
            sa.select(sa.func.count()).select_from(schema.contents)
        ).scalar_one()
    anchored = None
    if digits is not None:
        position = next((i for i, h in enumerate(chain) if matches_fingerprint(h, digits)), None)
        if position is None:
            found.add(None, "anchor", "store_problem_anchor", anchor=fingerprint(digits))
        else:
            anchored = _describe(entries[position], by_id, events)
    problems = pd.DataFrame(found.rows, columns=list(PROBLEM_COLUMNS))
    problems["version_id"] = problems["version_id"].astype("Int64")
    return Verification(
        location=database.shown,
        versions=len(versions),
        contents=int(contents),
        entries=len(entries),
        approvals=sum(1 for e in events.values() if e.action == "approve"),
        signatures_checked=checked,
        signatures_unchecked=unchecked,
        problems=problems,
        anchor=None if digits is None else fingerprint(digits),
        anchored=anchored,
        _words=tuple(found.words),
    )


def _contents(connection: sa.Connection, versions: list[Any], found: _Findings) -> set[str]:
    """The content hashes whose content hashes to them; a problem per version whose
    content is missing or changed."""
    intact: set[str] = set()
    users: dict[str, list[Any]] = {}
    for row in versions:
        for sha in (row.content_sha256, row.codes_sha256, row.measured_sha256):
            if sha is not None:
                users.setdefault(sha, []).append(row)
    c = schema.contents
    rows = connection.execution_options(stream_results=True, yield_per=1).execute(
        sa.select(c.c.sha256, c.c.encoding, c.c.data)
    )
    for row in rows:  # one content at a time: a store may hold many large versions
        try:
            good = sha256_hex(unpack(row.encoding, row.data, row.sha256)) == row.sha256
        except StoreError:
            good = False
        if good:
            intact.add(row.sha256)
    for sha, rows in users.items():
        if sha not in intact:
            for version in rows:
                found.add(version, "content", "store_problem_content", name=version.name)
    return intact


def _versions(
    versions: list[Any], by_id: dict[int, Any], intact: set[str], found: _Findings
) -> dict[int, str]:
    """Each version's hash as recomputed from its record (and its parent's stored hash, so
    that one change is named where it is)."""
    recomputed = {}
    for row in versions:
        parent = by_id.get(row.parent_id)
        hashed = version_hash(
            name=row.name,
            kind=row.kind,
            codec=row.codec,
            stage=row.stage,
            author=row.author,
            note=row.note,
            saved_at=row.saved_at,
            content=row.content_sha256,
            parent=None if parent is None else parent.hash,
            codes=row.codes_sha256,
        )
        recomputed[row.id] = hashed
        if hashed != row.hash and all(
            sha in intact
            for sha in (row.content_sha256, row.codes_sha256, row.measured_sha256)
            if sha is not None
        ):
            found.add(row, "version", "store_problem_version", name=row.name)
    return recomputed


def _record(
    entry: Any, by_id: dict[int, Any], events: dict[int, Any], hashes: dict[int, str]
) -> dict[str, Any] | None:
    if entry.event_id is None:
        return {"type": "saved", "version": hashes.get(entry.version_id)}
    event = events.get(entry.event_id)
    if event is None:
        return None
    return {
        "type": event.action,
        "version": hashes.get(event.version_id),
        "actor": event.actor,
        "at": event.at,
        "reason": event.reason,
        "scheme": event.scheme,
        "key_id": event.key_id,
    }


def _chain(
    entries: list[Any],
    by_id: dict[int, Any],
    events: dict[int, Any],
    recomputed: dict[int, str],
    found: _Findings,
) -> list[str]:
    """Check each entry against the stored entry before it, and return the chain as
    recomputed from the first entry (where an anchor is looked for)."""
    chain: list[str] = []
    previous_stored = previous_recomputed = GENESIS
    saved = {e.version_id for e in entries if e.event_id is None}
    logged = {e.event_id for e in entries if e.event_id is not None}
    for position, entry in enumerate(entries, start=1):
        version = by_id.get(entry.version_id)
        if entry.seq != position:
            found.add(version, "chain", "store_problem_gap", seq=position)
        record = _record(entry, by_id, events, recomputed)
        if record is None or record["version"] is None:
            found.add(version, "chain", "store_problem_entry", seq=entry.seq)
            chain.append("")
            continue
        if entry_hash(entry.seq, previous_stored, record) != entry.hash:
            found.add(version, "chain", "store_problem_entry", seq=entry.seq)
        previous_recomputed = entry_hash(entry.seq, previous_recomputed, record)
        chain.append(previous_recomputed)
        previous_stored = entry.hash
    for row in by_id.values():
        if row.id not in saved:
            found.add(row, "chain", "store_problem_unlogged", name=row.name)
    for event_id, event in events.items():
        if event_id not in logged:
            found.add(
                by_id.get(event.version_id),
                "chain",
                "store_problem_unlogged_event",
                action=event.action,
            )
    return chain


def _signatures(
    entries: list[Any],
    by_id: dict[int, Any],
    events: dict[int, Any],
    key: SigningKey | None,
    found: _Findings,
) -> tuple[int, int]:
    checked = unchecked = 0
    for entry in entries:
        event = events.get(entry.event_id) if entry.event_id is not None else None
        if event is None or event.signature is None:
            continue
        if key is None or key.key_id != event.key_id or key.scheme != event.scheme:
            unchecked += 1
            continue
        checked += 1
        if not key.check(entry.hash, event.signature):
            version = by_id.get(event.version_id)
            found.add(version, "signature", "store_problem_signature", actor=event.actor)
    return checked, unchecked


def _describe(entry: Any, by_id: dict[int, Any], events: dict[int, Any]) -> dict[str, Any]:
    version = by_id.get(entry.version_id)
    event = events.get(entry.event_id) if entry.event_id is not None else None
    return {
        "fingerprint": fingerprint(entry.hash),
        "name": None if version is None else version.name,
        "action": "save" if event is None else event.action,
        "actor": version.author if event is None else event.actor,
        "at": version.saved_at if event is None else event.at,
    }
