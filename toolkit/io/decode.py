"""Bytes to text: the encoding of a scraped file, and the one text normalisation.

:func:`decode_bytes` names the encoding it used (strict UTF-8, byte-order marks,
BOM-less UTF-16, UTF-8 lines beside lines in one legacy code page, a declared charset
when it reads plausibly, plausible Cyrillic and Western code pages, then
charset-normalizer); :func:`normalize_text` is what the loader stores as ``text``.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import unicodedata

import regex

from toolkit.io.errors import Problem

__all__ = ["decode_bytes", "normalize_text"]

_NEWLINES = {"\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n\n", "\x85": "\n"}
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Control characters that betray binary data. ESC is left out: terminal colour codes
#: (ESC [ 1 m) in scraped or exported text are text, and binary data has all the others.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
#: What common binary files start with, and what to call them in the errors table.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a zip archive (or a .docx, .xlsx, .epub)"),
    (b"\x1f\x8b\x08", "gzip-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x7fELF", "a program (ELF)"),
    (b"PAR1", "a Parquet file"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
#: In text read as BOM-less UTF-16, characters real UTF-16 text does not hold: controls,
#: unassigned and private-use code points, a byte-order mark inside the text.
_NOT_UTF16_TEXT = regex.compile(
    r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f\ufeff\ufffe\p{Cn}\p{Co}\p{Cs}]"
)
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_CYR = re.compile(r"[\u0400-\u04ff]")
_CYR_LOWER = re.compile(r"[\u0430-\u045f]")
_WESTERN_LETTERS = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿŒœŠšŽžŸƒ"
)
_WESTERN_PUNCT = frozenset("\u00a0‘’‚“”„–—…•€™©®°«»·§¶£¥¢±×÷¿¡ªº´¨¸¹²³¼½¾¬¦¤µ†‡‰‹›ˆ˜\u00ad")
_PUNCT_INSIDE_WORD = re.compile(
    r"[^\W\d_][\u00a0‚“”„–—…•€™©®°«»§¶£¥¢±×÷¿¡ªº¨¸¹²³¼½¾¬¦¤µ†‡‰‹›ˆ˜][^\W\d_]"
)
_ENCODING_NAMES = {"iso8859-1": "latin-1", "latin_1": "latin-1", "windows-1251": "cp1251"}
# a declared charset that cannot be right when the declaration itself was readable as
# ASCII (UTF-16/32 need a BOM or the NUL pattern; UTF-7 is refused by every browser)
_NOT_DECLARABLE = frozenset(
    {"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "utf-7"}
)
# what browsers decode a declared label as (WHATWG Encoding Standard): tried second
_DECLARED_SUPERSET = {
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "shift_jis": "cp932",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
}
_CYRILLIC_CODECS = frozenset({"cp1251", "koi8-r", "koi8-u", "iso8859-5", "cp866", "mac-cyrillic"})
_WESTERN_CODECS = frozenset({"cp1252", "latin-1", "iso8859-15", "mac-roman", "cp850"})
_C1 = re.compile(r"[\x80-\x9f]")
_NON_ASCII_WORD = re.compile(r"[^\W\d_]*[^\x00-\x7f\W\d_][^\W\d_]*")
_ESCAPED = re.compile(r"[\udc80-\udcff]")  # bytes that are not UTF-8 (surrogateescape)
_PRINTABLE_ASCII = bytes([9, 10, 13, *range(0x20, 0x7F)])
_UTF8_NON_ASCII = re.compile(r"[\u0080-\udc7f\udd00-\U0010ffff]")


def _encoding_name(name: str) -> str:
    """Normalise a codec name: ``"windows-1251"`` -> ``"cp1251"``, ``"latin_1"`` -> ``"latin-1"``.

    Examples
    --------
    >>> [_encoding_name(n) for n in ["UTF_8", "utf_8_sig", "windows-1251", "iso-8859-1"]]
    ['utf-8', 'utf-8-sig', 'cp1251', 'latin-1']
    """
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return name.lower()
    return _ENCODING_NAMES.get(canonical, canonical)


def _cyrillic_plausible(text: str) -> bool:
    """Whether ``text`` reads like real Cyrillic prose (not mojibake of another code page)."""
    letters = _LETTER_RUN.findall(text)
    n_letters = sum(map(len, letters))
    n_cyr = len(_CYR.findall(text))
    if n_cyr < 3 or n_cyr < 0.3 * n_letters:
        return False
    cyr_words = [w for w in letters if _CYR.search(w)]
    mixed = sum(1 for w in cyr_words if len(_CYR.findall(w)) != len(w))
    if mixed > 0.1 * len(cyr_words):
        return False
    # a wrong Cyrillic code page swaps upper and lower case (koi8-r read as cp1251)
    return n_cyr < 20 or len(_CYR_LOWER.findall(text)) >= 0.5 * n_cyr


def _western_plausible(text: str) -> bool:
    """Whether ``text`` (decoded as cp1252) reads like Western European prose."""
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if not non_ascii:
        return True
    if any(ch not in _WESTERN_LETTERS and ch not in _WESTERN_PUNCT for ch in non_ascii):
        return False
    if _PUNCT_INSIDE_WORD.search(text):
        return False
    n_letters = sum(map(len, _LETTER_RUN.findall(text)))
    n_accented = sum(1 for ch in non_ascii if ch in _WESTERN_LETTERS)
    return n_letters < 20 or n_accented <= 0.25 * n_letters


def _declared_plausible(text: str, codec: str) -> bool:
    """Whether ``text``, decoded with a declared ``codec``, reads like that codec's text.

    C1 control characters never do (cp1252 read as Latin-1, or a wrong code page); a
    Cyrillic code page must give plausible Cyrillic words, a Western one Western words
    (not Cyrillic or Greek letters read as accented Latin ones). Other codecs are taken
    at their word once they decode cleanly.

    Examples
    --------
    >>> data = "Привет, как дела?".encode("cp1251")
    >>> _declared_plausible(data.decode("cp1251"), "cp1251")
    True
    >>> _declared_plausible(data.decode("cp1252"), "cp1252")
    False
    >>> _declared_plausible("Le café est très bon.".encode("cp1252").decode("cp1251"), "cp1251")
    False
    """
    if _C1.search(text) is not None:
        return False
    words = _NON_ASCII_WORD.findall(text)
    if not words:
        return True
    if codec in _CYRILLIC_CODECS:
        return _cyrillic_plausible(" ".join(words))
    if codec in _WESTERN_CODECS:
        long_words = [w for w in words if len(w) >= 4]
        all_accented = sum(1 for w in long_words if all(ord(ch) > 127 for ch in w))
        return _western_plausible(text) and all_accented <= 0.5 * len(long_words)
    return True


#: Every byte but the control characters of :data:`_CONTROL`: deleting them leaves the
#: control bytes, counted in one C pass (an ASCII byte is the same character in UTF-8).
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if not _CONTROL_BYTES.fullmatch(bytes([b])))


def _check_text(text: str, encoding: str, data: bytes | None = None) -> tuple[str, str]:
    """``text`` without its BOM, or ``empty``/``binary`` raised; ``data``: its UTF-8 bytes."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text or text.isspace():
        raise Problem("empty", "the file holds only whitespace")
    if data is not None:
        n_ctrl = len(data.translate(None, _NOT_CONTROL_BYTES))
    else:
        n_ctrl = len(_CONTROL.findall(text)) if _CONTROL.search(text) is not None else 0
    if n_ctrl:
        if n_ctrl > max(2, 0.01 * len(text)):
            raise Problem(
                "binary",
                f"{n_ctrl} control characters in {len(text)} (decoded as {encoding}): not text",
            )
    return text, encoding


