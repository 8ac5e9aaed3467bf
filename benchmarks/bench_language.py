"""Speed and sanity of :func:`toolkit.io.language.detect_language`.

What is measured:

- **demo corpus** (``corpus/articles`` via ``load_corpus``): articles per second and
  agreement with each outlet's language as ``corpus/README.md`` states it (Вестник
  Севера ``ru``, the other five ``en``);
- **real pages** (``/work/shared/eval/dev.jsonl.gz``, 852 pages, no language labels;
  used to measure only): pages per second with the default ``max_chars=10_000`` and on
  whole texts, and the languages found (the pages are nearly all English). Skipped with
  a message when the file is absent.

Timing: best of three calls, after one warm-up call that loads the model (about 0.5 s,
reported separately).

Run: ``.venv/bin/python benchmarks/bench_language.py [--eval PATH]``.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import sys
import time
from pathlib import Path
from typing import Any

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_dates import best_of

from toolkit.corpus import load_corpus
from toolkit.io.language import detect_language

EVAL = Path("/work/shared/eval/dev.jsonl.gz")
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
OUTLET_LANGUAGE = {"Вестник Севера": "ru"}


def speed(name: str, texts: pd.Series, **kwargs: Any) -> None:
    secs = best_of(functools.partial(detect_language, texts, **kwargs))
    mb = texts.str.len().sum() / 1e6
    print(f"  {name:34s} {len(texts) / secs:7,.0f} texts/s  ({mb:.1f} MB, {secs:.2f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=EVAL)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()

    t = time.perf_counter()
    detect_language(["warm up the model"])
    print(f"model load: {time.perf_counter() - t:.2f} s")

    articles = load_corpus(args.corpus / "articles").articles
    manifest = pd.read_csv(args.corpus / "manifest.csv").set_index("article_id")
    outlets = manifest.loc[articles["article_id"], "outlet"].to_numpy()
    expected = [OUTLET_LANGUAGE.get(o, "en") for o in outlets]
    found = detect_language(articles["text"])
    agree = int((found["language"] == expected).sum())
    print(f"demo corpus: {len(articles)} articles, language as stated: {agree}")
    print("  found:", found["language"].value_counts(dropna=False).to_dict())
    speed("demo corpus", articles["text"])

    if not args.eval.exists():
        print(f"real pages: {args.eval} not found, skipped")
        return
    with gzip.open(args.eval, "rt", encoding="utf-8") as fh:
        pages = pd.DataFrame([json.loads(line) for line in fh])
    found = detect_language(pages["text"])
    print(f"real pages: {len(pages)}")
    print("  found:", found["language"].value_counts(dropna=False).head(10).to_dict())
    print(f"  median confidence: {found['language_confidence'].median():.3f}")
    speed("real pages, max_chars=10_000", pages["text"])
    speed("real pages, whole texts", pages["text"], max_chars=None)


if __name__ == "__main__":
    main()
