"""Keyword statistics: what each outlet writes about, and how differently.

The pipeline is ``articles -> texts (clean by default) -> tokens -> counts -> tables``:

* :func:`tokenize` / :func:`tokenize_series` turn text into word tokens;
* :func:`term_counts` counts every term (word or n-gram) once per group of articles
  (an outlet, by default) into a :class:`KeywordCounts` object, built once;
* :func:`keyword_frequencies` and :func:`keyness` / :func:`keyness_table` read that
  object (``keyness`` for one pair of outlets takes milliseconds once counts exist);
* :func:`concordance` shows a term in context, :func:`collocations` finds word pairs
  that belong together, :func:`keyword_trends` follows terms over time.

Tokens
------
A token is, in this order of preference (Unicode-aware, Latin, Cyrillic and any other
alphabet):

1. an abbreviation written with periods, ``U.S.`` or ``т.е.`` (kept with its periods);
2. a number with decimal or thousands separators, ``3.5`` or ``1,200`` (``2026`` is a
   plain token of digits);
3. a run of letters/digits, joined across single hyphens and apostrophes:
   ``cease-fire``, ``северо-запад``, ``don't``, ``O'Neill``, ``COVID-19``.

Then each token is normalised: curly and modifier apostrophes (``’ ʼ``) become ``'``,
Unicode hyphens (U+2010, U+2011) become ``-``, the text is lower-cased (``lower=True``)
and the English possessive/clitic ``'s`` is split off and dropped, so ``Lavrov's``
counts as ``lavrov`` and ``it's`` as ``it`` (``don't``, ``o'neill`` stay whole). Soft
hyphens (U+00AD) inside a word are deleted. Underscores, punctuation and symbols
are never part of a token, and no token is empty. The loader stores text in Unicode NFC;
other input is tokenized as given.

Counting
--------
``n`` counts occurrences, ``n_articles`` the articles with at least one occurrence, and
``per_10k_words = n / n_words * 10,000`` where ``n_words`` is the group's number of word
tokens **of every kind** (stop words and numbers included, before any filtering), also
for n-grams. N-grams are built over the token stream *before* stop-word removal, inside
one article, and never across a line break or a sentence/clause mark (``. ! ? ; : …``);
an n-gram is dropped when it starts or ends with a stop word ("minister of defence"
stays, "of the" goes). Stop words are applied when a table is read, not when counting,
so one :class:`KeywordCounts` serves every stop-word choice.

Keyness
-------
For a term with ``a`` occurrences in the target (``c`` word tokens in all) and ``b`` in
the reference (``d`` tokens), following Rayson & Garside (2000) and Hardie (2014):

* ``E1 = c (a + b) / (c + d)``, ``E2 = d (a + b) / (c + d)``,
  ``G2 = 2 (a ln(a / E1) + b ln(b / E2))`` with ``0 ln 0 = 0``; ``g2`` carries the sign
  ``+`` when the term is relatively more frequent in the target (``a/c > b/d``);
* ``p_value`` = upper tail of chi-squared with 1 degree of freedom at ``|G2|``
  (``erfc(sqrt(|G2| / 2))``);
* ``log_ratio = log2((a / c) / (b / d))``; when ``a`` or ``b`` is 0, **0.5 is added to
  both** ``a`` and ``b`` for that term (only then); NaN when ``c`` or ``d`` is 0;
* ``log_odds_z`` (optional): Monroe, Colaresi & Quinn (2008) weighted log-odds ratio with
  an informative Dirichlet prior from the whole corpus, ``alpha_w = prior * y_w`` where
  ``y_w`` is the term's count over all groups, ``alpha_0 = prior * N`` (``N`` all tokens):
  ``delta = ln((a + alpha_w) / (c + alpha_0 - a - alpha_w)) -
  ln((b + alpha_w) / (d + alpha_0 - b - alpha_w))``, ``z = delta / sqrt(1 / (a + alpha_w)
  + 1 / (b + alpha_w))``.

Examples
--------
>>> import pandas as pd
>>> arts = pd.DataFrame({
...     "article_id": ["1", "2", "3"],
...     "outlet": ["Herald", "Herald", "Courier"],
...     "text": ["The harbour flooded again.", "Harbour repairs begin.", "Wheat prices rose."],
... })
>>> keyword_frequencies(arts, text="raw", top=1)[["outlet", "term", "n"]].values.tolist()
[['Courier', 'prices', 1], ['Herald', 'harbour', 2]]
"""

from __future__ import annotations

import gc
import math
import re
import warnings
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache, singledispatch
from itertools import chain
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from toolkit.schema import as_articles
from toolkit.stats.summary import cached_clean_texts, texts_of_articles

__all__ = [
    "KEYNESS_COLUMNS",
    "TOKEN_PATTERN",
    "KeywordCounts",
    "collocations",
    "concordance",
    "keyness",
    "keyness_table",
    "keyword_frequencies",
    "keyword_trends",
    "log_likelihood_g2",
    "log_odds_z",
    "log_ratio",
    "stopwords",
    "term_counts",
    "tokenize",
    "tokenize_series",
]

# --------------------------------------------------------------------------- tokens

_ALNUM = r"[^\W_]"  # a Unicode letter or digit (str.isalnum), never "_"
_JOINERS = "'’ʼ\\-‐‑\u00ad"  # apostrophes, hyphens, soft hyphen: join two runs into one token
#: The token pattern (Python ``re`` syntax, used by nltk's RegexpTokenizer and pandas).
TOKEN_PATTERN = (
    rf"{_ALNUM}(?:"  # one alternative per start character keeps the regex fast
    r"(?<=[^\W\d_])\.(?:[^\W\d_]\.)+"  # U.S., т.е.
    rf"|{_ALNUM}*(?:(?:[{_JOINERS}]|(?<=\d)[.,](?=\d)){_ALNUM}+)*"  # cease-fire, 1,200
    r")"
)
# the same tokens plus boundary marks, which n-grams and collocations never cross
_STREAM_PATTERN = TOKEN_PATTERN + r"|[.!?;:…\n]+"
_TOKEN_RE = re.compile(TOKEN_PATTERN)
_STREAM_RE = re.compile(_STREAM_PATTERN)
_FOLD = str.maketrans({"’": "'", "ʼ": "'", "‐": "-", "‑": "-", "\u00ad": None})
_LETTER_RE = re.compile(r"[^\W\d_]")
_BOUNDARY = -2  # token id of a boundary mark in the internal stream
_DROPPED = -1  # token id of a token removed by keep_numbers=False

_TEXT_CHOICES = ("clean", "raw")


@lru_cache(maxsize=1)
def _nltk_tokenizer() -> Any:
    """nltk's RegexpTokenizer over :data:`TOKEN_PATTERN`, compiled by the stdlib ``re``.

    nltk 3.10 compiles caller patterns through ``nltk.redos`` with the third-party
    ``regex`` engine, whose ``\\w`` also matches combining marks and which is about twice
    as slow here; pandas' ``str.findall`` uses ``re``. Compiling with ``re`` keeps the
    single-text and the column paths token-for-token identical.
    """
    from nltk.tokenize import RegexpTokenizer

    class _StdlibRegexpTokenizer(RegexpTokenizer):  # type: ignore[misc]
        def _check_regexp(self) -> None:
            if getattr(self, "_regexp", None) is None:
                self._regexp: Any = re.compile(self._pattern, self._flags)

    return _StdlibRegexpTokenizer(TOKEN_PATTERN)


def _norm_token(token: str, lower: bool, keep_numbers: bool) -> str | None:
    """Normalise one raw token; ``None`` when it is dropped."""
    token = token.translate(_FOLD)  # also deletes soft hyphens
    if lower:
        token = token.lower()
    if len(token) > 2 and token[-2] == "'" and token[-1] in "sS":
        token = token[:-2]
    if not keep_numbers and _LETTER_RE.search(token) is None:
        return None
    return token


def tokenize(text: str, *, lower: bool = True, keep_numbers: bool = True) -> list[str]:
    """Split a text into word tokens (see the module docstring for the exact rules).

    Built on :class:`nltk.tokenize.RegexpTokenizer` with :data:`TOKEN_PATTERN` (no
    downloaded data needed). :func:`tokenize_series` and every counting function give
    exactly the same tokens.

    Parameters
    ----------
    text : str
        Any text; ``""`` gives ``[]``.
    lower : bool, default True
        Lower-case the tokens.
    keep_numbers : bool, default True
        Keep tokens without a letter (``2026``, ``3.5``, ``1,200``).

    Returns
    -------
    list of str
        Tokens in text order; never an empty string.

    Examples
    --------
    >>> tokenize("Lavrov’s cease-fire plan: 1,200 troops, 3.5 km, don't panic in the U.S.")
    ['lavrov', 'cease-fire', 'plan', '1,200', 'troops', '3.5', 'km', "don't", 'panic', 'in', 'the', 'u.s.']
    >>> tokenize("На северо-западе, в 2026 году", keep_numbers=False)
    ['на', 'северо-западе', 'в', 'году']
    >>> tokenize("")
    []
    """
    raw = _nltk_tokenizer().tokenize(text)
    out = [_norm_token(t, lower, keep_numbers) for t in raw]
    return [t for t in out if t]


def _normalise_uniques(uniques: Sequence[str], lower: bool, keep_numbers: bool) -> list[str | None]:
    return [_norm_token(u, lower, keep_numbers) for u in uniques]


