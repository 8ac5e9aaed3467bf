"""Tests of toolkit.stats.keywords.context: concordance, collocations, trends."""

from __future__ import annotations

import numpy as np
import pytest
from keyword_samples import BLANK, CLEAN_COURIER, CLEAN_HERALD, DIRTY_HERALD, EMPTY
from keyword_samples import arts_of as _arts

from toolkit.stats.keywords import (
    collocations,
    concordance,
    keyword_trends,
    stopwords,
    tokenize,
)

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


def test_concordance_matches_whole_words_as_toolkit_text_defines_them():
    # a combining mark or an invisible joiner continues a word; "U.S." is one word
    text = "हिन्द हिन्दी fire\u00adman fire, ЦИК\u200cа ЦИК. The U.S. and us"
    arts = _arts([text], ["H"])
    assert concordance(arts, "हिन्द", text="raw")["offset"].tolist() == [0]
    assert concordance(arts, "fire", text="raw")["offset"].tolist() == [text.index("fire,")]
    assert concordance(arts, "цик", text="raw")["match"].tolist() == ["ЦИК"]
    assert [tokenize(m) for m in concordance(arts, "u.s.", text="raw")["match"]] == [["u.s."]]


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
