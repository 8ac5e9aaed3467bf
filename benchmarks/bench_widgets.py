"""Latency of a widget update on a 20,000-article corpus (OutletComparer).

What is measured (same process; imports and corpus building not timed):

- **constructor**: ``OutletComparer(corpus)``: the statistics of the raw text (label_lines
  + article_stats, then outlet_stats with its bootstrap interval for every metric in the
  menu, one call per metric) and the first chart;
- **metric change, first visit**: ``app.metric.value = m`` for a metric not shown
  before (its outlet table exists already: only the chart and the table are drawn);
- **metric change, revisit**: the same for a metric already shown;
- **outlet change**: ``app.outlets.value = subset`` (chart and table redrawn);
- **text toggle to "clean"** (once): statistics of the clean text are computed (article
  statistics and every metric's outlet table).

Each update is timed ``--repeat`` times (default 10) and the median reported, with the
time spent in the chart's PNG encoding and in ``outlet_stats`` shown separately (0 when
an update computes no statistics, as it should); ``--profile`` adds a pyinstrument
profile of one update of each kind. The chart draws at most 1,000 article dots per
outlet (``OutletComparer(max_articles=1000)``, an evenly spaced selection of each
outlet's sorted values); means, intervals and counts use every article.

The corpus is built from the bundled demo corpus by ``bench_stats.build_corpus``.

Run: ``python benchmarks/bench_widgets.py [--n-docs 20000] [--repeat 10] [--profile]``.
Target (issue "Scale and robustness"): an update under 200 ms once statistics exist.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

TARGET_MS = 200.0


class _Timer:
    """Accumulates the time spent inside wrapped functions (to split an update)."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self.labels: list[str] = []

    def wrap(self, owner: Any, name: str, label: str) -> None:
        original = getattr(owner, name)
        self.labels.append(label)

        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.spent[label] = self.spent.get(label, 0.0) + time.perf_counter() - t0

        setattr(owner, name, timed)


def _measure(update: Callable[[int], None], repeat: int, timer: _Timer) -> dict[str, float]:
    """Median wall time of ``update(i)`` (ms) and the median of each wrapped part."""
    totals: list[float] = []
    parts: dict[str, list[float]] = {label: [] for label in timer.labels}
    for i in range(repeat):
        timer.spent.clear()
        t0 = time.perf_counter()
        update(i)
        totals.append((time.perf_counter() - t0) * 1000)
        for label in parts:
            parts[label].append(timer.spent.get(label, 0.0) * 1000)
    out = {"median_ms": statistics.median(totals), "max_ms": max(totals)}
    for label, values in parts.items():
        out[f"{label}_ms"] = statistics.median(values)
    return out


def _profile(label: str, update: Callable[[], None]) -> None:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    profiler.start()
    update()
    profiler.stop()
    print(f"\n--- pyinstrument: {label} ---")
    print(profiler.output_text(unicode=False, color=False, show_all=False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n-docs", type=int, default=20000, help="articles (default 20000)")
    parser.add_argument("--repeat", type=int, default=10, help="updates timed per kind")
    parser.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples")
    parser.add_argument("--profile", action="store_true", help="pyinstrument one update each")
    parser.add_argument("--skip-clean", action="store_true", help="skip the clean-text toggle")
    args = parser.parse_args(argv)

    from bench_stats import build_corpus

    import toolkit.widgets as widgets
    from toolkit.stats import summary

    corpus = build_corpus(args.n_docs)
    mb = corpus["text"].str.len().sum() / 1e6
    print(f"corpus: {len(corpus)} articles, {mb:.1f} M characters")

    timer = _Timer()
    timer.wrap(widgets, "_png", "png")
    timer.wrap(summary, "outlet_stats", "outlet_stats")

    timer.spent.clear()
    t0 = time.perf_counter()
    app = widgets.OutletComparer(corpus, n_boot=args.n_boot)
    construct_s = time.perf_counter() - t0
    assert app.last_error is None, app.last_error
    print(
        f"constructor (statistics computed, first chart): {construct_s:.1f} s, of which "
        f"outlet_stats for {len(app.metric.options)} metrics: "
        f"{timer.spent.get('outlet_stats', 0.0):.1f} s"
    )

    metrics = list(app.metric.options)
    outlets = list(app.outlets.options)
    start = app.metric.value
    fresh = [m for m in metrics if m != start]
    rows: dict[str, dict[str, float]] = {}

    def first_visit(i: int) -> None:
        app.metric.value = fresh[i % len(fresh)]

    rows["metric change, first visit"] = _measure(first_visit, min(args.repeat, len(fresh)), timer)
    seen = fresh[: min(args.repeat, len(fresh))]

    def revisit(i: int) -> None:
        app.metric.value = seen[(i + 1) % len(seen)] if len(seen) > 1 else start

    rows["metric change, revisit"] = _measure(revisit, args.repeat, timer)
    subsets = [
        tuple(outlets[: k + 1]) if i % 2 else tuple(outlets[k:])
        for i, k in enumerate(range(args.repeat))
    ]
    subsets = [s if s else tuple(outlets) for s in subsets]

    def outlet_change(i: int) -> None:
        target = subsets[i % len(subsets)]
        if tuple(app.outlets.value) == target:
            target = tuple(outlets)
        app.outlets.value = target

    rows["outlet change"] = _measure(outlet_change, args.repeat, timer)
    assert app.last_error is None, app.last_error
    table = pd.DataFrame(rows).T.fillna(0.0)
    table["under 200 ms"] = table["median_ms"] < TARGET_MS
    with pd.option_context("display.float_format", "{:.1f}".format, "display.width", 160):
        print(f"\nupdate latency (median of {args.repeat}; parts are medians too)")
        print(table.to_string())
    if not args.skip_clean:
        t0 = time.perf_counter()
        app.text.value = "clean"
        print(
            f"\ntext toggle to 'clean' (clean-text statistics computed once): "
            f"{time.perf_counter() - t0:.1f} s"
        )
        t0 = time.perf_counter()
        app.text.value = "raw"
        print(f"text toggle back to 'raw' (cached): {(time.perf_counter() - t0) * 1000:.0f} ms")
    if args.profile:
        others = [m for m in metrics if m not in seen and m != start] or metrics
        _profile("metric change (first visit)", lambda: setattr(app.metric, "value", others[0]))
        _profile("metric change (revisit)", lambda: setattr(app.metric, "value", start))
        _profile("outlet change", lambda: setattr(app.outlets, "value", tuple(outlets[:2])))
    return 0


if __name__ == "__main__":
    t_start = time.perf_counter()
    code = main()
    print(f"(total {time.perf_counter() - t_start:.0f} s)")
    sys.exit(code)
