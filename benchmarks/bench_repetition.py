"""Throughput and agreement of the repetition statistics against datatrove and TextDescriptives.

What is measured, all in the same run on the same texts (timed sections exclude imports,
pipeline building and corpus building; MB = 10**6 bytes of UTF-8):

(a) throughput (MB/s) of

- ``gopher_repetition`` (our 13 Gopher values) on the whole corpus;
- ``mark_repeats`` over ``split_lines`` of the whole corpus (split time reported apart);
- datatrove's 13 Gopher repetition values, computed with its own module functions
  (``find_duplicates``, ``find_top_duplicate``, ``find_all_duplicate``, ``get_n_grams``
  and ``split_into_words``, as in ``GopherRepetitionFilter.filter`` but without stopping
  at the first failed rule) on a subset (default 300 texts: it is slow), after a 5-text
  warm-up (which builds its spaCy tokenizer);
- TextDescriptives's quality component (``textdescriptives/quality`` after
  ``spacy.blank("en")``: spaCy's tokenizer, then all of the component's metrics, i.e. its
  11 repetition values plus stop words, alpha ratio, word length, symbols, bullets,
  ellipses) run by ``list(nlp.pipe(subset, batch_size=50))`` on the same subset, after a
  5-text warm-up; skipped (and said so) when textdescriptives is not installed (it is in
  the optional ``bench`` extra);
- a plain ``re.findall(r"\\w+")`` + per-text ``Counter`` pass (the floor of any word
  statistic), on the whole corpus;

and the ratios of each to datatrove and to TextDescriptives.

(b) agreement on the subset: for each of the 13 values, the mean of ours, the mean of the
peer's and their Pearson correlation (texts where either is NaN left out), against

- datatrove's values (above);
- TextDescriptives's own values (``td.extract_df(docs, metrics="quality")``): its
  ``duplicate_line_chr_fraction``, ``duplicate_paragraph_chr_fraction``,
  ``top_ngram_chr_fraction_{2,3,4}`` (factory default ``top_ngram_min_count=3``) and
  ``duplicate_ngram_chr_fraction_{5..10}``; it has no line/paragraph count fractions
  (NaN), and its 0.0 for empty texts is read as NaN;
- a reimplementation of TextDescriptives's definitions (``components/quality.py`` as
  described in ``/work/shared/PEERS.md`` section 1) over our word tokens: compared with
  ours when textdescriptives is not installed, and otherwise checked against
  TextDescriptives's own values (the gap is spaCy's punctuation and whitespace tokens,
  which ours lack: TD's top 2-gram is often ``".\\n\\n"``).

(c) accuracy on the demo corpus's gold labels (when present): ``mark_repeats`` at several
thresholds against the labelled ``repeat_of`` lines (``corpus/labels.jsonl``: a predicted
repeat is correct when it points at the labelled line; precision, recall, F1, the
labelled photo-caption repeats (``kind`` "caption") found and missed, and the false
repeats), and
``near_duplicates`` against the true republication pairs (``corpus/labels_reuse_pairs.csv``).

Corpus: the demo corpus (``corpus/``, read with :func:`toolkit.corpus.load_corpus`) when
present, cycled (with distinct ids) up to ``--n-docs``; otherwise generated news-like
articles (a 6,000-word Zipfian vocabulary of made-up words, 2-3 KB each, site chrome
lines, 30 % with a paragraph pasted twice and 35 % with a quote repeated with other quote
marks and another attribution clause).

The machine may be shared: CPU seconds (``time.process_time``) are printed next to wall
seconds, and ratios are given for both. The peers run once each (``--repeat`` applies to
ours).

Run: ``.venv/bin/python benchmarks/bench_repetition.py [--n-docs 3000] [--n-peer 300]``
(``--gold-only``: only (c)).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from toolkit.stats.repetition import GOPHER_COLUMNS, gopher_repetition, mark_repeats
from toolkit.text import split_lines

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
#: Thresholds of ``mark_repeats`` scored on the demo corpus's gold labels.
GOLD_THRESHOLDS = (0.3, 0.4, 0.45, 0.5, 0.6)


# --------------------------------------------------------------------------- corpus


def _pseudo_words(rng: np.random.Generator, n: int) -> list[str]:
    syll = ["ka", "lo", "mi", "ter", "an", "sol", "vi", "ra", "den", "os", "ul", "pre", "ning"]
    words: set[str] = set()
    while len(words) < n:
        k = int(rng.integers(2, 5))  # 13**2 + 13**3 + 13**4 possible words
        words.add("".join(rng.choice(syll, size=k)))
    return sorted(words)


def generated_corpus(n_docs: int, seed: int = 0) -> pd.DataFrame:
    """News-like articles of 2-3 KB with site chrome and repeated paragraphs."""
    rng = np.random.default_rng(seed)
    common = ["the", "of", "and", "to", "a", "in", "that", "said", "on", "for", "with", "was"]
    vocab = np.array(common + _pseudo_words(rng, 6000), dtype=object)
    p = 1.0 / np.arange(1, len(vocab) + 1) ** 1.05
    p /= p.sum()
    chrome = ["Subscribe", "log in or register", "Share this article", "Newsfeed", "0"]
    outlets = [f"outlet_{i}" for i in range(8)]

    def sentence() -> str:
        words = rng.choice(vocab, size=int(rng.integers(10, 30)), p=p).tolist()
        words[0] = words[0].capitalize()
        return " ".join(words) + "."

    texts = []
    for _ in range(n_docs):
        paras = [" ".join(sentence() for _ in range(int(rng.integers(1, 4)))) for _ in range(8)]
        if rng.random() < 0.3:  # a paragraph pasted twice
            paras.append(paras[int(rng.integers(0, len(paras)))])
        if rng.random() < 0.35:
            quote = " ".join(sentence() for _ in range(2))[:-1]
            paras.insert(2, f"“{quote},” the official said on Monday.")
            paras.insert(6, f'"{quote}," the official told reporters.')
        lines = [rng.choice(chrome[:2]), "", *"\n\n".join(paras).split("\n"), "", *chrome[2:]]
        if rng.random() < 0.5:
            lines.append("Заголовок открываемого материала")
        texts.append("\n".join(lines))
    return pd.DataFrame(
        {
            "article_id": [f"g{i:06d}" for i in range(n_docs)],
            "outlet": [outlets[i % len(outlets)] for i in range(n_docs)],
            "text": texts,
        }
    )


def load_demo() -> pd.DataFrame | None:
    """The demo corpus's articles (via the toolkit's loader), or None when absent."""
    if not (CORPUS / "articles").is_dir():
        return None
    from toolkit.corpus import load_corpus

    arts = load_corpus(CORPUS).articles
    return arts if len(arts) else None


def build_corpus(n_docs: int, generated: bool = False) -> tuple[pd.DataFrame, str]:
    demo = None if generated else load_demo()
    if demo is None:
        return generated_corpus(n_docs), "generated"
    reps = -(-n_docs // len(demo))
    big = pd.concat([demo] * reps, ignore_index=True).iloc[:n_docs].copy()
    big["article_id"] = [f"{a}#{i}" for i, a in enumerate(big["article_id"])]
    return big.reset_index(drop=True), f"demo corpus ({len(demo)} articles, cycled)"


def score_demo(thresholds: tuple[float, ...]) -> None:
    """Score mark_repeats and near_duplicates against the demo corpus's gold labels."""
    demo = load_demo()
    labels_path, pairs_path = CORPUS / "labels.jsonl", CORPUS / "labels_reuse_pairs.csv"
    if demo is None or not labels_path.exists():
        print("demo corpus gold labels not found: scoring skipped")
        return
    from toolkit.stats.reuse import near_duplicates

    labels = pd.read_json(labels_path, lines=True)
    repeated = labels.dropna(subset=["repeat_of"])
    triples = repeated[["article_id", "line_no", "repeat_of"]].itertuples(index=False)
    gold = {(a, int(n), int(r)) for a, n, r in triples}
    # the gold captions: labelled kind "caption" (a photo caption repeated beside its credit)
    is_caption = repeated["kind"] == "caption"
    caption_triples = repeated.loc[is_caption, ["article_id", "line_no", "repeat_of"]]
    gold_captions = {(a, int(n), int(r)) for a, n, r in caption_triples.itertuples(index=False)}
    lines = split_lines(demo)
    print(
        f"\n(c) demo corpus: mark_repeats vs {len(gold)} gold repeated lines "
        f"({len(gold_captions)} of them photo captions)"
    )
    for t in thresholds:
        m = mark_repeats(lines, threshold=t)
        rep = m[m["is_repeat"]]
        pred = {
            (a, int(n), int(r))
            for a, n, r in rep[["article_id", "line_no", "repeat_of"]].itertuples(index=False)
        }
        hit = len(pred & gold)
        precision, recall = hit / max(len(pred), 1), hit / max(len(gold), 1)
        f1 = 2 * precision * recall / (precision + recall) if hit else 0.0
        kinds = rep["repeat_kind"].value_counts().to_dict()
        captions_found = len(pred & gold_captions)
        print(
            f"  threshold {t:.2f}: predicted {len(pred)}, correct {hit} "
            f"(precision {precision:.2f}, recall {recall:.2f}, F1 {f1:.3f}); "
            f"captions found {captions_found}, missed {len(gold_captions) - captions_found}; "
            f"false repeats {len(pred - gold)}; kinds {kinds}"
        )
    if not pairs_path.exists():
        return
    true_pairs = pd.read_csv(pairs_path)
    gold_pairs = {
        frozenset(p)
        for p in true_pairs[["article_id_source", "article_id_copy"]].itertuples(index=False)
    }
    from toolkit.stats.summary import article_texts

    demo = demo.assign(clean_text=article_texts(demo, "clean").to_numpy())
    print(f"demo corpus: near_duplicates vs {len(gold_pairs)} reuse pairs")
    for t, which in (
        (0.2, "raw"),
        (0.3, "raw"),
        (0.5, "raw"),
        (0.3, "clean"),
        (0.5, "clean"),
        (0.7, "clean"),
    ):
        found = near_duplicates(demo, text=which, threshold=t)
        pred_pairs = {
            frozenset(p) for p in found[["article_id_a", "article_id_b"]].itertuples(index=False)
        }
        hit = len(pred_pairs & gold_pairs)
        right_source = 0
        for row in true_pairs.itertuples(index=False):
            match = found[
                (found["source_article_id"] == row.article_id_source)
                & (
                    (found["article_id_a"] == row.article_id_copy)
                    | (found["article_id_b"] == row.article_id_copy)
                )
            ]
            right_source += len(match) > 0
        print(
            f"  {which:5s} threshold {t:.1f}: pairs {len(pred_pairs)}, true {hit} "
            f"(precision {hit / max(len(pred_pairs), 1):.2f}, recall {hit / len(gold_pairs):.2f}), "
            f"source right {right_source}"
        )


