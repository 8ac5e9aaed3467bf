"""``near_duplicates`` (numpy MinHash + LSH) against datasketch's, in the same run.

``toolkit.near_duplicates`` computes its MinHash signatures and LSH bands with numpy; before
that it used datasketch's ``MinHash.generator`` and ``MinHashLSH`` (kept here, as
``datasketch_verified_pairs``, as the baseline; datasketch is in the optional ``bench``
extra, and the script says so and stops when it is missing). On the articles of
``bench_stats.build_corpus`` (default 3,000, made from the demo corpus), for the raw and
the clean text (the clean texts are computed once before the timed rounds, as a notebook
session would have them cached), it times (best of ``--rounds``):

- the whole ``near_duplicates`` call, with the numpy candidate stage and with
  datasketch's swapped in (the shingling and the exact-Jaccard verification are the same
  code in both);
- the candidate stage alone (signatures, bands, candidate pairs and their verification:
  ``_verified_pairs``) on the same shingle sets (the numpy shingling, now on whole arrays
  too, is in the first line only);

checks that both give the same table, and prints the times and the ratios
datasketch / numpy (above 1: numpy is faster).

    python benchmarks/bench_near_duplicates.py [--n-docs 3000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_stats import build_corpus

import toolkit.stats.reuse as reuse


def datasketch_verified_pairs(
    sets: np.ndarray,
    offsets: np.ndarray,
    values: np.ndarray,
    outlets: np.ndarray,
    *,
    threshold: float,
    num_perm: int,
    same_outlet: bool,
    seed: int,
) -> list[tuple[int, int, float, float]]:
    """The candidate stage as it was with datasketch (``MinHash.generator``, ``MinHashLSH``)."""
    from datasketch import MinHash, MinHashLSH

    shingles = {int(i): values[offsets[k] : offsets[k + 1]] for k, i in enumerate(sets)}
    if len(shingles) < 2:
        return []
    index = MinHashLSH(threshold=max(threshold - 0.1, 0.05), num_perm=num_perm)
    keys = list(shingles)
    made = MinHash.generator(
        (shingles[i] for i in keys), num_perm=num_perm, seed=seed, hashfunc=int
    )
    sketches = dict(zip(keys, made, strict=True))
    for i, m in sketches.items():
        index.insert(i, m)
    rows: list[tuple[int, int, float, float]] = []
    for i, m in sketches.items():
        for j in index.query(m):
            if j <= i or (not same_outlet and outlets[i] == outlets[j]):
                continue
            a, b = shingles[i], shingles[j]
            shared = len(np.intersect1d(a, b, assume_unique=True))
            sim = shared / (len(a) + len(b) - shared)
            if sim >= threshold - 1e-12:
                rows.append((i, j, sim, shared / min(len(a), len(b))))
    return rows


def best(fn: Callable[[], Any], rounds: int) -> tuple[float, Any]:
    """Best wall time of ``rounds`` calls, and the last result."""
    times, out = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return min(times), out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n-docs", type=int, default=3000, help="articles (default 3000)")
    parser.add_argument("--rounds", type=int, default=3, help="best of (default 3)")
    args = parser.parse_args(argv)
    try:
        import datasketch
    except ImportError:
        print("datasketch is not installed (pip install 'toolkit[bench]'): nothing to compare")
        return 0
    arts = build_corpus(args.n_docs)
    print(f"{len(arts)} articles, datasketch {datasketch.__version__}, best of {args.rounds}")
    ours = reuse._verified_pairs
    captured: dict[str, Any] = {}

    def capture(*args: Any, **kw: Any) -> Any:
        captured.update(args=args, kw=kw)
        return ours(*args, **kw)

    for text in ("raw", "clean"):
        reuse._verified_pairs = capture
        reuse.near_duplicates(arts, text=text)  # the clean texts computed (and cached) once
        reuse._verified_pairs = ours
        run = functools.partial(reuse.near_duplicates, arts, text=text)
        t_ours, frame = best(run, args.rounds)
        reuse._verified_pairs = datasketch_verified_pairs
        try:
            t_ds, frame_ds = best(run, args.rounds)
        finally:
            reuse._verified_pairs = ours
        pd.testing.assert_frame_equal(frame, frame_ds)
        got, kw = captured["args"], captured["kw"]
        s_ours, rows = best(functools.partial(ours, *got, **kw), args.rounds)
        s_ds, rows_ds = best(functools.partial(datasketch_verified_pairs, *got, **kw), args.rounds)
        assert sorted(rows) == sorted(rows_ds)
        print(
            f"{text:5}: {len(frame)} pairs, {len(got[0])} articles, {len(got[2])} shingles; "
            f"near_duplicates {t_ours:.3f} s (datasketch {t_ds:.3f} s, x{t_ds / t_ours:.1f}); "
            f"candidate stage {s_ours:.3f} s (datasketch {s_ds:.3f} s, x{s_ds / s_ours:.1f}); "
            "same pairs"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
