"""The store: versions of capex's objects, their workflow, and their chain of hashes.

>>> import capex
>>> store = capex.open_store("capex.db")                     # doctest: +SKIP
>>> plan = capex.spread(capex.load_projects(), {2027: 12})   # doctest: +SKIP
>>> store.save(plan, "2027年初预算", stage="年初预算", author="王芳")  # doctest: +SKIP
>>> store.submit("2027年初预算", by="王芳")                   # doctest: +SKIP
>>> store.approve("2027年初预算", by="李强")                  # doctest: +SKIP
<Approval 3f2a-9c1b-04de-77aa>
>>> store.load("2027年初预算")                                # doctest: +SKIP

Every save is a new version: versions are never changed, and neither are the events appended
to them. A change of an approved version is a new version whose parent it is.
"""

from __future__ import annotations

import getpass
import zlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

import pandas as pd
import sqlalchemy as sa

import capex.store.kinds  # noqa: F401  (the codecs of capex's own objects)
from capex.errors import CapexError
from capex.model.provenance import _now as now  # one clock for every record (SOURCE_DATE_EPOCH)
from capex.store import schema
from capex.store.canonical import sha256_hex
from capex.store.chain import GENESIS, entry_hash, version_hash
from capex.store.codecs import codec_for, content_parts, kinds, read_content
from capex.store.codes import CODE_CARRIERS, codes_document, given_codes, read_codes
from capex.store.engine import Database, open_database
from capex.store.errors import StoreError, kind_named, kinds_named
from capex.store.migrate import upgrade
from capex.store.records import ACTIONS, Approval, Event, Version, status_word
from capex.store.signing import SigningKey, load_key
from capex.store.views import view_of
from capex.terms import Message, check_lang, phrase, term

if TYPE_CHECKING:
    from capex.store.diff import StoreDiff
    from capex.store.export import StoredVersion
    from capex.store.history import ProjectHistory
    from capex.store.verify import Verification

__all__ = ["Store", "fault_point", "open_store"]

COMPRESSION = "zlib"
COMPRESSION_LEVEL = 1
"""zlib's fastest level: the canonical JSON of a plan shrinks about eightfold, fast enough for
a 100,000-project save within its goal (``benchmarks/store.py``)."""

LONGEST_NAME = 200
"""Longest name, stage or author the store keeps (a column of 200 characters)."""


def fault_point(step: str) -> None:
    """A named point inside a save, where the crash tests kill the saving process
    (``"content"``: content written; ``"version"``: its record; ``"ledger"``: its chain entry,
    not yet committed). Does nothing otherwise."""


def open_store(
    url_or_path: str | Path = "capex.db",
    *,
    four_eyes: bool = True,
    key: bytes | str | Path | SigningKey | None = None,
    create: bool = True,
) -> Store:
    """Open the store at ``url_or_path``, making it if need be, upgrading an older one.

    Parameters
    ----------
    url_or_path
        A path (an SQLite file: ``"capex.db"``, the default) or a server's URL
        (``"postgresql://user@host/db"``). SQLite on a network drive is not safe: share a
        store through PostgreSQL.
    four_eyes
        Whether an approver must differ from the author (the default; ``False`` for an
        office of one).
    key
        A key held outside the database that signs each approval: an HMAC secret (bytes, or
        a file holding it) or an Ed25519 private key (a PEM file); see
        :mod:`capex.store.signing`.
    create
        ``False`` refuses a path where there is no store yet instead of making one.

    Raises
    ------
    StoreError
        When the store cannot be opened (no such folder, not a database, a database of
        something else, a store made by a newer capex).
    """
    database = open_database(url_or_path, create=create)
    try:
        upgrade(database)
    except BaseException:
        database.dispose()
        raise
    return Store(database, four_eyes=four_eyes, key=load_key(key))


