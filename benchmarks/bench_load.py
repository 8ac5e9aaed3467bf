"""How fast ``load_corpus`` reads normal input, against the plain reader of each format.

What is measured (best of ``--rounds`` rounds, each reader timed in turn in the same
process, on the same files written once into a temporary folder):

- **CSV export**: ``--n`` rows (texts of the bundled corpus, repeated with a row number
  so that no two are equal) with ``outlet, title, published_at, text`` columns;
  ``load_corpus(csv)`` against ``pandas.read_csv`` of the same file;
- **Parquet**: the same table, ``load_corpus(parquet)`` against ``pandas.read_parquet``;
- **a folder of .txt files**: ``--n`` files in one sub-folder per outlet;
  ``load_corpus(folder)`` against a plain loop that lists the folder, reads every file and
  decodes it as UTF-8.

Each ``load_corpus`` is timed twice: as a user calls it (``infer=True``: the outlets,
dates and languages the source does not give are read from the text) and with
``infer=False`` (reading, decoding, validation only), which is what the targets of the
issue "Hostile input" are about (CSV at most 3x ``read_csv``, a folder at most 2.5x a
plain read loop, Parquet at most 1.5x ``read_parquet``).

Run: ``python benchmarks/bench_load.py [--n 20000] [--rounds 3]``.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import tempfile
from pathlib import Path

import pandas as pd

from toolkit import load_corpus

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_dates import best_of

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def build_table(n: int) -> pd.DataFrame:
    """``n`` articles from the bundled corpus, each text made unique by a row number."""
    demo = load_corpus(CORPUS, progress=False).articles
    rows = demo.sample(n, replace=True, random_state=0).reset_index(drop=True)
    return pd.DataFrame(
        {
            "outlet": rows["outlet"],
            "title": rows["title"],
            "published_at": rows["published_at"].astype(str),
            "text": [f"{t}\n({i})" for i, t in enumerate(rows["text"])],
        }
    )


def write_folder(table: pd.DataFrame, root: Path) -> None:
    for i, (outlet, text) in enumerate(zip(table["outlet"], table["text"], strict=True)):
        folder = root / outlet
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{i:06d}.txt").write_text(text, "utf-8")


def plain_read_loop(root: Path) -> int:
    """List, read and decode every file below ``root``: the floor of any folder loader."""
    n = 0
    for folder, _, files in os.walk(root):
        for name in files:
            with open(os.path.join(folder, name), "rb") as fh:
                n += len(fh.read().decode("utf-8"))
    return n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20_000, help="articles (rows, files)")
    parser.add_argument("--rounds", type=int, default=3, help="best of this many rounds")
    args = parser.parse_args(argv)
    table = build_table(args.n)
    mb = table["text"].str.len().sum() / 1e6
    print(f"{args.n:,} articles, {mb:.1f} M characters of text; best of {args.rounds}")
    print(f"  {'task':<44} {'seconds':>8} {'x baseline':>11}")
    with tempfile.TemporaryDirectory() as tmp:
        csv, parquet, folder = Path(tmp, "export.csv"), Path(tmp, "export.parquet"), Path(tmp, "f")
        table.to_csv(csv, index=False)
        table.to_parquet(parquet)
        write_folder(table, folder)
        load_corpus(CORPUS, progress=False)  # the language model, loaded once
        cases = [
            ("CSV", lambda: pd.read_csv(csv), csv),
            ("Parquet", lambda: pd.read_parquet(parquet), parquet),
            ("folder of .txt", lambda: plain_read_loop(folder), folder),
        ]
        for name, baseline, source in cases:
            base = best_of(baseline, args.rounds)
            print(f"  {name + ': plain reader':<44} {base:8.2f} {1.0:11.2f}")
            for infer in (False, True):
                load = functools.partial(load_corpus, source, progress=False, infer=infer)
                secs = best_of(load, args.rounds)
                label = f"{name}: load_corpus(infer={infer})"
                print(f"  {label:<44} {secs:8.2f} {secs / base:11.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
