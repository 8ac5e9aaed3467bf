"""Context: a term in its text, the words it goes with, and its course over time.

* :func:`concordance`: key word in context;
* :func:`collocations`: word pairs scored by nltk (PMI, likelihood ratio);
* :func:`keyword_trends`: relative frequency of terms per period and outlet.

Examples
--------
>>> import pandas as pd
>>> arts = pd.DataFrame({"article_id": ["1"], "outlet": ["A"], "text": ["Storm, then calm."]})
>>> concordance(arts, "storm", width=5, text="raw")[["left", "match", "right"]].values.tolist()
[['', 'Storm', ', the']]
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import Any, Literal

import numpy as np
import pandas as pd

from toolkit.stats.keywords.counts import count_documents, group_codes_of
from toolkit.stats.keywords.tokens import (
    BOUNDARY,
    Vocab,
    group_languages,
    keyword_texts,
    main_language,
    resolve_stop_words,
    term_regex,
    token_chunks,
    tokenize,
)

__all__ = ["collocations", "concordance", "keyword_trends"]


# --------------------------------------------------------------------------- concordance

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
    pattern = term_regex(term, regex=regex, case_sensitive=case_sensitive)
    arts, texts = keyword_texts(data, text)
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
) -> tuple[Vocab, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Word and window-pair counts per group.

    Returns ``vocab, word_g, word_t, word_n, pair_keys (g, w1, w2 columns), pair_n``.
    """
    vocab = Vocab()
    word_parts: list[tuple[np.ndarray, np.ndarray]] = []
    pair_parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for offset, _n_docs, tok, doc in token_chunks(texts, vocab, lower, boundaries=True):
        if not len(tok):
            continue
        g = group_codes[doc + offset]
        words = (tok >= 0) & (g >= 0)
        word_parts.append((g[words], tok[words]))
        bound = np.concatenate([[0], np.cumsum(tok == BOUNDARY)])
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

    arts, texts = keyword_texts(data, text)
    col = by if by is not None else None
    group_codes, groups = group_codes_of(arts, by)
    vocab, word_g, word_t, word_n, pairs, pair_n = _pair_counts(texts, group_codes, window, lower)
    terms = np.array(vocab.terms, dtype=object)
    tallies = group_languages(arts, group_codes, len(groups))
    lowered = pd.Series(terms, dtype=object).str.lower()
    frames = []
    for gi, label in enumerate(np.asarray(groups, dtype=object).tolist()):
        sw = resolve_stop_words(stop_words, [main_language(tallies[gi])])
        is_stop = lowered.isin(sw).to_numpy() if len(terms) else np.zeros(0, dtype=bool)
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
    arts, texts = keyword_texts(data, text)
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
    counted = count_documents(texts, sizes, lower, terms=keys)
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