class Store:
    """Versions of capex's objects in a database (see :func:`open_store`).

    A version has a unique name and id, a budget ``stage``, a workflow ``status`` (draft,
    submitted, approved: events appended to it), a ``parent`` (the version it revises), an
    author, a note, a time, the SHA-256 of its content and its version hash. Use it as a
    context manager, or :meth:`close` it.
    """

    def __init__(
        self, database: Database, *, four_eyes: bool = True, key: SigningKey | None = None
    ) -> None:
        self._db = database
        self.four_eyes = bool(four_eyes)
        self.key = key

    # -- the store ------------------------------------------------------------------------
    @property
    def location(self) -> str:
        """The file or server the store is in (a password is never shown)."""
        return self._db.shown

    @property
    def path(self) -> Path | None:
        """The SQLite file, or ``None`` for a server."""
        return self._db.path

    def close(self) -> None:
        """Close the store's connections."""
        self._db.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.location!r})"

    # -- saving and loading -----------------------------------------------------------------
    def save(
        self,
        obj: Any,
        name: str,
        *,
        stage: str = "",
        parent: str | int | Version | None = None,
        note: str = "",
        author: str | None = None,
        codes: Any = None,
    ) -> Version:
        """Save ``obj`` as a new version named ``name`` and return its record.

        Parameters
        ----------
        obj
            Any object capex makes (see :func:`capex.store.codecs.kinds`): a portfolio, a
            spread or shift result, actuals, a variance, a re-forecast, a hand-over, a
            scenario ...
        name
            Unique in the store (``"2027年初预算"``); not a whole number (that reads as an id).
        stage
            The budget stage, in the office's words (年初预算, 调整预算, 决算 ...).
        parent
            The version this one revises (name, id or record): the 调整预算 names the
            年初预算 it adjusts. Distinct from the order of saving.
        note
            Why it was saved.
        author
            Who saved it (the user logged in, by default).
        codes
            The projects' stable codes (项目代码), for an object that does not carry them
            (a result): the :class:`~capex.Portfolio` it was made from, or ``{id: code}``.
            By default a result takes the codes of its ``parent``; a portfolio (and a
            hand-over's next plan) carries its own ``code`` column. A project's history
            (:meth:`history`) follows its code where the data has one, else its id.

        Raises
        ------
        StoreError
            A name taken or not allowed, an unknown parent, an object the store cannot
            save (naming the field that holds the value).
        """
        name = _label(name, "name")
        if name.isdigit():
            raise StoreError(phrase("err_store_name_number", name=repr(name)))
        stage = _label(stage, "stage", empty=True)
        author = _label(author if author is not None else _user(), "author")
        note = _text(note, "note")
        codec = codec_for(obj)
        if codec is None:
            raise StoreError(
                phrase(
                    "err_store_cannot_save_kind",
                    kind=kind_named(type(obj).__name__),
                    kinds=kinds_named(kinds()),
                )
            )
        content, measured = content_parts(obj)
        content_sha = sha256_hex(content)
        packed = zlib.compress(content, COMPRESSION_LEVEL)
        kept_codes = self._codes_to_keep(obj, codec.kind, codes, parent)
        codes_sha = measured_sha = None
        with self._db.writing() as connection:
            if _version_row(connection, name) is not None:
                raise StoreError(phrase("err_store_name_taken", name=repr(name)))
            parent_row = None if parent is None else self._row(connection, parent)
            _keep_content(connection, content_sha, content, packed)
            if kept_codes is not None:
                codes_sha = sha256_hex(kept_codes)
                _keep_content(
                    connection,
                    codes_sha,
                    kept_codes,
                    zlib.compress(kept_codes, COMPRESSION_LEVEL),
                )
            if measured is not None:
                measured_sha = sha256_hex(measured)
                _keep_content(
                    connection, measured_sha, measured, zlib.compress(measured, COMPRESSION_LEVEL)
                )
            fault_point("content")
            saved_at = now()
            record = {
                "name": name,
                "kind": codec.kind,
                "codec": codec.version,
                "stage": stage,
                "author": author,
                "note": note,
                "saved_at": saved_at,
            }
            hashed = version_hash(
                **record,
                content=content_sha,
                parent=None if parent_row is None else parent_row.hash,
                codes=codes_sha,
            )
            version_id = connection.execute(
                schema.versions.insert().values(
                    **record,
                    parent_id=None if parent_row is None else parent_row.id,
                    content_sha256=content_sha,
                    hash=hashed,
                    codes_sha256=codes_sha,
                    measured_sha256=measured_sha,
                )
            ).inserted_primary_key[0]
            fault_point("version")
            _append(connection, version_id, None, {"type": "saved", "version": hashed})
            fault_point("ledger")
        return Version(
            id=version_id,
            name=name,
            kind=codec.kind,
            stage=stage,
            parent=None if parent_row is None else parent_row.name,
            author=author,
            note=note,
            saved_at=saved_at,
            content_sha256=content_sha,
            hash=hashed,
            codes_sha256=codes_sha,
            measured_sha256=measured_sha,
        )

    def load(self, version: str | int | Version) -> Any:
        """The object saved as ``version`` (name, id or record), equal to the one saved.

        Raises
        ------
        StoreError
            For an unknown version, or content that no longer matches its hash (the store
            was changed outside capex: run :meth:`verify`).
        """
        with self._db.reading() as connection:
            row = self._row(connection, version)
            data = _content(connection, row.content_sha256, row.name)
            measured = (
                None
                if row.measured_sha256 is None
                else _content(connection, row.measured_sha256, row.name)
            )
        return read_content(data, measured)

    def version(self, version: str | int | Version) -> Version:
        """The record of ``version`` (name, id or record): name, kind, stage, status ..."""
        with self._db.reading() as connection:
            return self._version(connection, self._row(connection, version).id)

    def versions(self, *, lang: str = "en") -> pd.DataFrame:
        """Every version, in the order saved: ``id``, ``name``, ``kind``, ``stage``,
        ``status``, ``author``, ``time``, ``parent``, ``content_sha256``, ``approved_by``
        and ``fingerprint`` (版本指纹 of an approved version); headed and worded in
        ``lang``."""
        check_lang(lang)
        with self._db.reading() as connection:
            records = self._all_versions(connection)
        frame = pd.DataFrame(
            {
                "id": pd.array([v.id for v in records], dtype="int64"),
                "name": [v.name for v in records],
                "kind": [kind_word(v.kind, lang) for v in records],
                "stage": [v.stage for v in records],
                "status": [status_word(v.status, lang) for v in records],
                "author": [v.author for v in records],
                "time": [v.saved_at for v in records],
                "parent": [v.parent for v in records],
                "content_sha256": [v.content_sha256 for v in records],
                "approved_by": [v.approval.actor if v.approval else None for v in records],
                "fingerprint": [v.fingerprint for v in records],
            }
        )
        if lang != "en":
            frame.columns = [term(f"store_column_{c}", lang) for c in frame.columns]
        return frame

    def document(self, version: str | int | Version) -> StoredVersion:
        """``version``'s object with its record, as filed: ``capex.to_excel(store.document(
        "2027年初预算"), "filed.xlsx")`` writes a first sheet with the record (status, who
        approved it and when, the fingerprint 版本指纹) and then the object's own sheets."""
        from capex.store.export import StoredVersion

        record = self.version(version)
        return StoredVersion(record, self.load(record))

    def records(self) -> list[Version]:
        """Every version's record, in the order saved."""
        with self._db.reading() as connection:
            return self._all_versions(connection)

    # -- the workflow -------------------------------------------------------------------------
    def submit(self, version: str | int | Version, *, by: str, reason: str = "") -> Version:
        """Submit a draft for approval: an event appended to it (who, when, why)."""
        by = _label(by, "by")
        reason = _text(reason, "reason")
        with self._db.writing() as connection:
            record = self._version(connection, self._row(connection, version).id)
            if record.status != "draft":
                raise StoreError(
                    phrase(
                        "err_store_submitted_already",
                        name=record.name,
                        status=phrase(f"store_status_{record.status}"),
                    )
                )
            self._event(connection, record, "submit", by, reason)
            return self._version(connection, record.id)

    def approve(self, version: str | int | Version, *, by: str, reason: str = "") -> Approval:
        """Approve a submitted version: an event appended to it, signed when the store has a
        key. Returns the :class:`~capex.store.records.Approval`, whose fingerprint (版本指纹)
        is printed on the approved document.

        Raises
        ------
        StoreError
            When the version is not submitted, is approved already, is approved by its
            author (unless the store was opened with ``four_eyes=False``), or has been
            superseded by a newer version of its lineage.
        """
        by = _label(by, "by")
        reason = _text(reason, "reason")
        if self.key is not None and not self.key.can_sign:
            raise StoreError(phrase("err_store_public_key"))
        with self._db.writing() as connection:
            record = self._version(connection, self._row(connection, version).id)
            if record.status == "approved":
                approval = record.approval
                assert approval is not None
                raise StoreError(
                    phrase(
                        "err_store_approved_already",
                        name=record.name,
                        by=approval.actor,
                        at=approval.at,
                        fingerprint=approval.fingerprint,
                    )
                )
            if record.status != "submitted":
                raise StoreError(phrase("err_store_draft", name=record.name))
            if self.four_eyes and by.casefold() == record.author.casefold():
                raise StoreError(
                    phrase("err_store_four_eyes", name=record.name, author=record.author)
                )
            newer = connection.execute(
                sa.select(schema.versions.c.name, schema.versions.c.saved_at)
                .where(schema.versions.c.parent_id == record.id)
                .order_by(schema.versions.c.id.desc())
            ).first()
            if newer is not None:
                raise StoreError(
                    phrase(
                        "err_store_superseded",
                        name=record.name,
                        newer=newer.name,
                        at=newer.saved_at,
                    )
                )
            event = self._event(connection, record, "approve", by, reason)
            return Approval(self._version(connection, record.id), event)

    def codes(self, version: str | int | Version) -> pd.Series | None:
        """The stable codes (项目代码) of ``version``'s projects by id: those its object
        carries (a portfolio's ``code`` column), else those kept beside it; ``None`` when it
        knows none."""
        with self._db.reading() as connection:
            row = self._row(connection, version)
            if row.codes_sha256 is not None:
                return read_codes(_content(connection, row.codes_sha256, row.name))
            if row.kind not in CODE_CARRIERS:
                return None
            data = _content(connection, row.content_sha256, row.name)
        view = view_of(row.kind, read_content(data))
        return None if view is None else view.codes

    def _codes_to_keep(
        self, obj: Any, kind: str, codes: Any, parent: str | int | Version | None
    ) -> bytes | None:
        """The canonical document of the codes to keep beside ``obj``, or ``None``."""
        if codes is None and parent is None:
            return None
        view = view_of(kind, obj)
        if view is None or view.codes is not None:
            if codes is not None and view is None:
                raise StoreError(phrase("err_store_no_projects", kind=kind_named(kind)))
            return None  # it carries its own codes
        given = given_codes(codes) if codes is not None else self.codes(parent)  # type: ignore[arg-type]
        return None if given is None else codes_document(view, given)

    # -- comparing ----------------------------------------------------------------------------
    def diff(self, before: str | int | Version, after: str | int | Version) -> StoreDiff:
        """What changed from ``before`` to ``after``: projects added, removed and changed
        (field by field and year by year, money exact) and the annual totals before and
        after; objects of different kinds are compared through their money year by year, or
        refused (see :mod:`capex.store.diff`). ``.summary(unit, lang="zh")`` says it in
        Chinese."""
        from capex.store.diff import diff_objects

        records = self.version(before), self.version(after)
        objects = [self.load(record) for record in records]
        return diff_objects(
            *objects,
            names=(records[0].name, records[1].name),
            kinds=(records[0].kind, records[1].kind),
            codes=(self._kept_codes(records[0]), self._kept_codes(records[1])),
        )

    def history(self, code: str | int) -> ProjectHistory:
        """A project's total, window and money year by year in every version that holds
        it, found by its stable code (项目代码) where a version knows codes, else by its id
        (see :mod:`capex.store.history`)."""
        from capex.store.history import project_history
        from capex.store.views import VIEWS, with_codes

        def views() -> Iterator[tuple[Version, Any]]:
            for record in self.records():
                if record.kind in VIEWS:
                    view = view_of(record.kind, self.load(record))
                    yield record, with_codes(view, self._kept_codes(record))

        return project_history(str(code).strip(), views())

    def _kept_codes(self, record: Version) -> pd.Series | None:
        """The codes kept beside ``record`` (not those its object carries), or ``None``."""
        if record.codes_sha256 is None:
            return None
        with self._db.reading() as connection:
            return read_codes(_content(connection, record.codes_sha256, record.name))

    # -- checking -----------------------------------------------------------------------------
    def verify(
        self, anchor: str | None = None, *, key: bytes | str | Path | SigningKey | None = None
    ) -> Verification:
        """Recompute every hash of the store; with ``anchor`` (a fingerprint printed at an
        approval), prove that the record behind the filed document is unchanged.

        Returns a :class:`~capex.store.verify.Verification` (``.ok``, ``.problems``, the
        first changed version named, ``.summary()``); approvals signed with ``key`` (by
        default the store's own) are checked. See :mod:`capex.store.verify`.
        """
        from capex.store.verify import verify

        return verify(self._db, anchor, load_key(key) if key is not None else self.key)

    # -- reading the record -------------------------------------------------------------------
    def _row(self, connection: sa.Connection, version: str | int | Version) -> Any:
        """The versions row of a name, an id (an int, or digits) or a record."""
        if isinstance(version, Version):
            version = version.id
        row = None
        if isinstance(version, bool):
            row = None
        elif isinstance(version, int):
            row = connection.execute(
                sa.select(schema.versions).where(schema.versions.c.id == version)
            ).first()
        elif isinstance(version, str):
            row = _version_row(connection, version.strip())
            if row is None and version.strip().isdigit():
                row = connection.execute(
                    sa.select(schema.versions).where(schema.versions.c.id == int(version))
                ).first()
        if row is None:
            raise StoreError(
                phrase("err_store_no_version", store=self.location, version=repr(version))
            )
        return row

    def _version(self, connection: sa.Connection, version_id: int) -> Version:
        versions = self._all_versions(connection, [version_id])
        return versions[0]

    def _all_versions(
        self, connection: sa.Connection, ids: Iterable[int] | None = None
    ) -> list[Version]:
        v = schema.versions
        query = sa.select(v).order_by(v.c.id)
        if ids is not None:
            query = query.where(v.c.id.in_(list(ids)))
        rows = connection.execute(query).all()
        if ids is None:
            names = {row.id: row.name for row in rows}
        else:  # the parents' names only: a save reads its own record, not the whole store
            parents = {row.parent_id for row in rows if row.parent_id is not None}
            names = dict(
                connection.execute(sa.select(v.c.id, v.c.name).where(v.c.id.in_(parents))).all()
            )
        events = _events(connection, [row.id for row in rows] if ids is not None else None)
        return [
            Version(
                id=row.id,
                name=row.name,
                kind=row.kind,
                stage=row.stage,
                parent=names.get(row.parent_id),
                author=row.author,
                note=row.note,
                saved_at=row.saved_at,
                content_sha256=row.content_sha256,
                hash=row.hash,
                events=tuple(events.get(row.id, ())),
                codes_sha256=row.codes_sha256,
                measured_sha256=row.measured_sha256,
            )
            for row in rows
        ]

    def _event(
        self, connection: sa.Connection, record: Version, action: str, by: str, reason: str
    ) -> Event:
        """Append a workflow event (and its chain entry) to ``record``."""
        at = now()
        key = self.key if action == "approve" else None
        chain_record = {
            "type": action,
            "version": record.hash,
            "actor": by,
            "at": at,
            "reason": reason,
            "scheme": None if key is None else key.scheme,
            "key_id": None if key is None else key.key_id,
        }
        seq, previous = _head(connection)
        hashed = entry_hash(seq + 1, previous, chain_record)
        signature = None if key is None else key.sign(hashed)
        event_id = connection.execute(
            schema.events.insert().values(
                version_id=record.id,
                action=action,
                actor=by,
                at=at,
                reason=reason,
                scheme=chain_record["scheme"],
                key_id=chain_record["key_id"],
                signature=signature,
            )
        ).inserted_primary_key[0]
        connection.execute(
            schema.ledger.insert().values(
                seq=seq + 1, version_id=record.id, event_id=event_id, hash=hashed
            )
        )
        return Event(
            action,
            by,
            at,
            reason,
            hashed,
            chain_record["scheme"],
            chain_record["key_id"],
            signature,
        )


