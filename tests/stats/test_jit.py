"""The compiled word pass gives exactly what the ``re`` pass gives, and falls back cleanly."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.stats import _jit, repetition, scripts
from toolkit.stats.repetition import WORD_PATTERN

# letters and digits of many scripts, joiners in every position, "_" (not a word
# character), combining marks, digits that are not ASCII, NUL, newlines, emoji, lone
# surrogates, and characters outside the Basic Multilingual Plane
_ALPHABET = st.sampled_from(
    [
        *"aZé1_-'’ .\n\x00\t",
        *["\u0301", "\u0663", "\uff11", "\u00b2", "\u2155", "ß", "İ", "\u0915\u093f", "Ж"],
        *["ω", "東", "\u05d0", "\u0627", "\U0001d400", "\U0001f600", "\ud800", "\udfff"],
        *["\u200d", "\u2028", "\xa0", "\u00ad", "ǅ", "Ⅻ", "\u3007", "\U00020000", "\U000e0100"],
    ]
)
_TEXT = st.lists(_ALPHABET, max_size=30).map("".join)


def _re_path(texts: list[str]) -> tuple[np.ndarray, list[str], np.ndarray, np.ndarray]:
    """The words of ``texts`` by ``re`` (the definition), as (codes, words, lengths, counts)."""
    per_text = [re.findall(WORD_PATTERN, t) for t in texts]
    flat = [w for words in per_text for w in words]
    codes, uniques = pd.factorize(pd.Series(flat, dtype=object))
    lengths = np.array([len(w) for w in flat], dtype=np.int64)
    counts = np.array([len(words) for words in per_text], dtype=np.int64)
    return codes.astype(np.int64), list(uniques), lengths, counts


def _compiled(texts: list[str]) -> tuple[np.ndarray, list[str], np.ndarray, np.ndarray]:
    out = _jit.word_ids(texts)
    if out is None:
        pytest.skip("numba is not available here")
    return out


def test_word_ids_small_cases() -> None:
    codes, words, lengths, counts = _compiled(["Don't stop - don't!", "", "a_b 'x' x-", "x"])
    assert words == ["Don't", "stop", "don't", "a", "b", "x"]
    assert codes.tolist() == [0, 1, 2, 3, 4, 5, 5, 5]
    assert lengths.tolist() == [5, 4, 5, 1, 1, 1, 1, 1]
    assert counts.tolist() == [3, 0, 4, 1]


def test_word_ids_no_texts_and_no_words() -> None:
    for texts in ([], [""], ["", " - _ !"]):
        codes, words, lengths, counts = _compiled(texts)
        assert codes.tolist() == [] and words == [] and lengths.tolist() == []
        assert counts.tolist() == [0] * len(texts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TEXT, max_size=8))
def test_word_ids_equal_the_re_definition(texts: list[str]) -> None:
    codes, words, lengths, counts = _compiled(texts)
    ref_codes, ref_words, ref_lengths, ref_counts = _re_path(texts)
    assert codes.tolist() == ref_codes.tolist()
    assert words == ref_words
    assert lengths.tolist() == ref_lengths.tolist()
    assert counts.tolist() == ref_counts.tolist()


def test_word_ids_tell_apart_words_whose_hashes_collide() -> None:
    """Equal hashes never merge two words: ids come from comparing code points."""
    spans, intern = _jit._kernel("_token_spans"), _jit._kernel("_intern_spans")
    if spans is None or intern is None:
        pytest.skip("numba is not available here")
    texts = ["alpha beta alpha gamma beta delta", "gamma ab ba ab"]
    joined, cp, end = _jit._code_points(texts)
    start, length, counts = spans(cp, _jit._word_classes(), end, False)
    assert counts.tolist() == [6, 4]
    for prime in (_jit._FNV_PRIME, np.uint64(0)):  # 0: every word has the same hash
        code, first = intern(cp, start, length, prime)
        words = [joined[s : s + n] for s, n in zip(start[first], length[first], strict=True)]
        assert words == ["alpha", "beta", "gamma", "delta", "ab", "ba"]
        assert code.tolist() == [0, 1, 0, 2, 1, 3, 2, 4, 5, 4]


def test_the_uncompiled_kernels_are_the_same_functions() -> None:
    """The kernels' source runs as plain Python too (what numba compiles is what we test)."""
    texts = ["x-y z", "’a’ b'c", "U.S. 1,5"]
    joined, cp, end = _jit._code_points(texts)
    start, length, counts = _jit._token_spans(cp, _jit._word_classes(), end, False)
    assert [joined[s : s + n] for s, n in zip(start, length, strict=True)] == [
        "x-y",
        "z",
        "a",
        "b'c",
        "U",
        "S",
        "1",
        "5",
    ]
    assert counts.tolist() == [2, 2, 4]
    with np.errstate(over="ignore"):
        code, first = _jit._intern_spans(cp, start, length, np.uint64(0))
    assert code.tolist() == list(range(8)) and first.tolist() == list(range(8))
    start, length, counts = _jit._token_spans(cp, _jit._token_classes(), end, True)
    assert [joined[s : s + n] for s, n in zip(start, length, strict=True)] == [
        "x-y",
        "z",
        "a",
        "b'c",
        "U.S.",
        "1,5",
    ]


