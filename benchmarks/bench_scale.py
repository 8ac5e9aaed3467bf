"""How time and peak memory grow with the corpus, on the pandas and the Dask engines.

For each size (default 1,000 and 10,000 articles; ``--sizes 1000,10000,100000`` is the
full run), a corpus is built from the bundled demo corpus with
``bench_stats.build_corpus`` (outlet templates kept, bodies shuffled between articles of
an outlet) and written to a temporary folder as one ``.txt`` file per article, in one
sub-folder per outlet. Then, in a **fresh subprocess per size and engine** (so that
peak memory is that run's alone):

- ``pandas``: ``load_corpus(folder)``, ``article_stats(corpus)``,
  ``keyword_frequencies(corpus)`` (clean text, the default); the peak RSS of the run
  (``VmHWM``, see :func:`_status_mb`), minus the RSS after imports (``base``) gives the
  working memory, reported against the corpus text size (UTF-8 bytes of the files).
  The imports include what the first statistics call of a process loads whatever the
  corpus (the word lists and patterns): a two-article ``article_stats`` before ``base``
  is taken; ``runtime_mb`` is what it added.
  The peak RSS within each step shows where the memory goes, and ``*_add_mb`` how
  much each step adds to what was resident when it started. ``article_stats`` labels
  the lines one batch of about ``toolkit.stats.summary.BATCH_CHARS`` characters at a
  time (the detector fitted on the line counts of all batches first) and caches the
  clean texts of that pass, which ``keyword_frequencies`` then reads: the line table
  of the whole corpus is never made (``n_lines`` is the sum of ``article_stats``).
  ``load_corpus`` moves the texts into the Arrow text column about
  ``toolkit.corpus.TEXT_CHUNK_CHARS`` characters at a time, and
  ``keyword_frequencies`` tokenizes about ``toolkit.stats.keywords.CHUNK_CHARS``
  characters at a time, adding each chunk's counts to those of its outlet (no
  per-article counts of the whole corpus).
- ``dask``: a ``LocalCluster`` of ``--workers`` single-threaded worker processes
  (start-up not timed; malloc trimming off, see ``docs/dask.md``; the workers'
  statistical profiler off unless ``--profile``: it keeps up to an hour of sampled
  stacks, so its memory grows with the run's length, not with the data),
  ``load_corpus(folder, engine="dask", partition_size=...)`` and the same statistics
  (the detector is fitted on the whole corpus by two distributed aggregations, then
  article statistics are computed partition by partition and collected with
  ``collect_article_stats``, one partition at a time; keyword counts are summed in a
  tree). Peak memory: the client's own peak, and the largest worker's peak RSS within
  each step (``VmHWM`` reset before each step).

The tables print each run, then its ratios against the smallest size of the same run:
time ratio / size ratio is 1.0 for linear growth. The last table is the Dask engine's
speed-up over pandas on this machine.

Run: ``python benchmarks/bench_scale.py [--sizes 1000,10000] [--engines pandas,dask]
[--workers 2] [--partition-size 2MB]``. Targets (issue "Scale and robustness"): linear
time; pandas peak working memory under 3x the corpus text size; Dask peak memory per
worker bounded by the partition size, not the corpus size.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

MB = 1e6


def _status_mb(field: str) -> float:
    """``VmHWM`` (peak) or ``VmRSS`` (current) resident set of this process, in MB.

    ``ru_maxrss`` would do on a fresh interpreter, but Linux carries the parent's peak
    over ``fork`` + ``exec`` into it, so a child started by a big parent reports the
    parent's size; ``VmHWM`` belongs to the process's own address space.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024 / MB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MB


def _cpu_s() -> float:
    """CPU seconds (user + system) used by this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _reset_peak() -> None:
    """Reset ``VmHWM`` to the current RSS (Linux >= 4.0), to measure one step's peak."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def write_corpus(n_docs: int, folder: Path) -> float:
    """Write ``n_docs`` built articles as ``<outlet>/<id>.txt``; return the text MB."""
    from bench_stats import build_corpus

    frame = build_corpus(n_docs)
    total = 0
    for outlet in frame["outlet"].unique().tolist():
        (folder / outlet).mkdir(parents=True, exist_ok=True)
    for ident, outlet, text in zip(
        frame["article_id"], frame["outlet"], frame["text"], strict=True
    ):
        data = text.encode("utf-8")
        (folder / outlet / f"{ident}.txt").write_bytes(data)
        total += len(data)
    return total / MB


# --------------------------------------------------------------------------- children


def _load_runtime() -> float:
    """Run ``article_stats`` on two tiny articles: what every run loads once (the word
    lists and patterns); return the RSS MB it added. Like the imports, this is not
    counted as working memory."""
    import pandas as pd

    import toolkit

    before = _status_mb("VmRSS")
    tiny = pd.DataFrame(
        {"article_id": ["a", "b"], "outlet": ["X", "X"], "text": ["One two.\nThree", "Four"]}
    )
    toolkit.article_stats(tiny, progress=False)
    return _status_mb("VmRSS") - before


