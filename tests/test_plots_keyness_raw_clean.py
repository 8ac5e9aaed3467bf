"""Tests of toolkit.plots.plot_keyness_raw_clean (kept apart from tests/test_plots.py)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from keyword_samples import CLEAN_COURIER, DIRTY_HERALD, arts_of
from matplotlib.axes import Axes

from toolkit import schema
from toolkit.plots import plot_keyness_raw_clean
from toolkit.stats.keywords import keyness_raw_clean


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    herald = [DIRTY_HERALD.replace("Monday", d) for d in ("Monday", "Tuesday", "Friday")]
    arts = arts_of([*herald, CLEAN_COURIER, CLEAN_COURIER], ["Herald"] * 3 + ["Courier"] * 2)
    return keyness_raw_clean(arts, "Herald", min_count=2)


def _bars(ax: Axes, label: str) -> list[float]:
    for container in ax.containers:
        if container.get_label() == label:
            return [patch.get_width() for patch in container]
    return []


def test_paired_bars_follow_the_table(table: pd.DataFrame) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = plot_keyness_raw_clean(table, top=30)
        ax.figure.canvas.draw()
    shown = table[(table["rank_raw"] <= 30) | (table["rank_clean"] <= 30)]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert sorted(labels) == sorted(shown["term"])
    assert sorted(_bars(ax, "clean text")) == pytest.approx(sorted(shown["g2_clean"].dropna()))
    assert sorted(_bars(ax, "raw text")) == pytest.approx(sorted(shown["g2_raw"].dropna()))
    assert ax.get_xlabel() == schema.label("g2")
    # a term key only on the raw text has no clean bar
    raw_only = shown.loc[shown["key_in"] == "raw", "term"].tolist()
    assert "subscribe" in raw_only
    assert len(_bars(ax, "clean text")) == int(shown["g2_clean"].notna().sum())


def test_log_ratio_and_empty_input(table: pd.DataFrame) -> None:
    ax = plot_keyness_raw_clean(table, stat="log_ratio", top=3)
    assert ax.get_xlabel() == schema.axis_label("log_ratio")
    values = _bars(ax, "raw text") + _bars(ax, "clean text")
    assert all(np.isfinite(values))
    empty = plot_keyness_raw_clean(table.iloc[:0])
    assert {t.get_text() for t in empty.texts} == {"no data"}
    with pytest.raises(ValueError, match="stat"):
        plot_keyness_raw_clean(table, stat="p_value")  # type: ignore[arg-type]
    before = table.copy(deep=True)
    plot_keyness_raw_clean(table)
    pd.testing.assert_frame_equal(table, before)
