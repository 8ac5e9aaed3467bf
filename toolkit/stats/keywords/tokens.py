"""Tokens: the toolkit's words made keyword terms, stop words, and the token stream.

Tokens
------
Tokens are made in two separate steps:

1. **Words.** The raw tokens are the toolkit's words, :data:`toolkit.text.WORD_PATTERN`
   (defined once, in :func:`toolkit.text.words`: abbreviations such as ``U.S.``,
   numbers such as ``1,200``, runs of letters, digits and combining marks joined by
   inner hyphens and apostrophes). So the word tokens a keyword table counts in an
   article (``n_words`` of :func:`~toolkit.stats.keywords.term_counts` with
   ``by="article_id", text="raw"``) are its ``n_words`` in
   :func:`~toolkit.stats.summary.article_stats`.
2. **Normalisation**, one word at a time: curly and modifier apostrophes (``’ ʼ``)
   become ``'``, Unicode hyphens (U+2010, U+2011) become ``-``, soft hyphens (U+00AD)
   are deleted, the text is lower-cased (``lower=True``) and the English
   possessive/clitic ``'s`` is split off and dropped, so ``Lavrov's`` counts as
   ``lavrov`` and ``it's`` as ``it`` (``don't``, ``o'neill`` stay whole). A word stays
   one token (never empty, never two), so counts of tokens are counts of words.

**Filtering** comes after, and only where a function says so: :func:`tokenize` drops
numbers with ``keep_numbers=False``; the tables leave out stop words (and terms starting
or ending with one) when they are read, and keep terms of at least ``min_count``;
``per_10k_words`` always divides by all word tokens. The loader stores text in Unicode
NFC; other input is tokenized as given.

The token stream
----------------
Counting reads the texts chunk by chunk (about :data:`CHUNK_CHARS` characters of whole
texts at a time, so only one chunk is held as Python strings) into ids of one
:class:`Vocab` (:func:`token_chunks`); :func:`keyword_texts` gives the texts as they are
held (an Arrow column or the clean texts cached by ``article_stats``).

Examples
--------
>>> tokenize("The U.S. cease-fire held.")
['the', 'u.s.', 'cease-fire', 'held']
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from toolkit.schema import as_articles
from toolkit.stats.summary import cached_clean_texts, texts_of_articles
from toolkit.text import (
    ALNUM,
    WORD_CHAR,
    WORD_JOINERS,
    WORD_PATTERN,
    char_runs,
    factorize_words,
)

__all__ = [
    "BLOCK_DOCS",
    "BOUNDARY",
    "CHUNK_CHARS",
    "TOKEN_PATTERN",
    "Vocab",
    "group_languages",
    "keyword_texts",
    "main_language",
    "resolve_stop_words",
    "stopword_languages",
    "stopwords",
    "term_regex",
    "token_chunks",
    "tokenize",
    "tokenize_series",
]

#: The raw token pattern: the toolkit's word, :data:`toolkit.text.WORD_PATTERN` (Python
#: ``re`` syntax, used by nltk's RegexpTokenizer and pandas).
TOKEN_PATTERN = WORD_PATTERN
# the same tokens plus boundary marks, which n-grams and collocations never cross
_STREAM_PATTERN = TOKEN_PATTERN + r"|[.!?;:…\n]+"
_FOLD = str.maketrans({"’": "'", "ʼ": "'", "‐": "-", "‑": "-", "\u00ad": None})
_LETTER_RE = re.compile(r"[^\W\d_]")
BOUNDARY = -2  # token id of a boundary mark in the internal stream
_DROPPED = -1  # token id of a token removed by keep_numbers=False

_TEXT_CHOICES = ("clean", "raw")


@lru_cache(maxsize=1)
def _nltk_tokenizer() -> Any:
    """nltk's RegexpTokenizer over :data:`TOKEN_PATTERN`, compiled by the stdlib ``re``.

    nltk 3.10 compiles caller patterns through ``nltk.redos`` with the third-party
    ``regex`` engine, whose ``\\w`` and Unicode tables are not those of ``re`` (for which
    the pattern is written) and which is about twice as slow here; pandas'
    ``str.findall`` uses ``re``. Compiling with ``re`` keeps the single-text and the
    column paths token-for-token identical.
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

_DATA = Path(__file__).parents[1] / "data"  # toolkit/stats/data: the word lists


@lru_cache(maxsize=4)
def _read_list(language: str) -> frozenset[str]:
    path = _DATA / f"stopwords_{language}.txt"
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.append(word.translate(_FOLD).lower())
    return frozenset(words)


#: ISO 639-1 code -> the ``stop-words`` package's list for the languages without a list
#: of our own (English and Russian have ours).
_PACKAGE_LANGUAGES: dict[str, str] = {
    "ar": "arabic", "bg": "bulgarian", "ca": "catalan", "cs": "czech", "da": "danish",
    "nl": "dutch", "fi": "finnish", "fr": "french", "de": "german", "el": "greek",
    "gu": "gujarati", "he": "hebrew", "hi": "hindi", "hu": "hungarian", "id": "indonesian",
    "it": "italian", "ms": "malaysian", "no": "norwegian", "nb": "norwegian", "fa": "persian",
    "pl": "polish", "pt": "portuguese", "ro": "romanian", "sk": "slovak", "es": "spanish",
    "sv": "swedish", "tr": "turkish", "uk": "ukrainian", "vi": "vietnamese",
}  # fmt: skip