def child_pandas(folder: str) -> dict[str, Any]:
    import toolkit
    import toolkit.corpus
    import toolkit.stats.keywords
    import toolkit.stats.summary

    runtime_mb = _load_runtime()
    out: dict[str, Any] = {"base_mb": _status_mb("VmRSS"), "runtime_mb": runtime_mb}
    cpu0 = _cpu_s()

    def step(name: str, fn: Callable[[], Any]) -> Any:
        """Run one timed step; record its seconds, its peak RSS and the RSS after it."""
        _reset_peak()
        t0 = time.perf_counter()
        result = fn()
        out[f"{name}_s"] = time.perf_counter() - t0
        out[f"{name}_peak_mb"] = _status_mb("VmHWM")
        out[f"rss_after_{name}_mb"] = _status_mb("VmRSS")
        return result

    corpus = step("load", lambda: toolkit.load_corpus(folder, progress=False))
    stats = step("stats", lambda: toolkit.article_stats(corpus))
    freq = step("keywords", lambda: toolkit.keyword_frequencies(corpus))
    out["peak_mb"] = max(out[f"{name}_peak_mb"] for name in ("load", "stats", "keywords"))
    out["cpu_s"] = _cpu_s() - cpu0
    out["n_articles"] = len(stats)
    out["n_terms"] = len(freq)
    out["articles_frame_mb"] = corpus.articles.memory_usage(deep=True).sum() / MB
    out["n_lines"] = int(stats["n_lines"].sum())
    out["batch_chars"] = getattr(toolkit.stats.summary, "BATCH_CHARS", 0)  # 0: one pass
    return out


def child_dask(
    folder: str, workers: int, partition_size: str, malloc_trim: bool, profile: bool
) -> dict[str, Any]:
    import dask
    from distributed import Client, LocalCluster

    import toolkit
    from toolkit.scale import collect_article_stats, fit_detector

    out: dict[str, Any] = {"base_mb": _status_mb("VmRSS")}
    # distributed's nanny sets MALLOC_TRIM_THRESHOLD_=65536 in its workers (returns
    # freed memory to the OS sooner): 5-7% slower here, flatter worker memory (docs/dask.md)
    env: dict[str, Any] = (
        {} if malloc_trim else {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}
    )
    if not profile:  # the workers' statistical profiler keeps up to an hour of stacks
        env["distributed.worker.profile.enabled"] = False
    with dask.config.set(env):
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
    client = Client(cluster)
    try:
        client.run(lambda: __import__("toolkit.scale"))  # worker imports: not timed
        out["worker_runtime_mb"] = max(client.run(_load_runtime).values())
        out["worker_base_mb"] = max(client.run(_status_mb, "VmRSS").values())
        cpu0 = _cpu_s() + sum(client.run(_cpu_s).values())

        def step(name: str, fn: Callable[[], Any]) -> Any:
            """Run one timed step; record its seconds and the largest worker peak in it."""
            client.run(_reset_peak)
            t0 = time.perf_counter()
            result = fn()
            out[f"{name}_s"] = time.perf_counter() - t0
            out[f"worker_{name}_peak_mb"] = max(client.run(_status_mb, "VmHWM").values())
            return result

        def load() -> Any:
            dc = toolkit.load_corpus(folder, engine="dask", partition_size=partition_size)
            out["n_loaded"] = int(dc.articles.map_partitions(len).sum().compute())
            return dc

        dc = step("load", load)
        out["npartitions"] = dc.npartitions
        step("fit", lambda: fit_detector(dc))
        # partition by partition to the client (stats.compute() would first
        # concatenate the whole table on one worker)
        stats = step("collect", lambda: collect_article_stats(toolkit.article_stats(dc)))
        out["stats_s"] = out.pop("collect_s") + out["fit_s"]
        freq = step("keywords", lambda: toolkit.keyword_frequencies(dc))
        out["n_articles"] = len(stats)
        out["n_terms"] = len(freq)
        assert out["n_loaded"] == len(stats)
        out["cpu_s"] = _cpu_s() + sum(client.run(_cpu_s).values()) - cpu0
        out["worker_peak_mb"] = max(
            out[f"worker_{name}_peak_mb"] for name in ("load", "fit", "collect", "keywords")
        )
    finally:
        client.close()
        cluster.close()
    out["peak_mb"] = _status_mb("VmHWM")
    return out


# --------------------------------------------------------------------------- driver


