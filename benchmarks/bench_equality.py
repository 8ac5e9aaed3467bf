"""Same numbers before and after a refactoring: snapshot the outputs, then compare.

Computes, with the public API only, on three corpora:

- ``demo``: the bundled corpus (``corpus/``, with its manifest);
- ``pages``: the labelled real pages of ``--pages`` (``../shared/eval/dev.jsonl.gz``;
  skipped with a message when absent), one article per page, outlet = its domain;
- ``built``: ``--n-built`` articles made from the demo corpus (as ``bench_stats``);

the tables ``template_lines`` (the fitted boilerplate detector's ``template_lines_``
with each outlet's article count), ``label_lines`` (the label columns), ``article_stats``,
``article_stats_batched`` (uncached, in batches of ``BATCHED_CHARS`` characters),
``keyword_frequencies``, ``keyness`` (every outlet against the rest), ``outlet_stats``
and ``near_duplicates``, and writes them to ``--save DIR`` (Parquet), or compares them
with the tables in ``--compare DIR`` and prints, per table, whether it is identical
and where it differs.

To compare two commits, save with the old code on the path, then compare with the new::

    git worktree add /tmp/before <old-commit>
    PYTHONPATH=/tmp/before python benchmarks/bench_equality.py --save /tmp/eq-before
    python benchmarks/bench_equality.py --compare /tmp/eq-before
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_stats import DEMO, build_corpus

import toolkit

PAGES = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev.jsonl.gz"
#: Characters per batch of ``article_stats_batched`` (many batches, outlets cut across them).
BATCHED_CHARS = 50_000
#: The line columns compared (those the detectors add).
LINE_COLUMNS = [
    "article_id",
    "line_no",
    "is_repeat",
    "repeat_of",
    "is_boilerplate",
    "boilerplate_reason",
    "script",
    "stray_kind",
    "stray_chars",
    "is_clean",
]


def corpora(pages: Path, n_built: int) -> dict[str, pd.DataFrame]:
    """The articles of each corpus."""
    out = {"demo": toolkit.load_corpus(DEMO, progress=False).articles}
    if pages.exists():
        with gzip.open(pages, "rt", encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh]
        out["pages"] = pd.DataFrame(
            {
                "article_id": [str(r["id"]) for r in rows],
                "outlet": [r.get("outlet") or "unknown" for r in rows],
                "text": [r["text"] for r in rows],
            }
        )
    else:
        print(f"(no {pages}: the real pages are skipped)")
    out["built"] = build_corpus(n_built)
    return out


def tables(arts: pd.DataFrame) -> dict[str, Callable[[], pd.DataFrame]]:
    """The tables computed on one corpus, by name."""
    return {
        "template_lines": lambda: _template_lines(arts),
        "label_lines": lambda: toolkit.label_lines(arts)[LINE_COLUMNS],
        "article_stats": lambda: toolkit.article_stats(arts),
        # in batches of whole articles, the detector fitted on the counts of all batches
        "article_stats_batched": lambda: toolkit.article_stats(
            arts, batch_chars=BATCHED_CHARS, cache=False, progress=False
        ),
        "keyword_frequencies": lambda: toolkit.keyword_frequencies(arts),
        "keyness": lambda: toolkit.keyness(arts, None),
        "outlet_stats": lambda: toolkit.outlet_stats(toolkit.article_stats(arts)),
        "near_duplicates": lambda: toolkit.near_duplicates(arts),
    }


def _template_lines(arts: pd.DataFrame) -> pd.DataFrame:
    """The fitted detector's template lines, with ``outlet_articles`` (its ``n_articles_``)."""
    det = toolkit.BoilerplateDetector().fit(arts)
    return det.template_lines_.assign(
        outlet_articles=det.template_lines_["outlet"].map(det.n_articles_).astype("int64")
    )


def _normal(frame: pd.DataFrame) -> pd.DataFrame:
    """Object columns as str-or-None, so that Parquet round trips compare equal."""
    frame = frame.reset_index(drop=True).copy()
    for col in frame.columns:
        if frame[col].dtype == object or isinstance(frame[col].dtype, pd.StringDtype):
            frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
            frame[col] = frame[col].map(lambda v: v if v is None else str(v))
    return frame


def differences(old: pd.DataFrame, new: pd.DataFrame) -> str:
    """``"identical"``, or where two tables differ."""
    old, new = _normal(old), _normal(new)
    if list(old.columns) != list(new.columns):
        gone = [c for c in old.columns if c not in new.columns]
        added = [c for c in new.columns if c not in old.columns]
        shared = [c for c in old.columns if c in new.columns]
        head = f"columns differ (gone: {gone}, new: {added}); "
        old, new = old[shared], new[shared]
    else:
        head = ""
    if len(old) != len(new):
        return head + f"{len(old)} rows before, {len(new)} after"
    notes = []
    for col in old.columns:
        a, b = old[col], new[col]
        if pd.api.types.is_numeric_dtype(a) and pd.api.types.is_numeric_dtype(b):
            x, y = a.to_numpy(dtype=float), b.to_numpy(dtype=float)
            bad = ~((x == y) | (np.isnan(x) & np.isnan(y)))
            if bad.any():
                notes.append(
                    f"{col}: {int(bad.sum())} rows, max |diff| {np.nanmax(np.abs(x - y)):.3g}"
                )
        else:
            bad = ~((a == b) | (a.isna() & b.isna()))
            if bad.any():
                notes.append(f"{col}: {int(bad.sum())} rows")
    return head + ("; ".join(notes) if notes else "identical")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", type=Path, help="write the tables into this folder")
    mode.add_argument("--compare", type=Path, help="compare with the tables in this folder")
    parser.add_argument("--pages", type=Path, default=PAGES, help="labelled real pages (.jsonl.gz)")
    parser.add_argument("--n-built", type=int, default=3000, help="articles of the built corpus")
    args = parser.parse_args(argv)
    print(f"toolkit from {Path(toolkit.__file__).parent}")
    same = True
    for corpus, arts in corpora(args.pages, args.n_built).items():
        for name, make in tables(arts).items():
            start = time.perf_counter()
            table = make()
            took = time.perf_counter() - start
            path = (args.save or args.compare) / f"{corpus}-{name}.parquet"
            if args.save:
                path.parent.mkdir(parents=True, exist_ok=True)
                _normal(table).to_parquet(path)
                print(f"{corpus:6} {name:20} {len(table):7} rows  {took:6.2f} s  saved")
            else:
                verdict = differences(pd.read_parquet(path), table)
                same &= verdict == "identical"
                print(f"{corpus:6} {name:20} {len(table):7} rows  {took:6.2f} s  {verdict}")
    if args.compare:
        print("all identical" if same else "some tables differ (see above)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
