"""Tests of toolkit.stats.keywords: tokens, stop words, frequencies, keyness, KWIC, trends."""

from __future__ import annotations

import math
import warnings
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.stats.keywords import (
    KeywordCounts,
    collocations,
    concordance,
    keyness,
    keyness_table,
    keyword_frequencies,
    keyword_trends,
    log_likelihood_g2,
    log_odds_z,
    log_ratio,
    stopwords,
    term_counts,
    tokenize,
    tokenize_series,
)

# Written for these tests (no text copied from real articles).
CLEAN_HERALD = (
    "The harbour flooded after the storm on Monday, the port authority said.\n\n"
    "Harbour workers pumped water from the docks while the storm moved east."
)
CLEAN_COURIER = (
    "Wheat prices rose for a third week as farmers held back grain, traders said.\n\n"
    "The ministry said wheat exports would stay open despite the prices."
)
DIRTY_HERALD = (
    "Subscribe\nLog in or register\n\n"
    + CLEAN_HERALD
    + "\n\n“The harbour flooded after the storm on Monday,” the port authority said.\n\n"
    "Подписаться на рассылку\nRead more: Storm warnings for the coast"
)


def _arts(
    texts: list[str], outlets: list[str], dates: list[str | None] | None = None
) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(len(texts))],
            "outlet": outlets,
            "text": texts,
        }
    )
    if dates is not None:
        frame["published_at"] = dates
    return frame


EMPTY = pd.DataFrame({"article_id": [], "outlet": [], "text": []})
BLANK = _arts([""], ["Herald"])


# --------------------------------------------------------------------------- tokenize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        (
            "3.5 percent of 1,200 voters in 2026",
            ["3.5", "percent", "of", "1,200", "voters", "in", "2026"],
        ),
        ("A cease-fire in the north-west", ["a", "cease-fire", "in", "the", "north-west"]),
        ("На северо-западе прошёл дождь", ["на", "северо-западе", "прошёл", "дождь"]),
        ("Don't ask O'Neill", ["don't", "ask", "o'neill"]),
        ("Lavrov's plan and Lavrov’s aides", ["lavrov", "plan", "and", "lavrov", "aides"]),
        ("It’s don’t", ["it", "don't"]),
        (
            "U.S. and U.N. officials, т.е. both",
            ["u.s.", "and", "u.n.", "officials", "т.е.", "both"],
        ),
        ("snake_case #tag @user -- ...", ["snake", "case", "tag", "user"]),
        ("infor\u00admation", ["information"]),
        ("COVID-19 cases", ["covid-19", "cases"]),
    ],
)
def test_tokenize_examples(text, expected):
    assert tokenize(text) == expected


def test_tokenize_options():
    assert tokenize("Moscow in 2026", lower=False) == ["Moscow", "in", "2026"]
    assert tokenize("LAVROV'S 3.5 km", lower=False) == ["LAVROV", "3.5", "km"]
    assert tokenize("In 2026, 3.5 km", keep_numbers=False) == ["in", "km"]


def test_tokenize_dirty_text_keeps_words_only():
    toks = tokenize(DIRTY_HERALD)
    assert "subscribe" in toks and "подписаться" in toks
    assert all(t.strip() and " " not in t for t in toks)
    assert "“the" not in toks and "harbour" in toks


_ALPHABET = st.sampled_from(
    [*"abcXYZ019 \n\t.,;:!?'’ʼ-‐‑_#@…«»“”", "\u00ad", "\u0301", "й", "Ж", "ß", "İ", "²", "字"]
)
_TEXTS = st.text(alphabet=_ALPHABET, max_size=60)


@given(st.text(max_size=200))
def test_tokenize_never_fails_and_never_yields_empty_tokens(text):
    for lower in (True, False):
        toks = tokenize(text, lower=lower)
        assert all(isinstance(t, str) and t and not t.isspace() for t in toks)
        assert all(not any(ch.isspace() for ch in t) for t in toks)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TEXTS, max_size=6), st.booleans(), st.booleans())
