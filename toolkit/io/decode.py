"""Bytes to text: the encoding of a scraped file, and the one text normalisation.

:func:`decode_bytes` names the encoding it used (strict UTF-8, byte-order marks,
BOM-less UTF-16, a declared charset, plausible Cyrillic and Western code pages, then
charset-normalizer); :func:`normalize_text` is what the loader stores as ``text``.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import unicodedata

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
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
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


def _check_text(text: str, encoding: str) -> tuple[str, str]:
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise Problem("empty", "the file holds only whitespace")
    if _CONTROL.search(text) is not None:
        n_ctrl = len(_CONTROL.findall(text))
        if n_ctrl > max(2, 0.01 * len(text)):
            raise Problem(
                "binary",
                f"{n_ctrl} control characters in {len(text)} (decoded as {encoding}): not text",
            )
    return text, encoding


def _bomless_utf16(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    half = len(data) // 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    # UTF-16 puts the NULs of ASCII characters (or of spaces in other scripts) on one side
    if odd >= 0.1 * half and even <= 0.02 * odd:
        return "utf-16-le"
    if even >= 0.1 * half and odd <= 0.02 * even:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Decode the bytes of a text file and name the encoding used.

    Strict UTF-8 is tried first (with or without BOM), then UTF-16/32 byte-order marks,
    a declared charset (HTML ``<meta charset>``), plausibility checks for cp1251 /
    KOI8-R Cyrillic and cp1252 / Latin-1 Western text (short texts that
    charset-normalizer tends to misread), and finally
    ``charset_normalizer.from_bytes(data).best()``.

    Parameters
    ----------
    data : bytes
    declared : str, optional
        A charset declared by the document itself; used when it decodes cleanly.

    Returns
    -------
    tuple of (str, str)
        The text (BOM removed, not yet normalised) and the normalised encoding name
        (``"utf-8"``, ``"utf-8-sig"``, ``"utf-16"``, ``"cp1251"``, ``"latin-1"``...).

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
    """
    if not data:
        raise Problem("empty", "the file is empty (0 bytes)")
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
        if guess is None and n_nul > max(2, 0.01 * len(data)):
            raise Problem("binary", f"{n_nul} NUL bytes: not a text file")
        if guess is not None:
            try:
                return _check_text(data.decode(guess), guess)
            except UnicodeDecodeError:
                raise Problem("binary", f"{n_nul} NUL bytes: not a text file") from None
        # a few stray NUL bytes in a text (one bad cell of a big table): kept and decoded
        # like any other control character, so the rest of the file is not lost
    try:
        return _check_text(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    # many control bytes: not a single-byte code page (perhaps UTF-16 without BOM)
    legacy = len(_CONTROL_BYTES.findall(data)) <= 0.01 * len(data)
    if declared and legacy:
        with contextlib.suppress(LookupError, UnicodeDecodeError):
            name = _encoding_name(declared)
            if name not in {"utf-8", "utf-8-sig"}:
                return _check_text(data.decode(name), name)
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
    return _check_text(str(best), _encoding_name(best.encoding))


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
