"""The ``toolkit`` command line: a thin layer over the library.

Every subcommand has ``--help``; a bad argument exits with status 2 and one clear line
on stderr; nothing is ever written inside the corpus being read.

Examples
--------
>>> main(["--version"])  # doctest: +SKIP
toolkit 0.1.0
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["build_parser", "main"]

_COLOUR = {
    "body": "",
    "boilerplate": "\033[2m",  # dim
    "repeat": "\033[33m",  # yellow
    "stray": "\033[35m",  # magenta
    "reset": "\033[0m",
}


class CliError(Exception):
    """A problem the user can fix: reported as one line, exit status 2."""


# C0 controls but tab and newline, DEL, C1 controls: a scraped text or file name could
# otherwise move the cursor, retitle or clear the user's terminal (ANSI escapes).
_TERMINAL_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _printable(text: Any) -> str:
    """``text`` with terminal control characters shown as ``\\xNN`` escapes."""
    return _TERMINAL_UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


def _check_out_not_in_corpus(source: str, out: str) -> None:
    """Refuse a table ``--out`` inside the corpus folder (or the corpus file itself)."""
    src = Path(source).resolve()
    target = Path(out).resolve()
    written = target if target.suffix else target.with_name(target.name + ".csv")
    if src in (target, written) or (src.is_dir() and src in target.parents):
        raise CliError(
            f"--out {out} is inside the corpus {source}: the toolkit never writes into a "
            "corpus; choose another path"
        )


def _load(source: str, *, progress: bool | None = None) -> Any:
    from toolkit.corpus import load_corpus

    path = Path(source)
    if not path.exists():
        raise CliError(f"no such file or folder: {source}")
    return load_corpus(path, progress=progress)


def _emit(frame: pd.DataFrame, out: str | None, fmt: str) -> None:
    if out is None:
        with pd.option_context(
            "display.max_rows", 200, "display.max_columns", 20, "display.width", 160
        ):
            if fmt == "csv":
                frame.to_csv(sys.stdout, index=False)
            else:
                print(_printable(frame.to_string(index=False)))
        return
    from toolkit.export import write_table

    path = Path(out)
    formats = (path.suffix.lstrip(".") or "csv",)
    if formats[0] not in ("csv", "parquet"):
        raise CliError(f"--out must end in .csv or .parquet, not {path.suffix!r}")
    write_table(frame, path.with_suffix(""), formats=formats)
    print(f"wrote {path}", file=sys.stderr)


# --------------------------------------------------------------------------- commands


def _cmd_summary(args: argparse.Namespace) -> int:
    from toolkit.schema import HEADLINE_RATES, label
    from toolkit.stats.summary import article_stats, outlet_stats

    corpus = _load(args.source, progress=args.progress)
    stats = article_stats(corpus)
    table = outlet_stats(stats, n_boot=args.n_boot)
    print(f"{corpus!r}")
    print(_printable(_provenance_lines(corpus.provenance())) + "\n")
    if args.out is not None or args.format == "csv":
        cols = ["outlet", "n_articles", "n_words_mean"]
        for rate in HEADLINE_RATES:
            cols += [f"{rate}_mean", f"{rate}_ci_low", f"{rate}_ci_high"]
        _emit(table[[c for c in cols if c in table.columns]], args.out, args.format)
    else:
        shown = pd.DataFrame({"outlet": table["outlet"], "articles": table["n_articles"]})
        shown["words/article"] = table["n_words_mean"].round(0).astype("Int64")
        for rate in HEADLINE_RATES:
            shown[f"{label(rate)} %"] = [
                _pct_ci(m, lo, hi)
                for m, lo, hi in zip(
                    table[f"{rate}_mean"],
                    table[f"{rate}_ci_low"],
                    table[f"{rate}_ci_high"],
                    strict=True,
                )
            ]
        _emit(shown, None, "text")
        print(
            "\nMeans over each outlet's articles, with 95% bootstrap intervals "
            f"({args.n_boot} resamples). Details: toolkit stats / toolkit report."
        )
    if len(corpus.errors):
        print(f"\n{len(corpus.errors)} file(s) could not be loaded:", file=sys.stderr)
        for row in corpus.errors.itertuples(index=False):
            print(_printable(f"  {row.source_path}: {row.error}: {row.message}"), file=sys.stderr)
    return 0


def _provenance_lines(table: pd.DataFrame) -> str:
    """``outlets from: title 99; dates from: byline 52, missing 16; ...`` (one line each)."""
    lines = []
    for field, name in (
        ("outlet", "outlets from"),
        ("date", "dates from"),
        ("language", "languages"),
    ):
        part = table[table["field"] == field]
        counts = ", ".join(
            f"{src} {n}" for src, n in zip(part["source"], part["n_articles"], strict=True)
        )
        lines.append(f"  {name}: {counts or '-'}")
    return "\n".join(lines)


def _pct_ci(mean: float, low: float, high: float) -> str:
    if pd.isna(mean):
        return "–"
    return f"{100 * mean:5.1f} [{100 * low:.1f}, {100 * high:.1f}]"


def _cmd_stats(args: argparse.Namespace) -> int:
    from toolkit.stats.summary import article_stats, outlet_stats

    corpus = _load(args.source, progress=args.progress)
    stats = article_stats(corpus)
    table = stats if args.level == "article" else outlet_stats(stats, n_boot=args.n_boot)
    _emit(table, args.out, args.format)
    return 0


def _cmd_keyness(args: argparse.Namespace) -> int:
    from toolkit.stats.keywords import keyness

    corpus = _load(args.source, progress=args.progress)
    outlets = set(corpus.articles["outlet"])
    for name in (args.target, args.reference):
        if name != "rest" and name not in outlets:
            raise CliError(
                f"unknown outlet {name!r}; outlets in this corpus: {', '.join(sorted(outlets))}"
            )
    table = keyness(corpus, target=args.target, reference=args.reference, text=args.text)
    if args.top is not None:
        table = table.head(args.top)
    _emit(table, args.out, args.format)
    return 0


def _cmd_inspect(args: argparse.Namespace) -> int:
    from toolkit.schema import STRAY_KIND_LABELS, label
    from toolkit.stats.summary import article_stats, label_lines

    corpus = _load(args.source, progress=args.progress)
    arts = corpus.articles
    if args.article_id not in set(arts["article_id"]):
        close = [a for a in arts["article_id"] if args.article_id in a][:5]
        hint = f"; did you mean: {', '.join(close)}" if close else ""
        raise CliError(f"no article with id {args.article_id!r} in {args.source}{hint}")
    lines = label_lines(corpus)
    mine = lines[lines["article_id"] == args.article_id]
    colour = args.colour == "always" or (args.colour == "auto" and sys.stdout.isatty())
    stats = article_stats(corpus, lines=lines)
    row = stats[stats["article_id"] == args.article_id].iloc[0]
    print(_printable(f"{args.article_id}  outlet: {row['outlet']}"))
    meta = arts[arts["article_id"] == args.article_id].iloc[0]
    evidence = _evidence(meta)
    for line in evidence:
        print(_printable(line))
    for col in ("n_lines", "repetition_rate", "boilerplate_ratio", "stray_chr_fraction"):
        value = row[col]
        name = label(col)
        print(f"  {name}: {value:.3f}" if isinstance(value, float) else f"  {name}: {value}")
    for line in mine.itertuples(index=False):
        labels = []
        style = "body"
        if line.is_boilerplate:
            labels.append(f"boilerplate ({line.boilerplate_reason})")
            style = "boilerplate"
        if line.is_repeat:
            labels.append(
                f"repeat of line {line.repeat_of} ({line.repeat_kind}, "
                f"similarity {line.repeat_similarity:.2f})"
            )
            style = "repeat"
        if isinstance(line.stray_kind, str):
            labels.append(f"stray: {STRAY_KIND_LABELS.get(line.stray_kind, line.stray_kind)}")
            style = "stray"
        tag = _printable("; ".join(labels) or "body")
        text = line.text if args.width is None else line.text[: args.width]
        text = _printable(text)
        if colour and _COLOUR[style]:
            text = f"{_COLOUR[style]}{text}{_COLOUR['reset']}"
        print(f"{line.line_no:>4}  {text}\n      [{tag}]")
    return 0


def _evidence(meta: pd.Series) -> list[str]:
    """How an article's outlet, date and language were found, as indented lines."""
    out = []
    source = meta.get("outlet_source")
    if isinstance(source, str):
        conf = meta.get("outlet_confidence")
        conf_text = f", confidence {conf:.2f}" if isinstance(conf, float) and conf == conf else ""
        out.append(f"  outlet found from: {source}{conf_text}")
        if isinstance(meta.get("outlet_evidence"), str):
            out.append(f"    evidence: {meta['outlet_evidence']!r}")
    elif "outlet_source" in meta.index:
        out.append("  outlet found from: nothing names it")
    group = meta.get("site_group")
    if isinstance(group, str) and group != meta.get("outlet"):
        out.append(f"  site group: {group}")
    when = meta.get("published_at")
    if isinstance(when, pd.Timestamp) and not pd.isna(when):
        how = meta.get("date_source")
        raw = meta.get("date_raw")
        detail = f" (from {how}{f': {raw!r}' if isinstance(raw, str) else ''})" if how else ""
        out.append(f"  published: {when:%Y-%m-%d %H:%M} UTC{detail}")
    elif "date_source" in meta.index:
        reason = meta.get("date_reason")
        out.append(f"  published: unknown{f' ({reason})' if isinstance(reason, str) else ''}")
    language = meta.get("language")
    if isinstance(language, str):
        conf = meta.get("language_confidence")
        out.append(f"  language: {language}" + (f" ({conf:.2f})" if conf == conf else ""))
    return out