def test_tokenize_series_equals_tokenize(texts, lower, keep_numbers):
    got = tokenize_series(pd.Series(texts, dtype=object), lower=lower, keep_numbers=keep_numbers)
    assert got.tolist() == [tokenize(t, lower=lower, keep_numbers=keep_numbers) for t in texts]


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TEXTS, min_size=1, max_size=6))
def test_corpus_counts_equal_counter_of_tokenize(texts):
    arts = _arts(texts, [("A", "B")[i % 2] for i in range(len(texts))])
    freq = keyword_frequencies(arts, text="raw", stop_words=None)
    for outlet in ("A", "B"):
        mine = [tokenize(t) for t, o in zip(texts, arts["outlet"], strict=True) if o == outlet]
        expected = Counter(tok for toks in mine for tok in toks)
        rows = freq[freq["outlet"] == outlet]
        assert dict(zip(rows["term"], rows["n"], strict=True)) == dict(expected)
        docs = Counter(tok for toks in mine for tok in set(toks))
        assert dict(zip(rows["term"], rows["n_articles"], strict=True)) == dict(docs)


def test_tokenize_series_handles_missing_values():
    s = pd.Series(["One two", None, float("nan")], dtype=object)
    assert tokenize_series(s).tolist() == [["one", "two"], [], []]


# --------------------------------------------------------------------------- stop words


def test_stopwords_are_function_words_only():
    en, ru = stopwords("en"), stopwords("ru")
    assert {"the", "of", "and", "is", "don't"} <= en
    assert {"и", "в", "не", "что", "это"} <= ru
    for news in ("said", "says", "state", "year", "former", "government", "minister"):
        assert news not in en
    for news in ("заявил", "сказал", "год", "правительство", "бывший"):
        assert news not in ru
    assert stopwords("all") == en | ru
    assert isinstance(en, frozenset)


def test_stopwords_edit_and_errors():
    assert "said" in stopwords("en", add=["SAID"])
    assert "the" not in stopwords("en", remove=["The"])
    assert "don't" in stopwords("en", add=["don’t"])
    with pytest.raises(ValueError, match="language"):
        stopwords("de")


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


# --------------------------------------------------------------------------- keyness formulas


def test_g2_and_log_ratio_by_hand():
    # a=10, b=5, c=1000, d=2000: E1 = 1000*15/3000 = 5, E2 = 2000*15/3000 = 10,
    # G2 = 2*(10 ln(10/5) + 5 ln(5/10)) = 10 ln 2 = 6.931472;
    # LR = log2((10/1000)/(5/2000)) = log2(4) = 2.
    assert log_likelihood_g2(10, 5, 1000, 2000)[0] == pytest.approx(6.931472, abs=1e-6)
    assert log_ratio(10, 5, 1000, 2000)[0] == pytest.approx(2.0)
    # a=0, b=4: E2 = 2000*4/3000 = 8/3, G2 = 2*4 ln(4/(8/3)) = 8 ln 1.5 = 3.243721, negative;
    # LR with 0.5 added to both: log2((0.5/1000)/(4.5/2000)) = log2(2/9) = -2.169925.
    assert log_likelihood_g2(0, 4, 1000, 2000)[0] == pytest.approx(-3.243721, abs=1e-6)
    assert log_ratio(0, 4, 1000, 2000)[0] == pytest.approx(-2.169925, abs=1e-6)
    # equal relative frequencies: no keyness
    assert log_likelihood_g2(2, 4, 1000, 2000)[0] == 0.0
    assert log_ratio(2, 4, 1000, 2000)[0] == 0.0
    # undefined corpora sizes give NaN log ratio, never an exception
    assert np.isnan(log_ratio(3, 0, 1000, 0)[0])


def test_log_odds_z_by_hand():
    # alpha_w = 15, alpha0 = 3000: delta = ln(25/3975) - ln(20/4980)
    # = -5.068904 - (-5.517453) = 0.448549, sigma = sqrt(1/25 + 1/20) = 0.3, z = 1.495162
    assert log_odds_z(10, 5, 1000, 2000, 15, 3000)[0] == pytest.approx(1.495162, abs=1e-5)


