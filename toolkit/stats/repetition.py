"""Repetition inside articles and across articles.

Three views of "the same text twice":

* :func:`gopher_repetition`: the 13 document-level repetition values of the Gopher
  quality filters (Rae et al. 2021, "Scaling Language Models: Methods, Analysis &
  Insights from Training Gopher", table A1), one row per text, computed for many
  texts at once with hashed word n-grams in numpy;
* :func:`mark_repeats`: which line of an article repeats an earlier line of the same
  article, exactly (after :func:`toolkit.text.normalize_for_matching`) or nearly (word
  shingle Jaccard), e.g. a paragraph pasted twice with other quote marks and another
  attribution clause, or a photo caption repeated with or without its credit;
* :func:`near_duplicates`: pairs of articles, usually of different outlets, that carry
  the same story (MinHash + LSH candidates verified with exact shingle Jaccard).

Words are the same everywhere in this module, and the same as everywhere in the
toolkit: the matches of :data:`toolkit.text.WORD_PATTERN` (defined and justified in
:func:`toolkit.text.words`); punctuation and whitespace are not words.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from itertools import chain
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from toolkit.schema import GOPHER_COLUMNS
from toolkit.text import (
    RUN_CHARS,
    WORD_PATTERN,
    char_runs,
    factorize_words,
    flat_words,
    matching_key,
    separator_of,
)

__all__ = [
    "CREDIT_PATTERN",
    "GOPHER_COLUMNS",
    "MAX_SHINGLE_PARTNERS",
    "PAIR_BUDGET",
    "REPEAT_COLUMNS",
    "WORD_PATTERN",
    "gopher_repetition",
    "mark_repeats",
]

_PARAGRAPH_RE = re.compile(r"\n\s*\n")

#: Default word-shingle Jaccard similarity from which a line is a near repeat
#: (see :func:`mark_repeats` for why 0.45).
REPEAT_THRESHOLD = 0.45

#: Columns :func:`mark_repeats` adds to the lines table.
REPEAT_COLUMNS: tuple[str, ...] = ("is_repeat", "repeat_of", "repeat_similarity", "repeat_kind")

HASH_MULT = np.uint64(0x9E3779B97F4A7C15)  # odd multiplier of the polynomial rolling hash
_DOC_MULT = np.uint64(0xC2B2AE3D27D4EB4F)


# --------------------------------------------------------------------------- helpers


def fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser: a bijection that spreads structured keys."""
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


def _session_hashes(tokens: list[str]) -> np.ndarray:
    """64-bit hashes of tokens, stable within this process (Python's ``hash``).

    Only equality of hashes is used by callers, so results do not depend on the
    process's hash seed (two different words collide with probability ~2**-64).
    """
    return np.fromiter(map(hash, tokens), dtype=np.int64, count=len(tokens)).view(np.uint64)


def _stable_hashes(tokens: list[str], *, fold: bool = False) -> np.ndarray:
    """64-bit hashes of tokens that are the same in every process (BLAKE2b of each type);
    with ``fold``, of each type's :func:`toolkit.text.matching_key`."""
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    codes, uniques = pd.factorize(pd.Series(tokens, dtype=object))
    keys = [matching_key(u) for u in uniques] if fold else uniques
    digests = b"".join(hashlib.blake2b(u.encode("utf-8"), digest_size=8).digest() for u in keys)
    return np.frombuffer(digests, dtype="<u8")[codes]


class _Words(NamedTuple):
    """The words of many texts (see :func:`_words_of`)."""

    raw: np.ndarray  # uint64 id per word: equal ids, equal words (case and all)
    folded: np.ndarray  # uint64 id per word: equal ids, equal matching keys
    length: np.ndarray  # int64 code points per word
    counts: np.ndarray  # int64 words per text
    texts: list[str]  # the texts themselves


def _words_of(texts: list[str]) -> _Words:
    """Every word of every text (in order) with two ids, its length, and counts per text.

    Words are :data:`WORD_PATTERN` matches (see :func:`_word_codes`).
    Ids are exact within one call: the raw id tells words apart by every character,
    the folded id by their matching key (:func:`toolkit.text.normalize_for_matching`:
    NFKC, quote marks folded, case folded). Both are spread over 64 bits, so that
    rolling n-gram hashes of them behave like hashes of the words.
    """
    codes, uniques, lengths, counts = _word_codes(texts)
    if not len(codes):
        empty = np.zeros(0, dtype=np.uint64)
        return _Words(empty, empty, np.zeros(0, dtype=np.int64), counts, texts)
    # an ASCII word has no whitespace and no "`": its key is its lower case
    keys = [u.lower() if u.isascii() else matching_key(u) for u in uniques]
    folded_codes, _ = pd.factorize(np.array(keys, dtype=object))
    spread = fmix64(np.arange(1, len(uniques) + 1, dtype=np.uint64))  # one id per type
    return _Words(spread[codes], spread[folded_codes][codes], lengths, counts, texts)


def _word_codes(texts: list[str]) -> tuple[np.ndarray, list[str], np.ndarray, np.ndarray]:
    """Per word of ``texts`` (in order) a code numbered by first sight and its length in
    code points, the distinct words (by code), and the number of words of each text.

    One ``re`` pass over the texts joined by a separator, and a hash table of the
    words (the separator may be listed among the distinct words, under a code no
    word has).
    """
    flat, counts, sep = flat_words(texts)
    if not flat:
        zeros = np.zeros(0, dtype=np.int64)
        return zeros, [], zeros, np.zeros(len(texts), dtype=np.int64)
    codes, uniques, lengths = factorize_words(flat)
    if sep is not None:  # the separator is a "word" of its own between two texts
        # (not `uniques == sep`: numpy drops a trailing NUL from a str it compares with)
        is_sep = codes == next(i for i, u in enumerate(uniques) if u == sep)
        counts = np.diff(np.r_[-1, np.flatnonzero(is_sep)]) - 1
        codes, lengths = codes[~is_sep], lengths[~is_sep]
    return codes, uniques, lengths, counts


def word_arrays(
    texts: list[str], *, stable: bool = False, fold: bool = False
) -> tuple[np.ndarray, ...]:
    """Hash, length of every word of every text, and the number of words of each text.

    Words are :data:`WORD_PATTERN` matches, found by :func:`toolkit.text.flat_words`
    (one regex pass over the texts joined by a separator). ``stable`` selects
    process-independent hashes (:func:`_stable_hashes`) instead of Python's ``hash``;
    ``fold`` (with ``stable``) hashes each word's matching key, so that words that differ
    only in case, quote marks or compatibility forms get one hash.
    """
    n = len(texts)
    flat, counts, sep = flat_words(texts)
    lengths = np.fromiter(map(len, flat), dtype=np.int64, count=len(flat))
    hashes = _stable_hashes(flat, fold=fold) if stable else _session_hashes(flat)
    if sep is None:
        return hashes, lengths, counts
    sep_hash = _stable_hashes([sep], fold=fold)[0] if stable else _session_hashes([sep])[0]
    is_sep = (hashes == sep_hash) & (lengths == 1)
    where = np.flatnonzero(is_sep)
    if len(where) != n or any(flat[i] != sep for i in where):  # a hash collision
        is_sep = np.fromiter((t == sep for t in flat), dtype=bool, count=len(flat))
        where = np.flatnonzero(is_sep)
    counts = np.diff(np.r_[-1, where]) - 1
    keep = ~is_sep
    return hashes[keep], lengths[keep], counts