@lru_cache(maxsize=64)
def _package_list(language: str) -> frozenset[str]:
    from stop_words import get_stop_words  # word lists inside the package: offline

    return frozenset(
        w.translate(_FOLD).lower() for w in get_stop_words(_PACKAGE_LANGUAGES[language])
    )


def stopword_languages() -> list[str]:
    """The ISO 639-1 codes :func:`stopwords` has a list for.

    Examples
    --------
    >>> {"en", "ru", "de", "uk", "fr"} <= set(stopword_languages())
    True
    """
    return sorted({"en", "ru", *_PACKAGE_LANGUAGES})


def stopwords(
    language: str = "en", *, add: Iterable[str] = (), remove: Iterable[str] = ()
) -> frozenset[str]:
    """Return a stop-word set, edited as asked.

    English and Russian have lists of our own (``toolkit/stats/data/stopwords_en.txt``
    and ``stopwords_ru.txt``): function words only (articles, pronouns, prepositions,
    conjunctions, particles, auxiliaries and contractions); news vocabulary ("said",
    "says", "state", "year", "former", "government"; "заявил", "год") is deliberately
    kept out. The other languages of :func:`stopword_languages` (German, French,
    Ukrainian, Bulgarian, ...) come from the ``stop-words`` package's lists, which ship
    inside it.

    Parameters
    ----------
    language : str, default "en"
        An ISO 639-1 code of :func:`stopword_languages`, or ``"all"``: the English and
        Russian lists together.
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
    >>> "и" in stopwords("all"), "und" in stopwords("de")
    (True, True)
    """
    if language == "all":
        base = _read_list("en") | _read_list("ru")
    elif language in ("en", "ru"):
        base = _read_list(language)
    elif language in _PACKAGE_LANGUAGES:
        base = _package_list(language)
    else:
        raise ValueError(
            f'language must be "all" or one of {", ".join(stopword_languages())}, not {language!r}'
        )
    added = {w.translate(_FOLD).lower() for w in add}
    removed = {w.translate(_FOLD).lower() for w in remove}
    return frozenset((base | added) - removed)


def resolve_stop_words(stop_words: Any, languages: Iterable[Any] = ()) -> frozenset[str]:
    """The stop words meant by a ``stop_words`` argument.

    ``"auto"`` is the English and Russian lists plus the list of each of ``languages``
    (the languages of the articles concerned, :func:`~toolkit.io.language.detect_language`)
    that has one; ``None`` is none; a code is that list; an iterable is those words.

    Examples
    --------
    >>> "und" in resolve_stop_words("auto"), "und" in resolve_stop_words("auto", ["de"])
    (False, True)
    >>> sorted(resolve_stop_words(["The", "of"])), len(resolve_stop_words(None))
    (['of', 'the'], 0)
    """
    if stop_words is None:
        return frozenset()
    if isinstance(stop_words, str):
        if stop_words == "auto":
            extra = [stopwords(lang) for lang in set(languages) if lang in _PACKAGE_LANGUAGES]
            return stopwords("all").union(*extra)
        return stopwords(stop_words)
    return frozenset(str(w).translate(_FOLD).lower() for w in stop_words)


def group_languages(arts: pd.DataFrame, codes: np.ndarray, n_groups: int) -> list[dict[str, int]]:
    """Articles per language in each group: ``[{"en": 12, "de": 1}, ...]`` (empty
    dicts when the articles carry no ``language`` column)."""
    out: list[dict[str, int]] = [{} for _ in range(n_groups)]
    if "language" not in arts.columns or not n_groups:
        return out
    frame = pd.DataFrame({"g": codes, "lang": arts["language"].to_numpy(dtype=object)})
    frame = frame[(frame["g"] >= 0) & frame["lang"].notna()]
    sizes = frame.groupby(["g", "lang"], sort=True).size()
    for key, n in zip(sizes.index.tolist(), sizes.tolist(), strict=True):
        out[int(key[0])][str(key[1])] = int(n)
    return out


def main_language(counts: dict[str, int]) -> str | None:
    """The language of most of a group's articles (ties: alphabetical); None if none."""
    return min(counts, key=lambda lang: (-counts[lang], lang)) if counts else None


class Vocab:
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
        self.block = 0  # the block of texts being read, set by token_chunks
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
#: Texts per block of the vocabulary order (:meth:`Vocab.block_order`); a chunk of
#: texts never spans two blocks.
BLOCK_DOCS = 2000


