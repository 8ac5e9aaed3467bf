"""Compiled loops (numba) for the statistics' per-character work, with pure-Python twins.

The toolkit's numbers never depend on this module: every function here returns exactly
what the code it replaces returns (``tests/stats/test_jit.py`` compares the two on
hostile input), or None when the compiled path is not available, and the caller then
runs that code. What it changes is speed (``benchmarks/README.md``):

- :func:`word_ids`: the words of a batch of lines with exact ids, one pass over their
  code points (``re.findall`` and a hash table of Python strings: 4x slower);
- :func:`token_ids`: the same for the keyword tokens (``Series.str.findall`` of
  ``TOKEN_PATTERN`` and ``pandas.factorize``: ``keyword_frequencies`` is 2.7x faster);
- :func:`script_scan`: letters per script of every line;
- :func:`listed_word_counts`: the boilerplate detector's function-word counts, read on
  the lines' UTF-8 in place (an RE2 pass over a copy: 5x slower);
- :func:`gopher_ngram_chars`: the Gopher n-gram values (the numpy loop: 3x slower).

The kernels are compiled on first use (a few seconds in all) and cached on disk by
numba, so later processes load them (about 0.5 s). numba's runtime takes about 140 MB
per process. ``TOOLKIT_NO_JIT=1`` in the environment (set before the first statistics
call of the process) turns the compiled path off; so does a failed numba import or
compilation (with one warning).
"""

from __future__ import annotations

import functools
import os
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

__all__: list[str] = []

#: Flags of :func:`_token_spans` for words (``WORD_PATTERN``): 1 a letter or digit
#: (``str.isalnum``, which is what ``re``'s ``[^\W_]`` matches), 4 a joiner that a word
#: may hold between two letters or digits (``-``, ``'``, ``’``). No abbreviations, digit
#: separators or marks: words are the tokens of :func:`_token_spans` with these flags.
_JOINERS = "-'’"


@functools.cache
def _word_classes() -> np.ndarray:
    """The word flags (0, 1 or 4) of every code point, from this Python's Unicode tables."""
    flags = np.fromiter(map(str.isalnum, map(chr, range(0x110000))), dtype=np.uint8, count=0x110000)
    for ch in _JOINERS:
        flags[ord(ch)] = 4
    return flags


