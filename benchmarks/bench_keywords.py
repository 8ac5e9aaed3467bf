"""Benchmark keyword counting and keyness against plain baselines measured in the same run.

Prints

* the throughput of ``keyword_frequencies(articles, text="raw")`` as a ratio to a plain
  ``re.findall(r"\\w+")`` + per-document ``Counter`` + corpus ``Counter.update`` pass
  (target: >= 0.8) and to nltk's ``RegexpTokenizer(r"\\w+")`` + ``FreqDist`` (target:
  faster, ratio > 1);
* the time of one :func:`~toolkit.stats.keywords.keyness` pair (and one outlet vs the
  rest) on a corpus of ``--keyness-n`` articles once its counts exist (target < 100 ms);
* the peak memory (``tracemalloc``: Python objects and numpy arrays) of
  ``term_counts`` on that corpus and the size of the counts, and the time and peak
  memory of summing the counts of 8 disjoint parts of it
  (:func:`~toolkit.stats.keywords.merge_counts`) against the one-pass count.

The corpus is built by cycling over the demo corpus (``corpus/articles/*.txt``) with
eight outlet labels; without it, a synthetic corpus with a Zipf-like vocabulary of a few
thousand word types is generated. Usage::

    python benchmarks/bench_keywords.py --n 2000 --keyness-n 20000
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpus" / "articles"
OUTLETS = [f"outlet_{i}" for i in range(8)]


def _demo_texts() -> tuple[list[str], list[str]]:
    """Texts of the demo corpus and their outlets (from ``corpus/manifest.csv``)."""
    files = sorted(DEMO.glob("*.txt")) if DEMO.is_dir() else []
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    outlets = [OUTLETS[i % len(OUTLETS)] for i in range(len(files))]
    manifest = DEMO.parent / "manifest.csv"
    if files and manifest.is_file():
        table = pd.read_csv(manifest)
        by_name = dict(zip(table["path"].map(lambda p: Path(p).name), table["outlet"], strict=True))
        outlets = [str(by_name.get(f.name, o)) for f, o in zip(files, outlets, strict=True)]
    return texts, outlets


def _synthetic_texts(n: int, seed: int = 0) -> list[str]:
    rng = np.random.default_rng(seed)
    syllables = ["ka", "lo", "mi", "ne", "ru", "sta", "vo", "de", "pri", "gor", "tel", "an"]
    vocab = sorted(
        {"".join(rng.choice(syllables, size=int(rng.integers(1, 4)))) for _ in range(6000)}
    )
    weights = 1.0 / np.arange(1, len(vocab) + 1)
    weights /= weights.sum()
    texts = []
    for _ in range(n):
        paras = []
        for _ in range(int(rng.integers(3, 9))):
            words = rng.choice(vocab, size=int(rng.integers(30, 90)), p=weights)
            paras.append(" ".join(words).capitalize() + ".")
        texts.append("\n\n".join(paras))
    return texts


def build_corpus(n: int) -> tuple[pd.DataFrame, str]:
    """``n`` articles cycled from the demo corpus (or synthetic), with 8 outlets."""
    texts, outlets = _demo_texts()
    source = f"demo corpus ({len(texts)} files, cycled)"
    if not texts:
        texts = _synthetic_texts(min(n, 2000))
        outlets = [OUTLETS[i % len(OUTLETS)] for i in range(len(texts))]
        source = "synthetic text (demo corpus not found)"
    frame = pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(n)],
            "outlet": [outlets[i % len(texts)] for i in range(n)],
            "text": [texts[i % len(texts)] for i in range(n)],
        }
    )
    return frame, source


def baseline_re(texts: list[str]) -> Counter[str]:
    """``re.findall(r"\\w+")`` + per-document Counter + corpus Counter.update."""
    word = re.compile(r"\w+")
    total: Counter[str] = Counter()
    for t in texts:
        total.update(Counter(word.findall(t)))
    return total


def baseline_nltk(texts: list[str]) -> object:
    """nltk ``RegexpTokenizer(r"\\w+")`` + per-document FreqDist + corpus FreqDist."""
    from nltk.probability import FreqDist
    from nltk.tokenize import RegexpTokenizer

    tok = RegexpTokenizer(r"\w+")
    total = FreqDist()
    for t in texts:
        total.update(FreqDist(tok.tokenize(t)))
    return total


def _time(fn: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def _interleaved(fns: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Median time of each function, the runs interleaved so that load spikes hit all."""
    runs: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            runs[name].append(time.perf_counter() - start)
    return {k: statistics.median(v) for k, v in runs.items()}


