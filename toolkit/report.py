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
import contextlib
import html
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.schema import (
    HEADLINE_RATES,
    MIN_RELIABLE_ARTICLES,
    STRAY_KIND_LABELS,
    label,
    label_columns,
)

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
figure{margin:1rem 0}figure img{max-width:100%;height:auto;border:1px solid #ddd;
box-sizing:border-box}
figcaption{font-size:.9rem;color:#444}
table.table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0;display:block;overflow-x:auto}
table.table th,table.table td{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left;
vertical-align:top;max-width:32rem}
table.table th{background:#eef2f7}.empty,.more{color:#666;font-style:italic}
nav a{margin-right:1rem}
#findings ol.findings{padding-left:2.5rem}#findings li.finding{margin:.6rem 0}
#findings li.finding p{margin:.1rem 0}#findings .links a{font-size:.85rem;margin-left:.4rem}
#findings details{font-size:.85rem;color:#444}#findings details ul{margin:.2rem 0}
"""


def build_report(
    source: Any,
    out: str | Path,
    *,
    force: bool = False,
    progress: bool | None = None,
    top_terms: int = 15,
    n_boot: int = 1000,
    lines: bool = False,
    workers: int | None = None,
) -> Path:
    """Measure a corpus and write a report folder.

    The page opens with the findings (:func:`toolkit.findings`): what the statistics
    show, in sentences, each linked to the chart, the table and the lines behind it.

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
    lines : bool, default False
        Also write ``tables/labelled_lines`` (every line with its labels; several times
        the size of the corpus, so it is left out by default). It is written one batch
        of articles at a time, never held whole.
    workers : int, optional
        Processes that draw the charts (default: 2 where processes can be forked and
        there are at least two cores, else 1). The files are the same either way.

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
    >>> index.name, (index.parent / "tables" / "findings.csv").exists()
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
    formats: tuple[str, ...] = ("csv", "parquet") if _has_pyarrow() else ("csv",)
    sink = None
    if lines:
        tables_dir = out / "tables"
        for path in (tables_dir, *(tables_dir / f"labelled_lines.{f}" for f in formats)):
            _guard(path, roots)
        sink = _LinesTable(tables_dir / "labelled_lines", formats)
    with sink if sink is not None else contextlib.nullcontext():
        results = _compute_statistics(corpus, n_boot=n_boot, step=step, show=show, lines_sink=sink)
    step("charts")
    charts = _ChartWriter(
        out / "charts",
        corpus_name=corpus_name,
        n_articles=len(corpus.articles),
        roots=roots,
        workers=_chart_workers(workers),
    )
    sections = _sections(results, charts, n_boot=n_boot, top_terms=top_terms)
    charts.render()
    step("tables and page")
    index = _write_tables_and_page(results, sections, charts.files, out, corpus_name, roots)
    bar.update()
    bar.close()
    return index


def _chart_workers(workers: int | None) -> int:
    """The processes that draw the charts: as asked, else 2 on a machine with 2+ cores."""
    if workers is not None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers!r}")
        return int(workers)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return 2 if (cores or 1) >= 2 else 1


#: The steps of :func:`build_report`, as its progress bar names them.
_STEPS: tuple[str, ...] = (
    "load",
    "label lines",
    "keywords",
    "keyness",
    "near-duplicates",
    "findings",
    "charts",
    "tables and page",
)


@dataclass
class _Results:
    """Everything :func:`build_report` measures, computed once (:func:`_compute_statistics`)."""

    corpus: Any
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
    stray: pd.DataFrame = field(default_factory=pd.DataFrame)
    findings: pd.DataFrame = field(default_factory=pd.DataFrame)
    n_lines: int = 0
    lines_written: bool = False


def _load(source: Any, source_path: Path | None, *, show: bool) -> tuple[Any, str]:
    """Step "load": the corpus and the name the report gives it."""
    from toolkit.corpus import Corpus, load_corpus

    if isinstance(source, Corpus):
        corpus = source
        where = source.source
        name = Path(where).name if where[:1] != "<" and where else "corpus"
    else:
        corpus = load_corpus(source, progress=show) if source_path else Corpus.from_frame(source)
        name = source_path.name if source_path else "corpus"
    return corpus, name or "corpus"


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


#: The columns of a stray line the report keeps (for the findings and their evidence).
_STRAY_COLUMNS = (
    "article_id",
    "outlet",
    "line_no",
    "stray_kind",
    "stray_text",
    "script",
    "article_script",
    "text",
)


