"""Score the boilerplate line classifier against labelled real pages and against jusText.

What is measured: char-weighted precision / recall / F1 of the lines kept as **body**
(chars of lines predicted body that are gold body, over chars predicted body / chars of gold
body), summed over all scored pages (micro average), for

- ``toolkit`` in **corpus** mode (``BoilerplateDetector().fit_transform`` on all pages at
  once, so an outlet's repeated lines count) and **single**-page mode (each page alone,
  unfitted: shape + position only);
- ``justext`` on the same lines (each line wrapped in ``<p>`` with HTML escaping, English
  stoplist; a line is body when its paragraph is not boilerplate);
- ``baseline``: the "ten-line heuristic" (short lines without sentence punctuation are
  boilerplate, plus, in corpus mode, lines repeated in 3+ pages of the same outlet).

Data: ``/work/shared/eval/dev.jsonl.gz`` (pages with ``gold_cov >= 0.8``; used to measure
only, never copied), scored overall, per ``source`` and on two halves of the outlets (by a
stable hash: tune on one, check on the other), and the demo corpus gold labels
(``corpus/labels.jsonl``) when present. Also prints the throughput of fit + transform.

Run: ``.venv/bin/python benchmarks/bench_boilerplate.py [--eval PATH] [--corpus DIR]``.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import sys
import time
import zlib
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from toolkit.stats.boilerplate import BoilerplateDetector
from toolkit.text import split_lines

EVAL = Path("/work/shared/eval/dev.jsonl.gz")
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
_SENT_END = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")


def load_eval(path: Path, min_cov: float = 0.8) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (articles, gold) for the eval pages with ``gold_cov >= min_cov``.

    ``gold`` has one row per line of ``text.split("\\n")``: article_id, line_no, gold_body,
    source. Raises if a page's ``lines`` do not align with its text.
    """
    arts: list[dict[str, Any]] = []
    gold: list[dict[str, Any]] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for raw in fh:
            rec = json.loads(raw)
            if rec["gold_cov"] < min_cov:
                continue
            split = rec["text"].split("\n")
            if len(split) != len(rec["lines"]) or any(
                a != b["text"] for a, b in zip(split, rec["lines"], strict=True)
            ):
                raise ValueError(f"page {rec['id']}: lines do not align with text")
            arts.append(
                {
                    "article_id": str(rec["id"]),
                    "outlet": rec["outlet"],
                    "text": rec["text"],
                    "source": rec["source"].rsplit("/", 1)[-1],
                }
            )
            gold.extend(
                {
                    "article_id": str(rec["id"]),
                    "line_no": i + 1,
                    "gold_body": line["label"] == "body",
                }
                for i, line in enumerate(rec["lines"])
            )
    return pd.DataFrame(arts), pd.DataFrame(gold)


def load_demo(root: Path) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """Return (articles, gold) for the demo corpus, or None when its labels are missing.

    ``labels.jsonl`` holds one object per labelled line (``article_id, line_no, label``);
    the articles are loaded with :func:`toolkit.corpus.load_corpus` (which decodes
    cp1251/UTF-16 files), or read as UTF-8 when that is not available.
    """
    labels = root / "labels.jsonl"
    manifest = root / "manifest.csv"
    if not labels.exists() or not manifest.exists():
        return None
    gold = pd.read_json(labels, lines=True, dtype={"article_id": str})
    if not {"article_id", "line_no", "label"} <= set(gold.columns):
        print(f"demo corpus: labels.jsonl columns not understood: {list(gold.columns)}")
        return None
    gold = gold.assign(gold_body=gold["label"].eq("body"))[["article_id", "line_no", "gold_body"]]
    try:
        from toolkit.corpus import load_corpus

        arts = load_corpus(root).articles[["article_id", "outlet", "text"]].copy()
    except Exception as exc:  # the loader is another helper's work in progress
        print(f"demo corpus: load_corpus failed ({exc!r}); reading files as UTF-8")
        man = pd.read_csv(manifest)
        arts = pd.DataFrame(
            {
                "article_id": man["article_id"].astype(str),
                "outlet": man["outlet"],
                "text": [
                    (root / str(path)).read_text(encoding="utf-8", errors="replace")
                    for path in man["path"]
                ],
            }
        )
    arts["source"] = arts["outlet"].astype(str)
    return arts, gold