# --------------------------------------------------------------------------- peers


def datatrove_values(texts: list[str]) -> pd.DataFrame:
    """datatrove's 13 Gopher repetition values (its functions, no short-circuit)."""
    from datatrove.pipeline.filters.gopher_repetition_filter import (
        find_all_duplicate,
        find_duplicates,
        find_top_duplicate,
        get_n_grams,
    )
    from datatrove.utils.text import split_into_words

    para_re, line_re = re.compile(r"\n{2,}"), re.compile(r"\n+")
    rows = []
    for text in texts:
        if not text.strip():
            rows.append(dict.fromkeys(GOPHER_COLUMNS, np.nan))
            continue
        size = len(text)
        paras = para_re.split(text.strip())
        n_dup_p, chars_p = find_duplicates(paras)
        lines = line_re.split(text)
        n_dup_l, chars_l = find_duplicates(lines)
        row = {
            "duplicate_line_fraction": n_dup_l / len(lines),
            "duplicate_paragraph_fraction": n_dup_p / len(paras),
            "duplicate_line_chr_fraction": chars_l / size,
            "duplicate_paragraph_chr_fraction": chars_p / size,
        }
        words = split_into_words(text, "eng")
        for n in (2, 3, 4):
            grams = get_n_grams(words, n)
            row[f"top_ngram_chr_fraction_{n}"] = find_top_duplicate(grams) / size if grams else 0.0
        for n in range(5, 11):
            row[f"duplicate_ngram_chr_fraction_{n}"] = find_all_duplicate(words, n) / size
        rows.append(row)
    return pd.DataFrame(rows, columns=list(GOPHER_COLUMNS))