def test_the_python_path_gives_the_same_words(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["One-two three\x00 one-two", "", "Ünïcödé ’quoted’ l’état"]
    fast = repetition._word_codes(texts)
    monkeypatch.setenv("TOOLKIT_NO_JIT", "1")
    monkeypatch.setattr(_jit, "_kernel", _jit._kernel.__wrapped__)  # drop the cached kernel
    assert _jit.word_ids(texts) is None
    slow = repetition._word_codes(texts)
    assert pd.factorize(fast[0])[0].tolist() == pd.factorize(slow[0])[0].tolist()
    assert fast[2].tolist() == slow[2].tolist() and fast[3].tolist() == slow[3].tolist()
    assert [slow[1][c] for c in slow[0]] == [fast[1][c] for c in fast[0]]


def test_a_failing_kernel_warns_once_and_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("cannot compile here")

    uncached = _jit._kernel.__wrapped__  # type: ignore[attr-defined]
    monkeypatch.setattr(_jit, "_disabled", [])
    monkeypatch.setattr(_jit, "_kernel", lambda name: broken)
    with pytest.warns(RuntimeWarning, match="pure-Python path"):
        assert _jit.word_ids(["some words"]) is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _jit.word_ids(["more words"]) is None  # no second warning
    monkeypatch.setattr(_jit, "_kernel", uncached)
    assert _jit.script_scan(["x"], *scripts._scan_args()) is None  # every kernel stays off
    codes, words, _, counts = repetition._word_codes(["some words here"])
    assert [words[c] for c in codes] == ["some", "words", "here"] and counts.tolist() == [3]


def test_word_classes_follow_python() -> None:
    cls = _jit._word_classes()
    for ch in [
        "a",
        "Z",
        "é",
        "1",
        "\u0663",
        "東",
        "Ⅻ",
        "_",
        "-",
        "'",
        "’",
        " ",
        "\u0301",
        "\ud800",
    ]:
        expected = 4 if ch in "-'’" else int(ch.isalnum())
        assert cls[ord(ch)] == expected, ch


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TEXT, max_size=8))
def test_script_scan_equals_the_numpy_scan(texts: list[str]) -> None:
    out = _jit.script_scan(texts, *scripts._scan_args())
    if out is None:
        pytest.skip("numba is not available here")
    counts, mixed = scripts._scan_numpy(texts)
    assert out[0].tolist() == counts.tolist()
    assert out[1].tolist() == mixed.tolist()


def test_script_scan_chunks_and_mixed_words(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["Pаris", "", "abc", "Жx", "e\u0301ж", "東京 Tokyo", "plain"] * 3
    monkeypatch.setattr(repetition, "_CHUNK_CHARS", 7)  # many runs of texts
    out = _jit.script_scan(texts, *scripts._scan_args())
    if out is None:
        pytest.skip("numba is not available here")
    counts, mixed = scripts._scan_numpy(texts)
    assert out[0].tolist() == counts.tolist() and out[1].tolist() == mixed.tolist()
    assert out[1].tolist()[:7] == [True, False, False, True, True, False, False]


_NORM_TOKENS = st.sampled_from(
    [
        *["the", "and", "of", "и", "что", "theory", "x", '"', "'", "(", "«", "»", ")", "."],
        *[",", "!", "?", ";", ":", "’", "-", "é", "東", "the'", "'the", "«и»", '("of".)', ""],
    ]
)
_NORMS = st.lists(
    st.lists(st.lists(_NORM_TOKENS, max_size=4).map("".join), max_size=6).map(" ".join),
    max_size=6,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_NORMS, st.integers(0, 2))
def test_listed_word_counts_equal_the_stopword_pattern(norms: list[str], cut: int) -> None:
    import pyarrow as pa
    import pyarrow.compute as pc

    from toolkit.stats.boilerplate import _STOP_LEAD, _STOP_TRAIL, _lists, _patterns

    languages = ("en", "ru")
    arr = pa.array(["skip"] * cut + norms, type=pa.string()).slice(cut)  # with an offset
    out = _jit.listed_word_counts(arr, _lists("bp_stop", languages), _STOP_LEAD, _STOP_TRAIL)
    if out is None:
        pytest.skip("numba is not available here")
    spaced = pc.replace_substring(arr, " ", "  ")
    expected = pc.count_substring_regex(spaced, _patterns(languages)[1]).to_pylist()
    assert out.tolist() == expected


def test_listed_word_counts_refuse_words_they_cannot_count() -> None:
    import pyarrow as pa

    for words in (("",), ("two words",), ("(the",), ("the.",)):
        with pytest.raises(ValueError, match="cannot count"):
            _jit.listed_word_counts(pa.array(["a"]), words, "(", ".")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.integers(0, 4), max_size=40), max_size=6), st.integers(1, 9))