def _label_in_batches(
    corpus: Any, *, show: bool, lines_sink: _LinesTable | None
) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame, pd.DataFrame]:
    """Step "label lines": article statistics, clean texts, fingerprint and stray lines.

    The articles are labelled one batch of about
    :data:`toolkit.stats.summary.BATCH_CHARS` characters at a time, with one
    boilerplate detector fitted on the line counts of all of them first (as
    :func:`toolkit.article_stats` does): the numbers equal those of one
    :func:`toolkit.label_lines` call on the whole corpus, while only one batch's lines
    are ever held. Of each batch the report keeps its article statistics, its clean
    texts, the counts of its boilerplate lines and its stray lines; ``lines_sink``
    (the labelled-lines table, when asked for) gets every batch's lines as they come.
    """
    from toolkit._progress import progress as progress_bar
    from toolkit.stats.boilerplate import BoilerplateDetector, boilerplate_fingerprint
    from toolkit.stats.summary import (
        BATCH_CHARS,
        article_stats,
        batch_bounds,
        label_lines,
        strip_boilerplate,
    )

    arts = corpus.articles
    batches = [arts.iloc[a:b] for a, b in batch_bounds(arts, BATCH_CHARS)]
    detector = BoilerplateDetector().fit_batches(batches, progress=show and len(batches) > 3)
    stats_parts, clean_parts, stray_parts = [], [], []
    fingerprint: pd.DataFrame | None = None
    desc = f"labelling the lines of {len(arts):,} articles"
    for batch in progress_bar(
        batches, show=show and len(batches) > 3, total=len(batches), desc=desc, unit="batch"
    ):
        lines = label_lines(batch, detector=detector, cache=False)
        stats_parts.append(article_stats(batch, lines=lines))
        # held as Arrow strings batch by batch: never all clean texts as Python strings
        clean_parts.append(strip_boilerplate(batch, lines=lines)["clean_text"].astype("str"))
        stray = lines.loc[lines["stray_kind"].notna()]
        stray_parts.append(stray[[c for c in _STRAY_COLUMNS if c in stray.columns]])
        counted = boilerplate_fingerprint(lines, top=None)[["outlet", "norm", "text", "n_articles"]]
        fingerprint = counted if fingerprint is None else _add_counts(fingerprint, counted)
        if lines_sink is not None:
            lines_sink.write(lines)
        del lines
    astats = pd.concat(stats_parts) if len(stats_parts) > 1 else stats_parts[0]
    clean = pd.concat(clean_parts) if len(clean_parts) > 1 else clean_parts[0]
    with_lines = astats.loc[astats["n_lines"] > 0].groupby("outlet")["article_id"].size()
    fp = fingerprint if fingerprint is not None else pd.DataFrame()
    if len(fp):
        fp = fp.assign(share=fp["n_articles"] / fp["outlet"].map(with_lines).to_numpy())
        fp = fp.sort_values(
            ["outlet", "n_articles", "norm"], ascending=[True, False, True], kind="stable"
        )
        fp = fp.groupby("outlet", sort=False).head(15)
        fp = fp[["outlet", "text", "norm", "n_articles", "share"]].reset_index(drop=True)
        fp = fp.astype({"n_articles": "int64", "share": "float64"})
    stray = pd.concat(stray_parts, ignore_index=True)
    return astats, clean, fp, stray


def _add_counts(total: pd.DataFrame, more: pd.DataFrame) -> pd.DataFrame:
    """Boilerplate-line counts of two disjoint sets of articles summed (first text kept)."""
    both = pd.concat([total, more], ignore_index=True)
    grouped = both.groupby(["outlet", "norm"], sort=False)
    out = grouped["n_articles"].sum().reset_index()
    out["text"] = grouped["text"].first().to_numpy()
    return out


