"""The plan's record: versions, approvals and a verifiable trail in a real database.

A finance office lives in a cycle of versions: the 年初预算 is approved, adjusted (调整预算),
closed by the 决算; each month's payments are imported; each re-forecast and hand-over is
filed and compared with the one before. :func:`open_store` opens a store of such versions, in
an SQLite file (the default, ``capex.db``: one file beside the workbooks, no server) or on a
PostgreSQL server an office shares (``postgresql://...``; SQLite on a network drive is not
safe). Every object capex makes is saved and loaded exactly; saving, submitting and approving
are appended, never changed (the database itself refuses an UPDATE or DELETE); each version's
SHA-256 covers its content and its parent's hash, and each approval returns a fingerprint
(版本指纹) that :meth:`Store.verify` checks later, even against someone who rewrote the rows
and their hashes.

Modules: :mod:`~capex.store.engine` (SQLite and PostgreSQL), :mod:`~capex.store.schema` and
:mod:`~capex.store.migrate` (the tables and their revisions), :mod:`~capex.store.canonical`
(the byte form and hashes), :mod:`~capex.store.values` and :mod:`~capex.store.codecs` (what
each kind of object becomes; :mod:`~capex.store.kinds` lists capex's own),
:mod:`~capex.store.chain` (version hashes and the ledger), :mod:`~capex.store.records` and
:mod:`~capex.store.store` (versions and events), :mod:`~capex.store.codes` (project codes
beside a result), :mod:`~capex.store.views`, :mod:`~capex.store.diff` and
:mod:`~capex.store.history` (objects as projects, compared and followed),
:mod:`~capex.store.verify`, :mod:`~capex.store.signing`, :mod:`~capex.store.export` (the
filed workbook).
"""

from capex.store.codecs import Codec, codec_for, kinds, register
from capex.store.errors import StoreError
from capex.store.export import StoredVersion  # importing it registers the store's exports
from capex.store.records import Approval, Event, Version
from capex.store.store import Store, open_store
from capex.store.verify import Verification

__all__ = [
    "Approval",
    "Codec",
    "Event",
    "Store",
    "StoreError",
    "StoredVersion",
    "Verification",
    "Version",
    "codec_for",
    "kinds",
    "open_store",
    "register",
]
