"""Tests of toolkit.stats.repetition: Gopher fractions, line repeats, near-duplicate articles."""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.stats.repetition import (
    GOPHER_COLUMNS,
    REPEAT_COLUMNS,
    WORD_PATTERN,
    gopher_repetition,
    mark_repeats,
)
from toolkit.text import normalize_for_matching, split_lines

# --------------------------------------------------------------------------- reference


def reference_gopher(text: str) -> dict[str, float]:
    """Plain-Python transcription of the definitions in gopher_repetition's docstring."""
    if not text.strip():
        return dict.fromkeys(GOPHER_COLUMNS, math.nan)
    size = len(text)

    def dups(pieces: list[str]) -> tuple[int, int, int]:
        seen: set[str] = set()
        n_dup = chars = 0
        for piece in pieces:
            if piece in seen:
                n_dup += 1
                chars += len(piece)
            seen.add(piece)
        return len(pieces), n_dup, chars

    lines = [x.strip() for x in text.split("\n") if x.strip()]
    paras = [x.strip() for x in re.split(r"\n\s*\n", text) if x.strip()]
    out: dict[str, float] = {}
    n, d, c = dups(lines)
    out["duplicate_line_fraction"] = d / n
    out["duplicate_line_chr_fraction"] = c / size
    n, d, c = dups(paras)
    out["duplicate_paragraph_fraction"] = d / n
    out["duplicate_paragraph_chr_fraction"] = c / size
    words = re.findall(WORD_PATTERN, text)
    for n in range(2, 11):
        grams = [tuple(words[i : i + n]) for i in range(len(words) - n + 1)]
        covered: set[int] = set()
        if n <= 4:
            counts = Counter(grams)
            if counts:
                top_count = max(counts.values())
                top = next(g for g in grams if counts[g] == top_count)  # first seen
                if top_count >= 2:
                    for i, g in enumerate(grams):
                        if g == top:
                            covered.update(range(i, i + n))
            name = f"top_ngram_chr_fraction_{n}"
        else:
            seen: set[tuple[str, ...]] = set()
            for i, g in enumerate(grams):
                if g in seen:
                    covered.update(range(i, i + n))
                seen.add(g)
            name = f"duplicate_ngram_chr_fraction_{n}"
        out[name] = sum(len(words[k]) for k in covered) / size
    return out


def reference_repeats(
    lines: pd.DataFrame, threshold: float, shingle_size: int, min_words: int
) -> list[tuple[bool, object, float, object]]:
    """O(L^2) transcription of mark_repeats' docstring, row by row."""

    def shingles(text: str) -> tuple[set[tuple[str, ...]], int]:
        w = [normalize_for_matching(word) for word in re.findall(WORD_PATTERN, text)]
        if len(w) < shingle_size:
            return ({tuple(w)} if w else set()), len(w)
        return {tuple(w[i : i + shingle_size]) for i in range(len(w) - shingle_size + 1)}, len(w)

    result: list[tuple[bool, object, float, object]] = []
    for _, row in lines.iterrows():
        earlier = lines[
            (lines["article_id"] == row["article_id"]) & (lines["line_no"] < row["line_no"])
        ].sort_values("line_no")
        exact = earlier[earlier["norm"] == row["norm"]]
        if len(exact):
            result.append((True, int(exact["line_no"].iloc[0]), 1.0, "exact"))
            continue
        mine, n_words = shingles(row["text"])
        best: tuple[float, int] | None = None
        if n_words >= min_words:
            for _, other in earlier.iterrows():
                theirs, n_other = shingles(other["text"])
                if n_other < min_words:
                    continue
                shared = len(mine & theirs)
                sim = shared / (len(mine) + len(theirs) - shared)
                if sim >= threshold - 1e-12 and (best is None or sim > best[0]):
                    best = (sim, int(other["line_no"]))
        if best is None:
            result.append((False, pd.NA, math.nan, None))
        else:
            result.append((True, best[1], best[0], "near"))
    return result


def nas(values: pd.Series) -> list[object]:
    """Values with <NA> as None, so that lists compare with ==."""
    return [None if v is pd.NA else v for v in values.tolist()]


def lines_of(*texts: str, outlets: tuple[str, ...] | None = None) -> pd.DataFrame:
    arts = pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(len(texts))],
            "outlet": list(outlets) if outlets else ["X"] * len(texts),
            "text": list(texts),
        }
    )
    return split_lines(arts)


# --------------------------------------------------------------------------- gopher

