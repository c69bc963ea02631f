"""Codecs: how each kind of object is saved, through a small declared list of its fields.

A :class:`Codec` names a class, the fields it keeps (every field of the dataclass, in order)
and its version. Saving writes each field's value in the grammar of
:mod:`capex.store.values`; loading calls the class with the same fields, so the object is
built as capex builds it. A kind plugs in with one codec::

    from capex.store import Codec, register
    register(Codec(SelectionResult, ("chosen", "rejected", "frontier", "money")))

A codec must name *every* field of its class: when a class gains a field (a new
``coverage`` of :class:`~capex.Actuals`, say), saving refuses with a message naming it, and
the tests that compare every field of a round trip fail, until the codec lists it. Content
saved by an older codec version stays as it was saved (its hash is of those bytes);
``upgrades[k]`` turns the fields of version ``k`` into those of version ``k + 1`` when it is
read, for instance giving a new field the value that the old objects meant.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from capex.errors import CapexError
from capex.store.canonical import CONTENT_FORMATS, FORMAT, canonical_bytes, read_canonical
from capex.store.errors import StoreError
from capex.store.values import ObjectHooks, decode_value, encode_value

__all__ = [
    "Codec",
    "codec_for",
    "codec_named",
    "content_bytes",
    "decode",
    "encode",
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
    """

    cls: type
    fields: tuple[str, ...]
    version: int = 1
    kind: str = ""
    upgrades: Mapping[int, Callable[[dict[str, Any]], dict[str, Any]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.kind:
            object.__setattr__(self, "kind", self.cls.__name__)
        object.__setattr__(self, "fields", tuple(self.fields))


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
        raise StoreError(
            f"this store holds a {kind!r}, a kind this version of capex cannot read "
            "(it may have been saved by a newer capex)"
        ) from None


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
    return {
        "kind": codec.kind,
        "codec": codec.version,
        "fields": {
            name: encode_value(getattr(obj, name), f"{path}.{name}", _HOOKS)
            for name in codec.fields
        },
    }


def _decode_object(document: Mapping[str, Any], path: str) -> Any:
    codec = codec_named(document["kind"])
    version = int(document["codec"])
    if version > codec.version:
        raise StoreError(
            f"{path} is a {codec.kind} saved by a newer capex (codec version {version}; this "
            f"capex reads up to {codec.version}): upgrade capex to read it"
        )
    values = {
        name: decode_value(node, f"{path}.{name}", _HOOKS)
        for name, node in document["fields"].items()
    }
    for step in range(version, codec.version):
        values = codec.upgrades[step](values)
    extra = sorted(set(values) - set(codec.fields))
    if extra:
        raise StoreError(f"{path} holds field(s) {', '.join(extra)} unknown to its {codec.kind}")
    init = {f.name for f in dataclasses.fields(codec.cls) if f.init}
    try:
        obj = codec.cls(**{k: v for k, v in values.items() if k in init})
    except (CapexError, TypeError, ValueError) as error:  # its own checks refused it
        raise StoreError(f"{path}: the saved {codec.kind} cannot be rebuilt: {error}") from None
    for name, value in values.items():
        if name not in init:
            object.__setattr__(obj, name, value)
    return obj


_HOOKS = ObjectHooks(_encode_object, _decode_object)


def encode(obj: Any) -> dict[str, Any]:
    """The content document of ``obj``: ``{"format", "kind", "codec", "fields"}``."""
    codec = codec_for(obj)
    if codec is None:
        raise StoreError(
            f"cannot save a {type(obj).__name__}: the store saves {', '.join(kinds())}"
        )
    document = _encode_object(obj, codec.kind)
    assert document is not None
    return {"format": FORMAT, **document}


def decode(document: Mapping[str, Any]) -> Any:
    """The object of a content document."""
    if document.get("format") not in CONTENT_FORMATS:
        raise StoreError(
            f"saved content is in the form {document.get('format')!r}, which this capex "
            f"cannot read (it reads {', '.join(CONTENT_FORMATS)})"
        )
    return _decode_object(document, document["kind"])


def content_bytes(obj: Any) -> bytes:
    """``obj``'s content in the canonical byte form (:mod:`capex.store.canonical`)."""
    return canonical_bytes(encode(obj))


def read_content(data: bytes) -> Any:
    """The object whose canonical bytes are ``data``."""
    return decode(read_canonical(data))
