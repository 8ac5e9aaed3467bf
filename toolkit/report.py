"""The main job: from any corpus the loader reads to a shareable report folder.

:func:`build_report` writes::

    DIR/index.html        one self-contained static page: charts inline, tables,
                          a short method section per statistic, the load errors
    DIR/tables/*.csv      article stats, outlet stats, keyword frequencies, keyness,
                          near-duplicate pairs, labelled lines (+ .parquet with pyarrow)
    DIR/charts/*.png|svg  every chart, for papers and slides

Every piece of article text is HTML-escaped, every CSV cell is spreadsheet-safe, every
file is written atomically, and nothing is ever written inside the source corpus.
"""

from __future__ import annotations

import base64
import html
import io
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.schema import HEADLINE_RATES, STRAY_KIND_LABELS, label, label_columns

__all__ = ["ReportError", "build_report"]

_CHART_FORMATS = ("png", "svg")


class ReportError(Exception):
    """The report cannot be written as asked (e.g. the folder exists without ``force``)."""


@dataclass
class _Section:
    title: str
    method: str
    charts: list[tuple[str, str]] = field(default_factory=list)  # (file stem, caption)
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)  # (caption, frame)


#: The places of an output folder the report writes: the page and two sub-folders.
_REPORT_SUBFOLDERS = ("tables", "charts")


def _guard(path: Path, roots: tuple[Path, ...], *, what: str = "report output") -> None:
    """Refuse (ReportError) a path that lands inside the corpus once links are followed."""
    from toolkit.export import OutputInsideCorpusError, check_outside

    try:
        check_outside(path, roots, what=what)
    except OutputInsideCorpusError as exc:
        raise ReportError(str(exc)) from None


def _check_out_dir(source: Path | None, roots: tuple[Path, ...], out: Path, force: bool) -> None:
    """Refuse an output folder that is, holds or links to anything of the corpus.

    Checked before anything is loaded or written: ``out`` itself, ``out/index.html``,
    ``out/tables`` and ``out/charts`` (each resolved, links followed), and every
    symbolic link already inside ``tables/`` and ``charts/`` (an earlier report's files
    are replaced, so a link there must not point into the corpus either).
    """
    out_r = out.resolve()
    if source is not None:
        src = source.resolve()
        src_dir = src if src.is_dir() else src.parent
        if src.is_dir() and (out_r == src_dir or src_dir in out_r.parents):
            raise ReportError(
                f"--out {out} is inside the corpus folder {source}: "
                "the toolkit never writes into a corpus; choose another folder"
            )
        if out_r == src:
            raise ReportError(f"--out {out} is the corpus file itself")
        for written in (out_r / "index.html", *(out_r / name for name in _REPORT_SUBFOLDERS)):
            if src == written or written in src.parents:
                raise ReportError(
                    f"the corpus {source} is where the report writes ({written}): "
                    "it would be overwritten; choose another --out"
                )
    _guard(out, roots, what="--out")
    if out_r.exists() and not out_r.is_dir():
        raise ReportError(f"--out {out} exists and is not a folder")
    if out_r.is_dir() and any(out_r.iterdir()) and not force:
        raise ReportError(
            f"{out} already exists and is not empty; use --force to replace its report files"
        )
    _guard(out / "index.html", roots)
    for name in _REPORT_SUBFOLDERS:
        sub = out / name
        _guard(sub, roots)
        if sub.is_symlink() or sub.exists():
            if not sub.is_dir():
                raise ReportError(
                    f"{sub} exists and is not a folder (or is a broken link); the report "
                    f"writes its {name} there: remove it or choose another --out"
                )
            with os.scandir(sub) as entries:
                links = [Path(e.path) for e in entries if e.is_symlink()]
            for link in links:
                _guard(link, roots)


def _roots(source: Any) -> tuple[Path, ...]:
    """Where the corpus is read from (:func:`toolkit.export.corpus_roots`)."""
    from toolkit.export import corpus_roots

    if isinstance(source, str | Path):
        return corpus_roots(source)
    where = getattr(source, "source", None)  # a Corpus remembers its path
    return corpus_roots(where) if isinstance(where, str) and where[:1] != "<" else ()