CLEAN = (
    "The harbour reopened on Monday after a week of repairs.\n\n"
    "Fishing boats returned at dawn, and traders set up stalls along the quay."
)
# 100 characters: 9 + 2 + 27 + 2 + 9 + 2 + 27 + 2 + 20
DIRTY = (
    "Subscribe\n\nRain closed the coast road.\n\nSubscribe\n\n"
    "Rain closed the coast road.\n\nThe ferry still ran."
)


def test_gopher_empty_and_blank_are_nan() -> None:
    g = gopher_repetition(pd.Series(["", "  \n\n \t", None], index=[10, 11, 12]))
    assert list(g.columns) == list(GOPHER_COLUMNS)
    assert g.index.tolist() == [10, 11, 12]
    assert g.isna().all().all()


def test_gopher_empty_input() -> None:
    g = gopher_repetition([])
    assert list(g.columns) == list(GOPHER_COLUMNS)
    assert len(g) == 0


def test_gopher_clean_text_is_zero() -> None:
    g = gopher_repetition([CLEAN])
    assert (g.iloc[0] == 0.0).all()


def test_gopher_dirty_text_hand_computed() -> None:
    assert len(DIRTY) == 100
    row = gopher_repetition([DIRTY]).iloc[0]
    # 5 non-blank lines ("Subscribe", "Rain ...", "Subscribe", "Rain ...", "The ferry ...");
    # the 2nd "Subscribe" (9) and 2nd "Rain closed the coast road." (27) are duplicates
    assert row["duplicate_line_fraction"] == pytest.approx(2 / 5)
    assert row["duplicate_line_chr_fraction"] == pytest.approx((9 + 27) / 100)
    assert row["duplicate_paragraph_fraction"] == pytest.approx(2 / 5)
    assert row["duplicate_paragraph_chr_fraction"] == pytest.approx(36 / 100)
    # words: Subscribe Rain closed the coast road Subscribe Rain closed the coast road
    #        The ferry still ran (16). Every repeated 2/3/4-gram occurs twice; the first
    # seen starts at "Subscribe": 2 * (9+4), 2 * (9+4+6), 2 * (9+4+6+3) characters
    assert row["top_ngram_chr_fraction_2"] == pytest.approx(26 / 100)
    assert row["top_ngram_chr_fraction_3"] == pytest.approx(38 / 100)
    assert row["top_ngram_chr_fraction_4"] == pytest.approx(44 / 100)
    # 5-grams starting at words 6 and 7 repeat those at 0 and 1: words 6..11 are covered,
    # "Subscribe Rain closed the coast road" = 9+4+6+3+5+4 = 31 characters
    assert row["duplicate_ngram_chr_fraction_5"] == pytest.approx(31 / 100)
    # the 6-gram at word 6 repeats the one at 0: the same words 6..11
    assert row["duplicate_ngram_chr_fraction_6"] == pytest.approx(31 / 100)
    # a 7-gram at word 6 ends in "The", at 0 in "Subscribe": no repeated 7-gram
    for n in range(7, 11):
        assert row[f"duplicate_ngram_chr_fraction_{n}"] == 0.0


def test_gopher_overlapping_repeats_stay_below_one() -> None:
    # "go" x 7: 20 characters, 7 words of 2 characters
    row = gopher_repetition(["go go go go go go go"]).iloc[0]
    # top 2-gram "go go" occurs 6 times and covers all 7 words: 14 / 20
    # (datatrove: len("go go") * 6 / 20 = 1.5)
    assert row["top_ngram_chr_fraction_2"] == pytest.approx(14 / 20)
    # 5-grams at 1 and 2 repeat the one at 0: words 1..6 covered, 12 / 20
    assert row["duplicate_ngram_chr_fraction_5"] == pytest.approx(12 / 20)
    # one 7-gram only: nothing repeated; fewer than 8 words: 0.0, not NaN
    assert row["duplicate_ngram_chr_fraction_7"] == 0.0
    assert row["duplicate_ngram_chr_fraction_10"] == 0.0


def test_gopher_changed_quotes_seen_by_ngrams_not_by_lines() -> None:
    quote = "we will keep the bridge open for every family in the valley"
    text = f'“{quote.capitalize()},” she said.\n\n"{quote.capitalize()}," she said.'
    row = gopher_repetition([text]).iloc[0]
    assert row["duplicate_line_fraction"] == 0.0
    assert row["duplicate_paragraph_chr_fraction"] == 0.0
    # all 14 words of the second paragraph repeat the first:
    # we will keep the bridge open for every family in the valley = 2+4+4+3+6+4+3+5+6+2+3+6
    # = 48 letters, she said = 3 + 4
    assert row["duplicate_ngram_chr_fraction_10"] == pytest.approx((48 + 7) / len(text))