def test_keyness_on_a_corpus_matches_the_hand_computed_table():
    target = " ".join(["alpha"] * 10 + ["filler"] * 990)  # c = 1000 tokens
    reference = " ".join(["alpha"] * 5 + ["other"] * 1995)  # d = 2000 tokens
    arts = _arts([target, reference], ["T", "R"])
    out = keyness(arts, "T", "R", text="raw", stop_words=None, min_count=1, with_log_odds=True)
    row = out.set_index("term").loc["alpha"]
    assert row["g2"] == pytest.approx(6.931472, abs=1e-6)
    assert row["log_ratio"] == pytest.approx(2.0)
    assert row["p_value"] == pytest.approx(math.erfc(math.sqrt(6.931472 / 2)), rel=1e-6)
    assert row["p_value"] == pytest.approx(0.008470, abs=1e-6)  # chi2(1 df) tail at 6.93
    assert (row["n_target"], row["n_reference"], row["n_target_articles"]) == (10, 5, 1)
    # prior from the whole corpus: alpha_alpha = 15, alpha0 = 3000
    assert row["log_odds_z"] == pytest.approx(1.495162, abs=1e-5)
    assert out.columns.tolist() == [
        "term", "target", "reference", "n_target", "n_reference", "g2", "log_ratio",
        "p_value", "n_target_articles", "log_odds_z",
    ]  # fmt: skip
    assert out["g2"].is_monotonic_decreasing
    assert out["term"].iloc[0] == "filler" and out["term"].iloc[-1] == "other"


_COUNTS = st.integers(min_value=0, max_value=500)


@given(_COUNTS, _COUNTS, st.integers(1, 5000), st.integers(1, 5000))
def test_swapping_target_and_reference_flips_the_sign(a, b, extra_c, extra_d):
    c, d = a + extra_c, b + extra_d
    g_ab, g_ba = log_likelihood_g2(a, b, c, d)[0], log_likelihood_g2(b, a, d, c)[0]
    assert g_ab == pytest.approx(-g_ba, abs=1e-9)
    assert log_ratio(a, b, c, d)[0] == pytest.approx(-log_ratio(b, a, d, c)[0], abs=1e-9)
    assert g_ab * (a * d - b * c) >= 0  # sign says where the term is relatively frequent


@given(
    st.integers(1, 300), st.integers(1, 300), st.integers(0, 3000), st.integers(0, 3000),
    st.integers(2, 20),
)  # fmt: skip
def test_scaling_both_corpora_scales_g2_and_keeps_log_ratio(a, b, extra_c, extra_d, k):
    c, d = a + extra_c, b + extra_d
    g = log_likelihood_g2(a, b, c, d)[0]
    assert log_likelihood_g2(k * a, k * b, k * c, k * d)[0] == pytest.approx(k * g, abs=1e-6)
    assert log_ratio(k * a, k * b, k * c, k * d)[0] == pytest.approx(log_ratio(a, b, c, d)[0])


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from("storm harbour wheat grain rain wind".split()), min_size=2))
def test_keyness_swap_property_on_text(words):
    half = len(words) // 2
    arts = _arts([" ".join(words[:half]) + " rain", " ".join(words[half:]) + " wind"], ["A", "B"])
    counts = term_counts(arts, text="raw")
    ab = keyness(counts, "A", "B", min_count=1).set_index("term")
    ba = keyness(counts, "B", "A", min_count=1).set_index("term")
    assert set(ab.index) == set(ba.index)
    np.testing.assert_allclose(ab["g2"], -ba.loc[ab.index, "g2"], atol=1e-9)
    np.testing.assert_allclose(ab["log_ratio"], -ba.loc[ab.index, "log_ratio"], atol=1e-9)


# --------------------------------------------------------------------------- keyness tables