def _as_text_list(texts: Any) -> tuple[list[str], pd.Index]:
    if isinstance(texts, str):
        raise TypeError("texts must be a Series or an iterable of strings, not one string")
    if isinstance(texts, pd.Series):
        index = texts.index
        values: Iterable[Any] = texts.tolist()
    else:
        values = list(texts)
        index = pd.RangeIndex(len(values))  # type: ignore[arg-type]
    return [v if isinstance(v, str) else "" for v in values], index


def _union_chars(starts: np.ndarray, n: int, cum_len: np.ndarray) -> np.ndarray:
    """Characters of words covered by the union of windows ``[s, s + n)`` (sorted ``s``).

    Returns one value per window: its characters not already covered by the window
    before it, so that the sum over windows is the size of the union.
    """
    ends = starts + n
    prev_end = np.empty_like(ends)
    if len(ends):
        prev_end[0] = -1
        prev_end[1:] = ends[:-1]
    begin = np.maximum(starts, prev_end)
    return (cum_len[ends] - cum_len[begin]).astype(np.float64)


def first_seen(codes: np.ndarray) -> np.ndarray:
    """True where a factorize code occurs first: codes grow by first sight, so a first
    occurrence is larger than every code before it."""
    first = np.ones(len(codes), dtype=bool)
    if len(codes) > 1:
        first[1:] = codes[1:] > np.maximum.accumulate(codes)[:-1]
    return first


def _first_occurrence(keys: np.ndarray) -> np.ndarray:
    """True where a key occurs for the first time."""
    codes, _ = pd.factorize(keys)
    return first_seen(codes)


