"""Bootstrap intervals of outlet means: the one implementation behind tables and charts.

:func:`toolkit.outlet_stats` (the table) and :func:`toolkit.plots.plot_outlet_metric`
(the chart) both call :func:`outlet_mean_intervals`, so a chart's error bar and the
table beside it agree to the digit. Each interval is drawn from its own random stream,
derived from the seed, the statistic's name and the outlet's name: an interval depends
only on that outlet's values of that statistic and the seed, never on which other
statistics or outlets were asked for in the same call.

One value has no spread to resample: its interval is undefined (NaN), never ``[v, v]``,
which would present a single article as certain. Charts and findings treat fewer than
:data:`toolkit.schema.MIN_RELIABLE_ARTICLES` articles as a small sample.
"""

from __future__ import annotations

import zlib
from collections.abc import Hashable

import numpy as np
import pandas as pd

__all__ = ["bootstrap_mean_ci", "outlet_mean_intervals"]

#: Resampled indices drawn at once at most (a large outlet is resampled in blocks).
_BLOCK_INDICES = 2_000_000


def _stream(seed: int | None, key: tuple[Hashable, ...]) -> np.random.Generator:
    """The random generator of one (statistic, outlet) pair under ``seed``."""
    if seed is None:
        return np.random.default_rng()
    words = [zlib.crc32(str(k).encode("utf-8", "surrogatepass")) for k in key]
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=tuple(words)))


def bootstrap_mean_ci(
    values: np.ndarray | pd.Series,
    *,
    n_boot: int = 1000,
    level: float = 0.95,
    seed: int | None = 0,
    key: tuple[Hashable, ...] = (),
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of ``values`` (NaN values skipped).

    Parameters
    ----------
    values : array-like of float
        One value per article.
    n_boot : int, default 1000
        Resamples (with replacement, of the same size).
    level : float, default 0.95
        Coverage of the interval, in (0, 1).
    seed : int or None, default 0
        Seed of the resampling; ``None``: fresh randomness.
    key : tuple, default ()
        Names the random stream (e.g. ``(statistic, outlet)``): the same values, seed and
        key always give the same interval.

    Returns
    -------
    tuple of float
        ``(low, high)``; ``(nan, nan)`` without values and for a single value (one
        article says nothing about how much the mean could vary).

    Examples
    --------
    >>> low, high = bootstrap_mean_ci([0.1, 0.2, 0.3, 0.4], key=("rate", "A"))
    >>> bool(0.1 <= low <= 0.25 <= high <= 0.4)
    True
    >>> bootstrap_mean_ci([0.5])
    (nan, nan)
    """
    if n_boot < 1:
        raise ValueError(f"n_boot must be at least 1, got {n_boot!r}")
    if not 0.0 < level < 1.0:
        raise ValueError(f"level must be in (0, 1), got {level!r}")
    arr = np.asarray(values, dtype=np.float64)
    arr = arr[~np.isnan(arr)]
    n = len(arr)
    if n < 2:  # nothing to resample: no interval, rather than a certain-looking [v, v]
        return (np.nan, np.nan)
    rng = _stream(seed, key)
    block = max(1, _BLOCK_INDICES // n)
    means = np.empty(n_boot)
    for start in range(0, n_boot, block):
        stop = min(n_boot, start + block)
        means[start:stop] = arr[rng.integers(0, n, size=(stop - start, n))].mean(axis=1)
    alpha = (1.0 - level) / 2.0
    low, high = np.quantile(means, [alpha, 1.0 - alpha])
    return (float(low), float(high))


def outlet_mean_intervals(
    stats: pd.DataFrame,
    column: str,
    *,
    n_boot: int = 1000,
    level: float = 0.95,
    seed: int | None = 0,
) -> pd.DataFrame:
    """Per outlet, the mean of ``column`` and its bootstrap interval.

    Parameters
    ----------
    stats : pandas.DataFrame
        One row per article with ``outlet`` and ``column`` (e.g. :func:`toolkit.article_stats`).
    column : str
        The statistic.
    n_boot, level, seed
        As in :func:`bootstrap_mean_ci`; the stream of each outlet is keyed by
        ``(column, outlet)``.

    Returns
    -------
    pandas.DataFrame
        One row per outlet, sorted by outlet: ``outlet``, ``n`` (articles with a value),
        ``mean`` (NaN without values), ``ci_low``, ``ci_high`` (NaN with fewer than two
        values).

    Examples
    --------
    >>> st = pd.DataFrame({"outlet": ["B", "A", "A", "B"], "rate": [0.2, 0.0, float("nan"), 0.4]})
    >>> out = outlet_mean_intervals(st, "rate")
    >>> out[["outlet", "n", "mean", "ci_low"]]
      outlet  n  mean  ci_low
    0      A  1   0.0     NaN
    1      B  2   0.3     0.2
    """
    values = pd.to_numeric(stats[column], errors="coerce").astype("float64")
    rows = []
    for outlet, group in values.groupby(stats["outlet"].to_numpy(), sort=True):
        arr = group.to_numpy(dtype=np.float64, na_value=np.nan)
        arr = arr[~np.isnan(arr)]
        low, high = bootstrap_mean_ci(
            arr, n_boot=n_boot, level=level, seed=seed, key=(column, outlet)
        )
        rows.append((outlet, len(arr), float(arr.mean()) if len(arr) else np.nan, low, high))
    frame = pd.DataFrame(rows, columns=["outlet", "n", "mean", "ci_low", "ci_high"])
    return frame.astype(
        {"n": "int64", "mean": "float64", "ci_low": "float64", "ci_high": "float64"}
    )