def _token_spans(
    cp: np.ndarray, cls: np.ndarray, text_end: np.ndarray, marks: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start and length of every keyword token (``TOKEN_PATTERN`` of
    :mod:`toolkit.stats.keywords`), and tokens per text; with ``marks``, runs of
    boundary marks too (``_STREAM_PATTERN``). With the flags of :func:`_word_classes`,
    the words of ``WORD_PATTERN`` instead. ``text_end[t]`` is the first position after
    text ``t``.

    Written in the subset of Python that numba compiles (see :func:`_kernel`), like
    every ``_``-function above :data:`_FNV_PRIME`; each runs as plain Python too, slowly.

    ``cls`` holds bit flags per code point (:func:`_token_classes`): 1 a letter or
    digit, 2 a decimal digit, 4 a joiner, 8 a boundary mark, 16 ``.``, 32 ``,``. The
    pattern is followed as ``re`` runs it: at a letter, first ``X.Y.`` abbreviations
    (single letters, each followed by a full stop; at least two), else a run of letters
    and digits continued over a joiner or a ``.``/``,`` between two decimal digits, as
    long as a letter or digit follows.
    """
    n = cp.shape[0]
    n_tok = 0
    for rnd in range(2):
        if rnd == 1:
            start = np.empty(n_tok, np.int64)
            length = np.empty(n_tok, np.int64)
            counts = np.zeros(text_end.shape[0], np.int64)
        k = 0
        t = 0
        i = 0
        while i < n:
            c = cls[cp[i]]
            s = i
            if c & 1:
                e = -1
                # abbreviation: a letter, ".", then (letter ".") at least once, greedily
                if (c & 2) == 0 and i + 1 < n and cls[cp[i + 1]] & 16:
                    j = i + 2
                    while j + 1 < n and (cls[cp[j]] & 3) == 1 and cls[cp[j + 1]] & 16:
                        j += 2
                    if j > i + 2:
                        e = j
                if e < 0:
                    j = i + 1
                    while True:
                        while j < n and cls[cp[j]] & 1:
                            j += 1
                        if j + 1 < n and cls[cp[j + 1]] & 1:
                            sep = cls[cp[j]]
                            if sep & 4:
                                j += 1
                                continue
                            if sep & 48 and cls[cp[j - 1]] & 2 and cls[cp[j + 1]] & 2:
                                j += 1
                                continue
                        break
                    e = j
                i = e
            elif marks and c & 8:
                i += 1
                while i < n and cls[cp[i]] & 8:
                    i += 1
            else:
                i += 1
                continue
            if rnd == 1:
                start[k] = s
                length[k] = i - s
                while s >= text_end[t]:
                    t += 1
                counts[t] += 1
            k += 1
        n_tok = k
    return start, length, counts


def _intern_spans(
    cp: np.ndarray, start: np.ndarray, length: np.ndarray, prime: np.uint64
) -> tuple[np.ndarray, np.ndarray]:
    """An exact id per span of ``cp`` (numbered by first sight: equal code points,
    equal ids) and, per id, its first span.

    Open addressing on a hash of the code points (FNV-1a with ``prime``, then
    murmur3's finaliser; the tests pass ``prime=0``, which makes every hash collide);
    a hash match counts only when the code points are equal too.
    """
    n_spans = start.shape[0]
    code = np.empty(n_spans, np.int64)
    hashes = np.empty(n_spans, np.uint64)
    first = np.empty(n_spans, np.int64)
    size = 16
    while size < 2 * n_spans:
        size *= 2
    mask = size - 1
    table = np.full(size, -1, np.int64)
    n_ids = 0
    for w in range(n_spans):
        s = start[w]
        size_w = length[w]
        h = np.uint64(14695981039346656037)
        for q in range(s, s + size_w):
            h = (h ^ np.uint64(cp[q])) * prime
        h ^= h >> np.uint64(33)
        h *= np.uint64(0xFF51AFD7ED558CCD)
        h ^= h >> np.uint64(33)
        slot = np.int64(h & np.uint64(mask))
        while True:
            u = table[slot]
            if u == -1:
                table[slot] = n_ids
                hashes[n_ids] = h
                first[n_ids] = w
                code[w] = n_ids
                n_ids += 1
                break
            if hashes[u] == h and length[first[u]] == size_w:
                other = start[first[u]]
                same = True
                for q in range(size_w):
                    if cp[other + q] != cp[s + q]:
                        same = False
                        break
                if same:
                    code[w] = u
                    break
            slot = (slot + 1) & mask
    return code, first[:n_ids]


def _scan_scripts(
    cp: np.ndarray, table: np.ndarray, text_end: np.ndarray, n_codes: int, mark: int
) -> tuple[np.ndarray, np.ndarray]:
    """Letters per script code of each text, and whether a letter follows one of another
    script in it (combining marks skipped).

    ``table`` gives each code point's code: 0 not a letter, 1 to ``n_codes - 1`` a
    script, ``mark`` a combining mark (transparent). ``text_end`` as in
    :func:`_token_spans`.
    """
    n_texts = text_end.shape[0]
    counts = np.zeros((n_texts, n_codes), np.int64)
    mixed = np.zeros(n_texts, np.bool_)
    t = 0
    prev = 0  # code of the last code point that is not a mark, in this text
    for i in range(cp.shape[0]):
        while i >= text_end[t]:
            t += 1
            prev = 0
        c = table[cp[i]]
        if c == mark:
            continue
        if c != 0:
            counts[t, c] += 1
            if prev != 0 and prev != c:
                mixed[t] = True
        prev = c
    return counts, mixed


def _count_listed(
    offsets: np.ndarray,
    data: np.ndarray,
    lead: np.ndarray,
    trail: np.ndarray,
    table: np.ndarray,
    word_hash: np.ndarray,
    word_off: np.ndarray,
    word_bytes: np.ndarray,
    prime: np.uint64,
) -> np.ndarray:
    """How many space-separated tokens of each UTF-8 string are listed words.

    String ``k`` is ``data[offsets[k]:offsets[k + 1]]``. A token counts when what is
    left of it after stripping the characters flagged in ``lead`` from its start and
    those flagged in ``trail`` from its end (both indexed by code point, all below
    U+0800) is, byte for byte, one of the listed words: word ``w`` is
    ``word_bytes[word_off[w]:word_off[w + 1]]``, found through the open-addressing
    ``table`` by its hash ``word_hash[w]`` (FNV-1a of its bytes with ``prime``,
    then murmur3's finaliser).
    """
    n = offsets.shape[0] - 1
    out = np.zeros(n, np.int64)
    mask = table.shape[0] - 1
    for k in range(n):
        i = offsets[k]
        end = offsets[k + 1]
        while i <= end:
            j = i
            while j < end and data[j] != 32:
                j += 1
            a = i
            b = j
            while a < b:  # strip leading characters (one or two UTF-8 bytes)
                c0 = data[a]
                if c0 < 0x80:
                    if not lead[c0]:
                        break
                    a += 1
                elif 0xC0 <= c0 < 0xE0 and a + 1 < b:
                    code = ((np.int64(c0) & 0x1F) << 6) | (np.int64(data[a + 1]) & 0x3F)
                    if not lead[code]:
                        break
                    a += 2
                else:
                    break
            while b > a:  # strip trailing characters
                c1 = data[b - 1]
                if c1 < 0x80:
                    if not trail[c1]:
                        break
                    b -= 1
                elif c1 < 0xC0 and b - 2 >= a and 0xC0 <= data[b - 2] < 0xE0:
                    code = ((np.int64(data[b - 2]) & 0x1F) << 6) | (np.int64(c1) & 0x3F)
                    if not trail[code]:
                        break
                    b -= 2
                else:
                    break
            if b > a:
                h = np.uint64(14695981039346656037)
                for q in range(a, b):
                    h = (h ^ np.uint64(data[q])) * prime
                h ^= h >> np.uint64(33)
                h *= np.uint64(0xFF51AFD7ED558CCD)
                h ^= h >> np.uint64(33)
                slot = np.int64(h & np.uint64(mask))
                while table[slot] != -1:
                    w = table[slot]
                    if word_hash[w] == h and word_off[w + 1] - word_off[w] == b - a:
                        same = True
                        base = word_off[w]
                        for q in range(b - a):
                            if word_bytes[base + q] != data[a + q]:
                                same = False
                                break
                        if same:
                            out[k] += 1
                            break
                    slot = (slot + 1) & mask
            i = j + 1
    return out


def _gopher_ngrams(
    tok: np.ndarray,
    keys: np.ndarray,
    doc_of: np.ndarray,
    doc_end: np.ndarray,
    cum_len: np.ndarray,
    n_docs: int,
    mult: np.uint64,
) -> np.ndarray:
    """Characters of the Gopher n-gram values, n = 2 to 10 (one row each), per document.

    The compiled twin of the n-gram loop of
    :func:`toolkit.stats.repetition._gopher_arrays`, step for step: the key of the
    n-gram at each position grows by one word per n (``keys`` holds the 1-gram keys
    and is updated in place), equal keys are numbered by first sight, and the
    characters of the union of the chosen occurrences are summed per document in
    position order. Rows 0-2 (n = 2-4): all occurrences of each document's most
    frequent n-gram (seen at least twice; ties go to the one seen first). Rows 3-8
    (n = 5-10): every occurrence of an n-gram after its first.
    """
    n_tok = tok.shape[0]
    out = np.zeros((9, n_docs), np.float64)
    cand = np.arange(n_tok)
    m = n_tok
    size = 16
    while size < 2 * n_tok:
        size *= 2
    table_key = np.empty(size, np.uint64)
    table_code = np.empty(size, np.int64)
    code = np.empty(n_tok, np.int64)
    count = np.empty(n_tok, np.int64)
    best_count = np.empty(n_docs, np.int64)
    best_code = np.empty(n_docs, np.int64)
    for n in range(2, 11):
        k = 0
        for idx in range(m):  # positions where an n-gram fits; their keys grow a word
            c = cand[idx]
            if c + n <= doc_end[c]:
                keys[c] = keys[c] * mult + tok[c + n - 1]
                cand[k] = c
                k += 1
        m = k
        used = 16
        while used < 2 * m:
            used *= 2
        mask = used - 1
        table_code[:used] = -1
        n_codes = 0
        for idx in range(m):  # factorize: codes by first sight
            key = keys[cand[idx]]
            slot = np.int64((key ^ (key >> np.uint64(29))) & np.uint64(mask))
            while True:
                got = table_code[slot]
                if got == -1:
                    table_code[slot] = n_codes
                    table_key[slot] = key
                    count[n_codes] = 0
                    got = n_codes
                    n_codes += 1
                    break
                if table_key[slot] == key:
                    break
                slot = (slot + 1) & mask
            code[idx] = got
            count[got] += 1
        row = n - 2
        prev_end = -1
        if n <= 4:
            best_count[:] = -1
            best_code[:] = -1
            for idx in range(m):
                d = doc_of[cand[idx]]
                cnt = count[code[idx]]
                if cnt > best_count[d] or (cnt == best_count[d] and code[idx] < best_code[d]):
                    best_count[d] = cnt
                    best_code[d] = code[idx]
            for idx in range(m):
                c = cand[idx]
                d = doc_of[c]
                if code[idx] == best_code[d] and best_count[d] >= 2:
                    begin = max(c, prev_end)
                    out[row, d] += cum_len[c + n] - cum_len[begin]
                    prev_end = c + n
        else:
            seen = np.zeros(n_codes, np.bool_)
            for idx in range(m):
                c = cand[idx]
                if seen[code[idx]]:
                    begin = max(c, prev_end)
                    out[row, doc_of[c]] += cum_len[c + n] - cum_len[begin]
                    prev_end = c + n
                else:
                    seen[code[idx]] = True
        k = 0
        for idx in range(m):  # only an n-gram seen twice can start an (n+1)-gram seen twice
            if count[code[idx]] >= 2:
                cand[k] = cand[idx]
                k += 1
        m = k
    return out


#: The 64-bit FNV prime.
_FNV_PRIME = np.uint64(1099511628211)

_disabled: list[str] = []  # why the compiled path is off, once it is


@functools.cache
def _kernel(name: str) -> Callable[..., Any] | None:
    """The numba-compiled twin of this module's function ``name``, or None."""
    if os.environ.get("TOOLKIT_NO_JIT", "") not in ("", "0") or _disabled:
        return None
    try:
        import numba
    except Exception as exc:  # no numba on this platform
        _give_up(exc)
        return None
    try:  # compiled once, then loaded from numba's cache by later processes
        return numba.njit(cache=True, nogil=True)(globals()[name])  # type: ignore[no-any-return]
    except Exception:  # no writable cache location (e.g. a read-only install)
        pass
    try:
        return numba.njit(cache=False, nogil=True)(globals()[name])  # type: ignore[no-any-return]
    except Exception as exc:  # numba cannot compile here
        _give_up(exc)
        return None


def _give_up(exc: BaseException) -> None:
    if not _disabled:
        _disabled.append(f"{type(exc).__name__}: {exc}")
        warnings.warn(
            f"toolkit: compiled statistics unavailable ({_disabled[0]}); "
            "using the pure-Python path (same numbers, slower)",
            RuntimeWarning,
            stacklevel=3,
        )


def _run(name: str, *args: Any) -> Any:
    """Run the compiled ``name`` on ``args``; None when it is off or fails (then once a
    warning, and the Python path from then on)."""
    kernel = _kernel(name)
    if kernel is None or _disabled:  # off, or another kernel failed in this process
        return None
    try:
        return kernel(*args)
    except Exception as exc:  # a numba failure must not cost the user the statistics
        _give_up(exc)
        return None


def _code_points(texts: list[str]) -> tuple[str, np.ndarray, np.ndarray]:
    """``texts`` joined by NULs, its code points, and the end of every text in them
    (the position after its NUL). NUL is in no class of any kernel (no letter, digit,
    joiner or mark), so no word, token or run of marks spans two texts, even when the
    texts hold NULs themselves."""
    joined = "\x00".join(texts)
    cp = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    text_end = np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1)
    return joined, cp, text_end


def script_scan(
    texts: list[str], table: np.ndarray, n_codes: int, mark: int
) -> tuple[np.ndarray, np.ndarray] | None:
    """Compiled :func:`toolkit.stats.scripts._scan`: letters per script code (n x
    ``n_codes``) and the mixed-script flag of every text; None when the compiled path
    is off. ``table``, ``n_codes`` and ``mark`` as in :func:`_scan_scripts`. The texts
    are read in runs of about a million characters
    (:func:`toolkit.stats.repetition._chunks`), 4 bytes per character each.
    """
    from toolkit.stats.repetition import _chunks

    if _kernel("_scan_scripts") is None:
        return None
    counts = [np.zeros((0, n_codes), dtype=np.int64)]
    mixed = [np.zeros(0, dtype=bool)]
    for chunk in _chunks(texts):
        _, cp, text_end = _code_points(chunk)
        out = _run("_scan_scripts", cp, table, text_end, n_codes, mark)
        if out is None:
            return None
        counts.append(out[0])
        mixed.append(out[1])
    return np.concatenate(counts), np.concatenate(mixed)


def word_ids(texts: list[str]) -> tuple[np.ndarray, list[str], np.ndarray, np.ndarray] | None:
    """Every word of ``texts`` as an exact id, with the distinct words, lengths and counts.

    Returns ``(codes, words, lengths, counts)``: per word in text order its id
    (numbered by first sight, an index into ``words``) and its length in code points;
    the distinct words in order of first sight; and the number of words of each text.
    None when the compiled path is off (the caller tokenizes with ``re`` instead).

    Examples
    --------
    >>> out = word_ids(["Don't stop - don't!", "", "TNFα 2024"])
    >>> out is None or (out[0].tolist(), out[1], out[2].tolist(), out[3].tolist()) == (
    ...     [0, 1, 2, 3, 4], ["Don't", "stop", "don't", "TNFα", "2024"],
    ...     [5, 4, 5, 4, 4], [3, 0, 2])
    True
    """
    return _spans_and_ids(texts, "_token_spans", _word_classes(), False)


def _spans_and_ids(
    texts: list[str], spans: str, classes: np.ndarray, *extra: Any
) -> tuple[np.ndarray, list[str], np.ndarray, np.ndarray] | None:
    """``(codes, distinct spans, lengths, counts)`` of the spans that kernel ``spans``
    finds in ``texts`` (see :func:`word_ids`); None when the compiled path is off."""
    if _kernel(spans) is None or _kernel("_intern_spans") is None:
        return None
    joined, cp, text_end = _code_points(texts)
    found = _run(spans, cp, classes, text_end, *extra)
    if found is None:
        return None
    start, length, counts = found
    interned = _run("_intern_spans", cp, start, length, _FNV_PRIME)
    if interned is None:
        return None
    code, first = interned
    words = [
        joined[s : s + n]
        for s, n in zip(start[first].tolist(), length[first].tolist(), strict=True)
    ]
    return code, words, length, counts


#: Code points of the keyword tokenizer's joiners and boundary marks (keep them equal
#: to ``_JOINERS`` and ``_STREAM_PATTERN`` in :mod:`toolkit.stats.keywords`).
_TOKEN_JOINERS = "'’ʼ-‐‑\u00ad"
_TOKEN_MARKS = ".!?;:…\n"


@functools.cache
def _token_classes() -> np.ndarray:
    """The bit flags of :func:`_token_spans` for every code point."""
    # streamed: a list of the 1.1M one-character strings would hold about 80 MB
    flags = _word_classes() & np.uint8(1)
    flags |= np.fromiter(
        map(str.isdecimal, map(chr, range(0x110000))), dtype=np.uint8, count=0x110000
    ) << np.uint8(1)
    for ch in _TOKEN_JOINERS:
        flags[ord(ch)] |= 4
    for ch in _TOKEN_MARKS:
        flags[ord(ch)] |= 8
    flags[ord(".")] |= 16
    flags[ord(",")] |= 32
    return flags


def token_ids(
    texts: list[str], marks: bool
) -> tuple[np.ndarray, list[str], np.ndarray, np.ndarray] | None:
    """The keyword tokens of ``texts`` (``re.findall`` of ``TOKEN_PATTERN``, or of
    ``_STREAM_PATTERN`` with boundary marks when ``marks``) as in :func:`word_ids`:
    ``(codes, distinct tokens, lengths, counts)``; None when the compiled path is off.

    Examples
    --------
    >>> out = token_ids(["U.S. cease-fire: 1,200 troops.", "x.y"], marks=True)
    >>> out is None or [out[1][c] for c in out[0]] == [
    ...     "U.S.", "cease-fire", ":", "1,200", "troops", ".", "x", ".", "y"]
    True
    """
    return _spans_and_ids(texts, "_token_spans", _token_classes(), marks)


def _utf8_hash(data: bytes, prime: np.uint64) -> np.uint64:
    """The hash :func:`_count_listed` gives the bytes ``data`` (in plain numpy)."""
    h = np.uint64(14695981039346656037)
    with np.errstate(over="ignore"):
        for byte in data:
            h = (h ^ np.uint64(byte)) * prime
        h ^= h >> np.uint64(33)
        h *= np.uint64(0xFF51AFD7ED558CCD)
        h ^= h >> np.uint64(33)
    return h


@functools.cache
def _word_list_table(
    words: tuple[str, ...], lead: str, trail: str, prime: np.uint64
) -> tuple[np.ndarray, ...]:
    """The arrays :func:`_count_listed` reads for a word list and two sets of characters."""
    for w in words:
        if not w or " " in w or w[0] in lead or w[-1] in trail:
            raise ValueError(f"cannot count {w!r}: empty, spaced or with a strippable end")
    encoded = [w.encode("utf-8") for w in dict.fromkeys(words)]
    hashes = np.array([_utf8_hash(w, prime) for w in encoded], dtype=np.uint64)
    off = np.zeros(len(encoded) + 1, dtype=np.int64)
    off[1:] = np.cumsum([len(w) for w in encoded])
    size = 16
    while size < 2 * len(encoded):
        size *= 2
    table = np.full(size, -1, dtype=np.int64)
    for index, h in enumerate(hashes.tolist()):
        slot = h & (size - 1)
        while table[slot] != -1:
            slot = (slot + 1) & (size - 1)
        table[slot] = index
    flags = []
    for chars in (lead, trail):
        if any(ord(c) >= 0x800 for c in chars):
            raise ValueError("only characters below U+0800 can be stripped")
        flag = np.zeros(0x800, dtype=np.bool_)
        flag[[ord(c) for c in chars]] = True
        flags.append(flag)
    word_bytes = np.frombuffer(b"".join(encoded), dtype=np.uint8)
    return flags[0], flags[1], table, hashes, off, word_bytes


def listed_word_counts(
    strings: Any, words: tuple[str, ...], lead: str, trail: str
) -> np.ndarray | None:
    """Per string of an Arrow string array, its space-separated tokens that are one of
    ``words`` once the characters of ``lead`` are stripped from their start and those
    of ``trail`` from their end; None when the compiled path is off.

    This is the count of the RE2 pattern ``(?:^| )[lead]*(?:words)[trail]*(?: |$)``
    over the string with every space doubled (``toolkit.stats.boilerplate`` counts
    function words so), as long as no listed word begins with a ``lead`` character,
    ends with a ``trail`` character or holds a space.

    Examples
    --------
    >>> import pyarrow as pa
    >>> out = listed_word_counts(pa.array(["(the cat) sat.", "", "«и» the"]),
    ...                          ("the", "и"), "(«", ".,)»")
    >>> out is None or out.tolist() == [1, 0, 2]
    True
    """
    import pyarrow as pa

    if _kernel("_count_listed") is None:
        return None
    arr = strings.combine_chunks() if isinstance(strings, pa.ChunkedArray) else strings
    if arr.null_count:
        raise ValueError("listed_word_counts needs strings without nulls")
    arr = arr.cast(pa.large_string())
    _, offsets_buf, data_buf = arr.buffers()
    offsets = np.frombuffer(offsets_buf, dtype=np.int64)[arr.offset : arr.offset + len(arr) + 1]
    data = (
        np.frombuffer(data_buf, dtype=np.uint8) if data_buf is not None else np.zeros(0, np.uint8)
    )
    lead_flags, trail_flags, table, hashes, off, word_bytes = _word_list_table(
        words, lead, trail, _FNV_PRIME
    )
    out = _run(
        "_count_listed",
        offsets,
        data,
        lead_flags,
        trail_flags,
        table,
        hashes,
        off,
        word_bytes,
        _FNV_PRIME,
    )
    return None if out is None else np.asarray(out, dtype=np.int64)


def gopher_ngram_chars(
    tok: np.ndarray,
    keys: np.ndarray,
    doc_of: np.ndarray,
    doc_end: np.ndarray,
    cum_len: np.ndarray,
    n_docs: int,
    mult: np.uint64,
) -> np.ndarray | None:
    """Compiled :func:`_gopher_ngrams` (``keys`` is updated in place); None when off."""
    if _kernel("_gopher_ngrams") is None:
        return None
    out = _run("_gopher_ngrams", tok, keys, doc_of, doc_end, cum_len, n_docs, mult)
    return None if out is None else np.asarray(out, dtype=np.float64)


def warm_up() -> bool:
    """Compile (or load from numba's cache) every kernel and build their tables now.

    The first statistics call of a process does this on its own; call it first where
    that one-off second must not land on something that is timed (a benchmark, a test
    with a deadline, a Dask worker's first task). Returns whether the compiled path is on.

    Examples
    --------
    >>> ready = warm_up()  # True when numba compiled (or loaded) every kernel
    """
    import pyarrow as pa

    from toolkit.stats.repetition import _DOC_MULT, _MULT, _fmix64
    from toolkit.stats.scripts import _scan_args

    texts = ["A U.S. cease-fire, 1,200 «и» the", ""]
    if word_ids(texts) is None or token_ids(texts, True) is None:
        return False
    if script_scan(texts, *_scan_args()) is None:
        return False
    if listed_word_counts(pa.array(texts, type=pa.string()), ("the",), "(", ".") is None:
        return False
    tok = _fmix64(np.array([1, 2, 1, 2], dtype=np.uint64))
    doc = np.zeros(4, dtype=np.int64)
    keys = tok ^ _fmix64(doc.astype(np.uint64) * _DOC_MULT + np.uint64(1))
    cum_len = np.arange(5, dtype=np.int64)
    ends = np.full(4, 4, dtype=np.int64)
    return gopher_ngram_chars(tok, keys, doc, ends, cum_len, 1, _MULT) is not None