TD_CONFIG = {"top_ngram_range": (2, 4), "duplicate_n_gram_fraction_range": (5, 10)}


def textdescriptives_pipeline() -> Any | None:
    """``spacy.blank("en")`` + TextDescriptives's quality component, or None if not installed.

    The ranges are passed as tuples: the factory's own defaults (lists) fail confection's
    ``Tuple[int, int]`` validation (PEERS.md section 4). The component needs no sentencizer,
    tagger or model; its other settings are the factory defaults (``top_ngram_min_count=3``).
    """
    try:
        import spacy
        import textdescriptives  # noqa: F401  (registers "textdescriptives/quality")
    except ImportError:
        return None
    nlp = spacy.blank("en")
    nlp.add_pipe("textdescriptives/quality", config=TD_CONFIG)
    return nlp


def textdescriptives_version() -> str:
    from importlib.metadata import version

    return version("textdescriptives")


def textdescriptives_run(nlp: Any, texts: list[str], batch_size: int = 50) -> list[Any]:
    """Run the pipeline (tokenizer + quality component) over ``texts``: the timed part."""
    return list(nlp.pipe(texts, batch_size=batch_size))


def textdescriptives_frame(docs: list[Any]) -> pd.DataFrame:
    """TextDescriptives's own values (``td.extract_df``) under our 13 column names.

    TD has no count fractions (``duplicate_line_fraction``, ``duplicate_paragraph_fraction``:
    NaN) and returns 0.0 for empty texts (set to NaN here, as ours and datatrove's are).
    """
    import textdescriptives as td

    got = td.extract_df(docs, metrics="quality", include_text=False)
    out = pd.DataFrame(np.nan, index=range(len(docs)), columns=list(GOPHER_COLUMNS))
    for col in GOPHER_COLUMNS:
        if col in got.columns:
            out[col] = got[col].to_numpy(dtype=float)
    empty = np.array([not doc.text for doc in docs], dtype=bool)
    out.loc[empty, :] = np.nan
    return out


