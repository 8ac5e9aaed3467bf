"""Charts of the toolkit's statistics: one look, one calling convention.

Every chart is an axes-level function in the style of seaborn::

    plot_<what>(data, *, ax=None, ...) -> matplotlib.axes.Axes

``data`` is a DataFrame returned by a statistic (:func:`toolkit.article_stats`,
:func:`toolkit.outlet_stats`, :func:`toolkit.keyness`, ...), never raw text, so every
number on a chart can be traced back to a table. The function draws on ``ax`` when given
(and then leaves the axes' style alone), otherwise on a new figure sized for the data and
drawn in the toolkit style (:func:`toolkit_style`). Empty data draws nothing but a
"no data" note and does not raise.

The look: the Okabe–Ito palette (distinguishable with every common colour-vision
deficiency), a white-to-blue sequential colour map for counts and rates, 11–12 pt type
readable on a slide, outlets on the y axis so long names are never cut, fractions shown
as percentages with the unit in the axis label. Axis labels, legends and titles name
columns by their human labels from :mod:`toolkit.schema` (:func:`toolkit.schema.axis_label`),
and a metric may be given by an alias (:func:`toolkit.schema.resolve_metric`). Text that comes
from the data (outlet
names, terms, scraped lines) is drawn verbatim: a ``$`` in a headline never turns into
mathematics.

Save charts with :func:`toolkit.export.save_figure` (reproducible PNG/SVG/PDF).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Literal, ParamSpec

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator, PercentFormatter, StrMethodFormatter

from toolkit import schema
from toolkit.schema import STRAY_KIND_LABELS
from toolkit.stats.intervals import outlet_mean_intervals

__all__ = [
    "OKABE_ITO",
    "PALETTE",
    "SEQUENTIAL_CMAP",
    "STRAY_KIND_LABELS",
    "STYLE",
    "metric_label",
    "plot_boilerplate_fingerprint",
    "plot_keyness",
    "plot_keyword_heatmap",
    "plot_keyword_trends",
    "plot_outlet_metric",
    "plot_reuse_matrix",
    "plot_script_profile",
    "plot_stray_kinds",
    "reuse_edges",
    "reuse_matrix",
    "set_theme",
    "toolkit_style",
]

# --------------------------------------------------------------------------- style

#: The Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008), by name.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
#: Categorical colour order: strong colours first, the pale yellow last.
PALETTE: tuple[str, ...] = tuple(
    OKABE_ITO[name]
    for name in (
        "blue",
        "orange",
        "bluish_green",
        "vermillion",
        "sky_blue",
        "reddish_purple",
        "black",
        "yellow",
    )
)
#: Sequential map for counts and rates: white (zero) to dark blue, one hue, so it reads
#: the same in grey scale and for colour-blind readers.
SEQUENTIAL_CMAP = LinearSegmentedColormap.from_list(
    "toolkit_blues", ["#FFFFFF", "#A6D5F2", OKABE_ITO["sky_blue"], OKABE_ITO["blue"], "#00304D"]
)
#: Grey of the article dots behind the outlet means.
_DOT_GREY = "0.55"
#: Grey of an outlet with too few articles to compare (its mean, bar and tick label).
_SMALL_GREY = "0.6"

#: Matplotlib settings of the toolkit look (see :func:`toolkit_style`).
STYLE: dict[str, Any] = {
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 10,
    "legend.frameon": False,
    "axes.prop_cycle": cycler(color=list(PALETTE)),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": "0.88",
    "grid.linewidth": 0.8,
    "image.cmap": "viridis",
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "svg.hashsalt": "toolkit",
}


@contextlib.contextmanager
def toolkit_style(**overrides: Any) -> Iterator[None]:
    """Temporarily apply the toolkit look (:data:`STYLE`), e.g. around ``plt.subplots``.

    Parameters
    ----------
    **overrides
        rcParams that replace the toolkit's. Their names contain dots, so pass them
        as an unpacked dict: ``toolkit_style(**{"font.size": 14})`` for a poster.

    Yields
    ------
    None

    Examples
    --------
    >>> import matplotlib as mpl
    >>> with toolkit_style(**{"font.size": 14}):
    ...     mpl.rcParams["font.size"], mpl.rcParams["axes.spines.top"]
    (14.0, False)
    """
    rc: Any = {**STYLE, **overrides}
    interactive = mpl.is_interactive()
    try:
        with mpl.rc_context(rc):
            try:
                yield
            finally:
                # Jupyter turns interactive mode on when the first figure is made inside
                # the context; rc_context would switch it off again on exit, and later
                # inline charts would not show
                interactive = mpl.is_interactive()
    finally:
        mpl.interactive(interactive)


def set_theme(**overrides: Any) -> None:
    """Apply the toolkit look to every later figure of the session.

    Parameters
    ----------
    **overrides
        rcParams that replace the toolkit's.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> with mpl.rc_context():
    ...     set_theme()
    ...     mpl.rcParams["legend.frameon"]
    False
    """
    rc: Any = {**STYLE, **overrides}
    mpl.rcParams.update(rc)


_P = ParamSpec("_P")


def _styled(func: Callable[_P, Axes]) -> Callable[_P, Axes]:
    """Draw in the toolkit style when the chart makes its own figure (``ax=None``)."""

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> Axes:
        if kwargs.get("ax") is None:
            with toolkit_style():
                return func(*args, **kwargs)
        return func(*args, **kwargs)

    return wrapper


def _new_axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    _fig, new_ax = plt.subplots(figsize=size, layout="constrained")
    return new_ax


def _rows_size(labels: Sequence[str], plot_width: float = 4.5) -> tuple[float, float]:
    """Figure size for a chart with one row per label: room for the longest label."""
    longest = max((len(str(label)) for label in labels), default=0)
    return (plot_width + 0.5 + 0.085 * longest, max(2.8, 1.4 + 0.38 * len(labels)))


def _no_data(ax: Axes | None, message: str = "no data") -> Axes:
    ax = _new_axes(ax, (6.0, 2.5))
    ax.text(
        0.5,
        0.5,
        message,
        transform=ax.transAxes,
        ha="center",
        va="center",
        color="0.4",
        parse_math=False,
    )
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def _is_empty(data: pd.DataFrame | None) -> bool:
    return data is None or len(data) == 0


def _require(data: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise ValueError(f"{what} needs the column(s) {missing}; it has {list(data.columns)}")


def _truncate(text: str, width: int) -> str:
    """Shorten ``text`` to at most ``width`` characters, ending with an ellipsis.

    Examples
    --------
    >>> _truncate("Subscribe to our newsletter for daily updates", 20)
    'Subscribe to our ne…'
    >>> _truncate("short", 20)
    'short'
    """
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _set_category_ticks(ax: Axes, axis: Literal["x", "y"], labels: Sequence[str]) -> None:
    """Put ``labels`` at 0..n-1 on ``axis`` (verbatim, no mathtext)."""
    positions = np.arange(len(labels))
    if axis == "y":
        ax.set_yticks(positions, labels=list(labels), parse_math=False)
        ax.set_ylim(len(labels) - 0.5, -0.5)  # first label at the top
        ax.grid(False, axis="y")
    else:
        ax.set_xticks(
            positions,
            labels=list(labels),
            parse_math=False,
            rotation=35,
            ha="right",
            rotation_mode="anchor",
        )
        ax.set_xlim(-0.5, len(labels) - 0.5)


def _verbatim(legend: Legend) -> None:
    """Show legend labels as written (outlet names may contain ``$``)."""
    for text in legend.get_texts():
        text.set_parse_math(False)


def _fitting_ncols(labels: Sequence[str], ncols: int, width: float) -> int:
    """At most ``ncols`` legend columns whose widest row fits ``width`` inches.

    A legend wider than its figure makes constrained layout collapse the axes (and warn);
    widths are estimated from the label lengths at the legend's font size.

    Examples
    --------
    >>> _fitting_ncols(["a", "b", "c"], 3, 6.0)
    3
    >>> _fitting_ncols(["more frequent in Ossel Valley Gazette",
    ...                 "more frequent in the rest of the corpus"], 2, 5.0)
    1
    """
    font = mpl.rcParams["legend.fontsize"]
    size = float(font) if isinstance(font, int | float) else 10.0
    char, handle = 0.55 * size / 72.0, 0.6
    ncols = max(1, min(ncols, len(labels)))
    while ncols > 1:
        columns = [labels[i::ncols] for i in range(ncols)]
        row = sum(handle + char * max(len(str(t)) for t in col) for col in columns if col)
        if row <= width:
            break
        ncols -= 1
    return ncols


def _root_figure(ax: Axes) -> Figure:
    """The figure ``ax`` is drawn in (the root one, for an axes of a subfigure)."""
    fig = ax.get_figure(root=True)
    if not isinstance(fig, Figure):
        raise ValueError("the axes belong to no figure")
    return fig


def _split_in_place(
    ax: Axes, rows: int, cols: int, *, sharex: bool = False, **grid: Any
) -> list[Axes] | None:
    """Replace ``ax`` by a ``rows`` x ``cols`` grid of panels in the same place of its
    figure (row by row); None, and ``ax`` left alone, when it was not placed by a grid."""
    spec = ax.get_subplotspec()
    fig = ax.get_figure(root=False)
    if spec is None or fig is None:
        return None
    cells = spec.subgridspec(rows, cols, **grid)
    ax.remove()
    panels: list[Axes] = []
    for r in range(rows):
        for c in range(cols):
            share = panels[0] if sharex and panels else None
            panels.append(fig.add_subplot(cells[r, c], sharex=share))
    return panels


def _figure_width(ax: Axes) -> float:
    """Width in inches of the (root) figure of ``ax``."""
    return float(_root_figure(ax).get_figwidth())


def _legend_above(ax: Axes, ncols: int = 3, **kwargs: Any) -> None:
    handles = kwargs.get("handles")
    labels = (
        [str(h.get_label()) for h in handles]
        if handles is not None
        else ax.get_legend_handles_labels()[1]
    )
    ncols = _fitting_ncols(labels, ncols, 0.9 * _figure_width(ax))
    legend = ax.legend(
        loc="lower left", bbox_to_anchor=(0.0, 1.01), ncols=ncols, borderaxespad=0.0, **kwargs
    )
    _verbatim(legend)


def _outlet_order(present: Sequence[str], outlets: Sequence[str] | None) -> list[str]:
    """``outlets`` that are present, in the given order; else the present ones sorted."""
    if outlets is None:
        return sorted(dict.fromkeys(present), key=str)
    have = set(present)
    return [o for o in dict.fromkeys(outlets) if o in have]


def _fraction_metric(metric: str) -> bool:
    """Whether a column is drawn as a percentage: a fraction of the schema, or a column of
    the user's own whose name ends like one (``_fraction``, ``_rate``, ``_ratio``, ``_share``)."""
    if schema.is_fraction(metric):
        return True
    known = metric in schema.METRICS or schema.resolve_metric(metric) != metric
    return not known and (
        metric.endswith(("_fraction", "_rate", "_ratio", "_share")) or metric == "share"
    )