def _bomless_utf16(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when the NUL bytes say so (an odd last byte,
    a truncated file, is not counted), else None."""
    data = data[: len(data) // 2 * 2]
    if len(data) < 4:
        return None
    half = len(data) // 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    # UTF-16 puts the NULs of ASCII characters (or of spaces in other scripts) on one side
    if odd >= 0.1 * half and even <= 0.02 * odd:
        return "utf-16-le"
    if even >= 0.1 * half and odd <= 0.02 * even:
        return "utf-16-be"
    return None


def _single_bytes_with_nuls(data: bytes, text: str) -> bool:
    """Whether ``data``, read as UTF-16 ``text``, is really ASCII text with NULs in it.

    Real UTF-16 that decodes to mostly non-ASCII characters (CJK, Cyrillic) has many
    non-printable bytes besides its NULs; ASCII with a NUL every few bytes decodes to
    CJK-looking garbage from bytes that are all printable ASCII.

    Examples
    --------
    >>> data = b"<p>a\\x00b</p>" * 20
    >>> _single_bytes_with_nuls(data, data.decode("utf-16-be"))
    True
    >>> data = "新闻：市议会批准了预算。".encode("utf-16-le")
    >>> _single_bytes_with_nuls(data, data.decode("utf-16-le"))
    False
    """
    rest = data.replace(b"\x00", b"")
    non_printable = len(rest.translate(None, _PRINTABLE_ASCII))
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return non_printable <= 0.05 * len(rest) and non_ascii > 0.5 * len(text)


def _reads_as_utf16(text: str) -> bool:
    """Whether BOM-less UTF-16 ``text`` reads like text: at most one character in a
    thousand a control, unassigned or private-use code point (none in a short text).

    Examples
    --------
    >>> _reads_as_utf16("Ночные новости: мост закрыт.")
    True
    >>> _reads_as_utf16(bytes([120, 0, 1, 2, 255, 254]).decode("utf-16-le"))
    False
    """
    return len(_NOT_UTF16_TEXT.findall(text)) <= len(text) // 1000


def _decode_utf16(data: bytes, codec: str) -> str:
    """Decode BOM-less UTF-16; a truncated file loses only its incomplete last character.

    Examples
    --------
    >>> _decode_utf16("Hé!".encode("utf-16-le")[:-1], "utf-16-le")
    'Hé'
    """
    data = data[: len(data) // 2 * 2]
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        if exc.start < len(data) - 2:  # broken inside, not just a cut surrogate pair
            raise
        return data[: exc.start].decode(codec)


def _decode_mixed(data: bytes, declared: str | None) -> tuple[str, str] | None:
    """UTF-8 lines beside lines in one legacy code page (a scraper's accident).

    Returns None unless some lines are UTF-8 with non-ASCII characters and the others
    decode with a single code page (found by :func:`_decode_legacy` on them alone).

    Examples
    --------
    >>> data = "Привет, мир!\\n".encode() + "Как дела? Всё хорошо.".encode("cp1251")
    >>> _decode_mixed(data, None)
    ('Привет, мир!\\nКак дела? Всё хорошо.', 'mixed: utf-8+cp1251')
    """
    escaped = data.decode("utf-8", "surrogateescape")
    lines = escaped.split("\n")
    bad = [i for i, line in enumerate(lines) if _ESCAPED.search(line) is not None]
    if not bad or len(bad) == len(lines):
        return None
    bad_set = set(bad)
    good_non_ascii = {
        ch
        for i, line in enumerate(lines)
        if i not in bad_set
        for ch in _UTF8_NON_ASCII.findall(line)
    }
    # valid UTF-8 by chance (a cp1251 capital before a closing quote) makes combining
    # marks, controls or unassigned characters, not letters, punctuation and symbols
    if not good_non_ascii or any(
        unicodedata.category(ch)[0] not in "LPSZN" for ch in good_non_ascii
    ):
        return None
    raw = [lines[i].encode("utf-8", "surrogateescape") for i in bad]
    try:
        legacy_text, codec = _decode_legacy(b"\n".join(raw), declared)
    except Problem:
        return None
    legacy_lines = legacy_text.split("\n")
    if len(legacy_lines) != len(bad) or codec.startswith(("utf-", "mixed")):
        return None
    for i, line in zip(bad, legacy_lines, strict=True):
        lines[i] = line
    return "\n".join(lines), f"mixed: utf-8+{codec}"


def _decode_legacy(data: bytes, declared: str | None) -> tuple[str, str]:
    """Decode bytes that are not UTF-8: a declared charset when it reads plausibly, then
    Cyrillic and Western code pages, then charset-normalizer."""
    # many control bytes: not a single-byte code page (perhaps UTF-16 without BOM)
    legacy = len(_CONTROL_BYTES.findall(data)) <= 0.01 * len(data)
    name = _encoding_name(declared) if declared else None
    if name and legacy and name not in _NOT_DECLARABLE | {"utf-8", "utf-8-sig"}:
        superset = _DECLARED_SUPERSET.get(name)
        for codec in (name, superset) if superset else (name,):
            try:
                text = data.decode(codec)
            except (LookupError, UnicodeDecodeError):
                continue
            if _declared_plausible(text, codec):
                if codec == "cp1252" and not any(0x80 <= b <= 0x9F for b in data):
                    codec = "latin-1"  # the same characters: named as declared
                return _check_text(text, codec)
    for codec in ("cp1251", "koi8-r") if legacy else ():
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _cyrillic_plausible(text):
            return _check_text(text, codec)
    try:
        text = data.decode("cp1252") if legacy else ""
    except UnicodeDecodeError:
        text = ""
    if text and _western_plausible(text):
        latin1 = not any(0x80 <= b <= 0x9F for b in data)
        return _check_text(text, "latin-1" if latin1 else "cp1252")
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise Problem("undecodable", "no character encoding decodes this file")
    text, codec = str(best), _encoding_name(best.encoding)
    if codec.startswith(("utf-16", "utf-32")) and not _reads_as_utf16(text):
        raise Problem("binary", f"no encoding reads it as text (as {codec}: {text[:20]!r})")
    return _check_text(text, codec)


def decode_bytes(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Decode the bytes of a text file and name the encoding used.

    Byte-order marks come first, then BOM-less UTF-16 (the NUL pattern; a truncated
    file with an odd byte count loses only its incomplete last character), then strict
    UTF-8 (an incomplete character cut off at the very end is dropped). A file whose
    lines are partly UTF-8 and partly in one legacy code page is decoded line by line
    (``encoding="mixed: utf-8+cp1251"``). Otherwise a declared charset (HTML
    ``<meta charset>``) is used when it decodes cleanly *and* plausibly (browsers'
    supersets tried second: cp1252 for Latin-1, cp932 for Shift_JIS, gb18030 for GBK);
    then plausibility checks for cp1251 / KOI8-R Cyrillic and cp1252 / Latin-1 Western
    text (short texts that charset-normalizer tends to misread), and finally
    ``charset_normalizer.from_bytes(data).best()``.

    Parameters
    ----------
    data : bytes
    declared : str, optional
        A charset declared by the document itself; used when it decodes cleanly and
        the text reads like that charset's (never UTF-16/32 without a BOM or NULs).

    Returns
    -------
    tuple of (str, str)
        The text (BOM removed, not yet normalised) and the normalised encoding name
        (``"utf-8"``, ``"utf-8-sig"``, ``"utf-16"``, ``"cp1251"``, ``"latin-1"``...,
        or ``"mixed: utf-8+CODEC"``).

    Raises
    ------
    toolkit.io.errors.Problem
        ``empty``, ``binary`` or ``undecodable`` (the loader turns it into an errors
        row).

    Examples
    --------
    >>> decode_bytes("Привет, мир! Как дела?".encode("cp1251"))
    ('Привет, мир! Как дела?', 'cp1251')
    >>> decode_bytes("\\ufeffCafé".encode("utf-8"))
    ('Café', 'utf-8-sig')
    >>> decode_bytes("Le café est très bon.".encode("latin-1"))
    ('Le café est très bon.', 'latin-1')
    >>> decode_bytes("Héllo wörld, ça va?".encode("cp1252"), declared="utf-16")
    ('Héllo wörld, ça va?', 'latin-1')
    >>> decode_bytes("Café\\n".encode() + "Thé très chaud".encode("cp1252"))
    ('Café\\nThé très chaud', 'mixed: utf-8+latin-1')
    """
    if not data:
        raise Problem("empty", "the file is empty (0 bytes)")
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise Problem("binary", f"{what}, not a text file (it starts with its signature)")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data.decode(codec), codec)
            except UnicodeDecodeError as exc:
                raise Problem(
                    "undecodable", f"starts with a {codec} byte-order mark but {exc.reason}"
                ) from None
    if b"\x00" in data:
        guess = _bomless_utf16(data)
        n_nul = data.count(0)
        if guess is not None:
            try:
                text = _decode_utf16(data, guess)
            except UnicodeDecodeError:
                raise Problem("binary", f"{n_nul} NUL bytes: not a text file") from None
            if not _single_bytes_with_nuls(data, text) and _reads_as_utf16(text):
                return _check_text(text, guess)
        if n_nul > max(2, 0.01 * len(data)):
            raise Problem("binary", f"{n_nul} NUL bytes: not a text file")
        # a few stray NUL bytes in a text (one bad cell of a big table): kept and decoded
        # like any other control character, so the rest of the file is not lost
    try:
        return _check_text(data.decode("utf-8"), "utf-8", data)
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(data):
            # a file cut inside its last character (a scraper's byte limit)
            with contextlib.suppress(UnicodeDecodeError):
                return _check_text(data[: exc.start].decode("utf-8"), "utf-8")
    mixed = _decode_mixed(data, declared)
    if mixed is not None:
        return _check_text(*mixed)
    return _decode_legacy(data, declared)


def normalize_text(text: str) -> str:
    """Return ``text`` in Unicode NFC with every newline convention turned into ``\\n``.

    This is what the loader stores as an article's ``text``: nothing is removed,
    so the raw text stays available to every statistic.

    Examples
    --------
    >>> normalize_text("Cafe\\u0301 news\\r\\nSecond line\\rThird")
    'Café news\\nSecond line\\nThird'
    """
    for old, new in _NEWLINES.items():
        if old in text:
            text = text.replace(old, new)
    return unicodedata.normalize("NFC", text)
