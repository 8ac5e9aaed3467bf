"""Tests of the dispersion (Gries' DP) of toolkit.stats.keywords: KeywordCounts.dispersion,
the ``dp`` column of keyness and its filter, and the per-article counts behind them."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from keyword_samples import BLANK, CLEAN_COURIER, CLEAN_HERALD, DIRTY_HERALD, arts_of

from toolkit.stats.keywords import (
    dp_threshold,
    keyness,
    keyness_table,
    merge_counts,
    term_counts,
    tokenize,
)


def brute_force_dp(texts: list[str], term: str) -> float:
    """Gries' DP of ``term`` over ``texts`` (the corpus parts), straight from the
    definition: 0.5 * sum |v_i - s_i|."""
    tokens = [tokenize(t) for t in texts]
    sizes = np.array([len(t) for t in tokens], dtype=float)
    freqs = np.array([Counter(t)[term] for t in tokens], dtype=float)
    s, v = sizes / sizes.sum(), freqs / freqs.sum()
    return float(0.5 * np.abs(v - s).sum())


def test_the_published_example_of_lijffijt_and_gries():
    # Lijffijt & Gries (2012, Table 1), reviewing Gries (2008): three equally large
    # parts, one holds 2/3 of the occurrences, another 1/3: DP = (1/3 + 0 + 1/3) / 2 = 1/3
    texts = ["alpha alpha filler", "alpha filler filler", "filler filler filler"]
    counts = term_counts(arts_of(texts, ["A"] * 3), text="raw")
    dp, n_articles = counts.dispersion("A")
    i = counts.term_index("alpha")
    assert dp[i] == pytest.approx(1 / 3)
    assert n_articles[i] == 2
    assert dp[i] == pytest.approx(brute_force_dp(texts, "alpha"))


def test_dp_matches_the_definition_on_clean_and_dirty_text():
    texts = [CLEAN_HERALD, DIRTY_HERALD, CLEAN_HERALD + " Storm storm.", "Storm."]
    counts = term_counts(arts_of(texts, ["H"] * 4), text="raw")
    dp, _ = counts.dispersion("H")
    for term in ("storm", "harbour", "subscribe", "the", "said"):
        assert dp[counts.term_index(term)] == pytest.approx(brute_force_dp(texts, term)), term
    # a term of one article: DP = 1 - that article's share of the words
    sub = counts.term_index("subscribe")
    share = len(tokenize(DIRTY_HERALD)) / sum(len(tokenize(t)) for t in texts)
    assert dp[sub] == pytest.approx(1 - share)


def test_dp_of_empty_text_and_of_absent_terms_is_nan():
    counts = term_counts(BLANK, text="raw")
    dp, n_articles = counts.dispersion("Herald")
    assert dp.size == 0 and n_articles.size == 0
    two = term_counts(arts_of([CLEAN_HERALD, CLEAN_COURIER], ["H", "C"]), text="raw")
    dp, n_articles = two.dispersion("H")
    wheat = two.term_index("wheat")
    assert np.isnan(dp[wheat]) and n_articles[wheat] == 0
    # one article: every term is where the words are
    assert np.nanmax(dp) == 0.0
    # without the per-article counts: NaN, never a silent 0
    lean = term_counts(arts_of([CLEAN_HERALD], ["H"]), text="raw", dispersion=False)
    assert lean.article_table is None and np.isnan(lean.dispersion("H")[0]).all()
    assert keyness(lean, "H", "rest", min_count=1)["dp"].isna().all()


_WORDS = st.sampled_from("storm harbour wheat rain wind grain".split())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_WORDS, max_size=12), min_size=1, max_size=8), st.integers(1, 7))
def test_dp_is_a_fraction_and_the_same_after_splitting_and_merging(docs, cut):
    texts = [" ".join(d) for d in docs]
    arts = arts_of(texts, ["A"] * len(texts))
    whole = term_counts(arts, text="raw", templates=False)
    dp, n_art = whole.dispersion("A")
    finite = dp[np.isfinite(dp)]
    assert ((finite >= 0) & (finite <= 1)).all()
    for term in set(w for d in docs for w in d):
        assert dp[whole.term_index(term)] == pytest.approx(brute_force_dp(texts, term), abs=1e-12)
    cut = min(cut, len(texts))
    parts = [
        term_counts(arts.iloc[i], text="raw", templates=False)
        for i in (slice(0, cut), slice(cut, None))
    ]
    parts = [p for p in parts if len(p.groups)]
    merged = merge_counts(parts)
    mdp, mart = merged.dispersion("A")
    order = merged.terms.argsort()
    np.testing.assert_array_equal(mdp[order], dp[whole.terms.argsort()])  # exactly equal
    np.testing.assert_array_equal(mart[order], n_art[whole.terms.argsort()])


def test_merged_article_tables_equal_the_one_pass():
    texts = [CLEAN_HERALD, DIRTY_HERALD, CLEAN_COURIER, "", CLEAN_COURIER + " Wheat."]
    arts = arts_of(texts, ["H", "H", "C", "C", "C"])
    whole = term_counts(arts, ngram=(1, 2), text="raw")
    merged = merge_counts([term_counts(arts.iloc[a:b], ngram=(1, 2), text="raw")
                           for a, b in ((0, 2), (2, 3), (3, 5))])  # fmt: skip

    def rows(c):
        a = c.article_table
        return sorted(zip(a["article"], c.terms[a["term"].to_numpy()], a["n"], strict=True))

    assert rows(merged) == rows(whole)
    pd.testing.assert_frame_equal(merged.article_totals, whole.article_totals)
    pd.testing.assert_frame_equal(
        keyness_table(merged, min_count=1), keyness_table(whole, min_count=1)
    )


def test_the_dispersion_filter_keeps_one_articles_pet_word_from_leading():
    # "sluice" fills one of eight Herald articles; "harbour" is in every one
    herald = [CLEAN_HERALD] * 7 + [CLEAN_HERALD + " Sluice" * 25 + "."]
    arts = arts_of([*herald, CLEAN_COURIER, CLEAN_COURIER], ["Herald"] * 8 + ["Courier"] * 2)
    counts = term_counts(arts, text="raw")  # identical lines: all template, hence
    everything = keyness(counts, "Herald", max_dp=None, keep_artifacts=True)  # keep_artifacts
    pet = everything.set_index("term").loc["sluice"]
    assert pet["n_target_articles"] == 1 and pet["dp"] > dp_threshold("auto", 8)
    assert everything["term"].iloc[0] == "sluice"  # leads without the filter
    filtered = keyness(counts, "Herald", keep_artifacts=True)
    assert "sluice" not in set(filtered["term"])
    assert filtered["term"].iloc[0] == "harbour"
    assert filtered.loc[filtered["g2"] > 0, "dp"].max() <= dp_threshold("auto", 8)
    # terms of the reference are never left out for the target's dispersion
    assert set(everything.loc[everything["g2"] < 0, "term"]) == set(
        filtered.loc[filtered["g2"] < 0, "term"]
    )
    assert "sluice" in set(keyness(counts, "Herald", max_dp=0.99, keep_artifacts=True)["term"])


def test_dp_threshold():
    assert dp_threshold("auto", 16) == pytest.approx(1 - 2 / 16)
    assert dp_threshold("auto", 2) == 0.5 and dp_threshold("auto", 1000) == pytest.approx(0.998)
    assert dp_threshold(None, 10) is None and dp_threshold(0.7, 10) == 0.7
    with pytest.raises(ValueError, match="max_dp"):
        dp_threshold("strict", 10)  # type: ignore[arg-type]