def metric_label(metric: str) -> str:
    """Axis label of a statistics column: :func:`toolkit.schema.axis_label`, under its
    name in this module.

    The label and the unit come from the one registry, :mod:`toolkit.schema`; aliases
    such as ``repeated_chr_fraction`` are accepted. Fractions are drawn as percentages,
    so their unit reads "% of ...". A column the schema does not know keeps its name
    (pass ``label=`` to the chart for a column of your own).

    Parameters
    ----------
    metric : str
        Column name of :func:`toolkit.article_stats` (or of another statistics table).

    Returns
    -------
    str
        ``"<label> (<unit>)"``, the label alone for a column without a unit.

    Examples
    --------
    >>> metric_label("repetition_rate")
    'Repetition rate (% of characters in repeated lines)'
    >>> metric_label("top_ngram_chr_fraction_2")
    'Most frequent word 2-gram (% of characters)'
    >>> metric_label("repeated_chr_fraction") == metric_label("repetition_rate")
    True
    >>> metric_label("something")
    'something'
    """
    return schema.axis_label(metric)


def _too_few(n: Any) -> bool:
    """Whether ``n`` articles are a small sample (:data:`toolkit.schema.MIN_RELIABLE_ARTICLES`)."""
    return not pd.isna(n) and int(n) < schema.MIN_RELIABLE_ARTICLES


def _outlet_tick(outlet: Any, n: Any, *, always: bool = True) -> str:
    """``"Outlet (n=12)"``; a small sample says so in words: ``"Outlet (n=1, too few to
    compare)"``. With ``always=False`` the count is only written for a small sample.

    Examples
    --------
    >>> _outlet_tick("A", 12), _outlet_tick("B", 1), _outlet_tick("C", 12, always=False)
    ('A (n=12)', 'B (n=1, too few to compare)', 'C')
    """
    if pd.isna(n):
        return str(outlet)
    if _too_few(n):
        return f"{outlet} (n={int(n)}, too few to compare)"
    return f"{outlet} (n={int(n)})" if always else str(outlet)


def _grey_small_ticks(ax: Axes, small: Sequence[bool], axis: Literal["x", "y"] = "y") -> None:
    labels = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    for text, is_small in zip(labels, small, strict=False):
        if is_small:
            text.set_color(_SMALL_GREY)


# --------------------------------------------------------------------------- outlets


