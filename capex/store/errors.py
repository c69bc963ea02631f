"""The errors of the plan store: one class, a :class:`~capex.errors.CapexError`.

A driver's or SQLAlchemy's own exception never reaches the user: the store says what it was
doing, on which store, and what the database answered, in one sentence.
"""

from __future__ import annotations

from capex.errors import CapexError

__all__ = ["StoreError"]


class StoreError(CapexError):
    """A store that cannot be opened, read or written, or a request it refuses (a name taken,
    an approval by the author, a version that a newer one supersedes, a value it cannot save).
    """