def _compute_statistics(
    corpus: Any,
    *,
    n_boot: int,
    step: Callable[[str], None],
    show: bool = False,
    lines_sink: _LinesTable | None = None,
) -> _Results:
    """Steps "label lines" to "findings": every table of the report."""
    from toolkit.findings_rules import findings
    from toolkit.stats.keywords import keyness, keyword_frequencies, keyword_trends, term_counts
    from toolkit.stats.reuse import near_duplicates
    from toolkit.stats.summary import outlet_stats

    arts = corpus.articles
    step("label lines")
    astats, clean, fingerprint, stray = _label_in_batches(corpus, show=show, lines_sink=lines_sink)
    ostats = outlet_stats(astats, n_boot=n_boot)
    cleaned = arts.assign(clean_text=pd.Series(clean.array, index=arts.index))
    del clean
    step("keywords")
    counts = term_counts(cleaned, text="clean")
    freqs = keyword_frequencies(counts)
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
    del counts
    keyness_all = (
        pd.concat(tables, ignore_index=True)
        if tables
        else pd.DataFrame(columns=["term", "target", "reference", "g2", "log_ratio"])
    )
    step("near-duplicates")
    near = near_duplicates(cleaned, text="clean")
    del cleaned
    step("findings")
    found = findings(
        corpus,
        stats=astats,
        outlet_summary=ostats,
        reuse=near,
        keyness=keyness_all if tables else None,
        stray=stray,
    )
    return _Results(
        corpus=corpus,
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
        stray=stray,
        findings=found,
        n_lines=int(astats["n_lines"].sum()),
        lines_written=lines_sink is not None,
    )


class _LinesTable:
    """The labelled-lines table, written one batch at a time (CSV, and Parquet when
    pyarrow is there), each file atomically: nothing of it is held but one batch."""

    def __init__(self, base: Path, formats: tuple[str, ...]) -> None:
        self.base = base
        self.formats = formats
        self._stack = contextlib.ExitStack()
        self._csv: Any = None
        self._parquet: Any = None
        self._pq_file: Any = None
        self._schema: Any = None
        self._started = False

    def __enter__(self) -> _LinesTable:
        from toolkit.export import atomic_writer

        self.base.parent.mkdir(parents=True, exist_ok=True)
        if "csv" in self.formats:
            self._csv = self._stack.enter_context(atomic_writer(self.base.with_suffix(".csv")))
        if "parquet" in self.formats:
            self._pq_file = self._stack.enter_context(
                atomic_writer(self.base.with_suffix(".parquet"))
            )
        return self

    def write(self, lines: pd.DataFrame) -> None:
        from toolkit.export import spreadsheet_safe

        if self._csv is not None:
            text = spreadsheet_safe(lines).to_csv(
                index=False, header=not self._started, lineterminator="\n"
            )
            self._csv.write(text.encode("utf-8"))
        self._started = True
        if self._pq_file is not None:
            import pyarrow as pa
            import pyarrow.parquet as pq

            if self._schema is None:
                first = pa.Table.from_pandas(lines, preserve_index=False).schema
                self._schema = pa.schema(
                    [
                        pa.field(f.name, pa.large_string())
                        if pa.types.is_null(f.type) or pa.types.is_string(f.type)
                        else f
                        for f in first
                    ]
                )
                self._parquet = pq.ParquetWriter(self._pq_file, self._schema)
            table = pa.Table.from_pandas(lines, schema=self._schema, preserve_index=False)
            self._parquet.write_table(table)

    def __exit__(self, *exc: Any) -> None:
        try:
            if self._parquet is not None:
                self._parquet.close()
            elif self._pq_file is not None and exc[0] is None:  # no line at all
                import pyarrow as pa
                import pyarrow.parquet as pq

                pq.write_table(pa.table({}), self._pq_file)
        finally:
            self._stack.__exit__(*exc)