def textdescriptives_values(texts: list[str], min_count: int = 3) -> pd.DataFrame:
    """TextDescriptives's definitions (PEERS.md section 1) reimplemented over our word tokens.

    Used when textdescriptives is not installed, and otherwise checked against it: our
    tokens stand in for spaCy's, so its punctuation and whitespace tokens (``"\\n\\n"``,
    NBSP) are missing.
    """
    word_re = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
    rows = []
    for text in texts:
        size = len(text)
        if not size:  # TD returns 0.0 here; we keep NaN to compare like with like
            rows.append(dict.fromkeys(GOPHER_COLUMNS, np.nan))
            continue
        row: dict[str, float] = {"duplicate_line_fraction": np.nan}
        row["duplicate_paragraph_fraction"] = np.nan
        for name, parts in (("line", text.split("\n")), ("paragraph", text.split("\n\n"))):
            counts = Counter(parts)
            row[f"duplicate_{name}_chr_fraction"] = (
                sum(len(p) * (c - 1) for p, c in counts.items()) / size
            )
        spans = [(m.start(), m.end()) for m in word_re.finditer(text)]
        for n in range(2, 11):
            grams = [text[spans[i][0] : spans[i + n - 1][1]] for i in range(len(spans) - n + 1)]
            counts = Counter(grams)
            if n <= 4:
                value = 0.0
                if counts:
                    top, c = max(counts.items(), key=lambda kv: kv[1])
                    value = len(top) * c / size if c >= min_count else 0.0
                row[f"top_ngram_chr_fraction_{n}"] = value
                continue
            marked = np.zeros(len(spans), dtype=bool)
            for i, g in enumerate(grams):
                if counts[g] > 1:
                    marked[i : i + n] = True
            total, i = 0, 0
            while i < len(spans):
                if marked[i]:
                    j = i
                    while j + 1 < len(spans) and marked[j + 1]:
                        j += 1
                    total += spans[j][1] - spans[i][0]
                    i = j + 1
                else:
                    i += 1
            row[f"duplicate_ngram_chr_fraction_{n}"] = total / size
        rows.append(row)
    return pd.DataFrame(rows, columns=list(GOPHER_COLUMNS))


