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
from functools import cached_property, singledispatch
from typing import Any, Literal

import numpy as np
import pandas as pd

from toolkit.stats.keywords.tokens import (
    Vocab,
    group_languages,
    keyword_texts,
    main_language,
    resolve_stop_words,
    token_chunks,
)

__all__ = [
    "MERGE_ENTRIES",
    "DocTerms",
    "KeywordCounts",
    "count_documents",
    "ensure_counts",
    "keyword_frequencies",
    "merge_counts",
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


def count_documents(texts: pd.Series, ngrams: tuple[int, ...], lower: bool) -> DocTerms:
    """Term counts of every document (what :func:`keyword_trends` needs per article).

    Parameters
    ----------
    texts : pandas.Series
        One text per document (positions are the document numbers).
    ngrams : tuple of int
        The n-gram sizes to count.
    lower : bool
        Lower-case tokens.

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
    """
    vocab = Vocab()
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
    return DocTerms(
        doc=np.concatenate(docs) if docs else empty,
        term=np.concatenate(terms) if terms else empty,
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
) -> tuple[pd.DataFrame, np.ndarray, pd.DataFrame]:
    """Term counts per group, summed chunk by chunk of texts: ``(entries, n_words, terms)``.

    Each chunk's (document, term) counts are reduced to (group, term) occurrences and
    article counts at once, so memory holds the counts of the groups (and one chunk),
    never those of every article. ``group_codes`` gives each text's group (``-1``:
    left out). The numbers do not depend on ``chunk_chars`` (default
    :data:`CHUNK_CHARS`) or ``merge_entries`` (default :data:`MERGE_ENTRIES`).
    """
    merge_entries = MERGE_ENTRIES if merge_entries is None else merge_entries
    vocab = Vocab()
    n_words = np.zeros(n_groups, dtype=np.int64)
    merged: list[_Entries] = []
    parts: list[_Entries] = []
    n_merged = n_pending = 0
    for offset, n_tok, d, t, n in _doc_term_chunks(texts, vocab, ngrams, lower, chunk_chars):
        g_doc = group_codes[offset : offset + len(n_tok)]
        valid = g_doc >= 0
        n_words += np.bincount(g_doc[valid], weights=n_tok[valid], minlength=n_groups).astype(
            np.int64
        )
        g = g_doc[d]
        keep = g >= 0
        # a (document, term) pair is one article of that term's group
        chunk = (g[keep], t[keep], n[keep], np.ones(int(keep.sum()), dtype=np.int64))
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
        terms = terms.iloc[order].reset_index(drop=True)
        terms["first"], terms["last"] = rank[terms["first"]], rank[terms["last"]]
    entries = _sum_entries(everything, max(len(vocab), 1), sort=True)
    return _entries(*entries), n_words, terms


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
      removal), ``n_docs``, its number of articles, and ``languages``, its articles per
      language;
    * :attr:`term_table`, one row per term: ``term`` and ``first`` / ``last``, the
      positions of its first and last word (for the stop-word test of n-grams).

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
    >>> counts.group_totals
            n_words  n_docs languages
    outlet
    A             4       1        {}
    B             1       1        {}
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
    ) -> None:
        self.by = by
        self.ngram = ngram
        self.text = text
        self.lower = lower
        self.table = table
        self.group_totals = group_totals
        self.term_table = term_table
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
    groups: Any, n_words: Any, n_docs: Any, languages: list[dict[str, int]], by: str | None
) -> pd.DataFrame:
    """The :attr:`KeywordCounts.group_totals` table."""
    return pd.DataFrame(
        {
            "n_words": np.asarray(n_words, dtype=np.int64),
            "n_docs": np.asarray(n_docs, dtype=np.int64),
            "languages": pd.array(languages, dtype=object),
        },
        index=pd.Index(groups, dtype=object, name=by if by is not None else "corpus"),
    )


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
    arts, texts = keyword_texts(data, text, compact=True)
    group_codes, groups = group_codes_of(arts, by)
    table, n_words, terms = _count_groups(texts, group_codes, len(groups), sizes, lower)
    n_docs = np.bincount(group_codes[group_codes >= 0], minlength=len(groups))
    languages = group_languages(arts, group_codes, len(groups))
    return KeywordCounts(
        by=by,
        ngram=sizes,
        text=text,
        lower=lower,
        table=table,
        group_totals=_group_totals(groups, n_words, n_docs, languages, by),
        term_table=terms,
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
    terms = pd.Index(pd.unique(np.concatenate([p.terms for p in parts])), dtype=object)
    first = np.zeros(len(terms), dtype=np.int64)
    last = np.zeros(len(terms), dtype=np.int64)
    tables: list[_Entries] = []
    for p in parts:
        term_of = terms.get_indexer(pd.Index(p.terms, dtype=object))
        first[term_of], last[term_of] = term_of[p.first], term_of[p.last]
        group_of = groups.get_indexer(pd.Index(p.groups, dtype=object))
        tables.append((group_of[p.group_idx], term_of[p.term_idx], p.n, p.n_articles))
    return KeywordCounts(
        by=base.by,
        ngram=base.ngram,
        text=base.text,
        lower=base.lower,
        table=_entries(*_sum_entries(tables, max(len(terms), 1), sort=True)),
        group_totals=_group_totals(groups, summed["n_words"], summed["n_docs"], languages, base.by),
        term_table=pd.DataFrame({"term": pd.Series(terms), "first": first, "last": last}),
    )


def ensure_counts(
    data: Any, *, by: str | None, ngram: Any, text: str, lower: bool
) -> KeywordCounts:
    """``data`` if it is a :class:`KeywordCounts`, else :func:`term_counts` of it.

    Parameters
    ----------
    data : Corpus, pandas.DataFrame or KeywordCounts
    by, ngram, text, lower
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
    return term_counts(data, by=by, ngram=ngram, text=text, lower=lower)  # type: ignore[arg-type]


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
        English and Russian lists of :func:`stopwords` plus, for each group, the list of
        the language of most of its articles (the ``language`` column of a loaded
        corpus); ``None``: keep everything.
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
    counts = ensure_counts(data, by=by, ngram=ngram, text=text, lower=lower)
    g, t, n = counts.group_idx, counts.term_idx, counts.n
    kept = np.flatnonzero(~_entry_stop_mask(counts, stop_words, g, t) & (n >= min_count))
    order = np.lexsort((counts.term_rank()[t[kept]], -n[kept], g[kept]))
    rows = counts.table.iloc[kept[order]]
    if top is not None:
        rows = rows.groupby("group", sort=False).head(top)
    g, n = rows["group"].to_numpy(), rows["n"].to_numpy()
    words = counts.n_words[g].astype("float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        per_10k = np.where(words > 0, n / words * 10_000.0, np.nan)
    return pd.DataFrame(
        {
            counts.group_column: pd.Series(counts.groups[g], dtype=object),
            "term": pd.Series(counts.terms[rows["term"].to_numpy()], dtype=object),
            "n": n,
            "n_articles": rows["n_articles"].to_numpy(),
            "per_10k_words": per_10k,
        }
    )
