"""Tests of toolkit.stats.keywords.counts: term counts and keyword frequencies."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from keyword_samples import BLANK, CLEAN_COURIER, CLEAN_HERALD, DIRTY_HERALD, EMPTY
from keyword_samples import arts_of as _arts

from toolkit.stats.keywords import (
    KeywordCounts,
    collocations,
    concordance,
    keyness,
    keyword_frequencies,
    keyword_trends,
    stopwords,
    term_counts,
    tokenize,
)

# --------------------------------------------------------------------------- frequencies

FREQ_COLUMNS = ["outlet", "term", "n", "n_articles", "per_10k_words"]


def test_keyword_frequencies_on_empty_and_blank():
    for data in (EMPTY, BLANK):
        for text in ("raw", "clean"):
            out = keyword_frequencies(data, text=text)
            assert out.columns.tolist() == FREQ_COLUMNS and out.empty
    out = keyword_frequencies(EMPTY, by=None, ngram=2, text="raw")
    assert out.columns.tolist()[0] == "corpus" and out.empty


def test_keyword_frequencies_counts_and_rates_by_hand():
    arts = _arts(["Storm storm harbour.", "Storm wind and the rain."], ["H", "H"])
    out = keyword_frequencies(arts, text="raw")
    row = out.set_index("term").loc["storm"]
    # 3 occurrences, in both articles; 8 word tokens in all (stop words included)
    assert (row["n"], row["n_articles"]) == (3, 2)
    assert row["per_10k_words"] == pytest.approx(3 / 8 * 10_000)
    assert "the" not in set(out["term"]) and "and" not in set(out["term"])
    assert out["term"].iloc[0] == "storm"
    with_stop = keyword_frequencies(arts, text="raw", stop_words=None)
    assert {"the", "and"} <= set(with_stop["term"])
    no_storm = keyword_frequencies(arts, text="raw", stop_words=stopwords("all", add=["storm"]))
    assert no_storm["term"].iloc[0] == "harbour"
    only_storm = keyword_frequencies(arts, text="raw", stop_words={"storm"})
    assert "storm" not in set(only_storm["term"]) and "and" in set(only_storm["term"])


def test_keyword_frequencies_grouping_top_and_min_count():
    arts = _arts(
        ["Harbour harbour storm.", "Harbour docks.", "Wheat wheat prices.", "Wheat grain."],
        ["Herald", "Herald", "Courier", "Courier"],
    )
    out = keyword_frequencies(arts, text="raw", top=1)
    assert out[["outlet", "term", "n"]].values.tolist() == [
        ["Courier", "wheat", 3],
        ["Herald", "harbour", 3],
    ]
    by_article = keyword_frequencies(arts, "article_id", text="raw")
    assert by_article.columns.tolist()[0] == "article_id"
    assert by_article.query("article_id == 'a0' and term == 'harbour'")["n"].item() == 2
    corpus = keyword_frequencies(arts, None, text="raw", min_count=2)
    assert corpus.columns.tolist()[0] == "corpus"
    assert set(corpus["term"]) == {"harbour", "wheat"} and set(corpus["corpus"]) == {"all"}


def test_keyword_frequencies_ngrams_respect_stopwords_and_boundaries():
    arts = _arts(
        ["The prime minister of Aldmark spoke. Minister Lee left.\nPrime minister again."],
        ["H"],
    )
    bi = keyword_frequencies(arts, ngram=2, text="raw")
    terms = set(bi["term"])
    assert bi.set_index("term").loc["prime minister", "n"] == 2
    assert "minister of" not in terms and "the prime" not in terms  # stop word at an edge
    assert "spoke minister" not in terms and "left prime" not in terms  # sentence/line break
    tri = set(keyword_frequencies(arts, ngram=3, text="raw")["term"])
    assert "minister of aldmark" in tri  # stop word inside is fine
    both = keyword_frequencies(arts, ngram=(1, 2), text="raw")
    assert {"prime", "prime minister"} <= set(both["term"])
    # per_10k_words of n-grams is per word token too
    assert bi.set_index("term").loc["prime minister", "per_10k_words"] == pytest.approx(
        2 / 12 * 10_000
    )


def test_clean_text_drops_site_chrome_from_top_words():
    texts = [DIRTY_HERALD.replace("Monday", day) for day in ("Monday", "Tuesday", "Friday")]
    arts = _arts([*texts, CLEAN_COURIER], ["Herald", "Herald", "Herald", "Courier"])
    raw = keyword_frequencies(arts, text="raw")
    clean = keyword_frequencies(arts, text="clean")
    assert "subscribe" in set(raw.loc[raw["outlet"] == "Herald", "term"])
    assert "subscribe" not in set(clean.loc[clean["outlet"] == "Herald", "term"])
    top = clean[clean["outlet"] == "Herald"].head(3)["term"].tolist()
    assert "harbour" in top


def test_outlets_differ_in_the_keywords_written_into_them():
    rng = np.random.default_rng(1)
    shared = "council budget road school hospital market weather".split()
    own = {"Herald": ["harbour", "ferry", "tide"], "Courier": ["wheat", "grain", "tractor"]}
    texts, outlets = [], []
    for outlet, words in own.items():
        for _ in range(30):
            picked = list(rng.choice(shared, size=20)) + list(rng.choice(words, size=4))
            texts.append(" ".join(picked) + ".")
            outlets.append(outlet)
    arts = _arts(texts, outlets)
    counts = term_counts(arts, text="raw")
    for outlet, words in own.items():
        key = keyness(counts, outlet)
        assert set(key.head(3)["term"]) == set(words)
        assert (key.head(3)["p_value"] < 0.001).all()
        freq = keyword_frequencies(counts, top=30)
        assert set(words) <= set(freq.loc[freq["outlet"] == outlet, "term"])


def test_keyword_counts_object_is_reusable():
    arts = _arts([CLEAN_HERALD, CLEAN_COURIER], ["Herald", "Courier"])
    counts = term_counts(arts, text="raw")
    assert isinstance(counts, KeywordCounts)
    assert counts.groups.tolist() == ["Courier", "Herald"]
    pd.testing.assert_frame_equal(
        keyword_frequencies(counts), keyword_frequencies(arts, text="raw")
    )
    assert counts.n_words.sum() == sum(len(tokenize(t)) for t in arts["text"])
    with pytest.raises(ValueError, match="no outlet named"):
        counts.vector("Nope")


def test_inputs_are_not_mutated():
    arts = _arts([DIRTY_HERALD, CLEAN_COURIER], ["Herald", "Courier"], ["2024-01-01", None])
    before = arts.copy()
    keyword_frequencies(arts)
    keyness(arts, "Herald", min_count=1)
    concordance(arts, "harbour")
    collocations(arts, min_count=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        keyword_trends(arts, "harbour")
    pd.testing.assert_frame_equal(arts, before)