def counter_pass(texts: list[str]) -> Counter[str]:
    total: Counter[str] = Counter()
    for text in texts:
        total.update(Counter(re.findall(r"\w+", text)))
    return total


# --------------------------------------------------------------------------- timing


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """Median wall-clock and CPU seconds of ``repeat`` runs, and the last result."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return statistics.median(walls), statistics.median(cpus), result


def compare(ours: pd.DataFrame, peer: pd.DataFrame, name: str) -> pd.DataFrame:
    rows = []
    for col in GOPHER_COLUMNS:
        a = ours[col].to_numpy(dtype=float)
        b = peer[col].to_numpy(dtype=float)
        ok = ~(np.isnan(a) | np.isnan(b))
        corr = np.nan
        if ok.sum() > 2 and a[ok].std() > 0 and b[ok].std() > 0:
            corr = float(np.corrcoef(a[ok], b[ok])[0, 1])
        rows.append(
            {
                "metric": col,
                "ours_mean": a[ok].mean() if ok.any() else np.nan,
                f"{name}_mean": b[ok].mean() if ok.any() else np.nan,
                "corr": corr,
            }
        )
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n-docs", type=int, default=3000, help="articles in the corpus")
    parser.add_argument("--n-peer", type=int, default=300, help="texts for datatrove/TD")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs (median)")
    parser.add_argument("--no-peers", action="store_true", help="skip datatrove and TD")
    parser.add_argument("--no-gold", action="store_true", help="skip demo-corpus gold scoring")
    parser.add_argument(
        "--generated", action="store_true", help="time on generated text even if the demo exists"
    )
    parser.add_argument(
        "--gold-only", action="store_true", help="only score the demo corpus's gold labels (c)"
    )
    args = parser.parse_args(argv)
    if args.gold_only:
        score_demo(GOLD_THRESHOLDS)
        return 0

    arts, origin = build_corpus(args.n_docs, generated=args.generated)
    texts = arts["text"].tolist()
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    step = max(len(texts) // max(args.n_peer, 1), 1)
    subset = texts[::step][: args.n_peer]
    sub_mb = sum(len(t.encode("utf-8")) for t in subset) / 1e6
    print(
        f"corpus: {origin}, {len(texts)} texts, {mb:.2f} MB (mean {mb / len(texts) * 1e3:.2f} KB)"
    )
    print(f"peer subset: {len(subset)} texts (every {step}th), {sub_mb:.2f} MB\n")

    rows = []
    gopher_repetition(subset[:20])  # warm-up: first pandas string calls are slow
    wall, cpu, _ = timed(lambda: gopher_repetition(arts["text"]), args.repeat)
    rows.append(("toolkit gopher_repetition (13 values)", len(texts), mb, wall, cpu))
    wall, cpu, lines = timed(lambda: split_lines(arts), args.repeat)
    rows.append(("toolkit split_lines", len(texts), mb, wall, cpu))
    wall, cpu, marked = timed(lambda: mark_repeats(lines), args.repeat)
    rows.append(("toolkit mark_repeats (after split_lines)", len(texts), mb, wall, cpu))
    wall, cpu, _ = timed(lambda: counter_pass(texts), args.repeat)
    rows.append(("re.findall(r'\\w+') + Counter", len(texts), mb, wall, cpu))
    peer_rows = None
    td_real: pd.DataFrame | None = None
    if not args.no_peers:
        datatrove_values(subset[:5])  # warm-up: datatrove builds its spaCy tokenizer on first use
        wall, cpu, dt = timed(lambda: datatrove_values(subset), 1)
        rows.append(("datatrove 13 Gopher values", len(subset), sub_mb, wall, cpu))
        nlp = textdescriptives_pipeline()  # built outside the timed section
        if nlp is None:
            print("textdescriptives not installed: its row skipped, its definitions reimplemented")
        else:
            textdescriptives_run(nlp, subset[:5])  # warm-up (first-call setup)
            wall, cpu, docs = timed(lambda: textdescriptives_run(nlp, subset), 1)
            label = f"textdescriptives {textdescriptives_version()} quality (nlp.pipe)"
            rows.append((label, len(subset), sub_mb, wall, cpu))
            td_real = textdescriptives_frame(docs)
            del docs
        wall, cpu, ours_sub = timed(lambda: gopher_repetition(subset), args.repeat)
        rows.append(("toolkit gopher_repetition (peer subset)", len(subset), sub_mb, wall, cpu))
        td = textdescriptives_values(subset)
        peer_rows = (ours_sub, dt, td)

    table = pd.DataFrame(rows, columns=["task", "texts", "MB", "wall_s", "cpu_s"])
    table["MB/s"] = table["MB"] / table["wall_s"]
    table["MB/s_cpu"] = table["MB"] / table["cpu_s"]
    if not args.no_peers:
        is_dt = table["task"].str.startswith("datatrove")
        table["x datatrove"] = table["MB/s"] / float(table.loc[is_dt, "MB/s"].iloc[0])
        table["x datatrove_cpu"] = table["MB/s_cpu"] / float(table.loc[is_dt, "MB/s_cpu"].iloc[0])
        is_td = table["task"].str.startswith("textdescriptives")
        if is_td.any():
            table["x TD"] = table["MB/s"] / float(table.loc[is_td, "MB/s"].iloc[0])
            table["x TD_cpu"] = table["MB/s_cpu"] / float(table.loc[is_td, "MB/s_cpu"].iloc[0])
    with pd.option_context("display.width", 120, "display.float_format", "{:.3f}".format):
        print(table.to_string(index=False))
        rep = marked["is_repeat"].mean()
        kinds = marked["repeat_kind"].value_counts().to_dict()
        print(f"\nmark_repeats: {len(marked)} lines, {rep:.1%} repeats {kinds}")
        if peer_rows is not None:
            ours_sub, dt, td = peer_rows
            print("\n(b) ours vs datatrove (same texts):")
            print(compare(ours_sub, dt, "datatrove").to_string(index=False))
            if td_real is not None:
                print(f"\nours vs TextDescriptives {textdescriptives_version()} (its values):")
                print(compare(ours_sub, td_real, "td").to_string(index=False))
                print("\ncheck: TD definitions reimplemented on our tokens vs TextDescriptives:")
                check = compare(td, td_real, "td").rename(columns={"ours_mean": "reimpl_mean"})
                print(check.to_string(index=False))
            else:
                print("\nours vs TextDescriptives definitions (reimplemented, our tokens):")
                print(compare(ours_sub, td, "td").to_string(index=False))
    if not args.no_gold:
        score_demo(GOLD_THRESHOLDS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
