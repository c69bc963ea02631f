"""Submitting and approving are events appended to a version, never changes of it."""

from __future__ import annotations

import subprocess

import pytest

from capex.store import StoreError, open_store


@pytest.fixture
def saved(store, bundled_plan):
    store.save(bundled_plan, "2027年初预算", stage="年初预算", author="王芳")
    return store


def test_submit_then_approve_returns_the_fingerprint(saved):
    submitted = saved.submit("2027年初预算", by="王芳", reason="报区政府审议")
    assert submitted.status == "submitted"
    approval = saved.approve("2027年初预算", by="李强", reason="常务会议通过")
    assert str(approval) == approval.fingerprint and len(approval.fingerprint) == 19
    version = saved.version("2027年初预算")
    assert version.status == "approved" and version.fingerprint == approval.fingerprint
    assert [(e.action, e.actor, e.reason) for e in version.events] == [
        ("submit", "王芳", "报区政府审议"),
        ("approve", "李强", "常务会议通过"),
    ]
    assert saved.versions()["approved_by"].tolist() == ["李强"]
    assert "版本指纹" in approval.summary("zh")
    assert saved.verify(anchor=approval.fingerprint).ok


@pytest.mark.parametrize(
    ("steps", "problem"),
    [
        ([], "is a draft: submit it"),
        ([("submit", "王芳"), ("approve", "李强")], "was approved already, by 李强"),
    ],
    ids=["a draft", "approved twice"],
)
def test_approving_out_of_turn_is_refused(saved, steps, problem):
    for action, who in steps:
        getattr(saved, action)("2027年初预算", by=who)
    with pytest.raises(StoreError, match=problem):
        saved.approve("2027年初预算", by="赵敏")


def test_submitting_twice_is_refused(saved):
    saved.submit("2027年初预算", by="王芳")
    with pytest.raises(StoreError, match="is submitted already"):
        saved.submit("2027年初预算", by="王芳")


def test_the_author_cannot_approve_unless_four_eyes_is_off(saved, store_url):
    saved.submit("2027年初预算", by="王芳")
    with pytest.raises(StoreError, match="an approver must be someone else"):
        saved.approve("2027年初预算", by=" 王芳 ")
    with open_store(store_url, four_eyes=False) as alone:
        assert alone.approve("2027年初预算", by="王芳").version.status == "approved"


def test_a_version_a_newer_one_revises_cannot_be_approved(saved, bundled_plan):
    saved.submit("2027年初预算", by="王芳")
    saved.save(bundled_plan, "2027年初预算（修改稿）", parent="2027年初预算", author="王芳")
    with pytest.raises(StoreError, match="superseded: 2027年初预算（修改稿）"):
        saved.approve("2027年初预算", by="李强")
    assert saved.version("2027年初预算").status == "submitted"


def _ed25519(tmp_path):
    private = tmp_path / "approver.pem"
    public = tmp_path / "approver.pub"
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    key = ed25519.Ed25519PrivateKey.generate()
    private.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    public.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return private, public


@pytest.mark.parametrize("scheme", ["hmac-sha256", "ed25519"])
def test_a_key_held_outside_the_store_signs_each_approval(saved, store_url, tmp_path, scheme):
    if scheme == "hmac-sha256":
        signing = checking = b"a secret of the finance bureau, 32b"
        other = b"another secret, not the bureau's one"
    else:
        signing, checking = _ed25519(tmp_path)
        other = _other_public(tmp_path)
    saved.submit("2027年初预算", by="王芳")
    with open_store(store_url, key=signing) as keyed:
        approval = keyed.approve("2027年初预算", by="李强")
    assert approval.event.scheme == scheme and approval.event.signature
    checked = saved.verify(key=checking)
    assert checked.ok and checked.signatures_checked == 1
    unchecked = saved.verify()
    assert unchecked.ok and unchecked.signatures_unchecked == 1
    assert saved.verify(key=other).signatures_unchecked == 1  # another key: not this one's


def _other_public(tmp_path):
    folder = tmp_path / "other"
    folder.mkdir()
    return _ed25519(folder)[1]


def test_a_short_secret_is_refused(tmp_path):
    with pytest.raises(StoreError, match="at least 16 bytes"):
        open_store(tmp_path / "capex.db", key=b"short")


def test_a_public_key_checks_but_cannot_sign(saved, store_url, tmp_path):
    _, public = _ed25519(tmp_path)
    saved.submit("2027年初预算", by="王芳")
    with open_store(store_url, key=public) as keyed, pytest.raises(StoreError, match="public key"):
        keyed.approve("2027年初预算", by="李强")


def test_an_openssl_key_signs_too(sqlite_store, bundled_plan, tmp_path):
    key = tmp_path / "k.pem"
    made = subprocess.run(
        ["openssl", "genpkey", "-algorithm", "ed25519", "-out", str(key)], check=False
    )
    if made.returncode != 0:
        pytest.skip("no openssl on this machine")
    sqlite_store.save(bundled_plan, "v", author="王芳")
    sqlite_store.submit("v", by="王芳")
    with open_store(sqlite_store.path, key=key) as keyed:
        assert keyed.approve("v", by="李强").event.scheme == "ed25519"
