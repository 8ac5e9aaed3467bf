"""Tests of the content filter of the keyword tables (toolkit.stats.keywords.content,
excluded_terms, keep_artifacts), the language of the reference, stems and the raw vs
clean keyness."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from keyword_samples import BLANK, CLEAN_COURIER, CLEAN_HERALD, DIRTY_HERALD, EMPTY, arts_of

from toolkit.stats.keywords import (
    ARTIFACT_REASONS,
    RAW_CLEAN_COLUMNS,
    excluded_terms,
    keyness,
    keyness_raw_clean,
    keyness_table,
    keyword_frequencies,
    stem_words,
    term_counts,
)
from toolkit.stats.keywords.content import DATE_WORDS, domain_words, name_words, word_reasons

# --------------------------------------------------------------------------- word rules


def test_word_rules():
    words = ["2024", "1,250", "3rd", "5.9m", "covid-19", "g7", "c", "ð", "u.s.", "mar",
             "Tuesday", "марта", "сентябре", "среда", "march", "harbour", "utc", ""]  # fmt: skip
    assert word_reasons(words).tolist() == [
        "number", "number", "number", "number", None, None, "short", "short", None, "date",
        "date", "date", "date", None, "date", None, "date", "short",
    ]  # fmt: skip
    assert "may" not in DATE_WORDS  # a stop word, and a verb
    assert word_reasons([]).tolist() == []


def test_name_and_domain_words():
    assert set(name_words(["Meridian Dispatch"])) == {"meridian", "dispatch", "meridiandispatch"}
    assert set(name_words(["The Ledger Daily"])) == {
        "ledger", "daily", "ledgerdaily", "theledgerdaily",
    }  # fmt: skip
    assert name_words(["Вестник Севера"])["севера"] == "Вестник Севера"
    hosts = domain_words(["m.vestnik-severa.example", "news.example.com"])
    assert {"vestnik-severa", "vestnik", "severa", "example", "com"} <= set(hosts)
    assert "news" not in hosts and "m" not in hosts  # generic labels name no outlet
    assert hosts["severa"] == "m.vestnik-severa.example"


# --------------------------------------------------------------------------- the filter

ARTS = pd.DataFrame(
    {
        "article_id": ["h1", "h2", "h3", "c1", "c2"],
        "outlet": ["Harbour Herald"] * 3 + ["Grain Courier"] * 2,
        "url": [
            "https://harbourherald.example/1",
            None,
            "https://harbourherald.example/3",
            "https://www.grain-courier.example/a",
            None,
        ],
        "text": [
            f"Subscribe\nLog in or register\n\n{CLEAN_HERALD.replace('Monday', d)}\n\n"
            "Harbour Herald: 12 March 2024\nRead more at harbourherald.example"
            for d in ("Monday", "Tuesday", "Friday")
        ]
        + [CLEAN_COURIER + " Grain Courier, 4 c.", CLEAN_COURIER.replace("week", "month")],
    }
)


def test_keyness_leaves_out_artifacts_and_the_switch_shows_everything():
    counts = term_counts(ARTS, text="raw")
    everything = keyness(counts, "Harbour Herald", keep_artifacts=True, max_dp=None, min_count=1)
    content = keyness(counts, "Harbour Herald", max_dp=None, min_count=1)
    shown = set(everything["term"])
    assert {"herald", "harbourherald", "12", "2024", "march", "subscribe"} <= shown
    kept = set(content["term"])
    assert not kept & {"herald", "harbour", "harbourherald", "12", "2024", "march", "subscribe",
                       "example", "grain", "courier", "c", "4"}  # fmt: skip
    assert {"storm", "flooded", "port"} <= kept
    # the words of the other outlet's name are left out too
    assert "courier" in shown and "courier" not in kept
    # exclude adds words of the caller's own
    assert "storm" not in set(keyness(counts, "Harbour Herald", exclude=["Storm"])["term"])


def test_excluded_terms_says_what_and_why():
    table = excluded_terms(ARTS, text="raw")
    assert table.columns.tolist() == ["outlet", "term", "reason", "word", "source", "n",
                                      "n_articles"]  # fmt: skip
    assert set(table["reason"]) <= set(ARTIFACT_REASONS)
    herald = table[table["outlet"] == "Harbour Herald"].set_index("term")
    assert herald.loc["herald", "reason"] == "outlet name"
    assert herald.loc["herald", "source"] == "Harbour Herald"
    assert herald.loc["harbourherald", "reason"] in ("outlet name", "domain")
    assert herald.loc["2024", "reason"] == "number" and herald.loc["march", "reason"] == "date"
    assert herald.loc["subscribe", "reason"] == "template"
    assert "template lines" in herald.loc["subscribe", "source"]
    assert herald.loc["subscribe", "n"] == 3
    courier = table[table["outlet"] == "Grain Courier"].set_index("term")
    assert courier.loc["c", "reason"] == "short"
    # what is listed is exactly what the table leaves out
    everything = keyword_frequencies(ARTS, text="raw", keep_artifacts=True)
    content = keyword_frequencies(ARTS, text="raw")
    gone = set(map(tuple, everything[["outlet", "term"]].values)) - set(
        map(tuple, content[["outlet", "term"]].values)
    )
    assert gone == set(map(tuple, table[["outlet", "term"]].values)) & set(
        map(tuple, everything[["outlet", "term"]].values)
    )


def test_ngrams_with_an_artifact_word_are_left_out():
    table = keyword_frequencies(ARTS, ngram=2, text="raw")
    assert not table["term"].str.contains("herald|2024|march").any()
    assert "port authority" in set(table["term"])
    reasons = excluded_terms(ARTS, "Harbour Herald", ngram=2, text="raw").set_index("term")
    assert reasons.loc["march 2024", "word"] == "2024"  # numbers come first


def test_the_filter_on_empty_blank_and_clean_text():
    for data in (EMPTY, BLANK):
        assert keyword_frequencies(data).empty and excluded_terms(data).empty
        assert keyness(data, "Herald").empty if len(data) else True
    clean = keyword_frequencies(arts_of([CLEAN_HERALD], ["Herald"]), text="raw")
    everything = keyword_frequencies(
        arts_of([CLEAN_HERALD], ["Herald"]), text="raw", keep_artifacts=True
    )
    assert set(everything["term"]) - set(clean["term"]) == {"monday"}  # a date, no more
    dirty = arts_of([DIRTY_HERALD] * 3, ["Herald"] * 3)
    assert len(keyword_frequencies(dirty, text="raw")) < len(
        keyword_frequencies(dirty, text="raw", keep_artifacts=True)
    )


# --------------------------------------------------------------------------- languages

EN = [
    "The port strike entered its third day as dockers rejected the offer from the company.",
    "Dockers marched through the port while the company said talks would resume.",
    "Farmers said wheat prices fell again after the port strike delayed exports.",
    "Wheat exports stalled at the port, farmers said, as the strike went on.",
]
RU = [
    "Докеры заявили о продолжении забастовки в порту, компания заявила о переговорах.",
    "Министр заявил, что забастовка в порту нанесла ущерб экспорту зерна.",
    "Забастовка докеров в порту продолжается, заявила компания в понедельник.",
]


def _languages() -> pd.DataFrame:
    arts = arts_of([*EN, *RU], ["Port News"] * 2 + ["Farm Post"] * 2 + ["Вести"] * 3)
    arts["language"] = ["en"] * 4 + ["ru"] * 3
    return arts


def test_rest_is_the_outlets_of_the_targets_language():
    counts = term_counts(_languages(), text="raw")
    same = keyness(counts, "Port News", min_count=1)
    anyone = keyness(counts, "Port News", min_count=1, language="any")
    words = counts.n_words
    c = words[counts.group_position("Port News")]
    en_rest = words[counts.group_position("Farm Post")]
    row = same.set_index("term").loc["dockers"]
    assert row["n_reference"] == 0
    # the reference is Farm Post alone: the statistic uses its size, not Вести's too
    from toolkit.stats.keywords import log_likelihood_g2

    assert row["g2"] == pytest.approx(log_likelihood_g2(2, 0, c, en_rest)[0])
    assert anyone.set_index("term").loc["dockers", "g2"] != pytest.approx(row["g2"])
    assert any("not with Вести" in n for n in same.attrs["notes"])
    assert not (same["term"].str.contains("[а-я]")).any()  # only the target's script
    assert anyone["term"].str.contains("[а-я]").any()


def test_an_outlet_alone_in_its_language_is_compared_with_all_and_told_so():
    counts = term_counts(_languages(), text="raw")
    ru = keyness(counts, "Вести", min_count=2)
    assert ru.loc[ru["g2"] > 0, "term"].str.contains("^[а-яё-]+$").all()
    assert "забастовка" in set(ru["term"]) or "порту" in set(ru["term"])
    assert any("No other outlet writes mainly in ru" in n for n in ru.attrs["notes"])
    table = keyness_table(counts, min_count=2)
    assert any("No other outlet" in n for n in table.attrs["notes"])
    pair = keyness(counts, "Вести", "Farm Post", min_count=1)
    assert any("another language" in n for n in pair.attrs["notes"])
    with pytest.raises(ValueError, match="language"):
        keyness(counts, "Вести", language="ru")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- stems


def test_russian_forms_are_one_stem():
    assert len(set(stem_words(["заявил", "заявила", "заявили"]))) == 1
    counts = term_counts(_languages(), text="raw")
    plain = keyness(counts, "Вести", min_count=1, max_dp=None)
    assert {"заявил", "заявила", "заявили"} <= set(plain["term"])
    # apart, each form is one article's word, left out by the dispersion filter
    assert "заявил" not in set(keyness(counts, "Вести", min_count=1)["term"])
    stemmed = keyness(counts, "Вести", min_count=1, stem=True)
    row = stemmed.set_index("stem").loc["заяв"]
    assert row["term"] == "заявила"  # the most frequent form (2), ties alphabetical
    assert row["n_target"] == 4 and row["n_target_articles"] == 3
    assert set(row["forms"].split(", ")) == {"заявил", "заявила", "заявили"}
    assert row["forms"].startswith("заявила")
    assert stemmed["stem"].is_unique
    assert "заявил" not in set(stemmed["term"])


def test_stemmed_frequencies_count_articles_once():
    arts = arts_of(["Markets fell. The market fell.", "Market rose.", "Wheat."], ["A", "A", "B"])
    out = keyword_frequencies(arts, text="raw", stem=True).set_index("stem")
    assert out.loc["market", "n"] == 3 and out.loc["market", "n_articles"] == 2
    assert out.loc["market", "term"] == "market"
    lean = term_counts(arts, text="raw", dispersion=False)
    capped = keyword_frequencies(lean, stem=True).set_index("stem")
    assert capped.loc["market", "n_articles"] == 2  # an upper bound, capped by the articles


# --------------------------------------------------------------------------- raw and clean


def test_raw_and_clean_side_by_side():
    herald = [DIRTY_HERALD.replace("Monday", d) for d in ("Monday", "Tuesday", "Friday")]
    arts = arts_of([*herald, CLEAN_COURIER, CLEAN_COURIER], ["Herald"] * 3 + ["Courier"] * 2)
    table = keyness_raw_clean(arts, "Herald", min_count=2)
    assert table.columns.tolist() == list(RAW_CLEAN_COLUMNS)
    rows = table.set_index("term")
    assert rows.loc["subscribe", "key_in"] == "raw" and pd.isna(rows.loc["subscribe", "g2_clean"])
    assert rows.loc["harbour", "key_in"] == "both"
    sides = {"raw": term_counts(arts, text="raw", templates=False), "clean": term_counts(arts)}
    for side, counts in sides.items():
        alone = keyness(counts, "Herald", min_count=2)
        positive = alone[alone["g2"] > 0].reset_index(drop=True)
        np.testing.assert_allclose(
            rows.loc[positive["term"], f"g2_{side}"].to_numpy(), positive["g2"].to_numpy()
        )
        ranks = rows.loc[positive["term"], f"rank_{side}"].to_numpy()
        assert (ranks == np.arange(1, len(positive) + 1)).all()
    top = keyness_raw_clean(arts, "Herald", min_count=2, top=2)
    assert ((top["rank_raw"] <= 2) | (top["rank_clean"] <= 2)).all()
    counts = (term_counts(arts, text="raw", templates=False), term_counts(arts))
    pd.testing.assert_frame_equal(keyness_raw_clean(counts, "Herald", min_count=2), table)
