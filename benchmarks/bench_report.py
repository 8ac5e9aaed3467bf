"""The report's time and peak memory against its statistics, on the demo corpus and at scale.

Two measurements, each against a baseline run on the same corpus in the same run:

1. **Demo corpus** (``corpus/``, best of ``--rounds``): the wall time of a fresh Python
   process running the report (:func:`toolkit.build_report`, what ``toolkit report``
   runs) against a fresh process running the baseline *load + article_stats +
   keyness*: ``load_corpus``, ``article_stats`` and ``keyness_table`` (every outlet
   against the rest). Both start from ``import toolkit``, as a user's command does; the
   report's own imports (matplotlib, datasketch, nltk) count on its side. Target
   (issue 20): report / baseline <= 3. The time inside each process after its imports
   (``*_work``) is printed too.

2. **At scale** (``--sizes 1000,5000,20000``): a corpus is built from the demo corpus
   (``bench_stats.build_corpus``: outlet templates kept, bodies shuffled between an
   outlet's articles; ``--text-factor K`` appends body paragraphs of K - 1 other articles
   of the same outlet to each, so K = 6 gives the issue's ~10 KB per article, 210 MB at
   20,000) and written as one ``.txt`` per article in a folder per outlet. Then, in a
   **fresh subprocess** each (so each peak is that run's alone): the baseline, and
   ``build_report(folder, out)``. Peak memory is the process's ``VmHWM`` minus its RSS
   after imports (``base``), against the corpus's text (UTF-8 bytes of its files).
   Targets: the report's working peak under 3x the text plus a fixed few hundred MB;
   time linear in the corpus (time ratio / size ratio about 1 against the smallest size).
   ``--lines`` also writes the labelled-lines table (off by default in the report).

Run: ``python benchmarks/bench_report.py [--rounds 3] [--sizes 1000,5000]
[--text-factor 6] [--lines] [--skip-demo]``. Nothing is asserted: the script prints
the numbers and the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

MB = 1e6
DEMO = Path(__file__).resolve().parents[1] / "corpus"


def _status_mb(field: str) -> float:
    """``VmHWM`` (peak) or ``VmRSS`` (current) of this process, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024 / MB
    return float("nan")


def baseline(source: Path) -> Any:
    """Load + article_stats + keyness (each outlet against the rest)."""
    import toolkit

    corpus = toolkit.load_corpus(source, progress=False)
    toolkit.article_stats(corpus, progress=False)
    return toolkit.keyness_table(corpus)


def report(source: Path, out: Path, *, lines: bool = False) -> Path:
    import toolkit

    kwargs = {"lines": True} if lines else {}
    return Path(toolkit.build_report(source, out, force=True, progress=False, **kwargs))


# --------------------------------------------------------------------------- demo corpus


def demo(rounds: int) -> dict[str, float]:
    """Best-of-``rounds`` wall time of a fresh process running each side on the demo corpus."""
    times: dict[str, list[float]] = {"baseline": [], "report": []}
    work: dict[str, list[float]] = {"baseline": [], "report": []}
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        for _ in range(rounds):
            for name in ("baseline", "report"):
                t0 = time.perf_counter()
                res = _run_child(
                    ["--child", name, "--folder", str(DEMO), "--out", str(Path(tmp) / "r")]
                )
                times[name].append(time.perf_counter() - t0)
                work[name].append(res["seconds"])
    best = {k: min(v) for k, v in times.items()}
    best_work = {f"{k}_work": min(v) for k, v in work.items()}
    return {**best, **best_work, "ratio": best["report"] / best["baseline"]}


# --------------------------------------------------------------------------- at scale