def test_gopher_first_seen_wins_ties() -> None:
    # "red sun" and "cold rain" both occur twice; "red sun" is seen first
    row = gopher_repetition(["red sun cold rain red sun cold rain"]).iloc[0]
    # top 2-gram: "red sun" 2 * (3+3) = 12 of 35 characters. ("sun cold" also twice)
    assert row["top_ngram_chr_fraction_2"] == pytest.approx(12 / 35)


def test_gopher_batch_equals_one_by_one() -> None:
    texts = [DIRTY, CLEAN, "", DIRTY + "\n\n" + CLEAN, "x"]
    together = gopher_repetition(texts)
    for i, text in enumerate(texts):
        alone = gopher_repetition([text]).iloc[0]
        pd.testing.assert_series_equal(together.iloc[i], alone, check_names=False)


def test_gopher_chunks_give_the_same_values(monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit.stats import repetition

    texts = [DIRTY, CLEAN, "", "go go go go go go go", DIRTY * 3, "x"] * 3
    whole = gopher_repetition(texts)
    monkeypatch.setattr(repetition, "RUN_CHARS", 150)
    assert len(repetition._chunks(texts)) > 5
    pd.testing.assert_frame_equal(gopher_repetition(texts), whole)


def test_gopher_texts_holding_every_separator_character() -> None:
    # the corpus is tokenized in one pass with a separator absent from all texts;
    # when every candidate separator occurs, texts are tokenized one by one
    nasty = "red sun\x00red sun \x01\x02\x03\ue000\uffff red sun"
    texts = [nasty, DIRTY, "\x00"]
    got = gopher_repetition(texts)
    want = pd.DataFrame([reference_gopher(t) for t in texts], columns=list(GOPHER_COLUMNS))
    np.testing.assert_allclose(got.to_numpy(float), want.to_numpy(float), rtol=1e-12)
    assert got.loc[0, "top_ngram_chr_fraction_2"] == pytest.approx(3 * 6 / len(nasty))


_WORDS = [
    "sun",
    "rain",
    "Sun",
    "red",
    "go",
    "it's",
    "e-mail",
    "x",
    "U.S.",
    "1,2",
    "हिन्दी",
    "é\u0301",
]
_text = st.lists(
    st.sampled_from([*_WORDS, " ", " ", "\n", "\n\n", ".", "“", "  \n \n", "\x00"]), max_size=60
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_text, max_size=6))
def test_gopher_matches_reference(texts: list[str]) -> None:
    got = gopher_repetition(texts)
    want = pd.DataFrame([reference_gopher(t) for t in texts], columns=list(GOPHER_COLUMNS))
    np.testing.assert_allclose(got.to_numpy(float), want.to_numpy(float), rtol=1e-12)


def test_gopher_words_are_the_toolkits_words() -> None:
    from toolkit import text

    assert WORD_PATTERN is text.WORD_PATTERN  # one definition, re-exported here
    # marks continue a word: 4 words (not 10 pieces), the top 2-gram covers all of them
    hindi = "हिन्दी समाचार हिन्दी समाचार"  # 27 code points, words of 6
    assert len(hindi) == 27
    row = gopher_repetition([hindi]).iloc[0]
    assert row["top_ngram_chr_fraction_2"] == pytest.approx(24 / 27)
    # numbers with separators and abbreviations are one word each (their marks counted)
    row = gopher_repetition(["1,250 U.S. troops; 1,250 U.S. troops"]).iloc[0]
    assert row["top_ngram_chr_fraction_3"] == pytest.approx(2 * (5 + 4 + 6) / 36)


@settings(max_examples=150, deadline=None)
@given(_text)
def test_gopher_properties(text: str) -> None:
    row = gopher_repetition([text]).iloc[0]
    values = row.to_numpy(float)
    if not text.strip():
        assert np.isnan(values).all()
        return
    assert ((values >= 0) & (values <= 1)).all()
    # a repeated (n+1)-gram implies repeated n-grams over the same words
    dup = [row[f"duplicate_ngram_chr_fraction_{n}"] for n in range(5, 11)]
    assert all(a >= b for a, b in itertools.pairwise(dup))
    # appending a copy of an existing paragraph never lowers the count-based fractions
    para = next(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())
    longer = gopher_repetition([text + "\n\n" + para]).iloc[0]
    assert longer["duplicate_paragraph_fraction"] >= row["duplicate_paragraph_fraction"]
    assert longer["duplicate_line_fraction"] >= row["duplicate_line_fraction"]
    assert longer["duplicate_paragraph_fraction"] > 0


