"""toolkit.text: the matching key and the line table, against their plain definitions."""

from __future__ import annotations

import re
import sys
import unicodedata

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit import text as text_module
from toolkit.text import (
    SEPARATORS,
    WORD_JOINERS,
    WORD_PATTERN,
    count_words,
    flat_words,
    fold_punctuation,
    normalize_for_matching,
    separator_of,
    split_lines,
    words,
)

_text = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=["Cs"]),
        st.sampled_from(list(" \t\n\u00a0\u2003\u3000\u2028\x85`“”‘’″—–\u00ad\u200bAbcЖжﬁ²ß")),
    ),
    max_size=60,
)


def _reference_key(line: str) -> str:
    """The documented key: NFKC, quotes and dashes folded, whitespace collapsed, casefold."""
    return " ".join(fold_punctuation(unicodedata.normalize("NFKC", line)).split()).casefold()


def _reference_lines(arts: pd.DataFrame) -> list[tuple[str, int, int, str]]:
    """(article_id, line_no, para_id, text) of every non-blank line, by a plain loop."""
    rows = []
    for art_id, text in zip(arts["article_id"], arts["text"], strict=True):
        para, prev_blank, seen = -1, True, False
        for k, line in enumerate(text.split("\n"), start=1):
            blank = not line.strip()
            if not blank:
                if prev_blank or not seen:
                    para += 1
                seen = True
                rows.append((art_id, k, para, line))
            prev_blank = blank
    return rows


def test_key_empty_clean_dirty() -> None:
    assert normalize_for_matching("") == ""
    assert normalize_for_matching("Budget approved") == "budget approved"
    assert normalize_for_matching("\u00a0 “Budget”\u2014 APPROVED\u200b ") == '"budget"- approved'


@settings(max_examples=300, deadline=None)
@given(_text)
def test_key_matches_its_definition(line: str) -> None:
    for part in line.split("\n"):
        assert normalize_for_matching(part) == _reference_key(part)


@settings(max_examples=150, deadline=None)
@given(st.lists(_text, max_size=5))
def test_split_lines_matches_a_plain_loop(texts: list[str]) -> None:
    arts = pd.DataFrame(
        {"article_id": [f"a{i}" for i in range(len(texts))], "outlet": "X", "text": texts}
    )
    lines = split_lines(arts)
    got = list(
        zip(lines["article_id"], lines["line_no"], lines["para_id"], lines["text"], strict=True)
    )
    assert got == _reference_lines(arts)
    assert lines["norm"].tolist() == [_reference_key(t) for t in lines["text"]]
    assert lines["n_chars"].tolist() == [len(t) for t in lines["text"]]


@given(
    st.lists(st.integers(0, 40), max_size=60),
    st.integers(1, 100),
    st.sets(st.integers(0, 59)),
    st.none() | st.integers(1, 7),
)
def test_char_runs_cover_everything_in_order(
    lengths: list[int], limit: int, starts: set[int], block: int | None
) -> None:
    """The one chunker: runs tile the items, hold at most ``limit`` characters unless a
    run has a single item (or a single article), begin only at allowed starts."""
    from toolkit.text import char_runs

    allowed = np.array(sorted({0, *(s for s in starts if s < len(lengths))}), dtype=np.int64)
    for use_starts in (None, allowed):
        runs = char_runs(lengths, limit, starts=use_starts, block=block)
        flat = [i for a, b in runs for i in range(a, b)]
        assert flat == list(range(len(lengths)))
        for a, b in runs:
            assert b > a
            if use_starts is not None:
                assert a in set(allowed.tolist())
            elif sum(lengths[a:b]) > limit:
                assert b - a == 1
            if block is not None and use_starts is None:
                assert a // block == (b - 1) // block


# --------------------------------------------------------------------------- words


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M")


def _reference_words(text: str) -> list[str]:
    """The definition in :func:`toolkit.text.words`, as a plain scan (no regex)."""
    out, i, n = [], 0, len(text)
    while i < n:
        if not text[i].isalnum():
            i += 1
            continue
        # 1. an abbreviation: two or more (letter, ".") pairs; a "letter" is what re's
        # [^\W\d_] is: alphanumeric but not a decimal digit
        j = i
        while j + 1 < n and text[j].isalnum() and not text[j].isdecimal() and text[j + 1] == ".":
            j += 2
        if j - i >= 4:
            out.append(text[i:j])
            i = j
            continue
        # 2./3. runs of letters, digits and marks, joined by one joiner or by "." / ","
        # between two digits; the character after a joiner is a letter or digit
        j = i + 1
        while True:
            while j < n and (text[j].isalnum() or _is_mark(text[j])):
                j += 1
            if j + 1 < n and text[j + 1].isalnum():
                number_sep = text[j] in ".," and text[j - 1].isdecimal() and text[j + 1].isdecimal()
                if text[j] in WORD_JOINERS or number_sep:
                    j += 2
                    continue
            break
        out.append(text[i:j])
        i = j
    return out


CLEAN_TEXT = "The harbour reopened on Monday after a week of repairs."
DIRTY_TEXT = (
    "<p>Subscribe&nbsp;now!</p>\u00a0\u00a0 ©2026 — 1,250 U.S. troops; COVID-19 in\n"
    "north-\nwest infor\u00admation @john_doe #tag 🚀🚀 ... «цитата» re\u0301sume\u0301 "
    "हिन्दी समाचार العَرَبِيَّة می\u200cشود \x00 '90s 3.5% ² foo__bar"
)