def _exact_duplicates(
    docs: list[str], paragraphs: bool, sep: str | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Count non-blank pieces and 2nd+ occurrences of a piece within its document.

    Pieces are the lines (``text.split("\\n")``) or the paragraphs (:data:`_PARAGRAPH_RE`)
    of each text, stripped; blank pieces are dropped. With a separator, the whole corpus
    is split at once (the separator becomes a piece of its own between two texts).
    Returns per document ``(n_pieces, n_duplicate_pieces, duplicate_chars)``.
    """
    n_docs = len(docs)
    if sep is None:
        parts = [_PARAGRAPH_RE.split(t) if paragraphs else t.split("\n") for t in docs]
        counts = np.fromiter(map(len, parts), dtype=np.int64, count=n_docs)
        raw = list(chain.from_iterable(parts))
    elif paragraphs:
        raw = _PARAGRAPH_RE.split(f"\n\n{sep}\n\n".join(docs))
    else:
        raw = f"\n{sep}\n".join(docs).split("\n")
    pieces = list(map(str.strip, raw))
    lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
    hashes = _session_hashes(pieces)
    if sep is None:
        doc = np.repeat(np.arange(n_docs, dtype=np.int64), counts)
        keep = lengths > 0
    else:
        is_sep = (lengths == 1) & (hashes == _session_hashes([sep])[0])
        if int(is_sep.sum()) != n_docs - 1 or any(pieces[i] != sep for i in np.flatnonzero(is_sep)):
            is_sep = np.fromiter((x == sep for x in pieces), dtype=bool, count=len(pieces))
        doc = np.cumsum(is_sep)
        keep = (lengths > 0) & ~is_sep
    return _count_duplicates(doc[keep], hashes[keep], lengths[keep], n_docs)


def _line_duplicates(
    lines: list[str], doc: np.ndarray, n_docs: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_exact_duplicates` of lines, from the non-blank lines of the documents (in
    order) and each one's document, as :func:`toolkit.text.split_lines` makes them."""
    pieces = list(map(str.strip, lines))
    lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
    keep = lengths > 0
    hashes = _session_hashes(pieces)
    return _count_duplicates(np.asarray(doc)[keep], hashes[keep], lengths[keep], n_docs)


def _count_duplicates(
    doc: np.ndarray, hashes: np.ndarray, lengths: np.ndarray, n_docs: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per document: pieces, 2nd+ occurrences of a piece (by hash), and their characters."""
    with np.errstate(over="ignore"):
        keys = hashes ^ fmix64(doc.astype(np.uint64) * _DOC_MULT + np.uint64(1))
    dup = ~_first_occurrence(keys)
    n_all = np.bincount(doc, minlength=n_docs).astype(np.float64)
    n_dup = np.bincount(doc[dup], minlength=n_docs).astype(np.float64)
    chars = np.bincount(doc[dup], weights=lengths[dup].astype(np.float64), minlength=n_docs)
    return n_all, n_dup, chars


# --------------------------------------------------------------------------- gopher


def gopher_repetition(texts: Any) -> pd.DataFrame:
    """Compute the 13 Gopher repetition fractions of every text.

    The Gopher quality filters (Rae et al. 2021, table A1) reject a document whose
    repeated lines, paragraphs or word n-grams hold too much of its text. Peers read
    the paper differently (datatrove counts repeated occurrences only, TextDescriptives
    counts first occurrences and whitespace too); this function uses one reading,
    datatrove's "only the 2nd and later occurrences are duplicates", with these exact
    definitions (``|text|`` = ``len(text)`` in code points, newlines included):

    - **lines** are the non-blank lines of ``text.split("\\n")``, each stripped of
      surrounding whitespace; a line is a *duplicate* when an identical stripped line
      occurs earlier in the text (case and punctuation matter).
      ``duplicate_line_fraction`` = duplicate lines / lines;
      ``duplicate_line_chr_fraction`` = Σ len(duplicate stripped line) / ``|text|``.
    - **paragraphs** are the non-blank blocks of ``re.split(r"\\n\\s*\\n", text)``
      (blocks separated by one or more blank lines, whitespace-only lines count as
      blank), stripped; duplicates and the two paragraph fractions as for lines.
    - **words** are the toolkit's words (:func:`toolkit.text.words`: runs of letters,
      digits and combining marks with inner hyphens and apostrophes, numbers such as
      ``1,200`` and abbreviations such as ``U.S.`` whole, as spaCy's English tokenizer,
      datatrove's words, keeps them; punctuation, which datatrove's words include, is
      not a word). An **n-gram** is ``n`` consecutive words
      (all overlapping positions), compared case-sensitively. The *characters of a set
      of n-gram occurrences* are the summed lengths of the distinct words those
      occurrences cover (overlapping occurrences are not counted twice; the spaces and
      punctuation between words are not counted: this keeps every value below 1,
      whatever the overlap, and makes it blind to NBSP/newline/quote-mark variants).
    - ``top_ngram_chr_fraction_n`` (n = 2, 3, 4): the most frequent n-gram (ties: the
      one seen first); the characters of **all** its occurrences / ``|text|``, or 0.0
      when no n-gram occurs twice (datatrove counts a "top" n-gram seen once; a text
      without any repeated n-gram has no repetition to report).
    - ``duplicate_ngram_chr_fraction_n`` (n = 5 ... 10): the n-gram occurrences whose
      n-gram occurred at an earlier position (2nd and later occurrences; the first is
      not counted); their characters / ``|text|``.

    Every value is in [0, 1]. A text that is empty or only whitespace (or missing) gets
    NaN in every column; a text with fewer than ``n`` words gets 0.0 for that n.

    Texts are processed in runs of about 1 MB: each run is tokenized in one regex pass,
    words are hashed once, n-gram hashes are rolled up with numpy, and an n-gram is only
    looked at where its (n-1)-gram prefix occurs twice in the same text, so the cost is
    close to one tokenizer pass (about 19 MB/s on 2-3 KB articles, ~35x datatrove's
    functions measured in the same run: ``benchmarks/bench_repetition.py``).

    Parameters
    ----------
    texts : pandas.Series or iterable of str
        The texts. Missing values count as empty texts.

    Returns
    -------
    pandas.DataFrame
        One row per text, on the Series' index (a RangeIndex for other iterables),
        with the float columns ``duplicate_line_fraction, duplicate_paragraph_fraction,
        duplicate_line_chr_fraction, duplicate_paragraph_chr_fraction,
        top_ngram_chr_fraction_2 ... _4, duplicate_ngram_chr_fraction_5 ... _10``
        (:data:`GOPHER_COLUMNS`).

    Examples
    --------
    >>> text = "Rain fell.\\n\\nRoads closed early.\\n\\nRain fell."  # 43 characters
    >>> g = gopher_repetition([text, ""])
    >>> g.loc[0, ["duplicate_paragraph_fraction", "duplicate_paragraph_chr_fraction"]].round(3).tolist()
    [0.333, 0.233]
    >>> round(float(g.loc[0, "top_ngram_chr_fraction_2"]), 3)  # "Rain fell" twice: 2 * 8 / 43
    0.372
    >>> bool(g.loc[1].isna().all())
    True
    """
    return gopher_and_words(texts)[0]


def gopher_and_words(
    texts: Any,
    words: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    lines: tuple[list[str], np.ndarray] | None = None,
) -> tuple[pd.DataFrame, np.ndarray]:
    """:func:`gopher_repetition` and the number of words of every text (int64), from
    the same tokenizer pass (words as defined there).

    ``words``: the texts' words when they are known already (case-sensitive word ids,
    word lengths and words per text, as :class:`_Words` holds them), so that the
    texts are not tokenized again. ``lines`` (with ``words`` only): the texts'
    non-blank lines in order and the position of each one's text, so that the texts
    are not split into lines again.
    """
    docs, index = _as_text_list(texts)
    if words is not None:
        parts = [_gopher_arrays(docs, words, lines)] if docs else []
    else:
        parts = [_gopher_arrays(chunk) for chunk in _chunks(docs)]
    values = {  # fractions: clipped to [0, 1] against rounding (NaN stays NaN)
        c: np.clip(np.concatenate([p[c] for p in parts]) if parts else np.zeros(0), 0.0, 1.0)
        for c in GOPHER_COLUMNS
    }
    n_words = (
        np.concatenate([p["n_words"] for p in parts]) if parts else np.zeros(0, dtype=np.int64)
    )
    return pd.DataFrame(values, index=index), n_words.astype(np.int64)


def _chunks(docs: list[str]) -> list[list[str]]:
    """``docs`` in consecutive runs of about :data:`toolkit.text.RUN_CHARS` characters:
    hash tables of ~1 MB of text stay in cache (about twice as fast per MB as one pass
    over 50 MB)."""
    lengths = np.fromiter(map(len, docs), dtype=np.int64, count=len(docs))
    return [docs[a:b] for a, b in char_runs(lengths, RUN_CHARS)]


def _gopher_arrays(
    docs: list[str],
    words: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    lines: tuple[list[str], np.ndarray] | None = None,
) -> dict[str, np.ndarray]:
    """The 13 Gopher values of ``docs`` (one array per column, not clipped), and their
    word counts (``"n_words"``); ``words`` and ``lines`` as in :func:`gopher_and_words`."""
    n_docs = len(docs)
    text_len = np.fromiter(map(len, docs), dtype=np.float64, count=n_docs)
    blank = np.fromiter((not t.strip() for t in docs), dtype=bool, count=n_docs)
    out: dict[str, np.ndarray] = {}
    denom = np.where(blank, np.nan, text_len)

    # lines and paragraphs: exact duplicates of stripped pieces, 2nd+ occurrences
    sep = separator_of(docs)
    if lines is None:
        n_lines, n_dup_lines, line_chars = _exact_duplicates(docs, False, sep)
    else:
        n_lines, n_dup_lines, line_chars = _line_duplicates(lines[0], lines[1], n_docs)
    n_paras, n_dup_paras, para_chars = _exact_duplicates(docs, True, sep)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["duplicate_line_fraction"] = np.where(blank, np.nan, n_dup_lines / n_lines)
        out["duplicate_paragraph_fraction"] = np.where(blank, np.nan, n_dup_paras / n_paras)
        out["duplicate_line_chr_fraction"] = line_chars / denom
        out["duplicate_paragraph_chr_fraction"] = para_chars / denom

    # words and n-grams
    tok, word_len, counts = word_arrays(docs) if words is None else words
    out["n_words"] = counts
    n_tok = len(tok)
    cum_len = np.zeros(n_tok + 1, dtype=np.int64)
    np.cumsum(word_len, out=cum_len[1:])
    doc_of = np.repeat(np.arange(n_docs, dtype=np.int64), counts)
    doc_end = np.cumsum(counts)[doc_of] if n_tok else np.zeros(0, dtype=np.int64)
    # key of the n-gram starting at each position, mixed with its document
    keys = tok ^ fmix64(doc_of.astype(np.uint64) * _DOC_MULT + np.uint64(1))
    chars = _ngram_chars(tok, keys, doc_of, doc_end, cum_len, n_docs)
    for n in range(2, 11):
        name = f"top_ngram_chr_fraction_{n}" if n <= 4 else f"duplicate_ngram_chr_fraction_{n}"
        with np.errstate(divide="ignore", invalid="ignore"):
            out[name] = chars[n - 2] / denom
    return out


def _ngram_chars(
    tok: np.ndarray,
    keys: np.ndarray,
    doc_of: np.ndarray,
    doc_end: np.ndarray,
    cum_len: np.ndarray,
    n_docs: int,
) -> np.ndarray:
    """Characters of the n-gram values (n = 2 to 10, one row each) per document, in numpy.

    ``keys``: the key of the 1-gram at each position, mixed with its document (updated
    in place).
    """
    out = np.zeros((9, n_docs), dtype=np.float64)
    cand = np.arange(len(tok), dtype=np.int64)
    for n in range(2, 11):
        cand = cand[cand + n <= doc_end[cand]]
        with np.errstate(over="ignore"):
            keys[cand] = keys[cand] * HASH_MULT + tok[cand + (n - 1)]
        codes, _ = pd.factorize(keys[cand])
        cnt = np.bincount(codes)[codes] if len(codes) else np.zeros(0, dtype=np.int64)
        if n <= 4:
            starts = _top_ngram_starts(cand, codes, cnt, doc_of)
        else:
            starts = cand[~first_seen(codes)]
        out[n - 2] = np.bincount(
            doc_of[starts], weights=_union_chars(starts, n, cum_len), minlength=n_docs
        )
        cand = cand[cnt >= 2]
    return out


def _top_ngram_starts(
    cand: np.ndarray, codes: np.ndarray, cnt: np.ndarray, doc_of: np.ndarray
) -> np.ndarray:
    """Start positions of every occurrence of each text's most frequent n-gram (count >= 2).

    Codes come from :func:`pandas.factorize` in position order, so the smallest code
    among the most frequent n-grams of a text is the one seen first.
    """
    if not len(cand):
        return cand
    doc = doc_of[cand]
    big = np.int64(len(codes) + 1)
    score = cnt.astype(np.int64) * big + (big - 1 - codes)
    seg = np.flatnonzero(np.r_[True, doc[1:] != doc[:-1]])
    best = np.maximum.reduceat(score, seg)
    seg_len = np.diff(np.r_[seg, len(cand)])
    best_pos = np.repeat(best, seg_len)
    keep = (codes == big - 1 - best_pos % big) & (cnt >= 2)
    return cand[keep]


# --------------------------------------------------------------------------- lines


def _line_shingles(
    all_tok: np.ndarray, n_words: np.ndarray, shingle_size: int, min_words: int
) -> tuple[np.ndarray, np.ndarray]:
    """Unique word-shingle hashes of every line with at least ``min_words`` words.

    ``all_tok`` are the (folded) word ids of the lines in order, ``n_words`` the number
    of words of each line. Returns ``(line, shingle)``: parallel arrays of (line
    position, shingle hash) with one row per distinct shingle of a line. A line with
    fewer words than ``shingle_size`` has one shingle: all its words.
    """
    long_enough = n_words >= min_words
    tok = all_tok[np.repeat(long_enough, n_words)]
    counts = np.where(long_enough, n_words, 0)
    line_of = np.repeat(np.arange(len(n_words), dtype=np.int64), counts)
    if not len(tok):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.astype(np.uint64)
    ends = np.cumsum(counts)[line_of]
    pos = np.arange(len(tok), dtype=np.int64)
    keys = tok.copy()
    for j in range(1, shingle_size):
        ok = pos + j < ends
        with np.errstate(over="ignore"):
            keys[ok] = keys[ok] * HASH_MULT + tok[pos[ok] + j]
    line_start = np.r_[True, line_of[1:] != line_of[:-1]]
    is_shingle = (pos + shingle_size <= ends) | (line_start & (ends - pos < shingle_size))
    line, key = line_of[is_shingle], keys[is_shingle]
    with np.errstate(over="ignore"):
        distinct = _first_occurrence(key ^ fmix64(line.astype(np.uint64) * _DOC_MULT))
    return line[distinct], key[distinct]


def _article_runs(norms: list[str], art: np.ndarray) -> list[tuple[int, int]]:
    """``(start, stop)`` runs of the lines of whole articles (``art`` sorted) of about
    :data:`toolkit.text.RUN_CHARS` characters."""
    lengths = np.fromiter(map(len, norms), dtype=np.int64, count=len(norms))
    starts = np.flatnonzero(np.r_[True, art[1:] != art[:-1]]) if len(art) else None
    return char_runs(lengths, RUN_CHARS, starts=starts)


#: Near-repeat candidates: each line is paired, per shingle, with at most this many of
#: the later lines of its article that share the shingle (see :func:`mark_repeats`).
MAX_SHINGLE_PARTNERS = 64
#: Most candidate pairs of one run of articles (the window above shrinks below
#: ``MAX_SHINGLE_PARTNERS`` only in a run with millions of shared shingles, such as one
#: article of tens of thousands of near-identical lines): memory stays bounded.
PAIR_BUDGET = 8_000_000


def _near_partners(
    tok: np.ndarray,
    n_words: np.ndarray,
    art: np.ndarray,
    exact: np.ndarray,
    threshold: float,
    shingle_size: int,
    min_words: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Best earlier near-repeat partner of each line that is not an exact repeat.

    Lines are in (article, line_no) order, ``tok`` their folded word ids and
    ``n_words`` their word counts. Returns parallel arrays ``(line, partner,
    similarity)`` of line positions, one row per line that has a partner.
    """
    n = len(n_words)
    none = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))
    sh_line, sh_key = _line_shingles(tok, n_words, shingle_size, min_words)
    if not len(sh_line):
        return none
    size = np.bincount(sh_line, minlength=n)
    # an exact repeat has the shingles of its earlier copy, which wins every tie: it
    # can be neither a line nor the best partner, so its shingles are left out
    original = ~exact[sh_line]
    sh_line, sh_key = sh_line[original], sh_key[original]
    with np.errstate(over="ignore"):
        joint = sh_key ^ fmix64(art[sh_line].astype(np.uint64) * _DOC_MULT + np.uint64(1))
    # only shingles found in two lines of one article can make a pair
    codes, _ = pd.factorize(joint)
    shared_key = np.bincount(codes)[codes] >= 2
    # every pair of lines sharing a shingle: sorted by (shingle, line), the lines of a
    # shingle are distinct and increasing, so its pairs are (p, q) with p before q
    if not shared_key.any():
        return none
    order = np.lexsort((sh_line[shared_key], codes[shared_key]))
    s_line, s_code = sh_line[shared_key][order], codes[shared_key][order]
    starts = np.flatnonzero(np.r_[True, s_code[1:] != s_code[:-1]])
    ends = np.repeat(np.r_[starts[1:], len(s_code)], np.diff(np.r_[starts, len(s_code)]))
    # partners after each position in its shingle's list of lines, at most the next
    # MAX_SHINGLE_PARTNERS: a shingle in k lines of one article would give k**2 / 2
    # pairs (10,000 similar comment lines: 50 million), the window gives at most k times
    # the window, so the cost stays linear in the shingles
    window = min(MAX_SHINGLE_PARTNERS, max(2, PAIR_BUDGET // max(len(s_code), 1)))
    later = np.minimum(ends - np.arange(len(s_code)) - 1, window)
    total = int(later.sum())
    if not total:
        return none
    first = np.repeat(np.arange(len(s_code)), later)
    offset = np.arange(total) - np.repeat(np.cumsum(later) - later, later) + 1
    pair_code = s_line[first + offset] * np.int64(n) + s_line[first]
    uniq, shared = np.unique(pair_code, return_counts=True)
    cur, prev = uniq // n, uniq % n
    sim = shared / (size[cur] + size[prev] - shared)
    ok = (sim >= threshold - 1e-12) & ~exact[cur]
    cur, prev, sim = cur[ok], prev[ok], sim[ok]
    # best partner per line: highest similarity, then earliest line
    pick = np.lexsort((prev, -sim, cur))
    cur, prev, sim = cur[pick], prev[pick], sim[pick]
    head = np.r_[True, cur[1:] != cur[:-1]] if len(cur) else np.zeros(0, dtype=bool)
    return cur[head], prev[head], sim[head]


# --------------------------------------------------------------------------- captions

#: News agencies whose name alone, in brackets or after a slash, credits a photo
#: ("(Reuters)", "/ AP", "/ ТАСС").
_AGENCIES = (
    r"(?:reuters|ap|afp|epa|dpa|xinhua|anadolu|bloomberg|tass|ria novosti"
    r"|тасс|риа новости|интерфакс)"
)
_GAP = r"[^\S\n]*"  # spaces, never a line break (the pattern also runs over joined lines)
_LINE_END = r"[^\S\n]*[.,;]?[^\S\n]*(?=\n|$)"

#: A photo credit in a line (case-insensitive): ``©`` not followed by a year (a
#: copyright line is not a credit), "Photo:", "Photo by", "Picture:", "Image:", "Credit:",
#: "Фото:", "Снимок:", "Getty Images", "AP Photo", "Shutterstock", an agency in brackets
#: at the end of the line ("(Reuters)", "(AP Photo/J. Doe)") or after a slash near it
#: ("/ AP", "/ ТАСС"). The words are those of the boilerplate detector's copyright and
#: credit lines (``toolkit.stats.boilerplate``), here found anywhere in a line, since a
#: caption may carry its credit before or after it.
CREDIT_PATTERN = (
    rf"©(?!{_GAP}(?:19|20)\d\d)"
    r"|\b(?:photo(?:graph)?|picture|image|credit|фото(?:графия)?|снимок|иллюстрация)s?"
    rf"{_GAP}(?:by\b|:|/)"
    rf"|\b(?:getty{_GAP}images|shutterstock|alamy|ap{_GAP}photo|afp{_GAP}photo)\b"
    rf"|\({_GAP}{_AGENCIES}\b[^()\n]{{0,40}}\){_LINE_END}"
    rf"|/{_GAP}{_AGENCIES}\b(?=[^\n/]{{0,40}}$)"
)
_CREDIT_RE = re.compile(CREDIT_PATTERN, re.IGNORECASE | re.MULTILINE)
#: A superset of :data:`CREDIT_PATTERN` in a ``norm`` (case folded), in RE2 syntax for
#: Arrow: lines that match it are the only ones :data:`CREDIT_PATTERN` is tried on.
_CREDIT_PREFILTER = (
    r"©|photo|picture|image|credit|фото|снимок|иллюстрац|getty|shutterstock|alamy"
    rf"|[(/] ?{_AGENCIES}"
)
#: What a credit's text never holds: a year or a copyright notice (a copyright line, a
#: date: "24 hours of news photos: 30 July 2012").
_COPYRIGHT_RE = re.compile(r"(?:19|20)\d\d|copyright|all rights reserved|все права", re.IGNORECASE)
#: Before a credit word after the caption ("Photo:", "Credit:"): a punctuation mark or
#: bracket ("Rain over the harbour. Photo: ...", "... (Photo: ...)", "... | Фото: ..."),
#: so that a title such as "Saturday In Photos: ..." is no caption with a credit.
_BEFORE_CREDIT_WORD = tuple(".!?…;,:|)]-–—(")
#: A site name after a caption's alt text ("... - Meridian Dispatch", "... | Site"), in a
#: line's ``norm`` (dashes folded to "-"): at most :data:`CAPTION_MAX_SITE_WORDS` tokens.
_SITE_SUFFIX_RE = re.compile(r"(?m) [-|] [^\n.!?|-][^\n.!?|]{1,39}$")
#: Where a credit glued to a caption may end: a space, or a change of case without one
#: ("GRETA SUNDContainer ships", "Anna KovalContainer ships", and a one-letter word
#: after a name in capitals: "MIKHAIL ORENA compressor station").
_CUT_RE = re.compile(
    r"(?<=\s)(?=\S)|(?<=[A-ZА-ЯЁ])(?=[A-ZА-ЯЁ][a-zа-яё])|(?<=[a-zа-яё])(?=[A-ZА-ЯЁ])"
    r"|(?<=[A-ZА-ЯЁ])(?=[A-ZА-ЯЁ]\s)"
)


def _n_tokens(text: str, start: int = 0, stop: int | None = None) -> int:
    """Whitespace-separated tokens of ``text[start:stop]``: the caption rule's limits
    (credit, site name and caption lengths) count these, not words (a regex pass per
    cut would cost more than all the rest of the rule)."""
    return len(text[start:stop].split())


#: Most words of a line that can be a captioned photo's line (caption and credit).
CAPTION_MAX_WORDS = 60
#: Most tokens (whitespace-separated) of the credit beside a caption, and of a site
#: name after one.
CAPTION_MAX_CREDIT_WORDS, CAPTION_MAX_SITE_WORDS = 12, 4
#: Fewest tokens (whitespace-separated) and characters of a caption compared without
#: its credit.
CAPTION_MIN_WORDS, CAPTION_MIN_CHARS = 3, 15
_EDGE = " ,;:|/-(["


def _caption_variants(text: str) -> tuple[str, list[str]]:
    """The matching key of a caption cut from a credited line, stripped of the
    punctuation left at the cut, and its variants with and without a final full stop
    (``("", [])`` when it is too short)."""
    key = matching_key(text).strip(_EDGE)
    if len(key) < CAPTION_MIN_CHARS or _n_tokens(key) < CAPTION_MIN_WORDS:
        return "", []
    bare = key.rstrip(".!?… ")
    return key, list(dict.fromkeys((key, bare, bare + ".")))


def _credit_keys(text: str) -> list[tuple[str, str, bool]]:
    """Caption keys of a line that carries a photo credit: ``(key, variant, glued)``.

    A credit after the caption (the earliest credit followed by at most
    :data:`CAPTION_MAX_CREDIT_WORDS` tokens, after a punctuation mark when it starts with
    a word: "Rain over the harbour. Photo: J. Smith / Agency", "Rain over the harbour
    (Reuters)") gives one key, the text before it (``glued`` False). A credit that opens
    the line ("© Meridian Photo / ANNA KOVALContainer ships ...") has no marked end: every
    place within the next :data:`CAPTION_MAX_CREDIT_WORDS` tokens where a caption may start
    gives a key (``glued`` True), to be matched only with a whole line. A key never holds
    a credit (one that starts before the cut for a leading credit, after it for one
    that follows), and a credit part with a year or a copyright notice gives none.
    """
    out: list[tuple[str, str, bool]] = []
    matches = list(_CREDIT_RE.finditer(text))
    for k, m in enumerate(matches):
        begin = m.start()
        if not begin or _n_tokens(text, begin) > CAPTION_MAX_CREDIT_WORDS:
            continue
        if k or (text[begin].isalpha() and not text[:begin].rstrip().endswith(_BEFORE_CREDIT_WORD)):
            break  # an earlier credit would stay in the caption, or no caption ends here
        if _COPYRIGHT_RE.search(text, begin):
            break
        key, variants = _caption_variants(text[:begin])
        out.extend((key, v, False) for v in variants)
        break
    if matches and not text[: matches[0].start()].strip(_EDGE + "«\"'"):
        first, last_start = matches[0], matches[-1].start()
        for cut in _CUT_RE.finditer(text, first.end()):
            if _n_tokens(text, first.start(), cut.start()) > CAPTION_MAX_CREDIT_WORDS:
                break
            if _COPYRIGHT_RE.search(text, 0, cut.start()):
                break
            if cut.start() <= last_start:  # a credit would stay in the caption
                continue
            key, variants = _caption_variants(text[cut.start() :])
            out.extend((key, v, True) for v in variants)
    return list(dict.fromkeys(out))


def _credited_lines(texts: list[str], norms: list[str], n_words: np.ndarray) -> list[int]:
    """Positions of the lines of at most :data:`CAPTION_MAX_WORDS` words whose ``text``
    holds a photo credit (:data:`CREDIT_PATTERN`).

    The ``norm`` column is screened first with :data:`_CREDIT_PREFILTER` by Arrow's RE2
    engine (one call over the column, about 20x faster than Python's ``re`` with the
    full pattern, which is then tried on the few lines that pass); lines Arrow cannot
    encode (lone surrogates) are screened with ``re``.
    """
    if not norms:
        return []
    try:
        hit = pc.match_substring_regex(pa.array(norms, type=pa.large_string()), _CREDIT_PREFILTER)
        screened = np.flatnonzero(hit.to_numpy(zero_copy_only=False))
    except (UnicodeEncodeError, pa.ArrowException):
        prefilter = re.compile(_CREDIT_PREFILTER)
        screened = np.array([i for i, t in enumerate(norms) if prefilter.search(t)], dtype=np.int64)
    short = screened[(n_words[screened] > 0) & (n_words[screened] <= CAPTION_MAX_WORDS)]
    return [i for i in short.tolist() if _CREDIT_RE.search(texts[i])]


def _line_spans(texts: list[str], pattern: re.Pattern[str]) -> dict[int, tuple[int, int]]:
    """Span (in its line) of the first match of ``pattern`` in each line that has one,
    by line position: one regex pass over the lines joined by newlines (a match that
    runs across lines is dropped; lines of split_lines hold no newline)."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    starts = np.r_[0, np.cumsum(lengths + 1)[:-1]].astype(np.int64)
    found: dict[int, tuple[int, int]] = {}
    for m in pattern.finditer("\n".join(texts)):
        i = int(np.searchsorted(starts, m.start(), side="right")) - 1
        begin, end = m.start() - int(starts[i]), m.end() - int(starts[i])
        if i not in found and end <= lengths[i]:
            found[i] = (begin, end)
    return found


def _caption_partners(
    texts: list[str],
    norms: list[str],
    norm_hash: np.ndarray,
    art: np.ndarray,
    n_words: np.ndarray,
    taken: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Photo captions repeated with or without their credit, or with another one.

    Lines in (article, line_no) order; ``norm_hash`` the session hashes of ``norms``,
    ``n_words`` the words per line, ``taken`` the lines that are repeats already. Every
    line of at most :data:`CAPTION_MAX_WORDS` words with a photo credit
    (:data:`CREDIT_PATTERN`) gives the keys of its caption without the credit
    (:func:`_credit_keys`); every line gives its ``norm`` and, when it ends in a site
    name ("... - Meridian Dispatch"), its ``norm`` without it. Lines of one article
    that share a key, at least one of them through a credit, hold the same caption: each
    later one points at the first. Two lines only cut from credits must both have
    the credit after the caption (the place where a leading credit ends is a guess: it
    must be confirmed by a line without one). The joins are on whole keys, so two
    different captions stay different, whatever their credits. Returns parallel arrays
    ``(line, partner, similarity)`` of lines not in ``taken``; the similarity is the
    share of the longer line's ``norm`` that the caption makes up.
    """
    none = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))
    credited = _credited_lines(texts, norms, n_words)
    if not credited:
        return none
    # the lines of the articles with a credited line, and those of them ending in a
    # site name ("... - Meridian Dispatch") without it
    sub = np.flatnonzero(np.isin(art, art[credited]))
    site: dict[int, str] = {}
    sub_norms = [norms[i] for i in sub.tolist()]
    for k, (begin, end) in _line_spans(sub_norms, _SITE_SUFFIX_RE).items():
        if _n_tokens(sub_norms[k], begin, end) - 1 <= CAPTION_MAX_SITE_WORDS:  # not "-"
            site[int(sub[k])] = sub_norms[k][:begin].rstrip()
    site_keys = set(site.values())
    whole_hashes = norm_hash[sub]
    # rows (line, key, kind): 0 whole norm, 1 norm without a site name, 2 caption cut
    # before a credit, 3 caption cut after a leading credit; klen: the caption's length
    pos: list[int] = []
    keys: list[str] = []
    kinds: list[int] = []
    klen: list[int] = []
    for i in credited:
        for key, variant, glued in _credit_keys(texts[i]):
            pos.append(i)
            keys.append(variant)
            kinds.append(3 if glued else 2)
            klen.append(len(key))
    if not keys:
        return none
    # a guessed cut (kind 3) needs a whole line (kind 0 or 1) with its key (by hash here,
    # by the key itself in the groups below)
    hashes = _session_hashes(keys)
    kind_arr = np.array(kinds, dtype=np.int64)
    keep = (kind_arr != 3) | np.isin(hashes, whole_hashes)
    keep |= np.fromiter((k in site_keys for k in keys), dtype=bool, count=len(keys))
    pos = [p for p, ok in zip(pos, keep, strict=True) if ok]
    keys = [k for k, ok in zip(keys, keep, strict=True) if ok]
    kinds = kind_arr[keep].tolist()
    klen = [n for n, ok in zip(klen, keep, strict=True) if ok]
    wanted = set(keys)
    for i, bare in site.items():
        if bare in wanted:
            pos.append(i)
            keys.append(bare)
            kinds.append(1)
            klen.append(len(bare))
    maybe = sub[np.isin(whole_hashes, _session_hashes(list(wanted)))]
    for i in maybe.tolist():
        if norms[i] in wanted:
            pos.append(i)
            keys.append(norms[i])
            kinds.append(0)
            klen.append(len(norms[i]))
    if not pos:
        return none
    rows = pd.DataFrame({"pos": pos, "kind": kinds, "klen": klen}, dtype=np.int64)
    rows["art"] = art[rows["pos"].to_numpy()]
    rows["group"] = pd.factorize(pd.MultiIndex.from_arrays([rows["art"], keys]))[0]
    # a guessed cut (kind 3) counts only where a whole line (kind 0 or 1) confirms it
    whole = rows["kind"] <= 1
    confirmed = rows.loc[whole, "group"].unique()
    rows = rows[(rows["kind"] != 3) | rows["group"].isin(confirmed)]
    by_group = rows.groupby("group")
    has_credit = by_group["kind"].transform("max") >= 2
    first = by_group["pos"].transform("min")
    keep = (has_credit & (rows["pos"] > first)).to_numpy()
    pairs = rows[keep].assign(partner=first.to_numpy()[keep])
    pairs = pairs[~taken[pairs["pos"].to_numpy()]]
    if not len(pairs):
        return none
    # per line: the earliest partner, then the longest caption
    pairs = pairs.sort_values(["pos", "partner", "klen"], ascending=[True, True, False])
    pairs = pairs.drop_duplicates("pos")
    cur = pairs["pos"].to_numpy(dtype=np.int64)
    prev = pairs["partner"].to_numpy(dtype=np.int64)
    longer = np.maximum(
        np.fromiter((len(norms[i]) for i in cur), dtype=np.float64, count=len(cur)),
        np.fromiter((len(norms[i]) for i in prev), dtype=np.float64, count=len(prev)),
    )
    sim = np.minimum(pairs["klen"].to_numpy(dtype=np.float64) / longer, 1.0)
    return cur, prev, sim