def tokenize_series(
    texts: Iterable[str] | pd.Series, *, lower: bool = True, keep_numbers: bool = True
) -> pd.Series:
    """Tokenize a whole column at once; the same tokens as :func:`tokenize` on each text.

    The column is matched with ``Series.str.findall`` and each *distinct* raw token is
    normalised once (a vocabulary-level step), which is what makes corpus counting fast.

    Parameters
    ----------
    texts : pandas.Series or iterable of str
        Missing values count as ``""``.
    lower, keep_numbers : bool
        As in :func:`tokenize`.

    Returns
    -------
    pandas.Series
        One list of tokens per text, on the input's index.

    Examples
    --------
    >>> tokenize_series(pd.Series(["It’s raining.", "", "ЦИК: явка 45,5%"])).tolist()
    [['it', 'raining'], [], ['цик', 'явка', '45,5']]
    """
    s = texts if isinstance(texts, pd.Series) else pd.Series(list(texts), dtype=object)
    s = s.astype(object).where(s.notna(), "").astype(str).astype(object)
    found = s.str.findall(TOKEN_PATTERN)
    lists = found.tolist()
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    flat = list(chain.from_iterable(lists))
    if not flat:
        return pd.Series([[] for _ in lists], index=s.index, dtype=object)
    codes, uniques = pd.factorize(pd.Series(flat, dtype=object))
    normed = np.array(_normalise_uniques(list(uniques), lower, keep_numbers), dtype=object)
    tokens = normed[codes]
    ends = np.cumsum(lengths)
    starts = ends - lengths
    out = [[t for t in tokens[a:b] if t] for a, b in zip(starts, ends, strict=True)]
    return pd.Series(out, index=s.index, dtype=object)


# --------------------------------------------------------------------------- stop words

_DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=4)
def _read_list(language: str) -> frozenset[str]:
    path = _DATA / f"stopwords_{language}.txt"
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.append(word.translate(_FOLD).lower())
    return frozenset(words)


def stopwords(
    language: str = "en", *, add: Iterable[str] = (), remove: Iterable[str] = ()
) -> frozenset[str]:
    """Return a stop-word set from the shipped lists, edited as asked.

    The lists (``toolkit/stats/data/stopwords_en.txt`` and ``stopwords_ru.txt``) hold
    function words only: articles, pronouns, prepositions, conjunctions, particles,
    auxiliaries and contractions. News vocabulary ("said", "says", "state", "year",
    "former", "government"; "заявил", "год") is deliberately kept out.

    Parameters
    ----------
    language : {"en", "ru", "all"}, default "en"
        Which list; ``"all"`` is their union.
    add, remove : iterable of str
        Words to add or remove (lower-cased, curly apostrophes folded).

    Returns
    -------
    frozenset of str

    Examples
    --------
    >>> sw = stopwords("en")
    >>> "the" in sw, "said" in sw, "government" in sw
    (True, False, False)
    >>> "said" in stopwords("en", add=["Said"]), "the" in stopwords("en", remove=["the"])
    (True, False)
    >>> "и" in stopwords("all")
    True
    """
    if language == "all":
        base = _read_list("en") | _read_list("ru")
    elif language in ("en", "ru"):
        base = _read_list(language)
    else:
        raise ValueError(f'language must be "en", "ru" or "all", not {language!r}')
    added = {w.translate(_FOLD).lower() for w in add}
    removed = {w.translate(_FOLD).lower() for w in remove}
    return frozenset((base | added) - removed)


def _resolve_stop_words(stop_words: Any) -> frozenset[str]:
    if stop_words is None:
        return frozenset()
    if isinstance(stop_words, str):
        if stop_words == "auto":
            return stopwords("all")
        return stopwords(stop_words)
    return frozenset(str(w).translate(_FOLD).lower() for w in stop_words)


# --------------------------------------------------------------------------- counting engine


class _Vocab:
    """Term strings -> ids, with the first and last word id of every term.

    Ids are given in order of first sighting. :meth:`block_order` puts them in an order
    that does not depend on how the texts were chunked: block by block of
    :data:`BLOCK_DOCS` texts, the new words of a block (in order of first sighting),
    then its new n-grams, size by size.
    """

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.terms: list[str] = []
        self.first: list[int] = []
        self.last: list[int] = []
        self.block = 0  # the block of texts being read, set by _token_chunks
        self._segments: list[tuple[int, int, int]] = []  # (block, size, first id)

    def __len__(self) -> int:
        return len(self.terms)

    def _segment(self, size: int) -> None:
        if not self._segments or self._segments[-1][:2] != (self.block, size):
            self._segments.append((self.block, size, len(self.terms)))

    def word_ids(self, words: Sequence[str | None]) -> np.ndarray:
        self._segment(1)
        out = np.empty(len(words), dtype=np.int64)
        ids, terms = self.ids, self.terms
        for i, w in enumerate(words):
            if w is None:
                out[i] = _DROPPED
                continue
            j = ids.get(w)
            if j is None:
                j = len(terms)
                ids[w] = j
                terms.append(w)
                self.first.append(j)
                self.last.append(j)
            out[i] = j
        return out

    def ngram_ids(
        self, strings: np.ndarray, first: np.ndarray, last: np.ndarray, size: int
    ) -> np.ndarray:
        self._segment(size)
        out = np.empty(len(strings), dtype=np.int64)
        ids, terms = self.ids, self.terms
        for i, s in enumerate(strings):
            j = ids.get(s)
            if j is None:
                j = len(terms)
                ids[s] = j
                terms.append(s)
                self.first.append(int(first[i]))
                self.last.append(int(last[i]))
            out[i] = j
        return out

    def block_order(self) -> np.ndarray | None:
        """The ids in block order (see the class docstring); None if they are in it."""
        if len(self._segments) < 2:
            return None
        starts = np.array([seg[2] for seg in self._segments] + [len(self.terms)])
        lengths = np.diff(starts)
        blocks = np.repeat(np.array([seg[0] for seg in self._segments]), lengths)
        sizes = np.repeat(np.array([seg[1] for seg in self._segments]), lengths)
        ids = np.arange(len(self.terms), dtype=np.int64)
        order = np.lexsort((ids, sizes, blocks)).astype(np.int64)
        return None if np.array_equal(order, ids) else order


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of token strings are made.

    Token lists hold no reference cycles; without the pause, the collector rescans the
    growing heap again and again and costs up to half of the tokenizing time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


#: Characters of text tokenized at once when counting (whole texts, at least one): the
#: tokens of a chunk, a Python string each, take some 40 bytes per character of text
#: (20 MB); smaller chunks cost time in per-chunk calls.
CHUNK_CHARS = 500_000
#: Texts per block of the vocabulary order (:meth:`_Vocab.block_order`); a chunk of
#: texts never spans two blocks.
BLOCK_DOCS = 2000