class _ChartWriter:
    """Collects the report's charts, then draws each once and saves it as PNG and SVG.

    ``chart(stem, draw, ...)`` only registers the chart; :meth:`render` draws them all.
    Each chart is drawn once and both files are rendered from that one figure
    (:func:`toolkit.export.save_figure`); the page inlines the PNG file written, so no
    format is rendered twice. With ``workers`` > 1 and the ``fork`` start method the
    charts are drawn by that many processes (each chart is independent; the bytes are
    the same as drawn here).
    """

    def __init__(
        self,
        charts_dir: Path,
        *,
        corpus_name: str,
        n_articles: int,
        roots: tuple[Path, ...] = (),
        workers: int = 1,
    ) -> None:
        self.charts_dir = charts_dir
        self.corpus_name = corpus_name
        self.n_articles = n_articles
        self.roots = roots
        self.workers = workers
        self.files: dict[str, bytes] = {}
        self.jobs: list[tuple[str, Callable[..., Any], str, tuple[float, float]]] = []

    def __call__(
        self, stem: str, draw: Callable[..., Any], *, statistic: str, size: tuple[float, float]
    ) -> str:
        """Register ``draw(ax=ax)`` to be written as ``<stem>.png|svg``; return ``stem``."""
        self.jobs.append((stem, draw, statistic, size))
        return stem

    def render(self) -> dict[str, bytes]:
        """Draw and save every registered chart; return the PNG bytes by stem."""
        for stem, *_ in self.jobs:
            for path in (
                self.charts_dir,
                *(self.charts_dir / f"{stem}.{f}" for f in _CHART_FORMATS),
            ):
                _guard(path, self.roots)  # checked up front; again here, in case links changed
        self.charts_dir.mkdir(parents=True, exist_ok=True)
        jobs = list(range(len(self.jobs)))
        workers = min(self.workers, len(jobs))
        if workers > 1 and _can_fork():
            import multiprocessing

            global _PENDING
            _PENDING = self
            try:
                with multiprocessing.get_context("fork").Pool(workers) as pool:
                    drawn = pool.map(_draw_pending, jobs, chunksize=1)
            finally:
                _PENDING = None
        else:
            drawn = [self.draw(i) for i in jobs]
        self.files.update(zip((job[0] for job in self.jobs), drawn, strict=True))
        return self.files

    def draw(self, i: int) -> bytes:
        """Draw chart ``i``, write its files; return its PNG."""
        import matplotlib.pyplot as plt

        from toolkit import plots
        from toolkit.export import method_note, save_figure

        stem, draw, statistic, size = self.jobs[i]
        with plots.toolkit_style():
            fig, ax = plt.subplots(figsize=size)
            try:
                draw(ax=ax)
                note = method_note(
                    corpus=self.corpus_name, n_articles=self.n_articles, statistic=statistic
                )
                written = save_figure(
                    fig, self.charts_dir / stem, formats=_CHART_FORMATS, note=note
                )
            finally:
                plt.close(fig)
        return written[_CHART_FORMATS.index("png")].read_bytes()


#: The chart writer whose charts forked worker processes draw (see :meth:`_ChartWriter.render`).
_PENDING: _ChartWriter | None = None


def _draw_pending(i: int) -> bytes:
    assert _PENDING is not None
    return _PENDING.draw(i)


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


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
    >>> res = _Results(*([None] * 12))
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
    shown = ostats[[c for c in keep if c in ostats.columns]]
    small = shown["n_articles"] < MIN_RELIABLE_ARTICLES
    if small.any():
        # an interval of one or two articles ([0.0, 0.0] for one) would read as certainty
        ci = [c for c in shown.columns if c.endswith(("_ci_low", "_ci_high"))]
        shown = shown.astype({c: "float64" for c in ci})
        shown.loc[small, ci] = float("nan")
        names = ", ".join(html.escape(str(o)) for o in shown.loc[small, "outlet"])
        sec.method += (
            f" Outlets with fewer than {MIN_RELIABLE_ARTICLES} articles ({names}) are too "
            "small to compare: the table shows no interval for them (–), and the findings "
            "leave them out of every comparison."
        )
    sec.tables.append(("Outlet statistics", shown))
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
    sec.tables.append(("Stray strings", _stray_table(res.stray)))
    return sec


