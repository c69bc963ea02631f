"""Codecs: how each kind of object is saved, through a small declared list of its fields.

A :class:`Codec` names a class, the fields it keeps (every field of the dataclass, in order)
and its version. Saving writes each field's value in the grammar of
:mod:`capex.store.values`; loading calls the class with the same fields, so the object is
built as capex builds it. A kind plugs in with one codec::

    from capex.store import Codec, register
    register(Codec(SelectionResult, ("chosen", "rejected", "frontier", "money")))

A codec must name *every* field of its class: when a class gains a field (a new
``coverage`` of :class:`~capex.Actuals`, say), saving refuses with a message naming it, and
the tests that compare every field of a round trip fail, until the codec lists it.

Some fields measure how an object was made rather than what it is: a solve's ``runtime``,
the moment a provenance record was ``created``. A codec names them in ``measured``: they are
saved beside the content, in a document of their own (``{path: value}``, the path of each
field from the object saved), and left out of the content, so that the same plan solved twice
has one content hash, which does not depend on the clock. Their own hash is checked by
verify; no fingerprint depends on them (:mod:`capex.store.chain`). Content
saved by an older codec version stays as it was saved (its hash is of those bytes);
``upgrades[k]`` turns the fields of version ``k`` into those of version ``k + 1`` when it is
read, for instance giving a new field the value that the old objects meant.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from capex.errors import CapexError
from capex.store.canonical import CONTENT_FORMATS, FORMAT, canonical_bytes, read_canonical
from capex.store.errors import StoreError, kind_named, kinds_named
from capex.store.values import ObjectHooks, decode_value, encode_value
from capex.terms import phrase

__all__ = [
    "Codec",
    "codec_for",
    "codec_named",
    "content_bytes",
    "content_parts",
    "decode",
    "encode",
    "encode_parts",
    "kinds",
    "read_content",
    "register",
    "unknown_fields",
]


@dataclass(frozen=True)
class Codec:
    """How one kind of object is saved.

    Parameters
    ----------
    cls
        The class (a dataclass), matched exactly: a subclass needs its own codec.
    fields
        Every field of the class, in the order they are written.
    version
        The codec's version, written with the content; raise it when ``fields`` change.
    kind
        The kind's name in the store (the class name by default); never change it once
        content has been saved under it.
    upgrades
        ``{k: function}`` turning the fields (a dict) of version ``k`` into version ``k + 1``.
    measured
        Fields (among ``fields``) that measure how the object was made (a run time, a time
        of creation): saved beside the content, not in it (see the module text).
    """

    cls: type
    fields: tuple[str, ...]
    version: int = 1
    kind: str = ""
    upgrades: Mapping[int, Callable[[dict[str, Any]], dict[str, Any]]] = field(default_factory=dict)
    measured: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.kind:
            object.__setattr__(self, "kind", self.cls.__name__)
        object.__setattr__(self, "fields", tuple(self.fields))
        object.__setattr__(self, "measured", tuple(self.measured))
        if not set(self.measured) <= set(self.fields):
            raise StoreError(f"a codec's measured fields must be among its fields: {self.measured}")


_MEASURED: ContextVar[dict[str, Any] | None] = ContextVar("measured", default=None)
"""The measured fields of the object being written or read, by path."""

_BY_KIND: dict[str, Codec] = {}
_BY_CLASS: dict[type, Codec] = {}


def register(codec: Codec) -> Codec:
    """Make ``codec`` the way its class is saved and its kind read."""
    if not dataclasses.is_dataclass(codec.cls):
        raise StoreError(f"a codec needs a dataclass; {codec.cls.__name__} is not one")
    _BY_KIND[codec.kind] = codec
    _BY_CLASS[codec.cls] = codec
    return codec


def kinds() -> list[str]:
    """The kinds of object the store can save, by name."""
    return sorted(_BY_KIND)


def codec_for(obj: Any) -> Codec | None:
    """The codec of ``obj``'s own class (or of the class given), or ``None``."""
    cls = obj if isinstance(obj, type) else type(obj)
    return _BY_CLASS.get(cls)


def codec_named(kind: str) -> Codec:
    """The codec of ``kind``, or a :class:`StoreError` when this capex has none."""
    try:
        return _BY_KIND[kind]
    except KeyError:
        raise StoreError(phrase("err_store_kind_unknown", kind=repr(kind))) from None


def unknown_fields(codec: Codec) -> tuple[list[str], list[str]]:
    """The fields of the class the codec does not name, and those it names that the class
    no longer has."""
    actual = [f.name for f in dataclasses.fields(codec.cls)]
    return (
        [name for name in actual if name not in codec.fields],
        [name for name in codec.fields if name not in actual],
    )