def justext_body(lines: pd.DataFrame) -> np.ndarray:
    """Return jusText's body decision for every row of ``lines`` (one page per article)."""
    import justext

    stop = justext.get_stoplist("English")
    out = np.zeros(len(lines), dtype=bool)
    pos = np.arange(len(lines))
    for _, idx in lines.groupby("article_id", sort=False).indices.items():
        idx = pos[idx]
        texts = lines["text"].to_numpy()[idx]
        page = "<html><body>" + "".join(f"<p>{html.escape(t)}</p>" for t in texts)
        page += "</body></html>"
        for para in justext.justext(page, stop):
            m = re.search(r"/p\[(\d+)\]$", para.xpath)
            if m and not para.is_boilerplate:
                out[idx[int(m.group(1)) - 1]] = True
    return out


def baseline_body(lines: pd.DataFrame, *, corpus: bool) -> np.ndarray:
    """The ten-line heuristic: short lines without sentence punctuation are boilerplate,
    plus (corpus mode) lines repeated in 3+ pages of the same outlet."""
    text = lines["text"].str.strip()
    short = (text.str.len() < 50) & ~text.str.contains(_SENT_END)
    bp = short.to_numpy()
    if corpus:
        n = lines.groupby(["outlet", "norm"])["article_id"].transform("nunique")
        bp = bp | (n >= 3).to_numpy()
    return ~bp


def prf(pred_body: np.ndarray, gold_body: np.ndarray, chars: np.ndarray) -> tuple[float, ...]:
    """Char-weighted precision, recall, F1 of the body class."""
    tp = float(chars[pred_body & gold_body].sum())
    pp = float(chars[pred_body].sum())
    gp = float(chars[gold_body].sum())
    p = tp / pp if pp else float("nan")
    r = tp / gp if gp else float("nan")
    f = 2 * p * r / (p + r) if p + r else float("nan")
    return p, r, f


def _single(det: BoilerplateDetector, lines: pd.DataFrame) -> pd.DataFrame:
    """Single-page mode: every page alone, unfitted (concatenated afterwards)."""
    parts = [det.transform(g) for _, g in lines.groupby("article_id", sort=False)]
    return pd.concat(parts).loc[lines.index]


def run_scores(
    arts: pd.DataFrame,
    gold: pd.DataFrame,
    det_kwargs: dict[str, Any],
    *,
    justext: bool = True,
    single: bool = True,
) -> pd.DataFrame:
    """Score every system on one labelled set; one row per (system, mode, group)."""
    lines = split_lines(arts[["article_id", "outlet", "text"]])
    lines = lines.merge(gold, on=["article_id", "line_no"], how="left", validate="1:1")
    unlabelled = int(lines["gold_body"].isna().sum())
    if unlabelled:
        print(f"warning: {unlabelled} lines have no gold label; they are not scored")
        lines = lines[lines["gold_body"].notna()].reset_index(drop=True)
    lines["gold_body"] = lines["gold_body"].astype(bool)
    lines["source"] = lines["article_id"].map(arts.set_index("article_id")["source"])
    lines["half"] = np.where(
        lines["outlet"].map(lambda o: zlib.crc32(str(o).encode()) % 2 == 0), "even", "odd"
    )
    preds: dict[tuple[str, str], np.ndarray] = {}
    det = BoilerplateDetector(**det_kwargs)
    preds[("toolkit", "corpus")] = ~det.fit_transform(lines)["is_boilerplate"].to_numpy()
    if single:
        preds[("toolkit", "single")] = ~_single(BoilerplateDetector(**det_kwargs), lines)[
            "is_boilerplate"
        ].to_numpy()
    preds[("baseline", "corpus")] = baseline_body(lines, corpus=True)
    preds[("baseline", "single")] = baseline_body(lines, corpus=False)
    if justext:
        t0 = time.process_time()
        preds[("justext", "single")] = justext_body(lines)
        spent = time.process_time() - t0
        mb = sum(len(t.encode("utf-8")) for t in arts["text"]) / 1e6
        print(f"jusText on the same pages: {spent:.1f} s CPU, {mb / spent:.2f} MB/s")
    gold_arr = lines["gold_body"].to_numpy()
    chars = lines["n_chars"].to_numpy()
    rows = []
    groups: list[tuple[str, np.ndarray]] = [("ALL", np.ones(len(lines), dtype=bool))]
    groups += [
        (f"source={s}", (lines["source"] == s).to_numpy()) for s in sorted(lines["source"].unique())
    ]
    groups += [(f"half={h}", (lines["half"] == h).to_numpy()) for h in ("even", "odd")]
    for (system, mode), pred in preds.items():
        for name, mask in groups:
            p, r, f = prf(pred[mask], gold_arr[mask], chars[mask])
            n_pages = lines.loc[mask, "article_id"].nunique()
            rows.append(
                {
                    "system": system,
                    "mode": mode,
                    "group": name,
                    "n_pages": n_pages,
                    "precision": p,
                    "recall": r,
                    "f1": f,
                }
            )
    return pd.DataFrame(rows)


