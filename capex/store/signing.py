"""Signing approvals with a key held outside the database.

A store opened with a key signs each approval: the signature covers the approval's entry
hash (its fingerprint, which vouches for the whole chain before it), and is kept beside the
event with the key's id; the key itself never enters the database. Two kinds of key:

* **HMAC-SHA256**: a secret of at least 16 bytes (``key=b"..."``, or a file holding it). Who
  holds the secret can sign and check; good for one office.
* **Ed25519**: a private key in a PEM file (``openssl genpkey -algorithm ed25519``) signs; its
  public key (a PEM file too) is enough to check, so an auditor checks without being able to
  sign. Needs the ``cryptography`` package.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from capex.store.errors import StoreError
from capex.terms import phrase

__all__ = ["SigningKey", "load_key"]

_MESSAGE = b"capex-store approval "
_SHORTEST_SECRET = 16


@dataclass(frozen=True)
class SigningKey:
    """A key that signs approvals (or, for a public Ed25519 key, only checks them).

    Attributes
    ----------
    scheme
        ``"hmac-sha256"`` or ``"ed25519"``.
    key_id
        Who signed, as the store records it: 16 hex digits of the SHA-256 of the public key
        (Ed25519) or of the secret (HMAC), never the key itself.
    """

    scheme: str
    key_id: str
    _secret: bytes | None = None
    _private: Any = None
    _public: Any = None

    @property
    def can_sign(self) -> bool:
        return self._secret is not None or self._private is not None

    def sign(self, entry_hash: str) -> str:
        """The signature (hex) of an approval whose entry hash is ``entry_hash``."""
        message = _MESSAGE + entry_hash.encode("ascii")
        if self._secret is not None:
            return hmac.new(self._secret, message, hashlib.sha256).hexdigest()
        if self._private is None:
            raise StoreError(phrase("err_store_key_public"))
        return self._private.sign(message).hex()

    def check(self, entry_hash: str, signature: str) -> bool:
        """Whether ``signature`` is this key's signature of the approval ``entry_hash``."""
        message = _MESSAGE + entry_hash.encode("ascii")
        if self._secret is not None:
            expected = hmac.new(self._secret, message, hashlib.sha256).hexdigest()
            return hmac.compare_digest(expected, signature)
        from cryptography.exceptions import InvalidSignature

        try:
            self._public.verify(bytes.fromhex(signature), message)
        except (InvalidSignature, ValueError):
            return False
        return True


def load_key(key: bytes | str | Path | SigningKey | None) -> SigningKey | None:
    """A :class:`SigningKey` from a secret (bytes), a key file (path), or ``None``."""
    if key is None or isinstance(key, SigningKey):
        return key
    if isinstance(key, (bytes, bytearray)):
        return _hmac_key(bytes(key), "the key given")
    path = Path(key)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise StoreError(
            phrase("err_store_key_unreadable", path=str(path), reason=error.strerror or str(error))
        ) from None
    if b"-----BEGIN" in data:
        return _ed25519_key(data, path)
    return _hmac_key(data.strip(), str(path))


def _hmac_key(secret: bytes, where: str) -> SigningKey:
    if len(secret) < _SHORTEST_SECRET:
        raise StoreError(
            phrase("err_store_key_short", where=where, least=_SHORTEST_SECRET, has=len(secret))
        )
    key_id = hashlib.sha256(b"capex-store hmac key " + secret).hexdigest()[:16]
    return SigningKey("hmac-sha256", key_id, _secret=secret)


def _ed25519_key(data: bytes, path: Path) -> SigningKey:
    try:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ed25519
    except ImportError:  # pragma: no cover - cryptography comes with the test extras
        raise StoreError(phrase("err_store_key_needs_cryptography", path=str(path))) from None
    private = public = None
    try:
        if b"PRIVATE KEY" in data:
            private = serialization.load_pem_private_key(data, password=None)
            public = private.public_key()
        else:
            public = serialization.load_pem_public_key(data)
    except (ValueError, TypeError) as error:
        raise StoreError(
            phrase("err_store_key_unknown", path=str(path), reason=str(error))
        ) from None
    if not isinstance(public, ed25519.Ed25519PublicKey):
        raise StoreError(phrase("err_store_key_kind", path=str(path)))
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    key_id = hashlib.sha256(raw).hexdigest()[:16]
    return SigningKey("ed25519", key_id, _private=private, _public=public)