# ---------------------------------------------------------------------------------------
# rows
# ---------------------------------------------------------------------------------------
def _version_row(connection: sa.Connection, name: str) -> Any:
    return connection.execute(
        sa.select(schema.versions).where(schema.versions.c.name == name)
    ).first()


def _events(connection: sa.Connection, ids: list[int] | None) -> dict[int, list[Event]]:
    e, ledger = schema.events, schema.ledger
    query = (
        sa.select(e, ledger.c.hash.label("entry_hash"))
        .join(ledger, ledger.c.event_id == e.c.id)
        .order_by(e.c.id)
    )
    if ids is not None:
        query = query.where(e.c.version_id.in_(ids))
    out: dict[int, list[Event]] = {}
    for row in connection.execute(query):
        if row.action not in ACTIONS:
            continue
        out.setdefault(row.version_id, []).append(
            Event(
                row.action,
                row.actor,
                row.at,
                row.reason,
                row.entry_hash,
                row.scheme,
                row.key_id,
                row.signature,
            )
        )
    return out


def _head(connection: sa.Connection) -> tuple[int, str]:
    """The last entry of the chain: its number and hash (``0`` and the genesis hash when the
    chain is empty). Read under the write lock, so no other writer appends meanwhile."""
    row = connection.execute(
        sa.select(schema.ledger.c.seq, schema.ledger.c.hash)
        .order_by(schema.ledger.c.seq.desc())
        .limit(1)
    ).first()
    return (0, GENESIS) if row is None else (row.seq, row.hash)


