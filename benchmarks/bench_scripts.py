"""Throughput of toolkit.stats.scripts on a synthetic corpus of English and Russian lines.

Prints MB/s (UTF-8 bytes of the line texts) for ``script_counts`` and ``mark_stray``,
and, as a baseline measured in the same run, for ftfy's detector on every line and a
plain ``regex`` loop counting Latin letters (what the vectorised code replaces).

A second table times the worst case for the span search: one 1 MB line without a
newline whose words mix Latin, Cyrillic and Arabic (every word is looked at).
Each row also prints its speed as a ratio of ftfy's detector measured in the same run.

Last, the accuracy on the demo corpus's gold labels (``corpus/labels.jsonl``, column
``stray``): of the labelled stray lines, how many ``label_lines`` marks stray, how many
with the labelled kind, and how many lines it marks that the labels call clean (per kind).

Usage: ``python benchmarks/bench_scripts.py [--docs 20000] [--repeat 3] [--gold-only]``
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import ftfy.badness
import pandas as pd
import regex

import toolkit
from toolkit.stats import scripts
from toolkit.text import split_lines

DEMO = Path(__file__).resolve().parents[1] / "corpus"

EN = [
    "Officials from both countries met in the capital on Tuesday to discuss trade.",
    "The ministry said the plan would be published next week, after the vote.",
    "“We are ready to continue the dialogue,” the minister told reporters.",
    "Analysts expect the decision to pass by a wide margin in parliament.",
    "Prices for energy rose by 12% in March, according to the statistics office.",
    "Subscribe",
    "Read more",
    "Photo: Reuters / Staff photographer",
    "To participate in the discussion\u00a0log in or register",
]
RU = [
    "Министр иностранных дел заявил во вторник, что переговоры продолжатся.",
    "По данным Reuters, встреча пройдёт в Женеве в следующем месяце.",
    "Новый iPhone поступит в продажу осенью, сообщает компания.",
    "Эксперты NATO обсудили меры безопасности на совещании в среду.",
    "Подписаться на рассылку",
    "Читайте также",
]
DIRTY = [
    "Заголовок открываемого материала",
    "The cafÃ© owner said â€œnoâ€\x9d.",
    "Prices rose<br> again &amp; again.",
    "Sub\u200bscribe to the \u041cinistry newsletter",
]


def make_lines(n_docs: int, seed: int = 0) -> pd.DataFrame:
    """A lines table of ``n_docs`` articles, a third in Russian, with some dirty lines."""
    rng = random.Random(seed)
    docs = []
    for i in range(n_docs):
        pool = RU if i % 3 == 0 else EN
        body = [rng.choice(pool) for _ in range(rng.randint(15, 40))]
        if i % 2:
            body.append(rng.choice(DIRTY))
        docs.append("\n\n".join(body))
    arts = pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(n_docs)],
            "outlet": [f"o{i % 8}" for i in range(n_docs)],
            "text": docs,
        }
    )
    return split_lines(arts)


def _time(fn: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--gold-only", action="store_true", help="only score the demo corpus")
    args = parser.parse_args(argv)
    if not args.gold_only:
        speed(args.docs, args.repeat)
    score_demo()
    return 0


def score_demo() -> None:
    """Print ``label_lines``' stray kinds against the demo corpus's gold ``stray`` labels."""
    labels_path = DEMO / "labels.jsonl"
    if not labels_path.exists():
        print("demo corpus gold labels not found: scoring skipped")
        return
    lines = toolkit.label_lines(toolkit.load_corpus(DEMO, progress=False))
    gold = pd.read_json(labels_path, lines=True)[["article_id", "line_no", "stray"]]
    merged = lines.merge(gold, on=["article_id", "line_no"], how="inner")
    want, got = merged["stray"], merged["stray_kind"]
    labelled, marked = want.notna(), got.notna()
    right = labelled & marked & (want == got)
    print(
        f"\ndemo corpus, {len(merged)} labelled lines: {int(labelled.sum())} stray in the labels,"
        f" {int((labelled & marked).sum())} found, {int(right.sum())} with the right kind,"
        f" {int((marked & ~labelled).sum())} marked but labelled clean"
    )
    for kind in scripts.STRAY_KINDS:
        n_gold = int((want == kind).sum())
        n_right = int((right & (want == kind)).sum())
        extra = int(((got == kind) & (want != kind)).sum())
        print(
            f"  {kind:18s} labelled {n_gold:3d}  right {n_right:3d}  marked but labelled otherwise {extra:3d}"
        )


def speed(n_docs: int, repeat: int) -> None:
    """Print the throughput tables (see the module docstring)."""
    lines = make_lines(n_docs)
    texts = lines["text"].tolist()
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    scripts.mark_stray(lines.head(50))  # build the lookup tables once
    latin = regex.compile(r"\p{Script=Latin}")
    tasks: dict[str, Callable[[], object]] = {
        "script_counts": lambda: scripts.script_counts(lines["text"]),
        "mark_stray": lambda: scripts.mark_stray(lines),
        "baseline: ftfy is_bad on every line": lambda: [ftfy.badness.is_bad(t) for t in texts],
        "baseline: regex Latin count per line": lambda: [len(latin.findall(t)) for t in texts],
    }
    print(f"{len(lines):,} lines, {mb:.1f} MB")
    _report(tasks, mb, repeat, baseline="baseline: ftfy is_bad on every line")

    words = ["council", "harbour", "Москва", "рынок", "مرحبا", "Subscribe", "vote", "e\u0301"]
    rng = random.Random(1)
    line = " ".join(rng.choices(words, k=250_000))[:1_000_000]
    one = split_lines(pd.DataFrame({"article_id": ["big"], "outlet": ["A"], "text": [line]}))
    mb_one = len(line.encode("utf-8")) / 1e6
    print(f"\none line without a newline, {mb_one:.1f} MB, three scripts mixed")
    long_tasks: dict[str, Callable[[], object]] = {
        "mark_stray": lambda: scripts.mark_stray(one),
        "baseline: ftfy is_bad on the line": lambda: ftfy.badness.is_bad(line),
    }
    _report(long_tasks, mb_one, repeat, baseline="baseline: ftfy is_bad on the line")


def _report(tasks: dict[str, Callable[[], object]], mb: float, repeat: int, baseline: str) -> None:
    seconds = {name: _time(fn, repeat) for name, fn in tasks.items()}
    base = mb / seconds[baseline]
    for name, sec in seconds.items():
        rate = mb / sec
        print(f"{name:40s} {sec:7.2f} s {rate:7.1f} MB/s {rate / base:6.2f}x ftfy")


if __name__ == "__main__":
    raise SystemExit(main())
