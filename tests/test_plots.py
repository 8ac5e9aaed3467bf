"""Tests of toolkit.plots: artists drawn, not pixels."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.colors import to_hex
from matplotlib.container import BarContainer, ErrorbarContainer
from matplotlib.patches import Rectangle

from toolkit import plots
from toolkit.plots import (
    PALETTE,
    metric_label,
    plot_boilerplate_fingerprint,
    plot_keyness,
    plot_keyword_heatmap,
    plot_keyword_trends,
    plot_outlet_metric,
    plot_reuse_matrix,
    plot_script_profile,
    plot_stray_kinds,
    reuse_matrix,
    toolkit_style,
)

LONG = "The Evening Chronicle of the Northern Provinces and Islands"
DOLLAR = "Money $ Markets $"
CYR = "Вести"
OUTLETS = [LONG, DOLLAR, CYR]


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.fixture
def ax() -> Axes:
    _fig, axes = plt.subplots()
    return axes


def ticklabels(ax: Axes, axis: str = "y") -> list[str]:
    labels = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    return [t.get_text() for t in labels]


def widths(patches: Iterable[Any]) -> np.ndarray:
    return np.array([p.get_width() for p in patches], dtype=float)


def interval_segments(ax: Axes) -> np.ndarray:
    """(low, high) of each error bar of the first errorbar container."""
    container: Any = next(c for c in ax.containers if isinstance(c, ErrorbarContainer))
    return np.array([seg[:, 0] for seg in container.lines[2][0].get_segments()])


def drawn_nothing(ax: Axes) -> bool:
    return not (ax.patches or ax.lines or ax.collections or ax.images or ax.containers)


@pytest.fixture
def article_stats() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    rows = []
    for i, outlet in enumerate(OUTLETS):
        n = 8 + 4 * i
        rows.append(
            pd.DataFrame(
                {
                    "article_id": [f"{i}-{j}" for j in range(n)],
                    "outlet": outlet,
                    "repetition_rate": rng.uniform(0, 0.2, n) + 0.3 * i,
                    "boilerplate_ratio": rng.uniform(0, 1, n),
                    "latin_chr_fraction": np.full(n, 1.0 - 0.3 * i),
                    "cyrillic_chr_fraction": np.full(n, 0.2 * i),
                    "other_script_chr_fraction": np.full(n, 0.1 * i),
                    "n_stray_foreign_script": np.arange(n) % 3,
                    "n_stray_mojibake": np.full(n, i),
                    "n_stray_markup": np.zeros(n, dtype=int),
                }
            )
        )
    stats = pd.concat(rows, ignore_index=True)
    stats.loc[0, "repetition_rate"] = np.nan  # an article without text
    return stats


# --------------------------------------------------------------------------- style


def test_style_context_restores_rcparams() -> None:
    before = mpl.rcParams["axes.spines.top"], mpl.rcParams["font.size"]
    with toolkit_style():
        assert mpl.rcParams["axes.spines.top"] is False
        assert [to_hex(c["color"]) for c in mpl.rcParams["axes.prop_cycle"]][:2] == [
            to_hex(PALETTE[0]),
            to_hex(PALETTE[1]),
        ]
    assert (mpl.rcParams["axes.spines.top"], mpl.rcParams["font.size"]) == before


def test_palette_is_okabe_ito() -> None:
    assert set(PALETTE) == set(plots.OKABE_ITO.values())
    assert len(PALETTE) == 8


def test_new_figure_when_no_ax_keeps_global_rcparams(article_stats: pd.DataFrame) -> None:
    before = dict(mpl.rcParams)
    n_figs = len(plt.get_fignums())
    ax = plot_outlet_metric(article_stats)
    assert isinstance(ax, Axes)
    assert len(plt.get_fignums()) == n_figs + 1
    assert not ax.spines["top"].get_visible()  # drawn in the toolkit style
    assert ax.yaxis.get_ticklabels()[0].get_fontsize() == 11
    assert dict(mpl.rcParams) == before


def test_metric_label_units() -> None:
    assert "%" in metric_label("boilerplate_ratio")
    assert metric_label("cyrillic_chr_fraction").endswith("(% of letters)")
    assert metric_label("something") == "something"


# --------------------------------------------------------------------------- outlet metric


def test_outlet_metric_points_intervals_and_articles(ax: Axes, article_stats: pd.DataFrame) -> None:
    out = plot_outlet_metric(article_stats, "repetition_rate", ax=ax, n_boot=300)
    assert out is ax
    # outlets ranked by mean, highest on top, names never shortened, n = non-NaN articles
    means = article_stats.groupby("outlet")["repetition_rate"].mean().sort_values(ascending=False)
    counts = article_stats.groupby("outlet")["repetition_rate"].count()
    assert ticklabels(ax) == [f"{o} (n={counts[o]})" for o in means.index]
    bars = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    assert len(bars) == 1
    data_line = bars[0].lines[0]
    assert data_line is not None
    np.testing.assert_allclose(np.asarray(data_line.get_xdata(), dtype=float), means.to_numpy())
    lows_highs = interval_segments(ax)
    assert len(lows_highs) == 3
    assert np.all(lows_highs[:, 0] <= means.to_numpy() + 1e-12)
    assert np.all(lows_highs[:, 1] >= means.to_numpy() - 1e-12)
    strips = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(strips) == 1
    assert (
        len(np.asarray(strips[0].get_offsets())) == article_stats["repetition_rate"].notna().sum()
    )
    assert ax.get_xlabel() == "Repetition rate (% of characters in repeated lines)"
    assert ax.get_legend() is not None
    ax.figure.canvas.draw()  # "$" in an outlet name must not break rendering


def test_outlet_metric_uses_outlet_stats_intervals(ax: Axes, article_stats: pd.DataFrame) -> None:
    ostats = pd.DataFrame(
        {
            "outlet": [CYR, LONG],
            "n_articles": [16, 8],
            "repetition_rate_mean": [0.5, 0.1],
            "repetition_rate_ci_low": [0.4, 0.05],
            "repetition_rate_ci_high": [0.55, 0.3],
        }
    )
    plot_outlet_metric(None, outlet_stats=ostats, ax=ax, show_articles=False)
    assert ticklabels(ax) == [f"{CYR} (n=16)", f"{LONG} (n=8)"]
    assert len(ax.containers) == 1
    np.testing.assert_allclose(interval_segments(ax), [[0.4, 0.55], [0.05, 0.3]])
    assert not [c for c in ax.collections if isinstance(c, PathCollection)]


def test_outlet_metric_bar_kind_and_order(ax: Axes, article_stats: pd.DataFrame) -> None:
    plot_outlet_metric(
        article_stats, "boilerplate_ratio", ax=ax, kind="bar", outlets=[CYR, LONG, "absent"]
    )
    assert [t.split(" (n=")[0] for t in ticklabels(ax)] == [CYR, LONG]
    bar_containers = [c for c in ax.containers if isinstance(c, BarContainer)]
    assert len(bar_containers) == 1 and len(ax.patches) == 2
    means = article_stats.groupby("outlet")["boilerplate_ratio"].mean()
    np.testing.assert_allclose(widths(ax.patches), means[[CYR, LONG]].to_numpy())


def test_outlet_metric_bootstrap_is_seeded(article_stats: pd.DataFrame) -> None:
    def segments(seed: int) -> np.ndarray:
        _fig, ax = plt.subplots()
        plot_outlet_metric(article_stats, ax=ax, seed=seed, n_boot=200)
        return interval_segments(ax)

    np.testing.assert_array_equal(segments(1), segments(1))
    assert not np.array_equal(segments(1), segments(2))


def test_chart_and_table_intervals_agree_to_the_digit(ax: Axes) -> None:
    """plot_outlet_metric draws the intervals outlet_stats reports (one bootstrap)."""
    from toolkit.stats.summary import outlet_stats

    rng = np.random.default_rng(3)
    stats = pd.DataFrame(
        {"outlet": ["A"] * 30 + ["B"] * 20, "repetition_rate": rng.uniform(0, 1, 50)}
    )
    table = outlet_stats(stats, rates=("repetition_rate",))
    ax = plots.plot_outlet_metric(stats, "repetition_rate", ax=ax)
    drawn = plots._outlet_summary(stats, "repetition_rate", None, n_boot=1000, seed=0)[0]
    np.testing.assert_array_equal(drawn["ci_low"], table["repetition_rate_ci_low"])
    np.testing.assert_array_equal(drawn["ci_high"], table["repetition_rate_ci_high"])


def test_outlet_metric_all_nan_is_no_data(ax: Axes) -> None:
    stats = pd.DataFrame({"outlet": ["A", "B"], "repetition_rate": [np.nan, np.nan]})
    plot_outlet_metric(stats, ax=ax)
    assert drawn_nothing(ax)
    assert [t.get_text() for t in ax.texts] == ["no data"]


def test_outlet_metric_rejects_bad_input(ax: Axes) -> None:
    with pytest.raises(ValueError, match="repetition_rate"):
        plot_outlet_metric(pd.DataFrame({"outlet": ["A"]}), ax=ax)
    with pytest.raises(ValueError, match="kind"):
        plot_outlet_metric(pd.DataFrame({"outlet": ["A"]}), ax=ax, kind="violin")  # type: ignore[arg-type]


def test_outlet_metric_thins_the_strip_not_the_numbers(ax: Axes) -> None:
    rng = np.random.default_rng(5)
    stats = pd.DataFrame(
        {
            "outlet": ["big"] * 501 + ["small"] * 3,
            "repetition_rate": np.concatenate([rng.uniform(0, 1, 501), [0.1, 0.2, 0.3]]),
        }
    )
    plot_outlet_metric(stats, ax=ax, max_articles=11, n_boot=100)
    (strip,) = [c for c in ax.collections if isinstance(c, PathCollection)]
    xy = np.asarray(strip.get_offsets())
    rows = {name.split(" (n=")[0]: i for i, name in enumerate(ticklabels(ax))}
    big = np.sort(xy[np.abs(xy[:, 1] - rows["big"]) < 0.5, 0])
    small = np.sort(xy[np.abs(xy[:, 1] - rows["small"]) < 0.5, 0])
    ordered = np.sort(stats.loc[stats["outlet"] == "big", "repetition_rate"].to_numpy())
    # 11 dots: the values at ranks 0, 50, ..., 500 of the sorted 501 (min and max kept)
    np.testing.assert_array_equal(big, ordered[::50])
    np.testing.assert_array_equal(small, [0.1, 0.2, 0.3])  # under the cap: every article
    # the mean, the interval and n still use every article
    assert sorted(ticklabels(ax)) == ["big (n=501)", "small (n=3, too few to compare)"]
    means = stats.groupby("outlet")["repetition_rate"].mean()
    bars: Any = next(c for c in ax.containers if isinstance(c, ErrorbarContainer))
    drawn = dict(zip(bars.lines[0].get_ydata(), bars.lines[0].get_xdata(), strict=True))
    assert drawn[rows["big"]] == pytest.approx(means["big"])
    legend = ax.get_legend()
    assert legend is not None
    assert "articles (≤11 per outlet)" in [t.get_text() for t in legend.get_texts()]

    _fig, other = plt.subplots()  # the same dots on every draw
    plot_outlet_metric(stats, ax=other, max_articles=11, n_boot=100)
    (again,) = [c for c in other.collections if isinstance(c, PathCollection)]
    np.testing.assert_array_equal(np.asarray(again.get_offsets()), xy)


def test_outlet_metric_cap_above_every_outlet_changes_nothing(
    ax: Axes, article_stats: pd.DataFrame
) -> None:
    plot_outlet_metric(article_stats, ax=ax, max_articles=1000, n_boot=100)
    (strip,) = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(strip.get_offsets()) == article_stats["repetition_rate"].notna().sum()
    legend = ax.get_legend()
    assert legend is not None and "articles" in [t.get_text() for t in legend.get_texts()]
    with pytest.raises(ValueError, match="max_articles"):
        plot_outlet_metric(article_stats, ax=ax, max_articles=0)


# --------------------------------------------------------------------------- fingerprint


@pytest.fixture
def fingerprint() -> pd.DataFrame:
    lines = [
        "Subscribe to our newsletter to receive the morning briefing every weekday at seven",
        "Log in or register to comment",
        "Photo: staff photographer",
        "Share this story",
    ]
    return pd.DataFrame(
        {
            "outlet": ["Bugle"] * 4 + ["Planet"] * 2,
            "text": [*lines, "Read more", "Cookies policy"],
            "norm": [t.lower() for t in [*lines, "Read more", "Cookies policy"]],
            "n_articles": [19, 12, 8, 2, 30, 15],
            "share": [0.95, 0.6, 0.4, 0.1, 1.0, 0.5],
        }
    )


def test_fingerprint_bars(ax: Axes, fingerprint: pd.DataFrame) -> None:
    out = plot_boilerplate_fingerprint(fingerprint, outlet="Bugle", top=3, ax=ax)
    assert out is ax
    assert len(ax.patches) == 3
    np.testing.assert_allclose(widths(ax.patches), np.array([0.95, 0.6, 0.4]))
    labels = ticklabels(ax)
    assert labels[0].endswith("…") and len(labels[0]) <= 60
    assert labels[1:] == ["Log in or register to comment", "Photo: staff photographer"]
    assert [t.get_text() for t in ax.texts] == ["95%", "60%", "40%"]
    assert "Bugle" in ax.get_title(loc="left")


def test_fingerprint_several_outlets_coloured(ax: Axes, fingerprint: pd.DataFrame) -> None:
    plot_boilerplate_fingerprint(fingerprint, ax=ax, top=None)
    assert len(ax.patches) == 6
    colours = {to_hex(p.get_facecolor()) for p in ax.patches}
    assert len(colours) == 2
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["Planet", "Bugle"]


# --------------------------------------------------------------------------- keyness


@pytest.fixture
def keyness_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "term": ["blaze", "mill", "firefighters", "vote", "budget", "council", "ghost"],
            "target": "Bugle",
            "reference": "rest",
            "n_target": [20, 9, 12, 1, 2, 0, 3],
            "n_reference": [2, 1, 3, 30, 25, 12, 3],
            "g2": [40.0, 12.0, 20.0, 35.0, 18.0, 9.0, 0.0],
            "log_ratio": [3.1, 2.0, 2.2, -3.5, -2.4, -np.inf, 0.0],
            "p_value": [0.0, 0.001, 0.0, 0.0, 0.0, 0.01, 1.0],
        }
    )


def test_keyness_g2_diverging(ax: Axes, keyness_table: pd.DataFrame) -> None:
    out = plot_keyness(keyness_table, ax=ax, top=2)
    assert out is ax
    assert ticklabels(ax) == ["blaze", "firefighters", "budget", "vote"]
    assert sorted(widths(ax.patches), reverse=True) == [40.0, 20.0, -18.0, -35.0]
    target_bars, reference_bars = ax.containers
    assert {to_hex(p.get_facecolor()) for p in target_bars} == {to_hex(PALETTE[0])}
    assert (widths(reference_bars) < 0).all()
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == [
        "more frequent in Bugle",
        "more frequent in the rest of the corpus",
    ]
    assert len(ax.lines) == 1  # the zero line
    assert "G²" in ax.get_xlabel()


def test_keyness_log_ratio_drops_infinite_and_zero(ax: Axes, keyness_table: pd.DataFrame) -> None:
    plot_keyness(keyness_table, stat="log_ratio", ax=ax)
    assert "council" not in ticklabels(ax) and "ghost" not in ticklabels(ax)
    assert len(ax.patches) == 5
    assert "Log Ratio" in ax.get_xlabel()


def test_keyness_several_targets(ax: Axes, keyness_table: pd.DataFrame) -> None:
    other = keyness_table.assign(target="Planet", term=keyness_table["term"] + "2")
    both = pd.concat([keyness_table, other], ignore_index=True)
    with pytest.raises(ValueError, match="target="):
        plot_keyness(both, ax=ax)
    plot_keyness(both, ax=ax, target="Planet")
    assert all(label.endswith("2") for label in ticklabels(ax))


# --------------------------------------------------------------------------- keywords


@pytest.fixture
def freqs() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "outlet": ["A", "A", "A", "B", "B", CYR],
            "term": ["fire", "vote", "mill", "fire", "vote", "fire"],
            "n": [30, 5, 1, 10, 20, 4],
            "n_articles": [3, 2, 1, 2, 4, 1],
            "per_10k_words": [30.0, 5.0, 1.0, 10.0, 20.0, 40.0],
        }
    )


def test_keyword_heatmap(ax: Axes, freqs: pd.DataFrame) -> None:
    out = plot_keyword_heatmap(freqs, ax=ax, top=2)
    assert out is ax
    assert ticklabels(ax) == ["fire", "vote"]
    assert ticklabels(ax, "x") == ["A", "B", CYR]
    (image,) = ax.images
    array: Any = image.get_array()
    assert array.shape == (2, 3)
    assert bool(array.mask[1, 2])  # no "vote" row for Вести: grey, not zero
    np.testing.assert_allclose(array[0].filled(np.nan), np.array([30.0, 10.0, 40.0]))
    assert [t.get_text() for t in ax.texts] == ["30.0", "10.0", "40.0", "5.0", "20.0"]
    colorbars = [a for a in ax.figure.axes if a is not ax]
    assert len(colorbars) == 1 and colorbars[0].get_ylabel() == "per 10,000 words"


def test_keyword_heatmap_fades_small_samples(ax: Axes, freqs: pd.DataFrame) -> None:
    outlets = ["A"] * 6 + ["B"] * 2 + [CYR] * 5
    articles = pd.DataFrame({"outlet": outlets, "language": "en"})  # one panel
    plot_keyword_heatmap(freqs, ax=ax, top=2, languages=articles)  # sizes counted from it
    assert ticklabels(ax, "x") == ["A", "B (n=2, too few to compare)", CYR]
    colours = [t.get_color() for t in ax.get_xticklabels()]
    assert colours[1] != colours[0] == colours[2]
    spans = [p for p in ax.patches if p.get_alpha() == 0.6]
    assert len(spans) == 1 and spans[0].get_extents().x0 == pytest.approx(
        ax.transData.transform((0.5, 0))[0]
    )  # over column B only
    plt.close(ax.figure)
    _, ax2 = plt.subplots()
    plot_keyword_heatmap(freqs, ax=ax2, top=2)  # no sizes: nothing marked
    assert ticklabels(ax2, "x") == ["A", "B", CYR] and not ax2.patches


def test_keyword_heatmap_given_terms(ax: Axes, freqs: pd.DataFrame) -> None:
    plot_keyword_heatmap(freqs, terms=["mill", "absent", "fire"], ax=ax, annotate=False)
    assert ticklabels(ax) == ["mill", "fire"]
    assert not ax.texts


@pytest.fixture
def trends() -> pd.DataFrame:
    periods = pd.to_datetime(["2024-03-04", "2024-02-26", "2024-03-11"], utc=True)
    rows = [
        (outlet, period, term, 2, 1000, rate)
        for outlet in ["A", CYR]
        for term in ["fire", "vote"]
        for period, rate in zip(periods, [3.0, 1.0, 2.0], strict=True)
    ]
    return pd.DataFrame(rows, columns=["outlet", "period", "term", "n", "n_words", "per_10k_words"])


def test_keyword_trends_one_panel_per_term(trends: pd.DataFrame) -> None:
    first = plot_keyword_trends(trends)
    fig = first.get_figure(root=True)
    panels = [a for a in fig.axes if a.lines]
    assert [a.get_title(loc="left") for a in panels] == ["“fire”", "“vote”"]
    for panel in panels:  # outlets as lines, sorted by period
        assert [line.get_label() for line in panel.lines] == ["A", CYR]
        assert np.asarray(panel.lines[0].get_ydata()).tolist() == [1.0, 3.0, 2.0]
    (legend,) = fig.legends  # one shared legend, one entry per outlet
    assert [t.get_text() for t in legend.get_texts()] == ["A", CYR]
    assert first.get_ylabel() == "per 10,000 words"
    fig.canvas.draw()
    # a clean date axis: month and day on the ticks, the year once (the offset)
    labels = [t.get_text() for t in panels[-1].get_xticklabels() if t.get_text()]
    assert labels and all(label[:3] in ("Feb", "Mar") for label in labels)
    assert panels[-1].xaxis.get_major_formatter().get_offset() == "2024"


def test_keyword_trends_caps_the_panels(trends: pd.DataFrame) -> None:
    more = pd.concat([trends.assign(term=f"t{i}", n=i) for i in range(8)], ignore_index=True)
    fig = plot_keyword_trends(more).get_figure(root=True)
    assert [a.get_title(loc="left") for a in fig.axes] == ["“t7”", "“t6”", "“t5”", "“t4”"]
    fig = plot_keyword_trends(more, top=2, ncols=1).get_figure(root=True)
    assert len(fig.axes) == 2
    assert len(plot_keyword_trends(more, top=None).get_figure(root=True).axes) == 7  # t0: n=0


def test_keyword_trends_on_given_axes(ax: Axes, trends: pd.DataFrame) -> None:
    out = plot_keyword_trends(trends, terms=["vote"], ax=ax)  # one term: on the Axes
    assert out is ax and ax.get_title(loc="left") == "“vote”" and len(ax.lines) == 2
    _fig, pair = plt.subplots(1, 2)
    assert plot_keyword_trends(trends, ax=pair) is pair[0]
    assert [a.get_title(loc="left") for a in pair] == ["“fire”", "“vote”"]
    # one Axes for several terms: its place is split into one panel per term
    fig, (keep, place) = plt.subplots(1, 2, layout="constrained")
    first = plot_keyword_trends(trends, ax=place, ncols=1)
    assert place not in fig.axes and keep in fig.axes
    panels = [a for a in fig.axes if a is not keep]
    assert first is panels[0] and [a.get_title(loc="left") for a in panels] == ["“fire”", "“vote”"]
    assert all(len(a.lines) == 2 for a in panels)
    # an Axes not placed by a grid: the first term only
    fig = plt.figure()
    free = fig.add_axes((0.1, 0.1, 0.8, 0.8))
    assert plot_keyword_trends(trends, ax=free) is free and free.get_title(loc="left") == "“fire”"


def test_keyword_trends_colours_outlets_alike_in_every_panel(trends: pd.DataFrame) -> None:
    first = plot_keyword_trends(trends, terms=["vote", "fire"], outlets=[CYR, "A"])
    panels = first.get_figure(root=True).axes
    assert [a.get_title(loc="left") for a in panels] == ["“vote”", "“fire”"]
    for panel in panels:
        assert [line.get_label() for line in panel.lines] == [CYR, "A"]
        assert [to_hex(line.get_color()) for line in panel.lines] == [
            to_hex(PALETTE[0]),
            to_hex(PALETTE[1]),
        ]


def test_keyword_trends_leaves_out_an_outlet_that_never_uses_the_term(
    trends: pd.DataFrame,
) -> None:
    silent = trends.copy()
    silent.loc[(silent["outlet"] == CYR) & (silent["term"] == "vote"), ["n", "per_10k_words"]] = 0
    panels = plot_keyword_trends(silent).get_figure(root=True).axes
    assert [[line.get_label() for line in a.lines] for a in panels] == [["A", CYR], ["A"]]


# --------------------------------------------------------------------------- scripts


def test_script_profile_stacked(ax: Axes, article_stats: pd.DataFrame) -> None:
    out = plot_script_profile(article_stats, ax=ax)
    assert out is ax
    assert ticklabels(ax) == sorted(OUTLETS)
    assert len(ax.containers) == 3 and len(ax.patches) == 9
    latin, cyrillic, _other = ax.containers
    means = article_stats.groupby("outlet")[["latin_chr_fraction", "cyrillic_chr_fraction"]].mean()
    expected = means["latin_chr_fraction"].to_numpy()
    np.testing.assert_allclose(widths(latin), expected)
    np.testing.assert_allclose([patch.get_x() for patch in cyrillic], expected)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [  # type: ignore[union-attr]
        "Latin letters",
        "Cyrillic letters",
        "Letters of other scripts",
    ]


def test_stray_kinds_uses_existing_columns(ax: Axes, article_stats: pd.DataFrame) -> None:
    out = plot_stray_kinds(article_stats, ax=ax, outlets=[CYR, LONG])
    assert out is ax
    assert ticklabels(ax) == [CYR, LONG]
    assert len(ax.containers) == 3  # foreign_script, mojibake, markup
    mojibake = ax.containers[1]
    np.testing.assert_allclose(widths(mojibake), np.array([2.0, 0.0]))
    assert ax.get_xlabel() == "stray lines per article (mean)"
    with pytest.raises(ValueError, match="n_stray_"):
        plot_stray_kinds(pd.DataFrame({"outlet": ["A"], "x": [1]}), ax=ax)


# --------------------------------------------------------------------------- reuse


def _pairs(rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows,
        columns=["article_id_a", "outlet_a", "article_id_b", "outlet_b", "source_article_id"],
    )
    ids = pd.concat(
        [
            frame[["article_id_a", "outlet_a"]].set_axis(["id", "outlet"], axis=1),
            frame[["article_id_b", "outlet_b"]].set_axis(["id", "outlet"], axis=1),
        ]
    ).drop_duplicates("id")
    frame["source_outlet"] = frame["source_article_id"].map(ids.set_index("id")["outlet"])
    frame["similarity"] = 0.9
    return frame


def test_reuse_matrix_direction_rules() -> None:
    pairs = _pairs(
        [
            ("a1", "A", "b1", "B", "a1"),  # A first
            ("a2", "A", "b2", "B", "b2"),  # B first (source is side b)
            ("a3", "A", "c1", "C", None),  # unknown: both directions
            ("a4", "A", "a5", "A", None),  # unknown within one outlet: once
            ("b3", "B", "c2", "C", "c2"),
        ]
    )
    matrix = reuse_matrix(pairs)
    assert matrix.index.name == "source_outlet"
    assert matrix.columns.name == "republishing_outlet"
    expected = pd.DataFrame(
        [[1, 1, 1], [1, 0, 0], [1, 1, 0]],
        index=pd.Index(["A", "B", "C"], name="source_outlet"),
        columns=pd.Index(["A", "B", "C"], name="republishing_outlet"),
    )
    pd.testing.assert_frame_equal(matrix, expected)
    dropped = reuse_matrix(pairs, unknown="drop")
    assert int(dropped.to_numpy().sum()) == 3
    assert dropped.loc["A", "C"] == 0 and dropped.loc["A", "A"] == 0


def test_reuse_matrix_source_outlet_fallback_and_order() -> None:
    pairs = pd.DataFrame(
        {"outlet_a": ["A", "B"], "outlet_b": ["B", "C"], "source_outlet": ["B", None]}
    )
    matrix = reuse_matrix(pairs, outlets=["C", "B", "A", "D"])
    assert list(matrix.index) == ["C", "B", "A", "D"]
    assert matrix.loc["B", "A"] == 1 and matrix.loc["A", "B"] == 0
    assert matrix.loc["B", "C"] == 1 and matrix.loc["C", "B"] == 1
    assert int(matrix.to_numpy().sum()) == 3


def test_plot_reuse_matrix(ax: Axes) -> None:
    pairs = _pairs([("a1", LONG, "b1", CYR, "a1"), ("a2", LONG, "b2", CYR, "a2")])
    out = plot_reuse_matrix(pairs, ax=ax)
    assert out is ax
    (image,) = ax.images
    shown: Any = image.get_array()
    np.testing.assert_array_equal(shown, reuse_matrix(pairs).to_numpy())
    assert ticklabels(ax) == sorted([LONG, CYR]) == ticklabels(ax, "x")
    assert [t.get_text() for t in ax.texts] == ["0", "2", "0", "0"]  # LONG -> CYR: 2
    assert "source" in ax.get_ylabel()
    colorbars = [a for a in ax.figure.axes if a is not ax]
    assert colorbars[0].get_ylabel() == "article pairs"


# --------------------------------------------------------------------------- common


EMPTY_CASES: list[tuple[Callable[..., Axes], pd.DataFrame]] = [
    (plot_outlet_metric, pd.DataFrame({"outlet": [], "repetition_rate": []})),
    (plot_boilerplate_fingerprint, pd.DataFrame({"outlet": [], "text": [], "share": []})),
    (plot_keyness, pd.DataFrame({"term": [], "g2": [], "log_ratio": []})),
    (plot_keyword_heatmap, pd.DataFrame({"outlet": [], "term": [], "per_10k_words": []})),
    (
        plot_keyword_trends,
        pd.DataFrame({"outlet": [], "period": [], "term": [], "per_10k_words": []}),
    ),
    (plot_script_profile, pd.DataFrame({"outlet": [], "latin_chr_fraction": []})),
    (plot_stray_kinds, pd.DataFrame({"outlet": [], "n_stray_markup": []})),
    (plot_reuse_matrix, pd.DataFrame({"outlet_a": [], "outlet_b": []})),
]


@pytest.mark.parametrize(("func", "empty"), EMPTY_CASES, ids=lambda v: getattr(v, "__name__", ""))
def test_empty_data_draws_nothing(ax: Axes, func: Callable[..., Axes], empty: pd.DataFrame) -> None:
    assert func(empty, ax=ax) is ax
    assert func(pd.DataFrame(), ax=ax) is ax
    assert drawn_nothing(ax)
    assert {t.get_text() for t in ax.texts} == {"no data"}


@pytest.mark.parametrize(("func", "empty"), EMPTY_CASES, ids=lambda v: getattr(v, "__name__", ""))
def test_empty_data_new_figure(func: Callable[..., Axes], empty: pd.DataFrame) -> None:
    assert isinstance(func(empty), Axes)


def test_inputs_not_mutated(
    article_stats: pd.DataFrame,
    fingerprint: pd.DataFrame,
    keyness_table: pd.DataFrame,
    freqs: pd.DataFrame,
    trends: pd.DataFrame,
) -> None:
    calls: list[tuple[Callable[..., Any], pd.DataFrame]] = [
        (plot_outlet_metric, article_stats),
        (plot_script_profile, article_stats),
        (plot_stray_kinds, article_stats),
        (plot_boilerplate_fingerprint, fingerprint),
        (plot_keyness, keyness_table),
        (plot_keyword_heatmap, freqs),
        (plot_keyword_trends, trends),
        (reuse_matrix, _pairs([("a1", "A", "b1", "B", None)])),
    ]
    for func, frame in calls:
        before = frame.copy(deep=True)
        func(frame)
        pd.testing.assert_frame_equal(frame, before)


def test_dollar_signs_stay_verbatim(ax: Axes) -> None:
    fp = pd.DataFrame({"outlet": [DOLLAR], "text": ["Only $5 for $10 of news"], "share": [0.5]})
    plot_boilerplate_fingerprint(fp, ax=ax)
    assert ticklabels(ax) == ["Only $5 for $10 of news"]
    ax.figure.canvas.draw()
    assert all(not t.get_parse_math() for t in ax.get_yticklabels() if t.get_text())


def test_outlet_metric_accepts_an_alias(article_stats: pd.DataFrame) -> None:
    import matplotlib.pyplot as plt

    by_name = plot_outlet_metric(article_stats, "repetition_rate", n_boot=50)
    by_alias = plot_outlet_metric(article_stats, "repeated_chr_fraction", n_boot=50)
    assert by_alias.get_xlabel() == by_name.get_xlabel() == metric_label("repetition_rate")
    assert ticklabels(by_alias) == ticklabels(by_name)
    np.testing.assert_array_equal(interval_segments(by_alias), interval_segments(by_name))
    plt.close("all")


def test_metric_label_reads_the_schema() -> None:
    from toolkit import schema

    for name in schema.ARTICLE_STATS_COLUMNS:
        assert metric_label(name) == schema.axis_label(name)
    assert metric_label("boilerplate_chr_fraction") == metric_label("boilerplate_ratio")


def test_stray_kinds_legend_uses_the_schema_labels(ax: Axes, article_stats: pd.DataFrame) -> None:
    from toolkit.schema import STRAY_KIND_LABELS

    plot_stray_kinds(article_stats, ax=ax)
    shown = [t.get_text() for t in ax.get_legend().get_texts()]  # type: ignore[union-attr]
    assert shown and set(shown) <= set(STRAY_KIND_LABELS.values())
    assert "foreign-script UI text" in shown


# --------------------------------------------------------------------------- issue 20


def test_metric_label_is_the_schema_axis_label_for_any_name() -> None:
    from toolkit import schema

    for name in ("my_chr_fraction", "something", "n_articles", "per_10k_words", "g2"):
        assert metric_label(name) == schema.axis_label(name)


def test_an_outlet_below_the_threshold_is_greyed_and_said_to_be_too_small(ax: Axes) -> None:
    from toolkit.schema import MIN_RELIABLE_ARTICLES

    rng = np.random.default_rng(7)
    n_big = MIN_RELIABLE_ARTICLES + 3
    stats = pd.DataFrame(
        {
            "outlet": ["big"] * n_big + ["tiny"] + ["few"] * (MIN_RELIABLE_ARTICLES - 1),
            "repetition_rate": np.r_[
                rng.uniform(0.3, 0.5, n_big), 0.0, rng.uniform(0, 0.2, MIN_RELIABLE_ARTICLES - 1)
            ],
        }
    )
    plot_outlet_metric(stats, ax=ax, n_boot=200)
    ticks = dict(zip([t.split(" (")[0] for t in ticklabels(ax)], ax.get_yticklabels(), strict=True))
    assert ticks["big"].get_text() == f"big (n={n_big})"
    assert ticks["tiny"].get_text() == "tiny (n=1, too few to compare)"
    assert ticks["few"].get_text() == f"few (n={MIN_RELIABLE_ARTICLES - 1}, too few to compare)"
    assert to_hex(ticks["tiny"].get_color()) == to_hex(plots._SMALL_GREY)
    assert to_hex(ticks["big"].get_color()) != to_hex(plots._SMALL_GREY)
    means = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    assert len(means) == 2  # reliable outlets in colour, small ones in grey
    reliable, small = means
    assert to_hex(reliable.lines[0].get_color()) == to_hex(PALETTE[0])  # type: ignore[union-attr]
    assert to_hex(small.lines[0].get_color()) == to_hex(plots._SMALL_GREY)  # type: ignore[union-attr]
    # the one-article outlet has no interval: a zero-length bar, never [0, 0] drawn as certain
    tiny_row = ticklabels(ax).index("tiny (n=1, too few to compare)")
    segments = {round(float(seg[0, 1])): seg[:, 0] for seg in small.lines[2][0].get_segments()}
    low, high = segments[tiny_row]
    assert low == high == 0.0
    legend = [t.get_text() for t in ax.get_legend().get_texts()]  # type: ignore[union-attr]
    assert f"fewer than {MIN_RELIABLE_ARTICLES} articles: too few to compare" in legend
    drawn = plots._outlet_summary(stats, "repetition_rate", None, n_boot=200, seed=0)[0]
    assert drawn.set_index("outlet").loc["tiny", ["ci_low", "ci_high"]].isna().all()


def test_stacked_bars_fade_a_small_outlet(ax: Axes, article_stats: pd.DataFrame) -> None:
    one = pd.DataFrame(
        {"outlet": ["solo"], "latin_chr_fraction": [0.5], "cyrillic_chr_fraction": [0.5]}
    )
    plot_script_profile(pd.concat([article_stats, one], ignore_index=True), ax=ax)
    labels = ticklabels(ax)
    assert "solo (n=1, too few to compare)" in labels
    assert all("(n=" not in t for t in labels if not t.startswith("solo"))
    row = labels.index("solo (n=1, too few to compare)")
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    faded = [p for p in bars if abs(p.get_y() + p.get_height() / 2 - row) < 1e-9]
    assert faded and all(p.get_alpha() == pytest.approx(0.35) for p in faded)


def test_reuse_colour_bar_has_whole_number_ticks(ax: Axes) -> None:
    for n_pairs in (1, 2, 3, 7):
        _fig, ax = plt.subplots()
        rows = [(f"a{i}", "A", f"b{i}", "B", f"a{i}") for i in range(n_pairs)]
        out = plot_reuse_matrix(_pairs(rows), ax=ax)
        out.figure.canvas.draw()
        colour_bar = out.images[0].colorbar
        assert colour_bar is not None
        ticks = [float(t) for t in colour_bar.get_ticks() if 0 <= t <= n_pairs]
        assert ticks and all(t == int(t) for t in ticks), (n_pairs, ticks)
        plt.close("all")


def test_heatmap_one_panel_per_language_with_its_own_terms() -> None:
    freqs = pd.DataFrame(
        {
            "outlet": ["A", "A", "B", "B", "R", "R"],
            "term": ["fire", "vote", "fire", "mill", "пожар", "выборы"],
            "n": [30, 5, 10, 20, 4, 2],
            "n_articles": [3, 2, 2, 4, 1, 1],
            "per_10k_words": [30.0, 5.0, 10.0, 20.0, 40.0, 20.0],
        }
    )
    # without language information, the writing system of each outlet's terms decides
    first = plot_keyword_heatmap(freqs)
    panels = [a for a in first.get_figure(root=True).axes if a.images]
    assert [a.get_xlabel() for a in panels] == [
        "Outlets in Latin script",
        "Outlets in Cyrillic script",
    ]
    assert ticklabels(panels[0], "x") == ["A", "B"] and ticklabels(panels[1], "x") == ["R"]
    assert ticklabels(panels[1]) == ["пожар", "выборы"]  # no English row in the Russian panel
    (image,) = panels[1].images
    assert not np.ma.getmaskarray(image.get_array()).any()  # never an all-grey column
    # the grey of an absent term is explained
    legend = first.get_legend()
    assert legend is not None and "no count" in legend.get_texts()[0].get_text()
    # languages given as a mapping, as articles, as a KeywordCounts-like object
    mapping = {"A": "en", "B": "en", "R": "ru"}
    articles = pd.DataFrame({"outlet": ["A", "B", "R", "R"], "language": ["en", "en", "ru", None]})

    class Counts:
        groups = ("A", "B", "R")

        def group_language(self, group: str) -> str:
            return mapping[group]

    for languages in (mapping, articles, Counts()):
        plt.close("all")
        first = plot_keyword_heatmap(freqs, languages=languages)
        names = [a.get_xlabel() for a in first.get_figure(root=True).axes if a.images]
        assert names == ["Outlets in English (en)", "Outlets in Russian (ru)"]
    _fig, ax = plt.subplots()
    assert plot_keyword_heatmap(freqs, languages=mapping, language="ru", ax=ax) is ax
    assert ticklabels(ax, "x") == ["R"]
    fig, ax = plt.subplots(layout="constrained")  # one Axes: split, one panel per language
    first = plot_keyword_heatmap(freqs, languages=mapping, ax=ax)
    panels = [a for a in fig.axes if a.images]
    assert ax not in fig.axes and first is panels[0]
    assert [ticklabels(a, "x") for a in panels] == [["A", "B"], ["R"]]
    fig = plt.figure()  # not placed by a grid: the language with the most outlets
    free = fig.add_axes((0.1, 0.1, 0.7, 0.8))
    assert plot_keyword_heatmap(freqs, languages=mapping, ax=free) is free
    assert ticklabels(free, "x") == ["A", "B"] and free.get_xlabel() == "Outlets in English (en)"
    with pytest.raises(ValueError, match="languages"):
        plot_keyword_heatmap(freqs, languages=pd.DataFrame({"x": [1]}))


def test_keyness_chart_is_not_squashed_by_a_long_legend(keyness_table: pd.DataFrame) -> None:
    import warnings

    long_target = keyness_table.assign(target="Ossel Valley Gazette and Northern Courier")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = plot_keyness(long_target, top=12)
        ax.figure.canvas.draw()
    legend = ax.get_legend()
    assert legend is not None  # stacked, never wider than the figure
    box = legend.get_window_extent()
    assert box.x1 - box.x0 <= ax.figure.bbox.width
    assert len({round(t.get_window_extent().y0) for t in legend.get_texts()}) == 2
    height = ax.get_position().height * ax.figure.get_figheight()
    assert height > 0.45 * ax.figure.get_figheight()  # the bars get most of the figure


# --------------------------------------------------------------------------- no warnings


@pytest.fixture(scope="module")
def demo() -> dict[str, Any]:
    import toolkit
    from toolkit.stats.keywords import term_counts

    corpus = toolkit.load_corpus(Path(__file__).resolve().parents[1] / "corpus", progress=False)
    lines = toolkit.label_lines(corpus)
    stats = toolkit.article_stats(corpus, lines=lines)
    counts = term_counts(corpus)
    return {
        "corpus": corpus,
        "stats": stats,
        "outlet_stats": toolkit.outlet_stats(stats, n_boot=200),
        "fingerprint": toolkit.boilerplate_fingerprint(lines, top=12),
        "keyness": toolkit.keyness(counts, target=corpus.outlets[0]),
        "freqs": toolkit.keyword_frequencies(corpus),
        "trends": toolkit.keyword_trends(corpus, ["flood", "strike", "recount"], freq="W"),
        "pairs": toolkit.near_duplicates(corpus, threshold=0.5),
        "raw_clean": toolkit.keyness_raw_clean(corpus, target=corpus.outlets[0]),
    }


def _demo_calls(d: dict[str, Any]) -> dict[str, Callable[[], Any]]:
    return {
        "outlet_metric": lambda: plot_outlet_metric(d["stats"], n_boot=200),
        "outlet_metric_bar": lambda: plot_outlet_metric(
            None, "boilerplate_ratio", outlet_stats=d["outlet_stats"], kind="bar"
        ),
        "fingerprint": lambda: plot_boilerplate_fingerprint(d["fingerprint"]),
        "keyness_g2": lambda: plot_keyness(d["keyness"], stat="g2", top=12),
        "keyness_log_ratio": lambda: plot_keyness(d["keyness"], stat="log_ratio", top=10),
        "heatmap": lambda: plot_keyword_heatmap(d["freqs"], top=20),
        "heatmap_languages": lambda: plot_keyword_heatmap(d["freqs"], languages=d["corpus"]),
        "trends": lambda: plot_keyword_trends(d["trends"]),
        "trends_one_term": lambda: plot_keyword_trends(d["trends"], terms=["flood"]),
        "script_profile": lambda: plot_script_profile(d["stats"]),
        "stray_kinds": lambda: plot_stray_kinds(d["stats"]),
        "reuse_matrix": lambda: plot_reuse_matrix(d["pairs"]),
        "keyness_raw_clean": lambda: plots.plot_keyness_raw_clean(d["raw_clean"]),
    }


DEMO_CALLS = [
    "outlet_metric",
    "outlet_metric_bar",
    "fingerprint",
    "keyness_g2",
    "keyness_log_ratio",
    "heatmap",
    "heatmap_languages",
    "trends",
    "trends_one_term",
    "script_profile",
    "stray_kinds",
    "reuse_matrix",
    "keyness_raw_clean",
]


def test_every_public_plot_function_is_run_on_the_demo_corpus() -> None:
    """A new plot_* function must be added to _demo_calls (and so to the warning test)."""
    calls = _demo_calls(dict.fromkeys(("stats",)))
    assert sorted(calls) == sorted(DEMO_CALLS)
    names = ["outlet_metric", "boilerplate_fingerprint", "keyness", "keyword_heatmap"]
    names += ["keyword_trends", "script_profile", "stray_kinds", "reuse_matrix"]
    names += ["keyness_raw_clean"]
    covered = {f"plot_{name}" for name in names}
    assert {n for n in plots.__all__ if n.startswith("plot_")} == covered


@pytest.mark.parametrize("name", DEMO_CALLS)
def test_no_warning_on_the_demo_corpus(demo: dict[str, Any], name: str, tmp_path: Any) -> None:
    """Every chart of the demo corpus, drawn and saved, with warnings turned into errors
    (a squashed constrained layout warns)."""
    import warnings

    from toolkit.export import save_figure

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = _demo_calls(demo)[name]()
        fig = ax.get_figure(root=True)
        save_figure(fig, tmp_path / name, formats=("png",))
    for panel in fig.axes:  # nothing collapsed to a strip
        box = panel.get_position()
        assert box.width * fig.get_figwidth() > 0.3 and box.height * fig.get_figheight() > 0.3


# --------------------------------------------------------------------------- notebooks

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


@pytest.mark.parametrize(
    "name",
    [
        "02_compare_outlets",
        "03_boilerplate_and_repetition",
        "05_stray_strings_and_scripts",
        "06_reuse_and_syndication",
    ],
)
def test_notebook_outputs_hold_no_warning(name: str, tmp_path: Path) -> None:
    """No cell of the chart notebooks shows a warning or writes to stderr.

    A warning is checked as a reader meets it: in the outputs. Turning warnings into
    errors inside the kernel would hide the one that matters most here: a layout warning
    is raised when the inline backend draws the figure after the cell, where an error is
    swallowed instead of failing the cell (checked: the squashed keyness chart of
    notebook 04 printed "constrained_layout not applied" to stderr, and only that way).
    """
    from nbrun import run_notebook

    nb = run_notebook(NOTEBOOKS / f"{name}.ipynb", parameters={"OUT_DIR": str(tmp_path)})
    shown = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                shown.append(out.get("text", ""))
            text = str(out.get("text", "")) + str(out.get("data", {}).get("text/plain", ""))
            if "Warning" in text or out.get("output_type") == "error":
                shown.append(text)
    assert not shown, shown
