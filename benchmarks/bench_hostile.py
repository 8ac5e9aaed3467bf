"""Worst-case inputs against normal text of the same size: ``load_corpus`` + ``article_stats``.

Each case is one file (or one archive) written into its own temporary folder, then loaded
and measured exactly as a user would (``load_corpus(folder)`` with inference on, then
``article_stats``). Its speed (MB/s of the input's bytes) is compared with a folder of
normal prose of the same byte size, timed in the same process: the **slowdown** is the
case's seconds per MB over the normal text's seconds per MB (target: at most 10x); a
table of 200,000 identical one-character rows is compared per article with 200,000
distinct one-line rows (its cost is its row count, not its bytes). A
case that is refused (a zip bomb, a binary file) says how fast the refusal is; what the
loader did with each case (articles loaded, errors rows) is printed beside it.

HTML pages have their own benchmark, ``bench_html.py`` (floods of unclosed constructs,
100k nested elements, a 10 MB text node...), with the same target.

Run: ``python benchmarks/bench_hostile.py [--size 2000000] [--rounds 2] [--only NAME]``.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import toolkit

PROSE = (
    "The council met on Tuesday and agreed the budget for next year, said the mayor, "
    "who promised that taxes would not rise before the election.\n\n"
)


def _prose(size: int) -> str:
    return PROSE * max(1, size // len(PROSE))


def _csv(rows: list[list[str]], header: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def _normal_csv(size: int) -> bytes:
    n = max(1, size // (len(PROSE) * 20))
    return _csv([[f"Outlet {i % 5}", PROSE * 20] for i in range(n)], ["outlet", "text"])


def _broken_quotes(size: int) -> bytes:
    good = _normal_csv(size).decode().split("\n")
    lines = [line if i % 10 or not i else '9,"unclosed ' + line for i, line in enumerate(good)]
    return "\n".join(lines).encode()


def _zip(members: dict[str, bytes], *, level: int = 6) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _nested_zip(size: int) -> bytes:
    inner = _zip({f"a{i}.txt": _prose(size // 8).encode() for i in range(8)})
    for depth in range(3):
        inner = _zip({f"level{depth}.zip": inner})
    return inner


def _zip_bomb(size: int) -> bytes:
    return _zip({f"bomb{i}.txt": b"a" * 200_000_000 for i in range(3)}, level=9)


def _rtl_combining(size: int) -> str:
    unit = "مرحبا بالعالم \u200f שלום עולם a\u0301\u0302\u0303\u0304 e\u0308\u0308\u0308 "
    return (unit * 8 + "\n\n") * max(1, size // (len(unit.encode()) * 8))


def _homoglyph_words(size: int) -> str:
    rng = random.Random(0)
    words = ["".join(rng.choice("aаeеoоpрcсxх") for _ in range(7)) for _ in range(500)]
    line = " ".join(words) + "\n\n"
    return line * max(1, size // len(line.encode()))


#: name -> (file name, builder(size) -> str or bytes). Fixed sizes ignore ``size``.
CASES: dict[str, tuple[str, Callable[[int], str | bytes]]] = {
    "one_20mb_line": ("line.txt", lambda n: "word " * 4_000_000),
    "title_dash_spaces": ("t.txt", lambda n: "- a" + " " * 128_000 + "\n" + _prose(n)),
    "title_x_dash_32k": ("t.txt", lambda n: "x - " * 32_000 + "\n" + _prose(n)),
    "similar_comments_10k": (
        "c.txt",
        lambda n: "".join(f"Great article, thanks for writing it! #{i}\n" for i in range(10_000)),
    ),
    "one_line_repeated": ("r.txt", lambda n: "Subscribe to our newsletter\n" * (n // 28)),
    "sparse_nuls": ("n.txt", lambda n: _prose(n).replace("Tuesday", "Tues\x00day")),
    "escape_codes": ("e.txt", lambda n: _prose(n).replace("budget", "\x1b[1mbudget\x1b[0m")),
    "rtl_and_combining": ("rtl.txt", _rtl_combining),
    "homoglyph_words": ("h.txt", _homoglyph_words),
    "one_1mb_word": ("w.txt", lambda n: "x" * 1_000_000 + "\n" + _prose(n)),
    "tiny_lines_1m": ("l.txt", lambda n: "a\n" * 1_000_000),
    "csv_broken_quotes": ("broken.csv", _broken_quotes),
    "csv_200k_identical_rows": (
        "same.csv",
        lambda n: _csv([["x"] for _ in range(200_000)], ["text"]),
    ),
    "csv_10k_columns": (
        "wide.csv",
        lambda n: _csv(
            [[PROSE] + [str(j) for j in range(10_000)] for _ in range(20)],
            ["text"] + [f"c{j}" for j in range(10_000)],
        ),
    ),
    "zip_nested_3": ("nested.zip", _nested_zip),
    "zip_bomb_600mb": ("bomb.zip", _zip_bomb),
}


#: Cases compared per article rather than per MB: their baseline is the same number of
#: short distinct articles (200,000 one-line rows), since their cost is the row count.
PER_ARTICLE = {"csv_200k_identical_rows"}


def _short_rows(n: int) -> bytes:
    return _csv([[f"Rain fell on the harbour on day {i}."] for i in range(n)], ["text"])


def _measure(root: Path) -> tuple[float, int, int]:
    start = time.perf_counter()
    corpus = toolkit.load_corpus(root, progress=False)
    if len(corpus.articles):
        toolkit.article_stats(corpus, progress=False)
    return time.perf_counter() - start, len(corpus.articles), len(corpus.errors)


def _write(root: Path, name: str, data: str | bytes) -> int:
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    (root / name).write_bytes(raw)
    return len(raw)


def _best(name: str, data: str | bytes, rounds: int) -> tuple[float, int, int, int]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "corpus"
        root.mkdir()
        size = _write(root, name, data)
        runs = [_measure(root) for _ in range(rounds)]
    seconds = min(run[0] for run in runs)
    return seconds, size, runs[0][1], runs[0][2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=2_000_000, help="bytes of each flood")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--only", action="append", help="run only these cases")
    args = parser.parse_args(argv)
    toolkit.clear_cache()
    normal_s, normal_bytes, _, _ = _best("normal.txt", _prose(args.size), args.rounds)
    csv_s, csv_bytes, _, _ = _best("normal.csv", _normal_csv(args.size), args.rounds)
    rows_s, _, n_rows, _ = _best("rows.csv", _short_rows(200_000), args.rounds)
    per_mb = {"txt": normal_s / normal_bytes * 1e6, "csv": csv_s / csv_bytes * 1e6}
    print(f"normal prose: {normal_bytes / 1e6:.1f} MB in {normal_s:.2f} s")
    print(f"normal CSV:   {csv_bytes / 1e6:.1f} MB in {csv_s:.2f} s")
    print(f"200,000 short distinct rows: {rows_s:.2f} s ({n_rows:,} articles)")
    print(f"{'case':26} {'MB':>7} {'seconds':>8} {'MB/s':>7} {'slowdown':>9} articles errors")
    worst = 0.0
    for case, (name, build) in CASES.items():
        if args.only and case not in args.only:
            continue
        toolkit.clear_cache()
        seconds, size, n_articles, n_errors = _best(name, build(args.size), args.rounds)
        if case in PER_ARTICLE:
            slowdown = (seconds / max(n_articles, 1)) / (rows_s / n_rows)
        else:
            base = per_mb["csv" if name.endswith(".csv") else "txt"]
            slowdown = seconds / (size / 1e6) / base
        refused = n_articles == 0 and seconds < 0.1  # MB/s of a quick refusal says little
        if not refused:
            worst = max(worst, slowdown)
        flag = "" if slowdown <= 10 else "  over 10x"
        print(
            f"{case:26} {size / 1e6:7.2f} {seconds:8.2f} {size / 1e6 / seconds:7.2f} "
            + (f"{'refused':>9}" if refused else f"{slowdown:8.1f}x")
            + f" {n_articles:8d} {n_errors:6d}{'' if refused else flag}"
        )
    print(f"worst slowdown of what loads: {worst:.1f}x (target: at most 10x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
