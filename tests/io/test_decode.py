"""Tests of toolkit.io.decode: bytes to text, and the one text normalisation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.io.decode import decode_bytes, normalize_text
from toolkit.io.errors import Problem


def test_decode_bytes_undecodable_and_binary() -> None:
    with pytest.raises(Problem) as info:
        decode_bytes(b"\xff\xfe" + b"a\x00b")  # UTF-16 BOM, odd byte count
    assert info.value.error == "undecodable"
    with pytest.raises(Problem) as info:
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    assert info.value.error == "binary"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(categories=["L", "Zs", "P"]), min_size=1))
def test_utf8_text_decodes_to_itself(text: str) -> None:
    if not text.strip():
        return
    decoded, encoding = decode_bytes(text.encode("utf-8"))
    assert decoded == text and encoding == "utf-8"


def test_normalize_text_is_the_one_text_normalize_text() -> None:
    import toolkit.text

    assert toolkit.text.normalize_text is normalize_text
    assert normalize_text("a\u2028b\u2029c\x85d") == "a\nb\n\nc\nd"