def _append(
    connection: sa.Connection, version_id: int, event_id: int | None, record: Mapping[str, Any]
) -> str:
    seq, previous = _head(connection)
    hashed = entry_hash(seq + 1, previous, dict(record))
    connection.execute(
        schema.ledger.insert().values(
            seq=seq + 1, version_id=version_id, event_id=event_id, hash=hashed
        )
    )
    return hashed


def _content(connection: sa.Connection, sha: str, name: str) -> bytes:
    row = connection.execute(
        sa.select(schema.contents).where(schema.contents.c.sha256 == sha)
    ).first()
    if row is None:
        raise StoreError(phrase("err_store_content_missing", name=name))
    data = unpack(row.encoding, row.data, name)
    if sha256_hex(data) != sha:
        raise StoreError(phrase("err_store_content_changed", name=name))
    return data


def _keep_content(connection: sa.Connection, sha: str, data: bytes, packed: bytes) -> None:
    """Store content under its hash, once (the same content saved again is kept once)."""
    c = schema.contents
    if connection.execute(sa.select(c.c.sha256).where(c.c.sha256 == sha)).first() is None:
        connection.execute(
            c.insert().values(sha256=sha, encoding=COMPRESSION, size=len(data), data=packed)
        )


def unpack(encoding: str, data: bytes, name: str) -> bytes:
    """Saved content as the canonical bytes it was made from."""
    if encoding != COMPRESSION:
        raise StoreError(phrase("err_store_content_encoding", name=name, encoding=repr(encoding)))
    try:
        return zlib.decompress(bytes(data))
    except zlib.error as error:
        raise StoreError(
            phrase("err_store_content_damaged", name=name, reason=str(error))
        ) from None


# ---------------------------------------------------------------------------------------
# words
# ---------------------------------------------------------------------------------------
def kind_word(kind: str, lang: str = "en") -> str:
    """A kind of object in ``lang`` (its class name in English)."""
    key = f"store_kind_{kind}"
    try:
        return term(key, lang)
    except CapexError:
        return kind


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a container): say so rather than guess
        raise StoreError(phrase("err_store_no_author")) from None


def _label(value: Any, what: str, *, empty: bool = False) -> str:
    if not isinstance(value, str):
        raise StoreError(phrase("err_store_label_not_text", what=_field(what), value=repr(value)))
    text = value.strip()
    if not text and not empty:
        raise StoreError(phrase("err_store_label_empty", what=_field(what)))
    if len(text) > LONGEST_NAME:
        raise StoreError(
            phrase("err_store_label_long", what=_field(what), length=len(text), most=LONGEST_NAME)
        )
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise StoreError(phrase("err_store_label_control", what=_field(what), value=repr(text)))
    return text


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise StoreError(phrase("err_store_text_not_text", what=_field(what), value=repr(value)))
    return value


def _field(what: str) -> Message:
    """A version's field (``name``, ``author``, ``note`` ...) in words."""
    return phrase(f"err_store_field_{what}")