# ---------------------------------------------------------------------------------------
# writing and reading
# ---------------------------------------------------------------------------------------
def _encode_object(obj: Any, path: str) -> dict[str, Any] | None:
    codec = codec_for(obj)
    if codec is None:
        return None
    missing, gone = unknown_fields(codec)
    if missing or gone:
        problem = (
            f"its field(s) {', '.join(missing)} have no place in the store"
            if missing
            else f"the codec names field(s) {', '.join(gone)} it no longer has"
        )
        raise StoreError(
            f"cannot save {path} (a {codec.kind}): {problem}; this version of capex's codec "
            f"for {codec.kind} (version {codec.version}) must be brought up to date"
        )
    measured = _MEASURED.get()
    fields = {}
    for name in codec.fields:
        node = encode_value(getattr(obj, name), f"{path}.{name}", _HOOKS)
        if name in codec.measured and measured is not None:
            measured[f"{path}.{name}"] = node  # beside the content, not in it
        else:
            fields[name] = node
    return {"kind": codec.kind, "codec": codec.version, "fields": fields}


def _decode_object(document: Mapping[str, Any], path: str) -> Any:
    codec = codec_named(document["kind"])
    version = int(document["codec"])
    if version > codec.version:
        raise StoreError(
            phrase(
                "err_store_codec_newer",
                path=path,
                kind=kind_named(codec.kind),
                version=version,
                most=codec.version,
            )
        )
    values = {
        name: decode_value(node, f"{path}.{name}", _HOOKS)
        for name, node in document["fields"].items()
    }
    measured = _MEASURED.get() or {}
    for name in codec.measured:
        node = measured.get(f"{path}.{name}")
        if node is not None and name not in values:
            values[name] = decode_value(node, f"{path}.{name}", _HOOKS)
    for step in range(version, codec.version):
        values = codec.upgrades[step](values)
    extra = sorted(set(values) - set(codec.fields))
    if extra:
        raise StoreError(
            phrase(
                "err_store_fields_unknown",
                path=path,
                fields=", ".join(extra),
                kind=kind_named(codec.kind),
            )
        )
    init = {f.name for f in dataclasses.fields(codec.cls) if f.init}
    try:
        obj = codec.cls(**{k: v for k, v in values.items() if k in init})
    except (CapexError, TypeError, ValueError) as error:  # its own checks refused it
        raise StoreError(
            phrase("err_store_rebuild", path=path, kind=kind_named(codec.kind), error=error)
        ) from None
    for name, value in values.items():
        if name not in init:
            object.__setattr__(obj, name, value)
    return obj


_HOOKS = ObjectHooks(_encode_object, _decode_object)


def encode(obj: Any) -> dict[str, Any]:
    """The content document of ``obj``: ``{"format", "kind", "codec", "fields"}``, its
    measured fields left out (see :func:`encode_parts`)."""
    return encode_parts(obj)[0]


def encode_parts(obj: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The content document of ``obj`` and its measured fields (``{path: value}``, empty when
    it has none)."""
    codec = codec_for(obj)
    if codec is None:
        raise StoreError(
            phrase(
                "err_store_cannot_save_kind",
                kind=kind_named(type(obj).__name__),
                kinds=kinds_named(kinds()),
            )
        )
    measured: dict[str, Any] = {}
    token = _MEASURED.set(measured)
    try:
        document = _encode_object(obj, codec.kind)
    finally:
        _MEASURED.reset(token)
    assert document is not None
    return {"format": FORMAT, **document}, measured


def decode(document: Mapping[str, Any], measured: Mapping[str, Any] | None = None) -> Any:
    """The object of a content document (and its measured fields, when kept)."""
    if document.get("format") not in CONTENT_FORMATS:
        raise StoreError(
            phrase(
                "err_store_format_unknown",
                form=repr(document.get("format")),
                forms=", ".join(CONTENT_FORMATS),
            )
        )
    token = _MEASURED.set(dict(measured or {}))
    try:
        return _decode_object(document, document["kind"])
    finally:
        _MEASURED.reset(token)


def content_bytes(obj: Any) -> bytes:
    """``obj``'s content in the canonical byte form (:mod:`capex.store.canonical`), without
    its measured fields."""
    return canonical_bytes(encode(obj))


def content_parts(obj: Any) -> tuple[bytes, bytes | None]:
    """``obj``'s content and its measured fields (``None`` when it has none), each in the
    canonical byte form."""
    document, measured = encode_parts(obj)
    kept = {"format": FORMAT, "kind": "measured", "values": measured} if measured else None
    return canonical_bytes(document), None if kept is None else canonical_bytes(kept)


def read_content(data: bytes, measured: bytes | None = None) -> Any:
    """The object whose canonical bytes are ``data`` (with its measured fields)."""
    values = None
    if measured is not None:
        kept = read_canonical(measured)
        if kept.get("kind") != "measured":
            raise StoreError(phrase("err_store_measured_damaged"))
        values = kept["values"]
    return decode(read_canonical(data), values)
