"""Score the site and outlet inference of ``toolkit.io.sites`` on flat folders of pages.

What is measured:

- **demo**: the bundled corpus loaded flat (``load_corpus("corpus/articles")``, so without
  its manifest; the time includes reading, dates and languages) and scored against
  ``corpus/manifest.csv``: share of articles whose inferred ``outlet`` is exactly the
  manifest's, and the same case- and spacing-insensitively. Baseline in the same run:
  ``load_corpus(..., infer=False)`` (a page's own title suffix only).
- **eval**: the real dev pages ``/work/shared/eval/dev.jsonl.gz`` (used to measure only,
  never copied), written flat: ``url``/``host`` are withheld, only ``article_id, text`` go
  in. Scored by same-site **pair** precision / recall / F1 against the ``outlet`` field
  (registrable domain) over the pages of sites with at least 3 pages (a page predicted
  ``None`` is a singleton). The sites are split in two halves by a stable hash of the
  domain; the grid of thresholds is tuned on half A and reported on half B (and the
  other way round), so no figure comes from tuning on the pages it scores. The
  detector always runs on all 852 pages (as on a real folder). Baselines in the same
  run: a quick weighted line-overlap clustering without names or constraints (the
  template grouping alone) and today's title-suffix inference.
- **scale** (``--scale``): wall-clock and CPU time of ``template_groups`` and of the whole
  ``infer_sites`` on 1k / 10k / 100k synthetic articles (sites of 2-200 pages with their
  own chrome, shared and unique body lines).

- **hostile lines**: ``load_corpus`` of a flat file holding a 1 MB line of ``x - x - ...``,
  ``a | a | ...``, repeated copyright signs, dateline openings and digits, as a ratio to
  1 MB of prose (every pattern must stay linear).

Run: ``.venv/bin/python benchmarks/bench_sites.py [--eval PATH] [--scale] [--no-tune]``.
The eval part is skipped with a message when the eval file is absent.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import random
import sys
import tempfile
import time
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.corpus import infer_outlet_from_text, load_corpus
from toolkit.io.sites import infer_sites, template_groups

EVAL = Path("/work/shared/eval/dev.jsonl.gz")
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
GRID: dict[str, list[Any]] = {
    "min_line_chars": [12, 20, 30],
    "max_line_chars": [60, 80, 120],
    "min_shared_lines": [2, 3, 4],
    "min_overlap": [0.1, 0.2, 0.3],
}
DEFAULTS: dict[str, Any] = {
    "min_line_chars": 20,
    "max_line_chars": 80,
    "min_shared_lines": 3,
    "min_overlap": 0.2,
}


def _fold(name: Any) -> str:
    return " ".join(str(name).casefold().split()) if isinstance(name, str) else ""


def bench_demo(corpus: Path) -> None:
    """Share of demo articles named like the manifest, from the flat folder alone."""
    flat = load_corpus(corpus / "articles", infer=False).articles
    manifest = pd.read_csv(corpus / "manifest.csv")
    gold = dict(zip(manifest["article_id"].astype(str), manifest["outlet"], strict=True))
    start = time.perf_counter()
    out = load_corpus(corpus / "articles").articles
    elapsed = time.perf_counter() - start
    truth = out["article_id"].map(gold)
    exact = (out["outlet"] == truth).mean()
    folded = (out["outlet"].map(_fold) == truth.map(_fold)).mean()
    today = flat["outlet"].where(flat["outlet"] != "unknown")
    base = (today.reset_index(drop=True) == flat["article_id"].map(gold)).mean()
    print(f"demo corpus, {len(out)} articles flat (no manifest), load_corpus {elapsed:.2f} s")
    print(f"  exact outlet        {exact:6.1%}   (infer=False, title suffix only: {base:.1%})")
    print(f"  case/space-folded   {folded:6.1%}")
    print(f"  by source           {dict(Counter(out['outlet_source'].fillna('None')))}")
    wrong = out[out["outlet"] != truth]
    for row, want in zip(wrong.itertuples(), truth[wrong.index], strict=True):
        print(f"  miss {row.article_id}: {row.outlet!r} ({row.outlet_source}) want {want!r}")
    conf = out["outlet_confidence"]
    print(f"  confidence          median {conf.median():.2f}, min {conf.min():.2f}")


def load_eval(path: Path) -> pd.DataFrame:
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for raw in fh:
            rec = json.loads(raw)
            rows.append({"article_id": str(rec["id"]), "text": rec["text"], "site": rec["outlet"]})
    return pd.DataFrame(rows)


def _half(site: str) -> str:
    return "A" if zlib.crc32(site.encode()) % 2 == 0 else "B"


def pair_counts(pred: pd.Series, site: pd.Series) -> tuple[float, float, float]:
    """(true positive, predicted, true) same-site pairs; ``None`` predictions are singletons."""
    pred = pred.astype(object).where(pred.notna(), None)
    labels = [p if p is not None else f"\0{i}" for i, p in enumerate(pred.tolist())]
    frame = pd.DataFrame({"pred": labels, "site": site.tolist()})
    both = frame.groupby(["pred", "site"]).size()
    tp = float((both * (both - 1) / 2).sum())
    p_sizes = frame.groupby("pred").size()
    s_sizes = frame.groupby("site").size()
    pred_pairs = float((p_sizes * (p_sizes - 1) / 2).sum())
    true_pairs = float((s_sizes * (s_sizes - 1) / 2).sum())
    return tp, pred_pairs, true_pairs


def _prf(tp: float, pred_pairs: float, true_pairs: float) -> tuple[float, float, float]:
    precision = tp / pred_pairs if pred_pairs else 0.0
    recall = tp / true_pairs if true_pairs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _scored_mask(pages: pd.DataFrame, half: str | None) -> pd.Series:
    counts = pages["site"].map(pages["site"].value_counts())
    mask = (pages["site"] != "unknown") & (counts >= 3)
    if half is not None:
        mask &= pages["site"].map(_half) == half
    return mask


def pair_scores(pred: pd.Series, site: pd.Series) -> tuple[float, float, float]:
    """Same-site pair precision, recall, F1 (``None`` predictions are singletons)."""
    return _prf(*pair_counts(pred, site))


def _counts(pages: pd.DataFrame, groups: pd.Series, half: str | None) -> tuple[float, ...]:
    mask = _scored_mask(pages, half)
    return pair_counts(groups[mask].reset_index(drop=True), pages["site"][mask])


def _score(pages: pd.DataFrame, groups: pd.Series, half: str | None) -> tuple[float, float, float]:
    return _prf(*_counts(pages, groups, half))


def _run(pages: pd.DataFrame, params: dict[str, Any]) -> pd.DataFrame:
    return infer_sites(pages[["article_id", "text"]], **params)


def _load_flat(pages: pd.DataFrame) -> pd.Series:
    """The outlets ``load_corpus`` gives the pages written as a flat folder of .txt files
    (``unknown`` as None: a singleton), in the order of ``pages``."""
    with tempfile.TemporaryDirectory() as tmp:
        for i, text in enumerate(pages["text"].tolist()):
            Path(tmp, f"{i:04d}_{pages['article_id'].iloc[i][:12]}.txt").write_text(text, "utf-8")
        arts = load_corpus(tmp, progress=False).articles
    arts = arts.assign(order=arts["article_id"].str[:4].astype(int)).sort_values("order")
    outlet = arts["outlet"].reset_index(drop=True).astype(object)
    return outlet.where(outlet != "unknown", None)


def bench_eval(path: Path, tune: bool) -> None:
    """Pair P/R/F1 of the inferred sites on real pages, thresholds cross-validated by site."""
    pages = load_eval(path)
    n_scored = int(_scored_mask(pages, None).sum())
    n_sites = pages.loc[_scored_mask(pages, None), "site"].nunique()
    print(f"\neval: {len(pages)} real pages, url withheld; scored: {n_scored} pages of")
    print(f"  {n_sites} sites with >= 3 pages (halves A/B by site hash)")
    runs: dict[tuple[Any, ...], pd.Series] = {}
    grid = [dict(zip(GRID, vals, strict=True)) for vals in itertools.product(*GRID.values())]
    if not tune:
        grid = [DEFAULTS]
    for params in grid:
        runs[tuple(params.values())] = _run(pages, params)["site_group"]
    pooled = [0.0, 0.0, 0.0]
    for tune_on, report_on in (("A", "B"), ("B", "A")):
        best = max(runs, key=lambda k: (_score(pages, runs[k], tune_on)[2], k))
        counts = _counts(pages, runs[best], report_on)
        pooled = [x + y for x, y in zip(pooled, counts, strict=True)]
        p, r, f = _prf(*counts)
        chosen = dict(zip(GRID, best, strict=True))
        print(
            f"  tuned on {tune_on}, held-out {report_on}: P {p:.3f}  R {r:.3f}  F1 {f:.3f}  {chosen}"
        )
    p, r, f = _prf(*pooled)
    print(f"  held-out, both halves pooled: P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    out = _run(pages, DEFAULTS)
    for half in ("A", "B", None):
        p, r, f = _score(pages, out["site_group"], half)
        print(f"  defaults on {half or 'all'}: P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    named = out.loc[out["outlet"].notna(), "site_group"].nunique()
    unnamed = out.loc[out["outlet"].isna() & out["site_group"].notna(), "site_group"].nunique()
    alone = int(out["site_group"].isna().sum())
    print(f"  defaults: {named} named groups/pages, {unnamed} 'site-NN' groups, {alone} lone pages")
    loaded = _load_flat(pages)
    p, r, f = _score(pages, loaded, None)
    print(f"  load_corpus on the pages written flat as .txt: P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    plain = template_groups(pages[["article_id", "text"]], **DEFAULTS)["group"].astype(object)
    p, r, f = _score(pages, plain.where(plain.notna(), None), None)
    print(f"  baseline line-overlap only:  P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    today = pages["text"].map(lambda t: (infer_outlet_from_text(t) or (None,))[0])
    p, r, f = _score(pages, today, None)
    print(f"  baseline today's title suffix: P {p:.3f}  R {r:.3f}  F1 {f:.3f}")


def synthetic(n_articles: int, seed: int = 0) -> pd.DataFrame:
    """Articles of sites of 2-200 pages: own chrome, some shared wire lines, unique body."""
    rng = random.Random(seed)
    words = [f"w{i}" for i in range(5000)]
    texts: list[str] = []
    ids: list[str] = []
    site = 0
    while len(texts) < n_articles:
        size = min(rng.choice([2, 5, 10, 30, 80, 200]), n_articles - len(texts))
        chrome = [f"Site {site} menu {k} " + " ".join(rng.choices(words, k=3)) for k in range(12)]
        title = f"Site {site} Times"
        for _ in range(size):
            head = " ".join(rng.choices(words, k=8)).capitalize()
            body = [" ".join(rng.choices(words, k=rng.randint(20, 60))) for _ in range(8)]
            wire = [f"Wire line {rng.randint(0, 500)} " + "x" * 20]
            kept = [line for line in chrome if rng.random() < 0.8]
            texts.append("\n".join([f"{head} | {title}", *kept[:6], *body, *wire, *kept[6:]]))
            ids.append(f"{len(ids):06d}")
        site += 1
    return pd.DataFrame({"article_id": ids, "text": texts})


def bench_scale() -> None:
    print("\nscale (synthetic sites; wall / CPU seconds)")
    print(f"  {'articles':>9} {'MB':>6} {'template_groups':>18} {'infer_sites':>16}")
    for n in (1_000, 10_000, 100_000):
        frame = synthetic(n)
        mb = frame["text"].str.len().sum() / 1e6
        times = []
        for fn in (template_groups, infer_sites):
            wall, cpu = time.perf_counter(), time.process_time()
            fn(frame)
            times.append((time.perf_counter() - wall, time.process_time() - cpu))
        (gw, gc), (iw, ic) = times
        print(f"  {n:>9,} {mb:6.1f} {gw:8.2f} / {gc:7.2f} {iw:7.2f} / {ic:7.2f}")


def pathological(n_chars: int = 1_000_000) -> None:
    """``load_corpus`` of one flat file holding a 1 MB hostile line, against 1 MB of prose
    (same process, best of 3 each; the first load, which loads the language model, is
    not timed)."""
    prose = "The council met on Tuesday and voted to close the old bridge for repairs. "
    lines = {
        "prose (baseline)": prose * (n_chars // len(prose)),
        "x - x - x ...": "x - " * (n_chars // 4),
        "a | a | a ...": "a | " * (n_chars // 4),
        "© 2024 © 2024 ...": "© 2024 " * (n_chars // 7),
        "MOSCOW (MOSCOW (...": "MOSCOW (" * (n_chars // 8),
        "x-x-x ...": "x-" * (n_chars // 2),
        "1111...": "1" * n_chars,
    }
    print(f"\nhostile lines: load_corpus of one file holding a {n_chars / 1e6:.0f} MB line")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp, "000_hostile.txt")
        page.write_text(prose, "utf-8")
        load_corpus(tmp, progress=False)
        base = None
        for name, line in lines.items():
            page.write_text(line, "utf-8")
            secs = min(_timed(lambda: load_corpus(tmp, progress=False)) for _ in range(3))
            base = base or secs
            print(f"  {name:<20} {secs:6.3f} s  {secs / base:5.2f}x prose")


def _timed(fn: Any) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Print the figures; returns 0."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=EVAL, help="labelled real pages")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the demo corpus folder")
    parser.add_argument("--scale", action="store_true", help="also time 1k/10k/100k articles")
    parser.add_argument("--no-tune", action="store_true", help="skip the threshold grid")
    args = parser.parse_args(argv)
    bench_demo(args.corpus)
    if args.eval.exists():
        bench_eval(args.eval, tune=not args.no_tune)
    else:
        print(f"\neval: skipped, {args.eval} not found (the labelled pages are not bundled)")
    pathological()
    if args.scale:
        bench_scale()
    return 0


if __name__ == "__main__":
    sys.exit(main())
