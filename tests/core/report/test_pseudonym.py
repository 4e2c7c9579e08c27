"""Case pseudonyms: a keyed hash, stable for one key, unrelated across keys."""

from __future__ import annotations

import hashlib
import hmac
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pinspect.report import pseudonym
from pinspect.report.pseudonymisation import pseudonyms

keys = st.binary(min_size=1, max_size=64)
references = st.text(min_size=1, max_size=40)


@given(keys, references)
def test_a_pseudonym_is_stable_for_a_key(key: bytes, reference: str) -> None:
    """The same key and reference give the same pseudonym in any build: the keyed hash of the
    reference (HMAC-SHA256, computed here independently), cut to the default 12 digits, and
    not some per-process or randomised value."""
    expected = hmac.new(bytes(key), reference.encode("utf-8"), hashlib.sha256).hexdigest()
    assert pseudonym(key, reference) == "case-" + expected[:12]
    assert pseudonyms(key, [reference, reference]) == {reference: "case-" + expected[:12]}


def test_a_pseudonym_is_pinned_for_a_known_key() -> None:
    """A fixed key and reference give the value recorded here: an annex written today can be
    matched with one written after an upgrade."""
    assert (
        pseudonym(b"inspection key", "X123456")
        == "case-" + (hmac.new(b"inspection key", b"X123456", hashlib.sha256).hexdigest()[:12])
    )
    assert pseudonym(b"inspection key", "X123456") == "case-800a443666ac"


@given(keys, references)
def test_a_pseudonym_is_a_prefix_and_hex_digits_and_never_holds_the_reference(
    key: bytes, reference: str
) -> None:
    name = pseudonym(key, reference)
    assert re.fullmatch(r"case-[0-9a-f]{12}", name)


@given(keys, keys, references)
def test_different_keys_give_different_pseudonyms(first: bytes, second: bytes, ref: str) -> None:
    if first != second:
        assert pseudonym(first, ref) != pseudonym(second, ref)


def test_different_references_give_different_pseudonyms() -> None:
    names = {pseudonym(b"k", f"C{i:04d}") for i in range(2000)}
    assert len(names) == 2000


def test_it_is_the_shortened_hmac_sha256_of_the_reference() -> None:
    """Checked against the standard library, so the scheme is what the docs say."""
    import hashlib  # noqa: PLC0415
    import hmac  # noqa: PLC0415

    digest = hmac.new(b"key", b"CRN123", hashlib.sha256).hexdigest()
    assert pseudonym(b"key", "CRN123") == "case-" + digest[:12]
    assert pseudonym(b"key", "CRN123", length=20) == "case-" + digest[:20]


def test_an_empty_key_is_refused() -> None:
    with pytest.raises(ValueError, match="must not be empty"):
        pseudonym(b"", "C001")


def test_a_collision_is_refused_rather_than_merging_two_cases() -> None:
    """At the shortest length (8 hex digits, 32 bits) a few hundred thousand references hold
    a collision; the report must refuse it rather than merge two cases' answers."""
    references = [f"C{i:06d}" for i in range(300_000)]
    with pytest.raises(ValueError, match="longer pseudonym_length"):
        pseudonyms(b"k", references, length=8)
    assert len(pseudonyms(b"k", references[:1000], length=8)) == 1000
