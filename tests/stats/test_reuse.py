"""Tests of toolkit.stats.reuse: republished stories across outlets."""

from __future__ import annotations

import re
import sys

import numpy as np
import pandas as pd
import pytest

import toolkit.stats.reuse as reuse
from toolkit.stats.repetition import HASH_MULT, WORD_PATTERN, fmix64, word_arrays
from toolkit.stats.reuse import (
    NEAR_DUPLICATE_COLUMNS,
    _band_pairs,
    _minhash_params,
    _minhash_signatures,
    _shingle_sets,
    near_duplicates,
)

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


# --------------------------------------------------------------------------- MinHash and LSH

THRESHOLDS = [round(0.05 * k, 2) for k in range(1, 20)]  # 0.05 ... 0.95


def random_sets(seed: int = 0, n: int = 80) -> tuple[np.ndarray, np.ndarray]:
    """``n`` sets of 32-bit values (flat values, offsets): mutated copies of a few bases, so
    that similarities spread over [0, 1], with an empty set and a one-value set."""
    rng = np.random.default_rng(seed)
    bases = [rng.integers(0, 2**32, int(rng.integers(20, 300)), dtype=np.uint64) for _ in range(8)]
    sets: list[np.ndarray] = [np.empty(0, dtype=np.uint64), bases[0][:1]]
    while len(sets) < n:
        base = bases[int(rng.integers(len(bases)))]
        near = rng.random() < 0.3  # a light edit, else a heavy one
        keep = base[rng.random(len(base)) < (0.97 if near else rng.uniform(0.2, 1.0))]
        extra = rng.integers(0, 2**32, int(rng.integers(0, 5 if near else 60)), dtype=np.uint64)
        sets.append(np.unique(np.r_[keep, extra]))
    offsets = np.r_[0, np.cumsum([len(s) for s in sets])]
    return np.concatenate(sets), offsets


def test_minhash_params_are_datasketchs() -> None:
    lsh = pytest.importorskip("datasketch.lsh")
    for num_perm in (16, 32, 64, 128, 256):
        for t in THRESHOLDS:
            expected = lsh._optimal_param(t, num_perm, 0.5, 0.5)
            assert _minhash_params(t, num_perm) == expected, (t, num_perm)