def test_keyness_empty_blank_and_rest():
    cols = ["term", "target", "reference", "n_target", "n_reference", "g2", "log_ratio",
            "p_value", "n_target_articles"]  # fmt: skip
    assert keyness(EMPTY, "Herald", text="raw").columns.tolist() == cols
    assert keyness(EMPTY, "Herald").empty
    assert keyness(BLANK, "Herald").empty
    assert keyness_table(EMPTY, "all").columns.tolist() == cols
    arts = _arts([DIRTY_HERALD, CLEAN_COURIER, CLEAN_HERALD], ["Herald", "Courier", "Herald"])
    rest = keyness(arts, "Herald", text="clean", min_count=2)
    assert set(rest["reference"]) == {"rest"}
    assert rest.iloc[0]["term"] in {"harbour", "storm"} and rest.iloc[0]["g2"] > 0
    assert "subscribe" not in set(rest["term"])
    with pytest.raises(ValueError, match="no outlet named"):
        keyness(arts, "Nowhere")


def test_keyness_table_covers_rest_and_all_pairs():
    arts = _arts([CLEAN_HERALD, CLEAN_COURIER, DIRTY_HERALD], ["Herald", "Courier", "Gazette"])
    counts = term_counts(arts, text="raw")
    table = keyness_table(counts, "all", min_count=1)
    combos = set(map(tuple, table[["target", "reference"]].drop_duplicates().values.tolist()))
    outlets = ["Courier", "Gazette", "Herald"]
    assert combos == {(t, "rest") for t in outlets} | {
        (t, r) for t in outlets for r in outlets if t != r
    }
    via_keyness = keyness(counts, None, "pairs", min_count=1)
    pd.testing.assert_frame_equal(table, via_keyness)
    only_rest = keyness(counts, None, min_count=1)
    assert set(only_rest["reference"]) == {"rest"}
    one = keyness(counts, "Herald", "Courier", min_count=1)
    part = table.query("target == 'Herald' and reference == 'Courier'").reset_index(drop=True)
    pd.testing.assert_frame_equal(one, part)
    several = keyness(counts, "Herald", ["Courier", "Gazette"], min_count=1)
    rest = keyness(counts, "Herald", "rest", min_count=1)
    np.testing.assert_allclose(several["g2"], rest["g2"])
    assert set(several["reference"]) == {"Courier + Gazette"}


def test_keyness_methods_sort_by_their_statistic():
    arts = _arts([CLEAN_HERALD * 3, CLEAN_COURIER * 3], ["Herald", "Courier"])
    counts = term_counts(arts, text="raw")
    by_lr = keyness(counts, "Herald", method="log_ratio")
    assert by_lr["log_ratio"].is_monotonic_decreasing
    by_z = keyness(counts, "Herald", method="log_odds")
    assert by_z["log_odds_z"].is_monotonic_decreasing
    with pytest.raises(ValueError, match="method"):
        keyness(counts, "Herald", method="chi2")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- concordance

KWIC_COLUMNS = ["article_id", "outlet", "left", "match", "right", "offset"]


def test_concordance_on_empty_and_blank():
    for data in (EMPTY, BLANK):
        out = concordance(data, "harbour", text="raw")
        assert out.columns.tolist() == KWIC_COLUMNS and out.empty
    with pytest.raises(ValueError):
        concordance(BLANK, "  ")


def test_concordance_token_boundaries_and_phrases():
    text = (
        "The cease-fire held. Fire crews left. Lavrov's aides met Lavrov.\n"
        "The Prime\nMinister spoke; prime ministers agreed. Firewall."
    )
    arts = _arts([text], ["H"])
    fire = concordance(arts, "fire", text="raw")
    assert fire["match"].tolist() == ["Fire"]  # not inside cease-fire nor Firewall
    lav = concordance(arts, "lavrov", text="raw", width=5)
    assert lav["match"].tolist() == ["Lavrov", "Lavrov"]
    assert lav["right"].iloc[0] == "'s ai"
    pm = concordance(arts, "prime minister", text="raw")
    assert pm["match"].tolist() == ["Prime Minister"]  # newline shown as a space
    start = int(pm["offset"].iloc[0])
    assert text[start : start + 14] == "Prime\nMinister"
    assert concordance(arts, "prime minister", text="raw", case_sensitive=True).empty
    rx = concordance(arts, r"prime ministers?", text="raw", regex=True)
    assert len(rx) == 1 and rx["match"].iloc[0] == "prime ministers"
    assert len(concordance(arts, "the", text="raw", max_lines=1)) == 1