def test_gopher_ngrams_equal_the_numpy_loop(docs: list[list[int]], width: int) -> None:
    """Word ids from a tiny vocabulary make every kind of repeat, overlap and tie."""
    counts = np.array([len(d) for d in docs], dtype=np.int64)
    flat = [w for d in docs for w in d]
    tok = repetition._fmix64(np.array(flat, dtype=np.uint64) + np.uint64(1))
    word_len = np.array([1 + (w * width) % 7 for w in flat], dtype=np.int64)
    n_docs = len(docs)
    cum_len = np.zeros(len(flat) + 1, dtype=np.int64)
    np.cumsum(word_len, out=cum_len[1:])
    doc_of = np.repeat(np.arange(n_docs, dtype=np.int64), counts)
    doc_end = np.cumsum(counts)[doc_of] if len(flat) else np.zeros(0, dtype=np.int64)
    keys = tok ^ repetition._fmix64(doc_of.astype(np.uint64) * repetition._DOC_MULT + np.uint64(1))
    fast = _jit.gopher_ngram_chars(
        tok, keys.copy(), doc_of, doc_end, cum_len, n_docs, repetition._MULT
    )
    if fast is None:
        pytest.skip("numba is not available here")
    slow = repetition._ngram_chars(tok, keys.copy(), doc_of, doc_end, cum_len, n_docs)
    assert fast.tolist() == slow.tolist()


_TOKEN_ALPHABET = st.sampled_from(
    [
        *"aZé1_ .,!?;:…\n\x00\t",
        *["'", "’", "ʼ", "-", "‐", "‑", "\u00ad", "\u2012", "²", "Ⅻ", "⅕", "\u0663", "\uff11"],
        *["ж", "\u0301", "東", "\ud800", "\U0001d400", "U.", "S.", "x.y.", "1,2", "3.4"],
    ]
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_TOKEN_ALPHABET, max_size=25).map("".join), max_size=6), st.booleans())
def test_token_ids_equal_the_keyword_patterns(texts: list[str], marks: bool) -> None:
    from toolkit.stats.keywords import _STREAM_PATTERN, TOKEN_PATTERN

    out = _jit.token_ids(texts, marks)
    if out is None:
        pytest.skip("numba is not available here")
    codes, words, lengths, counts = out
    pattern = re.compile(_STREAM_PATTERN if marks else TOKEN_PATTERN)
    per_text = [pattern.findall(t) for t in texts]
    assert [words[c] for c in codes] == [w for found in per_text for w in found]
    assert counts.tolist() == [len(found) for found in per_text]
    assert lengths.tolist() == [len(words[c]) for c in codes]
    assert len(set(words)) == len(words)


def test_token_classes_follow_re() -> None:
    """Letters/digits and decimal digits as ``re`` sees them, over every code point."""
    cls = _jit._token_classes()
    everything = "".join(map(chr, range(0x110000)))
    alnum = np.zeros(0x110000, dtype=bool)
    alnum[[m.start() for m in re.finditer(r"[^\W_]", everything)]] = True
    digit = np.zeros(0x110000, dtype=bool)
    digit[[m.start() for m in re.finditer(r"\d", everything)]] = True
    assert ((cls & 1) > 0).tolist() == alnum.tolist()
    assert ((cls & 2) > 0).tolist() == digit.tolist()
    words = _jit._word_classes()
    assert ((words & 1) > 0).tolist() == alnum.tolist()