def test_words_empty_clean_dirty() -> None:
    assert words("") == [] and count_words([""]).tolist() == [0]
    assert words(CLEAN_TEXT) == CLEAN_TEXT.rstrip(".").split()
    assert words(DIRTY_TEXT) == [
        "p", "Subscribe", "nbsp", "now", "p", "2026", "1,250", "U.S.", "troops",
        "COVID-19", "in", "north", "west", "infor\u00admation", "john", "doe", "tag",
        "цитата", "re\u0301sume\u0301", "हिन्दी", "समाचार", "العَرَبِيَّة",
        "می\u200cشود", "90s", "3.5", "²", "foo", "bar",
    ]  # fmt: skip
    assert words(DIRTY_TEXT) == _reference_words(DIRTY_TEXT)


def test_combining_marks_continue_a_word_and_never_start_one() -> None:
    # Devanagari vowel sign and virama, Arabic vowel points, an astral (Chakma) mark
    assert words("हिन्दी") == ["हिन्दी"] and words("\u0301abc \u0301") == ["abc"]
    assert words("\U00011103\U00011127 x") == ["\U00011103\U00011127", "x"]
    assert words("a\u0301-b") == ["a\u0301-b"] and words("a-\u0301b") == ["a", "b"]


def test_joiners_and_separators_join_only_inside_a_word() -> None:
    assert words("-a- 'b' ‐c‑d\u00ad \u200ce\u200c") == ["a", "b", "c‑d", "e"]
    assert words("1,200,000 and 4,5 but 1, 2 and a.5 and 5.a and 1.-2") == [
        "1,200,000", "and", "4,5", "but", "1", "2", "and", "a", "5", "and", "5", "a",
        "and", "1", "2",
    ]  # fmt: skip
    assert words("U.S. U.S.A. U.S e.g. Jan. A.1.") == [
        "U.S.", "U.S.A.", "U", "S", "e.g.", "Jan", "A", "1",
    ]  # fmt: skip


_word_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(
            [
                *"abXY019 \n\t.,;:!?_#@\x00",
                *WORD_JOINERS,
                *("\u200b", "\u00a0", "й", "Ж", "ß", "\u0301", "\u093f", "\u094d", "क"),
                *("ب", "\u064e", "٣", "²", "Ⅻ", "字", "🚀", "\U00011103", "\U00011127"),
                *("\U0001e900", "\U0001e944", "\U000e0100"),  # Adlam, its mark, a selector
            ]
        ),
        st.characters(blacklist_categories=["Cs"]),
    ),
    max_size=50,
)


@settings(max_examples=400, deadline=None)
@given(_word_text)
def test_words_match_their_definition(text: str) -> None:
    assert words(text) == _reference_words(text) == re.findall(WORD_PATTERN, text)


@settings(max_examples=300, deadline=None)
@given(_word_text)
def test_words_are_never_empty_and_never_span_whitespace(text: str) -> None:
    for w in words(text):
        assert w and w[0].isalnum() and not any(ch.isspace() or ch == "_" for ch in w)
    # a word never spans a line break: the words of a text are those of its lines
    assert words(text) == [w for line in text.split("\n") for w in words(line)]


def test_word_char_is_a_letter_digit_or_mark() -> None:
    """WORD_CHAR (and the class of the word pattern) holds exactly the characters that
    Python's unicodedata calls alphanumeric or a combining mark; on a new Unicode
    version, paste the printed ranges into toolkit/text.py."""
    char = re.compile(text_module.WORD_CHAR)
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    found = {m.group() for m in char.finditer(everything)}
    wanted = {ch for ch in everything if ch.isalnum() or _is_mark(ch)}
    if found != wanted:
        ranges: list[list[int]] = []
        for code in sorted(map(ord, wanted)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
        print(ranges)
    assert found == wanted, f"letters, digits, marks of Unicode {unicodedata.unidata_version}"


def test_count_words_and_missing_texts() -> None:
    texts = pd.Series([DIRTY_TEXT, "", None, CLEAN_TEXT, float("nan")], index=[5, 4, 3, 2, 1])
    want = [len(words(DIRTY_TEXT)), 0, 0, 10, 0]
    assert count_words(texts).tolist() == want
    assert count_words(texts.tolist()).tolist() == want
    assert count_words([]).dtype == np.int64 and len(count_words([])) == 0


def test_separator_of() -> None:
    assert separator_of([]) is None
    assert separator_of(["a b", ""]) == "\x00"
    assert separator_of(["\x00\x01", "\x02"]) == "\x03"
    assert separator_of(["".join(SEPARATORS)]) is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_word_text, st.sampled_from(SEPARATORS)), max_size=6))
def test_flat_words_equal_the_words_of_each_text(texts: list[str]) -> None:
    found, counts, sep = flat_words(texts)
    assert sep == separator_of(texts)
    if sep is None:
        per_text = [words(t) for t in texts]
        assert counts.tolist() == [len(w) for w in per_text]
        assert found == [w for ws in per_text for w in ws]
    else:
        assert len(counts) == 0
        assert found == [w for t in texts for w in [*words(t), sep]]
