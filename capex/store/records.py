"""What the store says about a version: its record, its workflow events, an approval.

These are read from the database, never written back: a status is not a column but the
last workflow event appended to the version (draft when there is none).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from capex.store.chain import fingerprint
from capex.terms import check_lang, term

__all__ = ["ACTIONS", "STATUSES", "Approval", "Event", "Version", "status_word"]

STATUSES = ("draft", "submitted", "approved")
"""The workflow a version goes through."""

ACTIONS = {"submit": "submitted", "approve": "approved"}
"""Workflow events, and the status each leaves a version in."""


def status_word(status: str, lang: str = "en") -> str:
    """A status in ``lang``: ``approved``, ``已批准``."""
    return term(f"store_status_{status}", check_lang(lang))


@dataclass(frozen=True)
class Event:
    """A workflow event appended to a version: who did what, when and why.

    Attributes
    ----------
    action
        ``"submit"`` or ``"approve"``.
    actor
        Who did it.
    at
        When (UTC, ISO 8601).
    reason
        Why, as they wrote it (may be empty).
    hash
        The hash of its entry in the chain; for an approval, the fingerprint in full.
    scheme, key_id, signature
        For a signed approval: how it was signed, by which key (its id, never the key) and
        the signature; ``None`` otherwise.
    """

    action: str
    actor: str
    at: str
    reason: str
    hash: str
    scheme: str | None = None
    key_id: str | None = None
    signature: str | None = None

    @property
    def fingerprint(self) -> str:
        """The short form of :attr:`hash` (版本指纹 for an approval)."""
        return fingerprint(self.hash)


@dataclass(frozen=True)
class Version:
    """A saved version: an immutable snapshot of an object and its record.

    Attributes
    ----------
    id
        Its number in the store (unique, in the order saved).
    name
        Its unique name (``"2027年初预算"``).
    kind
        The kind of object (``"SpreadResult"``, ``"Portfolio"`` ...).
    stage
        The budget stage the office names (年初预算, 调整预算, 决算, or its own words).
    parent
        The name of the version it revises (its lineage), or ``None``.
    author
        Who saved it.
    note
        Why, as they wrote it.
    saved_at
        When (UTC, ISO 8601).
    content_sha256
        The SHA-256 of its content in the canonical form.
    hash
        Its version hash (over its content, its record and its parent's hash).
    events
        The workflow events appended to it, in order.
    codes_sha256
        The SHA-256 of the project codes kept beside a result that does not carry them,
        or ``None``.
    measured_sha256
        The SHA-256 of the fields kept beside the content that measure how the object was
        made (a solve's run time, a provenance record's time), or ``None``; they are in no
        version hash, so no fingerprint depends on the clock.
    """

    id: int
    name: str
    kind: str
    stage: str
    parent: str | None
    author: str
    note: str
    saved_at: str
    content_sha256: str
    hash: str
    events: tuple[Event, ...] = ()
    codes_sha256: str | None = field(default=None, repr=False)
    measured_sha256: str | None = field(default=None, repr=False)

    @property
    def status(self) -> str:
        """``draft``, ``submitted`` or ``approved``: the last event's outcome."""
        return ACTIONS[self.events[-1].action] if self.events else "draft"

    @property
    def approval(self) -> Event | None:
        """The approval, or ``None`` when it is not approved."""
        approvals = [e for e in self.events if e.action == "approve"]
        return approvals[-1] if approvals else None

    @property
    def fingerprint(self) -> str | None:
        """The fingerprint (版本指纹) of its approval, or ``None``."""
        approval = self.approval
        return None if approval is None else approval.fingerprint

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Approval:
    """What approving a version returns: the fingerprint to print on the approved document.

    ``str(approval)`` is the fingerprint (版本指纹), the short form of :attr:`hash`, the
    chain's head hash right after the approval: ``capex verify --anchor`` checks it.
    """

    version: Version
    event: Event

    @property
    def fingerprint(self) -> str:
        return self.event.fingerprint

    @property
    def hash(self) -> str:
        return self.event.hash

    def __str__(self) -> str:
        return self.fingerprint

    def summary(self, lang: str = "en") -> str:
        """One sentence: what was approved, by whom, and the fingerprint."""
        return term(
            "store_approved",
            check_lang(lang),
            name=self.version.name,
            by=self.event.actor,
            at=self.event.at,
            fingerprint=self.fingerprint,
        )