def _stray_table(stray: pd.DataFrame) -> pd.DataFrame:
    """The stray strings of the corpus, the most widespread first: one row per outlet,
    kind and string, with the number of the outlet's articles it is on."""
    columns = ["outlet", "stray_kind", "stray_text", "n_articles"]
    if stray.empty:
        return pd.DataFrame(columns=columns)
    key = stray["stray_text"].fillna("").astype(str)
    grouped = stray.assign(stray_text=key).groupby(
        ["outlet", "stray_kind", "stray_text"], sort=True
    )
    table = grouped["article_id"].nunique().rename("n_articles").reset_index()
    table["stray_kind"] = table["stray_kind"].map(lambda k: STRAY_KIND_LABELS.get(k, k))
    table = table.sort_values(
        ["n_articles", "outlet", "stray_text"], ascending=[False, True, True], kind="stable"
    )
    return table[columns].reset_index(drop=True)


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
        lambda ax: plots.plot_keyword_heatmap(
            view.freqs,
            terms=view.top_terms,
            ax=ax,
            sizes=view.article_stats["outlet"].astype(str).value_counts(),
        ),
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
        "findings": _findings_export(res.findings),
        "article_stats": res.article_stats,
        "outlet_stats": res.outlet_stats,
        "keyword_frequencies": res.freqs,
        "keyness": res.keyness_all,
        "near_duplicates": res.near,
        "boilerplate_fingerprint": res.fingerprint,
        "stray_lines": res.stray,
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
    names = list(exports)
    if res.lines_written:
        names.insert(names.index("stray_lines"), "labelled_lines")
    page = _render_page(
        corpus_name=corpus_name,
        res=res,
        sections=sections,
        chart_files=chart_files,
        table_names=names,
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


def _findings_export(found: pd.DataFrame) -> pd.DataFrame:
    """The findings as a flat table: outlets and evidence spelt out, joined by ``"; "``."""
    from toolkit.findings_rules import format_evidence

    return found.assign(
        outlets=["; ".join(o) for o in found["outlets"]],
        evidence=["; ".join(format_evidence(e) for e in ev) for ev in found["evidence"]],
    )


def _anchor(kind: str, name: str) -> str:
    """A stable, HTML-safe element id (``chart-<stem>``, ``table-<slug>``)."""
    return f"{kind}-{_slug(name)}" if kind == "table" else f"{kind}-{name}"


def _finding_targets(row: Any, res: _Results, ids: set[str]) -> list[tuple[str, str]]:
    """(label, href) of the chart and the table behind a finding, those on the page."""
    kind, statistic = row.kind, row.statistic
    outlets = list(row.outlets)
    links: list[tuple[str, str]] = []
    if kind in ("highest", "lowest", "no_difference"):
        links = [
            ("chart", f"#chart-outlet_{statistic}"),
            ("table", "#" + _anchor("table", "Outlet statistics")),
        ]
    elif kind.startswith("republication") or kind == "no_republication":
        links = [
            ("chart", "#chart-reuse_matrix"),
            ("table", "#" + _anchor("table", "Near-duplicate pairs")),
        ]
    elif kind.startswith("stray"):
        links = [
            ("chart", "#chart-stray_kinds"),
            ("table", "#" + _anchor("table", "Stray strings")),
        ]
    elif kind == "distinctive_terms" and outlets and outlets[0] in res.slugs:
        links = [
            ("chart", f"#chart-keyness_{res.slugs[outlets[0]]}"),
            ("table", "#" + _anchor("table", f"Top key terms of {outlets[0]}")),
        ]
    elif kind == "small_sample":
        links = [("table", "#outlets")]
    elif kind.startswith("load"):
        links = [("section", "#outlets" if kind == "load_missing" else "#errors")]
    return [(text, href) for text, href in links if href[1:] in ids]


def _evidence_html(row: Any, res: _Results) -> str:
    """The articles, lines, pairs, terms or files behind a finding, escaped."""
    from toolkit.findings_rules import format_evidence

    if not row.evidence:
        return ""
    esc = html.escape
    stray = res.stray
    texts: dict[tuple[str, int], str] = {}
    if len(stray) and "text" in stray.columns:
        wanted = {(e[1], e[2]) for e in row.evidence if e[0] == "line"}
        if wanted:
            keys = list(zip(stray["article_id"], stray["line_no"].astype(int), strict=True))
            texts = {
                k: t for k, t in zip(keys, stray["text"].astype(str), strict=True) if k in wanted
            }
    items = []
    for item in row.evidence:
        shown = esc(format_evidence(item))
        if item[0] == "line" and (item[1], item[2]) in texts:
            shown += f": <q>{esc(texts[(item[1], item[2])][:200])}</q>"
        items.append(f"<li>{shown}</li>")
    more = (
        "<li class='more'>… see <code>tables/findings.csv</code> and the tables it names</li>"
        if row.n > len(row.evidence) and row.kind not in ("distinctive_terms",)
        else ""
    )
    return (
        f"<details><summary>Evidence ({len(row.evidence)})</summary><ul>"
        + "".join(items)
        + more
        + "</ul></details>"
    )


def _findings_html(res: _Results, ids: set[str]) -> list[str]:
    """The lead: every finding's sentence, linked to its chart, table and evidence."""
    esc = html.escape
    found = res.findings
    parts = [
        "<section id='findings'><h2>Findings</h2>",
        "<p class='meta'>Written from the statistics below by fixed rules "
        "(<code>toolkit.findings</code>); a difference between outlets is stated only "
        "when their 95% bootstrap intervals do not overlap. Also in "
        "<a href='tables/findings.csv'>tables/findings.csv</a>.</p>",
    ]
    if found.empty:
        parts.append("<p class='empty'>No finding: too little to compare.</p></section>")
        return parts
    parts.append("<ol class='findings'>")
    for i, row in enumerate(found.itertuples(index=False)):
        links = _finding_targets(row, res, ids)
        linked = " ".join(f"<a class='to' href='{esc(h)}'>{esc(t)}</a>" for t, h in links)
        parts.append(
            f"<li id='finding-{i}' class='finding {esc(str(row.kind))}'><p>{esc(str(row.sentence))} "
            f"<span class='links'>{linked}</span></p>{_evidence_html(row, res)}</li>"
        )
    parts.append("</ol></section>")
    return parts


def _title(corpus_name: str, arts: pd.DataFrame) -> str:
    """``corpus: 99 articles from 6 outlets, 2024-03-04 to 2024-04-20``."""
    n_outlets = arts["outlet"].nunique()
    when = arts["published_at"].dropna()
    span = f", {when.min():%Y-%m-%d} to {when.max():%Y-%m-%d}" if len(when) else ""
    articles = f"{len(arts):,} article{'s' if len(arts) != 1 else ''}"
    outlets = f"{n_outlets:,} outlet{'s' if n_outlets != 1 else ''}"
    return f"{corpus_name}: {articles} from {outlets}{span}"


def _render_page(
    *,
    corpus_name: str,
    res: _Results,
    sections: list[_Section],
    chart_files: dict[str, bytes],
    table_names: list[str],
    formats: tuple[str, ...],
) -> str:
    from toolkit import __version__

    esc = html.escape
    corpus = res.corpus
    arts = corpus.articles
    counts = arts.groupby("outlet").size().sort_index()
    title = _title(corpus_name, arts)
    body: list[str] = []
    ids = {"outlets", "tables", "errors", "findings"}
    for i, sec in enumerate(sections):
        body.append(f"<h2 id='s{i}'>{esc(sec.title)}</h2>")
        body.append(f"<div class='method'><p><b>Method.</b> {sec.method}</p></div>")
        for stem, caption in sec.charts:
            if stem not in chart_files:
                continue
            data = base64.b64encode(chart_files[stem]).decode("ascii")
            links = " ".join(
                f"<a href='charts/{esc(stem)}.{fmt}'>{fmt.upper()}</a>" for fmt in _CHART_FORMATS
            )
            anchor = _anchor("chart", stem)
            ids.add(anchor)
            body.append(
                f"<figure id='{esc(anchor)}'><img alt='{esc(caption)}' "
                f"src='data:image/png;base64,{data}'>"
                f"<figcaption>{esc(caption)} Download: {links}</figcaption></figure>"
            )
        for caption, frame in sec.tables:
            anchor = _anchor("table", caption)
            ids.add(anchor)
            body.append(f"<h3 id='{esc(anchor)}'>{esc(caption)}</h3>")
            body.append(_table_html(frame))
    parts = [
        "<!DOCTYPE html>",
        "<html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>{esc(title)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{esc(title)}</h1>",
        f"<p class='meta'>Report on {esc(corpus_name)}: {len(arts):,} articles from "
        f"{len(counts)} outlets, {res.n_lines:,} non-blank lines; "
        f"{len(corpus.errors)} file(s) could not be loaded. Made with toolkit "
        f"{esc(__version__)} on {datetime.now(UTC):%Y-%m-%d}.</p>",
        "<nav><a href='#findings'>Findings</a>"
        + "".join(f"<a href='#s{i}'>{esc(s.title)}</a>" for i, s in enumerate(sections))
        + "<a href='#tables'>Tables</a><a href='#errors'>Load errors</a></nav>",
        *_findings_html(res, ids),
        "<h2 id='outlets'>Outlets</h2>",
        _table_html(counts.rename("n_articles").reset_index()),
        *_provenance_html(corpus),
        *body,
    ]
    parts.append("<h2 id='tables'>Tables</h2><ul>")
    for name in table_names:
        links = " ".join(f"<a href='tables/{esc(name)}.{fmt}'>{fmt}</a>" for fmt in formats)
        parts.append(f"<li>{esc(name)}: {links}</li>")
    parts.append("</ul>")
    if not res.lines_written:
        parts.append(
            f"<p class='more'>The labelled lines ({res.n_lines:,} rows, one per line with "
            "its labels) are not written by default: run <code>toolkit report ... "
            "--lines</code> for <code>tables/labelled_lines</code>, or "
            "<code>toolkit inspect SOURCE ARTICLE_ID</code> for one article.</p>"
        )
    parts.append("<h2 id='errors'>Load errors</h2>")
    parts.append(
        "<p>Files the loader could not read. Each was skipped; everything else loaded.</p>"
    )
    parts.append(_table_html(corpus.errors, max_rows=200))
    parts.append("</body></html>")
    return "\n".join(parts)
