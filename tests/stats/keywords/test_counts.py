"""Tests of toolkit.stats.keywords.counts: term counts and keyword frequencies."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from keyword_samples import BLANK, CLEAN_COURIER, CLEAN_HERALD, DIRTY_HERALD, EMPTY
from keyword_samples import arts_of as _arts

from toolkit.stats.keywords import (
    KeywordCounts,
    collocations,
    concordance,
    keyness,
    keyness_table,
    keyword_frequencies,
    keyword_trends,
    merge_counts,
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
    raw = keyword_frequencies(arts, text="raw", keep_artifacts=True)
    clean = keyword_frequencies(arts, text="clean", keep_artifacts=True)
    assert "subscribe" in set(raw.loc[raw["outlet"] == "Herald", "term"])
    assert "subscribe" not in set(clean.loc[clean["outlet"] == "Herald", "term"])
    # the default content filter knows "subscribe" as the Herald's template vocabulary
    content = keyword_frequencies(arts, text="raw")
    assert "subscribe" not in set(content.loc[content["outlet"] == "Herald", "term"])
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


def test_keyword_counts_are_long_form_tables():
    arts = _arts([CLEAN_HERALD, CLEAN_COURIER, DIRTY_HERALD], ["Herald", "Courier", "Herald"])
    counts = term_counts(arts, ngram=(1, 2), text="raw")
    table = counts.table
    assert table.columns.tolist() == ["group", "term", "n", "n_articles"]
    assert (table.dtypes == "int64").all()
    keys = list(zip(table["group"], table["term"], strict=True))
    assert keys == sorted(set(keys))  # one row per (group, term), sorted by group, then term
    totals = counts.group_totals
    assert totals.index.tolist() == counts.groups.tolist() == ["Courier", "Herald"]
    assert totals.columns.tolist() == [
        "n_words",
        "n_docs",
        "languages",
        "names",
        "hosts",
        "template_terms",
    ]
    assert totals["n_docs"].tolist() == counts.n_docs.tolist() == [1, 2]
    assert counts.term_table.columns.tolist() == ["term", "first", "last"]
    assert counts.term_table["term"].tolist() == counts.terms.tolist()
    for term, first, last in counts.term_table.itertuples(index=False):
        words = term.split(" ")
        assert (counts.terms[first], counts.terms[last]) == (words[0], words[-1])
    # the sparse layout of before, derived from the table
    n_courier = int((table["group"] == 0).sum())
    assert counts.indptr.tolist() == [0, n_courier, len(table)]
    assert counts.term_idx.tolist() == table["term"].tolist()
    # every table row is one row of the frequencies without stop words
    rows = {
        (counts.groups[g], counts.terms[t], n, a) for g, t, n, a in table.itertuples(index=False)
    }
    freq = keyword_frequencies(counts, stop_words=None, keep_artifacts=True)
    assert set(freq[["outlet", "term", "n", "n_articles"]].itertuples(index=False)) == rows
    empty = term_counts(EMPTY, text="raw")
    assert empty.table.columns.tolist() == table.columns.tolist() and empty.table.empty
    assert (empty.table.dtypes == "int64").all() and empty.indptr.tolist() == [0]


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


# --------------------------------------------------------------------------- merging counts

_MERGE_WORDS = st.sampled_from(
    "storm harbour wheat the of and prime minister порт и U.S. don't 1,200 . \n".split(" ")
)
_ARTICLES = st.lists(
    st.tuples(
        st.lists(_MERGE_WORDS, max_size=12).map(" ".join),
        st.sampled_from(["Herald", "Courier", "Вестник", None]),
    ),
    max_size=12,
)


def _entries(counts: KeywordCounts) -> dict[tuple[object, str], tuple[int, int]]:
    """Every nonzero (group, term) count and article count, whatever the term order."""
    g = np.repeat(counts.groups, np.diff(counts.indptr))
    t = counts.terms[counts.term_idx]
    return {
        (gi, ti): (int(n), int(a))
        for gi, ti, n, a in zip(g, t, counts.n, counts.n_articles, strict=True)
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    _ARTICLES,
    st.data(),
    st.integers(min_value=1, max_value=4),
    st.sampled_from([1, 2, (1, 2)]),
    st.sampled_from(["outlet", None]),
)
def test_merged_counts_of_any_split_equal_the_one_pass_count(articles, data, k, ngram, by):
    arts = pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(len(articles))],
            "outlet": [o for _, o in articles],
            "text": [t for t, _ in articles],
        }
    )
    # any split: each article in one of k parts (in any order; parts may be empty)
    part_of = data.draw(st.lists(st.integers(0, k - 1), min_size=len(arts), max_size=len(arts)))
    order = data.draw(st.permutations(range(len(arts))))
    shuffled = arts.iloc[list(order)]
    where = np.asarray(part_of, dtype=np.int64)[list(order)]
    parts = [term_counts(shuffled[where == p], by=by, ngram=ngram, text="raw") for p in range(k)]
    whole = term_counts(arts, by=by, ngram=ngram, text="raw")
    merged = merge_counts(parts)
    assert merged.groups.tolist() == whole.groups.tolist()
    assert merged.n_words.tolist() == whole.n_words.tolist()
    assert merged.n_docs.tolist() == whole.n_docs.tolist()
    assert _entries(merged) == _entries(whole)
    seen = {t: int(n) for t, n in zip(whole.terms, whole.total_n, strict=True) if n}
    assert {t: int(n) for t, n in zip(merged.terms, merged.total_n, strict=True) if n} == seen
    whole_mask = dict(zip(whole.terms, whole.stop_mask("auto"), strict=True))
    assert dict(zip(merged.terms, merged.stop_mask("auto"), strict=True)) == whole_mask
    for stop_words in (None, "auto"):
        pd.testing.assert_frame_equal(
            keyword_frequencies(merged, stop_words=stop_words),
            keyword_frequencies(whole, stop_words=stop_words),
        )
    pd.testing.assert_frame_equal(
        keyness_table(merged, "all", min_count=1, with_log_odds=True),
        keyness_table(whole, "all", min_count=1, with_log_odds=True),
    )


def test_merged_counts_of_outlets_in_reverse_order_equal_the_one_pass_count():
    arts = _arts([CLEAN_HERALD, CLEAN_COURIER, DIRTY_HERALD], ["Herald", "Courier", "Herald"])
    parts = [term_counts(arts.iloc[[i]], ngram=(1, 2)) for i in (2, 1, 0)]  # H, C, H
    whole = term_counts(arts, ngram=(1, 2))
    merged = merge_counts(parts)
    assert merged.groups.tolist() == whole.groups.tolist() == ["Courier", "Herald"]
    assert _entries(merged) == _entries(whole)
    pd.testing.assert_frame_equal(keyword_frequencies(merged), keyword_frequencies(whole))
    pd.testing.assert_frame_equal(keyness(merged, "Herald"), keyness(whole, "Herald"))


def test_merge_counts_checks_its_parts():
    arts = _arts([CLEAN_HERALD, CLEAN_COURIER], ["Herald", "Courier"])
    one = term_counts(arts, text="raw")
    assert merge_counts([one]) is one
    with pytest.raises(ValueError, match="nothing to merge"):
        merge_counts([])
    with pytest.raises(ValueError, match="different settings"):
        merge_counts([one, term_counts(arts, text="raw", ngram=2)])


# --------------------------------------------------------------------------- one word

#: Texts where word definitions part ways: numbers, abbreviations, joiners, combining
#: marks, invisible characters, markup, separator characters of the one-pass tokenizer.
WORD_EDGE_TEXTS = [
    "",
    "   \n\n",
    CLEAN_HERALD,
    DIRTY_HERALD,
    "1,250 U.S. troops — COVID-19; 3.5% of 4,5 млн; don’t; Lavrov's infor\u00admation",
    "हिन्दी समाचार\n\nالعَرَبِيَّة می\u200cشود re\u0301sume\u0301 snake_case 🚀 <p>&nbsp;</p>",
    "a\x00b \x01 c\ue000 -- '90s ... U.S",
]


def _demo_articles() -> pd.DataFrame:
    from pathlib import Path

    from toolkit import load_corpus

    demo = Path(__file__).resolve().parents[3] / "corpus"
    return load_corpus(demo, progress=False).articles


@pytest.mark.parametrize("corpus", ["demo", "dirty"])
def test_keyword_word_counts_per_article_equal_article_stats_n_words(corpus):
    """One word definition: the word tokens the keyword tables count in an article are
    its ``n_words`` (raw text, before stop words or numbers are filtered out)."""
    from toolkit.stats.keywords import tokenize_series
    from toolkit.stats.summary import article_stats
    from toolkit.text import count_words

    if corpus == "demo":
        arts = _demo_articles()
    else:
        arts = _arts(WORD_EDGE_TEXTS, ["A", "B"] * 3 + ["A"])
    n_words = article_stats(arts)["n_words"].tolist()
    assert article_stats(arts, gopher=False, cache=False)["n_words"].tolist() == n_words
    assert article_stats(arts, batch_chars=300, cache=False)["n_words"].tolist() == n_words
    assert count_words(arts["text"]).tolist() == n_words
    assert [len(t) for t in tokenize_series(arts["text"])] == n_words
    for ngram in (1, (1, 2)):
        counts = term_counts(arts, by="article_id", ngram=ngram, text="raw")
        per_article = pd.Series(counts.n_words, index=counts.groups)
        assert per_article.reindex(arts["article_id"]).tolist() == n_words
    if corpus == "dirty":
        assert n_words[:2] == [0, 0] and n_words[4] == 11  # "1,250", "U.S.", "4,5" one word each
