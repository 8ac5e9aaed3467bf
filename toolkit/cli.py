"""The ``toolkit`` command line: a thin layer over the library.

Every subcommand has ``--help``. Bad input never shows a traceback: a bad argument or
input (a missing, unsupported or special file, an empty corpus, an unknown outlet, a
bad ``--out``) exits with status 2 and one line on stderr saying what would work; an
unexpected failure exits with status 1 and one line (``TOOLKIT_DEBUG=1`` shows the
traceback). Python warnings raised on the way become one-line ``note:`` lines on
stderr. Text read from the corpus (outlet names, ids, file names, article lines) is
printed with control characters and bidi overrides escaped (:func:`_printable`), CSV
on stdout is spreadsheet-safe like every exported CSV, and nothing is ever written
inside the corpus being read, whatever the symbolic links.

Examples
--------
>>> main(["--version"])  # doctest: +SKIP
toolkit 0.1.0
"""

from __future__ import annotations

import argparse
import os
import re
import stat
import sys
import traceback
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NoReturn

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


# C0 controls but tab and newline, DEL, C1 controls, the bidi embedding, override and
# isolate controls, the line and paragraph separators and lone surrogates: a scraped
# text or file name could otherwise move the cursor, retitle or clear the user's
# terminal (ANSI escapes), reorder what is shown (bidi overrides, "Trojan Source"), or
# make print() fail (a surrogate cannot be encoded).
_UNSAFE = r"\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff"
_TERMINAL_UNSAFE = re.compile(f"[{_UNSAFE}]")
_TERMINAL_UNSAFE_LINE = re.compile(rf"[{_UNSAFE}\n]")


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _printable(text: Any, *, oneline: bool = False) -> str:
    r"""``text`` with terminal control characters shown as ``\xNN`` or ``\uNNNN``.

    Tab and newline are kept; ``oneline=True`` escapes newlines too, for a message that
    must stay on one line.

    Examples
    --------
    >>> _printable("Evil \x1b]0;pwned\x07 \u202eabc")
    'Evil \\x1b]0;pwned\\x07 \\u202eabc'
    >>> _printable("a\tb\nc"), _printable("a\nb", oneline=True), _printable("\udcff")
    ('a\tb\nc', 'a\\x0ab', '\\udcff')
    """
    pattern = _TERMINAL_UNSAFE_LINE if oneline else _TERMINAL_UNSAFE
    return pattern.sub(_escape_char, str(text))