# --------------------------------------------------------------------------- mark_repeats

NEAR_A = (
    "“We will share our view of the talks with our partners,” the minister said during "
    "a visit to Oslo on Friday."
)
NEAR_B = (
    '"We will share our view of the talks with our partners," the minister told reporters in Oslo.'
)
SAME_TOPIC = "The minister said the talks in Oslo had been difficult but would go on next week."


def test_mark_repeats_exact_after_normalisation() -> None:
    text = 'Subscribe\n“Rain closed  the road,” he said.\n\nSUBSCRIBE\n"rain closed the road," he said.'
    out = mark_repeats(lines_of(text))
    assert out["line_no"].tolist() == [1, 2, 4, 5]
    assert out["is_repeat"].tolist() == [False, False, True, True]
    assert nas(out["repeat_of"]) == [None, None, 1, 2]
    assert out["repeat_kind"].tolist() == [None, None, "exact", "exact"]
    assert out["repeat_similarity"].iloc[2:].tolist() == [1.0, 1.0]
    assert out["repeat_similarity"].iloc[:2].isna().all()
    assert str(out["repeat_of"].dtype) == "Int64"
    assert out["is_repeat"].dtype == bool


def test_mark_repeats_near_changed_quotes_and_attribution() -> None:
    out = mark_repeats(lines_of(f"{NEAR_A}\n\nSome other line here today.\n\n{NEAR_B}"))
    row = out.iloc[2]
    assert bool(row["is_repeat"]) and row["repeat_kind"] == "near" and row["repeat_of"] == 1
    # A: 21 words -> 19 3-word shingles; B: 17 words -> 15; shared: the 13 words
    # "we will ... partners the minister" -> 11 shingles; 11 / (19 + 15 - 11) = 11 / 23
    assert row["repeat_similarity"] == pytest.approx(11 / 23)
    # with the older 0.5 threshold it would be missed
    assert not mark_repeats(lines_of(f"{NEAR_A}\n{NEAR_B}"), threshold=0.5)["is_repeat"].any()


def test_mark_repeats_same_topic_is_not_a_repeat() -> None:
    out = mark_repeats(lines_of(f"{NEAR_A}\n\n{SAME_TOPIC}"))
    assert not out["is_repeat"].any()
    assert out["repeat_kind"].isna().all()


# --------------------------------------------------------------------------- captions

CAPTION = "Rain over the harbour."
CREDITED = "Rain over the harbour. Photo: J. Smith / Agency"
BODY = "The storm reached the town at noon and closed the coast road for six hours."


def caption_marks(*lines: str) -> list[tuple[object, object]]:
    """(repeat_of, repeat_kind) of each line of one article made of ``lines``."""
    out = mark_repeats(lines_of("\n".join(lines)))
    return list(zip(nas(out["repeat_of"]), out["repeat_kind"].tolist(), strict=True))


@pytest.mark.parametrize(
    ("first", "later"),
    [
        (CREDITED, CAPTION),  # the credit dropped
        (CAPTION, CREDITED),  # the credit added
        (CREDITED, "Rain over the harbour (Reuters)"),  # another credit, no full stop
        ("Rain over the harbour / AP", "Rain over the harbour. Credit: Getty Images"),
        ("Rain over the harbour. Picture by Sam Pryor", "rain over the harbour"),
        # a credit glued before the caption (no space), then the image's alt text
        ("© Herald Photo / ANNA KOVALRain over the harbour", "Rain over the harbour - The Herald"),
        ("© Herald Photo / MIKHAIL ORENA boat in the harbour", "A boat in the harbour - Herald"),
        ("Дождь над гаванью. Фото: И. Смирнов / ТАСС", "Дождь над гаванью."),
        ("Дождь над гаванью (ТАСС)", "Дождь над гаванью. Снимок: Вестник Севера"),
    ],
)
def test_mark_repeats_caption_with_or_without_its_credit(first: str, later: str) -> None:
    out = mark_repeats(lines_of(f"{first}\n{BODY}\n{later}"))
    assert out["is_repeat"].tolist() == [False, False, True]
    assert nas(out["repeat_of"]) == [None, None, 1]  # the first copy
    assert out["repeat_kind"].tolist() == [None, None, "caption"]
    # the share of the longer line that is the caption
    longer = max(len(normalize_for_matching(first)), len(normalize_for_matching(later)))
    caption = normalize_for_matching(later if len(later) < len(first) else first)
    assert 0 < out["repeat_similarity"].iloc[2] < 1
    assert out["repeat_similarity"].iloc[2] <= len(caption) / longer + 1e-9


