"""Tests of toolkit.stats.intervals: one bootstrap for tables and charts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.stats.intervals import bootstrap_mean_ci, outlet_mean_intervals
from toolkit.stats.summary import outlet_stats


def test_interval_brackets_the_mean_and_degenerate_cases() -> None:
    values = np.random.default_rng(0).uniform(0, 1, 50)
    low, high = bootstrap_mean_ci(values, n_boot=500)
    assert values.min() <= low < values.mean() < high <= values.max()
    # one article: no spread to resample, so no interval (never a certain-looking [v, v])
    assert np.isnan(bootstrap_mean_ci(np.array([0.3]))).all()
    assert np.isnan(bootstrap_mean_ci(np.array([0.0, np.nan]))).all()
    assert np.isnan(bootstrap_mean_ci(np.array([])) + bootstrap_mean_ci([np.nan])).all()
    np.testing.assert_allclose(bootstrap_mean_ci(np.full(5, 0.2)), (0.2, 0.2))


def test_same_key_same_interval_other_key_other_draws() -> None:
    values = np.random.default_rng(1).uniform(0, 1, 40)
    a = bootstrap_mean_ci(values, key=("repetition_rate", "A"))
    assert a == bootstrap_mean_ci(values, key=("repetition_rate", "A"))
    assert a != bootstrap_mean_ci(values, key=("boilerplate_ratio", "A"))
    assert a != bootstrap_mean_ci(values, key=("repetition_rate", "A"), seed=1)


def test_bad_parameters_are_refused() -> None:
    with pytest.raises(ValueError, match="n_boot"):
        bootstrap_mean_ci([0.1, 0.2], n_boot=0)
    with pytest.raises(ValueError, match="level"):
        bootstrap_mean_ci([0.1, 0.2], level=1.0)


def test_a_rate_interval_does_not_depend_on_the_other_rates_or_outlets() -> None:
    """The bug this module fixes: one random stream for every rate made a rate's
    interval change with which other rates (or outlets) were asked for."""
    rng = np.random.default_rng(2)
    stats = pd.DataFrame(
        {
            "outlet": ["A"] * 20 + ["B"] * 15 + ["C"] * 10,
            "repetition_rate": rng.uniform(0, 1, 45),
            "boilerplate_ratio": rng.uniform(0, 1, 45),
        }
    )
    alone = outlet_stats(stats, rates=("repetition_rate",))
    both = outlet_stats(stats, rates=("boilerplate_ratio", "repetition_rate"))
    cols = ["repetition_rate_ci_low", "repetition_rate_ci_high"]
    pd.testing.assert_frame_equal(alone[cols], both[cols])
    without_a = outlet_stats(stats[stats["outlet"] != "A"], rates=("repetition_rate",))
    np.testing.assert_array_equal(without_a[cols].to_numpy(), alone[cols].to_numpy()[1:])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.floats(0, 1), st.just(float("nan"))), max_size=30))
def test_interval_is_inside_the_values_or_nan(values: list[float]) -> None:
    frame = pd.DataFrame({"outlet": ["X"] * len(values), "r": values})
    out = outlet_mean_intervals(frame, "r", n_boot=50)
    finite = [v for v in values if v == v]
    if not finite:
        assert out.empty or np.isnan(out[["mean", "ci_low", "ci_high"]].to_numpy()).all()
    elif len(finite) == 1:
        row = out.iloc[0]
        assert (
            row["mean"] == finite[0]
            and np.isnan(row[["ci_low", "ci_high"]].to_numpy(dtype=float)).all()
        )
    else:
        row = out.iloc[0]
        assert min(finite) - 1e-12 <= row["ci_low"] <= row["ci_high"] <= max(finite) + 1e-12
        assert row["n"] == len(finite)


def test_an_outlet_of_one_article_gets_no_interval_in_the_table() -> None:
    """outlet_stats shares the bootstrap: an outlet with one article has NaN bounds."""
    stats = pd.DataFrame({"outlet": ["A", "A", "A", "B"], "repetition_rate": [0.0, 0.1, 0.2, 0.0]})
    out = outlet_stats(stats, rates=("repetition_rate",)).set_index("outlet")
    assert out.loc["B", "repetition_rate_mean"] == 0.0
    assert np.isnan(
        out.loc["B", ["repetition_rate_ci_low", "repetition_rate_ci_high"]].to_numpy(dtype=float)
    ).all()
    assert out.loc["A", "repetition_rate_ci_low"] < out.loc["A", "repetition_rate_ci_high"]
