"""Tests of toolkit.stats.keywords.tokens: tokens and stop words."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from keyword_samples import CLEAN_HERALD, DIRTY_HERALD
from keyword_samples import arts_of as _arts

from toolkit.stats.keywords import (
    keyness,
    keyword_frequencies,
    merge_counts,
    stopwords,
    term_counts,
    tokenize,
    tokenize_series,
)
from toolkit.stats.keywords.tokens import resolve_stop_words

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
        # the toolkit's words: combining marks and zero-width joiners stay inside a word
        ("हिन्दी समाचार", ["हिन्दी", "समाचार"]),
        ("العَرَبِيَّة می\u200cشود", ["العَرَبِيَّة", "می\u200cشود"]),
        ("Re\u0301sume\u0301 4,5 млн", ["re\u0301sume\u0301", "4,5", "млн"]),
    ],
)
def test_tokenize_examples(text, expected):
    assert tokenize(text) == expected


def test_tokens_are_the_words_of_toolkit_text_normalised():
    from toolkit.stats.keywords import TOKEN_PATTERN
    from toolkit.text import WORD_PATTERN, words

    assert TOKEN_PATTERN is WORD_PATTERN
    for text in ("", CLEAN_HERALD, DIRTY_HERALD, "Lavrov’s U.S. infor\u00admation, 1,200 _x_"):
        # one token per word, whatever normalisation does to it; filtering drops some
        assert len(tokenize(text)) == len(words(text))
        assert len(tokenize(text, keep_numbers=False)) <= len(words(text))


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
    freq = keyword_frequencies(arts, text="raw", stop_words=None, keep_artifacts=True)
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
        stopwords("xx")
    assert {"und", "der"} <= stopwords("de") and "war" in stopwords("de")
    assert "war" not in stopwords("en") and "war" not in resolve_stop_words("auto", ["en", "ru"])


def test_auto_stop_words_follow_each_outlets_language():
    arts = pd.DataFrame(
        {
            "article_id": ["d1", "d2", "e1", "e2"],
            "outlet": ["Berliner Blatt", "Berliner Blatt", "Harbour Herald", "Harbour Herald"],
            "language": ["de", "de", "en", "en"],
            "text": [
                "Der Krieg und die Stadt: der Rat tagte.",
                "Die Stadt und der Hafen.",
                "The war in the valley ended.",
                "After the war, the harbour reopened.",
            ],
        }
    )
    freqs = keyword_frequencies(arts, text="raw")
    german = set(freqs.loc[freqs["outlet"] == "Berliner Blatt", "term"])
    english = set(freqs.loc[freqs["outlet"] == "Harbour Herald", "term"])
    assert {"krieg", "stadt", "rat"} <= german and not {"der", "die", "und"} & german
    assert "war" in english  # a German stop word, but not for the English outlet
    counts = term_counts(arts, text="raw")
    assert counts.group_language("Berliner Blatt") == "de"
    halves = merge_counts(
        [term_counts(arts.iloc[:3], text="raw"), term_counts(arts.iloc[3:], text="raw")]
    )
    assert halves.languages == counts.languages
    without = keyword_frequencies(arts.drop(columns="language"), text="raw")
    assert "der" in set(without["term"])  # no language column: English and Russian lists only
    key = keyness(arts, target="Berliner Blatt", reference="Harbour Herald", text="raw")
    assert not {"der", "die", "und"} & set(key["term"])