def _nothing_to_report(corpus: Any, name: str) -> ReportError:
    errors = corpus.errors
    if len(errors):
        first = errors.iloc[0]
        return ReportError(
            f"no articles to report on: all {len(errors)} file(s) of {name} could not be "
            f"loaded (first: {first['source_path']}: {first['error']}: {first['message']})"
        )
    return ReportError(
        f"no articles to report on: {name} holds no article files (.txt, .html) or tables "
        "(.csv, .tsv, .jsonl, .parquet)"
    )


def _table_html(frame: pd.DataFrame, *, max_rows: int = 30, float_digits: int = 3) -> str:
    """An escaped HTML table, its headers the labels of :mod:`toolkit.schema`."""
    if frame.empty:
        return "<p class='empty'>No rows.</p>"
    shown = label_columns(frame.head(max_rows))
    body = shown.to_html(
        index=False,
        escape=True,
        border=0,
        classes="table",
        float_format=lambda v: f"{v:.{float_digits}f}",
        na_rep="–",
    )
    more = (
        f"<p class='more'>Showing {max_rows} of {len(frame)} rows; the full table is in "
        "<code>tables/</code>.</p>"
        if len(frame) > max_rows
        else ""
    )
    return body + more


_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;
max-width:1100px;padding:0 1rem;color:#222;line-height:1.45}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #0072B2;padding-bottom:.2rem;margin-top:2.5rem}
.meta{color:#555}.method{background:#f5f7fa;border-left:4px solid #0072B2;padding:.5rem 1rem}
figure{margin:1rem 0}figure img{max-width:100%;height:auto;border:1px solid #ddd}
figcaption{font-size:.9rem;color:#444}
table.table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0;display:block;overflow-x:auto}
table.table th,table.table td{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left;
vertical-align:top;max-width:32rem}
table.table th{background:#eef2f7}.empty,.more{color:#666;font-style:italic}
nav a{margin-right:1rem}
"""


def build_report(
    source: Any,
    out: str | Path,
    *,
    force: bool = False,
    progress: bool | None = None,
    top_terms: int = 15,
    n_boot: int = 1000,
) -> Path:
    """Measure a corpus and write a report folder.

    Parameters
    ----------
    source : path, Corpus or pandas.DataFrame
        What :func:`toolkit.load_corpus` reads, or an already loaded corpus.
    out : path
        The report folder. It is created; an existing non-empty folder is replaced only
        with ``force=True`` (files are replaced one by one, atomically).
    force : bool, default False
        Replace the report files of an existing folder.
    progress : bool, optional
        Show a progress bar on stderr (default: when stderr is a terminal).
    top_terms : int, default 15
        Terms per side in the keyness charts and tables.
    n_boot : int, default 1000
        Bootstrap resamples for the outlet intervals.

    Returns
    -------
    pathlib.Path
        The path of ``index.html``.

    Raises
    ------
    ReportError
        When ``out`` is inside the corpus folder, is a file, or exists without ``force``;
        when ``out``, ``out/tables``, ``out/charts`` or a link inside them leads into the
        corpus once symbolic links are followed (the corpus's own links included: see
        :func:`toolkit.export.corpus_roots`); checked before anything is written. Also
        when no article could be loaded (nothing is written then either).

    Examples
    --------
    >>> import pandas as pd, tempfile, pathlib
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"],
    ...     "text": ["Rain fell on the valley all week.", "Markets rose after the rate cut."]})
    >>> index = build_report(arts, pathlib.Path(tempfile.mkdtemp()) / "rep", progress=False)
    >>> index.name, (index.parent / "tables" / "article_stats.csv").exists()
    ('index.html', True)
    """
    from tqdm.auto import tqdm

    out = Path(out)
    source_path = Path(source) if isinstance(source, str | Path) else None
    roots = _roots(source)
    _check_out_dir(source_path, roots, out, force)

    show = progress if progress is not None else sys.stderr.isatty()
    bar = tqdm(total=len(_STEPS), desc="report", unit="step", disable=not show, file=sys.stderr)

    def step(name: str) -> None:
        """Start a step: name it on the bar (the previous one is done)."""
        if name != _STEPS[0]:
            bar.update()
        bar.set_postfix_str(name)

    step("load")
    corpus, corpus_name = _load(source, source_path, show=show)
    if not len(corpus.articles):
        bar.close()
        raise _nothing_to_report(corpus, corpus_name)
    results = _compute_statistics(corpus, n_boot=n_boot, step=step)
    step("charts")
    charts = _ChartWriter(
        out / "charts", corpus_name=corpus_name, n_articles=len(corpus.articles), roots=roots
    )
    sections = _sections(results, charts, n_boot=n_boot, top_terms=top_terms)
    step("tables and page")
    index = _write_tables_and_page(results, sections, charts.files, out, corpus_name, roots)
    bar.update()
    bar.close()
    return index


#: The steps of :func:`build_report`, as its progress bar names them.
_STEPS: tuple[str, ...] = (
    "load",
    "label lines",
    "article statistics",
    "keywords",
    "keyness",
    "near-duplicates",
    "charts",
    "tables and page",
)


@dataclass
class _Results:
    """Everything :func:`build_report` measures, computed once (:func:`_compute_statistics`)."""

    corpus: Any
    lines: pd.DataFrame
    article_stats: pd.DataFrame
    outlet_stats: pd.DataFrame
    fingerprint: pd.DataFrame
    freqs: pd.DataFrame
    top_terms: list[str]
    trends: pd.DataFrame
    outlets: list[str]
    slugs: dict[str, str]
    keyness_tables: list[pd.DataFrame]
    keyness_all: pd.DataFrame
    near: pd.DataFrame


def _load(source: Any, source_path: Path | None, *, show: bool) -> tuple[Any, str]:
    """Step "load": the corpus and the name the report gives it."""
    from toolkit.corpus import Corpus, load_corpus

    if isinstance(source, Corpus):
        corpus = source
    else:
        corpus = load_corpus(source, progress=show) if source_path else Corpus.from_frame(source)
    return corpus, source_path.name if source_path else "corpus"


def _outlet_slugs(outlets: list[str]) -> dict[str, str]:
    """A distinct, bounded file-name slug per outlet (:func:`toolkit.export.file_slug`).

    The slug carries a hash of the exact name, so it is stable across runs and distinct
    for names that read alike; should two hashes ever meet, a longer slug with a
    counter is used.

    Examples
    --------
    >>> slugs = _outlet_slugs(["A 2", "a", "a.", "a_2"])
    >>> len(set(slugs.values())), max(map(len, _outlet_slugs(["x" * 10_000]).values()))
    (4, 49)
    """
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for outlet in outlets:
        slug = _slug(outlet)
        n = 1
        while slug.casefold() in taken:  # case-insensitive file systems too
            n += 1
            slug = f"{_slug(outlet)}_{n}"
        taken.add(slug.casefold())
        slugs[outlet] = slug
    return slugs


def _compute_statistics(corpus: Any, *, n_boot: int, step: Callable[[str], None]) -> _Results:
    """Steps "label lines" to "near-duplicates": every table of the report."""
    from toolkit.stats.boilerplate import boilerplate_fingerprint
    from toolkit.stats.keywords import keyness, keyword_frequencies, keyword_trends, term_counts
    from toolkit.stats.reuse import near_duplicates
    from toolkit.stats.summary import article_stats, label_lines, outlet_stats, strip_boilerplate

    arts = corpus.articles
    step("label lines")
    lines = label_lines(corpus)
    cleaned = strip_boilerplate(corpus, lines=lines)
    step("article statistics")
    astats = article_stats(corpus, lines=lines)
    ostats = outlet_stats(astats, n_boot=n_boot)
    fingerprint = boilerplate_fingerprint(lines, top=15)
    step("keywords")
    freqs = keyword_frequencies(cleaned, by="outlet", text="clean")
    counts = term_counts(cleaned, text="clean")
    top_terms = (
        freqs.groupby("term")["n"].sum().sort_values(ascending=False).head(20).index.tolist()
        if not freqs.empty
        else []
    )
    trends = pd.DataFrame()
    if arts["published_at"].notna().any() and top_terms:
        trends = keyword_trends(cleaned, top_terms[:4], freq="W", text="clean")
    step("keyness")
    outlets = sorted(arts["outlet"].unique().tolist())
    tables = (
        [keyness(counts, target=o, reference="rest") for o in outlets] if len(outlets) > 1 else []
    )
    keyness_all = (
        pd.concat(tables, ignore_index=True)
        if tables
        else pd.DataFrame(columns=["term", "target", "reference", "g2", "log_ratio"])
    )
    step("near-duplicates")
    near = near_duplicates(cleaned, text="clean")
    return _Results(
        corpus=corpus,
        lines=lines,
        article_stats=astats,
        outlet_stats=ostats,
        fingerprint=fingerprint,
        freqs=freqs,
        top_terms=top_terms,
        trends=trends,
        outlets=outlets,
        slugs=_outlet_slugs(outlets),
        keyness_tables=tables,
        keyness_all=keyness_all,
        near=near,
    )


class _ChartWriter:
    """Draws a chart, saves it into ``charts_dir`` (PNG, SVG) and keeps its PNG for the page."""

    def __init__(
        self,
        charts_dir: Path,
        *,
        corpus_name: str,
        n_articles: int,
        roots: tuple[Path, ...] = (),
    ) -> None:
        self.charts_dir = charts_dir
        self.corpus_name = corpus_name
        self.n_articles = n_articles
        self.roots = roots
        self.files: dict[str, bytes] = {}

    def __call__(
        self, stem: str, draw: Callable[..., Any], *, statistic: str, size: tuple[float, float]
    ) -> str:
        """Draw ``draw(ax=ax)`` and write it as ``<stem>.png|svg``; return ``stem``."""
        import matplotlib.pyplot as plt

        from toolkit import plots
        from toolkit.export import bounded_layout, method_note, save_figure

        for path in (self.charts_dir, *(self.charts_dir / f"{stem}.{f}" for f in _CHART_FORMATS)):
            _guard(path, self.roots)  # checked up front; again here, in case links changed
        self.charts_dir.mkdir(parents=True, exist_ok=True)
        with plots.toolkit_style():
            fig, ax = plt.subplots(figsize=size)
            draw(ax=ax)
            note = method_note(
                corpus=self.corpus_name, n_articles=self.n_articles, statistic=statistic
            )
            save_figure(fig, self.charts_dir / stem, formats=_CHART_FORMATS, note=note)
            buf = io.BytesIO()
            bbox_inches, dpi = bounded_layout(fig, dpi=110)
            fig.savefig(
                buf, format="png", dpi=dpi, bbox_inches=bbox_inches, metadata={"Software": None}
            )
            plt.close(fig)
        self.files[stem] = buf.getvalue()
        return stem


#: Longest outlet name drawn in a chart; a longer one is cut (see :func:`_chart_names`).
_CHART_NAME_MAX = 60
#: The columns of the report's tables that hold outlet names.
_OUTLET_COLUMNS = ("outlet", "target", "reference", "outlet_a", "outlet_b", "source_outlet")


def _chart_names(outlets: list[str]) -> dict[str, str]:
    """Short, distinct chart labels for the outlet names too long to draw.

    A chart grows to fit its labels, so a 10,000-character outlet name would make a
    chart hundreds of thousands of pixels wide. Names over :data:`_CHART_NAME_MAX`
    characters are drawn as their beginning, ``…`` and a short hash of the full name
    (distinct names stay distinct); tables and the page keep the full names.

    Examples
    --------
    >>> names = _chart_names(["Short", "L" * 10_000, "L" * 9_999])
    >>> sorted(names) == ["L" * 9_999, "L" * 10_000], len(set(names.values()))
    (True, 2)
    >>> max(len(v) for v in names.values()) <= 60
    True
    """
    import hashlib

    names: dict[str, str] = {}
    used = set(outlets)
    for outlet in outlets:
        if len(outlet) <= _CHART_NAME_MAX:
            continue
        digest = hashlib.sha256(outlet.encode("utf-8", "surrogatepass")).hexdigest()
        n = 6
        shown = f"{outlet[:45]}… #{digest[:n]}"
        while shown in used:
            n += 2
            shown = f"{outlet[:45]}… #{digest[:n]}"
        used.add(shown)
        names[outlet] = shown
    return names


#: Most outlets the charts show; with more, the outlets with the most articles are drawn.
_MAX_CHARTED_OUTLETS = 30


def _charted_outlets(res: _Results, limit: int) -> list[str]:
    """The outlets the charts show: all, or the ``limit`` with the most articles.

    Examples
    --------
    >>> import pandas as pd
    >>> res = _Results(*([None] * 13))
    >>> res.outlets = ["a", "b", "c"]
    >>> res.article_stats = pd.DataFrame({"outlet": ["a", "b", "b", "c", "c", "c"]})
    >>> _charted_outlets(res, 2), _charted_outlets(res, 5)
    (['b', 'c'], ['a', 'b', 'c'])
    """
    if len(res.outlets) <= limit:
        return list(res.outlets)
    counts = res.article_stats["outlet"].value_counts()
    ranked = sorted(res.outlets, key=lambda o: (-int(counts.get(o, 0)), o))
    return sorted(ranked[:limit])


def _chart_view(res: _Results, *, limit: int = _MAX_CHARTED_OUTLETS) -> _Results:
    """What the charts draw: at most ``limit`` outlets, over-long names shortened.

    A chart grows with its outlets and its labels, so 10,000 outlets or one
    10,000-character name would otherwise make charts of hundreds of thousands of
    pixels and hours of drawing. The charts show the ``limit`` outlets with the most
    articles (:func:`_charted_outlets`) under their :func:`_chart_names`; the tables
    keep every outlet under its full name. ``slugs`` of the view is keyed by the names
    drawn and gives the slug of the full name.
    """
    from dataclasses import replace

    charted = _charted_outlets(res, limit)
    names = _chart_names(charted)
    if not names and len(charted) == len(res.outlets):
        return res
    keep = set(charted)
    index = {o: i for i, o in enumerate(res.outlets)}

    def relabel(frame: pd.DataFrame) -> pd.DataFrame:
        cols = [c for c in _OUTLET_COLUMNS if c in frame.columns]
        if not cols:
            return frame
        mask = pd.Series(True, index=frame.index)
        for c in ("outlet", "outlet_a", "outlet_b"):
            if c in frame.columns:
                mask &= frame[c].isin(keep)
        frame = frame[mask]
        return frame.assign(**{c: frame[c].map(lambda v: names.get(v, v)) for c in cols})

    return replace(
        res,
        article_stats=relabel(res.article_stats),
        outlet_stats=relabel(res.outlet_stats),
        fingerprint=relabel(res.fingerprint),
        freqs=relabel(res.freqs),
        trends=res.trends,  # by term, not by outlet
        near=relabel(res.near),
        keyness_tables=[
            relabel(res.keyness_tables[index[o]])
            for o in charted
            if index[o] < len(res.keyness_tables)
        ],
        outlets=[names.get(o, o) for o in charted],
        slugs={names.get(o, o): res.slugs[o] for o in charted},
    )


def _sections(res: _Results, chart: _ChartWriter, *, n_boot: int, top_terms: int) -> list[_Section]:
    """Step "charts": the sections of the page, their charts drawn and saved.

    Charts are drawn from :func:`_chart_view` (at most :data:`_MAX_CHARTED_OUTLETS`
    outlets, over-long names cut); the tables of the page keep every outlet and the
    full names.
    """
    view = _chart_view(res)
    height = _fit(0.45 * len(view.outlets) + 1.5, low=3.0)
    sections = [
        _quality_section(res, view, chart, n_boot=n_boot, height=height),
        _fingerprint_section(view, chart),
        _scripts_section(view, chart, height=height),
        _keywords_section(view, chart, top_terms=top_terms),
        _reuse_section(res, view, chart),
    ]
    if len(view.outlets) < len(res.outlets):
        note = (
            f" The charts show the {len(view.outlets)} outlets with the most articles (of "
            f"{len(res.outlets)}); the tables and <code>tables/</code> cover every outlet."
        )
        for sec in sections:
            sec.method += note
    return sections


def _fit(inches: float, *, low: float, high: float = 40.0) -> float:
    """A chart dimension kept between ``low`` and ``high`` inches."""
    return min(max(low, inches), high)


def _quality_section(
    res: _Results, view: _Results, chart: _ChartWriter, *, n_boot: int, height: float
) -> _Section:
    from toolkit import plots

    rep, boil, stray = (f"<b>{html.escape(label(rate))}</b>" for rate in HEADLINE_RATES)
    sec = _Section(
        "Quality by outlet",
        "Each point is an outlet's mean over its articles, with a 95% percentile bootstrap "
        f"interval ({n_boot} resamples of its articles); the small dots are the articles. "
        f"{rep}: characters of lines that repeat an earlier line of the same "
        "article, exactly after normalisation (NFKC, quote marks and dashes folded, spacing "
        "collapsed, case folded) or nearly (word-shingle Jaccard similarity at or above the "
        f"threshold), over the characters of all non-blank lines. {boil}: "
        "characters of lines labelled as site chrome (outlet template lines, UI vocabulary, "
        f"line shape and position) over the same denominator. {stray}: "
        "characters in foreign-script UI text, mixed-script words, mojibake, leftover markup "
        "and control characters. Empty articles count as missing, not as zero.",
    )
    for rate in HEADLINE_RATES:
        stem = chart(
            f"outlet_{rate}",
            partial(
                plots.plot_outlet_metric, view.article_stats, rate, outlet_stats=view.outlet_stats
            ),
            statistic=rate,
            size=(8, height),
        )
        sec.charts.append((stem, f"{label(rate)} per outlet, with 95% bootstrap intervals."))
    keep = ["outlet", "n_articles"] + [
        c for rate in HEADLINE_RATES for c in (f"{rate}_mean", f"{rate}_ci_low", f"{rate}_ci_high")
    ]
    ostats = res.outlet_stats
    sec.tables.append(("Outlet statistics", ostats[[c for c in keep if c in ostats.columns]]))
    return sec


def _fingerprint_section(view: _Results, chart: _ChartWriter) -> _Section:
    from toolkit import plots

    sec = _Section(
        "Boilerplate fingerprints",
        "The lines that make up each outlet's boilerplate, and the share of its articles "
        "each occurs in (after normalisation). A line is an outlet template line when it "
        "occurs in at least the detector's minimum share of that outlet's articles.",
    )
    fingerprint = view.fingerprint
    for outlet in view.outlets:
        fp = fingerprint[fingerprint["outlet"] == outlet]
        if fp.empty:
            continue
        stem = chart(
            f"fingerprint_{view.slugs[outlet]}",
            partial(plots.plot_boilerplate_fingerprint, fingerprint, outlet=outlet),
            statistic=f"boilerplate fingerprint of {outlet}",
            size=(9, max(3.0, 0.35 * min(len(fp), 15) + 1.5)),
        )
        sec.charts.append((stem, f"Most frequent boilerplate lines of {outlet}."))
    return sec


def _scripts_section(res: _Results, chart: _ChartWriter, *, height: float) -> _Section:
    from toolkit import plots

    sec = _Section(
        "Stray strings and scripts",
        "Letters are counted by Unicode script (Latin, Cyrillic, other); a line is a "
        "stray string when it is in a script other than the article's dominant one "
        "(e.g. Cyrillic UI text on an English page), holds a word mixing scripts "
        "(homoglyphs), is mojibake (ftfy's detector), or carries leftover markup or "
        "control characters.",
    )
    astats = res.article_stats
    stem = chart(
        "script_profile",
        lambda ax: plots.plot_script_profile(astats, ax=ax),
        statistic="share of letters by script",
        size=(8, height),
    )
    sec.charts.append((stem, "Share of letters by script, mean over each outlet's articles."))
    stem = chart(
        "stray_kinds",
        lambda ax: plots.plot_stray_kinds(astats, ax=ax),
        statistic="stray lines per article by kind",
        size=(8, height),
    )
    kinds = ", ".join(STRAY_KIND_LABELS.values())
    sec.charts.append((stem, f"Stray-string lines per article, by kind ({kinds})."))
    return sec


def _keywords_section(view: _Results, chart: _ChartWriter, *, top_terms: int) -> _Section:
    from toolkit import plots

    sec = _Section(
        "Keywords",
        "Word frequencies on the clean text (boilerplate and repeated lines removed), per "
        "10,000 words of each outlet; stop words (function words only) left out. Keyness "
        "compares each outlet with all the others: signed log-likelihood G2 (Rayson and "
        "Garside 2000; positive = more frequent in the outlet), Log Ratio (Hardie 2014; "
        "binary log of the ratio of relative frequencies, zero counts smoothed), and the "
        "number of the outlet's articles using the term.",
    )
    stem = chart(
        "keyword_heatmap",
        lambda ax: plots.plot_keyword_heatmap(view.freqs, terms=view.top_terms, ax=ax),
        statistic="keyword frequency per 10,000 words",
        size=(_fit(1.1 * len(view.outlets) + 3, low=6.0), 8),
    )
    sec.charts.append((stem, "The corpus's 20 most frequent terms, per 10,000 words by outlet."))
    columns = ["term", "n_target", "n_reference", "g2", "log_ratio", "p_value", "n_target_articles"]
    for outlet, table in zip(view.outlets, view.keyness_tables, strict=False):
        stem = chart(
            f"keyness_{view.slugs[outlet]}",
            partial(plots.plot_keyness, table, stat="g2", top=top_terms),
            statistic=f"keyness (G2) of {outlet} against the rest",
            size=(8, _fit(0.3 * 2 * top_terms, low=4.0)),
        )
        sec.charts.append((stem, f"Keyness of {outlet} against all other outlets."))
        sec.tables.append((f"Top key terms of {outlet}", table.head(top_terms)[columns]))
    if not view.trends.empty:
        stem = chart(
            "keyword_trends",
            lambda ax: plots.plot_keyword_trends(view.trends, ax=ax),
            statistic="weekly keyword frequency per 10,000 words",
            size=(9, 5),
        )
        sec.charts.append((stem, "Weekly frequency of the four most frequent terms."))
    return sec


_PAIR_COLUMNS = (
    "article_id_a",
    "outlet_a",
    "article_id_b",
    "outlet_b",
    "similarity",
    "shared_share",
    "source_outlet",
)


def _reuse_section(res: _Results, view: _Results, chart: _ChartWriter) -> _Section:
    from toolkit import plots

    sec = _Section(
        "Reuse and syndication",
        "Article pairs from different outlets whose clean texts share many word 5-shingles "
        "(MinHash and LSH to find candidates, then the exact Jaccard similarity). The "
        "earlier-published article of a pair is its likely source. The matrix counts pairs "
        "from the source's outlet (rows) to the republishing outlet (columns).",
    )
    n = len(view.outlets)
    stem = chart(
        "reuse_matrix",
        lambda ax: plots.plot_reuse_matrix(view.near, outlets=view.outlets, ax=ax),
        statistic="near-duplicate article pairs",
        size=(_fit(1.1 * n + 3, low=6.0), _fit(0.8 * n + 2, low=5.0)),
    )
    sec.charts.append((stem, "Near-duplicate pairs by source and republishing outlet."))
    near = res.near
    sec.tables.append(("Near-duplicate pairs", near[[c for c in _PAIR_COLUMNS if c in near]]))
    return sec


def _write_tables_and_page(
    res: _Results,
    sections: list[_Section],
    chart_files: dict[str, bytes],
    out: Path,
    corpus_name: str,
    roots: tuple[Path, ...] = (),
) -> Path:
    """Step "tables and page": every table (CSV, Parquet) and ``index.html``."""
    from toolkit.export import atomic_write_text, write_table

    tables_dir = out / "tables"
    _guard(tables_dir, roots)
    tables_dir.mkdir(parents=True, exist_ok=True)
    formats: tuple[str, ...] = ("csv", "parquet") if _has_pyarrow() else ("csv",)
    exports = {
        "article_stats": res.article_stats,
        "outlet_stats": res.outlet_stats,
        "keyword_frequencies": res.freqs,
        "keyness": res.keyness_all,
        "near_duplicates": res.near,
        "boilerplate_fingerprint": res.fingerprint,
        "labelled_lines": res.lines,
        "load_errors": res.corpus.errors,
    }
    if "outlet_source" in res.corpus.articles.columns:
        from toolkit.schema import PROVENANCE_COLUMNS

        exports["articles_provenance"] = res.corpus.articles[
            ["article_id", "outlet", "published_at", *PROVENANCE_COLUMNS]
        ]
    if not res.trends.empty:
        exports["keyword_trends"] = res.trends
    for name, frame in exports.items():
        for fmt in formats:
            _guard(tables_dir / f"{name}.{fmt}", roots)
        write_table(frame, tables_dir / name, formats=formats)
    page = _render_page(
        corpus_name=corpus_name,
        corpus=res.corpus,
        sections=sections,
        chart_files=chart_files,
        table_names=list(exports),
        formats=formats,
    )
    index = out / "index.html"
    _guard(index, roots)
    atomic_write_text(index, page)
    return index


def _has_pyarrow() -> bool:
    try:
        import pyarrow  # noqa: F401
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        return False
    return True


def _slug(name: str) -> str:
    """The file-name slug of an outlet name: :func:`toolkit.export.file_slug`.

    Examples
    --------
    >>> _slug("The Daily Clarion"), _slug("Вестник Севера")[:15], _slug("???")[:7]
    ('the_daily_clarion_44acdd2c', 'vestnik_severa_', 'outlet_')
    """
    from toolkit.export import file_slug

    return file_slug(name)


def _provenance_html(corpus: Any) -> list[str]:
    """How the outlets, dates and languages were found (the load report), as HTML."""
    if "outlet_source" not in corpus.articles.columns:
        return []
    table = corpus.provenance()
    table = table.assign(share=(100 * table["share"]).round(1)).rename(
        columns={"share": "share (%)"}
    )
    return [
        "<h3>How outlets, dates and languages were found</h3>",
        "<p>Per article: <code>outlet_source</code> (manifest, folder, table column, or read "
        "from the page: title line, caption, copyright line, dateline, domain, or the site "
        "template its pages share), <code>date_source</code> and <code>language</code>; "
        "<em>missing</em> counts the articles without one. Evidence lines are in "
        "<code>tables/articles_provenance</code>.</p>",
        _table_html(table),
    ]


def _render_page(
    *,
    corpus_name: str,
    corpus: Any,
    sections: list[_Section],
    chart_files: dict[str, bytes],
    table_names: list[str],
    formats: tuple[str, ...],
) -> str:
    from toolkit import __version__

    esc = html.escape
    arts = corpus.articles
    counts = arts.groupby("outlet").size().sort_index()
    when = arts["published_at"].dropna()
    span = (
        f"{when.min():%Y-%m-%d} to {when.max():%Y-%m-%d}"
        if len(when)
        else "publication dates unknown"
    )
    parts = [
        "<!DOCTYPE html>",
        "<html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>Corpus report: {esc(corpus_name)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>Corpus report: {esc(corpus_name)}</h1>",
        f"<p class='meta'>{len(arts)} articles from {len(counts)} outlets, {esc(span)}; "
        f"{len(corpus.errors)} file(s) could not be loaded. Made with toolkit {esc(__version__)} "
        f"on {datetime.now(UTC):%Y-%m-%d}.</p>",
        "<nav>"
        + "".join(f"<a href='#s{i}'>{esc(s.title)}</a>" for i, s in enumerate(sections))
        + "<a href='#tables'>Tables</a><a href='#errors'>Load errors</a></nav>",
        "<h2>Outlets</h2>",
        _table_html(counts.rename("n_articles").reset_index()),
        *_provenance_html(corpus),
    ]
    for i, sec in enumerate(sections):
        parts.append(f"<h2 id='s{i}'>{esc(sec.title)}</h2>")
        parts.append(f"<div class='method'><p><b>Method.</b> {sec.method}</p></div>")
        for stem, caption in sec.charts:
            data = base64.b64encode(chart_files[stem]).decode("ascii")
            links = " ".join(
                f"<a href='charts/{esc(stem)}.{fmt}'>{fmt.upper()}</a>" for fmt in _CHART_FORMATS
            )
            parts.append(
                f"<figure><img alt='{esc(caption)}' src='data:image/png;base64,{data}'>"
                f"<figcaption>{esc(caption)} Download: {links}</figcaption></figure>"
            )
        for caption, frame in sec.tables:
            parts.append(f"<h3>{esc(caption)}</h3>")
            parts.append(_table_html(frame))
    parts.append("<h2 id='tables'>Tables</h2><ul>")
    for name in table_names:
        links = " ".join(f"<a href='tables/{esc(name)}.{fmt}'>{fmt}</a>" for fmt in formats)
        parts.append(f"<li>{esc(name)}: {links}</li>")
    parts.append("</ul>")
    parts.append("<h2 id='errors'>Load errors</h2>")
    parts.append(
        "<p>Files the loader could not read. Each was skipped; everything else loaded.</p>"
    )
    parts.append(_table_html(corpus.errors, max_rows=200))
    parts.append("</body></html>")
    return "\n".join(parts)
