"""The errors of the plan store: one class, a :class:`~capex.errors.CapexError`.

A driver's or SQLAlchemy's own exception never reaches the user: the store says what it was
doing, on which store, and what the database answered, in one sentence.
"""

from __future__ import annotations

from capex.errors import CapexError
from capex.terms import TERMS, Message, joined, phrase

__all__ = ["StoreError", "kind_named", "kinds_named"]


class StoreError(CapexError):
    """A store that cannot be opened, read or written, or a request it refuses (a name taken,
    an approval by the author, a version that a newer one supersedes, a value it cannot save).
    """


def kind_named(kind: str) -> Message | str:
    """A kind of object as a message (``Portfolio``, 项目表); a kind the table has no word for
    (a class of the user's) as it is named."""
    key = f"store_kind_{kind}"
    return phrase(key) if key in TERMS else kind


def kinds_named(kinds: list[str] | tuple[str, ...]) -> Message:
    """Several kinds, listed: ``Portfolio, PlanResult``, ``项目表，计划``."""
    return joined([kind_named(kind) for kind in kinds], "comma")