def test_concordance_clean_and_dirty():
    arts = _arts([DIRTY_HERALD, CLEAN_HERALD], ["Herald", "Herald"])
    raw = concordance(arts, "harbour", text="raw")
    clean = concordance(arts, "harbour", text="clean")
    # dirty: 2 in the body + 1 in the repeated paragraph; clean: 2 + 2
    assert len(raw) == 5 and len(clean) == 4  # the repeated paragraph is gone
    assert concordance(arts, "subscribe", text="clean").empty
    assert (raw["left"].str.len() <= 40).all() and not raw["left"].str.contains("\n").any()


# --------------------------------------------------------------------------- collocations


def test_collocations_scores_match_nltk_from_words():
    from nltk.collocations import BigramCollocationFinder
    from nltk.metrics import BigramAssocMeasures

    text = "Prime minister Lee met farmers in Halden. " * 2 + "The prime minister left Halden. " * 2
    arts = _arts([text], ["H"])
    out = collocations(arts, text="raw", min_count=2, top=None, stop_words=None)
    assert out.columns.tolist() == ["ngram", "w1", "w2", "n", "pmi", "likelihood_ratio"]
    # one article with no sentence break inside a pair: nltk's own finder on the tokens
    # gives the same scores once pairs across sentences are removed
    finder = BigramCollocationFinder.from_words(tokenize(text))
    pmi = dict(finder.score_ngrams(BigramAssocMeasures.pmi))
    row = out.set_index("ngram").loc["prime minister"]
    assert row["n"] == 4
    assert row["pmi"] == pytest.approx(pmi[("prime", "minister")])
    assert out["pmi"].is_monotonic_decreasing
    # nltk's from_words pairs words across the sentence break, we do not
    assert ("halden", "the") in pmi
    everything = collocations(arts, text="raw", min_count=1, top=None, stop_words=None)
    assert "halden the" not in set(everything["ngram"])
    # without any sentence break, every score equals nltk's own from_words pipeline
    flat = _arts(
        ["prime minister lee met farmers in halden " * 3 + "the prime minister left"], ["H"]
    )
    ours = collocations(flat, text="raw", min_count=2, top=None, stop_words=None)
    finder = BigramCollocationFinder.from_words(tokenize(flat["text"][0]))
    finder.apply_freq_filter(2)
    pmi = dict(finder.score_ngrams(BigramAssocMeasures.pmi))
    llr = dict(finder.score_ngrams(BigramAssocMeasures.likelihood_ratio))
    assert set(zip(ours["w1"], ours["w2"], strict=True)) == set(pmi)
    for w1, w2, p, lr in ours[["w1", "w2", "pmi", "likelihood_ratio"]].itertuples(index=False):
        assert p == pytest.approx(pmi[(w1, w2)]) and lr == pytest.approx(llr[(w1, w2)])


def test_collocations_by_outlet_window_and_empty():
    arts = _arts(
        [CLEAN_HERALD * 3, CLEAN_COURIER * 3, DIRTY_HERALD],
        ["Herald", "Courier", "Herald"],
    )
    out = collocations(arts, by="outlet", measure="likelihood_ratio", min_count=2, text="raw")
    assert out.columns.tolist() == [
        "outlet", "ngram", "w1", "w2", "n", "pmi", "likelihood_ratio",
    ]  # fmt: skip
    assert set(out["outlet"]) == {"Herald", "Courier"}
    assert "wheat prices" in set(out.loc[out["outlet"] == "Courier", "ngram"])
    assert not out["w1"].isin(stopwords("all")).any()
    wide = collocations(arts, window=3, min_count=2, text="raw", top=None)
    assert len(wide) >= len(collocations(arts, min_count=2, text="raw", top=None))
    for data in (EMPTY, BLANK):
        empty = collocations(data, text="raw")
        assert empty.empty and empty.columns.tolist()[0] == "ngram"
    clean = collocations(arts, by="outlet", min_count=2, text="clean", top=None)
    assert "log register" not in set(clean["ngram"])


