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


# --------------------------------------------------------------------------- checks itself

RU = "Городской совет утвердил бюджет на следующий год. Мэр заявил, что налоги не вырастут."
FR = "Le conseil municipal a adopté le budget. Le maire a déclaré que les impôts baisseront."
EN = "The council approved the budget for next year. The mayor said taxes would not rise."


@pytest.mark.parametrize(
    ("text", "codec", "declared", "expected"),
    [
        (FR, "cp1252", "utf-16", "latin-1"),  # not CJK garbage
        (RU, "cp1251", "utf-16", "cp1251"),
        (FR, "cp1252", "utf-16-le", "latin-1"),
        (FR, "cp1252", "utf-32", "latin-1"),
        (RU, "cp1251", "windows-1252", "cp1251"),  # not Ìýð çàÿâèë
        (FR, "cp1252", "windows-1251", "latin-1"),  # not impфts
        (RU, "koi8-r", "windows-1251", "koi8-r"),  # not swapped case
        (RU, "koi8-r", "koi8-r", "koi8-r"),
        (RU, "cp1251", "gbk", "cp1251"),
        (FR + " “oui”", "cp1252", "iso-8859-1", "cp1252"),  # browsers read Latin-1 as cp1252
        ("市議会は来年度の予算を承認した。", "shift_jis", "shift_jis", "shift_jis"),
        ("市议会批准了明年的预算。", "gbk", "gbk", "gbk"),
        (RU, "cp1251", "no-such-charset", "cp1251"),
    ],
)
def test_declared_charset_only_when_plausible(
    text: str, codec: str, declared: str, expected: str
) -> None:
    assert decode_bytes(text.encode(codec), declared=declared) == (text, expected)


@pytest.mark.parametrize(
    ("first", "second", "codec", "expected"),
    [
        (RU + "\n\n" + EN, RU + " Ещё абзац.", "cp1251", "mixed: utf-8+cp1251"),
        (EN + " “quoted” — dash", RU, "cp1251", "mixed: utf-8+cp1251"),
        (FR, FR, "cp1252", "mixed: utf-8+latin-1"),
        (RU, RU, "koi8-r", "mixed: utf-8+koi8-r"),
    ],
)
def test_utf8_and_a_code_page_are_decoded_line_by_line(
    first: str, second: str, codec: str, expected: str
) -> None:
    data = (first + "\n").encode("utf-8") + second.encode(codec) + b"\r\n" + EN.encode()
    assert decode_bytes(data) == (first + "\n" + second + "\r\n" + EN, expected)


RU_WORDS = ["совет", "бюджет", "мэр", "налоги", "город", "год", "заявил", "утвердил", "Москва"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(RU_WORDS), min_size=3, max_size=12), min_size=1, max_size=4),
    st.lists(st.lists(st.sampled_from(RU_WORDS), min_size=3, max_size=12), min_size=1, max_size=4),
)
def test_mixed_round_trip(utf8_lines: list[list[str]], cp1251_lines: list[list[str]]) -> None:
    first = "\n".join(" ".join(words) for words in utf8_lines)
    second = "\n".join(" ".join(words) + "." for words in cp1251_lines)
    data = first.encode() + b"\n" + second.encode("cp1251")
    assert decode_bytes(data) == (first + "\n" + second, "mixed: utf-8+cp1251")


def test_one_code_page_is_not_mixed() -> None:
    for text, codec in [
        (RU, "cp1251"),
        (RU, "koi8-r"),
        (FR, "latin-1"),
        ("«ГАЗПРОМ»\n" + RU, "cp1251"),
    ]:
        assert decode_bytes(text.encode(codec))[1] == codec


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [EN, RU, EN + " 😀", "Привет 😀"])
def test_truncated_bomless_utf16_loses_at_most_its_last_character(codec: str, text: str) -> None:
    data = text.encode(codec)
    for cut in (1, 3):  # an odd byte count; inside a surrogate pair when it ends in 😀
        decoded, encoding = decode_bytes(data[:-cut])
        assert encoding == codec
        assert text.startswith(decoded) and len(decoded) >= len(text) - 2


def test_utf8_cut_inside_its_last_character() -> None:
    assert decode_bytes((RU + "ж").encode()[:-1]) == (RU, "utf-8")
    assert decode_bytes((EN + "😀").encode()[:-2]) == (EN, "utf-8")


def test_ascii_with_nuls_is_not_utf16() -> None:
    data = b"<p>a\x00b</p>" * 100  # every NUL on the same side, like UTF-16-BE
    with pytest.raises(Problem) as info:
        decode_bytes(data)
    assert info.value.error == "binary"
    assert decode_bytes(EN.encode("utf-16-be")) == (EN, "utf-16-be")
    assert decode_bytes(("新闻 " * 20).encode("utf-16-le")) == ("新闻 " * 20, "utf-16-le")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n" + bytes(20), "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"PK\x03\x04\x14\x00\x06\x00", "zip"),
        (b"\x1f\x8b\x08\x00" + bytes(8), "gzip"),
        (b"\x7fELF\x02\x01\x01\x00", "ELF"),
    ],
)
def test_binary_files_are_named_by_their_signature(data: bytes, what: str) -> None:
    with pytest.raises(Problem) as info:
        decode_bytes(data)
    assert info.value.error == "binary" and what in str(info.value)


@pytest.mark.parametrize(
    "data", [bytes([120, 0, 1, 2, 255, 254]), bytes([0, 1, 2, 3, 250, 251, 252, 253])]
)
def test_a_few_random_bytes_are_not_text(data: bytes) -> None:
    with pytest.raises(Problem) as info:
        decode_bytes(data)
    assert info.value.error in {"binary", "undecodable"}


def test_terminal_colour_codes_are_text() -> None:
    text = "\x1b[1mBreaking\x1b[0m: the bridge is closed tonight.\n" * 30
    assert decode_bytes(text.encode()) == (text, "utf-8")
    assert decode_bytes(text.encode("utf-16")) == (text, "utf-16")