def throughput(arts: pd.DataFrame, det_kwargs: dict[str, Any], repeat: int = 3) -> pd.DataFrame:
    """Time fit + transform on the lines table (split_lines excluded); MB = 10**6 bytes.

    Reports wall-clock and CPU (process) time: on a shared machine the wall clock also
    counts time spent waiting for a core.
    """
    lines = split_lines(arts[["article_id", "outlet", "text"]])
    mb = sum(len(t.encode("utf-8")) for t in arts["text"]) / 1e6
    wall, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        BoilerplateDetector(**det_kwargs).fit_transform(lines)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    row = {
        "MB": mb,
        "n_lines": len(lines),
        "wall_s_median": float(np.median(wall)),
        "wall_MB_per_s": mb / float(np.median(wall)),
        "cpu_s_median": float(np.median(cpu)),
        "cpu_MB_per_s": mb / float(np.median(cpu)),
        "wall_runs": ", ".join(f"{r:.2f}" for r in wall),
    }
    return pd.DataFrame([row])


def _load() -> str:
    try:
        return Path("/proc/loadavg").read_text().split(" ", 1)[0]
    except OSError:
        return "unknown"


def _pivot(scores: pd.DataFrame) -> pd.DataFrame:
    scores = scores.assign(col=scores["system"] + ":" + scores["mode"])
    table = scores.pivot_table(index="group", columns="col", values="f1", sort=False)
    n = scores.drop_duplicates("group").set_index("group")["n_pages"]
    table.insert(0, "n_pages", n)
    return table


def main(argv: list[str] | None = None) -> int:
    """Print F1 tables and throughput. Returns 0, or 1 when the eval data is missing."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=EVAL, help="labelled pages (jsonl.gz)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="demo corpus folder")
    parser.add_argument("--min-cov", type=float, default=0.8, help="minimum gold_cov")
    parser.add_argument("--no-justext", action="store_true", help="skip jusText (slow)")
    parser.add_argument("--no-single", action="store_true", help="skip single-page mode")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="detector parameter, e.g. --set chrome_penalty=30",
    )
    parser.add_argument("--repeat", type=int, default=3, help="timing repetitions")
    args = parser.parse_args(argv)
    kwargs: dict[str, Any] = {}
    for item in args.set:
        key, _, value = item.partition("=")
        kwargs[key] = json.loads(value)
    pd.set_option("display.width", 200)
    pd.set_option("display.max_columns", 20)
    pd.set_option("display.float_format", "{:.3f}".format)
    status = 0
    if args.eval.exists():
        arts, gold = load_eval(args.eval, args.min_cov)
        print(
            f"eval pages: {len(arts)} (gold_cov >= {args.min_cov}), "
            f"{arts['outlet'].nunique()} outlets; detector {kwargs or 'defaults'}"
        )
        scores = run_scores(
            arts, gold, kwargs, justext=not args.no_justext, single=not args.no_single
        )
        print("\nF1 of body chars (micro over pages):")
        print(_pivot(scores).to_string())
        print("\nprecision / recall, ALL:")
        print(scores[scores["group"] == "ALL"].to_string(index=False))
        print("\nthroughput of fit + transform on the lines table:")
        print(throughput(arts, kwargs, args.repeat).to_string(index=False))
        print(f"(load average while timing: {_load()})")
    else:
        print(f"no eval data at {args.eval}; skipped")
        status = 1
    demo = load_demo(args.corpus)
    if demo is None:
        print(f"\ndemo corpus labels not found under {args.corpus}; skipped")
    else:
        d_arts, d_gold = demo
        print(f"\ndemo corpus: {len(d_arts)} articles")
        d_scores = run_scores(d_arts, d_gold, kwargs, justext=not args.no_justext)
        print(_pivot(d_scores).to_string())
    return status


if __name__ == "__main__":
    sys.exit(main())