# --------------------------------------------------------------------------- trends


def test_keyword_trends_weekly_rates():
    arts = _arts(
        ["Storm hits harbour.", "Calm day.", "Storm storm again.", "Wheat prices."],
        ["H", "H", "H", "C"],
        ["2024-03-04T10:00Z", "2024-03-06T00:00Z", "2024-03-12T23:00Z", "2024-03-05T08:00Z"],
    )
    out = keyword_trends(arts, ["storm", "Wheat prices"], text="raw")
    assert out.columns.tolist() == ["outlet", "period", "term", "n", "n_words", "per_10k_words"]
    assert str(out["period"].dt.tz) == "UTC"
    h = out[(out["outlet"] == "H") & (out["term"] == "storm")]
    assert h["n"].tolist() == [1, 2] and h["n_words"].tolist() == [5, 3]
    assert h["per_10k_words"].tolist() == pytest.approx([2000.0, 20000 / 3])
    assert h["period"].dt.strftime("%Y-%m-%d").tolist() == ["2024-03-04", "2024-03-11"]
    c = out[(out["outlet"] == "C") & (out["term"] == "wheat prices")]
    assert c["n"].tolist() == [1]
    monthly = keyword_trends(arts, "storm", freq="M", by=None, text="raw")
    assert monthly[["corpus", "n", "n_words"]].values.tolist() == [["all", 3, 10]]


def test_keyword_trends_undated_blank_and_empty():
    arts = _arts(["Storm.", "Storm storm."], ["H", "H"], ["2024-03-04", None])
    with pytest.warns(UserWarning, match="1 article"):
        out = keyword_trends(arts, "storm", text="raw")
    assert out.attrs["n_undated"] == 1 and out["n"].tolist() == [1]
    with pytest.raises(ValueError, match="publication date"):
        keyword_trends(_arts(["Storm."], ["H"]), "storm", text="raw")
    with pytest.raises(ValueError, match="no word token"):
        keyword_trends(arts, "--", text="raw")
    empty = keyword_trends(EMPTY, "storm")
    assert empty.empty and empty.columns.tolist()[0] == "outlet"
    blank = keyword_trends(_arts([""], ["H"], ["2024-01-01"]), "storm", text="raw")
    assert blank["n"].tolist() == [0] and np.isnan(blank["per_10k_words"].iloc[0])


def test_keyword_trends_clean_and_dirty():
    arts = _arts([DIRTY_HERALD, CLEAN_HERALD], ["H", "H"], ["2024-03-04", "2024-03-05"])
    raw = keyword_trends(arts, "harbour", text="raw")
    clean = keyword_trends(arts, "harbour", text="clean")
    assert raw["n"].item() == 5 and clean["n"].item() == 4
    assert clean["n_words"].item() < raw["n_words"].item()


def test_outlets_named_all_and_rest_are_outlets() -> None:
    """No magic string can stand for an outlet: "all" is an outlet name like any other
    (it once recursed forever), and a list always names outlets."""
    arts = pd.DataFrame(
        {
            "article_id": ["1", "2", "3"],
            "outlet": ["all", "rest", "Herald"],
            "text": ["Storm storm storm coast.", "Budget vote vote.", "Storm budget vote."],
        }
    )
    table = keyness(arts, "all", min_count=1, text="raw")
    assert set(table["target"]) == {"all"} and set(table["reference"]) == {"rest"}
    assert table.loc[table["term"] == "storm", "n_target"].item() == 3
    vs_outlet = keyness(arts, "all", ["rest"], min_count=1, text="raw")
    assert vs_outlet.loc[vs_outlet["term"] == "vote", "n_reference"].item() == 2
    everyone = keyness(arts, None, min_count=1, text="raw")
    assert set(everyone["target"]) == {"all", "rest", "Herald"}
    with pytest.raises(ValueError, match="no outlet named 'nobody'"):
        keyness(arts, "nobody", text="raw")