@pytest.mark.parametrize("t", [0.05, 0.3, 0.4, 0.75, 0.9])
def test_minhash_params_minimise_the_error_areas(t: float) -> None:
    # an independent integration (trapezoid on 20,001 points) of every (bands, rows)
    num_perm = 64
    s = np.linspace(0.0, 1.0, 20_001)
    below = s <= t

    def error(b: int, r: int) -> float:
        hit = 1.0 - (1.0 - s**r) ** b
        fp = np.trapezoid(hit[below], s[below])
        fn = np.trapezoid(1.0 - hit[~below], s[~below])
        return float(0.5 * fp + 0.5 * fn)

    b, r = _minhash_params(t, num_perm)
    assert b * r <= num_perm
    best = min(
        error(bb, rr) for bb in range(1, num_perm + 1) for rr in range(1, num_perm // bb + 1)
    )
    assert error(b, r) <= best + 1e-6


def test_minhash_params_reject_bad_arguments() -> None:
    with pytest.raises(ValueError):
        _minhash_params(0.5, 1)
    with pytest.raises(ValueError):
        _minhash_params(1.5, 128)


@pytest.mark.parametrize(("num_perm", "seed"), [(16, 1), (128, 1), (128, 42), (256, 7)])
def test_minhash_signatures_are_datasketchs(num_perm: int, seed: int) -> None:
    datasketch = pytest.importorskip("datasketch")
    values, offsets = random_sets()
    sig = _minhash_signatures(values, offsets, num_perm=num_perm, seed=seed)
    made = datasketch.MinHash.generator(
        (values[offsets[k] : offsets[k + 1]] for k in range(len(offsets) - 1)),
        num_perm=num_perm,
        seed=seed,
        hashfunc=int,
    )
    expected = np.array([m.hashvalues for m in made])
    assert sig.dtype == np.uint32 and sig.shape == expected.shape
    assert (sig == expected).all()


def test_minhash_signatures_estimate_jaccard_and_cut_blocks_anywhere(monkeypatch) -> None:
    values, offsets = random_sets(seed=3, n=30)
    sig = _minhash_signatures(values, offsets, num_perm=256)
    assert (sig[0] == np.iinfo(np.uint32).max).all()  # the empty set
    sets = [set(values[offsets[k] : offsets[k + 1]].tolist()) for k in range(30)]
    for i, j in [(2, 3), (3, 4), (5, 9), (10, 20)]:
        jac = len(sets[i] & sets[j]) / len(sets[i] | sets[j])
        assert abs(float((sig[i] == sig[j]).mean()) - jac) < 0.15  # ~4 sd at 256 perms
    # blocks of 7 values cut sets apart: the same signatures
    monkeypatch.setattr(reuse, "_BLOCK_CELLS", 7 * 256)
    assert (_minhash_signatures(values, offsets, num_perm=256) == sig).all()


def test_band_pairs_by_hand() -> None:
    sig = np.array(
        [[1, 2, 5, 6], [1, 2, 7, 8], [3, 4, 5, 6], [1, 2, 9, 9], [0, 0, 9, 8]], dtype=np.uint32
    )
    codes = _band_pairs(sig, 2, 2)  # band 0: {0, 1, 3}; band 1: {0, 2}; [9, 8] != [9, 9]
    assert [(int(c) // 5, int(c) % 5) for c in codes] == [(0, 1), (0, 2), (0, 3), (1, 3)]
    assert len(_band_pairs(sig, 1, 4)) == 0  # no two rows equal as a whole
    assert len(_band_pairs(np.arange(8, dtype=np.uint32).reshape(4, 2), 2, 1)) == 0


def test_candidate_pairs_are_datasketchs_lsh() -> None:
    datasketch = pytest.importorskip("datasketch")
    values, offsets = random_sets(seed=5, n=120)
    n = len(offsets) - 1
    for threshold in (0.3, 0.5, 0.8):
        sig = _minhash_signatures(values, offsets, num_perm=128)
        got = {
            (int(c) // n, int(c) % n) for c in _band_pairs(sig, *_minhash_params(threshold, 128))
        }
        index = datasketch.MinHashLSH(threshold=threshold, num_perm=128)
        sketches = [datasketch.MinHash(num_perm=128, hashvalues=s, scheme="affine32") for s in sig]
        for k, m in enumerate(sketches):
            index.insert(k, m)
        expected = {(k, j) for k, m in enumerate(sketches) for j in index.query(m) if j > k}
        assert got == expected and len(got) > 10, threshold


def test_shingle_sets_are_each_articles_unique_shingles() -> None:
    texts = ["", "one two three", STORY, "a b c d e", TOPIC + " " + TOPIC, "x y", EDITED]
    tok, _, counts = word_arrays(texts, stable=True, fold=True)
    sets, offsets, values = _shingle_sets(tok, counts, 5)
    starts = np.r_[0, np.cumsum(counts)]
    expected = {}
    for i in np.flatnonzero(counts >= 5):  # one article at a time, as the definition says
        h = tok[starts[i] : starts[i + 1]]
        m = len(h) - 4
        keys = h[:m].copy()
        with np.errstate(over="ignore"):
            for j in range(1, 5):
                keys = keys * HASH_MULT + h[j : j + m]
        expected[int(i)] = np.unique(fmix64(keys) >> np.uint64(32))
    assert sets.tolist() == sorted(expected) == [2, 3, 4, 6]
    for k, i in enumerate(sets.tolist()):
        assert values[offsets[k] : offsets[k + 1]].tolist() == expected[i].tolist()
    assert len(values[offsets[1] : offsets[2]]) == 1  # "a b c d e": one shingle
    assert len(_shingle_sets(tok[:3], np.array([3]), 5)[0]) == 0


def test_near_duplicates_rejects_too_few_permutations() -> None:
    with pytest.raises(ValueError, match="num_perm"):
        near_duplicates(corpus(), text="raw", num_perm=1)


def test_near_duplicates_and_keyness_need_neither_datasketch_nor_scipy(monkeypatch) -> None:
    from toolkit.stats.keywords import keyness

    for name in ("datasketch", "scipy", "scipy.special", "scipy.integrate"):
        monkeypatch.setitem(sys.modules, name, None)  # any import of them now fails
    pairs = near_duplicates(corpus(), text="raw", threshold=0.45, num_perm=64)
    assert len(pairs) == 2
    table = keyness(corpus().assign(outlet=["A", "B", "A", "B", "A", "B"]), "A")
    assert table["p_value"].between(0, 1).all()