def write_corpus(n_docs: int, folder: Path, text_factor: int) -> float:
    """Write ``n_docs`` built articles as ``<outlet>/<id>.txt``; return the text MB."""
    import numpy as np
    from bench_stats import build_corpus

    frame = build_corpus(n_docs)
    texts = frame["text"].tolist()
    if text_factor > 1:
        rng = np.random.default_rng(7)
        by_outlet = frame.groupby("outlet").indices
        grown = []
        for i, (outlet, text) in enumerate(zip(frame["outlet"], texts, strict=True)):
            blocks = text.split("\n\n")
            others = rng.choice(by_outlet[outlet], size=text_factor - 1)
            extra = []
            for j in others:
                if j == i:
                    continue
                theirs = texts[j].split("\n\n")
                extra += theirs[len(theirs) // 4 : 3 * len(theirs) // 4]  # mostly body
            middle = len(blocks) // 2
            grown.append("\n\n".join(blocks[:middle] + extra + blocks[middle:]))
        texts = grown
    total = 0
    for outlet in frame["outlet"].unique().tolist():
        (folder / outlet).mkdir(parents=True, exist_ok=True)
    for ident, outlet, text in zip(frame["article_id"], frame["outlet"], texts, strict=True):
        data = text.encode("utf-8")
        (folder / outlet / f"{ident}.txt").write_bytes(data)
        total += len(data)
    return total / MB


def child(task: str, folder: str, out: str, lines: bool) -> dict[str, Any]:
    import matplotlib

    matplotlib.use("Agg")
    import toolkit

    tiny = pd.DataFrame(
        {"article_id": ["a", "b"], "outlet": ["X", "Y"], "text": ["One two.\nThree", "Four"]}
    )
    toolkit.article_stats(tiny, progress=False)  # word lists and patterns: not working memory
    toolkit.clear_cache()
    base = _status_mb("VmRSS")
    t0 = time.perf_counter()
    if task == "baseline":
        baseline(Path(folder))
    else:
        report(Path(folder), Path(out), lines=lines)
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "peak_mb": _status_mb("VmHWM"), "base_mb": base}


def _run_child(args: list[str]) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise RuntimeError(f"child {args} failed:\n{proc.stderr[-3000:]}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def scale(sizes: list[int], text_factor: int, lines: bool, keep: Path | None) -> pd.DataFrame:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        root = keep or Path(tmp)
        for n in sizes:
            folder = root / f"corpus{n}x{text_factor}"
            if folder.is_dir() and keep is not None:
                text_mb = sum(p.stat().st_size for p in folder.rglob("*.txt")) / MB
            else:
                text_mb = write_corpus(n, folder, text_factor)
            row: dict[str, Any] = {"size": n, "text_mb": text_mb}
            for task in ("baseline", "report"):
                out = Path(tmp) / f"report{n}"
                res = _run_child(
                    ["--child", task, "--folder", str(folder), "--out", str(out)]
                    + (["--lines"] if lines else [])
                )
                row[f"{task}_s"] = res["seconds"]
                row[f"{task}_peak_mb"] = res["peak_mb"]
                row[f"{task}_work_mb"] = res["peak_mb"] - res["base_mb"]
                if task == "report":
                    row["report_files_mb"] = (
                        sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / MB
                    )
            row["time_ratio"] = row["report_s"] / row["baseline_s"]
            row["report_work_x_text"] = row["report_work_mb"] / text_mb
            rows.append(row)
            print(
                f"  n={n:>6,} ({text_mb:.0f} MB text): baseline {row['baseline_s']:.1f} s, "
                f"report {row['report_s']:.1f} s ({row['time_ratio']:.2f}x), report peak "
                f"{row['report_peak_mb']:.0f} MB (working {row['report_work_mb']:.0f} MB = "
                f"{row['report_work_x_text']:.2f}x text)",
                flush=True,
            )
    table = pd.DataFrame(rows)
    first = table.iloc[0]
    table["size_ratio"] = table["size"] / first["size"]
    table["report_time_per_size"] = (table["report_s"] / first["report_s"]) / table["size_ratio"]
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="demo-corpus rounds (best counts)")
    parser.add_argument("--sizes", default="", help="articles per scale run, e.g. 1000,5000")
    parser.add_argument("--text-factor", type=int, default=6, help="bodies per built article")
    parser.add_argument("--lines", action="store_true", help="also write the labelled lines")
    parser.add_argument("--skip-demo", action="store_true", help="only the scale runs")
    parser.add_argument("--keep", type=Path, help="build (or reuse) the corpora in this folder")
    parser.add_argument("--child", choices=["baseline", "report"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.folder, args.out, args.lines)))
        return 0
    print(f"cores: {os.cpu_count()}")
    if not args.skip_demo:
        res = demo(args.rounds)
        print(
            f"demo corpus (best of {args.rounds}, fresh processes): baseline load + "
            "article_stats + keyness "
            f"{res['baseline']:.2f} s, report {res['report']:.2f} s: "
            f"**{res['ratio']:.2f}x** (target <= 3x); after imports: baseline "
            f"{res['baseline_work']:.2f} s, report {res['report_work']:.2f} s"
        )
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if sizes:
        if args.keep is not None:
            args.keep.mkdir(parents=True, exist_ok=True)
        table = scale(sizes, args.text_factor, args.lines, args.keep)
        with pd.option_context("display.width", 200, "display.max_columns", 30):
            print(table.round(2).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