def _run_child(args: list[str]) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise RuntimeError(f"child {args} failed:\n{proc.stderr[-3000:]}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="articles per run (comma list)")
    parser.add_argument("--engines", default="pandas,dask", help="pandas, dask or both")
    parser.add_argument("--workers", type=int, default=2, help="Dask worker processes")
    parser.add_argument("--partition-size", default="2MB", help="Dask bytes per partition")
    parser.add_argument(
        "--malloc-trim",
        action="store_true",
        help="keep distributed's MALLOC_TRIM_THRESHOLD_=65536 in the workers (5-7%% slower here)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="keep the Dask workers' statistical profiler on (distributed's default)",
    )
    parser.add_argument("--child", choices=["pandas", "dask"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child == "pandas":
        print(json.dumps(child_pandas(args.folder)))
        return 0
    if args.child == "dask":
        print(
            json.dumps(
                child_dask(
                    args.folder, args.workers, args.partition_size, args.malloc_trim, args.profile
                )
            )
        )
        return 0

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    print(
        f"cores: {os.cpu_count()}; sizes: {sizes}; engines: {engines}; "
        f"dask: {args.workers} workers x 1 thread, partition_size={args.partition_size}, "
        f"malloc trim {'on (distributed default)' if args.malloc_trim else 'off'}, "
        f"worker profiler {'on (distributed default)' if args.profile else 'off'}"
    )
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        for n in sizes:
            folder = Path(tmp) / f"corpus{n}"
            text_mb = write_corpus(n, folder)
            for engine in engines:
                extra = ["--workers", str(args.workers), "--partition-size", args.partition_size]
                extra += ["--malloc-trim"] if args.malloc_trim else []
                extra += ["--profile"] if args.profile else []
                res = _run_child(["--child", engine, "--folder", str(folder), *extra])
                res.update(engine=engine, size=n, text_mb=text_mb)
                rows.append(res)
                print(
                    f"  {engine:6s} n={n:>7,}: {res['load_s'] + res['stats_s'] + res['keywords_s']:.1f} s, "
                    f"peak {res['peak_mb']:.0f} MB",
                    flush=True,
                )
    table = pd.DataFrame(rows)
    table["total_s"] = table["load_s"] + table["stats_s"] + table["keywords_s"]
    table["MB/s"] = table["text_mb"] / table["total_s"]
    table["work_mb"] = table["peak_mb"] - table["base_mb"]
    table["work/text"] = table["work_mb"] / table["text_mb"]
    cols = [
        "engine",
        "size",
        "text_mb",
        "load_s",
        "stats_s",
        "keywords_s",
        "total_s",
        "cpu_s",
        "MB/s",
        "peak_mb",
        "work_mb",
        "work/text",
    ]
    if "worker_peak_mb" in table:
        cols += ["worker_peak_mb", "npartitions"]
    fmt = {"display.float_format": "{:.2f}".format, "display.width": 200}
    with pd.option_context(*[x for kv in fmt.items() for x in kv]):
        print(
            "\nRuns (seconds; MB = 10**6 bytes; work = peak RSS - RSS after imports "
            "and the compiled kernels)"
        )
        print(table[cols].to_string(index=False))
        if "pandas" in engines:
            pan = table[table["engine"] == "pandas"]
            steps = pan[
                [
                    "size",
                    "runtime_mb",
                    "base_mb",
                    "load_peak_mb",
                    "stats_peak_mb",
                    "keywords_peak_mb",
                ]
            ]
            adds = pd.DataFrame(
                {
                    "stats_add_mb": pan["stats_peak_mb"] - pan["rss_after_load_mb"],
                    "keywords_add_mb": pan["keywords_peak_mb"] - pan["rss_after_stats_mb"],
                }
            )
            print(
                "\nWhere the pandas engine's memory goes (peak RSS MB within each step; "
                f"article_stats in batches of {int(pan['batch_chars'].iloc[0]):,} characters)"
            )
            extra_cols = ["rss_after_load_mb", "rss_after_stats_mb", "articles_frame_mb", "n_lines"]
            print(pd.concat([steps, adds, pan[extra_cols]], axis=1).to_string(index=False))
        if "dask" in engines:
            das = table[table["engine"] == "dask"]
            wcols = ["size", "npartitions", "fit_s", "worker_runtime_mb", "worker_base_mb"]
            wcols += [f"worker_{k}_peak_mb" for k in ("load", "fit", "collect", "keywords")]
            print(
                "\nThe detector fit's seconds (fit_s, part of stats_s) and the largest Dask "
                "worker's peak RSS MB within each step (after imports and the compiled "
                "kernels: worker_base_mb; statistics collected partition by partition)"
            )
            print(das[wcols].to_string(index=False))
        ratios = []
        for engine, group in table.groupby("engine", sort=False):
            first = group.iloc[0]
            for _, row in group.iterrows():
                ratios.append(
                    {
                        "engine": engine,
                        "size": row["size"],
                        "size x": row["size"] / first["size"],
                        "time x": row["total_s"] / first["total_s"],
                        "time x / size x": (row["total_s"] / first["total_s"])
                        / (row["size"] / first["size"]),
                        "work mem x": row["work_mb"] / first["work_mb"],
                    }
                )
        print(f"\nRatios against the {sizes[0]:,}-article run of the same engine")
        print(pd.DataFrame(ratios).to_string(index=False))
        if {"pandas", "dask"} <= set(engines):
            both = table.pivot(index="size", columns="engine", values="total_s")
            both["dask speed-up"] = both["pandas"] / both["dask"]
            print(f"\nDask ({args.workers} workers) vs pandas, total seconds")
            print(both.to_string())
    return 0


if __name__ == "__main__":
    t_start = time.perf_counter()
    code = main()
    if "--child" not in sys.argv:
        print(f"(total {time.perf_counter() - t_start:.0f} s)")
    sys.exit(code)
