"""Tests of toolkit.stats.reuse: republished stories across outlets."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from toolkit.stats.repetition import WORD_PATTERN
from toolkit.stats.reuse import NEAR_DUPLICATE_COLUMNS, near_duplicates

# --------------------------------------------------------------------------- near_duplicates

STORY = (
    "Firefighters contained a large blaze at a timber yard on the edge of the city late on "
    "Sunday after more than six hours of work. No one was hurt, but the smoke forced the "
    "closure of two schools and the main road to the port. The owner of the yard said the "
    "fire started in a storage shed and spread quickly because of strong wind."
)
EDITED = STORY.replace("late on Sunday", "on Sunday night").replace(
    "strong wind.", "strong wind, according to local officials."
)
TOPIC = (
    "The city council will review fire safety rules for timber yards after a weekend blaze. "
    "Councillors said inspections had been delayed for two years and promised a report by "
    "the end of the month, while residents asked for better warnings about smoke."
)
OTHER = (
    "The national football team named three new players for the spring friendlies, "
    "including a nineteen year old goalkeeper who has not yet played a full league season."
)


def corpus(dates: bool = True) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_id": ["a", "b", "c", "d", "e", "f"],
            "outlet": ["North", "South", "North", "East", "North", "West"],
            "text": [STORY, EDITED, TOPIC, OTHER, STORY + " Share this story.", "Too short."],
            "published_at": (
                [
                    "2024-05-06 08:00",
                    "2024-05-06 07:00",
                    "2024-05-06 00:00",
                    "2024-05-05 00:00",
                    "2024-05-07 00:00",
                    None,
                ]
                if dates
                else [None] * 6
            ),
        }
    )


def shingle_set(text: str, k: int = 5) -> set[tuple[str, ...]]:
    w = re.findall(WORD_PATTERN, text.casefold())
    return {tuple(w[i : i + k]) for i in range(len(w) - k + 1)}


def test_near_duplicates_finds_republished_story() -> None:
    pairs = near_duplicates(corpus(), text="raw")
    assert list(pairs.columns) == list(NEAR_DUPLICATE_COLUMNS)
    # a (North) ~ b (South) and b ~ e (North); a ~ e is the same outlet: left out
    got = {(r.article_id_a, r.article_id_b) for r in pairs.itertuples()}
    assert got == {("b", "a"), ("b", "e")}
    ab = pairs[(pairs["article_id_b"] == "a")].iloc[0]
    sa, sb = shingle_set(STORY), shingle_set(EDITED)
    assert ab["similarity"] == pytest.approx(len(sa & sb) / len(sa | sb))
    assert ab["shared_share"] == pytest.approx(len(sa & sb) / min(len(sa), len(sb)))
    # b was published an hour before a: b is the source
    assert ab["source_article_id"] == "b" and ab["source_outlet"] == "South"
    assert ab["published_at_a"] < ab["published_at_b"]
    assert pairs["similarity"].is_monotonic_decreasing
    assert pairs["similarity"].between(0.5, 1).all()


def test_near_duplicates_same_outlet_and_unknown_dates() -> None:
    pairs = near_duplicates(corpus(dates=False), text="raw", same_outlet=True)
    got = {(r.article_id_a, r.article_id_b) for r in pairs.itertuples()}
    assert got == {("a", "b"), ("a", "e"), ("b", "e")}  # ordered by id without dates
    assert pairs["source_article_id"].isna().all()
    assert pairs["source_outlet"].isna().all()
    # a and e differ by "Share this story.": 3 extra shingles in e
    ae = pairs[(pairs["article_id_a"] == "a") & (pairs["article_id_b"] == "e")].iloc[0]
    n = len(shingle_set(STORY))
    assert ae["similarity"] == pytest.approx(n / (n + 3))
    assert ae["shared_share"] == pytest.approx(1.0)


def test_near_duplicates_uses_clean_text_column() -> None:
    arts = corpus().assign(clean_text=[STORY, OTHER, TOPIC, OTHER, "", ""])
    pairs = near_duplicates(arts)  # text="clean" reads the clean_text column
    got = {(r.article_id_a, r.article_id_b) for r in pairs.itertuples()}
    assert got == {("d", "b")}  # same clean text, d published first


def test_near_duplicates_empty_and_tiny() -> None:
    empty = near_duplicates(corpus().iloc[:0], text="raw")
    assert list(empty.columns) == list(NEAR_DUPLICATE_COLUMNS) and len(empty) == 0
    assert len(near_duplicates(corpus().iloc[[5]], text="raw")) == 0
    assert len(near_duplicates(corpus().iloc[[2, 3]], text="raw")) == 0


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t.replace("’", "'"),  # curly and straight apostrophes inside words
        str.upper,
        lambda t: t.replace("a", "ａ"),  # full-width letters (NFKC)
        lambda t: t.replace("“", '"').replace("”", '"'),
    ],
)
def test_copies_that_differ_only_in_quote_marks_case_or_width_are_the_same(change) -> None:
    text = (
        "The minister’s plan won’t pass, officials said on Monday. “It is over,” one of them "
        "told reporters after a long debate about the harbour, the bridge and their costs. "
    ) * 3
    arts = pd.DataFrame(
        {"article_id": ["a", "b"], "outlet": ["X", "Y"], "text": [text, change(text)]}
    )
    pairs = near_duplicates(arts, text="raw")
    assert pairs["similarity"].tolist() == [1.0]
