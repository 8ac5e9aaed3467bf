"""Throughput of ``article_stats`` against datatrove, TextDescriptives and a word count.

What is measured (same texts, same process; imports, pipeline building and corpus building
are not timed; MB = 10**6 bytes of UTF-8; wall-clock seconds, the best of
``--rounds`` rounds that run every task in turn):

- ``toolkit.article_stats`` on the whole corpus: split into lines, near-repeat
  detection, boilerplate detector fitted on the corpus, stray strings and scripts, and
  the 13 Gopher repetition values — everything the article table holds;
- ``toolkit.article_stats`` on the peers' subset alone (below): the ratio of the same
  work on the very same texts, printed beside the whole-corpus ratio;
- its parts: ``label_lines`` alone, and ``gopher_repetition`` alone;
- datatrove's 13 Gopher repetition values (its own functions, no short-circuit; see
  ``bench_repetition.datatrove_values``) on a subset of ``--n-peer`` texts (every k-th
  article), since it is slow, after a 5-text warm-up (which builds its spaCy tokenizer).
  Skipped, with a message, when datatrove is not installed (``bench`` extra);
  The default subset (1,000 texts, 1.7 MB) keeps each peer busy for seconds, so that a
  short quiet spell of the machine cannot favour the shorter task;
- TextDescriptives's quality component on the same subset: ``spacy.blank("en")`` +
  ``textdescriptives/quality`` (no sentencizer or model needed; see
  ``bench_repetition.textdescriptives_pipeline``), timed as
  ``list(nlp.pipe(subset, batch_size=50))`` after a 5-text warm-up (``article_stats``
  gets the same warm-up) — spaCy's tokenizer plus all the component's metrics (11
  repetition values, stop words, alpha ratio, word length, symbols, bullets, ellipses).
  Skipped, with a message, when textdescriptives is not installed (it is in the
  optional ``bench`` extra);
- a plain ``re.findall(r"\\w+")`` + per-text ``Counter`` pass (the floor of any word
  statistic) on the whole corpus.

The corpus is built from the bundled demo corpus (``corpus/``, loaded with
``toolkit.load_corpus``): article ``k`` takes the page of demo article ``k mod 99`` and
swaps about half of its paragraphs for paragraphs of other articles of the same outlet,
so the outlet templates stay while bodies differ.

With ``--pages PATH`` (e.g. ``../shared/eval/dev.jsonl.gz``, see ``bench_boilerplate``)
the texts are real scraped pages instead (those with ``gold_cov >= 0.8``), and the peers
run on all of them.

Each round's ratios are printed too (every task of a round ran under the same load),
with their median beside the best-round ratio of the table.

Run: ``python benchmarks/bench_stats.py [--n-docs 20000] [--n-peer 1000] [--rounds 3]
[--pages PATH]``.
Targets (issue "Text-quality statistics"): ``article_stats`` >= 10x datatrove's MB/s and
>= 40x TextDescriptives's MB/s.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_repetition import (
    counter_pass,
    datatrove_values,
    textdescriptives_pipeline,
    textdescriptives_run,
    textdescriptives_version,
)

import toolkit
from toolkit.stats.repetition import gopher_repetition
from toolkit.stats.summary import clear_cache

DEMO = Path(__file__).resolve().parents[1] / "corpus"
#: The task that runs ``article_stats`` on the peers' subset: the same texts as theirs.
SAME = "  toolkit.article_stats, peers' texts only"


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
    parser.add_argument(
        "--n-peer", type=int, default=1000, help="datatrove/TextDescriptives subset (default 1000)"
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds of all tasks; best round counts (default 3)"
    )
    parser.add_argument(
        "--pages", type=Path, default=None, help="real scraped pages (eval .jsonl.gz) instead"
    )
    args = parser.parse_args(argv)

    if args.pages is not None:
        from bench_boilerplate import load_eval

        corpus = load_eval(args.pages)[0][["article_id", "outlet", "text"]]
        args.n_peer = len(corpus)
    else:
        corpus = build_corpus(args.n_docs)
    texts = corpus["text"].tolist()
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    step = max(1, len(texts) // args.n_peer)
    subset = texts[::step][: args.n_peer]
    subset_frame = corpus.iloc[::step].iloc[: args.n_peer]  # the same texts, as articles
    same_texts = len(subset) < len(texts)  # else the corpus row is the same-texts row
    mb_sub = sum(len(t.encode("utf-8")) for t in subset) / 1e6
    print(
        f"corpus: {len(texts)} articles, {mb:.1f} MB; "
        f"datatrove/TextDescriptives subset {len(subset)} ({mb_sub:.2f} MB)"
    )

    def full() -> pd.DataFrame:
        clear_cache()
        return toolkit.article_stats(corpus)

    def full_subset() -> pd.DataFrame:
        clear_cache()
        return toolkit.article_stats(subset_frame)

    def lines_only() -> pd.DataFrame:
        clear_cache()
        return toolkit.label_lines(corpus)

    has_datatrove = importlib.util.find_spec("datatrove") is not None
    if has_datatrove:
        datatrove_values(subset[:5])  # warm-up: datatrove builds its spaCy tokenizer on first use
    else:
        print("datatrove is not installed (pip install -e '.[bench]'): its row skipped")
    toolkit.article_stats(corpus.iloc[:5])  # warm-up alike: compiled kernels, script table
    nlp = textdescriptives_pipeline()  # built outside the timed section
    if nlp is None:
        print("textdescriptives is not installed (pip install -e '.[bench]'): its row skipped")
    else:
        textdescriptives_run(nlp, subset[:5])  # warm-up
    tasks: list[tuple[str, Callable[[], Any], float]] = []
    peers: list[tuple[str, str]] = []  # (task, short name) of each peer that runs
    if has_datatrove:
        label = "datatrove: 13 Gopher repetition values"
        tasks.append((label, lambda: datatrove_values(subset), mb_sub))
        peers.append((label, "datatrove"))
    if nlp is not None:
        label = f"textdescriptives {textdescriptives_version()}: quality component"
        tasks.append((label, lambda: textdescriptives_run(nlp, subset), mb_sub))
        peers.append((label, "TD"))
    tasks.append(("toolkit.article_stats (all columns)", full, mb))
    if same_texts:
        tasks.append((SAME, full_subset, mb_sub))
    tasks += [
        ("  of which label_lines", lines_only, mb),
        ("  of which gopher_repetition", lambda: gopher_repetition(corpus["text"]), mb),
        ("re.findall(r'\\w+') + Counter", lambda: counter_pass(texts), mb),
    ]
    # rounds of every task in turn, so that a slow spell of a shared machine hits all of
    # them alike; each task's best round counts (noise only ever adds time)
    seconds: dict[str, list[float]] = {name: [] for name, _, _ in tasks}
    stats = pd.DataFrame()
    for _ in range(max(1, args.rounds)):
        for name, fn, _ in tasks:
            t0 = time.perf_counter()
            result = fn()
            seconds[name].append(time.perf_counter() - t0)
            if name.startswith("toolkit.article_stats"):
                stats = result
    rows = [(name, min(seconds[name]), size, size / min(seconds[name])) for name, _, size in tasks]
    rate = {name: r for name, _, _, r in rows}
    ours = seconds["toolkit.article_stats (all columns)"]
    # each round times every task under the same load: its ratios are comparable too
    medians: dict[str, float] = {}
    for peer, short in peers:
        per_round = [(mb / a) / (mb_sub / d) for a, d in zip(ours, seconds[peer], strict=True)]
        medians[short] = float(np.median(per_round))
        if len(per_round) > 1:
            print(
                f"article_stats x {short} per round: {', '.join(f'{r:.1f}' for r in per_round)}"
                f" (median {medians[short]:.1f}; the table takes each task's best round)"
            )
        if same_texts:  # the peer's own texts: ratios of the same work on the same input
            same = [d / a for a, d in zip(seconds[SAME], seconds[peer], strict=True)]
            medians[f"{short} same"] = float(np.median(same))
            print(
                f"article_stats x {short} on the same {len(subset)} texts, per round: "
                f"{', '.join(f'{r:.1f}' for r in same)} (median {np.median(same):.1f})"
            )
    table = pd.DataFrame(rows, columns=["task", "seconds", "MB", "MB/s"])
    for peer, short in peers:
        table[f"x {short}"] = table["MB/s"] / rate[peer]
    with pd.option_context("display.float_format", "{:.2f}".format, "display.width", 120):
        print(table.to_string(index=False))
    is_ours = table["task"] == "toolkit.article_stats (all columns)"
    is_same = table["task"] == SAME
    print()
    for short, name, target in (("datatrove", "datatrove", 10), ("TD", "TextDescriptives", 40)):
        column = f"x {short}"
        if column not in table:
            print(f"article_stats vs {name}: skipped ({name.lower()} not installed)")
            continue
        ratio = float(table.loc[is_ours, column].iloc[0])
        line = (
            f"article_stats is {ratio:.1f}x {name}'s throughput, best rounds"
            f" ({medians[short]:.1f}x median round"
        )
        if same_texts:
            same_ratio = float(table.loc[is_same, column].iloc[0])
            line += (
                f"); on the peers' own {len(subset)} texts {same_ratio:.1f}x"
                f" ({medians[f'{short} same']:.1f}x median round"
            )
        print(f"{line}; target: >= {target}x)")
    print(f"article_stats columns: {len(stats.columns)}; rows: {len(stats)}")
    return 0


if __name__ == "__main__":
    t0 = time.perf_counter()
    code = main()
    print(f"(total {time.perf_counter() - t0:.0f} s)")
    sys.exit(code)