def _peak_mb(fn: Callable[[], object]) -> tuple[object, float, float]:
    """``fn()``, its seconds and its peak traced memory in MB (``tracemalloc``)."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        out = fn()
        seconds = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return out, seconds, peak / 1e6


def _counts_mb(counts: object) -> float:
    """MB held by the tables, numpy arrays and term strings of a KeywordCounts.

    Arrays that are views of a table's columns (cached by the object) count once.
    """
    import sys

    frames = [v for v in vars(counts).values() if isinstance(v, pd.DataFrame)]
    total = sum(int(f.memory_usage(deep=True).sum()) for f in frames)
    columns = [f[c].to_numpy() for f in frames for c in f.columns if f[c].dtype != object]
    for value in vars(counts).values():
        if not isinstance(value, np.ndarray) or any(np.shares_memory(value, c) for c in columns):
            continue
        total += value.nbytes
        if value.dtype == object and not frames:
            total += sum(sys.getsizeof(v) for v in value.tolist())
    return total / 1e6


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns 0."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="articles for the counting runs")
    parser.add_argument(
        "--keyness-n", type=int, default=20000, help="articles for the keyness timing"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (median)")
    args = parser.parse_args(argv)

    from toolkit.stats.keywords import keyness, keyword_frequencies, term_counts

    arts, source = build_corpus(args.n)
    texts = arts["text"].tolist()
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"corpus: {args.n} articles, {mb:.2f} MB, from {source}")

    times = _interleaved(
        {
            "re": lambda: baseline_re(texts),
            "nltk": lambda: baseline_nltk(texts),
            "ours": lambda: keyword_frequencies(arts, text="raw", stop_words=None),
        },
        args.repeat,
    )
    t_re, t_nltk, t_ours = times["re"], times["nltk"], times["ours"]
    n_tokens = sum(baseline_re(texts).values())
    print(f"re.findall + Counter          : {t_re:7.3f} s  ({n_tokens / t_re / 1e6:.2f} M tok/s)")
    print(f"nltk RegexpTokenizer + FreqDist: {t_nltk:7.3f} s")
    print(f"keyword_frequencies(raw)      : {t_ours:7.3f} s")
    print(f"throughput ratio vs re+Counter : {t_re / t_ours:.2f}  (target >= 0.8)")
    print(f"throughput ratio vs nltk       : {t_nltk / t_ours:.2f}  (target > 1)")

    big, _ = build_corpus(args.keyness_n)
    start = time.perf_counter()
    counts = term_counts(big, text="raw")
    t_counts = time.perf_counter() - start
    print(f"term_counts on {args.keyness_n} articles: {t_counts:.2f} s, {counts}")
    first, second = counts.groups[np.argsort(-counts.n_words)[:2]].tolist()
    start = time.perf_counter()
    keyness(counts, first, second)  # first call also builds the stop-word mask and ranks
    t_first = time.perf_counter() - start
    t_pair = _time(lambda: keyness(counts, first, second), max(args.repeat, 5))
    t_rest = _time(lambda: keyness(counts, first, "rest"), max(args.repeat, 5))
    print(f"keyness first call (+ caches)   : {t_first * 1000:7.1f} ms")
    print(f"keyness {first} vs {second}: {t_pair * 1000:7.1f} ms  (target < 100 ms)")
    print(f"keyness one vs rest             : {t_rest * 1000:7.1f} ms")

    traced, t_traced, peak = _peak_mb(lambda: term_counts(big, text="raw"))
    print(f"term_counts peak memory        : {peak:7.1f} MB  ({t_traced:.2f} s traced)")
    print(f"KeywordCounts size             : {_counts_mb(traced):7.1f} MB")
    merged, t_merge, peak_merge = _merge_run(big)
    same = keyword_frequencies(merged, stop_words=None).equals(
        keyword_frequencies(traced, stop_words=None)
    )
    print(
        f"sum of 8 parts' counts         : {t_merge:7.3f} s, peak {peak_merge:.1f} MB, "
        f"tables equal the one-pass count: {same}"
    )
    return 0


def _merge_run(big: pd.DataFrame) -> tuple[object, float, float]:
    """Counts of 8 disjoint parts of ``big``, then their sum: (sum, seconds, peak MB)."""
    from toolkit.stats.keywords import term_counts

    try:
        from toolkit.stats.keywords import merge_counts
    except ImportError:  # before the keywords package: the Dask engine's merge
        from toolkit.scale import merge_term_counts as merge_counts
    bounds = np.linspace(0, len(big), 9).astype(int)
    parts = [term_counts(big.iloc[a:b], text="raw") for a, b in pairwise(bounds)]
    return _peak_mb(lambda: merge_counts(parts))


if __name__ == "__main__":
    raise SystemExit(main())
