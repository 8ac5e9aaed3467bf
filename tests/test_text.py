"""toolkit.text: the matching key and the line table, against their plain definitions."""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.text import fold_punctuation, normalize_for_matching, split_lines

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