def _printable_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell and label made :func:`_printable` (one line each).

    Done before formatting, so columns are aligned on the text that is shown.
    """

    def clean(value: Any) -> Any:
        return _printable(value, oneline=True) if isinstance(value, str) else value

    out = frame.copy()
    for i in range(out.shape[1]):
        dtype = out.iloc[:, i].dtype
        if (
            pd.api.types.is_object_dtype(dtype)
            or pd.api.types.is_string_dtype(dtype)
            or isinstance(dtype, pd.CategoricalDtype)
        ):
            out.isetitem(i, [clean(v) for v in out.iloc[:, i].tolist()])
    out.columns = pd.Index([clean(c) for c in out.columns])
    return out


def _one_line(text: str, *, limit: int = 2000) -> str:
    """An error or note as one printable line, at most ``limit`` characters."""
    line = _printable(text, oneline=True)
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _listing(names: Iterable[Any], *, limit: int = 10) -> str:
    """``a, b, c`` for a hint; ``a, b, … and 12 more`` past ``limit`` names."""
    names = list(names)
    shown = ", ".join(repr(str(n)[:80]) for n in names[:limit])
    more = f", … and {len(names) - limit} more" if len(names) > limit else ""
    return (shown + more) or "(none)"


def _supported() -> str:
    from toolkit.io.files import ARTICLE_SUFFIXES, TABLE_SUFFIXES

    return ", ".join(sorted(ARTICLE_SUFFIXES | TABLE_SUFFIXES | {".zip"}))


def _check_source(source: str) -> Path:
    """The corpus path, after checking it is a folder or a regular file (never opened).

    A FIFO, a device or another special file named like a table (``p.csv``) would block or never end
    when read, so only ``os.stat`` looks at it here.
    """
    path = Path(source)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        broken = " (a broken symbolic link)" if path.is_symlink() else ""
        raise CliError(
            f"no such file or folder: {source}{broken}; give a folder of articles or a "
            f"file ending in one of {_supported()}"
        ) from None
    except PermissionError:
        raise CliError(f"cannot open {source}: permission denied") from None
    except (OSError, ValueError) as exc:  # ELOOP, ENAMETOOLONG, a NUL in the name
        raise CliError(f"cannot open {source}: {getattr(exc, 'strerror', None) or exc}") from None
    if stat.S_ISDIR(info.st_mode) or stat.S_ISREG(info.st_mode):
        return path
    kind = (
        "a named pipe (FIFO)"
        if stat.S_ISFIFO(info.st_mode)
        else "a device"
        if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
        else "not a regular file"
    )
    raise CliError(
        f"{source} is {kind}, not a file or a folder; the toolkit reads a folder of "
        f"articles or a regular file ending in one of {_supported()}"
    )


def _check_out_not_in_corpus(source: str, out: str) -> None:
    """Refuse a table ``--out`` inside the corpus (links followed) or the corpus file."""
    from toolkit.export import OutputInsideCorpusError, check_outside, corpus_roots

    target = Path(out)
    written = target if target.suffix else target.with_name(target.name + ".csv")
    roots = corpus_roots(source)
    try:
        for path in dict.fromkeys((target, written, written.parent)):
            check_outside(path, roots, what="--out")
    except OutputInsideCorpusError as exc:
        raise CliError(str(exc)) from None


def _load(source: str, *, progress: bool | None = None) -> Any:
    """The corpus at ``source``; a CliError for anything the loader cannot use."""
    from toolkit.corpus import load_corpus

    path = _check_source(source)
    try:
        corpus = load_corpus(path, progress=progress)
    except (ValueError, OSError) as exc:  # an unsupported file type, an unreadable folder
        raise CliError(_load_failed(source, exc)) from None
    if not len(corpus.articles):
        raise CliError(_nothing_loaded(source, corpus.errors))
    return corpus


def _load_failed(source: str, exc: Exception) -> str:
    """The one-line message for an exception of the loader."""
    if isinstance(exc, UnicodeError):  # the loader cannot hold a name that is not UTF-8
        return (
            f"cannot load {source}: a file or folder name in it is not valid UTF-8 "
            f"({exc}); rename it to UTF-8 (e.g. with convmv) and try again"
        )
    return str(exc)


def _nothing_loaded(source: str, errors: pd.DataFrame) -> str:
    if len(errors):
        first = errors.iloc[0]
        return (
            f"no articles loaded from {source}: all {len(errors)} file(s) failed (first: "
            f"{first['source_path']}: {first['error']}: {first['message']})"
        )
    return (
        f"no articles in {source}: it holds no article files or tables; the toolkit reads "
        f"{_supported()} (folders recursively, hidden files skipped)"
    )


def _emit(frame: pd.DataFrame, out: str | None, fmt: str) -> None:
    """Print ``frame`` (text or spreadsheet-safe CSV) or write it to ``out``."""
    from toolkit.export import spreadsheet_safe, write_table

    if out is None:
        if fmt == "csv":
            # stdout ends up on a terminal sooner or later (`| head`): controls escaped
            # there too; --out writes the exact (spreadsheet-safe) text
            text = spreadsheet_safe(frame).to_csv(index=False, lineterminator="\n")
            sys.stdout.write(_printable(text))
        else:
            with pd.option_context(
                "display.max_rows", 200, "display.max_columns", 20, "display.width", 160
            ):
                print(_printable(_printable_frame(frame).to_string(index=False)))
        return
    path = Path(out)
    suffix = path.suffix.lower().lstrip(".")
    if path.is_dir():
        raise CliError(f"--out {out} is a folder; give a file name such as {path / 'table.csv'}")
    if suffix not in ("", "csv", "parquet"):
        raise CliError(
            f"--out must end in .csv or .parquet, not {path.suffix!r}; e.g. "
            f"{path.with_suffix('.csv')}"
        )
    written = write_table(frame, path.with_suffix(""), formats=(suffix or "csv",))
    print(_one_line(f"wrote {written[0]}"), file=sys.stderr)


def _notes(caught: list[warnings.WarningMessage], command: str, *, limit: int = 5) -> None:
    """Print the warnings raised during a command as its own one-line notes."""
    seen: dict[tuple[str, str], int] = {}
    for w in caught:
        if w.category.__name__ == "EmptyCorpusWarning":
            continue  # an empty load is the command's own error, said once
        key = (w.category.__name__, str(w.message))
        seen[key] = seen.get(key, 0) + 1
    for (category, message), n in list(seen.items())[:limit]:
        times = f" ({n} times)" if n > 1 else ""
        print(
            _one_line(f"toolkit {command}: note: {message} [{category}]{times}", limit=500),
            file=sys.stderr,
        )
    if len(seen) > limit:
        print(f"toolkit {command}: note: {len(seen) - limit} more warning(s)", file=sys.stderr)


# --------------------------------------------------------------------------- commands


def _cmd_summary(args: argparse.Namespace) -> int:
    from toolkit.schema import HEADLINE_RATES, label
    from toolkit.stats.summary import article_stats, outlet_stats

    corpus = _load(args.source, progress=args.progress)
    stats = article_stats(corpus)
    table = outlet_stats(stats, n_boot=args.n_boot)
    print(_one_line(repr(corpus), limit=1000))
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
        if args.findings:
            from toolkit.findings_rules import findings

            found = findings(corpus, stats=stats, outlet_summary=table)
            _print_findings(found["sentence"].tolist())
    _print_load_errors(corpus.errors)
    return 0


def _print_findings(sentences: list[str], *, width: int = 100) -> None:
    """The findings, numbered and wrapped, with terminal controls escaped."""
    import textwrap

    if not sentences:
        return
    print("\nFindings (toolkit.findings; differences only where the intervals do not overlap):")
    for i, sentence in enumerate(sentences, start=1):
        lead = f"{i:>3}. "
        print(
            textwrap.fill(
                _printable(sentence, oneline=True),
                width=width,
                initial_indent=lead,
                subsequent_indent=" " * len(lead),
                break_on_hyphens=False,
            )
        )


def _print_load_errors(errors: pd.DataFrame, *, limit: int = 20) -> None:
    """The files that could not be loaded, one line each (the first ``limit``)."""
    if not len(errors):
        return
    print(f"\n{len(errors)} file(s) could not be loaded:", file=sys.stderr)
    for row in errors.head(limit).itertuples(index=False):
        print(_one_line(f"  {row.source_path}: {row.error}: {row.message}"), file=sys.stderr)
    if len(errors) > limit:
        print(
            f"  … and {len(errors) - limit} more (toolkit report lists them all)",
            file=sys.stderr,
        )


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
    outlets = set(corpus.articles["outlet"].astype(str))
    for name in (args.target, args.reference):
        if name != "rest" and name not in outlets:
            raise CliError(
                f"unknown outlet {name!r}; outlets in this corpus: {_listing(sorted(outlets))}"
            )
    if args.target == args.reference:
        raise CliError(
            f"TARGET and REFERENCE are both {args.target!r}; compare two outlets, "
            "or one with 'rest'"
        )
    if args.reference == "rest" and outlets == {args.target}:
        raise CliError(
            f"{args.target!r} is the only outlet in {args.source}: there is no rest to "
            "compare it with"
        )
    table = keyness(
        corpus,
        target=args.target,
        reference=args.reference,
        text=args.text,
        min_count=args.min_count,
    )
    if table.empty:
        hints = [f"--min-count {args.min_count - 1}"] if args.min_count > 1 else []
        hints += ["--text raw"] if args.text == "clean" else []
        raise CliError(
            f"no term occurs {args.min_count} or more times in {args.target!r} and "
            f"{args.reference!r} together ({args.text} text, stop words left out); try "
            + (" or ".join(hints) if hints else "outlets with more text")
        )
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
        ids = arts["article_id"].astype(str)
        close = ids[ids.str.contains(args.article_id, regex=False)].head(5).tolist()
        hint = (
            f"; did you mean: {_listing(close)}"
            if close
            else f"; ids look like: {_listing(ids.head(3))}"
        )
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

    source = _check_source(args.source)
    try:
        index = build_report(
            source,
            args.out,
            force=args.force,
            progress=args.progress,
            top_terms=args.top_terms,
            lines=args.lines,
        )
    except ReportError as exc:
        raise CliError(str(exc)) from None
    except ValueError as exc:  # from the loader: an unsupported file type, a bad name
        raise CliError(_load_failed(args.source, exc)) from None
    print(_one_line(f"report written to {index}"))
    return 0


# --------------------------------------------------------------------------- parser


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, with where to look for help."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, _one_line(f"{self.prog}: error: {message} (see: {self.prog} --help)") + "\n")


def _positive_int(text: str) -> int:
    """An argparse ``type``: a whole number of at least 1.

    Examples
    --------
    >>> _positive_int("5")
    5
    >>> _positive_int("-5")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: must be a whole number of at least 1, not '-5'
    """
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``toolkit`` command (every command documented).

    Examples
    --------
    >>> parser = build_parser()
    >>> sorted(parser._subparsers._group_actions[0].choices)  # doctest: +NORMALIZE_WHITESPACE
    ['inspect', 'keyness', 'report', 'stats', 'summary']
    """
    from toolkit import __version__

    parser = _Parser(
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
        "repetition rate, boilerplate ratio and stray-string share with 95% bootstrap "
        "intervals, then the findings: which outlets stand out (only where the intervals do "
        "not overlap), who republishes whom, distinctive words, template strings, small "
        "samples and load problems.",
    )
    _common(p)
    p.add_argument(
        "--n-boot", type=_positive_int, default=1000, help="bootstrap resamples (default 1000)"
    )
    p.add_argument(
        "--findings",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="after the table, print what the statistics show, in sentences (default: on; "
        "text output only)",
    )
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
    p.add_argument(
        "--n-boot", type=_positive_int, default=1000, help="bootstrap resamples (default 1000)"
    )
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
    p.add_argument(
        "--top", type=_positive_int, default=30, help="show the top N terms (default 30)"
    )
    p.add_argument(
        "--min-count",
        type=_positive_int,
        default=3,
        help="keep terms used at least this often in both outlets together (default 3)",
    )
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
    p.add_argument(
        "--width", type=_positive_int, default=None, help="cut lines to this many characters"
    )
    p.set_defaults(func=_cmd_inspect)


