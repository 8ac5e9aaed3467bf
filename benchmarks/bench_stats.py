"""Throughput of ``article_stats`` against datatrove and a plain word count, in one run.

What is measured (same texts, same process; imports and corpus building are not timed;
MB = 10**6 bytes of UTF-8):

- ``toolkit.article_stats`` on the whole corpus: split into lines, near-repeat
  detection, boilerplate detector fitted on the corpus, stray strings and scripts, and
  the 13 Gopher repetition values — everything the article table holds;
- its parts: ``label_lines`` alone, and ``gopher_repetition`` alone;
- datatrove's 13 Gopher repetition values (its own functions, no short-circuit; see
  ``bench_repetition.datatrove_values``) on a subset, since it is slow;
- a plain ``re.findall(r"\\w+")`` + per-text ``Counter`` pass (the floor of any word
  statistic) on the whole corpus.

The corpus is built from the bundled demo corpus (``corpus/``, loaded with
``toolkit.load_corpus``): article ``k`` takes the page of demo article ``k mod 99`` and
swaps about half of its paragraphs for paragraphs of other articles of the same outlet,
so the outlet templates stay while bodies differ.

Run: ``python benchmarks/bench_stats.py [--n-docs 20000] [--n-peer 300] [--repeat 1]``.
Target (issue "Text-quality statistics"): ``article_stats`` >= 10x datatrove's MB/s.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_repetition import counter_pass, datatrove_values, timed

import toolkit
from toolkit.stats.repetition import gopher_repetition
from toolkit.stats.summary import clear_cache

DEMO = Path(__file__).resolve().parents[1] / "corpus"


def build_corpus(n_docs: int, seed: int = 0) -> pd.DataFrame:
    """``n_docs`` articles made from the demo corpus (see the module docstring)."""
    demo = toolkit.load_corpus(DEMO, progress=False).articles
    rng = np.random.default_rng(seed)
    paras = {
        outlet: [p for text in group["text"] for p in text.split("\n\n") if p.strip()]
        for outlet, group in demo.groupby("outlet")
    }
    rows = []
    for k in range(n_docs):
        src = demo.iloc[k % len(demo)]
        pool = paras[src["outlet"]]
        blocks = src["text"].split("\n\n")
        swap = rng.random(len(blocks)) < 0.5
        picks = rng.integers(0, len(pool), len(blocks))
        text = "\n\n".join(pool[j] if s else b for b, s, j in zip(blocks, swap, picks, strict=True))
        rows.append({"article_id": f"d{k:06d}", "outlet": src["outlet"], "text": text})
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n-docs", type=int, default=20000, help="articles (default 20000)")
    parser.add_argument("--n-peer", type=int, default=300, help="datatrove subset (default 300)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per timing (median)")
    args = parser.parse_args(argv)

    corpus = build_corpus(args.n_docs)
    texts = corpus["text"].tolist()
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    subset = texts[:: max(1, len(texts) // args.n_peer)][: args.n_peer]
    mb_sub = sum(len(t.encode("utf-8")) for t in subset) / 1e6
    print(
        f"corpus: {len(texts)} articles, {mb:.1f} MB; datatrove subset {len(subset)} ({mb_sub:.2f} MB)"
    )

    def full() -> pd.DataFrame:
        clear_cache()
        return toolkit.article_stats(corpus)

    def lines_only() -> pd.DataFrame:
        clear_cache()
        return toolkit.label_lines(corpus)

    rows = []
    t, _ = timed(lambda: datatrove_values(subset), args.repeat)
    dt_rate = mb_sub / t
    rows.append(("datatrove: 13 Gopher repetition values", t, mb_sub, dt_rate))
    t, stats = timed(full, args.repeat)
    rows.append(("toolkit.article_stats (all columns)", t, mb, mb / t))
    t, _ = timed(lines_only, args.repeat)
    rows.append(("  of which label_lines", t, mb, mb / t))
    t, _ = timed(lambda: gopher_repetition(corpus["text"]), args.repeat)
    rows.append(("  of which gopher_repetition", t, mb, mb / t))
    t, _ = timed(lambda: counter_pass(texts), args.repeat)
    rows.append(("re.findall(r'\\w+') + Counter", t, mb, mb / t))

    table = pd.DataFrame(rows, columns=["task", "seconds", "MB", "MB/s"])
    table["x datatrove"] = table["MB/s"] / dt_rate
    with pd.option_context("display.float_format", "{:.2f}".format, "display.width", 120):
        print(table.to_string(index=False))
    ratio = float(table["x datatrove"].iloc[1])
    print(f"\narticle_stats is {ratio:.1f}x datatrove's throughput (target: >= 10x)")
    print(f"article_stats columns: {len(stats.columns)}; rows: {len(stats)}")
    return 0


if __name__ == "__main__":
    t0 = time.perf_counter()
    code = main()
    print(f"(total {time.perf_counter() - t0:.0f} s)")
    sys.exit(code)