def _outlet_summary(
    article_stats: pd.DataFrame | None,
    metric: str,
    outlet_stats: pd.DataFrame | None,
    *,
    n_boot: int,
    seed: int | None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (summary: outlet, n, mean, ci_low, ci_high; article values: outlet, value)."""
    values = pd.DataFrame({"outlet": pd.Series(dtype=object), "value": pd.Series(dtype=float)})
    if article_stats is not None and len(article_stats):
        _require(article_stats, ["outlet", metric], "plot_outlet_metric(article_stats)")
        values = pd.DataFrame(
            {
                "outlet": article_stats["outlet"].to_numpy(),
                "value": pd.to_numeric(article_stats[metric], errors="coerce").to_numpy(
                    dtype=float, na_value=np.nan
                ),
            }
        ).dropna()
    counts = values.groupby("outlet", sort=True)["value"].size()
    cols = [f"{metric}_mean", f"{metric}_ci_low", f"{metric}_ci_high"]
    if outlet_stats is not None and len(outlet_stats) and set(cols) <= set(outlet_stats.columns):
        _require(outlet_stats, ["outlet"], "plot_outlet_metric(outlet_stats)")
        summary = pd.DataFrame(
            {
                "outlet": outlet_stats["outlet"].to_numpy(),
                "mean": outlet_stats[cols[0]].to_numpy(dtype=float),
                "ci_low": outlet_stats[cols[1]].to_numpy(dtype=float),
                "ci_high": outlet_stats[cols[2]].to_numpy(dtype=float),
            }
        )
        if len(counts):
            summary["n"] = summary["outlet"].map(counts).fillna(0).astype("int64")
        elif "n_articles" in outlet_stats.columns:
            summary["n"] = outlet_stats["n_articles"].to_numpy()
        else:
            summary["n"] = pd.NA
    else:
        # the intervals of outlet_stats: the same helper, streams and seed
        named = values.rename(columns={"value": metric})
        summary = outlet_mean_intervals(named, metric, n_boot=n_boot, seed=seed)
    summary = summary[np.isfinite(summary["mean"].to_numpy(dtype=float))]
    return summary.reset_index(drop=True), values


def _thin_strip(values: pd.DataFrame, max_articles: int) -> tuple[pd.DataFrame, bool]:
    """At most ``max_articles`` rows per outlet: evenly spaced ranks of the sorted values.

    An outlet with ``n > max_articles`` values keeps the values at ranks
    ``round(k * (n - 1) / (max_articles - 1))`` for ``k = 0 .. max_articles - 1`` (the
    smallest and the largest included); smaller outlets keep every value. Returns the
    kept rows and whether anything was left out.

    Examples
    --------
    >>> v = pd.DataFrame({"outlet": ["A"] * 9 + ["B"], "value": [8, 0, 7, 1, 6, 2, 5, 3, 4, 9]})
    >>> kept, thinned = _thin_strip(v, 3)
    >>> kept.groupby("outlet")["value"].apply(list).to_dict(), thinned
    ({'A': [0, 4, 8], 'B': [9]}, True)
    """
    sizes = values.groupby("outlet", sort=False)["value"].size()
    if sizes.empty or int(sizes.max()) <= max_articles:
        return values, False
    parts = []
    for _outlet, group in values.groupby("outlet", sort=False):
        n = len(group)
        if n <= max_articles:
            parts.append(group)
            continue
        ordered = group.sort_values("value", kind="stable")
        ranks = np.floor(np.linspace(0, n - 1, max_articles) + 0.5).astype(np.intp)
        parts.append(ordered.iloc[ranks])
    return pd.concat(parts, ignore_index=True), True


@_styled
def plot_outlet_metric(
    article_stats: pd.DataFrame | None,
    metric: str = "repetition_rate",
    *,
    outlet_stats: pd.DataFrame | None = None,
    ax: Axes | None = None,
    outlets: Sequence[str] | None = None,
    kind: Literal["point", "bar"] = "point",
    show_articles: bool = True,
    n_boot: int = 1000,
    seed: int | None = 0,
    label: str | None = None,
    max_articles: int | None = None,
) -> Axes:
    """Compare outlets on one article statistic: mean, 95% interval and the articles.

    One row per outlet (outlets on the y axis, so long names fit): the mean over its
    articles with a percentile-bootstrap 95% interval of the mean, drawn as a point
    with error bar (``kind="point"``) or a bar (``kind="bar"``), over a jittered strip
    of the individual articles (grey dots). Articles whose value is NaN (no text) are
    left out, and the ``n`` in the tick label counts the articles that remain.

    On a large corpus, ``max_articles`` caps the dots per outlet: an outlet with more
    articles shows an evenly spaced selection of its sorted values (the smallest, the
    largest and about equally many articles between two neighbouring dots), so the strip keeps the
    shape of the distribution, is the same on every draw, and draws quickly. The legend
    then says "≤N per outlet"; the mean, the interval and ``n`` still use every
    article.

    An outlet with fewer than :data:`toolkit.schema.MIN_RELIABLE_ARTICLES` articles is a
    small sample: its mean is a hollow grey point (a grey bar), its tick label says
    "n=1, too few to compare", and the legend explains the grey. With one article the
    interval is undefined (NaN, :func:`toolkit.stats.intervals.bootstrap_mean_ci`) and no
    error bar is drawn.

    Parameters
    ----------
    article_stats : pandas.DataFrame or None
        One row per article with columns ``outlet`` and ``metric``
        (:func:`toolkit.article_stats`). May be None when ``outlet_stats`` is given and
        ``show_articles`` is not needed.
    metric : str, default "repetition_rate"
        The column to compare, or an alias of it (``"repeated_chr_fraction"``, see
        :func:`toolkit.schema.resolve_metric`).
    outlet_stats : pandas.DataFrame, optional
        :func:`toolkit.outlet_stats` output; when it has ``<metric>_mean``,
        ``<metric>_ci_low`` and ``<metric>_ci_high`` these are drawn as they are.
        Otherwise the interval is bootstrapped here from ``article_stats``.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when None.
    outlets : sequence of str, optional
        Outlets to show, top to bottom. Default: every outlet, highest mean on top.
    kind : {"point", "bar"}, default "point"
        How the mean is drawn.
    show_articles : bool, default True
        Draw the article values as a jittered strip.
    n_boot : int, default 1000
        Bootstrap resamples (only when the interval is computed here).
    seed : int or None, default 0
        Seed of the bootstrap and of the jitter, for a reproducible chart.
    label : str, optional
        x-axis label; default :func:`metric_label`.
    max_articles : int or None, default None
        Most article dots per outlet (at least 1); ``None`` draws every article. The
        outlet's values are sorted and the ones at ranks ``round(k * (n - 1) /
        (max_articles - 1))``, ``k = 0 .. max_articles - 1``, are drawn.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Examples
    --------
    >>> import pandas as pd
    >>> st = pd.DataFrame({"outlet": ["Daily Bugle"] * 6 + ["Planet"] * 2,
    ...                    "repetition_rate": [0.0, 0.1, 0.2, 0.1, 0.0, 0.2, 0.4, float("nan")]})
    >>> ax = plot_outlet_metric(st)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Planet (n=1, too few to compare)', 'Daily Bugle (n=6)']

    At most two dots per outlet: the Daily Bugle's smallest and largest value.

    >>> ax = plot_outlet_metric(st, max_articles=2)
    >>> ax.collections[-1].get_offsets()[:, 0].tolist()
    [0.0, 0.2, 0.4]
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['articles (≤2 per outlet)', 'mean, 95% bootstrap interval', \
'fewer than 5 articles: too few to compare']
    """
    if kind not in ("point", "bar"):
        raise ValueError(f"kind must be 'point' or 'bar', not {kind!r}")
    if max_articles is not None and max_articles < 1:
        raise ValueError(f"max_articles must be at least 1 or None, not {max_articles}")
    metric = _metric_column(metric, article_stats, outlet_stats)
    summary, values = _outlet_summary(article_stats, metric, outlet_stats, n_boot=n_boot, seed=seed)
    summary = _order_outlets(summary, outlets)
    if summary.empty:
        return _no_data(ax)
    names = summary["outlet"].tolist()
    ax = _new_axes(ax, _rows_size([f"{o} (n=00000)" for o in names]))
    pos = pd.Series(np.arange(len(names), dtype=float), index=names)
    _draw_means(ax, summary, pos.to_numpy(), kind)
    thinned = False
    if show_articles:
        shown = values[values["outlet"].isin(names)]
        thinned = _draw_strip(
            ax, shown, pos, max_articles, seed=seed, zorder=1 if kind == "point" else 3
        )
    ns = summary["n"].tolist()
    _set_category_ticks(ax, "y", [_outlet_tick(o, n) for o, n in zip(names, ns, strict=True)])
    _grey_small_ticks(ax, [_too_few(n) for n in ns])
    # a long label wraps rather than running off a narrow figure
    ax.set_xlabel(label if label is not None else metric_label(metric), wrap=True)
    if _fraction_metric(metric):
        ax.xaxis.set_major_formatter(PercentFormatter(xmax=1.0))
        ax.set_xlim(left=min(0.0, ax.get_xlim()[0]))
    n_entries = len(ax.get_legend_handles_labels()[1])
    _legend_above(ax, ncols=1 if thinned or n_entries > 2 else 2)  # long labels: one a row
    return ax


def _metric_column(
    metric: str, article_stats: pd.DataFrame | None, outlet_stats: pd.DataFrame | None
) -> str:
    """The column of a metric name or alias (:func:`toolkit.schema.resolve_metric`); a
    name that is itself a column of the data is kept as it is."""
    for frame in (article_stats, outlet_stats):
        if frame is not None and (metric in frame.columns or f"{metric}_mean" in frame.columns):
            return metric
    return schema.resolve_metric(metric)


def _order_outlets(summary: pd.DataFrame, outlets: Sequence[str] | None) -> pd.DataFrame:
    """The summary rows top to bottom: ``outlets`` in order, else the highest mean first."""
    if outlets is None:
        return summary.sort_values(["mean", "outlet"], ascending=[False, True], kind="stable")
    order = _outlet_order(summary["outlet"].tolist(), outlets)
    return summary.set_index("outlet").loc[order].reset_index()


def _draw_means(ax: Axes, summary: pd.DataFrame, ys: np.ndarray, kind: str) -> None:
    """The outlet means with their intervals, as points with error bars or as bars.

    Outlets with fewer than :data:`toolkit.schema.MIN_RELIABLE_ARTICLES` articles are
    drawn in grey (a hollow point), under their own legend entry; an undefined interval
    (one article) draws no error bar at all.
    """
    mean = summary["mean"].to_numpy(dtype=float)
    low = np.nan_to_num(mean - summary["ci_low"].to_numpy(dtype=float), nan=0.0).clip(min=0)
    high = np.nan_to_num(summary["ci_high"].to_numpy(dtype=float) - mean, nan=0.0).clip(min=0)
    small = np.array([_too_few(n) for n in summary["n"].tolist()], dtype=bool)
    few = f"fewer than {schema.MIN_RELIABLE_ARTICLES} articles: too few to compare"
    for mask, colour, name in (
        (~small, PALETTE[0], "mean, 95% bootstrap interval"),
        (small, _SMALL_GREY, few),
    ):
        if not mask.any():
            continue
        xerr = np.vstack([low[mask], high[mask]])
        if kind == "bar":
            ax.barh(
                ys[mask],
                mean[mask],
                height=0.6,
                color=colour,
                alpha=0.8,
                xerr=xerr,
                error_kw={
                    "ecolor": "black" if colour != _SMALL_GREY else colour,
                    "elinewidth": 1.5,
                    "capsize": 4,
                },
                label=name,
                zorder=2,
            )
        else:
            ax.errorbar(
                mean[mask],
                ys[mask],
                xerr=xerr,
                fmt="o",
                color=colour,
                markerfacecolor=colour if colour != _SMALL_GREY else "white",
                markersize=7,
                elinewidth=2,
                capsize=4,
                label=name,
                zorder=3,
            )


def _draw_strip(
    ax: Axes,
    shown: pd.DataFrame,
    pos: pd.Series,
    max_articles: int | None,
    *,
    seed: int | None,
    zorder: int,
) -> bool:
    """The article values as a jittered strip (thinned to ``max_articles`` per outlet).

    Returns whether the strip was thinned.
    """
    dots, thinned = "articles", False
    if max_articles is not None and len(shown):
        shown, thinned = _thin_strip(shown, max_articles)
        if thinned:
            dots = f"articles (≤{max_articles:,} per outlet)"
    if len(shown):
        rng = np.random.default_rng(seed)
        jitter = rng.uniform(-0.25, 0.25, size=len(shown))
        ax.scatter(
            shown["value"].to_numpy(),
            shown["outlet"].map(pos).to_numpy(dtype=float) + jitter,
            s=14,
            color=_DOT_GREY,
            alpha=0.45,
            linewidths=0,
            label=dots,
            zorder=zorder,
        )
    return thinned


# --------------------------------------------------------------------------- boilerplate


@_styled
def plot_boilerplate_fingerprint(
    fingerprint: pd.DataFrame,
    *,
    outlet: str | None = None,
    top: int | None = 15,
    ax: Axes | None = None,
    width: int = 60,
) -> Axes:
    """Show an outlet's template lines and the share of its articles that carry each.

    Parameters
    ----------
    fingerprint : pandas.DataFrame
        :func:`toolkit.boilerplate_fingerprint` output: ``outlet, text, norm,
        n_articles, share`` (``share`` in [0, 1] of that outlet's articles).
    outlet : str, optional
        Show only this outlet. With several outlets and no choice, the most frequent
        lines of all outlets are shown, coloured by outlet.
    top : int or None, default 15
        Number of lines (most widespread first); None for all.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when None.
    width : int, default 60
        Tick labels longer than this are cut with an ellipsis.

    Returns
    -------
    matplotlib.axes.Axes
        One horizontal bar per line, labelled with its share.

    Examples
    --------
    >>> import pandas as pd
    >>> fp = pd.DataFrame({"outlet": ["A", "A"], "text": ["Subscribe now", "Log in"],
    ...                    "norm": ["subscribe now", "log in"], "n_articles": [9, 3],
    ...                    "share": [0.9, 0.3]})
    >>> ax = plot_boilerplate_fingerprint(fp)
    >>> [t.get_text() for t in ax.get_yticklabels()], len(ax.patches)
    (['Subscribe now', 'Log in'], 2)
    """
    if _is_empty(fingerprint):
        return _no_data(ax)
    _require(fingerprint, ["text", "share"], "plot_boilerplate_fingerprint")
    data = fingerprint
    if outlet is not None:
        _require(fingerprint, ["outlet"], "plot_boilerplate_fingerprint(outlet=...)")
        data = data[data["outlet"] == outlet]
    data = data[np.isfinite(pd.to_numeric(data["share"], errors="coerce").to_numpy(dtype=float))]
    data = data.sort_values("share", ascending=False, kind="stable")
    if top is not None:
        data = data.head(top)
    if data.empty:
        return _no_data(ax)
    labels = [_truncate(t, width) for t in data["text"].astype(str)]
    ax = _new_axes(ax, _rows_size(labels))
    shares = data["share"].to_numpy(dtype=float)
    outlet_names = (
        data["outlet"].astype(str).tolist() if "outlet" in data.columns else [""] * len(data)
    )
    distinct = list(dict.fromkeys(outlet_names))
    colour_of = {o: PALETTE[i % len(PALETTE)] for i, o in enumerate(distinct)}
    bars = ax.barh(
        np.arange(len(data)),
        shares,
        height=0.65,
        color=[colour_of[o] for o in outlet_names],
        zorder=2,
    )
    ax.bar_label(bars, labels=[f"{s:.0%}" for s in shares], padding=3, fontsize=10)
    _set_category_ticks(ax, "y", labels)
    ax.set_xlim(0, 1.12)
    ax.set_xticks(np.linspace(0, 1, 6))
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    ax.set_xlabel("share of the outlet's articles containing the line (%)")
    if len(distinct) > 1:
        handles = [Patch(color=colour_of[o], label=o) for o in distinct]
        _legend_above(ax, ncols=3, handles=handles)
    elif distinct[0]:
        ax.set_title(f"Template lines of {distinct[0]}", loc="left", parse_math=False)
    return ax


# --------------------------------------------------------------------------- keywords


def _side_name(name: str) -> str:
    return "the rest of the corpus" if name == "rest" else name


@_styled
def plot_keyness(
    keyness_table: pd.DataFrame,
    *,
    stat: Literal["g2", "log_ratio"] = "g2",
    top: int = 15,
    ax: Axes | None = None,
    target: str | None = None,
) -> Axes:
    """Diverging bars of the terms most characteristic of a target against a reference.

    Terms typical of the target point right (positive), terms typical of the reference
    point left (negative); the ``top`` strongest of each side are shown.

    Parameters
    ----------
    keyness_table : pandas.DataFrame
        :func:`toolkit.keyness` output: ``term, target, reference, g2, log_ratio, ...``.
    stat : {"g2", "log_ratio"}, default "g2"
        ``"g2"``: log-likelihood G², signed by the direction of ``log_ratio`` (positive
        when the term is relatively more frequent in the target; a table without
        ``log_ratio`` must carry signed ``g2``). ``"log_ratio"``: Hardie's Log Ratio
        (binary log of the ratio of relative frequencies). Rows with a missing or
        infinite value, or 0, are not drawn.
    top : int, default 15
        Terms per side.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when None.
    target : str, optional
        Which target to show when the table holds several.

    Returns
    -------
    matplotlib.axes.Axes
        Two bar groups (target side, reference side) with a legend naming both.

    Examples
    --------
    >>> import pandas as pd
    >>> kt = pd.DataFrame({"term": ["fire", "mill", "vote"], "target": "A", "reference": "rest",
    ...                    "g2": [12.0, 5.0, 8.0], "log_ratio": [2.0, 1.0, -1.5]})
    >>> ax = plot_keyness(kt)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['fire', 'mill', 'vote']
    >>> ax.get_legend_handles_labels()[1]
    ['more frequent in A', 'more frequent in the rest of the corpus']
    """
    if stat not in ("g2", "log_ratio"):
        raise ValueError(f"stat must be 'g2' or 'log_ratio', not {stat!r}")
    if _is_empty(keyness_table):
        return _no_data(ax)
    _require(keyness_table, ["term", stat], "plot_keyness")
    data = keyness_table
    if "target" in data.columns:
        targets = list(dict.fromkeys(data["target"].dropna().tolist()))
        if target is not None:
            data = data[data["target"] == target]
        elif len(targets) > 1:
            raise ValueError(f"the table holds several targets {targets}; pass target=")
    target_name = str(data["target"].iloc[0]) if "target" in data and len(data) else "target"
    reference = str(data["reference"].iloc[0]) if "reference" in data and len(data) else "reference"
    value = pd.to_numeric(data[stat], errors="coerce").astype(float)
    if stat == "g2" and "log_ratio" in data.columns:
        ratio = pd.to_numeric(data["log_ratio"], errors="coerce").astype(float)
        sign = pd.Series(np.sign(ratio.to_numpy()), index=value.index)
        own = pd.Series(np.sign(value.to_numpy()), index=value.index)
        value = value.abs() * sign.where(sign.notna(), own)
    frame = pd.DataFrame({"term": data["term"].astype(str).to_numpy(), "value": value.to_numpy()})
    frame = frame[np.isfinite(frame["value"]) & (frame["value"] != 0)]
    positive = frame[frame["value"] > 0].nlargest(top, "value")
    negative = frame[frame["value"] < 0].nsmallest(top, "value")
    shown = pd.concat([positive, negative.iloc[::-1]], ignore_index=True)
    if shown.empty:
        return _no_data(ax)
    ax = _new_axes(ax, _rows_size(shown["term"].tolist()))
    ys = np.arange(len(shown))
    is_pos = shown["value"].to_numpy() > 0
    for mask, colour, side in (
        (is_pos, PALETTE[0], target_name),
        (~is_pos, OKABE_ITO["vermillion"], _side_name(reference)),
    ):
        if mask.any():
            ax.barh(
                ys[mask],
                shown["value"].to_numpy()[mask],
                height=0.65,
                color=colour,
                label=f"more frequent in {side}",
                zorder=2,
            )
    ax.axvline(0, color="black", linewidth=0.8, zorder=3)
    _set_category_ticks(ax, "y", shown["term"].tolist())
    if stat == "g2":
        ax.set_xlabel(f"{schema.label('g2')}, signed (+ target, − reference)")
    else:
        ax.set_xlabel(schema.axis_label("log_ratio"))
    _legend_above(ax, ncols=2)
    return ax


def _annotate_cells(ax: Axes, values: np.ndarray, fmt: Callable[[float], str]) -> None:
    finite = values[np.isfinite(values)]
    vmax = float(finite.max()) if finite.size else 0.0
    for (row, col), value in np.ndenumerate(values):
        if not np.isfinite(value):
            continue
        dark = vmax > 0 and value > 0.55 * vmax
        ax.text(
            col,
            row,
            fmt(float(value)),
            ha="center",
            va="center",
            fontsize=9,
            color="white" if dark else "black",
        )


def _short_number(value: float) -> str:
    if value == 0:
        return "0"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.1f}" if abs(value) >= 1 else f"{value:.2f}"


#: Names of the languages the demo and most news corpora use (an ISO 639-1 code the
#: table does not know is shown as it is).
_LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "ru": "Russian",
    "uk": "Ukrainian",
    "be": "Belarusian",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "pl": "Polish",
}
#: Grey of a heatmap cell whose term has no count for that outlet.
_ABSENT_GREY = "0.88"


def _language_name(code: str) -> str:
    """``"English (en)"`` for a known code; a script group or unknown code as it is.

    Examples
    --------
    >>> _language_name("ru"), _language_name("xx"), _language_name("Latin script")
    ('Russian (ru)', 'xx', 'Latin script')
    """
    name = _LANGUAGE_NAMES.get(code)
    return f"{name} ({code})" if name else code


def _main_value(keys: pd.Series, values: pd.Series) -> dict[str, str]:
    """The most frequent non-missing value per key (ties: the first in sort order)."""
    frame = pd.DataFrame({"k": keys.astype(str).to_numpy(), "v": values.to_numpy(dtype=object)})
    frame = frame[frame["v"].notna()].astype({"v": str})
    if frame.empty:
        return {}
    sizes = frame.groupby(["k", "v"], sort=True).size().rename("n").reset_index()
    sizes = sizes.sort_values(["k", "n", "v"], ascending=[True, False, True], kind="stable")
    return dict(zip(sizes.drop_duplicates("k")["k"], sizes.drop_duplicates("k")["v"], strict=True))


def _script_groups(data: pd.DataFrame) -> dict[str, str]:
    """Each outlet's writing system, judged from the letters of its counted terms (weighted
    by occurrences): "Latin script", "Cyrillic script" or "other scripts"."""
    terms = data["term"].astype(str)
    weight = pd.to_numeric(data["n"], errors="coerce") if "n" in data.columns else None
    weight = pd.Series(1.0, index=data.index) if weight is None else weight.fillna(0.0)
    kinds = {
        "Cyrillic script": terms.str.contains(r"[\u0400-\u04FF]", regex=True),
        "Latin script": terms.str.contains(r"[A-Za-z\u00C0-\u024F]", regex=True),
    }
    scores = pd.DataFrame(
        {name: weight.where(mask, 0.0).to_numpy(dtype=float) for name, mask in kinds.items()}
    )
    other = weight.to_numpy(dtype=float) - scores.sum(axis=1).to_numpy()
    scores["other scripts"] = np.clip(other, 0.0, None)  # a term of both scripts counts twice
    totals = scores.groupby(data["outlet"].astype(str).to_numpy(), sort=True).sum()
    return {str(o): str(row.idxmax()) for o, row in totals.iterrows()}


def _outlet_languages(data: pd.DataFrame, languages: Any) -> dict[str, str]:
    """The language (or writing system) of each outlet of a keyword table."""
    if languages is None and "language" in data.columns:
        languages = data[["outlet", "language"]]
    found: dict[str, str] = {}
    if isinstance(languages, Mapping):
        found = {str(k): str(v) for k, v in languages.items() if v is not None and v == v}
    elif hasattr(languages, "group_language") and hasattr(languages, "groups"):
        for group in list(languages.groups):
            code = languages.group_language(group)
            if code is not None:
                found[str(group)] = str(code)
    elif languages is not None:
        frame = getattr(languages, "articles", languages)
        if not isinstance(frame, pd.DataFrame) or not {"outlet", "language"} <= set(frame):
            raise ValueError(
                "languages must map outlets to languages, be a KeywordCounts, or a table "
                "(or Corpus) with 'outlet' and 'language' columns"
            )
        found = _main_value(frame["outlet"], frame["language"])
    outlets = data["outlet"].astype(str).unique().tolist()
    if languages is None or not found:
        return _script_groups(data)
    return {o: found.get(o, "unknown language") for o in outlets}


def _heat_table(
    data: pd.DataFrame, cols: list[str], terms: Sequence[str] | None, top: int
) -> pd.DataFrame:
    """Terms (rows) x outlets (columns) of per-10k rates; NaN where an outlet has no count."""
    part = data[data["outlet"].astype(str).isin(cols)]
    table = part.pivot_table(
        index="term", columns="outlet", values="per_10k_words", aggfunc="mean", dropna=False
    ).reindex(columns=cols)
    rows = [t for t in dict.fromkeys(terms) if t in table.index] if terms is not None else []
    if not rows:  # no terms asked for, or none of them occurs in these outlets
        ranking = table.fillna(0.0).mean(axis=1).sort_values(ascending=False, kind="stable")
        rows = ranking.index[:top].tolist()
    return table.reindex(index=rows)


@_styled
def plot_keyword_heatmap(
    freqs: pd.DataFrame,
    *,
    terms: Sequence[str] | None = None,
    top: int = 20,
    ax: Axes | None = None,
    outlets: Sequence[str] | None = None,
    annotate: bool | None = None,
    languages: Any = None,
    language: str | None = None,
    sizes: Mapping[str, int] | pd.Series | None = None,
) -> Axes:
    """Heatmaps of keyword frequencies per 10,000 words, one per language of the outlets.

    Terms (rows) x outlets (columns). Outlets writing different languages share few
    words, so each language gets its own panel with its own top terms (a Russian outlet
    is never an all-grey column under English words). A term with no count for an
    outlet (it does not occur there, or a top-n limit cut it) is a light-grey cell,
    never a zero, and the legend above the chart says so.

    Parameters
    ----------
    freqs : pandas.DataFrame
        :func:`toolkit.keyword_frequencies` output, long form: ``outlet, term, n,
        n_articles, per_10k_words`` (and ``language`` when present).
    terms : sequence of str, optional
        Terms to show, top to bottom (in every panel, where they occur; a language none
        of them occurs in shows its own top terms). Default: per panel, the ``top``
        terms with the highest mean rate over its outlets (missing cells count as 0 for
        this ranking).
    top : int, default 20
        Number of terms per panel when ``terms`` is None.
    ax : matplotlib.axes.Axes, optional
        Where to draw. When None, a new figure holds one panel per language. An Axes
        given holds the chart when there is one language (or ``language`` is given);
        with several, its place in the figure is split into one panel per language
        (the Axes itself is removed; an Axes not placed by a grid, e.g. by
        ``fig.add_axes``, gets the language with the most outlets). ``fig.axes`` lists
        the panels (colour bar included); the first panel is returned.
    outlets : sequence of str, optional
        Outlets (columns) in order; default all, sorted.
    annotate : bool, optional
        Write the value in each cell; default when a panel is at most 25 x 12.
    languages : mapping, KeywordCounts, DataFrame or Corpus, optional
        The language of each outlet: a mapping outlet -> language code, the
        :class:`~toolkit.stats.keywords.KeywordCounts` the frequencies came from (its
        ``group_language``), or the articles (``outlet`` and ``language`` columns: each
        outlet's most frequent language). Default: a ``language`` column of ``freqs``,
        else each outlet's writing system judged from the letters of its terms (Latin,
        Cyrillic, other).
    language : str, optional
        Draw only the outlets of this language (a code such as ``"ru"``, or a writing
        system such as ``"Cyrillic script"``).
    sizes : mapping or pandas.Series, optional
        Articles per outlet. An outlet with fewer than
        :data:`toolkit.schema.MIN_RELIABLE_ARTICLES` is a small sample: its column is
        faded and its label says "n=2, too few to compare". Default: counted from
        ``languages`` when that is the articles (or a Corpus); else no outlet is marked.

    Returns
    -------
    matplotlib.axes.Axes
        The first (or only) panel: one image, its colour bar "per 10,000 words", and
        the outlets' language as the x-axis label.

    Examples
    --------
    >>> import pandas as pd
    >>> fr = pd.DataFrame({"outlet": ["A", "A", "B"], "term": ["fire", "vote", "fire"],
    ...                    "n": [3, 1, 2], "n_articles": [2, 1, 2],
    ...                    "per_10k_words": [30.0, 10.0, 25.0]})
    >>> ax = plot_keyword_heatmap(fr)
    >>> [t.get_text() for t in ax.get_yticklabels()], len(ax.images)
    (['fire', 'vote'], 1)
    >>> ax.get_legend().get_texts()[0].get_text()
    'no count: the term does not occur in this outlet (or was cut)'

    Outlets of two languages: two panels, each with its own terms.

    >>> ru = pd.DataFrame({"outlet": ["C"], "term": ["пожар"], "n": [4], "n_articles": [2],
    ...                    "per_10k_words": [40.0]})
    >>> ax = plot_keyword_heatmap(pd.concat([fr, ru]), languages={"A": "en", "B": "en", "C": "ru"})
    >>> [a.get_xlabel() for a in ax.figure.axes if a.images]
    ['Outlets in English (en)', 'Outlets in Russian (ru)']

    With the outlets' sizes, a small sample is marked in its label.

    >>> ax = plot_keyword_heatmap(fr, sizes={"A": 12, "B": 2})
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['A', 'B (n=2, too few to compare)']
    """
    if _is_empty(freqs):
        return _no_data(ax)
    _require(freqs, ["outlet", "term", "per_10k_words"], "plot_keyword_heatmap")
    if sizes is None:
        frame = getattr(languages, "articles", languages)
        if isinstance(frame, pd.DataFrame) and "outlet" in frame.columns:
            sizes = frame["outlet"].astype(str).value_counts()
    data = freqs.assign(
        per_10k_words=pd.to_numeric(freqs["per_10k_words"], errors="coerce"),
        outlet=freqs["outlet"].astype(str),
    )
    cols = _outlet_order(data["outlet"].tolist(), outlets)
    data = data[data["outlet"].isin(cols)]
    if data.empty:
        return _no_data(ax)
    of = _outlet_languages(data, languages)
    groups: dict[str, list[str]] = {}
    for outlet in cols:
        groups.setdefault(of.get(outlet, "unknown language"), []).append(outlet)
    if language is not None:
        if language not in groups:
            return _no_data(ax, f"no outlet in {_language_name(language)}")
        groups = {language: groups[language]}
    tables = {g: _heat_table(data, outs, terms, top) for g, outs in groups.items()}
    tables = {
        g: t for g, t in tables.items() if len(t) and np.isfinite(t.to_numpy(dtype=float)).any()
    }
    if not tables:
        return _no_data(ax)
    vmax = max(float(np.nanmax(t.to_numpy(dtype=float))) for t in tables.values())
    n_rows = max(len(t) for t in tables.values())
    widths = [len(t.columns) for t in tables.values()]
    longest = max(len(str(term)) for t in tables.values() for term in t.index)
    if ax is None:
        height = max(3.2, 2.2 + 0.34 * n_rows)
        width = sum(1.2 + 0.085 * longest + 0.75 * k for k in widths) + 1.4
        fig = plt.figure(figsize=(max(5.0, width), height), layout="constrained")
        panels = list(fig.subplots(1, len(tables), width_ratios=widths, squeeze=False).ravel())
    elif len(tables) == 1:
        panels = [ax]
    else:  # the Axes given makes room for one panel per language
        # room for the next panel's terms, when no layout engine runs
        later = [len(str(t)) for table in list(tables.values())[1:] for t in table.index]
        panel_inches = ax.get_position().width * _figure_width(ax) / len(tables)
        gap = (0.8 + 0.1 * max(later, default=0)) / max(panel_inches, 0.5)
        split = _split_in_place(ax, 1, len(tables), width_ratios=widths, wspace=gap)
        if split is None:  # not placed by a grid: the language with the most outlets
            biggest = max(tables, key=lambda g: (len(tables[g].columns), -list(tables).index(g)))
            tables = {biggest: tables[biggest]}
            split = [ax]
        panels = split
    cmap = SEQUENTIAL_CMAP.with_extremes(bad=_ABSENT_GREY)
    image = None
    any_absent = False
    for panel, (group, table) in zip(panels, tables.items(), strict=True):
        values = table.to_numpy(dtype=float)
        any_absent = any_absent or bool(np.isnan(values).any())
        image = panel.imshow(
            np.ma.masked_invalid(values),
            aspect="auto",
            cmap=cmap,
            vmin=0,
            vmax=vmax if vmax > 0 else None,
            interpolation="nearest",
        )
        panel.grid(False)
        _set_category_ticks(panel, "y", [str(t) for t in table.index])
        ns = [sizes.get(c) if sizes is not None else None for c in table.columns]
        small = [n is not None and _too_few(n) for n in ns]
        ticks = [_outlet_tick(c, n, always=False) for c, n in zip(table.columns, ns, strict=True)]
        _set_category_ticks(panel, "x", ticks)
        _grey_small_ticks(panel, small, axis="x")
        for k in np.flatnonzero(small).tolist():  # a small sample: its column faded
            panel.axvspan(k - 0.5, k + 0.5, facecolor="white", alpha=0.6, zorder=3, lw=0)
        panel.set_xlabel(f"Outlets in {_language_name(group)}", parse_math=False)
        big = len(table) <= 25 and len(table.columns) <= 12
        if annotate if annotate is not None else big:
            _annotate_cells(panel, values, _short_number)
    assert image is not None
    colourbar_axes = panels if len(panels) > 1 else panels[0]
    _root_figure(panels[0]).colorbar(
        image, ax=colourbar_axes, label=schema.metric("per_10k_words").unit
    )
    if any_absent:
        absent = Patch(
            facecolor=_ABSENT_GREY,
            edgecolor="0.6",
            label="no count: the term does not occur in this outlet (or was cut)",
        )
        _legend_above(panels[0], ncols=1, handles=[absent])
    return panels[0]


def _to_datetime(period: pd.Series) -> pd.Series:
    if isinstance(period.dtype, pd.PeriodDtype):
        return period.dt.to_timestamp()
    stamps = pd.to_datetime(period, utc=True)
    return stamps.dt.tz_convert(None)


def _date_axis(ax: Axes) -> None:
    """A clean date axis: automatic ticks, short labels ("Mar 04"), the year once."""
    locator = mdates.AutoDateLocator(minticks=3, maxticks=6)
    formatter = mdates.ConciseDateFormatter(locator)
    # ticks name the month with the day ("Mar 04"); the year is the offset, once
    formatter.formats = ["%Y", "%b", "%b %d", "%H:%M", "%H:%M", "%S.%f"]
    formatter.zero_formats = ["", "%Y", "%b %d", "%b %d", "%H:%M", "%H:%M"]
    formatter.offset_formats = ["", "%Y", "%Y", "%Y-%m-%d", "%Y-%m-%d", "%Y-%m-%d %H:%M"]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(formatter)


def _trend_terms(data: pd.DataFrame, terms: Sequence[str] | None, top: int | None) -> list[str]:
    """The terms of the panels: ``terms`` as given, else the ``top`` most used ones."""
    if terms is not None:
        have = set(data["term"].tolist())
        return [t for t in dict.fromkeys(terms) if t in have]
    used = data.groupby("term", sort=True)["n"].sum() if "n" in data.columns else None
    if used is None:
        used = data.groupby("term", sort=True)["rate"].sum()
    used = used[used > 0]  # a term nobody uses gets no panel unless asked for
    ranked = used.sort_values(ascending=False, kind="stable").index.tolist()
    return ranked if top is None else ranked[: max(1, int(top))]


@_styled
def plot_keyword_trends(
    trends: pd.DataFrame,
    *,
    terms: Sequence[str] | None = None,
    outlets: Sequence[str] | None = None,
    ax: Axes | Sequence[Axes] | None = None,
    top: int | None = 4,
    ncols: int = 2,
) -> Axes:
    """Keyword frequency (per 10,000 words) over time: one small panel per term.

    Each panel is one term, with one line per outlet (the same colour for an outlet in
    every panel, one shared legend); an outlet that never uses the term is left out of
    its panel. The date axis names months and days ("Mar 04") with the year written
    once. A few terms read at a glance; 24 tangled lines do not: by default the
    ``top`` terms most used over the whole period are drawn.

    Parameters
    ----------
    trends : pandas.DataFrame
        :func:`toolkit.keyword_trends` output: ``outlet, period, term, n, n_words,
        per_10k_words``. ``period`` is a timestamp (time zones are converted to UTC) or
        a pandas Period. Periods without words (NaN rate) leave a gap.
    terms : sequence of str, optional
        Terms to draw, one panel each, in this order. Default: the ``top`` terms with
        the most occurrences (a term without any is left out).
    outlets : sequence of str, optional
        Outlets to draw, in legend order; default all, sorted.
    ax : matplotlib.axes.Axes or sequence of Axes, optional
        Where to draw. None: a new figure with one panel per term (``ncols`` panels a
        row); ``ax.figure.axes`` holds them all. A sequence of Axes: one term on each
        (terms beyond its length are not drawn). One Axes: the chart for one term;
        for several, its place in the figure is split into the panels (the Axes itself
        is removed; an Axes not placed by a grid, e.g. by ``fig.add_axes``, gets the
        first term only).
    top : int or None, default 4
        Panels when ``terms`` is None; ``None`` draws every term.
    ncols : int, default 2
        Panels per row of a new figure.

    Returns
    -------
    matplotlib.axes.Axes
        The first panel (the others are in ``ax.figure.axes``).

    Examples
    --------
    >>> import pandas as pd
    >>> tr = pd.DataFrame({"outlet": ["A", "A", "B", "B"] * 2,
    ...                    "term": ["fire"] * 4 + ["vote"] * 4,
    ...                    "period": pd.to_datetime(["2024-01-01", "2024-01-08"] * 4, utc=True),
    ...                    "n": [1, 2, 0, 4, 0, 0, 3, 1], "n_words": [1000, 1000, 500, 800] * 2,
    ...                    "per_10k_words": [10.0, 20.0, 0.0, 50.0, 0.0, 0.0, 60.0, 12.5]})
    >>> ax = plot_keyword_trends(tr)
    >>> [a.get_title(loc="left") for a in ax.figure.axes], len(ax.lines)
    (['“fire”', '“vote”'], 2)
    >>> [t.get_text() for t in ax.figure.legends[0].get_texts()]
    ['A', 'B']
    """
    if _is_empty(trends):
        return _no_data(ax if isinstance(ax, Axes) or ax is None else ax[0])
    _require(trends, ["outlet", "period", "term", "per_10k_words"], "plot_keyword_trends")
    outlet_list = _outlet_order(trends["outlet"].tolist(), outlets)
    data = trends[trends["outlet"].isin(outlet_list)]
    data = pd.DataFrame(
        {
            "term": data["term"].to_numpy(),
            "outlet": data["outlet"].to_numpy(),
            "period": _to_datetime(data["period"]).to_numpy(),
            "rate": pd.to_numeric(data["per_10k_words"], errors="coerce").to_numpy(dtype=float),
            "n": pd.to_numeric(data["n"], errors="coerce").to_numpy(dtype=float)
            if "n" in data.columns
            else pd.to_numeric(data["per_10k_words"], errors="coerce").to_numpy(dtype=float),
        }
    ).sort_values("period", kind="stable")
    term_list = _trend_terms(data, terms, top)
    given: list[Axes] | None = None
    if isinstance(ax, Axes):
        given = [ax]
    elif ax is not None:
        given = list(ax)
    if data.empty or not term_list:
        return _no_data(given[0] if given else None)
    cols = max(1, min(int(ncols), len(term_list)))
    rows = -(-len(term_list) // cols)
    split_here = False
    if given is not None and len(given) == 1 and len(term_list) > 1:
        # one Axes for several terms: its place in the figure holds one panel per term
        # room between the panels for the dates and titles, when no layout engine runs
        split = _split_in_place(given[0], rows, cols, sharex=True, hspace=0.55, wspace=0.3)
        if split is not None:
            for spare in split[len(term_list) :]:
                spare.remove()
            given, split_here = split[: len(term_list)], True
    if given is not None:
        term_list = term_list[: len(given)]
        given = given[: len(term_list)]
    if given is None:
        fig = plt.figure(figsize=(4.2 * cols + 1.6, 2.7 * rows + 0.9), layout="constrained")
        panels = list(fig.subplots(rows, cols, sharex=True, squeeze=False).ravel())
        for spare in panels[len(term_list) :]:
            spare.remove()
        panels = panels[: len(term_list)]
        for lowest in panels[-cols:]:  # the last panel of each column shows the dates
            lowest.xaxis.set_tick_params(labelbottom=True)
    else:
        panels = given
        if not split_here:  # the caller's own axes: all in one row as far as we know
            cols = len(panels)
    colour_of = {o: PALETTE[j % len(PALETTE)] for j, o in enumerate(outlet_list)}
    groups = {key: group for key, group in data.groupby(["term", "outlet"], sort=False)}
    drawn: dict[str, Any] = {}
    for i, (panel, term) in enumerate(zip(panels, term_list, strict=True)):
        for outlet in outlet_list:
            group = groups.get((term, outlet))
            if group is None or not (group["n"].fillna(0) > 0).any():
                continue  # the outlet never uses the term: no flat line at zero
            (line,) = panel.plot(
                group["period"].to_numpy(),
                group["rate"].to_numpy(),
                marker="o",
                markersize=3.5,
                linewidth=1.8,
                color=colour_of[outlet],
                label=str(outlet),
            )
            drawn.setdefault(str(outlet), line)
        _date_axis(panel)
        panel.set_ylim(bottom=0)
        panel.set_title(f"“{term}”", loc="left", parse_math=False)
        if i % cols == 0:
            panel.set_ylabel(schema.metric("per_10k_words").unit)
    order = [str(o) for o in outlet_list if str(o) in drawn]
    handles = [drawn[o] for o in order]
    if given is None:
        legend = _root_figure(panels[0]).legend(
            handles, order, loc="outside right upper", title=schema.label("outlet")
        )
        _verbatim(legend)
    elif handles:  # right of the first row's last panel
        _verbatim(
            panels[min(cols, len(panels)) - 1].legend(
                handles, order, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0
            )
        )
    return panels[0]


# --------------------------------------------------------------------------- scripts


def _stacked_outlet_bars(
    ax: Axes | None,
    means: pd.DataFrame,
    labels: dict[str, str],
    colours: dict[str, str],
    sizes: pd.Series | None = None,
) -> Axes:
    """Stacked bars, one row per outlet; an outlet with fewer than
    :data:`toolkit.schema.MIN_RELIABLE_ARTICLES` articles (``sizes``) is faded and its
    tick label says "n=2, too few to compare"."""
    names = [str(o) for o in means.index]
    ns = [sizes.get(o) if sizes is not None else None for o in means.index]
    ticks = [_outlet_tick(o, n, always=False) for o, n in zip(names, ns, strict=True)]
    ax = _new_axes(ax, _rows_size(ticks))
    ys = np.arange(len(means))
    small = np.array([n is not None and _too_few(n) for n in ns], dtype=bool)
    left = np.zeros(len(means))
    for col in means.columns:
        width = means[col].to_numpy(dtype=float)
        bars = ax.barh(
            ys, width, left=left, height=0.65, color=colours[col], label=labels[col], zorder=2
        )
        for bar, faded in zip(bars, small, strict=True):
            if faded:
                bar.set_alpha(0.35)
        left = left + width
    _set_category_ticks(ax, "y", ticks)
    _grey_small_ticks(ax, small.tolist())
    _legend_above(ax, ncols=3)
    return ax


def _outlet_means(
    article_stats: pd.DataFrame, columns: Sequence[str], outlets: Sequence[str] | None
) -> tuple[pd.DataFrame, pd.Series]:
    """Mean of each column per outlet (outlets without any value left out), and the
    number of articles of each outlet."""
    numeric = article_stats[list(columns)].apply(pd.to_numeric, errors="coerce")
    grouped = numeric.groupby(article_stats["outlet"].to_numpy(), sort=True)
    means = grouped.mean().dropna(how="all")
    order = _outlet_order(means.index.tolist(), outlets)
    return means.reindex(order).fillna(0.0), grouped.size()


#: Colours of the script columns (their legend labels come from :mod:`toolkit.schema`).
_SCRIPT_COLOURS: dict[str, str] = {
    "latin_chr_fraction": OKABE_ITO["blue"],
    "cyrillic_chr_fraction": OKABE_ITO["vermillion"],
    "other_script_chr_fraction": OKABE_ITO["bluish_green"],
}


@_styled
def plot_script_profile(
    article_stats: pd.DataFrame,
    *,
    ax: Axes | None = None,
    outlets: Sequence[str] | None = None,
) -> Axes:
    """Stacked bars of the mean share of Latin, Cyrillic and other letters per outlet.

    Parameters
    ----------
    article_stats : pandas.DataFrame
        :func:`toolkit.article_stats` output: ``outlet`` and whichever of
        ``latin_chr_fraction, cyrillic_chr_fraction, other_script_chr_fraction`` exist
        (shares of each article's letters). The mean per outlet skips NaN (articles
        without letters); an outlet without any value is left out.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when None.
    outlets : sequence of str, optional
        Outlets top to bottom; default all, sorted. An outlet with fewer than
        :data:`toolkit.schema.MIN_RELIABLE_ARTICLES` articles is faded, its label
        saying "n=2, too few to compare".

    Returns
    -------
    matplotlib.axes.Axes
        One bar group per script.

    Examples
    --------
    >>> import pandas as pd
    >>> st = pd.DataFrame({"outlet": ["A", "B"], "latin_chr_fraction": [1.0, 0.7],
    ...                    "cyrillic_chr_fraction": [0.0, 0.3],
    ...                    "other_script_chr_fraction": [0.0, 0.0]})
    >>> ax = plot_script_profile(st)
    >>> len(ax.containers), len(ax.patches)
    (3, 6)
    """
    if _is_empty(article_stats):
        return _no_data(ax)
    columns = [c for c in _SCRIPT_COLOURS if c in article_stats.columns]
    _require(article_stats, ["outlet"], "plot_script_profile")
    if not columns:
        raise ValueError(f"plot_script_profile needs some of {list(_SCRIPT_COLOURS)}")
    means, sizes = _outlet_means(article_stats, columns, outlets)
    if means.empty:
        return _no_data(ax)
    ax = _stacked_outlet_bars(
        ax,
        means,
        {c: schema.label(c) for c in columns},
        {c: _SCRIPT_COLOURS[c] for c in columns},
        sizes,
    )
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    ax.set_xlabel("mean share of the article's letters (%)")
    return ax


@_styled
def plot_stray_kinds(
    article_stats: pd.DataFrame,
    *,
    ax: Axes | None = None,
    outlets: Sequence[str] | None = None,
) -> Axes:
    """Stacked bars of stray lines per article, by kind, per outlet.

    Parameters
    ----------
    article_stats : pandas.DataFrame
        :func:`toolkit.article_stats` output: ``outlet`` and whichever of
        ``n_stray_foreign_script, n_stray_mixed_script_word, n_stray_mojibake,
        n_stray_markup, n_stray_control`` exist.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when None.
    outlets : sequence of str, optional
        Outlets top to bottom; default all, sorted. An outlet with fewer than
        :data:`toolkit.schema.MIN_RELIABLE_ARTICLES` articles is faded, its label
        saying "n=2, too few to compare".

    Returns
    -------
    matplotlib.axes.Axes
        One bar group per kind; bar length = mean number of such lines per article.

    Examples
    --------
    >>> import pandas as pd
    >>> st = pd.DataFrame({"outlet": ["A", "A", "B"], "n_stray_mojibake": [2, 0, 1],
    ...                    "n_stray_markup": [0, 0, 3]})
    >>> ax = plot_stray_kinds(st)
    >>> [float(p.get_width()) for p in ax.patches]
    [1.0, 1.0, 0.0, 3.0]
    """
    if _is_empty(article_stats):
        return _no_data(ax)
    _require(article_stats, ["outlet"], "plot_stray_kinds")
    columns = [f"n_stray_{k}" for k in STRAY_KIND_LABELS if f"n_stray_{k}" in article_stats]
    if not columns:
        raise ValueError(
            "plot_stray_kinds needs some of " + ", ".join(f"n_stray_{k}" for k in STRAY_KIND_LABELS)
        )
    means, sizes = _outlet_means(article_stats, columns, outlets)
    if means.empty:
        return _no_data(ax)
    kinds = {
        f"n_stray_{k}": (label, PALETTE[i])
        for i, (k, label) in enumerate(STRAY_KIND_LABELS.items())
    }
    ax = _stacked_outlet_bars(
        ax, means, {c: kinds[c][0] for c in columns}, {c: kinds[c][1] for c in columns}, sizes
    )
    ax.set_xlim(left=0)
    ax.set_xlabel("stray lines per article (mean)")
    return ax


# --------------------------------------------------------------------------- reuse


def _as_bool(values: pd.Series) -> np.ndarray:
    return values.astype("boolean").fillna(False).to_numpy(dtype=bool)


def reuse_edges(
    near_duplicates: pd.DataFrame, *, unknown: Literal["both", "drop"] = "both"
) -> pd.DataFrame:
    """Each near-duplicate pair as its edge(s) from a source outlet to a republishing one.

    The rule of :func:`reuse_matrix` (which counts these edges): the source of a pair is
    the article in ``source_article_id`` (else the outlet in ``source_outlet``); a pair
    of unknown order gives two edges with ``unknown="both"`` (one when both articles
    are of the same outlet) and none with ``unknown="drop"``.

    Parameters
    ----------
    near_duplicates : pandas.DataFrame
        :func:`toolkit.near_duplicates` output (see :func:`reuse_matrix`).
    unknown : {"both", "drop"}, default "both"
        What to do with pairs whose source is unknown.

    Returns
    -------
    pandas.DataFrame
        One row per edge: ``pair`` (the row position of the pair in
        ``near_duplicates``), ``source_outlet``, ``republishing_outlet``, ``known``
        (whether the direction is known), in pair order.

    Examples
    --------
    >>> import pandas as pd
    >>> pairs = pd.DataFrame({"article_id_a": ["a1", "b2"], "outlet_a": ["A", "B"],
    ...                       "article_id_b": ["b1", "c2"], "outlet_b": ["B", "C"],
    ...                       "source_article_id": ["b1", None], "source_outlet": ["B", None]})
    >>> reuse_edges(pairs).values.tolist()
    [[0, 'B', 'A', True], [1, 'B', 'C', False], [1, 'C', 'B', False]]
    """
    if unknown not in ("both", "drop"):
        raise ValueError(f"unknown must be 'both' or 'drop', not {unknown!r}")
    columns = ["pair", "source_outlet", "republishing_outlet", "known"]
    if _is_empty(near_duplicates):
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns}).astype(
            {"pair": "int64", "known": bool}
        )
    _require(near_duplicates, ["outlet_a", "outlet_b"], "reuse_matrix")
    pairs = near_duplicates.reset_index(drop=True)
    out_a = pairs["outlet_a"].astype(object)
    out_b = pairs["outlet_b"].astype(object)
    false = pd.Series(False, index=pairs.index)
    a_first, b_first = false, false
    if {"source_article_id", "article_id_a", "article_id_b"} <= set(pairs.columns):
        src = pairs["source_article_id"].astype(object)
        known = src.notna()
        a_first = pd.Series(
            _as_bool(known & (src == pairs["article_id_a"].astype(object))), index=pairs.index
        )
        b_first = (
            pd.Series(
                _as_bool(known & (src == pairs["article_id_b"].astype(object))), index=pairs.index
            )
            & ~a_first
        )
    if "source_outlet" in pairs.columns:
        undecided = ~(a_first | b_first)
        src_out = pairs["source_outlet"].astype(object)
        has = src_out.notna()
        by_a = pd.Series(_as_bool(has & (src_out == out_a)), index=pairs.index)
        by_b = pd.Series(_as_bool(has & (src_out == out_b)), index=pairs.index)
        a_first = a_first | (undecided & by_a)
        b_first = b_first | (undecided & by_b & ~by_a)
    rest = ~(a_first | b_first)

    def edges(mask: pd.Series, source: pd.Series, target: pd.Series, known: bool) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "pair": pairs.index[mask.to_numpy()].to_numpy(dtype=np.int64),
                "source_outlet": source[mask].to_numpy(dtype=object),
                "republishing_outlet": target[mask].to_numpy(dtype=object),
                "known": known,
            }
        )

    parts = [edges(a_first, out_a, out_b, True), edges(b_first, out_b, out_a, True)]
    if unknown == "both":
        parts.append(edges(rest, out_a, out_b, False))
        parts.append(edges(rest & (out_a != out_b), out_b, out_a, False))
    found = pd.concat(parts, ignore_index=True).dropna(
        subset=["source_outlet", "republishing_outlet"]
    )
    return found.sort_values("pair", kind="stable").reset_index(drop=True)


def reuse_matrix(
    near_duplicates: pd.DataFrame,
    *,
    outlets: Sequence[str] | None = None,
    unknown: Literal["both", "drop"] = "both",
) -> pd.DataFrame:
    """Count near-duplicate article pairs by source outlet and republishing outlet.

    The source of a pair is the article given in ``source_article_id`` (the one
    published first); the other article's outlet republished it. When the source is
    unknown (dates missing or equal), the pair is counted in both directions with
    ``unknown="both"`` (text is shared, the direction is not known), so the matrix total
    then exceeds the number of pairs; a pair of two articles of the same outlet counts
    once, on the diagonal. ``unknown="drop"`` counts only pairs with a known source.
    If ``source_article_id`` is missing or matches neither article, ``source_outlet``
    decides the side when it equals one of the two outlets.

    Parameters
    ----------
    near_duplicates : pandas.DataFrame
        :func:`toolkit.near_duplicates` output: ``article_id_a, outlet_a, article_id_b,
        outlet_b, source_article_id, source_outlet`` (the dates and similarities are
        not needed).
    outlets : sequence of str, optional
        Rows and columns, in order; default every outlet of the pairs, sorted.
    unknown : {"both", "drop"}, default "both"
        What to do with pairs whose source is unknown.

    Returns
    -------
    pandas.DataFrame
        Square table of ``int64`` pair counts; index ``source_outlet`` (rows), columns
        ``republishing_outlet``.

    Examples
    --------
    >>> import pandas as pd
    >>> pairs = pd.DataFrame({"article_id_a": ["a1", "a2", "b2"],
    ...                       "outlet_a": ["A", "A", "B"],
    ...                       "article_id_b": ["b1", "c1", "c2"],
    ...                       "outlet_b": ["B", "C", "C"],
    ...                       "source_article_id": ["a1", "c1", None],
    ...                       "source_outlet": ["A", "C", None]})
    >>> reuse_matrix(pairs)
    republishing_outlet  A  B  C
    source_outlet
    A                    0  1  0
    B                    0  0  1
    C                    1  1  0
    >>> int(reuse_matrix(pairs, unknown="drop").to_numpy().sum())
    2
    """
    if unknown not in ("both", "drop"):
        raise ValueError(f"unknown must be 'both' or 'drop', not {unknown!r}")
    if _is_empty(near_duplicates):
        names = list(dict.fromkeys(outlets or []))
        empty = pd.DataFrame(0, index=pd.Index(names), columns=pd.Index(names), dtype="int64")
        empty.index.name, empty.columns.name = "source_outlet", "republishing_outlet"
        return empty
    found = reuse_edges(near_duplicates, unknown=unknown)
    present = pd.concat([near_duplicates["outlet_a"], near_duplicates["outlet_b"]])
    present = present.dropna().astype(object).tolist()
    names = _outlet_order(present, None) if outlets is None else list(dict.fromkeys(outlets))
    counts = found.groupby(["source_outlet", "republishing_outlet"], sort=False).size()
    matrix = (
        counts.unstack("republishing_outlet", fill_value=0)
        .reindex(index=names, columns=names, fill_value=0)
        .fillna(0)
        .astype("int64")
        if len(counts)
        else pd.DataFrame(0, index=names, columns=names, dtype="int64")
    )
    matrix.index = pd.Index(names, name="source_outlet")
    matrix.columns = pd.Index(names, name="republishing_outlet")
    return matrix


@_styled
def plot_reuse_matrix(
    near_duplicates: pd.DataFrame,
    *,
    outlets: Sequence[str] | None = None,
    ax: Axes | None = None,
    unknown: Literal["both", "drop"] = "both",
) -> Axes:
    """Heatmap of near-duplicate pairs: who published first (rows), who republished.

    Parameters
    ----------
    near_duplicates : pandas.DataFrame
        :func:`toolkit.near_duplicates` output (see :func:`reuse_matrix` for the
        counting rule).
    outlets : sequence of str, optional
        Rows and columns, in order; default every outlet of the pairs, sorted.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when None.
    unknown : {"both", "drop"}, default "both"
        Pairs of unknown order: counted in both directions, or left out.

    Returns
    -------
    matplotlib.axes.Axes
        One image annotated with the counts, and a colour bar "article pairs" with
        whole-number ticks.

    Examples
    --------
    >>> import pandas as pd
    >>> pairs = pd.DataFrame({"article_id_a": ["a1"], "outlet_a": ["A"],
    ...                       "article_id_b": ["b1"], "outlet_b": ["B"],
    ...                       "source_article_id": ["a1"], "source_outlet": ["A"]})
    >>> ax = plot_reuse_matrix(pairs)
    >>> [t.get_text() for t in ax.texts]
    ['0', '1', '0', '0']
    >>> colour_bar = ax.images[0].colorbar
    >>> [float(t) for t in colour_bar.get_ticks()]
    [0.0, 1.0]
    """
    matrix = reuse_matrix(near_duplicates, outlets=outlets, unknown=unknown)
    if matrix.empty or int(matrix.to_numpy().sum()) == 0:
        return _no_data(ax)
    n = len(matrix)
    ax = _new_axes(ax, (max(5.0, 2.8 + 0.75 * n), max(3.5, 1.8 + 0.6 * n)))
    values = matrix.to_numpy(dtype=float)
    image = ax.imshow(values, cmap=SEQUENTIAL_CMAP, vmin=0, aspect="auto", interpolation="nearest")
    ax.grid(False)
    _set_category_ticks(ax, "y", [str(o) for o in matrix.index])
    _set_category_ticks(ax, "x", [str(o) for o in matrix.columns])
    ax.set_ylabel("source outlet (published first)")
    ax.set_xlabel("republishing outlet")
    colourbar = _root_figure(ax).colorbar(image, ax=ax, label="article pairs")
    # counts: whole numbers only (no tick at 0.5 pairs)
    colourbar.locator = MaxNLocator(integer=True, min_n_ticks=1)
    colourbar.formatter = StrMethodFormatter("{x:,.0f}")
    colourbar.update_ticks()
    if n <= 20:
        _annotate_cells(ax, values, lambda v: f"{v:,.0f}")
    return ax


@_styled
def plot_keyness_raw_clean(
    data: pd.DataFrame,
    *,
    stat: Literal["g2", "log_ratio"] = "g2",
    top: int = 15,
    ax: Axes | None = None,
) -> Axes:
    """Paired bars: each key term's statistic on the raw and on the clean text.

    A term with a bar on the raw side only is key because of the page around the
    articles (menus, bylines, teasers); one with a clean bar only was hidden by it.

    Parameters
    ----------
    data : pandas.DataFrame
        :func:`toolkit.keyness_raw_clean` output: ``term, g2_raw, g2_clean,
        log_ratio_raw, log_ratio_clean, rank_raw, rank_clean, ...``.
    stat : {"g2", "log_ratio"}, default "g2"
        The statistic drawn.
    top : int, default 15
        The terms among the ``top`` key terms of either side, best rank first.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when None.

    Returns
    -------
    matplotlib.axes.Axes
        Two bars per term (clean text, raw text), one row per term, a legend above.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"term": ["harbour", "subscribe"], "target": "A",
    ...                   "g2_raw": [8.0, 12.0], "g2_clean": [9.0, None],
    ...                   "log_ratio_raw": [1.0, 3.0], "log_ratio_clean": [1.2, None],
    ...                   "rank_raw": [2, 1], "rank_clean": [1, None]})
    >>> ax = plot_keyness_raw_clean(t)
    >>> [x.get_text() for x in ax.get_yticklabels()]
    ['harbour', 'subscribe']
    >>> ax.get_legend_handles_labels()[1]
    ['clean text', 'raw text']
    """
    if stat not in ("g2", "log_ratio"):
        raise ValueError(f"stat must be 'g2' or 'log_ratio', not {stat!r}")
    if _is_empty(data):
        return _no_data(ax)
    columns = [f"{stat}_raw", f"{stat}_clean", "rank_raw", "rank_clean"]
    _require(data, ["term", *columns], "plot_keyness_raw_clean")
    ranks = data[["rank_raw", "rank_clean"]].apply(pd.to_numeric, errors="coerce")
    ranks = ranks.astype("float64")  # nullable ranks: <NA> becomes NaN
    best = ranks.min(axis=1)
    shown = data.assign(_best=best, _clean=ranks["rank_clean"].fillna(np.inf))
    shown = shown[shown["_best"] <= top].sort_values(["_best", "_clean"], kind="stable")
    if shown.empty:
        return _no_data(ax)
    terms = shown["term"].astype(str).tolist()
    ax = _new_axes(ax, _rows_size(terms))
    ys = np.arange(len(terms))
    for side, offset, colour, name in (
        ("clean", -0.2, PALETTE[0], "clean text"),
        ("raw", 0.2, "0.65", "raw text"),
    ):
        values = pd.to_numeric(shown[f"{stat}_{side}"], errors="coerce").to_numpy(dtype=float)
        drawn = np.isfinite(values)
        ax.barh(ys[drawn] + offset, values[drawn], height=0.38, color=colour, label=name, zorder=2)
    ax.axvline(0, color="black", linewidth=0.8, zorder=3)
    _set_category_ticks(ax, "y", terms)
    ax.set_xlabel(schema.label("g2") if stat == "g2" else schema.axis_label("log_ratio"))
    _legend_above(ax, ncols=2)
    return ax


__all__.append("plot_keyness_raw_clean")