def _add_report(sub: Any) -> None:
    """The ``report`` command."""
    p = sub.add_parser(
        "report",
        help="write a self-contained HTML report with charts and tables",
        description="Measure a corpus and write DIR/index.html (the findings first, then "
        "charts inline, tables, method notes, load errors), DIR/tables/*.csv (+ .parquet) "
        "and DIR/charts/*.png|svg.",
    )
    _common(p, table=False)
    p.add_argument("--out", required=True, help="the folder to write the report into")
    p.add_argument(
        "--force", action="store_true", help="replace the files of an existing report folder"
    )
    p.add_argument(
        "--top-terms",
        type=_positive_int,
        default=15,
        help="terms per side in keyness charts (default 15)",
    )
    p.add_argument(
        "--lines",
        action="store_true",
        help="also write tables/labelled_lines (every line with its labels; several times "
        "the corpus's size, so not written by default)",
    )
    p.set_defaults(func=_cmd_report)


def main(argv: Sequence[str] | None = None, *, reraise: bool | None = None) -> int:
    """Run the command line; return the exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``, as the ``toolkit`` command does).
    reraise : bool, optional
        Let an unexpected exception (a bug, a full disk, an interrupt) propagate instead
        of reporting it as one line. Default: only when ``argv`` is given, i.e. when
        called from Python; the command itself never shows a traceback.

    Returns
    -------
    int
        0 on success; 2 on a bad argument or input, with one line on stderr saying what
        would work; 1 on an unexpected error (one line; the traceback too when the
        environment variable ``TOOLKIT_DEBUG`` is set); 130 when interrupted.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command
    if reraise is None:
        reraise = argv is not None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            if getattr(args, "out", None) and command != "report":  # report checks itself
                _check_out_not_in_corpus(args.source, args.out)
            return int(args.func(args))
        except CliError as exc:
            _fail(command, str(exc))
            return 2
        except BrokenPipeError:  # e.g. `toolkit stats ... | head`
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return 0
        except BaseException as exc:
            if reraise or not isinstance(exc, Exception | KeyboardInterrupt):
                raise
            _fail(command, _unexpected(exc))
            return 130 if isinstance(exc, KeyboardInterrupt) else 1
        finally:
            _notes(caught, command)


def _unexpected(exc: BaseException) -> str:
    """The one line for an error that is not the user's (a bug, the disk, memory)."""
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted"
    if isinstance(exc, MemoryError):
        return "out of memory; try a smaller corpus or a sample of it"
    if isinstance(exc, OSError):  # a full disk, a folder that vanished, no permission
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror or exc}{where}"
    return (
        f"unexpected {type(exc).__name__}: {exc} (please report it; set TOOLKIT_DEBUG=1 to "
        "see the traceback)"
    )


def _fail(command: str, message: str) -> None:
    """Print an error as one line on stderr (and the traceback with ``TOOLKIT_DEBUG``)."""
    if os.environ.get("TOOLKIT_DEBUG") and sys.exc_info()[0] is not None:
        traceback.print_exc()
    print(_one_line(f"toolkit {command}: error: {message}"), file=sys.stderr)