def test_mark_repeats_caption_on_empty_clean_and_dirty_text() -> None:
    assert len(mark_repeats(lines_of(""))) == 0
    clean = mark_repeats(lines_of(f"{CREDITED}\n{BODY}\nBoats were moved inland."))
    assert not clean["is_repeat"].any()
    dirty = mark_repeats(lines_of(f"Subscribe\n{CREDITED}\n\n{BODY}\nSubscribe\n{CAPTION}\n{BODY}"))
    assert dirty["line_no"].tolist() == [1, 2, 4, 5, 6, 7]
    assert nas(dirty["repeat_of"]) == [None, None, None, 1, 2, 4]
    assert dirty["repeat_kind"].tolist() == [None, None, None, "exact", "caption", "exact"]


@pytest.mark.parametrize(
    ("first", "later"),
    [
        # two different captions with the same credit
        (CREDITED, "Boats in the bay. Photo: J. Smith / Agency"),
        ("Rain over the harbour (Reuters)", "Boats moored in the bay (Reuters)"),
        # a body line ending in a credit-like "(Reuters)" vs a different line
        (
            "Oil prices rose on Monday as the strike went on (Reuters)",
            "Oil prices fell on Tuesday as the strike ended",
        ),
        ("Фото: И. Смирнов / ТАСС", "Фото: О. Белова / ТАСС"),  # credits alone
        ("Дождь над гаванью в Порт-Халдене. Фото: ТАСС", "Снег на улицах Грейфорда. Фото: ТАСС"),
        # the end of a glued caption is a guess: two of them only match through a bare line
        ("© Herald / ANNA KOVALRain over the harbour", "Photo: T. Lind / AP Rain over the harbour"),
        # a copyright line is no credit
        ("The Associated Press", "© 2008 The Associated Press"),
        ("Citibank Credit Cards", "Credit Card Offers: Citibank Credit Cards"),
        ("Photo by David Dyer-Bennet", "Photo illustration by Slate. Photo by David Dyer-Bennet."),
        # too short to be compared without its credit
        ("Ilse Marten", "Ilse Marten. Photo: AP"),
        # two lines with a site name at the end, no credit
        ("Rain on harbour - Herald", "Rain on harbour - Gazette"),
        # "Reuters" in a sentence is no credit
        (
            "Weekends with Alex Witt",
            "David Rhode, a columnist at Reuters, told Weekends with Alex Witt that the talks "
            "had been difficult.",
        ),
    ],
)
def test_mark_repeats_credit_stripping_keeps_different_lines_apart(first: str, later: str) -> None:
    out = mark_repeats(lines_of(f"{first}\n{BODY}\n{later}"))
    assert not out["is_repeat"].any()
    with_bare_copy = mark_repeats(lines_of(f"{first}\n{BODY}\n{later}\n{first}"))
    assert with_bare_copy["repeat_kind"].tolist() == [None, None, None, "exact"]


@pytest.mark.parametrize(
    ("first", "later"),
    [
        # lines of real pages (dev set) that an earlier draft of the rule paired
        ("24 hours of news photos: 31 July 2012", "24 hours of news photos: 30 July 2012"),
        (
            "Fun Fest: Saturday In Photos: Refused, A$AP Rocky,…",
            "Fun Fest: Saturday In Photos: Refused, A$AP Rocky, WH…",
        ),
        (
            "Die elektronische Patientenakte (ePA) – der lange Marsch ins Gesundheitswesen",
            "Die elektronische Patientenakte – viele Modelle und kaum Vernetzung",
        ),
        ("SocietyGuardian.co.uk", "SocietyGuardian.co.uk © Guardian News and Media Limited 2006"),
    ],
)
def test_mark_repeats_caption_rule_leaves_credit_like_titles_alone(
    first: str, later: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from toolkit.stats import repetition

    lines = lines_of(f"{first}\n{BODY}\n{later}")
    out = mark_repeats(lines)
    assert "caption" not in out["repeat_kind"].tolist()
    none = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))
    monkeypatch.setattr(repetition, "_caption_partners", lambda *args: none)
    pd.testing.assert_frame_equal(mark_repeats(lines), out)  # what the other rules find


def test_mark_repeats_captions_are_found_in_their_article_only() -> None:
    assert not mark_repeats(lines_of(CREDITED, CAPTION))["is_repeat"].any()