def _chunk_bounds(
    texts: pd.Series, chunk_chars: int, block_docs: int | None = None
) -> Iterator[tuple[int, int]]:
    """``(start, stop)`` positions of consecutive chunks of about ``chunk_chars`` characters.

    A chunk holds at least one text, and never texts of two blocks of ``block_docs``
    (default :data:`BLOCK_DOCS`).

    Examples
    --------
    >>> list(_chunk_bounds(pd.Series(["abc", "de", "", "fghij", "k", "l"]), 5, block_docs=5))
    [(0, 3), (3, 4), (4, 5), (5, 6)]
    """
    block_docs = BLOCK_DOCS if block_docs is None else block_docs
    lengths = _text_lengths(texts)
    ends = np.cumsum(lengths)
    start, n = 0, len(lengths)
    while start < n:
        before = int(ends[start - 1]) if start else 0
        stop = int(np.searchsorted(ends, before + chunk_chars, side="right"))
        stop = min(max(stop, start + 1), (start // block_docs + 1) * block_docs, n)
        yield start, stop
        start = stop


def _text_lengths(texts: Any) -> np.ndarray:
    """Characters of every text of a Series, or of the cached clean texts of summary."""
    if isinstance(texts, pd.Series):
        return texts.str.len().fillna(0).to_numpy(dtype=np.int64)
    return np.asarray(texts.lengths(), dtype=np.int64)


def _text_slice(texts: Any, start: int, stop: int) -> np.ndarray:
    """Texts ``start:stop`` (positions) as Python strings."""
    if isinstance(texts, pd.Series):
        return texts.iloc[start:stop].to_numpy(dtype=object)
    return np.asarray(texts.texts(start, stop), dtype=object)


def _token_chunks(
    texts: pd.Series,
    vocab: _Vocab,
    lower: bool,
    boundaries: bool,
    chunk_chars: int | None = None,
) -> Iterator[tuple[int, int, np.ndarray, np.ndarray]]:
    """Yield ``(offset, n_docs, token_ids, doc)`` per chunk of texts.

    ``token_ids`` are vocabulary ids in text order (with ``_BOUNDARY`` for boundary
    marks when ``boundaries``), ``doc`` the chunk-local document index of each token.
    Only one chunk of ``texts`` (see :func:`_chunk_bounds`) is held as Python strings
    at a time (``texts`` may be an Arrow string column, whose strings are made chunk by
    chunk).
    """
    pattern = _STREAM_PATTERN if boundaries else TOKEN_PATTERN
    chunk_chars = CHUNK_CHARS if chunk_chars is None else chunk_chars
    for offset, stop in _chunk_bounds(texts, chunk_chars):
        vocab.block = offset // BLOCK_DOCS
        values = _text_slice(texts, offset, stop)
        codes, uniq, lengths = _chunk_tokens(values, pattern, boundaries)
        n_docs = len(values)
        del values
        doc = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
        if not len(codes):
            yield offset, n_docs, np.empty(0, dtype=np.int64), doc
            continue
        is_mark = [not u[0].isalnum() for u in uniq]
        normed = _normalise_uniques(uniq, lower, True)
        ids = vocab.word_ids([None if m else t for m, t in zip(is_mark, normed, strict=True)])
        ids[np.array(is_mark, dtype=bool)] = _BOUNDARY
        yield offset, n_docs, ids[codes], doc


def _chunk_tokens(
    values: np.ndarray, pattern: str, boundaries: bool
) -> tuple[np.ndarray, list[str], np.ndarray]:
    """Tokens of a chunk of texts: a code per token (numbered by first sight), the
    distinct raw tokens, and the number of tokens of each text.

    ``Series.str.findall`` and a hash table of the tokens.
    """
    with _gc_paused():
        lists = pd.Series(values, dtype=object).str.findall(pattern).tolist()
        lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
        flat = list(chain.from_iterable(lists))
        del lists
    if not flat:
        return np.empty(0, dtype=np.int64), [], lengths
    codes, uniques = pd.factorize(pd.Series(flat, dtype=object))
    return codes.astype(np.int64), list(uniques), lengths


def _ngram_positions(tok: np.ndarray, doc: np.ndarray, n: int) -> np.ndarray:
    """Start positions of n-grams made of words only, inside one document."""
    if len(tok) < n:
        return np.empty(0, dtype=np.int64)
    m = len(tok) - n + 1
    ok = (tok[:m] >= 0) & (doc[:m] == doc[n - 1 :])
    for j in range(1, n):
        ok &= tok[j : j + m] >= 0
    return np.flatnonzero(ok)


def _ngram_term_ids(tok: np.ndarray, starts: np.ndarray, n: int, vocab: _Vocab) -> np.ndarray:
    """Vocabulary ids of the n-grams starting at ``starts`` (adding new ones)."""
    v = max(len(vocab), 1)
    key = tok[starts]
    for j in range(1, n):
        key, _ = pd.factorize(key * v + tok[starts + j])
        key = key.astype(np.int64)
    n_uniq = int(key.max()) + 1 if len(key) else 0
    rep = np.empty(n_uniq, dtype=np.int64)
    rep[key] = starts
    words = np.array(vocab.terms, dtype=object)
    strings = words[tok[rep]]
    for j in range(1, n):
        strings = strings + " " + words[tok[rep + j]]
    local = vocab.ngram_ids(strings, tok[rep], tok[rep + n - 1], n)
    return local[key]


def _doc_term_chunks(
    texts: pd.Series,
    vocab: _Vocab,
    ngrams: tuple[int, ...],
    lower: bool,
    chunk_chars: int | None = None,
) -> Iterator[tuple[int, np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """Yield ``(offset, n_tokens, doc, term, n)`` per chunk of texts.

    ``n_tokens`` holds the word tokens of each document of the chunk; ``doc, term, n``
    the count of every (chunk-local document, term) pair of the chunk, terms of every
    size in ``ngrams``.
    """
    empty = np.empty(0, dtype=np.int64)
    chunks = _token_chunks(texts, vocab, lower, max(ngrams) > 1, chunk_chars)
    for offset, n_docs, tok, doc in chunks:
        words = tok >= 0
        n_tokens = np.bincount(doc[words], minlength=n_docs).astype(np.int64)
        pieces_doc: list[np.ndarray] = []
        pieces_term: list[np.ndarray] = []
        for n in ngrams:
            if n == 1:
                pieces_doc.append(doc[words])
                pieces_term.append(tok[words])
            else:
                starts = _ngram_positions(tok, doc, n)
                if len(starts):
                    pieces_doc.append(doc[starts])
                    pieces_term.append(_ngram_term_ids(tok, starts, n, vocab))
        d = np.concatenate(pieces_doc) if pieces_doc else empty
        if not len(d):
            yield offset, n_tokens, empty, empty, empty
            continue
        t = np.concatenate(pieces_term)
        v = len(vocab)
        codes, keys = pd.factorize(d * v + t)
        keys = np.asarray(keys, dtype=np.int64)
        yield offset, n_tokens, keys // v, keys % v, np.bincount(codes).astype(np.int64)


@dataclass
class _DocTerms:
    """Per-document term counts in coordinate form, with the vocabulary."""

    doc: np.ndarray
    term: np.ndarray
    n: np.ndarray
    n_tokens: np.ndarray
    vocab: _Vocab = field(repr=False)


def _count_documents(texts: pd.Series, ngrams: tuple[int, ...], lower: bool) -> _DocTerms:
    vocab = _Vocab()
    docs: list[np.ndarray] = []
    terms: list[np.ndarray] = []
    counts: list[np.ndarray] = []
    n_tokens = np.zeros(len(texts), dtype=np.int64)
    for offset, n_tok, d, t, n in _doc_term_chunks(texts, vocab, ngrams, lower):
        n_tokens[offset : offset + len(n_tok)] = n_tok
        if len(d):
            docs.append(d + offset)
            terms.append(t)
            counts.append(n)
    empty = np.empty(0, dtype=np.int64)
    return _DocTerms(
        doc=np.concatenate(docs) if docs else empty,
        term=np.concatenate(terms) if terms else empty,
        n=np.concatenate(counts) if counts else empty,
        n_tokens=n_tokens,
        vocab=vocab,
    )


#: Partial (group, term) sums held before they are added up (a few MB of arrays).
MERGE_ENTRIES = 500_000


@dataclass
class _GroupTerms:
    """Term counts per group in coordinate form, sorted by (group, term id)."""

    group: np.ndarray
    term: np.ndarray
    n: np.ndarray
    n_articles: np.ndarray
    n_words: np.ndarray  # word tokens per group
    terms: np.ndarray  # the vocabulary (object), in block order
    first: np.ndarray  # first and last word id of each term
    last: np.ndarray


def _sum_group_terms(
    parts: list[tuple[np.ndarray, ...]], v: int, *, sort: bool
) -> tuple[np.ndarray, ...]:
    """Add up partial ``(group, term, n, n_articles)`` arrays with the same keys.

    ``v`` exceeds every term id; with ``sort`` the result is ordered by (group, term).
    """
    g = np.concatenate([p[0] for p in parts])
    t = np.concatenate([p[1] for p in parts])
    codes, keys = pd.factorize(g * v + t, sort=sort)
    del g, t
    keys = np.asarray(keys, dtype=np.int64)
    sums = [
        np.bincount(codes, weights=np.concatenate([p[i] for p in parts]), minlength=len(keys))
        for i in (2, 3)
    ]  # float64 sums of integers: exact below 2**53
    return keys // v, keys % v, sums[0].astype(np.int64), sums[1].astype(np.int64)


def _count_groups(
    texts: pd.Series,
    group_codes: np.ndarray,
    n_groups: int,
    ngrams: tuple[int, ...],
    lower: bool,
    *,
    chunk_chars: int | None = None,
    merge_entries: int | None = None,
) -> _GroupTerms:
    """Term counts per group, summed chunk by chunk of texts.

    Each chunk's (document, term) counts are reduced to (group, term) occurrences and
    article counts at once, so memory holds the counts of the groups (and one chunk),
    never those of every article. ``group_codes`` gives each text's group (``-1``:
    left out). The numbers do not depend on ``chunk_chars`` (default
    :data:`CHUNK_CHARS`) or ``merge_entries`` (default :data:`MERGE_ENTRIES`).
    """
    merge_entries = MERGE_ENTRIES if merge_entries is None else merge_entries
    vocab = _Vocab()
    n_words = np.zeros(n_groups, dtype=np.int64)
    merged: list[tuple[np.ndarray, ...]] = []
    parts: list[tuple[np.ndarray, ...]] = []
    n_merged = n_pending = 0
    for offset, n_tok, d, t, n in _doc_term_chunks(texts, vocab, ngrams, lower, chunk_chars):
        g_doc = group_codes[offset : offset + len(n_tok)]
        valid = g_doc >= 0
        n_words += np.bincount(g_doc[valid], weights=n_tok[valid], minlength=n_groups).astype(
            np.int64
        )
        if not len(d):
            continue
        g = g_doc[d]
        keep = g >= 0
        if not keep.all():
            g, t, n = g[keep], t[keep], n[keep]
        # a (document, term) pair is one article of that term's group
        ones = np.ones(len(g), dtype=np.int64)
        parts.append(_sum_group_terms([(g, t, n, ones)], max(len(vocab), 1), sort=False))
        n_pending += len(parts[-1][0])
        if n_pending >= max(merge_entries, n_merged):
            merged = [_sum_group_terms(merged + parts, max(len(vocab), 1), sort=False)]
            n_merged, n_pending, parts = len(merged[0][0]), 0, []
    terms = np.array(vocab.terms, dtype=object)
    first = np.array(vocab.first, dtype=np.int64)
    last = np.array(vocab.last, dtype=np.int64)
    everything = merged + parts
    order = vocab.block_order()
    if order is not None:  # ids as one chunk per block would have numbered them
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order), dtype=np.int64)
        everything = [(p[0], rank[p[1]], *p[2:]) for p in everything]
        terms, first, last = terms[order], rank[first[order]], rank[last[order]]
    if everything:
        group, term, n_occ, n_art = _sum_group_terms(everything, max(len(vocab), 1), sort=True)
    else:
        group = term = n_occ = n_art = np.empty(0, dtype=np.int64)
    return _GroupTerms(group, term, n_occ, n_art, n_words, terms, first, last)


def _ngram_sizes(ngram: int | tuple[int, ...] | Sequence[int]) -> tuple[int, ...]:
    if isinstance(ngram, int | np.integer):
        sizes: tuple[int, ...] = (int(ngram),)
    else:
        bounds = tuple(int(x) for x in ngram)
        if len(bounds) != 2:
            raise ValueError(f"ngram must be an int or a (min_n, max_n) pair, not {ngram!r}")
        sizes = tuple(range(bounds[0], bounds[1] + 1))
    if not sizes or min(sizes) < 1:
        raise ValueError(f"ngram sizes must be >= 1, got {ngram!r}")
    return sizes


def _texts(data: Any, text: str, *, compact: bool = False) -> tuple[pd.DataFrame, pd.Series]:
    """The validated articles and one text per article (``""`` when missing).

    The texts are object strings, or with ``compact`` the texts as they are held when
    that is compact: an Arrow string column (the raw ``text``, a ``clean_text``
    column) or the clean texts cached by :func:`~toolkit.stats.summary.article_stats`
    (``summary._CleanText``). The counting then makes Python strings one chunk at a
    time (:func:`_text_lengths`, :func:`_text_slice`), never for the whole corpus.
    """
    if text not in _TEXT_CHOICES:
        raise ValueError(f'text must be "clean" or "raw", not {text!r}')

    arts = as_articles(data)
    if compact:
        held = _arrow_texts(arts, text)
        if held is not None:
            return arts, held
    texts = texts_of_articles(arts.copy(deep=False), text)  # no second validated copy
    return arts, texts.astype(object).where(texts.notna(), "").reset_index(drop=True)


def _is_arrow_string(values: pd.Series) -> bool:
    dtype = values.dtype
    return isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"


def _arrow_texts(arts: pd.DataFrame, text: str) -> Any:
    """The texts as held compactly (an Arrow column or ``summary._CleanText``), without
    a Python string each; None if they are not held so."""
    if text == "raw":
        values: Any = arts["text"]
    elif "clean_text" in arts.columns:
        values = arts["clean_text"]
    else:
        values = cached_clean_texts(arts)  # what article_stats or strip_boilerplate cached
    if values is not None and not isinstance(values, pd.Series):  # summary._CleanText
        return values if len(values) == len(arts) else None
    if values is None or len(values) != len(arts) or not _is_arrow_string(values):
        return None
    if values.hasnans:
        values = values.fillna("")
    return values.reset_index(drop=True)


# --------------------------------------------------------------------------- KeywordCounts


class KeywordCounts:
    """Term counts per group of articles, built once by :func:`term_counts`.

    Stored like a sparse matrix by group (CSR): for group ``g``, the entries
    ``indptr[g]:indptr[g + 1]`` of ``term_idx`` (into ``terms``), ``n`` (occurrences)
    and ``n_articles`` (articles of the group containing the term). ``n_words[g]`` is
    the group's number of word tokens (all of them, before stop-word removal) and
    ``n_docs[g]`` its number of articles. :func:`keyword_frequencies`,
    :func:`keyness` and :func:`keyness_table` accept this object in place of the
    articles, so a corpus is tokenized once.

    Attributes
    ----------
    by : str or None
        Grouping column (``None``: the whole corpus, one group named ``"all"``).
    ngram : tuple of int
        The n-gram sizes counted.
    text : {"clean", "raw"}
    lower : bool
    groups, terms : numpy.ndarray of object
    indptr, term_idx, n, n_articles, n_words, n_docs : numpy.ndarray of int64
    total_n : numpy.ndarray of int64
        Each term's count over all groups.

    Examples
    --------
    >>> arts = pd.DataFrame({"article_id": ["1", "2"], "outlet": ["A", "B"],
    ...                      "text": ["Rain, rain and wind.", "Sun."]})
    >>> counts = term_counts(arts, text="raw")
    >>> counts
    KeywordCounts(by='outlet', groups=2, terms=4, ngram=(1,), text='raw')
    >>> int(counts.vector("A")[counts.term_index("rain")])
    2
    """

    def __init__(
        self,
        *,
        by: str | None,
        ngram: tuple[int, ...],
        text: str,
        lower: bool,
        groups: np.ndarray,
        terms: np.ndarray,
        first: np.ndarray,
        last: np.ndarray,
        indptr: np.ndarray,
        term_idx: np.ndarray,
        n: np.ndarray,
        n_articles: np.ndarray,
        n_words: np.ndarray,
        n_docs: np.ndarray,
    ) -> None:
        self.by = by
        self.ngram = ngram
        self.text = text
        self.lower = lower
        self.groups = groups
        self.terms = terms
        self.first = first
        self.last = last
        self.indptr = indptr
        self.term_idx = term_idx
        self.n = n
        self.n_articles = n_articles
        self.n_words = n_words
        self.n_docs = n_docs
        self.total_n = np.bincount(term_idx, weights=n, minlength=len(terms)).astype(np.int64)
        self._group_pos = {g: i for i, g in enumerate(groups.tolist())}
        self._term_pos: pd.Index | None = None
        self._stop_cache: dict[frozenset[str], np.ndarray] = {}
        self._rank: np.ndarray | None = None

    def __repr__(self) -> str:
        return (
            f"KeywordCounts(by={self.by!r}, groups={len(self.groups)}, terms={len(self.terms)}, "
            f"ngram={self.ngram}, text={self.text!r})"
        )

    @property
    def group_column(self) -> str:
        """Name of the first column of the tables: ``by``, or ``"corpus"``."""
        return self.by if self.by is not None else "corpus"

    def term_index(self, term: str) -> int:
        """Position of ``term`` in :attr:`terms` (``-1`` if absent)."""
        if self._term_pos is None:
            self._term_pos = pd.Index(self.terms)
        return int(self._term_pos.get_indexer(pd.Index([term], dtype=object))[0])

    def _group(self, label: Any) -> int:
        pos = self._group_pos.get(label)
        if pos is None:
            shown = ", ".join(map(str, self.groups[:20].tolist())) or "none"
            raise ValueError(f"no {self.group_column} named {label!r}; there are: {shown}")
        return pos

    def vector(self, label: Any, *, articles: bool = False) -> np.ndarray:
        """Dense count vector (or article-count vector) of one group over :attr:`terms`."""
        g = self._group(label)
        lo, hi = self.indptr[g], self.indptr[g + 1]
        out = np.zeros(len(self.terms), dtype=np.int64)
        out[self.term_idx[lo:hi]] = (self.n_articles if articles else self.n)[lo:hi]
        return out

    def stop_mask(self, stop_words: Any) -> np.ndarray:
        """Boolean mask over :attr:`terms`: True where a term starts or ends with a stop word."""
        sw = _resolve_stop_words(stop_words)
        hit = self._stop_cache.get(sw)
        if hit is None:
            if sw:
                word_is_stop = pd.Series(self.terms, dtype=object).str.lower().isin(sw).to_numpy()
                hit = word_is_stop[self.first] | word_is_stop[self.last]
            else:
                hit = np.zeros(len(self.terms), dtype=bool)
            self._stop_cache[sw] = hit
        return hit

    def term_rank(self) -> np.ndarray:
        """Alphabetical rank of every term (for deterministic tie-breaking)."""
        if self._rank is None:
            order = np.argsort(self.terms.astype(str), kind="stable")
            rank = np.empty(len(order), dtype=np.int64)
            rank[order] = np.arange(len(order))
            self._rank = rank
        return self._rank


@singledispatch
def term_counts(
    data: Any,
    *,
    by: str | None = "outlet",
    ngram: int | tuple[int, int] = 1,
    text: Literal["clean", "raw"] = "clean",
    lower: bool = True,
) -> KeywordCounts:
    """Count every term once per group of articles; the input of the fast tables.

    Parameters
    ----------
    data : Corpus or pandas.DataFrame
        Articles (at least ``article_id, outlet, text``); the Dask engine
        (:mod:`toolkit.scale`) registers its corpus types (``term_counts.register``).
    by : str or None, default "outlet"
        Grouping column of the articles table (``"outlet"``, ``"article_id"`` or any
        other column); ``None`` counts the whole corpus as one group ``"all"``.
        Articles whose ``by`` value is missing are left out.
    ngram : int or (min_n, max_n), default 1
        N-gram size, or an inclusive range of sizes (``(1, 2)``: words and bigrams).
    text : {"clean", "raw"}, default "clean"
        Which text to count (see :func:`toolkit.stats.summary.article_texts`).
    lower : bool, default True
        Lower-case tokens.

    Returns
    -------
    KeywordCounts

    Examples
    --------
    >>> arts = pd.DataFrame({"article_id": ["1", "2"], "outlet": ["A", "A"],
    ...                      "text": ["Prime minister resigns.", "The prime minister spoke."]})
    >>> c = term_counts(arts, ngram=2, text="raw")
    >>> int(c.vector("A")[c.term_index("prime minister")]), c.n_words.tolist()
    (2, [7])
    """
    sizes = _ngram_sizes(ngram)
    arts, texts = _texts(data, text, compact=True)
    if by is None:
        labels = pd.Series(["all"] * len(arts), dtype=object)
    elif by not in arts.columns:
        raise ValueError(f"no column {by!r} in the articles table")
    else:
        labels = arts[by]
    group_codes, groups = pd.factorize(labels, sort=True)
    group_codes = np.asarray(group_codes, dtype=np.int64)
    groups_arr = np.asarray(groups, dtype=object)
    n_groups = len(groups_arr)
    counted = _count_groups(texts, group_codes, n_groups, sizes, lower)
    indptr = np.searchsorted(counted.group, np.arange(n_groups + 1)).astype(np.int64)
    n_docs = np.bincount(group_codes[group_codes >= 0], minlength=n_groups).astype(np.int64)
    return KeywordCounts(
        by=by,
        ngram=sizes,
        text=text,
        lower=lower,
        groups=groups_arr,
        terms=counted.terms,
        first=counted.first,
        last=counted.last,
        indptr=indptr,
        term_idx=counted.term,
        n=counted.n,
        n_articles=counted.n_articles,
        n_words=counted.n_words,
        n_docs=n_docs,
    )


def _ensure_counts(
    data: Any, *, by: str | None, ngram: Any, text: str, lower: bool
) -> KeywordCounts:
    if isinstance(data, KeywordCounts):
        return data
    return term_counts(data, by=by, ngram=ngram, text=text, lower=lower)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- frequencies

_FREQ_COLUMNS = ("term", "n", "n_articles", "per_10k_words")


def keyword_frequencies(
    data: Any,
    by: str | None = "outlet",
    *,
    ngram: int | tuple[int, int] = 1,
    text: Literal["clean", "raw"] = "clean",
    stop_words: Any = "auto",
    min_count: int = 1,
    top: int | None = None,
    lower: bool = True,
) -> pd.DataFrame:
    """Term frequencies per outlet (or per article, or for the whole corpus), long form.

    Parameters
    ----------
    data : Corpus, pandas.DataFrame or KeywordCounts
        Articles, or counts from :func:`term_counts` (then ``by``, ``ngram``, ``text``
        and ``lower`` are those of the counts and these arguments are not used).
    by : str or None, default "outlet"
        ``"outlet"``, ``"article_id"``, any other column, or ``None`` for the corpus.
    ngram : int or (min_n, max_n), default 1
        Words, n-grams of one size, or a range of sizes.
    text : {"clean", "raw"}, default "clean"
        Clean text (no boilerplate, no repeated lines) by default, so site chrome such as
        "subscribe" does not top an outlet's list.
    stop_words : "auto", None, {"en", "ru", "all"} or iterable of str, default "auto"
        Terms starting or ending with one of these words are left out. ``"auto"``: the
        English and Russian lists of :func:`stopwords`; ``None``: keep everything.
    min_count : int, default 1
        Keep terms with at least this many occurrences in the group.
    top : int, optional
        Keep the ``top`` most frequent terms of each group (``None``: all).
    lower : bool, default True
        Lower-case tokens.

    Returns
    -------
    pandas.DataFrame
        Columns ``<by>`` (named after ``by``; ``"corpus"`` with value ``"all"`` when
        ``by`` is None), ``term, n, n_articles, per_10k_words``: occurrences, number of
        the group's articles containing the term, and ``n`` per 10,000 word tokens of
        the group (all tokens, stop words included). Groups in sorted order, then
        ``n`` descending, then term.

    Examples
    --------
    >>> arts = pd.DataFrame({"article_id": ["1", "2", "3"], "outlet": ["A", "A", "B"],
    ...     "text": ["Floods hit the valley.", "The floods receded.", "Subscribe now"]})
    >>> keyword_frequencies(arts, text="raw").head(3)
      outlet    term  n  n_articles  per_10k_words
    0      A  floods  2           2    2857.142857
    1      A     hit  1           1    1428.571429
    2      A receded  1           1    1428.571429
    """
    counts = _ensure_counts(data, by=by, ngram=ngram, text=text, lower=lower)
    col = counts.group_column
    g = np.repeat(np.arange(len(counts.groups), dtype=np.int64), np.diff(counts.indptr))
    t = counts.term_idx
    keep = ~counts.stop_mask(stop_words)[t] & (counts.n >= min_count)
    g, t, n, n_art = g[keep], t[keep], counts.n[keep], counts.n_articles[keep]
    order = np.lexsort((counts.term_rank()[t], -n, g))
    g, t, n, n_art = g[order], t[order], n[order], n_art[order]
    if top is not None:
        first_of_group = np.searchsorted(g, g, side="left")
        within = np.arange(len(g)) - first_of_group
        sel = within < top
        g, t, n, n_art = g[sel], t[sel], n[sel], n_art[sel]
    words = counts.n_words[g].astype("float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        per_10k = np.where(words > 0, n / words * 10_000.0, np.nan)
    return pd.DataFrame(
        {
            col: pd.Series(counts.groups[g], dtype=object),
            "term": pd.Series(counts.terms[t], dtype=object),
            "n": n.astype(np.int64),
            "n_articles": n_art.astype(np.int64),
            "per_10k_words": per_10k.astype("float64"),
        }
    )


# --------------------------------------------------------------------------- keyness

KEYNESS_COLUMNS: tuple[str, ...] = (
    "term",
    "target",
    "reference",
    "n_target",
    "n_reference",
    "g2",
    "log_ratio",
    "p_value",
    "n_target_articles",
)


def _chi2_sf_1df(g2: np.ndarray) -> np.ndarray:
    """Upper tail of chi-squared with 1 df: ``erfc(sqrt(x / 2))``."""
    x = np.sqrt(np.abs(np.asarray(g2, dtype="float64")) / 2.0)
    try:
        from scipy.special import erfc  # optional: vectorised

        return np.asarray(erfc(x), dtype="float64")
    except ImportError:  # pragma: no cover - depends on the environment
        return np.fromiter((math.erfc(v) for v in x), dtype="float64", count=len(x))


def log_likelihood_g2(a: Any, b: Any, c: float, d: float) -> np.ndarray:
    """Signed log-likelihood G2 of Rayson & Garside (2000) for counts ``a`` vs ``b``.

    ``c`` and ``d`` are the sizes (word tokens) of the target and reference corpora.
    Positive when ``a / c > b / d``.

    Examples
    --------
    >>> round(float(log_likelihood_g2(10, 5, 1000, 2000)[0]), 4)  # 2 * 5 * ln 2
    6.9315
    """
    a = np.atleast_1d(np.asarray(a, dtype="float64"))
    b = np.atleast_1d(np.asarray(b, dtype="float64"))
    total = float(c) + float(d)
    if total <= 0:
        return np.zeros(np.broadcast(a, b).shape)
    e1 = float(c) * (a + b) / total
    e2 = float(d) * (a + b) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(a / e1), 0.0)
        t2 = np.where(b > 0, b * np.log(b / e2), 0.0)
    g2 = np.maximum(2.0 * (t1 + t2), 0.0)
    sign = np.sign(a * float(d) - b * float(c))
    return np.asarray(g2 * sign, dtype="float64")


def log_ratio(a: Any, b: Any, c: float, d: float) -> np.ndarray:
    """Hardie's (2014) Log Ratio ``log2((a / c) / (b / d))``, zero counts smoothed.

    Where ``a`` or ``b`` is 0, 0.5 is added to both (only for those terms). NaN when
    ``c`` or ``d`` is 0.

    Examples
    --------
    >>> log_ratio([10, 0], [5, 4], 1000, 2000).round(4).tolist()
    [2.0, -2.1699]
    """
    a = np.atleast_1d(np.asarray(a, dtype="float64"))
    b = np.atleast_1d(np.asarray(b, dtype="float64"))
    if c <= 0 or d <= 0:
        return np.full(np.broadcast(a, b).shape, np.nan)
    zero = (a == 0) | (b == 0)
    a = np.where(zero, a + 0.5, a)
    b = np.where(zero, b + 0.5, b)
    return np.asarray(np.log2((a / float(c)) / (b / float(d))), dtype="float64")


def log_odds_z(a: Any, b: Any, c: float, d: float, alpha: Any, alpha0: float) -> np.ndarray:
    """Monroe, Colaresi & Quinn (2008) z-score of the weighted log-odds ratio.

    ``alpha`` is the per-term Dirichlet prior, ``alpha0`` its sum.

    Examples
    --------
    >>> round(float(log_odds_z(10, 5, 1000, 2000, 15, 3000)[0]), 4)
    1.4952
    """
    a = np.atleast_1d(np.asarray(a, dtype="float64"))
    b = np.atleast_1d(np.asarray(b, dtype="float64"))
    alpha = np.asarray(alpha, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        om_t = np.log((a + alpha) / (float(c) + alpha0 - a - alpha))
        om_r = np.log((b + alpha) / (float(d) + alpha0 - b - alpha))
        var = 1.0 / (a + alpha) + 1.0 / (b + alpha)
        return np.asarray((om_t - om_r) / np.sqrt(var), dtype="float64")


def _empty_keyness(with_log_odds: bool) -> pd.DataFrame:
    cols: dict[str, pd.Series] = {
        "term": pd.Series(dtype=object),
        "target": pd.Series(dtype=object),
        "reference": pd.Series(dtype=object),
        "n_target": pd.Series(dtype="int64"),
        "n_reference": pd.Series(dtype="int64"),
        "g2": pd.Series(dtype="float64"),
        "log_ratio": pd.Series(dtype="float64"),
        "p_value": pd.Series(dtype="float64"),
        "n_target_articles": pd.Series(dtype="int64"),
    }
    if with_log_odds:
        cols["log_odds_z"] = pd.Series(dtype="float64")
    return pd.DataFrame(cols)


def _keyness_pair(
    counts: KeywordCounts,
    target: Any,
    reference: Any,
    *,
    stop_words: Any,
    min_count: int,
    method: str,
    prior: float,
    with_log_odds: bool,
) -> pd.DataFrame:
    tvec = counts.vector(target)
    tart = counts.vector(target, articles=True)
    c = float(counts.n_words[counts._group(target)])
    if isinstance(reference, str) and reference == "rest":  # a list names outlets
        rvec = counts.total_n - tvec
        d = float(counts.n_words.sum()) - c
        ref_label = "rest"
    else:
        several = isinstance(reference, list | tuple | set | frozenset)
        refs = list(reference) if several else [reference]
        rvec = np.zeros(len(counts.terms), dtype=np.int64)
        d = 0.0
        for r in refs:
            rvec += counts.vector(r)
            d += float(counts.n_words[counts._group(r)])
        ref_label = " + ".join(map(str, refs)) if several else reference
    keep = (tvec + rvec >= max(min_count, 1)) & ~counts.stop_mask(stop_words)
    idx = np.flatnonzero(keep)
    a = tvec[idx].astype("float64")
    b = rvec[idx].astype("float64")
    g2 = log_likelihood_g2(a, b, c, d)
    lr = log_ratio(a, b, c, d)
    out = {
        "term": counts.terms[idx],
        "target": np.full(len(idx), target, dtype=object),
        "reference": np.full(len(idx), ref_label, dtype=object),
        "n_target": tvec[idx],
        "n_reference": rvec[idx],
        "g2": g2,
        "log_ratio": lr,
        "p_value": _chi2_sf_1df(g2),
        "n_target_articles": tart[idx],
    }
    if with_log_odds or method == "log_odds":
        alpha = prior * counts.total_n[idx].astype("float64")
        alpha0 = prior * float(counts.n_words.sum())
        out["log_odds_z"] = log_odds_z(a, b, c, d, alpha, alpha0)
    sort_key = {"g2": g2, "log_ratio": lr, "log_odds": out.get("log_odds_z", g2)}[method]
    order = np.lexsort((counts.term_rank()[idx], -np.nan_to_num(sort_key, nan=-np.inf)))
    # object columns built directly: letting pandas infer its Arrow string dtype for
    # 10^5 terms costs more than the whole statistic
    return pd.DataFrame(
        {
            k: pd.Series(v[order], dtype=object if v.dtype == object else v.dtype, copy=False)
            for k, v in out.items()
        }
    )


def keyness(
    data: Any,
    target: Any = None,
    reference: Any = "rest",
    *,
    by: str | None = "outlet",
    text: Literal["clean", "raw"] = "clean",
    ngram: int | tuple[int, int] = 1,
    stop_words: Any = "auto",
    min_count: int = 3,
    method: Literal["g2", "log_ratio", "log_odds"] = "g2",
    prior: float = 1.0,
    with_log_odds: bool = False,
    lower: bool = True,
) -> pd.DataFrame:
    """Which terms are key to one outlet against the rest (or against another outlet).

    Build the counts once with :func:`term_counts` and pass them as ``data``: then one
    pair takes milliseconds even on a 20,000-article corpus.

    Parameters
    ----------
    data : Corpus, pandas.DataFrame or KeywordCounts
        Articles, or counts (then ``by``, ``text``, ``ngram`` and ``lower`` are those of
        the counts).
    target : str or None
        Outlet (group) to characterise, by its name (any name, ``"all"`` included).
        ``None``: every outlet, see :func:`keyness_table` (``reference="rest"`` gives
        each outlet vs the rest, ``reference="pairs"`` adds every ordered pair).
    reference : "rest", str or list of str, default "rest"
        The string ``"rest"``: all other outlets together. Another string: that one
        outlet. A list: those outlets (summed); a list always names outlets, so
        ``["rest"]`` is an outlet called "rest".
    by : str or None, default "outlet"
        Grouping column the labels refer to.
    text, ngram, lower
        As in :func:`keyword_frequencies`.
    stop_words : default "auto"
        As in :func:`keyword_frequencies`.
    min_count : int, default 3
        Keep terms with ``n_target + n_reference >= min_count``.
    method : {"g2", "log_ratio", "log_odds"}, default "g2"
        Sort key (descending). ``"log_odds"`` also adds ``log_odds_z``.
    prior : float, default 1.0
        Scale of the informative Dirichlet prior of ``log_odds_z``:
        ``alpha_w = prior * (count of w in the whole corpus)``.
    with_log_odds : bool, default False
        Add the ``log_odds_z`` column whatever the method.

    Returns
    -------
    pandas.DataFrame
        One row per term: ``term, target, reference, n_target, n_reference, g2,
        log_ratio, p_value, n_target_articles`` (+ ``log_odds_z``); see the module
        docstring for the formulas. ``g2 > 0``: relatively more frequent in the target.
        Sorted by the method's statistic, descending (ties by term).

    Examples
    --------
    >>> arts = pd.DataFrame({"article_id": list("1234"), "outlet": ["A", "A", "B", "B"],
    ...     "text": ["Harbour harbour storm.", "Harbour storm wind.",
    ...              "Wheat storm prices.", "Wheat prices wind."]})
    >>> k = keyness(arts, "A", text="raw", min_count=2)
    >>> k[["term", "n_target", "n_reference", "g2", "log_ratio"]].round(3)
          term  n_target  n_reference     g2  log_ratio
    0  harbour         3            0  4.159      2.807
    1    storm         2            1  0.340      1.000
    2     wind         1            1  0.000      0.000
    3   prices         0            2 -2.773     -2.322
    4    wheat         0            2 -2.773     -2.322
    """
    if target is None:
        pairs: Literal["rest", "all"] = (
            "all" if isinstance(reference, str) and reference == "pairs" else "rest"
        )
        return keyness_table(
            data,
            pairs=pairs,
            by=by,
            text=text,
            ngram=ngram,
            stop_words=stop_words,
            min_count=min_count,
            method=method,
            prior=prior,
            with_log_odds=with_log_odds,
            lower=lower,
        )
    if method not in ("g2", "log_ratio", "log_odds"):
        raise ValueError(f'method must be "g2", "log_ratio" or "log_odds", not {method!r}')
    counts = _ensure_counts(data, by=by, ngram=ngram, text=text, lower=lower)
    wants_z = with_log_odds or method == "log_odds"
    if len(counts.groups) == 0:
        return _empty_keyness(wants_z)
    return _keyness_pair(
        counts,
        target,
        reference,
        stop_words=stop_words,
        min_count=min_count,
        method=method,
        prior=prior,
        with_log_odds=wants_z,
    )


def keyness_table(
    data: Any,
    pairs: Literal["rest", "all"] = "rest",
    *,
    by: str | None = "outlet",
    text: Literal["clean", "raw"] = "clean",
    ngram: int | tuple[int, int] = 1,
    stop_words: Any = "auto",
    min_count: int = 3,
    method: Literal["g2", "log_ratio", "log_odds"] = "g2",
    prior: float = 1.0,
    with_log_odds: bool = False,
    lower: bool = True,
) -> pd.DataFrame:
    """Keyness of every outlet against the rest, and optionally of every pair, in one table.

    Parameters
    ----------
    data : Corpus, pandas.DataFrame or KeywordCounts
        Counted once, whatever the number of comparisons.
    pairs : {"rest", "all"}, default "rest"
        ``"rest"``: each outlet vs all the others (``reference == "rest"``);
        ``"all"``: that, plus every ordered pair of distinct outlets (each pair appears
        in both directions, so filtering on ``target`` gives a complete view).
    by, text, ngram, stop_words, min_count, method, prior, with_log_odds, lower
        As in :func:`keyness`.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`keyness`, the comparisons stacked: sorted by ``target``,
        then ``reference`` (``"rest"`` first), then the statistic descending.

    Examples
    --------
    >>> arts = pd.DataFrame({"article_id": list("123"), "outlet": ["A", "B", "C"],
    ...     "text": ["Storm storm.", "Storm wheat.", "Wheat wheat."]})
    >>> t = keyness_table(arts, "all", text="raw", min_count=1)
    >>> t.groupby(["target", "reference"], sort=False).size().to_dict()
    {('A', 'rest'): 2, ('A', 'B'): 2, ('A', 'C'): 2, ('B', 'rest'): 2, ('B', 'A'): 2, ('B', 'C'): 2, ('C', 'rest'): 2, ('C', 'A'): 2, ('C', 'B'): 2}
    """
    if pairs not in ("rest", "all"):
        raise ValueError(f'pairs must be "rest" or "all", not {pairs!r}')
    counts = _ensure_counts(data, by=by, ngram=ngram, text=text, lower=lower)
    wants_z = with_log_odds or method == "log_odds"
    frames = []
    labels = counts.groups.tolist()
    for target in labels:
        refs: list[Any] = ["rest"]
        if pairs == "all":
            refs += [r for r in labels if r != target]
        for ref in refs:
            frames.append(
                keyness(
                    counts,
                    target,
                    ref,
                    stop_words=stop_words,
                    min_count=min_count,
                    method=method,
                    prior=prior,
                    with_log_odds=wants_z,
                )
            )
    if not frames:
        return _empty_keyness(wants_z)
    return pd.concat(frames, ignore_index=True)


# --------------------------------------------------------------------------- concordance

_APOS_CLASS = "['’ʼ]"
_HYPH_CLASS = "[-‐‑]"


def _term_regex(term: str, *, regex: bool, case_sensitive: bool) -> re.Pattern[str]:
    if not term or not term.strip():
        raise ValueError("term must be a non-empty string")
    if regex:
        core = term
    else:
        parts = []
        for word in term.split():
            piece = "".join(
                _APOS_CLASS if ch in "'’ʼ" else _HYPH_CLASS if ch in "-‐‑" else re.escape(ch)
                for ch in word
            )
            parts.append(piece)
        core = r"\s+".join(parts)
    # token boundaries: no letter/digit (or joiner + letter/digit) on either side,
    # except the possessive 's, which the tokenizer splits off too
    pattern = (
        rf"(?<!{_ALNUM})(?<!{_ALNUM}[{_JOINERS}])(?:{core})"
        rf"(?!{_ALNUM})(?!{_HYPH_CLASS}{_ALNUM})(?!{_APOS_CLASS}(?![sS](?!{_ALNUM})){_ALNUM})"
    )
    return re.compile(pattern, 0 if case_sensitive else re.IGNORECASE)


_CONCORDANCE_COLUMNS = ("article_id", "outlet", "left", "match", "right", "offset")
_WS = str.maketrans({"\n": " ", "\r": " ", "\t": " "})


def concordance(
    data: Any,
    term: str,
    *,
    width: int = 40,
    text: Literal["clean", "raw"] = "clean",
    max_lines: int | None = None,
    case_sensitive: bool = False,
    regex: bool = False,
) -> pd.DataFrame:
    """Key word in context: every occurrence of ``term`` with the text around it.

    Parameters
    ----------
    data : Corpus or pandas.DataFrame
        Articles.
    term : str
        A word or a phrase ("prime minister": any run of whitespace between the words
        matches). Matches only whole tokens: "fire" does not match inside "cease-fire",
        but "lavrov" matches "Lavrov's" (the possessive is split off, as in
        :func:`tokenize`). Straight and curly apostrophes match each other.
    width : int, default 40
        Characters of context on each side (newlines and tabs shown as spaces).
    text : {"clean", "raw"}, default "clean"
    max_lines : int, optional
        Stop after this many lines (``None``: all).
    case_sensitive : bool, default False
    regex : bool, default False
        ``term`` is a Python regular expression (still bounded by token boundaries).

    Returns
    -------
    pandas.DataFrame
        One row per occurrence, in article order then text order: ``article_id,
        outlet, left, match, right, offset`` (``offset``: position of the match in the
        article's text, in characters).

    Examples
    --------
    >>> arts = pd.DataFrame({"article_id": ["1"], "outlet": ["A"],
    ...     "text": ["The Prime Minister spoke. A cease-fire held; prime\\nminister's aides left."]})
    >>> concordance(arts, "prime minister", width=10, text="raw")
      article_id outlet        left           match       right  offset
    0          1      A        The   Prime Minister   spoke. A       4
    1          1      A  ire held;   prime minister  's aides l      45
    >>> len(concordance(arts, "fire", text="raw"))
    0
    """
    pattern = _term_regex(term, regex=regex, case_sensitive=case_sensitive)
    arts, texts = _texts(data, text)
    rows: dict[str, list[Any]] = {c: [] for c in _CONCORDANCE_COLUMNS}
    if len(texts):
        hits = np.flatnonzero(texts.str.contains(pattern, regex=True).to_numpy(dtype=bool))
        ids = arts["article_id"].to_numpy(dtype=object)
        outlets = arts["outlet"].to_numpy(dtype=object)
        values = texts.to_numpy(dtype=object)
        for i in hits:  # only the articles that contain the term
            t = values[i]
            for m in pattern.finditer(t):
                s, e = m.span()
                rows["article_id"].append(ids[i])
                rows["outlet"].append(outlets[i])
                rows["left"].append(t[max(0, s - width) : s].translate(_WS))
                rows["match"].append(m.group(0).translate(_WS))
                rows["right"].append(t[e : e + width].translate(_WS))
                rows["offset"].append(s)
                if max_lines is not None and len(rows["offset"]) >= max_lines:
                    break
            if max_lines is not None and len(rows["offset"]) >= max_lines:
                break
    frame = pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in rows.items()})
    frame["offset"] = frame["offset"].astype("int64")
    return frame


# --------------------------------------------------------------------------- collocations


def _pair_counts(
    texts: pd.Series, group_codes: np.ndarray, window: int, lower: bool
) -> tuple[_Vocab, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Word and window-pair counts per group.

    Returns ``vocab, word_g, word_t, word_n, pair_keys (g, w1, w2 columns), pair_n``.
    """
    vocab = _Vocab()
    word_parts: list[tuple[np.ndarray, np.ndarray]] = []
    pair_parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for offset, _n_docs, tok, doc in _token_chunks(texts, vocab, lower, boundaries=True):
        if not len(tok):
            continue
        g = group_codes[doc + offset]
        words = (tok >= 0) & (g >= 0)
        word_parts.append((g[words], tok[words]))
        bound = np.concatenate([[0], np.cumsum(tok == _BOUNDARY)])
        for k in range(1, window):
            if len(tok) <= k:
                break
            m = len(tok) - k
            ok = (tok[:m] >= 0) & (tok[k:] >= 0) & (doc[:m] == doc[k:]) & (g[:m] >= 0)
            if k > 1:  # no boundary mark between the two words
                ok &= bound[k : k + m] == bound[1 : 1 + m]
            pos = np.flatnonzero(ok)
            pair_parts.append((g[pos], tok[pos], tok[pos + k]))
    v = max(len(vocab), 1)
    if word_parts:
        wg = np.concatenate([p[0] for p in word_parts])
        wt = np.concatenate([p[1] for p in word_parts])
        codes, keys = pd.factorize(wg * v + wt)
        word_n = np.bincount(codes).astype(np.int64)
        keys = np.asarray(keys, dtype=np.int64)
        word_g, word_t = keys // v, keys % v
    else:
        word_g = word_t = word_n = np.empty(0, dtype=np.int64)
    if pair_parts:
        pg = np.concatenate([p[0] for p in pair_parts])
        p1 = np.concatenate([p[1] for p in pair_parts])
        p2 = np.concatenate([p[2] for p in pair_parts])
        k1, u1 = pd.factorize(pg * v + p1)
        codes, keys = pd.factorize(k1.astype(np.int64) * v + p2)
        pair_n = np.bincount(codes).astype(np.int64)
        keys = np.asarray(keys, dtype=np.int64)
        first = np.asarray(u1, dtype=np.int64)[keys // v]
        pairs = np.column_stack([first // v, first % v, keys % v])
    else:
        pairs = np.empty((0, 3), dtype=np.int64)
        pair_n = np.empty(0, dtype=np.int64)
    return vocab, word_g, word_t, word_n, pairs, pair_n


def _score_pairs(finder: Any, score_fn: Any) -> dict[tuple[str, str], float]:
    """Score every pair of ``finder``; NaN where nltk's contingency table is impossible.

    nltk builds the 2x2 table from word counts, so a word paired with itself in a
    tiny text ("the the": N = 2, both marginals 2, pair count 1) gets a negative
    cell, and ``likelihood_ratio`` raises ``math domain error``. Such a score is
    undefined, not zero.
    """
    scores: dict[tuple[str, str], float] = {}
    for w1, w2 in finder.ngram_fd:
        try:
            value = finder.score_ngram(score_fn, w1, w2)
        except (ValueError, ZeroDivisionError):
            value = None
        scores[(w1, w2)] = float("nan") if value is None else float(value)
    return scores


def collocations(
    data: Any,
    *,
    by: str | None = None,
    measure: Literal["pmi", "likelihood_ratio", "both"] = "pmi",
    min_count: int = 3,
    top: int | None = 20,
    window: int = 2,
    text: Literal["clean", "raw"] = "clean",
    stop_words: Any = "auto",
    lower: bool = True,
) -> pd.DataFrame:
    """Word pairs that occur together more than chance, scored by nltk.

    Counts are made over whole columns (words, and word pairs at distance
    ``1 .. window - 1`` inside one article, never across a line break or a
    sentence/clause mark), then handed to :class:`nltk.collocations.BigramCollocationFinder`
    and scored with :class:`nltk.metrics.BigramAssocMeasures` ``pmi`` and
    ``likelihood_ratio`` (nltk divides pair counts by ``window - 1``, after Church & Hanks).

    Parameters
    ----------
    data : Corpus or pandas.DataFrame
        Articles.
    by : str or None, default None
        Score each group (e.g. ``"outlet"``) separately; ``None``: the whole corpus.
    measure : {"pmi", "likelihood_ratio", "both"}, default "pmi"
        Ranking score; both scores are always returned (``"both"`` ranks by
        likelihood ratio, then PMI).
    min_count : int, default 3
        Keep pairs seen at least this often (nltk's ``apply_freq_filter``).
    top : int, optional, default 20
        Pairs kept per group (``None``: all).
    window : int, default 2
        2: adjacent words; larger: pairs up to ``window - 1`` tokens apart.
    text : {"clean", "raw"}, default "clean"
    stop_words : default "auto"
        Pairs containing a stop word are dropped (``None``: keep them).
    lower : bool, default True

    Returns
    -------
    pandas.DataFrame
        (``<by>`` when ``by`` is given), ``ngram`` ("prime minister"), ``w1, w2, n``
        (pair count in the window), ``pmi``, ``likelihood_ratio``.

    Examples
    --------
    >>> text = "Prime minister Lee met farmers. The prime minister left. " * 3
    >>> arts = pd.DataFrame({"article_id": ["1"], "outlet": ["A"], "text": [text]})
    >>> collocations(arts, text="raw", measure="likelihood_ratio", top=2)[["ngram", "n"]]
                ngram  n
    0  prime minister  6
    1         lee met  3
    """
    if window < 2:
        raise ValueError("window must be >= 2")
    if measure not in ("pmi", "likelihood_ratio", "both"):
        raise ValueError(f'measure must be "pmi", "likelihood_ratio" or "both", not {measure!r}')
    from nltk.collocations import BigramCollocationFinder
    from nltk.metrics import BigramAssocMeasures
    from nltk.probability import FreqDist

    arts, texts = _texts(data, text)
    col = by if by is not None else None
    if by is None:
        labels = pd.Series(["all"] * len(arts), dtype=object)
    elif by not in arts.columns:
        raise ValueError(f"no column {by!r} in the articles table")
    else:
        labels = arts[by]
    group_codes, groups = pd.factorize(labels, sort=True)
    group_codes = np.asarray(group_codes, dtype=np.int64)
    vocab, word_g, word_t, word_n, pairs, pair_n = _pair_counts(texts, group_codes, window, lower)
    terms = np.array(vocab.terms, dtype=object)
    sw = _resolve_stop_words(stop_words)
    is_stop = (
        pd.Series(terms, dtype=object).str.lower().isin(sw).to_numpy()
        if len(terms)
        else np.zeros(0, dtype=bool)
    )
    frames = []
    for gi, label in enumerate(np.asarray(groups, dtype=object).tolist()):
        wsel = word_g == gi
        word_fd = FreqDist(dict(zip(terms[word_t[wsel]], word_n[wsel].tolist(), strict=True)))
        psel = pairs[:, 0] == gi
        psel &= pair_n >= min_count
        psel &= ~is_stop[pairs[:, 1]] & ~is_stop[pairs[:, 2]]
        if not psel.any():
            continue
        w1 = terms[pairs[psel, 1]]
        w2 = terms[pairs[psel, 2]]
        n = pair_n[psel]
        bigram_fd = FreqDist(dict(zip(zip(w1, w2, strict=True), n.tolist(), strict=True)))
        finder = BigramCollocationFinder(word_fd, bigram_fd, window_size=window)
        finder.apply_freq_filter(min_count)
        pmi = _score_pairs(finder, BigramAssocMeasures.pmi)
        llr = _score_pairs(finder, BigramAssocMeasures.likelihood_ratio)
        keys = list(zip(w1, w2, strict=True))
        frame = pd.DataFrame(
            {
                "ngram": [f"{a} {b}" for a, b in keys],
                "w1": w1,
                "w2": w2,
                "n": n.astype(np.int64),
                "pmi": [pmi.get(k, np.nan) for k in keys],
                "likelihood_ratio": [llr.get(k, np.nan) for k in keys],
            }
        )
        if measure == "pmi":
            frame = frame.sort_values(["pmi", "n", "ngram"], ascending=[False, False, True])
        else:
            frame = frame.sort_values(
                ["likelihood_ratio", "pmi", "ngram"], ascending=[False, False, True]
            )
        if top is not None:
            frame = frame.head(top)
        if col is not None:
            frame.insert(0, col, label)
        frames.append(frame)
    columns = ([col] if col is not None else []) + [
        "ngram",
        "w1",
        "w2",
        "n",
        "pmi",
        "likelihood_ratio",
    ]
    if not frames:
        empty = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
        return empty.astype({"n": "int64", "pmi": "float64", "likelihood_ratio": "float64"})
    out = pd.concat(frames, ignore_index=True)
    for c in ("ngram", "w1", "w2"):
        out[c] = out[c].astype(object)
    return out[columns]


# --------------------------------------------------------------------------- trends


def keyword_trends(
    data: Any,
    terms: str | Iterable[str],
    *,
    freq: str = "W",
    by: str | None = "outlet",
    text: Literal["clean", "raw"] = "clean",
    lower: bool = True,
) -> pd.DataFrame:
    """Relative frequency of some terms over time, per outlet.

    Parameters
    ----------
    data : Corpus or pandas.DataFrame
        Articles with ``published_at``. Articles without a date are left out; their
        number is in ``result.attrs["n_undated"]`` and a warning says so.
    terms : str or iterable of str
        Words or phrases; each is tokenized like the text (``"Prime Ministers"`` ->
        the bigram ``"prime ministers"``), and the ``term`` column shows that form.
    freq : str, default "W"
        A pandas period alias: ``"D"``, ``"W"`` (weeks starting Monday), ``"M"``, ...
    by : str or None, default "outlet"
        Group column; ``None``: the whole corpus (column ``corpus``, value ``"all"``).
    text : {"clean", "raw"}, default "clean"
    lower : bool, default True

    Returns
    -------
    pandas.DataFrame
        ``<by>, period, term, n, n_words, per_10k_words``: one row per group, period
        with at least one dated article of the group, and term (``n`` may be 0).
        ``period`` is the start of the period (UTC Timestamp); ``n_words`` counts every
        word token of the group's articles in the period; ``per_10k_words`` is NaN when
        ``n_words`` is 0.

    Raises
    ------
    ValueError
        If no article has a date, or a term has no token.

    Examples
    --------
    >>> arts = pd.DataFrame({"article_id": ["1", "2", "3"], "outlet": ["A", "A", "A"],
    ...     "text": ["Floods again.", "Dry weather.", "Floods, floods."],
    ...     "published_at": ["2024-03-04", "2024-03-06", "2024-03-12"]})
    >>> keyword_trends(arts, "floods", text="raw")[["period", "n", "n_words", "per_10k_words"]]
                         period  n  n_words  per_10k_words
    0 2024-03-04 00:00:00+00:00  1        4         2500.0
    1 2024-03-11 00:00:00+00:00  2        2        10000.0
    """
    term_list = [terms] if isinstance(terms, str) else list(terms)
    keys: list[str] = []
    for t in term_list:
        toks = tokenize(str(t), lower=lower)
        if not toks:
            raise ValueError(f"term {t!r} has no word token")
        keys.append(" ".join(toks))
    keys = list(dict.fromkeys(keys))
    arts, texts = _texts(data, text)
    col = by if by is not None else "corpus"
    columns = [col, "period", "term", "n", "n_words", "per_10k_words"]
    if len(arts) == 0:
        empty = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
        empty["period"] = pd.Series(dtype="datetime64[ns, UTC]")
        return empty.astype({"n": "int64", "n_words": "int64", "per_10k_words": "float64"})
    dated = arts["published_at"].notna().to_numpy()
    n_undated = int((~dated).sum())
    if not dated.any():
        raise ValueError(
            "no article has a publication date (published_at); keyword_trends needs dates"
        )
    if n_undated:
        warnings.warn(
            f"{n_undated} article(s) without a publication date were left out",
            UserWarning,
            stacklevel=2,
        )
    if by is None:
        labels = pd.Series(["all"] * len(arts), dtype=object)
    elif by not in arts.columns:
        raise ValueError(f"no column {by!r} in the articles table")
    else:
        labels = arts[by].astype(object)
    when = arts["published_at"].dt.tz_convert("UTC").dt.tz_localize(None)
    period = when.dt.to_period(freq).dt.start_time.dt.tz_localize("UTC")
    sizes = tuple(sorted({k.count(" ") + 1 for k in keys}))
    counted = _count_documents(texts, sizes, lower)
    ids = pd.Index(counted.vocab.terms, dtype=object).get_indexer(pd.Index(keys, dtype=object))
    sel = np.isin(counted.term, ids[ids >= 0])
    per_doc = pd.DataFrame(
        {
            "doc": counted.doc[sel],
            "term": np.array(counted.vocab.terms, dtype=object)[counted.term[sel]]
            if sel.any()
            else np.empty(0, dtype=object),
            "n": counted.n[sel],
        }
    )
    base = pd.DataFrame(
        {col: labels, "period": period, "n_words": counted.n_tokens, "dated": dated}
    )
    base = base[base["dated"] & base[col].notna()].drop(columns="dated")
    words = base.groupby([col, "period"], sort=True)["n_words"].sum().reset_index()
    grid = words.merge(pd.DataFrame({"term": pd.Series(keys, dtype=object)}), how="cross")
    if len(per_doc):
        per_doc = per_doc.join(base[[col, "period"]], on="doc", how="inner")
        hits = per_doc.groupby([col, "period", "term"], sort=False)["n"].sum().reset_index()
        grid = grid.merge(hits, on=[col, "period", "term"], how="left")
    else:
        grid["n"] = 0
    grid["n"] = grid["n"].fillna(0).astype("int64")
    grid["n_words"] = grid["n_words"].astype("int64")
    nw = grid["n_words"].astype("float64")
    grid["per_10k_words"] = grid["n"] / nw.where(nw > 0) * 10_000.0
    grid = grid.sort_values([col, "period", "term"], kind="stable").reset_index(drop=True)
    out = grid[columns]
    out.attrs["n_undated"] = n_undated
    return out
