"""Tests of toolkit.stats.keywords.keyness: the statistics and the keyness tables."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from keyword_samples import BLANK, CLEAN_COURIER, CLEAN_HERALD, DIRTY_HERALD, EMPTY
from keyword_samples import arts_of as _arts

from toolkit.stats.keywords import (
    keyness,
    keyness_table,
    log_likelihood_g2,
    log_odds_z,
    log_ratio,
    term_counts,
)
from toolkit.stats.keywords.keyness import _chi2_sf_1df, _erfc

# --------------------------------------------------------------------------- keyness formulas

#: erfc's arguments: its three ranges (below 1, below 8, above), their edges, the far tail
ERFC_X = np.r_[
    np.linspace(0.0, 26.5, 200_001),
    [1.0 - 1e-16, 1.0, 8.0 - 1e-15, 8.0, 26.6, 26.64],
    np.random.default_rng(0).uniform(0.0, 27.0, 100_000),
]


def test_erfc_is_maths_erfc():
    got = _erfc(ERFC_X)
    expected = np.array([math.erfc(v) for v in ERFC_X])
    assert got.shape == ERFC_X.shape and got.dtype == np.float64
    normal = expected > 1e-300  # x up to about 26.2; beyond, subnormal doubles lose digits
    assert normal.mean() > 0.97
    assert (np.abs(got - expected)[normal] / expected[normal]).max() < 1e-12
    assert np.abs(got - expected)[~normal].max() < 1e-300
    assert _erfc([np.inf, 27.3, np.nan, 0.0]).tolist()[:2] == [0.0, 0.0]  # exp(-x**2) underflows
    assert np.isnan(_erfc([np.nan])[0]) and _erfc(0.0).tolist() == [1.0]
    assert _erfc(np.full((2, 3), 0.5)).shape == (2, 3)


def test_erfc_is_scipys_bit_for_bit():
    special = pytest.importorskip("scipy.special")
    assert (_erfc(ERFC_X) == special.erfc(ERFC_X)).all()


def test_p_value_is_the_chi2_tail_of_g2():
    g2 = np.array([0.0, 1e-9, -2.5, 3.841458820694124, -6.634896601021214, 50.0, 2000.0])
    p = _chi2_sf_1df(g2)
    assert p[0] == 1.0 and p[-1] == 0.0
    assert p[3] == pytest.approx(0.05, rel=1e-12) and p[4] == pytest.approx(0.01, rel=1e-12)
    expected = [math.erfc(math.sqrt(abs(v) / 2)) for v in g2.tolist()]
    assert np.allclose(p, expected, rtol=1e-12, atol=0)


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
        "p_value", "n_target_articles", "dp", "log_odds_z",
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
            "p_value", "n_target_articles", "dp"]  # fmt: skip
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