def _cmd_report(args: argparse.Namespace) -> int:
    from toolkit.report import ReportError, build_report

    source = Path(args.source)
    if not source.exists():
        raise CliError(f"no such file or folder: {args.source}")
    try:
        index = build_report(
            source,
            args.out,
            force=args.force,
            progress=args.progress,
            top_terms=args.top_terms,
        )
    except ReportError as exc:
        raise CliError(str(exc)) from exc
    print(f"report written to {index}")
    return 0


# --------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``toolkit`` command (every command documented).

    Examples
    --------
    >>> parser = build_parser()
    >>> sorted(parser._subparsers._group_actions[0].choices)  # doctest: +NORMALIZE_WHITESPACE
    ['inspect', 'keyness', 'report', 'stats', 'summary']
    """
    from toolkit import __version__

    parser = argparse.ArgumentParser(
        prog="toolkit",
        description="Load, measure and compare corpora of scraped news articles.",
    )
    parser.add_argument("--version", action="version", version=f"toolkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    _add_summary(sub)
    _add_stats(sub)
    _add_keyness(sub)
    _add_inspect(sub)
    _add_report(sub)
    return parser


def _common(p: argparse.ArgumentParser, *, table: bool = True) -> None:
    """The arguments every command takes: the corpus, progress, and where the table goes."""
    p.add_argument(
        "source",
        help="the corpus: a folder of .txt/.html files, a CSV/TSV/JSONL/Parquet table or a .zip",
    )
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show progress bars on stderr (default: only in a terminal)",
    )
    if table:
        p.add_argument(
            "--out", help="write the table to this .csv or .parquet file instead of stdout"
        )
        p.add_argument(
            "--format",
            choices=("text", "csv"),
            default="text",
            help="how to print the table on stdout (default: text)",
        )


def _add_summary(sub: Any) -> None:
    """The ``summary`` command."""
    p = sub.add_parser(
        "summary",
        help="load a corpus and print one line of statistics per outlet",
        description="Load a corpus and print a per-outlet summary: article count, mean "
        "repetition rate, boilerplate ratio and stray-string share with 95%% bootstrap intervals.",
    )
    _common(p)
    p.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples (default 1000)")
    p.set_defaults(func=_cmd_summary)


def _add_stats(sub: Any) -> None:
    """The ``stats`` command."""
    p = sub.add_parser(
        "stats",
        help="article or outlet statistics as a table",
        description="Compute the quality statistics of every article (--level article) "
        "or of every outlet (--level outlet) and print or save them.",
    )
    _common(p)
    p.add_argument(
        "--level",
        choices=("article", "outlet"),
        default="outlet",
        help="one row per article or per outlet (default: outlet)",
    )
    p.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples (default 1000)")
    p.set_defaults(func=_cmd_stats)


def _add_keyness(sub: Any) -> None:
    """The ``keyness`` command."""
    p = sub.add_parser(
        "keyness",
        help="the words that set one outlet apart from another (or from the rest)",
        description="Keyness of TARGET against REFERENCE: signed log-likelihood G2, "
        "Log Ratio, p-value and the number of target articles using each term.",
    )
    _common(p)
    p.add_argument("target", help="the outlet to characterise")
    p.add_argument(
        "reference", nargs="?", default="rest", help="an outlet, or 'rest' (default): all others"
    )
    p.add_argument(
        "--text",
        choices=("clean", "raw"),
        default="clean",
        help="count words in the clean text (default) or the raw text",
    )
    p.add_argument("--top", type=int, default=30, help="show the top N terms (default 30)")
    p.set_defaults(func=_cmd_keyness)


def _add_inspect(sub: Any) -> None:
    """The ``inspect`` command."""
    p = sub.add_parser(
        "inspect",
        help="show one article line by line with its labels",
        description="Print an article's lines with the label of each (boilerplate and why, "
        "repeat of which line, stray string and its kind), coloured in a terminal.",
    )
    _common(p, table=False)
    p.add_argument("article_id", help="the article's id (e.g. a file stem)")
    p.add_argument(
        "--colour",
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the lines by label (default: when writing to a terminal)",
    )
    p.add_argument("--width", type=int, default=None, help="cut lines to this many characters")
    p.set_defaults(func=_cmd_inspect)


def _add_report(sub: Any) -> None:
    """The ``report`` command."""
    p = sub.add_parser(
        "report",
        help="write a self-contained HTML report with charts and tables",
        description="Measure a corpus and write DIR/index.html (charts inline, tables, "
        "method notes, load errors), DIR/tables/*.csv (+ .parquet) and DIR/charts/*.png|svg.",
    )
    _common(p, table=False)
    p.add_argument("--out", required=True, help="the folder to write the report into")
    p.add_argument(
        "--force", action="store_true", help="replace the files of an existing report folder"
    )
    p.add_argument(
        "--top-terms", type=int, default=15, help="terms per side in keyness charts (default 15)"
    )
    p.set_defaults(func=_cmd_report)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 on success, 2 on a bad argument or input (with one line on stderr).
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    for name in ("n_boot", "top", "top_terms", "width"):
        value = getattr(args, name, None)
        if value is not None and value < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    try:
        if getattr(args, "out", None) and args.command != "report":  # report checks itself
            _check_out_not_in_corpus(args.source, args.out)
        return int(args.func(args))
    except CliError as exc:
        print(f"toolkit {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `toolkit stats ... | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