def mark_repeats(
    lines: pd.DataFrame,
    *,
    threshold: float = REPEAT_THRESHOLD,
    shingle_size: int = 3,
    min_words: int = 4,
) -> pd.DataFrame:
    """Mark lines that repeat an earlier line of the same article, exactly or nearly.

    A line is an **exact** repeat when its ``norm`` (quote marks, dashes, spacing and
    case folded, see :func:`toolkit.text.normalize_for_matching`) equals the ``norm`` of
    an earlier line of the same article, whatever its length. It is a **near** repeat
    when both it and an earlier line of the article have at least ``min_words`` words
    and the Jaccard similarity of their sets of word shingles is at least
    ``threshold``. Words are :data:`WORD_PATTERN` matches in the line's ``text`` (so
    punctuation does not count), compared by their matching key (so case, quote marks
    and Unicode compatibility forms do not count either); shingles are runs of
    ``shingle_size`` consecutive words (a line shorter than that has one shingle: all
    its words). "Earlier" means a smaller
    ``line_no``; the first occurrence of a text is never a repeat. When several earlier
    lines qualify, the line points at the most similar one (ties: the earliest); an
    exact match always wins over a near one.

    A **caption** repeat is a photo caption repeated in its article with or without its
    credit, or with another credit: "Rain over the harbour. Photo: J. Smith / Agency"
    and later "Rain over the harbour." or "Rain over the harbour (Reuters)"; or a
    credit glued before the caption, "© Herald Photo / ANNA KOVALRain over the harbour",
    and the image's alt text "Rain over the harbour - The Herald". Credits are the
    matches of :data:`CREDIT_PATTERN` (English and Russian: "Photo:", "Фото:", "©",
    "Credit:", "Getty Images", "(Reuters)", "/ AP", ...) in a line of at most
    :data:`CAPTION_MAX_WORDS` words. The caption without its credit (at least 3
    whitespace-separated tokens and 15 characters; the credit at most 12 tokens, with no
    year or copyright notice) must equal, as a whole ``norm``, another line of the
    article (or that line without a site name of at most 4 tokens after " - " or " | "),
    or the caption cut from
    another credited line; so two different captions with the same credit, or a body
    line ending in "(Reuters)" and another line, stay apart. The line points at the
    first copy of the caption, also where it is a near repeat of a later copy; only an
    exact repeat wins over a caption. The candidate lines come from one regex pass over
    the column; only they are cut in Python, and the copies are joined by key.

    Why 0.45: scraped pages repeat a paragraph with other quote marks and another
    attribution clause ("..., the minister said during a visit to Oslo on Friday." vs
    "..., the minister told reporters in Oslo."); for that 21- vs 17-word pair the
    3-word-shingle Jaccard is 11/23 = 0.478, so 0.5 misses it. Below 0.45 short credit
    lines start to match: "By A and B" vs "Reporting by A and B; Editing by C" scores
    4/9 = 0.444 and is not a repeat. On the demo corpus's gold labels (38 repeated
    lines) the shingles alone at 0.45 give precision 1.00 and recall 0.79 (all labelled
    body repeats score 0.55-0.72; the misses were 8 of the 15 photo captions glued to
    their credit), 0.40 gives 0.80 / 0.84 and 0.50 gives 1.00 / 0.63; with the caption
    rule 0.45 finds all 38, no false one (``benchmarks/bench_repetition.py``). On 852 labelled real pages (dev set), 0.45 instead of
    0.5 flags about 0.1 % more body lines that are not repeats. The margins are small:
    treat values in [0.4, 0.5] as a band to check, not a sharp boundary.

    The comparison is vectorised: shingle hashes are joined with themselves within each
    article, shared shingles are counted per line pair, and the best earlier partner
    is kept. The pairs come from an index of shingles, never from all pairs of lines:
    per shingle, a line is paired with at most :data:`MAX_SHINGLE_PARTNERS` of the next
    lines of its article that share it (fewer when a run of articles would make more
    than :data:`PAIR_BUDGET` pairs; exact repeats are left out first: their earlier
    copy wins every tie), so time and memory grow linearly with the shingles, also in
    an article of thousands of similar comment lines. Only a shingle found in more than
    that many distinct lines of one article can make a similarity smaller than the
    all-pairs one; on the demo corpus, 852 real pages and a 3,000-article corpus the
    marks are the same as with all pairs.

    Parameters
    ----------
    lines : pandas.DataFrame
        The lines table of :func:`toolkit.text.split_lines` (at least ``article_id,
        line_no, text, norm``). It is not modified.
    threshold : float, default 0.45
        Minimum shingle Jaccard similarity of a near repeat, in (0, 1].
    shingle_size : int, default 3
        Words per shingle.
    min_words : int, default 4
        Lines with fewer words can only be exact repeats.

    Returns
    -------
    pandas.DataFrame
        A copy of ``lines`` with the added columns

        - ``is_repeat`` (bool);
        - ``repeat_of`` (Int64): ``line_no`` of the earlier line it repeats, ``<NA>`` if
          none;
        - ``repeat_similarity`` (float): 1.0 for an exact repeat, the Jaccard similarity
          for a near one, for a caption the share of the longer line's ``norm`` that the
          caption makes up, NaN if not a repeat;
        - ``repeat_kind`` (object): ``"exact"``, ``"near"``, ``"caption"`` or None.

    Examples
    --------
    >>> from toolkit.text import split_lines
    >>> text = ("Subscribe\\n\\n“Prices will rise again next spring,” the analyst said on Monday.\\n\\n"
    ...         "Subscribe\\n\\n\\"Prices will rise again next spring,\\" the analyst told us.")
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [text]})
    >>> marked = mark_repeats(split_lines(arts))
    >>> marked[["line_no", "is_repeat", "repeat_of", "repeat_kind"]].values.tolist()
    [[1, False, <NA>, None], [3, False, <NA>, None], [5, True, 1, 'exact'], [7, True, 3, 'near']]
    >>> round(float(marked.loc[3, "repeat_similarity"]), 3)  # 6 shared of 9 + 8 - 6 shingles
    0.545
    >>> text = ("Rain over the harbour. Photo: J. Smith / Agency\\nThe storm closed the road.\\n"
    ...         "Rain over the harbour.\\nДождь над гаванью. Фото: И. Смирнов / ТАСС\\n"
    ...         "Дождь над гаванью (ТАСС)")
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [text]})
    >>> marked = mark_repeats(split_lines(arts))
    >>> marked[["line_no", "repeat_of", "repeat_kind"]].values.tolist()
    [[1, <NA>, None], [2, <NA>, None], [3, 1, 'caption'], [4, <NA>, None], [5, 4, 'caption']]
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
    if shingle_size < 1 or min_words < 1:
        raise ValueError("shingle_size and min_words must be at least 1")
    missing = [c for c in ("article_id", "line_no", "text", "norm") if c not in lines.columns]
    if missing:
        raise ValueError(f"lines table lacks column(s) {', '.join(missing)}")
    return repeats_and_words(lines, threshold, shingle_size, min_words)[0]


def _first_positions(norms: list[str], art: np.ndarray, hashes: np.ndarray) -> np.ndarray:
    """Position of the first line of the same article with the same ``norm``, per line
    (``hashes``: the :func:`_session_hashes` of ``norms``)."""
    with np.errstate(over="ignore"):
        keys = hashes ^ fmix64(art.astype(np.uint64) * _DOC_MULT + np.uint64(1))
    codes, _ = pd.factorize(keys)
    first_pos = np.flatnonzero(first_seen(codes))[codes]  # codes grow by first sight
    later = np.flatnonzero(first_pos < np.arange(len(norms)))
    if all(norms[i] == norms[j] for i, j in zip(later, first_pos[later], strict=True)) and bool(
        (art[later] == art[first_pos[later]]).all()
    ):
        return first_pos
    # two keys share a 64-bit hash: group by the keys themselves
    key = pd.DataFrame({"a": art, "norm": norms})
    groups = pd.Series(np.arange(len(norms))).groupby([key["a"], key["norm"]], sort=False)
    return groups.transform("min").to_numpy()


def repeats_and_words(
    lines: pd.DataFrame,
    threshold: float,
    shingle_size: int,
    min_words: int,
    texts: list[str] | None = None,
    norms: list[str] | None = None,
) -> tuple[pd.DataFrame, _Words | None]:
    """:func:`mark_repeats`, and the words of the lines when they were already in
    (article, line_no) order (else None), for :func:`gopher_and_words`.

    ``texts`` and ``norms``: the ``text`` and ``norm`` columns as lists of str, when
    the caller holds them already.
    """
    out = lines.copy()
    n = len(out)
    art = pd.factorize(out["article_id"])[0].astype(np.int64)
    line_no = out["line_no"].to_numpy(dtype=np.int64)
    if norms is None:
        norms = out["norm"].fillna("").astype(str).tolist()
    if texts is None:
        texts = out["text"].fillna("").astype(str).tolist()
    # work in (article, line_no) order; `order[k]` is the row of the k-th line
    order = np.lexsort((line_no, art))
    in_order = bool((order == np.arange(n)).all())
    art_o, line_no_o = art[order], line_no[order]
    norms_o = norms if in_order else [norms[i] for i in order]
    texts_o = texts if in_order else [texts[i] for i in order]
    words = _words_of(texts_o)
    word_end = np.cumsum(words.counts)

    best_of = np.full(n, -1, dtype=np.int64)  # position (in order) of the repeated line
    best_sim = np.full(n, np.nan)
    kind = np.full(n, None, dtype=object)

    # exact repeats: first line of the article with the same norm
    norm_hash = _session_hashes(norms_o)
    if n:
        first_pos = _first_positions(norms_o, art_o, norm_hash)
        exact = first_pos < np.arange(n)
        best_of[exact] = first_pos[exact]
        best_sim[exact] = 1.0
        kind[exact] = "exact"
    else:
        exact = np.zeros(0, dtype=bool)

    # near repeats, a run of whole articles (about RUN_CHARS characters) at a time
    for a, b in _article_runs(norms_o, art_o):
        first_word = int(word_end[a - 1]) if a else 0
        cur, prev, sim = _near_partners(
            words.folded[first_word : int(word_end[b - 1])],
            words.counts[a:b],
            art_o[a:b],
            exact[a:b],
            threshold,
            shingle_size,
            min_words,
        )
        best_of[cur + a] = prev + a
        best_sim[cur + a] = sim
        kind[cur + a] = "near"

    # photo captions repeated with or without their credit, or with another one: they
    # point at the first copy, also where a near partner was found
    cur, prev, sim = _caption_partners(texts_o, norms_o, norm_hash, art_o, words.counts, exact)
    best_of[cur], best_sim[cur], kind[cur] = prev, sim, "caption"

    is_rep = best_of >= 0
    repeat_of = np.where(is_rep, line_no_o[np.maximum(best_of, 0)], 0).astype(np.int64)
    inverse = np.empty(n, dtype=np.int64)
    inverse[order] = np.arange(n)
    out["is_repeat"] = is_rep[inverse]
    out["repeat_of"] = pd.arrays.IntegerArray(repeat_of[inverse], ~is_rep[inverse])
    out["repeat_similarity"] = best_sim[inverse].astype(np.float64)
    out["repeat_kind"] = pd.Series(kind[inverse], index=out.index, dtype=object)
    return out, (words if in_order else None)


# --------------------------------------------------------------------------- articles