def _chunk_bounds(
    texts: pd.Series, chunk_chars: int, block_docs: int | None = None
) -> Iterator[tuple[int, int]]:
    """``(start, stop)`` positions of consecutive chunks of about ``chunk_chars`` characters
    (:func:`toolkit.text.char_runs`, the one chunker).

    A chunk holds at least one text, and never texts of two blocks of ``block_docs``
    (default :data:`BLOCK_DOCS`).

    Examples
    --------
    >>> list(_chunk_bounds(pd.Series(["abc", "de", "", "fghij", "k", "l"]), 5, block_docs=5))
    [(0, 3), (3, 4), (4, 5), (5, 6)]
    """
    block_docs = BLOCK_DOCS if block_docs is None else block_docs
    yield from char_runs(_text_lengths(texts), chunk_chars, block=block_docs)


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


def token_chunks(
    texts: pd.Series,
    vocab: Vocab,
    lower: bool,
    boundaries: bool,
    chunk_chars: int | None = None,
) -> Iterator[tuple[int, int, np.ndarray, np.ndarray]]:
    """Yield ``(offset, n_docs, token_ids, doc)`` per chunk of texts.

    ``token_ids`` are vocabulary ids in text order (with ``BOUNDARY`` for boundary
    marks when ``boundaries``), ``doc`` the chunk-local document index of each token.
    Only one chunk of ``texts`` (see :func:`_chunk_bounds`) is held as Python strings
    at a time (``texts`` may be an Arrow string column, whose strings are made chunk by
    chunk). Each distinct raw token is normalised once per pass (:func:`_token_ids`).
    """
    pattern = _STREAM_PATTERN if boundaries else TOKEN_PATTERN
    chunk_chars = CHUNK_CHARS if chunk_chars is None else chunk_chars
    seen: dict[str, int] = {}  # raw token -> its id (BOUNDARY for a mark), in this pass
    for offset, stop in _chunk_bounds(texts, chunk_chars):
        vocab.block = offset // BLOCK_DOCS
        values = _text_slice(texts, offset, stop)
        flat, lengths = _chunk_tokens(values, pattern)
        n_docs = len(values)
        del values
        doc = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
        yield offset, n_docs, _token_ids(flat, seen, vocab, lower), doc


def _token_ids(flat: list[str], seen: dict[str, int], vocab: Vocab, lower: bool) -> np.ndarray:
    """The vocabulary id of every raw token of ``flat`` (``BOUNDARY`` for a mark).

    The tokens are numbered by a hash table (:func:`toolkit.text.factorize_words`);
    ``seen`` holds the distinct raw tokens of earlier chunks with their ids, and only
    the raw tokens new to it are normalised (:func:`_norm_token`), in order of first
    sight, so that ``vocab`` numbers new terms as one pass over all the tokens would.
    """
    if not flat:
        return np.empty(0, dtype=np.int64)
    codes, uniques, _ = factorize_words(flat)
    known = [seen.get(u) for u in uniques]
    new = [u for u, k in zip(uniques, known, strict=True) if k is None]
    is_mark = [not u[0].isalnum() for u in new]
    normed = _normalise_uniques(new, lower, True)
    new_ids = vocab.word_ids([None if m else t for m, t in zip(is_mark, normed, strict=True)])
    new_ids[np.array(is_mark, dtype=bool)] = BOUNDARY
    seen.update(zip(new, new_ids.tolist(), strict=True))
    ids = np.fromiter(
        (seen[u] if k is None else k for u, k in zip(uniques, known, strict=True)),
        dtype=np.int64,
        count=len(known),
    )
    return ids[codes]


def _chunk_tokens(values: np.ndarray, pattern: str) -> tuple[list[str], np.ndarray]:
    """The raw tokens of a chunk of texts, in order, and the number of each text's
    tokens (``Series.str.findall``)."""
    with _gc_paused():
        lists = pd.Series(values, dtype=object).str.findall(pattern).tolist()
        lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
        flat = list(chain.from_iterable(lists))
    return flat, lengths


def keyword_texts(data: Any, text: str, *, compact: bool = False) -> tuple[pd.DataFrame, pd.Series]:
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


# --------------------------------------------------------------------------- concordance

_APOS_CLASS = "['’ʼ]"
_HYPH_CLASS = "[-‐‑]"
_JOINER_CLASS = "[" + "".join(map(re.escape, WORD_JOINERS)) + "]"
# the joiners but apostrophes (hyphens, soft hyphen, zero-width joiners)
_INNER_JOINER_CLASS = "[" + "".join(re.escape(c) for c in WORD_JOINERS if c not in "'’ʼ") + "]"


def term_regex(term: str, *, regex: bool, case_sensitive: bool) -> re.Pattern[str]:
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
    # token boundaries: no letter/digit/mark (or joiner + letter/digit) on either side,
    # except the possessive 's, which the tokenizer splits off too
    pattern = (
        rf"(?<!{WORD_CHAR})(?<!{WORD_CHAR}{_JOINER_CLASS})(?:{core})"
        rf"(?!{WORD_CHAR})(?!{_INNER_JOINER_CLASS}{ALNUM})"
        rf"(?!{_APOS_CLASS}(?![sS](?!{ALNUM})){ALNUM})"
    )
    return re.compile(pattern, 0 if case_sensitive else re.IGNORECASE)
