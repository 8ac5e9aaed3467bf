"""Counts: every term once per group of articles, and the tables read from them.

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

Partial counts of disjoint sets of articles are summed by :func:`merge_counts` (the
Dask engine sums its partitions with it), with the numbers of one pass over all.

Examples
--------
>>> import pandas as pd
>>> arts = pd.DataFrame({"article_id": ["1", "2"], "outlet": ["A", "B"],
...                      "text": ["Rain, rain and wind.", "Sun."]})
>>> keyword_frequencies(term_counts(arts, text="raw"))[["outlet", "term", "n"]].values.tolist()
[['A', 'rain', 2], ['A', 'wind', 1], ['B', 'sun', 1]]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial, singledispatch
from typing import Any, Literal

import numpy as np
import pandas as pd

from toolkit.stats.keywords.content import (
    ARTIFACT_REASONS,
    REASON_CODE,
    TEMPLATE_RATIO,
    domain_words,
    hosts_of,
    name_words,
    word_codes,
)
from toolkit.stats.keywords.stems import latin_stemmer, stem_words
from toolkit.stats.keywords.tokens import (
    Vocab,
    group_languages,
    keyword_texts,
    main_language,
    resolve_stop_words,
    token_chunks,
    tokenize_series,
)

_NO_REASON = np.int8(len(ARTIFACT_REASONS) + 1)  # above every reason code

__all__ = [
    "MERGE_ENTRIES",
    "DocTerms",
    "KeywordCounts",
    "count_documents",
    "ensure_counts",
    "entry_artifact_mask",
    "group_sites",
    "keyword_frequencies",
    "merge_counts",
    "stem_article_counts",
    "surface_forms",
    "template_terms_of",
    "term_counts",
]


def _ngram_positions(tok: np.ndarray, doc: np.ndarray, n: int) -> np.ndarray:
    """Start positions of n-grams made of words only, inside one document."""
    if len(tok) < n:
        return np.empty(0, dtype=np.int64)
    m = len(tok) - n + 1
    ok = (tok[:m] >= 0) & (doc[:m] == doc[n - 1 :])
    for j in range(1, n):
        ok &= tok[j : j + m] >= 0
    return np.flatnonzero(ok)


def _ngram_term_ids(tok: np.ndarray, starts: np.ndarray, n: int, vocab: Vocab) -> np.ndarray:
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
    vocab: Vocab,
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
    chunks = token_chunks(texts, vocab, lower, max(ngrams) > 1, chunk_chars)
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
class DocTerms:
    """Per-document term counts in coordinate form, with the vocabulary."""

    doc: np.ndarray
    term: np.ndarray
    n: np.ndarray
    n_tokens: np.ndarray
    vocab: Vocab = field(repr=False)


def count_documents(
    texts: pd.Series,
    ngrams: tuple[int, ...],
    lower: bool,
    terms: Sequence[str] | None = None,
) -> DocTerms:
    """Term counts of every document (what :func:`keyword_trends` needs per article).

    Parameters
    ----------
    texts : pandas.Series
        One text per document (positions are the document numbers).
    ngrams : tuple of int
        The n-gram sizes to count.
    lower : bool
        Lower-case tokens.
    terms : sequence of str, optional
        Keep the entries of these terms only (as the vocabulary spells them), chunk by
        chunk: the counts of every term of every document are never held at once.

    Returns
    -------
    DocTerms
        ``doc, term, n`` (one entry per document and term; ``term`` indexes
        ``vocab.terms``) and ``n_tokens``, the word tokens of each document.

    Examples
    --------
    >>> dt = count_documents(pd.Series(["Rain, rain.", "Sun."]), (1,), True)
    >>> [(int(d), dt.vocab.terms[t], int(n)) for d, t, n in zip(dt.doc, dt.term, dt.n)]
    [(0, 'rain', 2), (1, 'sun', 1)]
    >>> dt.n_tokens.tolist()
    [2, 1]
    >>> dt = count_documents(pd.Series(["Rain, rain.", "Sun."]), (1,), True, terms=["sun"])
    >>> [(int(d), dt.vocab.terms[t], int(n)) for d, t, n in zip(dt.doc, dt.term, dt.n)]
    [(1, 'sun', 1)]
    """
    vocab = Vocab()
    docs: list[np.ndarray] = []
    term_parts: list[np.ndarray] = []
    counts: list[np.ndarray] = []
    n_tokens = np.zeros(len(texts), dtype=np.int64)
    for offset, n_tok, d, t, n in _doc_term_chunks(texts, vocab, ngrams, lower):
        n_tokens[offset : offset + len(n_tok)] = n_tok
        if terms is not None and len(d):
            known = [vocab.ids[k] for k in terms if k in vocab.ids]
            keep = np.isin(t, np.array(known, dtype=np.int64))
            d, t, n = d[keep], t[keep], n[keep]
        if len(d):
            docs.append(d + offset)
            term_parts.append(t)
            counts.append(n)
    empty = np.empty(0, dtype=np.int64)
    return DocTerms(
        doc=np.concatenate(docs) if docs else empty,
        term=np.concatenate(term_parts) if term_parts else empty,
        n=np.concatenate(counts) if counts else empty,
        n_tokens=n_tokens,
        vocab=vocab,
    )


#: Partial (group, term) sums held before they are added up (a few MB of arrays).
MERGE_ENTRIES = 500_000


def _entries(group: Any, term: Any, n: Any, n_articles: Any) -> pd.DataFrame:
    """A ``group, term, n, n_articles`` table of int64 columns (arrays not copied)."""
    return pd.DataFrame(
        {"group": group, "term": term, "n": n, "n_articles": n_articles}, dtype=np.int64, copy=False
    )


_Entries = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # group, term, n, n_articles


def _sum_entries(parts: list[_Entries], v: int, *, sort: bool) -> _Entries:
    """Add up ``(group, term, n, n_articles)`` columns over their (group, term) keys.

    ``v`` exceeds every term id; with ``sort`` the sums come ordered by (group, term).
    """

    def column(i: int) -> np.ndarray:  # one column at a time: the peak memory
        return np.concatenate([p[i] for p in parts])

    codes, keys = pd.factorize(column(0) * v + column(1), sort=sort)
    keys = np.asarray(keys, dtype=np.int64)
    n, n_articles = (  # float64 sums of integers: exact below 2**53
        np.bincount(codes, weights=column(i), minlength=len(keys)).astype(np.int64) for i in (2, 3)
    )
    return keys // v, keys % v, n, n_articles


def _count_groups(
    texts: pd.Series,
    group_codes: np.ndarray,
    n_groups: int,
    ngrams: tuple[int, ...],
    lower: bool,
    *,
    chunk_chars: int | None = None,
    merge_entries: int | None = None,
    articles: bool = False,
) -> tuple[pd.DataFrame, np.ndarray, pd.DataFrame, pd.DataFrame | None, np.ndarray]:
    """Term counts per group, summed chunk by chunk of texts:
    ``(entries, n_words, terms, article_entries, article_words)``.

    Each chunk's (document, term) counts are reduced to (group, term) occurrences and
    article counts at once, so memory holds the counts of the groups (and one chunk).
    With ``articles``, the (document, term) counts are kept too, as int32 columns
    ``article, term, n`` (12 bytes a pair, for the dispersion); else
    ``article_entries`` is None. ``article_words`` holds each text's word tokens.
    ``group_codes`` gives each text's group (``-1``: left out). The numbers do not
    depend on ``chunk_chars`` (default :data:`CHUNK_CHARS`) or ``merge_entries``
    (default :data:`MERGE_ENTRIES`).
    """
    merge_entries = MERGE_ENTRIES if merge_entries is None else merge_entries
    vocab = Vocab()
    n_words = np.zeros(n_groups, dtype=np.int64)
    article_words = np.zeros(len(texts), dtype=np.int64)
    kept: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    merged: list[_Entries] = []
    parts: list[_Entries] = []
    n_merged = n_pending = 0
    for offset, n_tok, d, t, n in _doc_term_chunks(texts, vocab, ngrams, lower, chunk_chars):
        article_words[offset : offset + len(n_tok)] = n_tok
        g_doc = group_codes[offset : offset + len(n_tok)]
        valid = g_doc >= 0
        n_words += np.bincount(g_doc[valid], weights=n_tok[valid], minlength=n_groups).astype(
            np.int64
        )
        g = g_doc[d]
        keep = g >= 0
        # a (document, term) pair is one article of that term's group
        chunk = (g[keep], t[keep], n[keep], np.ones(int(keep.sum()), dtype=np.int64))
        if articles:
            kept.append(
                (
                    (d[keep] + offset).astype(np.int32),
                    t[keep].astype(np.int32),
                    n[keep].astype(np.int32),
                )
            )
        parts.append(_sum_entries([chunk], max(len(vocab), 1), sort=False))
        n_pending += len(parts[-1][0])
        if n_pending >= max(merge_entries, n_merged):
            merged = [_sum_entries(merged + parts, max(len(vocab), 1), sort=False)]
            n_merged, n_pending, parts = len(merged[0][0]), 0, []
    terms = pd.DataFrame(
        {
            "term": pd.Series(vocab.terms, dtype=object),  # not Arrow strings: read as numpy
            "first": np.array(vocab.first, dtype=np.int64),
            "last": np.array(vocab.last, dtype=np.int64),
        }
    )
    empty = np.empty(0, dtype=np.int64)
    everything = merged + parts or [(empty, empty, empty, empty)]
    order = vocab.block_order()
    if order is not None:  # ids as one chunk per block would have numbered them
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order), dtype=np.int64)
        everything = [(g, rank[t], n, a) for g, t, n, a in everything]
        kept = [(d, rank[t].astype(np.int32), n) for d, t, n in kept]
        terms = terms.iloc[order].reset_index(drop=True)
        terms["first"], terms["last"] = rank[terms["first"]], rank[terms["last"]]
    entries = _sum_entries(everything, max(len(vocab), 1), sort=True)
    article_entries = _article_entries(kept) if articles else None
    return _entries(*entries), n_words, terms, article_entries, article_words


def _article_entries(pieces: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> pd.DataFrame:
    """An ``article, term, n`` table of int32 columns from ``(article, term, n)`` pieces."""
    empty = np.empty(0, dtype=np.int32)
    cols = [np.concatenate([p[i] for p in pieces]) if pieces else empty for i in range(3)]
    return pd.DataFrame(
        {"article": cols[0], "term": cols[1], "n": cols[2]}, dtype=np.int32, copy=False
    )


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


# --------------------------------------------------------------------------- KeywordCounts


class KeywordCounts:
    """Term counts per group of articles, in long form, built once by :func:`term_counts`.

    Three tables hold the counts:

    * :attr:`table`, one row per (group, term) seen: ``group`` (position in
      :attr:`groups`), ``term`` (position in :attr:`terms`), ``n`` (occurrences) and
      ``n_articles`` (articles of the group containing the term), sorted by group, then
      term;
    * :attr:`group_totals`, one row per group (index: the group labels, sorted):
      ``n_words``, the group's number of word tokens (all of them, before stop-word
      removal), ``n_docs``, its number of articles, ``languages``, its articles per
      language, ``names`` and ``hosts``, the outlet names and URL host names of its
      articles (sorted tuples), and ``template_terms``, the words of its outlet's
      template lines with their number of uses there (``{"subscribe": 16}``; empty
      unless learned, see :func:`term_counts`);
    * :attr:`term_table`, one row per term: ``term`` and ``first`` / ``last``, the
      positions of its first and last word (for the stop-word test of n-grams).

    With ``dispersion`` (the default of :func:`term_counts`) two more tables hold the
    counts of every article, for the dispersion (:meth:`dispersion`) and the article
    counts of stems:

    * :attr:`article_table`, one row per (article, term): ``article`` (position in
      :attr:`article_totals`), ``term``, ``n`` (int32 columns);
    * :attr:`article_totals`, one row per article counted: ``group`` (``-1`` when its
      group label is missing) and ``n_words``.

    Both are None for counts made with ``dispersion=False``.

    :func:`keyword_frequencies`, :func:`keyness` and :func:`keyness_table` accept this
    object in place of the articles, so a corpus is tokenized once. The array attributes
    below are views of the tables' columns, taken once: treat the tables as read-only.

    Attributes
    ----------
    by : str or None
        Grouping column (``None``: the whole corpus, one group named ``"all"``).
    ngram : tuple of int
        The n-gram sizes counted.
    text : {"clean", "raw"}
    lower : bool
    table, group_totals, term_table : pandas.DataFrame
    groups, terms : numpy.ndarray of object
        The group labels and the term strings.
    n, n_articles : numpy.ndarray of int64
        Columns of :attr:`table`.
    n_words, n_docs : numpy.ndarray of int64
        Columns of :attr:`group_totals`.
    total_n : numpy.ndarray of int64
        Each term's count over all groups.
    group_idx, term_idx : numpy.ndarray of int64
        The ``group`` and ``term`` columns of :attr:`table`.
    article_table, article_totals : pandas.DataFrame or None
    names, hosts : list of tuple of str
        Columns of :attr:`group_totals`.
    template_terms : list of dict
        Column of :attr:`group_totals`.
    indptr : numpy.ndarray of int64
        Where each group's rows start (computed when asked): for group ``g``, the rows
        ``indptr[g]:indptr[g + 1]`` of :attr:`table` (the earlier sparse layout, CSR).

    Examples
    --------
    >>> arts = pd.DataFrame({"article_id": ["1", "2"], "outlet": ["A", "B"],
    ...                      "text": ["Rain, rain and wind.", "Sun."]})
    >>> counts = term_counts(arts, text="raw")
    >>> counts
    KeywordCounts(by='outlet', groups=2, terms=4, ngram=(1,), text='raw')
    >>> counts.table
       group  term  n  n_articles
    0      0     0  2           1
    1      0     1  1           1
    2      0     2  1           1
    3      1     3  1           1
    >>> counts.group_totals[["n_words", "n_docs", "names"]]
            n_words  n_docs names
    outlet
    A             4       1  (A,)
    B             1       1  (B,)
    >>> counts.article_totals.values.tolist()
    [[0, 4], [1, 1]]
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
        table: pd.DataFrame,
        group_totals: pd.DataFrame,
        term_table: pd.DataFrame,
        article_table: pd.DataFrame | None = None,
        article_totals: pd.DataFrame | None = None,
    ) -> None:
        self.by = by
        self.ngram = ngram
        self.text = text
        self.lower = lower
        self.table = table
        self.group_totals = _with_site_columns(group_totals)
        self.term_table = term_table
        self.article_table = article_table
        self.article_totals = article_totals
        group_totals = self.group_totals
        # numpy views of the columns, taken once (the tables are not to be modified)
        self.groups = group_totals.index.to_numpy()
        self.n_words = group_totals["n_words"].to_numpy()
        self.n_docs = group_totals["n_docs"].to_numpy()
        self.languages: list[dict[str, int]] = group_totals["languages"].tolist()
        self.terms, self.first, self.last = (
            term_table[c].to_numpy() for c in ("term", "first", "last")
        )
        self.group_idx, self.term_idx, self.n, self.n_articles = (
            table[c].to_numpy() for c in ("group", "term", "n", "n_articles")
        )
        self.total_n = np.bincount(self.term_idx, weights=self.n, minlength=len(self.terms))
        self.total_n = self.total_n.astype(np.int64)  # float64 sums: exact below 2**53
        self._group_pos = {g: i for i, g in enumerate(self.groups.tolist())}
        self._term_pos: pd.Index | None = None
        self._stop_cache: dict[frozenset[str], np.ndarray] = {}
        self.names: list[tuple[str, ...]] = group_totals["names"].tolist()
        self.hosts: list[tuple[str, ...]] = group_totals["hosts"].tolist()
        self.template_terms: list[dict[str, int]] = group_totals["template_terms"].tolist()
        self._cache: dict[Any, Any] = {}  # derived arrays (artifact codes, stems, ...)

    def __repr__(self) -> str:
        return (
            f"KeywordCounts(by={self.by!r}, groups={len(self.groups)}, terms={len(self.terms)}, "
            f"ngram={self.ngram}, text={self.text!r})"
        )

    @property
    def indptr(self) -> np.ndarray:
        """Where each group's rows of :attr:`table` start (and, last, where they end)."""
        at = np.arange(len(self.groups) + 1)
        return np.searchsorted(self.group_idx, at).astype(np.int64)

    @property
    def group_column(self) -> str:
        """Name of the first column of the tables: ``by``, or ``"corpus"``."""
        return self.by if self.by is not None else "corpus"

    def term_index(self, term: str) -> int:
        """Position of ``term`` in :attr:`terms` (``-1`` if absent)."""
        if self._term_pos is None:
            self._term_pos = pd.Index(self.terms)
        return int(self._term_pos.get_indexer(pd.Index([term], dtype=object))[0])

    def group_position(self, label: Any) -> int:
        """Position of the group ``label`` in :attr:`groups`; ValueError if there is none.

        Examples
        --------
        >>> arts = pd.DataFrame({"article_id": ["1", "2"], "outlet": ["B", "A"],
        ...                      "text": ["Sun.", "Rain."]})
        >>> term_counts(arts, text="raw").group_position("B")
        1
        """
        pos = self._group_pos.get(label)
        if pos is None:
            shown = ", ".join(map(str, self.groups[:20].tolist())) or "none"
            raise ValueError(f"no {self.group_column} named {label!r}; there are: {shown}")
        return pos

    def vector(self, label: Any, *, articles: bool = False) -> np.ndarray:
        """Dense count vector (or article-count vector) of one group over :attr:`terms`."""
        g = self.group_position(label)
        lo, hi = np.searchsorted(self.group_idx, [g, g + 1])
        out = np.zeros(len(self.terms), dtype=np.int64)
        out[self.term_idx[lo:hi]] = (self.n_articles if articles else self.n)[lo:hi]
        return out

    @cached_property
    def _main_languages(self) -> list[str | None]:
        return [main_language(tally) for tally in self.languages]

    def group_language(self, label: Any) -> str | None:
        """The language of most of a group's articles (None without a language column)."""
        return self._main_languages[self.group_position(label)]

    def stop_mask(self, stop_words: Any, groups: Iterable[Any] | None = None) -> np.ndarray:
        """Boolean mask over :attr:`terms`: True where a term starts or ends with a stop word.

        ``"auto"`` adds the stop words of the main language of each of ``groups``
        (labels; default all groups) to the English and Russian ones
        (:func:`~toolkit.stats.keywords.tokens.resolve_stop_words`).
        """
        labels = self.groups.tolist() if groups is None else list(groups)
        sw = resolve_stop_words(stop_words, [self.group_language(g) for g in labels])
        hit = self._stop_cache.get(sw)
        if hit is None:
            if sw:
                word_is_stop = pd.Series(self.terms, dtype=object).str.lower().isin(sw).to_numpy()
                hit = word_is_stop[self.first] | word_is_stop[self.last]
            else:
                hit = np.zeros(len(self.terms), dtype=bool)
            self._stop_cache[sw] = hit
        return hit

    @cached_property
    def _rank(self) -> np.ndarray:
        order = np.argsort(self.terms.astype(str), kind="stable")
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        return rank

    def term_rank(self) -> np.ndarray:
        """Alphabetical rank of every term (for deterministic tie-breaking)."""
        return self._rank

    # -- content terms (see toolkit.stats.keywords.content) ------------------------------

    @cached_property
    def _term_words(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(starts, word_codes, words)``: the words of every term, in order; term ``i``
        has the words ``word_codes[starts[i]:starts[i + 1]]`` (of the distinct ``words``)."""
        terms = pd.Series(self.terms, dtype=object)
        if self.ngram == (1,) or terms.empty:
            codes, words = pd.factorize(terms)
            starts = np.arange(len(terms) + 1, dtype=np.int64)
            return starts, np.asarray(codes, dtype=np.int64), np.asarray(words, dtype=object)
        lengths = terms.str.count(" ").to_numpy(dtype=np.int64) + 1
        flat = terms.str.split(" ").explode()
        flat_codes, flat_words = pd.factorize(flat.to_numpy(dtype=object))
        starts = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        return (
            starts,
            np.asarray(flat_codes, dtype=np.int64),
            np.asarray(flat_words, dtype=object),
        )

    def _terms_of_word_codes(self, word_code: np.ndarray) -> np.ndarray:
        """Each term's code: the smallest non-zero code of its words (0 if none)."""
        starts, codes, _ = self._term_words
        if not len(codes):
            return np.zeros(len(self.terms), dtype=np.int8)
        per = np.where(word_code[codes] > 0, word_code[codes], _NO_REASON)
        out = np.minimum.reduceat(per, starts[:-1]) if len(starts) > 1 else per[:0]
        return np.where(out == _NO_REASON, 0, out).astype(np.int8)

    @cached_property
    def name_words(self) -> dict[str, str]:
        """The words of the outlet names of the counts (word -> name), see
        :func:`~toolkit.stats.keywords.content.name_words`."""
        names = sorted({n for group in self.names for n in group})
        if self.by == "outlet":
            names = sorted({*names, *map(str, self.groups.tolist())})
        return name_words(names, lower=self.lower)

    @cached_property
    def domain_words(self) -> dict[str, str]:
        """The words of the URL host names of the counts (word -> host)."""
        return domain_words(sorted({h for group in self.hosts for h in group}))

    @cached_property
    def _base_word_codes(self) -> np.ndarray:
        """Per distinct word: number, short, date, outlet name or domain code (0: none)."""
        _, _, words = self._term_words
        out = word_codes(words)
        free = out == 0
        lowered = pd.Series(words, dtype=object).str.lower()
        out[free & lowered.isin(self.name_words.keys()).to_numpy()] = REASON_CODE["outlet name"]
        free = out == 0
        out[free & lowered.isin(self.domain_words.keys()).to_numpy()] = REASON_CODE["domain"]
        return out

    def template_words(self, label: Any) -> dict[str, tuple[int, int]]:
        """The template vocabulary of a group: word -> (uses in its outlet's template
        lines, uses in its body), for the words (stop words aside) used at least
        :data:`~toolkit.stats.keywords.content.TEMPLATE_RATIO` (4) times as often in the
        template lines as in the body.

        The body count of a word is its count in the group when the counts are of the
        clean text (the template lines are not in it), its count minus its template
        uses when they are of the raw text, and 0 when no single words were counted.

        Examples
        --------
        >>> counts = term_counts(pd.DataFrame({"article_id": ["1"], "outlet": ["A"],
        ...                                    "text": ["Menu of the day. Menu, day."]}))
        >>> counts.template_terms = [{"menu": 8, "day": 1}]  # as learned from template lines
        >>> counts.template_words("A")
        {'menu': (8, 2)}
        """
        g = self.group_position(label)
        key = ("template", g)
        if key not in self._cache:
            tally = self.template_terms[g]
            out: dict[str, tuple[int, int]] = {}
            if tally:
                words = list(tally)
                used = np.array([tally[w] for w in words], dtype=np.int64)
                body = np.zeros(len(words), dtype=np.int64)
                if 1 in self.ngram:
                    idx = pd.Index(self.terms, dtype=object).get_indexer(
                        pd.Index(words, dtype=object)
                    )
                    vec = self.vector(label)
                    body = np.where(idx >= 0, vec[np.maximum(idx, 0)], 0)
                    if self.text == "raw":
                        body = np.maximum(body - used, 0)
                stop = resolve_stop_words("auto", [self.group_language(label)])
                for w, u, b in zip(words, used.tolist(), body.tolist(), strict=True):
                    if u >= TEMPLATE_RATIO * b and w.lower() not in stop:
                        out[w] = (u, b)
            self._cache[key] = out
        return self._cache[key]  # type: ignore[no-any-return]

    def word_reason_codes(
        self, words: Sequence[str], template_groups: Iterable[Any] = (), exclude: Iterable[str] = ()
    ) -> np.ndarray:
        """The reason code of each of ``words`` on its own (0: a content word), as
        :meth:`artifact_codes` gives it to a term.

        Examples
        --------
        >>> arts = pd.DataFrame({"article_id": ["1"], "outlet": ["Herald"], "text": ["Storm."]})
        >>> term_counts(arts, text="raw").word_reason_codes(["herald", "storm", "x"]).tolist()
        [4, 0, 2]
        """
        out = word_codes(list(words))
        lowered = pd.Series(list(words), dtype=object).str.lower()
        template = set().union(*(self.template_words(g) for g in template_groups))
        excl = {w.lower() if self.lower else w for w in exclude}
        for code, hit in (
            (REASON_CODE["outlet name"], lowered.isin(self.name_words.keys())),
            (REASON_CODE["domain"], lowered.isin(self.domain_words.keys())),
            (REASON_CODE["template"], pd.Series(list(words), dtype=object).isin(template)),
            (REASON_CODE["excluded"], pd.Series(list(words), dtype=object).isin(excl)),
        ):
            out[(out == 0) & hit.to_numpy(dtype=bool)] = code
        return out

    def artifact_codes(
        self, template_groups: Iterable[Any] = (), exclude: Iterable[str] = ()
    ) -> np.ndarray:
        """Reason code of every term (0: a content term; code ``i + 1`` is
        :data:`~toolkit.stats.keywords.content.ARTIFACT_REASONS` ``[i]``).

        Parameters
        ----------
        template_groups : iterable of group labels
            Groups whose template vocabulary (:meth:`template_words`) is left out.
        exclude : iterable of str
            Words left out as well (reason ``"excluded"``).

        Examples
        --------
        >>> arts = pd.DataFrame({"article_id": ["1"], "outlet": ["Herald"],
        ...                      "text": ["Herald: 4 storms on Monday, c harbour."]})
        >>> c = term_counts(arts, text="raw")
        >>> dict(zip(c.terms.tolist(), c.artifact_codes().tolist()))
        {'herald': 4, '4': 1, 'storms': 0, 'on': 0, 'monday': 3, 'c': 2, 'harbour': 0}
        """
        labels = tuple(template_groups)
        lowered = frozenset(w.lower() if self.lower else w for w in exclude)
        key = ("artifacts", labels, lowered)
        hit = self._cache.get(key)
        if hit is not None:
            return hit  # type: ignore[no-any-return]
        base_key: tuple[Any, ...] = ("artifacts", (), frozenset())
        base = self._cache.get(base_key)
        if base is None:
            base = self._terms_of_word_codes(self._base_word_codes)
            self._cache[base_key] = base
        if not labels and not lowered:
            return base
        _, _, words = self._term_words
        extra = np.zeros(len(words), dtype=np.int8)
        template = set().union(*(self.template_words(g) for g in labels)) if labels else set()
        if template:
            extra[pd.Series(words, dtype=object).isin(template).to_numpy()] = REASON_CODE[
                "template"
            ]
        if lowered:
            hit_excl = pd.Series(words, dtype=object).isin(lowered).to_numpy()
            extra[hit_excl & (extra == 0)] = REASON_CODE["excluded"]
        more = self._terms_of_word_codes(extra)
        out = np.where(base > 0, base, more).astype(np.int8)
        self._cache[key] = out
        return out

    @cached_property
    def term_scripts(self) -> np.ndarray:
        """Script of every term: 0 no letter, 1 Latin, 2 Cyrillic, 3 other or mixed."""
        s = pd.Series(self.terms, dtype=object)
        if s.empty:
            return np.zeros(0, dtype=np.int8)
        latin = s.str.contains(r"[A-Za-z\u00c0-\u024f]").to_numpy(dtype=bool)
        cyrillic = s.str.contains(r"[\u0400-\u04ff]").to_numpy(dtype=bool)
        letter = s.str.contains(r"[^\W\d_]").to_numpy(dtype=bool)
        out = np.where(letter, 3, 0).astype(np.int8)
        out[latin & ~cyrillic] = 1
        out[cyrillic & ~latin] = 2
        return out

    def stem_keys(self, language: str | None = "en") -> tuple[np.ndarray, np.ndarray]:
        """``(key, stems)``: the stem id of every term and the stems
        (:func:`~toolkit.stats.keywords.stems.stem_words`; an n-gram's stem is the stems
        of its words), with ``language`` for the words in Latin script.

        Examples
        --------
        >>> arts = pd.DataFrame({"article_id": ["1"], "outlet": ["A"],
        ...                      "text": ["Власти заявили, власть заявила."]})
        >>> key, stems = term_counts(arts, text="raw").stem_keys()
        >>> key.tolist(), stems.tolist()
        ([0, 1, 0, 1], ['власт', 'заяв'])
        """
        name = latin_stemmer(language)
        hit = self._cache.get(("stems", name))
        if hit is None:
            starts, codes, words = self._term_words
            stemmed = np.array(stem_words(words.tolist(), language), dtype=object)
            if self.ngram == (1,):
                joined = stemmed[codes] if len(codes) else np.zeros(0, dtype=object)
            else:
                pieces = pd.Series(stemmed[codes], dtype=object)
                owner = np.repeat(np.arange(len(self.terms)), np.diff(starts))
                joined = pieces.groupby(owner, sort=True).agg(" ".join).to_numpy(dtype=object)
            key, stems = pd.factorize(pd.Series(joined, dtype=object))
            hit = (np.asarray(key, dtype=np.int64), np.asarray(stems, dtype=object))
            self._cache[("stems", name)] = hit
        return hit  # type: ignore[no-any-return]

    # -- dispersion -----------------------------------------------------------------------

    @property
    def has_articles(self) -> bool:
        """Whether the counts of every article are held (``dispersion=True``)."""
        return self.article_table is not None and self.article_totals is not None

    @cached_property
    def _article_order(self) -> tuple[np.ndarray, np.ndarray]:
        """Rows of :attr:`article_table` ordered by group (stable) and where each starts."""
        assert self.article_table is not None and self.article_totals is not None
        group_of = self.article_totals["group"].to_numpy(dtype=np.int64)
        g = group_of[self.article_table["article"].to_numpy()]
        small = g.astype(np.int16) if len(self.groups) < 2**15 else g  # radix sort
        order = np.argsort(small, kind="stable")
        starts = np.searchsorted(g[order], np.arange(-1, len(self.groups) + 1))
        return order, starts[1:]

    def dispersion(
        self, label: Any, key: np.ndarray | None = None, n_keys: int | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Gries' DP of every term (or key) in one group, and its number of articles.

        ``DP = 0.5 * sum_i |v_i - s_i|`` over the group's articles ``i``, with ``s_i``
        the article's share of the group's word tokens and ``v_i`` its share of the
        term's occurrences in the group (Gries 2008): 0 when the term is spread over
        the articles in proportion to their sizes, near 1 when one small article holds
        it all. With the article's word tokens ``w_i``, the group's ``N`` and the term's
        count ``n_t``, the articles without the term add ``(N - W) / N`` (``W``: the words
        of those with it), the others ``|n_it N - w_i n_t| / (n_t N)``: integer sums,
        so the value does not depend on how the counts were split and merged.

        Parameters
        ----------
        label : group label
        key : numpy.ndarray of int, optional
            A key per term (a stem id, or ``-1`` for a term left out): the terms of one
            key count as one term. Default: every term on its own.
        n_keys : int, optional
            Number of keys (default ``key.max() + 1``).

        Returns
        -------
        (dp, n_articles) : numpy.ndarray, numpy.ndarray
            Over the terms (or keys): DP (NaN where the term does not occur in the group,
            or without :attr:`has_articles`) and the group's articles containing it.

        Examples
        --------
        Three articles of 2, 3 and 5 words; "rain" once in the first and the third:
        ``v = (.5, 0, .5)``, ``s = (.2, .3, .5)``, ``DP = 0.5 * (.3 + .3 + 0) = 0.3``.

        >>> arts = pd.DataFrame({"article_id": list("abc"), "outlet": ["A"] * 3,
        ...     "text": ["Rain sun.", "Sun sun sun.", "Rain sun sun sun sun."]})
        >>> c = term_counts(arts, text="raw")
        >>> dp, n_art = c.dispersion("A")
        >>> dict(zip(c.terms.tolist(), dp.round(4).tolist())), n_art.tolist()
        ({'rain': 0.3, 'sun': 0.075}, [2, 3])
        """
        g = self.group_position(label)
        size = (
            len(self.terms)
            if key is None
            else (int(n_keys) if n_keys is not None else int(key.max(initial=-1)) + 1)
        )
        if not self.has_articles:
            return np.full(size, np.nan), np.zeros(size, dtype=np.int64)
        assert self.article_table is not None and self.article_totals is not None
        order, starts = self._article_order
        rows = order[starts[g] : starts[g + 1]]
        art = self.article_table["article"].to_numpy()[rows].astype(np.int64)
        t = self.article_table["term"].to_numpy()[rows].astype(np.int64)
        n = self.article_table["n"].to_numpy()[rows].astype(np.int64)
        if key is not None:
            k = key[t]
            ok = k >= 0
            art, k, n = art[ok], k[ok], n[ok]
            codes, pairs = pd.factorize(art * max(size, 1) + k)
            pairs = np.asarray(pairs, dtype=np.int64)
            n = np.bincount(codes, weights=n, minlength=len(pairs)).astype(np.int64)
            art, t = pairs // max(size, 1), pairs % max(size, 1)
        words = self.article_totals["n_words"].to_numpy(dtype=np.int64)[art]
        total = float(self.n_words[g])
        n_t = np.bincount(t, weights=n, minlength=size)
        n_articles = np.bincount(t, minlength=size).astype(np.int64)
        # float64 sums of integers: exact below 2**53
        spread = np.bincount(t, weights=np.abs(n * total - words * n_t[t]), minlength=size)
        covered = np.bincount(t, weights=words, minlength=size)
        with np.errstate(divide="ignore", invalid="ignore"):
            dp = 0.5 * (spread / (n_t * total) + (total - covered) / total)
        dp = np.where((n_t > 0) & (total > 0), np.clip(dp, 0.0, 1.0), np.nan)
        return dp, n_articles


def group_codes_of(arts: pd.DataFrame, by: str | None) -> tuple[np.ndarray, np.ndarray]:
    """Each article's group code (-1 when its ``by`` value is missing) and the groups,
    sorted; ``by=None``: one group ``"all"``.

    Examples
    --------
    >>> arts = pd.DataFrame({"outlet": ["B", "A", None]})
    >>> codes, groups = group_codes_of(arts, "outlet")
    >>> codes.tolist(), groups.tolist()
    ([1, 0, -1], ['A', 'B'])
    """
    if by is None:
        labels = pd.Series(["all"] * len(arts), dtype=object)
    elif by not in arts.columns:
        raise ValueError(f"no column {by!r} in the articles table")
    else:
        labels = arts[by]
    codes, groups = pd.factorize(labels, sort=True)
    return np.asarray(codes, dtype=np.int64), np.asarray(groups, dtype=object)


def _group_totals(
    groups: Any,
    n_words: Any,
    n_docs: Any,
    languages: list[dict[str, int]],
    by: str | None,
    sites: tuple[list[tuple[str, ...]], list[tuple[str, ...]]] | None = None,
    template_terms: list[dict[str, int]] | None = None,
) -> pd.DataFrame:
    """The :attr:`KeywordCounts.group_totals` table."""
    n = len(languages)
    names, hosts = sites if sites is not None else ([()] * n, [()] * n)
    column = partial(pd.Series, dtype=object, index=range(n))
    frame = pd.DataFrame(
        {
            "n_words": np.asarray(n_words, dtype=np.int64),
            "n_docs": np.asarray(n_docs, dtype=np.int64),
            "languages": pd.array(languages, dtype=object),
            "names": column(list(names)).to_numpy(),
            "hosts": column(list(hosts)).to_numpy(),
            "template_terms": column(template_terms or [{} for _ in range(n)]).to_numpy(),
        },
        index=pd.Index(groups, dtype=object, name=by if by is not None else "corpus"),
    )
    return frame


def _with_site_columns(totals: pd.DataFrame) -> pd.DataFrame:
    """``totals`` with the ``names, hosts, template_terms`` columns (empty if missing)."""
    missing = [c for c in ("names", "hosts", "template_terms") if c not in totals.columns]
    if not missing:
        return totals
    out = totals.copy()
    for c in missing:
        out[c] = pd.Series(
            [{} if c == "template_terms" else () for _ in range(len(out))],
            index=out.index,
            dtype=object,
        )
    return out


def group_sites(
    arts: pd.DataFrame, codes: np.ndarray, n_groups: int
) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """The outlet names and the URL host names of each group's articles (sorted tuples).

    Examples
    --------
    >>> arts = pd.DataFrame({"outlet": ["B", "A", "A"],
    ...                      "url": ["https://b.example/1", None, "http://www.a.example/x"]})
    >>> group_sites(arts, np.array([1, 0, 0]), 2)
    ([('A',), ('B',)], [('a.example',), ('b.example',)])
    """

    def collect(values: pd.Series) -> list[tuple[str, ...]]:
        out: list[tuple[str, ...]] = [() for _ in range(n_groups)]
        frame = pd.DataFrame({"g": codes, "v": values.to_numpy(dtype=object)})
        frame = frame[(frame["g"] >= 0) & frame["v"].notna()].drop_duplicates()
        g_col = frame["g"].to_numpy(dtype=np.int64)
        v_col = frame["v"].to_numpy(dtype=object)
        for g, v in zip(g_col.tolist(), v_col.tolist(), strict=True):
            out[g] = (*out[g], str(v))
        out = [tuple(sorted(vals)) for vals in out]
        return out

    empty: list[tuple[str, ...]] = [() for _ in range(n_groups)]
    names = collect(arts["outlet"]) if "outlet" in arts.columns else list(empty)
    hosts = collect(hosts_of(arts["url"])) if "url" in arts.columns else list(empty)
    return names, hosts


def _template_detector(arts: pd.DataFrame, text: str, templates: Any) -> Any:
    """The fitted boilerplate detector whose template lines give the template
    vocabulary (see :func:`term_counts`), or None."""
    if templates is None or templates is False:
        return None
    if isinstance(templates, str):
        if templates != "auto":
            raise ValueError(f'templates must be "auto", a bool or a detector, not {templates!r}')
        if text != "clean":
            return None
        templates = True
    if templates is True:
        if not len(arts):
            return None
        from toolkit.stats.boilerplate import BoilerplateDetector
        from toolkit.stats.summary import BATCH_CHARS, batch_bounds

        bounds = batch_bounds(arts, BATCH_CHARS)  # as label_lines fits it, batch by batch
        return BoilerplateDetector().fit_batches([arts.iloc[a:b] for a, b in bounds])
    return templates if hasattr(templates, "template_lines_") else None


def template_terms_of(detector: Any, groups: Any, *, lower: bool = True) -> list[dict[str, int]]:
    """The words of each outlet's template lines (of a fitted
    :class:`~toolkit.stats.boilerplate.BoilerplateDetector`), each with its number of
    uses there: the sum over the lines of (articles with the line) x (uses in the line).

    Examples
    --------
    >>> from toolkit.stats.boilerplate import BoilerplateDetector
    >>> arts = pd.DataFrame({"article_id": list("abc"), "outlet": ["X"] * 3,
    ...     "text": ["Menu\\nSign in\\nA story.", "Menu\\nSign in\\nB story.", "Menu\\nC."]})
    >>> det = BoilerplateDetector(min_template_articles=2).fit(arts)
    >>> template_terms_of(det, ["X", "Y"])
    [{'in': 2, 'menu': 3, 'sign': 2}, {}]
    """
    labels = [str(g) for g in np.asarray(groups, dtype=object).tolist()]
    out: list[dict[str, int]] = [{} for _ in labels]
    lines = getattr(detector, "template_lines_", None)
    if lines is None or lines.empty:
        return out
    frame = pd.DataFrame(
        {
            "outlet": lines["outlet"].astype(str).to_numpy(dtype=object),
            "n": lines["n_articles"].to_numpy(dtype=np.int64),
            "tok": tokenize_series(lines["text"].astype(str), lower=lower).to_numpy(),
        }
    ).explode("tok")
    frame = frame[frame["tok"].notna()]
    sums = frame.groupby(["outlet", "tok"], sort=True)["n"].sum()
    pos = {label: i for i, label in enumerate(labels)}
    for (outlet, tok), n in zip(sums.index.tolist(), sums.tolist(), strict=True):
        if outlet in pos:
            out[pos[outlet]][str(tok)] = int(n)
    return out


@singledispatch
def term_counts(
    data: Any,
    *,
    by: str | None = "outlet",
    ngram: int | tuple[int, int] = 1,
    text: Literal["clean", "raw"] = "clean",
    lower: bool = True,
    dispersion: bool = True,
    templates: Any = True,
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
    dispersion : bool, default True
        Also keep the counts of every article (:attr:`KeywordCounts.article_table`,
        12 bytes per article and term), which the dispersion (``dp``) and the article
        counts of stems need. ``False`` keeps the group counts only.
    templates : bool, "auto" or BoilerplateDetector, default True
        Learn each outlet's template vocabulary (the words of its template lines, see
        :mod:`~toolkit.stats.keywords.content`) from a
        :class:`~toolkit.stats.boilerplate.BoilerplateDetector`: ``True`` fits the
        default detector on the articles' raw text (as
        :func:`~toolkit.stats.summary.label_lines` does; it costs about as much as the
        counting), ``"auto"`` does so for the clean text only, ``False`` never; a fitted
        detector is used as it is (the Dask engine passes the one it fitted on the
        whole corpus). Only with ``by="outlet"``.

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
    arts, texts = keyword_texts(data, text, compact=True)
    group_codes, groups = group_codes_of(arts, by)
    table, n_words, terms, per_article, article_words = _count_groups(
        texts, group_codes, len(groups), sizes, lower, articles=dispersion
    )
    n_docs = np.bincount(group_codes[group_codes >= 0], minlength=len(groups))
    languages = group_languages(arts, group_codes, len(groups))
    detector = _template_detector(arts, text, templates) if by == "outlet" else None
    learned = template_terms_of(detector, groups, lower=lower) if detector is not None else None
    totals = _group_totals(
        groups, n_words, n_docs, languages, by, group_sites(arts, group_codes, len(groups)), learned
    )
    return KeywordCounts(
        by=by,
        ngram=sizes,
        text=text,
        lower=lower,
        table=table,
        group_totals=totals,
        term_table=terms,
        article_table=per_article,
        article_totals=(
            _article_totals(group_codes, article_words) if per_article is not None else None
        ),
    )


def _article_totals(group: np.ndarray, n_words: np.ndarray) -> pd.DataFrame:
    """The :attr:`KeywordCounts.article_totals` table."""
    return pd.DataFrame(
        {"group": np.asarray(group, dtype=np.int64), "n_words": np.asarray(n_words, np.int64)}
    )


def merge_counts(parts: Sequence[KeywordCounts]) -> KeywordCounts:
    """Sum term counts made on disjoint sets of articles into one :class:`KeywordCounts`.

    Occurrences, article counts, word tokens and articles of each (group, term) are
    added by the same summation that adds up the chunks of one :func:`term_counts`
    pass; groups come out sorted as :func:`term_counts` sorts them, so every table read
    from the sum equals the one of a single pass over all the articles. The Dask engine
    (:func:`toolkit.scale.merge_term_counts`) sums its partitions with it.

    Parameters
    ----------
    parts : sequence of KeywordCounts
        At least one; the same ``by``, ``ngram``, ``text`` and ``lower``; no article in
        two parts.

    Returns
    -------
    KeywordCounts
        Terms in order of first sighting over the parts (the order of :attr:`terms`
        is not part of the result: tables sort terms by count, then alphabetically).

    Raises
    ------
    ValueError
        If ``parts`` is empty or the parts were counted with different settings.

    Examples
    --------
    >>> a = pd.DataFrame({"article_id": ["1"], "outlet": ["A"], "text": ["Rain and wind."]})
    >>> b = pd.DataFrame({"article_id": ["2"], "outlet": ["A"], "text": ["Rain again."]})
    >>> merged = merge_counts([term_counts(a, text="raw"), term_counts(b, text="raw")])
    >>> keyword_frequencies(merged)[["term", "n", "n_articles"]].values.tolist()
    [['rain', 2, 2], ['wind', 1, 1]]
    >>> merged.n_words.tolist(), merged.n_docs.tolist()
    ([5], [2])
    """
    parts = list(parts)
    if not parts:
        raise ValueError("nothing to merge")
    base = parts[0]
    settings = (base.by, base.ngram, base.text, base.lower)
    if any((p.by, p.ngram, p.text, p.lower) != settings for p in parts[1:]):
        raise ValueError("term counts made with different settings cannot be merged")
    if len(parts) == 1:
        return base
    totals = pd.concat([p.group_totals[["n_words", "n_docs"]] for p in parts])
    summed = totals.groupby(level=0, sort=True).sum()
    groups = pd.Index(summed.index, dtype=object)
    tallies: dict[Any, Counter[str]] = {g: Counter() for g in groups}
    for p in parts:
        for label, tally in zip(p.groups.tolist(), p.languages, strict=True):
            tallies[label].update(tally)
    languages = [dict(sorted(tallies[g].items())) for g in groups]
    names, hosts, learned = _merged_sites(parts, groups)
    terms = pd.Index(pd.unique(np.concatenate([p.terms for p in parts])), dtype=object)
    first = np.zeros(len(terms), dtype=np.int64)
    last = np.zeros(len(terms), dtype=np.int64)
    tables: list[_Entries] = []
    per_article: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    article_groups: list[np.ndarray] = []
    article_words: list[np.ndarray] = []
    with_articles = all(p.has_articles for p in parts)
    offset = 0
    for p in parts:
        term_of = terms.get_indexer(pd.Index(p.terms, dtype=object))
        first[term_of], last[term_of] = term_of[p.first], term_of[p.last]
        group_of = groups.get_indexer(pd.Index(p.groups, dtype=object))
        tables.append((group_of[p.group_idx], term_of[p.term_idx], p.n, p.n_articles))
        if with_articles:
            assert p.article_table is not None and p.article_totals is not None
            own = p.article_totals["group"].to_numpy(dtype=np.int64)
            article_groups.append(np.where(own >= 0, group_of[np.maximum(own, 0)], -1))
            article_words.append(p.article_totals["n_words"].to_numpy(dtype=np.int64))
            a = p.article_table
            per_article.append(
                (
                    (a["article"].to_numpy(dtype=np.int64) + offset).astype(np.int32),
                    term_of[a["term"].to_numpy()].astype(np.int32),
                    a["n"].to_numpy(dtype=np.int32),
                )
            )
            offset += len(own)
    return KeywordCounts(
        by=base.by,
        ngram=base.ngram,
        text=base.text,
        lower=base.lower,
        table=_entries(*_sum_entries(tables, max(len(terms), 1), sort=True)),
        group_totals=_group_totals(
            groups, summed["n_words"], summed["n_docs"], languages, base.by, (names, hosts), learned
        ),
        term_table=pd.DataFrame({"term": pd.Series(terms), "first": first, "last": last}),
        article_table=_article_entries(per_article) if with_articles else None,
        article_totals=(
            _article_totals(np.concatenate(article_groups), np.concatenate(article_words))
            if with_articles
            else None
        ),
    )


def _merged_sites(
    parts: Sequence[KeywordCounts], groups: pd.Index
) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]], list[dict[str, int]]]:
    """Names and hosts (unions) and template vocabularies (largest use of each word:
    every part learned it from the same detector) of each merged group."""
    pos = {g: i for i, g in enumerate(groups.tolist())}
    names: list[set[str]] = [set() for _ in groups]
    hosts: list[set[str]] = [set() for _ in groups]
    learned: list[dict[str, int]] = [{} for _ in groups]
    for p in parts:
        for label, n, h, t in zip(
            p.groups.tolist(), p.names, p.hosts, p.template_terms, strict=True
        ):
            i = pos[label]
            names[i].update(n)
            hosts[i].update(h)
            for word, uses in t.items():
                learned[i][word] = max(learned[i].get(word, 0), uses)
    return (
        [tuple(sorted(x)) for x in names],
        [tuple(sorted(x)) for x in hosts],
        [dict(sorted(x.items())) for x in learned],
    )


def ensure_counts(
    data: Any,
    *,
    by: str | None,
    ngram: Any,
    text: str,
    lower: bool,
    dispersion: bool = True,
    templates: Any = True,
) -> KeywordCounts:
    """``data`` if it is a :class:`KeywordCounts`, else :func:`term_counts` of it.

    Parameters
    ----------
    data : Corpus, pandas.DataFrame or KeywordCounts
    by, ngram, text, lower, dispersion, templates
        As in :func:`term_counts` (not used for counts).

    Returns
    -------
    KeywordCounts

    Examples
    --------
    >>> arts = pd.DataFrame({"article_id": ["1"], "outlet": ["A"], "text": ["Rain."]})
    >>> c = ensure_counts(arts, by="outlet", ngram=1, text="raw", lower=True)
    >>> ensure_counts(c, by=None, ngram=2, text="clean", lower=False) is c
    True
    """
    if isinstance(data, KeywordCounts):
        return data
    return term_counts(
        data,
        by=by,
        ngram=ngram,
        text=text,  # type: ignore[arg-type]
        lower=lower,
        dispersion=dispersion,
        templates=templates,
    )


# --------------------------------------------------------------------------- frequencies


def _entry_stop_mask(
    counts: KeywordCounts, stop_words: Any, g: np.ndarray, t: np.ndarray
) -> np.ndarray:
    """Per (group, term) entry: whether the term is a stop word of its group's language
    (a German outlet loses "und", an English one keeps "war")."""
    main = [counts.group_language(label) for label in counts.groups.tolist()]
    out = np.zeros(len(t), dtype=bool)
    for language in set(main):
        labels = [
            label for label, m in zip(counts.groups.tolist(), main, strict=True) if m == language
        ]
        mine = np.isin(g, [counts.group_position(label) for label in labels])
        out[mine] = counts.stop_mask(stop_words, labels)[t[mine]]
    return out


def entry_artifact_mask(
    counts: KeywordCounts, g: np.ndarray, t: np.ndarray, exclude: Iterable[str] = ()
) -> np.ndarray:
    """Per (group, term) entry: whether the term is left out as an artifact of its group
    (:meth:`KeywordCounts.artifact_codes`, with the group's own template vocabulary).

    Examples
    --------
    >>> arts = pd.DataFrame({"article_id": ["1"], "outlet": ["Herald"],
    ...                      "text": ["Herald storm 2024."]})
    >>> c = term_counts(arts, text="raw")
    >>> entry_artifact_mask(c, c.group_idx, c.term_idx).tolist()
    [True, False, True]
    """
    exclude = tuple(exclude)
    out = counts.artifact_codes((), exclude)[t] > 0
    for pos, tally in enumerate(counts.template_terms):
        if not tally:
            continue
        mine = g == pos
        codes = counts.artifact_codes([counts.groups[pos]], exclude)
        out[mine] |= codes[t[mine]] > 0
    return out


def surface_forms(key: np.ndarray, weight: np.ndarray, rank: np.ndarray, n_keys: int) -> np.ndarray:
    """For each key (stem), the term shown for it: the one of largest ``weight`` (ties:
    alphabetical ``rank``); ``-1`` for a key without a term of positive weight.

    Examples
    --------
    >>> surface_forms(np.array([0, 0, 1, -1]), np.array([2, 5, 1, 9]), np.arange(4), 2).tolist()
    [1, 2]
    """
    out = np.full(n_keys, -1, dtype=np.int64)
    cand = np.flatnonzero((key >= 0) & (weight > 0))
    if not len(cand):
        return out
    order = cand[np.lexsort((rank[cand], -weight[cand], key[cand]))]
    k = key[order]
    first = np.concatenate([[True], k[1:] != k[:-1]])
    out[k[first]] = order[first]
    return out


def stem_article_counts(
    counts: KeywordCounts, key_of_entry: np.ndarray, n_keys: int
) -> np.ndarray | None:
    """Articles of each (group, key) pair: ``key_of_entry`` gives the key of every
    (group, term) entry of :attr:`KeywordCounts.table` (``-1``: left out). Returns an
    array over ``group * n_keys + key``, or None without :attr:`KeywordCounts.has_articles`.
    """
    if not counts.has_articles:
        return None
    assert counts.article_table is not None and counts.article_totals is not None
    v = max(len(counts.terms), 1)
    entry_key = np.full(len(counts.groups) * v, -1, dtype=np.int64)
    entry_key[counts.group_idx * v + counts.term_idx] = key_of_entry
    art = counts.article_table["article"].to_numpy().astype(np.int64)
    group_of = counts.article_totals["group"].to_numpy(dtype=np.int64)
    grp = group_of[art]
    ok = grp >= 0
    k = np.full(len(art), -1, dtype=np.int64)
    k[ok] = entry_key[grp[ok] * v + counts.article_table["term"].to_numpy()[ok]]
    ok &= k >= 0
    pairs = np.unique(art[ok] * max(n_keys, 1) + k[ok])
    gk = group_of[pairs // max(n_keys, 1)] * n_keys + pairs % max(n_keys, 1)
    return np.bincount(gk, minlength=len(counts.groups) * n_keys).astype(np.int64)


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
    keep_artifacts: bool = False,
    exclude: Iterable[str] = (),
    stem: bool = False,
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
        English and Russian lists of :func:`stopwords` plus, for each group, the list of
        the language of most of its articles (the ``language`` column of a loaded
        corpus); ``None``: keep everything.
    min_count : int, default 1
        Keep terms with at least this many occurrences in the group.
    top : int, optional
        Keep the ``top`` most frequent terms of each group (``None``: all).
    lower : bool, default True
        Lower-case tokens.
    keep_artifacts : bool, default False
        The switch to see everything: by default terms with a word that is a number, a
        date, shorter than two letters, a word of an outlet's name or domain, or of the
        group's template vocabulary are left out (see
        :mod:`~toolkit.stats.keywords.content` and :func:`excluded_terms`).
    exclude : iterable of str, default ()
        More words to leave out (with ``keep_artifacts=False``).
    stem : bool, default False
        Count the forms of a word as one term (:mod:`~toolkit.stats.keywords.stems`):
        ``term`` is then the most frequent form, and a ``stem`` column is added.

    Returns
    -------
    pandas.DataFrame
        Columns ``<by>`` (named after ``by``; ``"corpus"`` with value ``"all"`` when
        ``by`` is None), ``term, n, n_articles, per_10k_words``: occurrences, number of
        the group's articles containing the term, and ``n`` per 10,000 word tokens of
        the group (all tokens, stop words included); ``stem`` with ``stem=True``. Groups
        in sorted order, then ``n`` descending, then term.

    Examples
    --------
    >>> arts = pd.DataFrame({"article_id": ["1", "2", "3"], "outlet": ["A", "A", "B"],
    ...     "text": ["Floods hit the valley.", "The floods receded.", "Subscribe now"]})
    >>> keyword_frequencies(arts, text="raw").head(3)
      outlet    term  n  n_articles  per_10k_words
    0      A  floods  2           2    2857.142857
    1      A     hit  1           1    1428.571429
    2      A receded  1           1    1428.571429
    >>> ru = pd.DataFrame({"article_id": ["1", "2"], "outlet": ["R", "R"],
    ...                    "text": ["Министр заявил 4 марта.", "Она заявила."]})
    >>> keyword_frequencies(ru, text="raw", stem=True)[["term", "n", "n_articles", "stem"]]
          term  n  n_articles     stem
    0   заявил  2           2     заяв
    1  министр  1           1  министр
    """
    counts = ensure_counts(
        data,
        by=by,
        ngram=ngram,
        text=text,
        lower=lower,
        dispersion=stem,
        templates=not keep_artifacts,
    )
    g, t, n = counts.group_idx, counts.term_idx, counts.n
    dropped = _entry_stop_mask(counts, stop_words, g, t)
    if not keep_artifacts:
        dropped |= entry_artifact_mask(counts, g, t, exclude)
    if stem:
        return _stem_frequencies(counts, dropped, min_count, top)
    kept = np.flatnonzero(~dropped & (n >= min_count))
    order = np.lexsort((counts.term_rank()[t[kept]], -n[kept], g[kept]))
    rows = counts.table.iloc[kept[order]]
    if top is not None:
        rows = rows.groupby("group", sort=False).head(top)
    g, n = rows["group"].to_numpy(), rows["n"].to_numpy()
    return _frequency_frame(
        counts, g, counts.terms[rows["term"].to_numpy()], n, rows["n_articles"].to_numpy()
    )


def _frequency_frame(
    counts: KeywordCounts, g: np.ndarray, terms: np.ndarray, n: np.ndarray, n_articles: np.ndarray
) -> pd.DataFrame:
    words = counts.n_words[g].astype("float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        per_10k = np.where(words > 0, n / words * 10_000.0, np.nan)
    return pd.DataFrame(
        {
            counts.group_column: pd.Series(counts.groups[g], dtype=object),
            "term": pd.Series(terms, dtype=object),
            "n": np.asarray(n, dtype=np.int64),
            "n_articles": np.asarray(n_articles, dtype=np.int64),
            "per_10k_words": per_10k,
        }
    )


def _stem_frequencies(
    counts: KeywordCounts, dropped: np.ndarray, min_count: int, top: int | None
) -> pd.DataFrame:
    """:func:`keyword_frequencies` with the forms of a word counted as one term."""
    g, t, n = counts.group_idx, counts.term_idx, counts.n
    main = [counts.group_language(label) for label in counts.groups.tolist()]
    common = main_language(dict(Counter(x for x in main if x)))
    key_all, stems = counts.stem_keys(common or "en")
    k_n = len(stems)
    entry_key = np.where(dropped, -1, key_all[t])
    ok = entry_key >= 0
    gk = g[ok] * k_n + entry_key[ok]
    codes, pairs = pd.factorize(gk, sort=True)
    pairs = np.asarray(pairs, dtype=np.int64)
    n_sum = np.bincount(codes, weights=n[ok], minlength=len(pairs)).astype(np.int64)
    by_articles = stem_article_counts(counts, entry_key, k_n)
    if by_articles is not None:
        n_art = by_articles[pairs]
    else:  # an upper bound: an article with two forms counts twice, capped
        summed = np.bincount(codes, weights=counts.n_articles[ok], minlength=len(pairs))
        n_art = np.minimum(summed.astype(np.int64), counts.n_docs[pairs // max(k_n, 1)])
    weight = np.bincount(t[ok], weights=n[ok], minlength=len(counts.terms))
    shown = surface_forms(key_all, weight, counts.term_rank(), k_n)
    pg, pk = pairs // max(k_n, 1), pairs % max(k_n, 1)
    terms = counts.terms[shown[pk]] if len(pk) else np.zeros(0, dtype=object)
    frame = pd.DataFrame({"g": pg, "k": pk, "n": n_sum, "a": n_art, "term": terms})
    frame["rank"] = counts.term_rank()[shown[pk]] if len(pk) else np.zeros(0, dtype=np.int64)
    frame = frame[frame["n"] >= min_count].sort_values(
        ["g", "n", "rank"], ascending=[True, False, True]
    )
    if top is not None:
        frame = frame.groupby("g", sort=False).head(top)
    out = _frequency_frame(
        counts,
        frame["g"].to_numpy(),
        frame["term"].to_numpy(dtype=object),
        frame["n"].to_numpy(),
        frame["a"].to_numpy(),
    )
    out["stem"] = pd.Series(stems[frame["k"].to_numpy()], dtype=object)
    return out