def test_mark_repeats_caption_long_credited_line_is_not_a_caption() -> None:
    # a paragraph of more than CAPTION_MAX_WORDS words is no caption, whatever it ends in
    from toolkit.stats.repetition import CAPTION_MAX_WORDS

    long_line = " ".join(["word"] * CAPTION_MAX_WORDS) + " rain over the harbour (Reuters)"
    head = " ".join(["word"] * CAPTION_MAX_WORDS) + " rain over the harbour"
    out = mark_repeats(lines_of(f"{head}\n{long_line}"))
    assert out["repeat_kind"].tolist() == [None, "near"]  # a near repeat, not a caption


def test_mark_repeats_caption_wins_over_near_and_exact_over_caption(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from toolkit.stats import repetition

    lines = (CREDITED, BODY, CAPTION, "Rain over the harbour (AFP)", CAPTION)
    marks = caption_marks(*lines)
    # the second bare copy is an exact repeat of the first bare one
    assert marks == [(None, None), (None, None), (1, "caption"), (1, "caption"), (3, "exact")]
    # the AFP copy is nearer the bare copy (shingles 2 of 3) than the credited first copy
    # (2 of 7): without the caption rule it would be a near repeat of the bare copy
    none = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))
    monkeypatch.setattr(repetition, "_caption_partners", lambda *args: none)
    assert caption_marks(*lines)[3] == (3, "near")


def test_mark_repeats_caption_unsorted_input_and_hash_collisions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from toolkit.stats import repetition

    lines = lines_of(
        f"{CREDITED}\n{BODY}\n{CAPTION}", f"{CAPTION}\nx y\nRain over the harbour / AP"
    )
    whole = mark_repeats(lines)
    assert nas(whole["repeat_of"]) == [None, None, 1, None, None, 1]
    shuffled = lines.iloc[::-1]
    pd.testing.assert_frame_equal(mark_repeats(shuffled), whole.iloc[::-1])
    monkeypatch.setattr(
        repetition, "_session_hashes", lambda tokens: np.zeros(len(tokens), dtype=np.uint64)
    )
    pd.testing.assert_frame_equal(mark_repeats(lines), whole)


def test_mark_repeats_demo_corpus_captions() -> None:
    """The demo corpus's labelled caption repeats (the alt text after a credit glued to its
    caption) are all found, pointing at the labelled line, and nothing else is a caption."""
    from pathlib import Path

    from toolkit.corpus import load_corpus

    root = Path(__file__).resolve().parents[2] / "corpus"
    labels = pd.read_json(root / "labels.jsonl", lines=True)
    marked = mark_repeats(split_lines(load_corpus(root).articles))
    got = marked.merge(labels, on=["article_id", "line_no"], how="left", suffixes=("", "_gold"))
    gold_captions = got[(got["kind"] == "caption") & got["repeat_of_gold"].notna()]
    assert len(gold_captions) >= 10
    assert (gold_captions["repeat_of"] == gold_captions["repeat_of_gold"]).all()
    captions = got[got["repeat_kind"] == "caption"]
    assert len(captions) and (captions["kind"] == "caption").all()
    assert (captions["repeat_of"] == captions["repeat_of_gold"]).all()


def test_mark_repeats_credit_line_is_not_a_repeat_of_byline() -> None:
    byline = "By Anna Berg and Tom Lind"
    credit = "Reporting by Anna Berg and Tom Lind; Editing by Sara Holm"
    # 6 words -> 4 shingles, 11 words -> 9 shingles, 4 shared: 4 / 9 = 0.444 < 0.45
    assert not mark_repeats(lines_of(f"{byline}\n{credit}"))["is_repeat"].any()
    out = mark_repeats(lines_of(f"{byline}\n{credit}"), threshold=0.4)
    assert out["repeat_similarity"].iloc[1] == pytest.approx(4 / 9)


def test_mark_repeats_first_occurrence_and_other_articles() -> None:
    out = mark_repeats(lines_of(NEAR_A, NEAR_B, NEAR_A))  # three articles, one line each
    assert not out["is_repeat"].any()


def test_mark_repeats_picks_most_similar_then_earliest() -> None:
    base = "one two three four five six seven eight"
    close = "one two three four five six seven nine"  # 5 of 6 shingles shared with base
    far = "one two three four five ten eleven twelve"  # 3 of 6 shared
    out = mark_repeats(lines_of(f"{far}\n{close}\n{base}"))
    # close vs far: 3 shared of 6 + 6 - 3 = 9 shingles, 1/3 < 0.45: not a repeat;
    # base vs close: 5 shared of 6 + 6 - 5 = 7 (5/7); base vs far: 3/9
    assert nas(out["repeat_of"]) == [None, None, 2]
    assert out["repeat_similarity"].iloc[2] == pytest.approx(5 / 7)
    tie = mark_repeats(lines_of(f"{close}\n{close}x\n{base}"))
    # lines 1 and 2 differ only in their last shingle: base is 5/7 to both, earliest wins
    assert nas(tie["repeat_of"]) == [None, 1, 1]


