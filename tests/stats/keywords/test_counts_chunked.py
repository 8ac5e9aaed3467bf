"""Keyword counting chunk by chunk gives the numbers of counting everything at once."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

import numpy as np
import pandas as pd
import pytest

from toolkit.schema import as_articles
from toolkit.stats.keywords import (
    KeywordCounts,
    keyness_table,
    keyword_frequencies,
    term_counts,
    tokenize,
    tokens,
)
from toolkit.stats.keywords import counts as counting

_FIELDS = (
    "groups",
    "terms",
    "first",
    "last",
    "indptr",
    "term_idx",
    "n",
    "n_articles",
    "n_words",
    "n_docs",
    "total_n",
)

_WORDS = (
    "storm harbour wheat prices minister prime the of and river флот порт цены "
    "министр don't cease-fire 1,200 U.S. Lavrov's"
).split()


def _corpus(n: int = 60, seed: int = 0) -> pd.DataFrame:
    """Articles of a few outlets; some empty, some of one word, some long."""
    rng = np.random.default_rng(seed)
    texts = []
    for i in range(n):
        size = [0, 1, 5, 40, 200][i % 5]
        words = rng.choice(_WORDS, size=size).tolist()
        # sentence marks and line breaks, which n-grams never cross
        texts.append(" ".join(w + (". " if j % 7 == 6 else "") for j, w in enumerate(words)))
        if i % 9 == 0:
            texts[-1] = texts[-1].replace(" ", "\n", 3)
    outlets = [["Herald", "Courier", "Вестник", None][i % 4] for i in range(n)]
    return pd.DataFrame(
        {"article_id": [f"a{i}" for i in range(n)], "outlet": outlets, "text": texts}
    )


def _article_rows(c: KeywordCounts) -> list[tuple[int, str, int]]:
    """The per-article counts as sorted (article, term string, n) triples."""
    assert c.article_table is not None
    a = c.article_table
    return sorted(
        zip(a["article"].tolist(), c.terms[a["term"].to_numpy()].tolist(), a["n"].tolist(),
            strict=True)
    )  # fmt: skip


def _assert_same_counts(a: KeywordCounts, b: KeywordCounts) -> None:
    for name in _FIELDS:
        x, y = getattr(a, name), getattr(b, name)
        assert x.dtype == y.dtype, name
        np.testing.assert_array_equal(x, y, err_msg=name)
    assert _article_rows(a) == _article_rows(b)
    pd.testing.assert_frame_equal(a.article_totals, b.article_totals)


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of a few texts, blocks of seven texts, a merge after every chunk."""
    monkeypatch.setattr(tokens, "CHUNK_CHARS", 300)
    monkeypatch.setattr(counting, "MERGE_ENTRIES", 1)
    monkeypatch.setattr(tokens, "BLOCK_DOCS", 7)


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"ngram": 2},
        {"ngram": (1, 3)},
        {"by": None},
        {"by": "article_id", "ngram": (1, 2)},
        {"lower": False},
    ],
)
def test_chunked_counts_equal_one_chunk_per_block(
    options: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    arts = _corpus()
    monkeypatch.setattr(tokens, "BLOCK_DOCS", 7)
    whole = term_counts(arts, text="raw", **options)  # type: ignore[arg-type]
    chunk_starts = [a for a, _ in tokens._chunk_bounds(arts["text"], tokens.CHUNK_CHARS)]
    assert chunk_starts == list(range(0, len(arts), 7))  # one chunk per block
    monkeypatch.setattr(tokens, "CHUNK_CHARS", 300)
    monkeypatch.setattr(counting, "MERGE_ENTRIES", 1)
    chunk_starts = [a for a, _ in tokens._chunk_bounds(arts["text"], tokens.CHUNK_CHARS)]
    assert len(chunk_starts) > 2 * len(range(0, len(arts), 7))  # several chunks per block
    chunked = term_counts(arts, text="raw", **options)  # type: ignore[arg-type]
    _assert_same_counts(whole, chunked)
    pd.testing.assert_frame_equal(
        keyword_frequencies(whole, stop_words=None, keep_artifacts=True),
        keyword_frequencies(chunked, stop_words=None, keep_artifacts=True),
    )


@pytest.mark.usefixtures("small_chunks")
def test_chunked_counts_equal_counters_of_tokenize() -> None:
    arts = _corpus(n=45, seed=3)
    counts = term_counts(arts, text="raw")
    freq = keyword_frequencies(counts, stop_words=None, keep_artifacts=True)
    for outlet, group in arts.groupby("outlet"):
        tokens = [tokenize(t) for t in group["text"]]
        n = Counter(t for toks in tokens for t in toks)
        n_art = Counter(t for toks in tokens for t in set(toks))
        got = freq[freq["outlet"] == outlet].set_index("term")
        assert got["n"].to_dict() == dict(n)
        assert got["n_articles"].to_dict() == dict(n_art)
        assert counts.n_words[counts.group_position(outlet)] == sum(map(len, tokens))
        assert counts.n_docs[counts.group_position(outlet)] == len(group)
    assert "None" not in counts.groups.tolist()  # articles without an outlet left out


@pytest.mark.usefixtures("small_chunks")
def test_chunked_keyness_table_equals_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    arts = _corpus(n=50, seed=5)
    chunked = keyness_table(arts, "all", text="raw", min_count=1, with_log_odds=True)
    monkeypatch.setattr(tokens, "CHUNK_CHARS", 10**9)
    monkeypatch.setattr(tokens, "BLOCK_DOCS", 10**9)
    whole = keyness_table(arts, "all", text="raw", min_count=1, with_log_odds=True)
    pd.testing.assert_frame_equal(whole, chunked)


def test_chunk_bounds_cover_every_text_once() -> None:
    texts = pd.Series(["a" * k for k in [0, 3, 9, 0, 0, 1, 12, 2]])
    for chunk_chars in (1, 4, 10, 100):
        for block_docs in (1, 3, 100):
            bounds = list(tokens._chunk_bounds(texts, chunk_chars, block_docs))
            assert bounds[0][0] == 0
            assert bounds[-1][1] == len(texts)
            assert all(b1 == a2 for (_, b1), (a2, _) in pairwise(bounds))
            for a, b in bounds:
                assert b > a
                assert a // block_docs == (b - 1) // block_docs  # never across a block
                assert b - a == 1 or texts[a:b].str.len().sum() <= chunk_chars
    assert list(tokens._chunk_bounds(pd.Series([], dtype=object), 10)) == []


def test_arrow_texts_are_counted_like_python_strings() -> None:
    arts = _corpus(n=30, seed=7)
    as_str = arts.astype({"text": "str"})
    as_object = arts.astype({"text": object})
    _, texts = tokens.keyword_texts(as_str, "raw", compact=True)
    assert isinstance(texts.dtype, pd.StringDtype)  # not turned into Python strings
    _, texts = tokens.keyword_texts(as_object, "raw", compact=True)
    assert isinstance(texts.dtype, pd.StringDtype)  # as_articles stores text as str
    _assert_same_counts(
        term_counts(as_str, text="raw", ngram=(1, 2)),
        term_counts(as_object, text="raw", ngram=(1, 2)),
    )


def test_clean_text_column_with_gaps_counts_as_empty() -> None:
    arts = _corpus(n=12, seed=9)
    with_clean = arts.assign(clean_text=arts["text"].where(arts.index % 3 != 0, None))
    with_clean["clean_text"] = with_clean["clean_text"].astype("str")
    as_object = with_clean.astype({"clean_text": object})
    _assert_same_counts(term_counts(with_clean), term_counts(as_object))
    blanked = arts.assign(text=arts["text"].where(arts.index % 3 != 0, ""))
    _assert_same_counts(term_counts(with_clean), term_counts(blanked, text="raw"))


def test_cached_clean_texts_give_the_same_counts() -> None:
    from toolkit.stats.summary import article_stats, cached_clean_texts, clear_cache

    text = "Subscribe to our newsletter\n\n{}\n\nRead more"
    arts = pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(12)],
            "outlet": ["A", "B"] * 6,
            "text": [text.format(f"Storm number {i} hit the harbour.") for i in range(12)],
        }
    )
    clear_cache()
    assert cached_clean_texts(as_articles(arts)) is None
    uncached = term_counts(arts)  # makes the clean texts, and caches them
    assert cached_clean_texts(as_articles(arts)) is not None
    _assert_same_counts(uncached, term_counts(arts))
    clear_cache()
    article_stats(arts, batch_chars=100)  # batches: caches the clean texts too
    assert cached_clean_texts(as_articles(arts)) is not None
    _assert_same_counts(uncached, term_counts(arts))
    clear_cache()