def test_mark_repeats_short_lines_only_exact() -> None:
    out = mark_repeats(lines_of("red sun rises\nred sun rose\nred sun rises"))
    assert out["repeat_kind"].tolist() == [None, None, "exact"]


def test_mark_repeats_empty_and_no_mutation() -> None:
    empty = mark_repeats(lines_of())
    assert len(empty) == 0
    for col in REPEAT_COLUMNS:
        assert col in empty.columns
    lines = lines_of(f"{NEAR_A}\n{NEAR_A}")
    before = lines.copy()
    mark_repeats(lines)
    pd.testing.assert_frame_equal(lines, before)


def test_mark_repeats_unsorted_input_keeps_index() -> None:
    lines = lines_of(f"{NEAR_A}\n\n{NEAR_B}", "x y\nx y")
    shuffled = lines.iloc[[3, 1, 0, 2]]
    out = mark_repeats(shuffled)
    assert out.index.tolist() == [3, 1, 0, 2]
    # rows: a1 line 2 (= its line 1), a0 line 3 (near its line 1), a0 line 1, a1 line 1
    assert nas(out["repeat_of"]) == [1, 1, None, None]


def test_mark_repeats_chunks_give_the_same_result(monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit.stats import repetition

    texts = [f"{NEAR_A}\n{SAME_TOPIC}\n{NEAR_B}\n{NEAR_A}", "x y\nx y", NEAR_B] * 4
    lines = lines_of(*texts)
    whole = mark_repeats(lines)
    monkeypatch.setattr(repetition, "RUN_CHARS", 100)
    norms = lines["norm"].tolist()
    art = pd.factorize(lines["article_id"])[0]
    assert len(repetition._article_runs(norms, art)) > 5
    pd.testing.assert_frame_equal(mark_repeats(lines), whole)
    assert whole["is_repeat"].sum() == 4 * 3


def test_mark_repeats_window_and_exact_copies_change_nothing_on_ordinary_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from toolkit.stats import repetition

    texts = [f"{NEAR_A}\n{SAME_TOPIC}\n{NEAR_B}\n{NEAR_A}\n{NEAR_A}\n{NEAR_B}", NEAR_B] * 3
    lines = lines_of(*texts)
    windowed = mark_repeats(lines)
    monkeypatch.setattr(repetition, "MAX_SHINGLE_PARTNERS", 10**9)  # every pair
    pd.testing.assert_frame_equal(mark_repeats(lines), windowed)


@pytest.mark.timeout(120)
def test_thousands_of_similar_lines_are_marked_in_linear_time() -> None:
    # one article of 20,000 near-identical comment lines: all pairs would be 200 million
    body = "\n".join(
        f"I fully agree with this comment about the harbour plan, reader {i} wrote"
        for i in range(20_000)
    )
    marked = mark_repeats(lines_of(body))
    assert int(marked["is_repeat"].sum()) == 19_999
    assert set(marked["repeat_kind"].dropna()) == {"near"}
    assert marked["repeat_similarity"].dropna().between(0.45, 1).all()


def test_a_narrow_window_still_finds_near_repeats(monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit.stats import repetition

    body = "\n".join(f"The council voted to close the old bridge, item {i}" for i in range(40))
    monkeypatch.setattr(repetition, "MAX_SHINGLE_PARTNERS", 2)
    marked = mark_repeats(lines_of(body))
    assert int(marked["is_repeat"].sum()) == 39  # partners may differ, none is lost here


def test_mark_repeats_exact_survives_hash_collisions(monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit.stats import repetition

    lines = lines_of("Alpha line\nbeta line\nALPHA  line\nbeta line", "beta line\nAlpha line")
    whole = mark_repeats(lines)
    assert whole["repeat_of"].tolist() == [pd.NA, pd.NA, 1, 2, pd.NA, pd.NA]
    # every line key hashes alike: the exact groups must come from the keys themselves
    monkeypatch.setattr(
        repetition, "_session_hashes", lambda tokens: np.zeros(len(tokens), dtype=np.uint64)
    )
    pd.testing.assert_frame_equal(mark_repeats(lines), whole)


def test_mark_repeats_rejects_bad_threshold() -> None:
    with pytest.raises(ValueError):
        mark_repeats(lines_of("a"), threshold=0)


_line = st.lists(st.sampled_from(["sun", "Rain", "red", "go", "sea", ",", "“"]), max_size=9).map(
    " ".join
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_line, min_size=1, max_size=7), min_size=1, max_size=3), st.data())
def test_mark_repeats_matches_reference(articles: list[list[str]], data: st.DataObject) -> None:
    texts = ["\n".join(a) for a in articles]
    lines = lines_of(*texts)
    threshold = data.draw(st.sampled_from([0.3, 0.4, 0.5, 1.0]))
    k = data.draw(st.integers(1, 3))
    m = data.draw(st.integers(1, 4))
    out = mark_repeats(lines, threshold=threshold, shingle_size=k, min_words=m)
    want = reference_repeats(lines, threshold, k, m)
    assert out["is_repeat"].tolist() == [w[0] for w in want]
    assert nas(out["repeat_of"]) == [None if w[1] is pd.NA else w[1] for w in want]
    assert out["repeat_kind"].tolist() == [w[3] for w in want]
    np.testing.assert_allclose(out["repeat_similarity"], [w[2] for w in want])
    sim = out["repeat_similarity"].dropna()
    assert ((sim >= threshold - 1e-12) & (sim <= 1.0)).all()
    assert (out["repeat_of"].dropna() < out.loc[out["is_repeat"], "line_no"]).all()


def test_words_of_arrow_and_fallback_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """Words are numbered by Arrow's hash table, or by pandas when Arrow refuses a word
    (a lone surrogate): both give the same ids, lengths and counts."""
    from toolkit import text
    from toolkit.stats import repetition

    texts = ["Ünïcode — words’ ids, IDS and ids", "", "ﬁne FINE fine"]
    flat = [w for t in texts for w in re.findall(WORD_PATTERN, t)]
    codes, uniques, lengths = text.factorize_words(flat)
    assert [uniques[c] for c in codes] == flat  # numbered by first sight, exactly
    assert lengths.tolist() == [len(w) for w in flat]
    arrow = repetition._words_of(texts)
    assert arrow.counts.tolist() == [6, 0, 3]
    raw, folded = arrow.raw, arrow.folded
    assert raw[2] == raw[5] != raw[3]  # "ids" == "ids" != "IDS"
    assert folded[2] == folded[3] == folded[5]  # case folded
    assert folded[6] == folded[7] == folded[8] != folded[1]  # "ﬁne" is "fine" after NFKC

    def refuse(*args: object, **kwargs: object) -> None:
        raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")

    monkeypatch.setattr(text.pa, "array", refuse)
    fallback = repetition._words_of(texts)
    for got, want in zip(fallback, arrow, strict=True):
        np.testing.assert_array_equal(got, want)
    monkeypatch.undo()
    with_surrogate = repetition._words_of(["x\ud800y and x", *texts])  # pandas numbers it
    assert with_surrogate.counts.tolist() == [4, 6, 0, 3]
    assert with_surrogate.raw[0] == with_surrogate.raw[3]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 6), max_size=9), min_size=1, max_size=12),
    st.integers(1, 3),
)
def test_near_partners_match_brute_force_jaccard(lines: list[list[int]], n_art: int) -> None:
    """Each line's partner is the earlier line of its article with the highest shingle
    Jaccard similarity at or above the threshold (ties: the earliest), by brute force."""
    from toolkit.stats import repetition

    tok = np.array([w for line in lines for w in line], dtype=np.uint64) + np.uint64(1)
    n_words = np.array([len(line) for line in lines], dtype=np.int64)
    art = np.sort(np.arange(len(lines)) % n_art)
    exact = np.zeros(len(lines), dtype=bool)
    cur, prev, sim = repetition._near_partners(tok, n_words, art, exact, 0.3, 2, 2)
    sets: dict[int, set[int]] = {}
    for line, key in zip(*repetition._line_shingles(tok, n_words, 2, 2), strict=True):
        sets.setdefault(int(line), set()).add(int(key))
    best: dict[int, tuple[int, float]] = {}
    for i, j in itertools.product(sets, sets):
        if j < i and art[i] == art[j]:
            s = len(sets[i] & sets[j]) / len(sets[i] | sets[j])
            if s >= 0.3 - 1e-12 and (
                i not in best or s > best[i][1] or (s == best[i][1] and j < best[i][0])
            ):
                best[i] = (j, s)
    assert {int(i): int(j) for i, j in zip(cur, prev, strict=True)} == {
        i: j for i, (j, _) in best.items()
    }
    assert all(abs(best[int(i)][1] - s) < 1e-12 for i, s in zip(cur, sim, strict=True))
