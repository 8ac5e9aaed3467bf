"""Small ipywidgets apps over the statistics and the charts, for notebooks and Voila.

Each app is a :class:`ipywidgets.VBox` whose controls are public attributes, so a
notebook (or a test) can set ``app.metric.value = "boilerplate_ratio"`` and the chart
follows. Every callback calls one statistics function and one plot function; expensive
work (labelled lines, article statistics and outlet tables with their bootstrap
intervals, keyness tables, near-duplicate pairs) is computed once per corpus and text
mode and cached in the app, so changing a control only redraws.

The apps:

* :class:`OutletComparer`: one article-level rate compared across outlets, with
  bootstrap intervals, a small table, an export button, and an inspector on the
  articles of a chosen outlet;
* :class:`ArticleInspector`: one article line by line, each line coloured by what the
  detectors say about it (boilerplate and why, repeat of which line, stray string);
* :class:`KeywordExplorer`: keyness of one outlet against another (or the rest), and
  the concordance of a chosen term;
* :class:`ReuseExplorer`: pairs of articles shared between outlets, side by side, with
  the shared passages highlighted, and an inspector on the articles of a chosen cell of
  the outlet-by-outlet chart.

Menus, table headers and axes use the human labels of :mod:`toolkit.schema`
(:func:`~toolkit.schema.label`), tables show fractions as percentages
(:func:`~toolkit.schema.display_table`), and an outlet with fewer than
:data:`toolkit.schema.MIN_RELIABLE_ARTICLES` articles is said to be too small to compare;
the tables kept in ``last_table`` and exported keep the column names and raw values.
Long work shows its progress inside the app (``progress``, ``progress_label``).

Charts are :class:`ipywidgets.Image` widgets holding PNG bytes (they work in JupyterLab
and in Voila alike). Every piece of article text shown as HTML is escaped with
:func:`html.escape`: a scraped page may contain ``<script>``. What each app drew last is
kept in ``last_ax`` (the matplotlib Axes), ``last_table`` (the DataFrame behind the
table) and ``n_renders`` (how many times it has drawn); an error inside a callback is
shown in the app (``status`` and ``messages``) and kept in ``last_error`` instead of
being lost in the kernel log.
"""

from __future__ import annotations

import difflib
import functools
import html
import io
import os
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Literal, TypeVar, cast

import ipywidgets as w
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from toolkit import schema
from toolkit.schema import FRACTION_COLUMNS, as_articles

__all__ = [
    "ArticleInspector",
    "KeywordExplorer",
    "OutletComparer",
    "ReuseExplorer",
    "highlight_shared",
    "render_lines_html",
    "shared_word_mask",
]

F = TypeVar("F", bound=Callable[..., Any])

#: Colours of the line labels in :class:`ArticleInspector` (background, border).
LABEL_COLOURS: dict[str, tuple[str, str]] = {
    "clean": ("#ffffff", "#d0d0d0"),
    "boilerplate": ("#eeeeee", "#888888"),
    "repeat": ("#fff1c7", "#d9a400"),
    "stray": ("#ffd9d9", "#c62828"),
}


# --------------------------------------------------------------------------- helpers


def _load(corpus: Any) -> tuple[pd.DataFrame, str | None]:
    """Articles from a Corpus, a DataFrame or a path to a corpus, and the corpus's name."""
    if isinstance(corpus, str | os.PathLike):
        from toolkit.corpus import load_corpus

        corpus = load_corpus(corpus)
    source = getattr(corpus, "source", None)
    name = Path(str(source)).name if source and not str(source).startswith("<") else None
    return as_articles(corpus), name


def _png(fig: Figure) -> bytes:
    """PNG bytes of a chart for the on-screen :class:`ipywidgets.Image`, made quickly.

    100 dpi and zlib level 1: the file is slightly larger than at the default level and
    the encoding several times faster (PNG is lossless at every level). Exports go
    through :func:`toolkit.export.save_figure` and keep their full quality.
    """
    buf = io.BytesIO()
    fig.savefig(  # laid out by constrained layout: no second pass for a tight box
        buf,
        format="png",
        dpi=100,
        metadata={"Software": None},
        pil_kwargs={"compress_level": 1},
    )
    return buf.getvalue()


def _table_html(df: pd.DataFrame, *, float_format: str = "{:.3f}") -> str:
    """An escaped HTML table (pandas escapes cell text by default)."""
    return str(
        df.to_html(
            index=False,
            escape=True,
            border=0,
            na_rep="–",
            float_format=float_format.format,
            classes="toolkit-table",
        )
    )


_TABLE_CSS = (
    "<style>.toolkit-table{border-collapse:collapse;font-size:12px}"
    ".toolkit-table td,.toolkit-table th{padding:2px 8px;text-align:right;"
    "border-bottom:1px solid #ddd}.toolkit-table td:first-child{text-align:left}</style>"
)


def _guarded(method: F) -> F:
    """Run a callback; on error show the message in the app instead of raising."""

    @functools.wraps(method)
    def wrapper(self: _App, *args: Any, **kwargs: Any) -> Any:
        try:
            result = method(self, *args, **kwargs)
        except Exception as exc:
            self.last_error = exc
            self.status.value = (
                '<span style="color:#b00020">Something went wrong: '
                f"{html.escape(type(exc).__name__)}: {html.escape(str(exc))}</span>"
            )
            self.messages.append_stderr(traceback.format_exc())
            return None
        self.last_error = None
        return result

    return cast(F, wrapper)


class _App(w.VBox):
    """Shared plumbing: status line, error messages, chart drawing, counters."""

    def __init__(self, corpus: Any) -> None:
        super().__init__()
        self.articles, self.corpus_name = _load(corpus)
        self.outlet_names: list[str] = sorted(self.articles["outlet"].astype(str).unique())
        self.status = w.HTML()
        self.messages = w.Output()
        self.chart = w.Image(format="png", layout=w.Layout(width="auto", max_width="760px"))
        self.n_renders = 0
        # Axes of the last chart (None before the first); typed Any for notebook use.
        self.last_ax: Any = None
        self.last_table: pd.DataFrame = pd.DataFrame()
        self.last_error: Exception | None = None
        self.last_figure: Figure | None = None
        self._lines: dict[str, pd.DataFrame] = {}
        self._detector: Any = None
        self._article_lines: dict[str, pd.DataFrame] = {}
        # progress of long work, shown inside the app (see _report)
        self.progress = w.IntProgress(value=0, min=0, max=1, layout=w.Layout(width="240px"))
        self.progress_label = w.HTML()
        self.progress_box = w.HBox(
            [self.progress, self.progress_label], layout=w.Layout(display="none")
        )
        #: Every progress report received: ``(stage, description, done, total)``.
        self.progress_log: list[tuple[str, str, int, int | None]] = []
        self._stage = ""

    def _report(self, desc: str, done: int, total: int | None) -> None:
        """Show how far the current work got (a callback of
        :func:`toolkit._progress.report_progress`, so the statistics' own loops report)."""
        self.progress_log.append((self._stage, desc, done, total))
        self.progress_box.layout.display = "flex"
        if total:
            self.progress.max = max(int(total), 1)
            self.progress.value = min(int(done), int(total))
            count = f" {done:,} of {total:,}"
        else:
            self.progress.max, self.progress.value = 1, 0
            count = ""
        what = f"{desc}{count}" if desc else "working"
        self.progress_label.value = (
            f'<span style="color:#555">{html.escape(self._stage)}: {html.escape(what)}…</span>'
        )

    def _done_progress(self) -> None:
        self.progress_box.layout.display = "none"
        self._stage = ""

    def _clean_articles(self) -> pd.DataFrame:
        """The articles with their text replaced by the clean text (computed once; the
        clean texts of an earlier :func:`~toolkit.stats.summary.article_stats` pass over
        the same articles are reused)."""
        if "clean_articles" not in self._lines:
            from toolkit.stats.summary import strip_boilerplate

            clean = strip_boilerplate(self.articles, progress=False)
            self._lines["clean_articles"] = clean.assign(text=clean["clean_text"]).drop(
                columns="clean_text"
            )
        return self._lines["clean_articles"]

    def _texts(self, mode: str) -> pd.DataFrame:
        """Articles whose ``text`` column holds the raw or the clean text."""
        return self.articles if mode == "raw" else self._clean_articles()

    def _fitted_detector(self) -> Any:
        """The boilerplate detector fitted on the whole corpus, batch by batch (once).

        Labelling one article with it gives that article's lines exactly as
        :func:`~toolkit.stats.summary.label_lines` of the whole corpus labels them: an
        outlet's templates are the only corpus-wide signal, everything else lies inside
        the article.
        """
        if self._detector is None:
            from toolkit.stats.boilerplate import BoilerplateDetector
            from toolkit.stats.summary import BATCH_CHARS, batch_bounds

            bounds = batch_bounds(self.articles, BATCH_CHARS)
            batches = [self.articles.iloc[start:stop] for start, stop in bounds]
            self._detector = BoilerplateDetector().fit_batches(batches)
        return self._detector

    def _lines_of(self, article_id: str) -> pd.DataFrame:
        """The labelled lines of one article (labelled on first use, then kept)."""
        if article_id not in self._article_lines:
            from toolkit.stats.summary import label_lines

            one = self.articles[self.articles["article_id"] == article_id]
            self._article_lines[article_id] = label_lines(
                one, detector=self._fitted_detector(), cache=False
            ).reset_index(drop=True)
        return self._article_lines[article_id]

    def _draw(self, plot: Callable[[Axes], Any], *, size: tuple[float, float] = (7, 3.6)) -> Axes:
        """Draw a chart with ``plot(ax)`` and show it as PNG bytes in ``self.chart``."""
        from toolkit.plots import toolkit_style

        with toolkit_style():
            fig = Figure(figsize=size, layout="constrained")
            ax = fig.add_subplot()
            drawn = plot(ax)
        ax = drawn if isinstance(drawn, Axes) else ax
        self.chart.value = _png(fig)
        self.last_figure = fig
        self.last_ax = ax
        self.n_renders += 1
        return ax

    def _say(self, text: str, *, colour: str = "#555") -> None:
        self.status.value = f'<span style="color:{colour}">{html.escape(text)}</span>'


def _toggle(description: str, value: str = "raw") -> w.ToggleButtons:
    return w.ToggleButtons(
        options=["raw", "clean"],
        value=value,
        description=description,
        tooltips=["text as loaded", "boilerplate and repeated lines removed"],
        style={"button_width": "70px"},
    )


# --------------------------------------------------------------------------- outlets


def _comparable_metrics(columns: Iterable[str]) -> list[str]:
    """The article-statistics columns :class:`OutletComparer` offers, in menu order."""
    present = set(columns)
    return [c for c in (*FRACTION_COLUMNS, "clean_chr_fraction") if c in present]


def _menu(columns: Iterable[str]) -> list[tuple[str, str]]:
    """Dropdown options: the human label shown (:func:`toolkit.schema.label`), the column
    name as the value."""
    return [(schema.label(c), c) for c in columns]


#: The value of the ``outlet`` menu of :class:`ArticleInspector` that shows its selection.
_SELECTION = "\x00selection"
#: The first entry of the cell menu of :class:`ReuseExplorer`: every pair.
_ALL_PAIRS = "All pairs (choose a cell of the chart to read its articles)"
#: The first entry of a menu of outlets to inspect: none chosen.
_NO_OUTLET = "— choose an outlet to read its articles —"


def _after_this_cell(callback: Callable[[], Any]) -> bool:
    """Run ``callback`` once, after the Jupyter cell that runs now (and its display).

    Returns False (and does nothing) outside an IPython shell.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - ipywidgets needs IPython
        return False
    shell = get_ipython()
    if shell is None:
        return False

    def once(*_args: Any) -> None:
        shell.events.unregister("post_run_cell", once)
        callback()

    shell.events.register("post_run_cell", once)
    return True


#: The files :meth:`OutletComparer.export` writes, after its stem.
_EXPORTED = (".png", ".svg", ".csv", ".note.txt")


def _corpus_location(corpus: Any) -> str | None:
    """The path a corpus was read from (a path given, or a Corpus's ``source``), if any."""
    if isinstance(corpus, str | os.PathLike):
        return os.fspath(corpus)
    source = getattr(corpus, "source", None)
    return source if isinstance(source, str) and not source.startswith("<") else None


def _default_export_dir(roots: Sequence[Path] = ()) -> Path:
    """Where the apps export by default: a folder outside the corpus.

    In order: ``$TOOLKIT_OUT/exports`` when the environment variable ``TOOLKIT_OUT``
    is set (the notebooks set ``OUT_DIR`` from it too); else ``exports`` in the current
    folder, unless the current folder is inside the corpus (a notebook started from the
    corpus folder); then ``<corpus>-exports`` next to the corpus folder that holds the
    current folder (``/data/news`` -> ``/data/news-exports``). A ``TOOLKIT_OUT`` inside
    the corpus is returned as it is and refused at export, with a message.

    Parameters
    ----------
    roots : sequence of pathlib.Path
        The corpus's :func:`toolkit.export.corpus_roots`.

    Returns
    -------
    pathlib.Path
        The folder (not created).

    Examples
    --------
    >>> import os, tempfile, pathlib
    >>> from toolkit.export import corpus_roots
    >>> top = pathlib.Path(tempfile.mkdtemp()).resolve()
    >>> (top / "news" / "A").mkdir(parents=True)
    >>> here, old_out = os.getcwd(), os.environ.pop("TOOLKIT_OUT", None)
    >>> os.chdir(top / "news" / "A")
    >>> _default_export_dir(corpus_roots(top / "news")) == top / "news-exports"
    True
    >>> os.chdir(top)
    >>> _default_export_dir(corpus_roots(top / "news"))
    PosixPath('exports')
    >>> os.chdir(here)
    >>> if old_out is not None:
    ...     os.environ["TOOLKIT_OUT"] = old_out
    """
    from toolkit.export import OutputInsideCorpusError, check_outside

    out = os.environ.get("TOOLKIT_OUT")
    if out:
        return Path(out) / "exports"
    candidate = Path("exports")
    for _ in range(len(roots) + 1):
        try:
            check_outside(candidate, roots)
        except OutputInsideCorpusError:
            inside = candidate.resolve()
            root = next(r for r in roots if r == inside or r in inside.parents)
            candidate = root.parent / f"{root.name}-exports"
        else:
            return candidate
    return candidate  # refused at export, with a message


class OutletComparer(_App):
    """Compare one article-level rate across outlets, and read the articles behind it.

    Controls: ``outlets`` (SelectMultiple), ``metric`` (Dropdown over every fraction
    column of :func:`~toolkit.stats.summary.article_stats`: it shows their labels from
    :mod:`toolkit.schema`, its values are the column names), ``text`` ("raw" or
    "clean"), ``inspect`` (Dropdown of the outlets, in the chart's order: choosing one
    opens ``inspector``, an :class:`ArticleInspector` on that outlet's articles, highest
    value of the metric first), ``export_button``. Output: ``chart`` (Image: one dot per
    article, at most ``max_articles`` per outlet, the outlet mean and its bootstrap 95%
    interval, drawn by :func:`toolkit.plots.plot_outlet_metric`, highest mean on top as
    in the static chart) and ``table`` (the outlet rows of
    :func:`~toolkit.stats.summary.outlet_stats` for the metric, in the chart's order:
    articles, mean, median, interval, with labelled headers and percentages; an outlet
    with fewer than :data:`toolkit.schema.MIN_RELIABLE_ARTICLES` articles is greyed in
    the chart and flagged "too few articles to compare" in the table and the status
    line). ``last_table`` holds the same rows with the column names and raw values (what
    :meth:`export` writes to CSV).

    Building the app computes the statistics of both text modes once, with a progress
    bar inside the app (``progress``, ``progress_label``): the article statistics of
    the raw text, then those of the clean text (the clean texts come from the same
    pass), then the outlet templates the inspector labels lines with. In a Jupyter kernel the app is shown first and built right after the cell
    that made it (``defer``), so the progress is seen; elsewhere it is built at once.
    An outlet table (with its bootstrap interval) is computed the first time a metric
    is shown in a text mode and kept; every later change of metric, outlets or text
    only redraws (see ``benchmarks/bench_widgets.py``).

    ``text="clean"`` measures the clean text afresh: each article's text is replaced by
    its clean text (:func:`~toolkit.stats.summary.strip_boilerplate`: boilerplate lines
    and repeated lines removed) and the same statistics are computed on it, detectors
    included. The boilerplate and repetition rates then show what a second pass still
    flags (close to 0 when the cleaning worked), while the script, stray-string and
    Gopher columns show how the text a reader actually reads differs from the page.

    Parameters
    ----------
    corpus : Corpus, pandas.DataFrame or path
        The articles (a path is loaded with :func:`toolkit.corpus.load_corpus`).
    metric : str, default "repetition_rate"
        The first metric shown: a column name or an alias of one
        (``"repeated_chr_fraction"``, see :func:`toolkit.schema.resolve_metric`).
    export_dir : str or os.PathLike, optional
        Where :meth:`export` writes. Default: ``$TOOLKIT_OUT/exports`` when the
        environment variable ``TOOLKIT_OUT`` is set (the notebooks' ``OUT_DIR``); else
        ``./exports``, unless the current folder is inside the corpus (a notebook
        started in the corpus folder), then ``<corpus>-exports`` next to the corpus
        folder (``/data/news`` -> ``/data/news-exports``). A folder inside the corpus,
        symbolic links followed, is refused: here with
        :class:`toolkit.export.OutputInsideCorpusError` (a ValueError), and again at
        each export, which then writes nothing and says why in ``status``.
    n_boot : int, default 1000
        Bootstrap resamples for the intervals.
    max_articles : int or None, default 1000
        Most article dots drawn per outlet (an evenly spaced selection of the outlet's
        sorted values, see :func:`~toolkit.plots.plot_outlet_metric`); ``None`` draws
        every article. Means, intervals, ``n`` and the table always use every article.
    defer : bool, optional
        Build after the current notebook cell has shown the app (so its progress bar is
        seen). Default: in a Jupyter kernel. Any use of a control before then builds at
        once; :meth:`build` does too.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({
    ...     "article_id": ["a1", "a2", "b1", "b2"], "outlet": ["A", "A", "B", "B"],
    ...     "text": ["Subscribe\\n\\nThe mayor opened the bridge on Monday.",
    ...              "Subscribe\\n\\nFlood water reached the square by noon.",
    ...              "Rain is expected all week.\\n\\nRain is expected all week.",
    ...              "The museum reopened after two years of repairs."]})
    >>> app = OutletComparer(arts, n_boot=200)
    >>> app.metric.value = "boilerplate_ratio"
    >>> app.last_ax.get_xlabel(), app.n_renders, bytes(app.chart.value[:4])
    ('Boilerplate ratio (% of characters in boilerplate lines)', 2, b'\\x89PNG')
    >>> app.metric.label
    'Boilerplate ratio'
    >>> list(app.last_table["outlet"]), list(app.last_table["note"])[0]
    (['A', 'B'], 'too few articles to compare (n=2)')
    >>> app.inspect.value = "A"
    >>> app.inspector.article.value
    'a1'
    """

    def __init__(
        self,
        corpus: Any,
        *,
        metric: str = "repetition_rate",
        export_dir: str | os.PathLike[str] | None = None,
        n_boot: int = 1000,
        max_articles: int | None = 1000,
        defer: bool | None = None,
    ) -> None:
        from toolkit._progress import in_jupyter_kernel
        from toolkit.export import check_outside, corpus_roots

        super().__init__(corpus)
        self.n_boot = n_boot
        self._corpus_roots = corpus_roots(_corpus_location(corpus))
        if export_dir is None:
            export_dir = _default_export_dir(self._corpus_roots)
        else:
            check_outside(export_dir, self._corpus_roots, what="export_dir")
        self.export_dir = Path(export_dir)
        self.max_articles = max_articles
        self._stats: dict[str, pd.DataFrame] = {}
        self._outlet_stats: dict[tuple[str, str], pd.DataFrame] = {}
        self._orders: dict[tuple[str, str], list[str]] = {}
        self._updating = False
        self.built = False
        #: Seconds the last :meth:`build` took (None before).
        self.build_seconds: float | None = None
        metrics = _comparable_metrics(schema.ARTICLE_STATS_COLUMNS)
        metric = schema.resolve_metric(metric)
        self.outlets = w.SelectMultiple(
            options=self.outlet_names,
            value=tuple(self.outlet_names),
            description="Outlets",
            rows=min(8, max(3, len(self.outlet_names))),
        )
        self.metric = w.Dropdown(
            options=_menu(metrics),
            value=metric if metric in metrics else metrics[0],
            description="Metric",
            layout=w.Layout(width="380px"),
        )
        self.text = _toggle("Text")
        self.table = w.HTML()
        self.inspect = w.Dropdown(
            options=[(_NO_OUTLET, None)],
            value=None,
            description="Inspect",
            layout=w.Layout(width="420px"),
        )
        self.inspector: ArticleInspector | None = None
        self.inspector_box = w.VBox([])
        self.export_button = w.Button(
            description="Export",
            icon="download",
            tooltip="Save the chart (PNG, SVG) and the table (CSV) into export_dir",
        )
        self.export_button.on_click(lambda _button: self.export())
        for control in (self.outlets, self.metric, self.text):
            control.observe(self._on_change, names="value")
        self.inspect.observe(self._on_inspect, names="value")
        self.children = [
            self.progress_box,
            w.HBox([self.outlets, w.VBox([self.metric, self.text, self.export_button])]),
            self.chart,
            self.table,
            self.status,
            self.inspect,
            self.inspector_box,
            self.messages,
        ]
        if defer is None:
            defer = in_jupyter_kernel()
        if defer and _after_this_cell(self.build):
            self._stage = "Preparing"
            self._report("the statistics start when this cell has run", 0, None)
            self._say("Computing the statistics of every outlet…")
        else:
            self.build()

    @_guarded
    def build(self) -> None:
        """Compute the statistics of both text modes (once), then draw.

        The progress of the article statistics is shown in ``progress`` and
        ``progress_label`` while they run (and logged in ``progress_log``).
        """
        if self.built:
            return
        started = time.perf_counter()
        from toolkit._progress import report_progress

        with report_progress(self._report):
            for step, (mode, what) in enumerate(
                (("raw", "the raw text"), ("clean", "the clean text")), start=1
            ):
                self._stage = f"Step {step} of 3 · statistics of {what}"
                self._report("", 0, None)
                self._article_stats(mode)
                self._outlet_table(mode, self.metric.value)  # the first chart, either mode
            self._stage = "Step 3 of 3 · outlet templates, for reading the articles"
            self._report("", 0, None)
            self._fitted_detector()
        self.built = True
        self.build_seconds = time.perf_counter() - started
        self._done_progress()
        self.render()

    def _ensure_built(self) -> None:
        if not self.built:
            self.build()

    def _article_stats(self, mode: str) -> pd.DataFrame:
        """Article statistics of the raw or the clean text (computed once per mode)."""
        if mode not in self._stats:
            from toolkit.stats.summary import article_stats

            arts = self.articles if mode == "raw" else self._clean_articles()
            self._stats[mode] = article_stats(arts, progress=False)
        return self._stats[mode]

    def _outlet_table(self, mode: str, metric: str) -> pd.DataFrame:
        """:func:`~toolkit.stats.summary.outlet_stats` with ``rates=(metric,)`` (cached).

        One call per metric, so the interval shown is exactly the one that
        ``outlet_stats(app.article_table, n_boot=app.n_boot, rates=(metric,))`` gives.
        """
        key = (mode, metric)
        if key not in self._outlet_stats:
            from toolkit.stats.summary import outlet_stats

            stats = self._article_stats(mode)
            table = outlet_stats(stats, n_boot=self.n_boot, rates=(metric,))
            if f"{metric}_mean" not in table.columns:  # not one of FRACTION_COLUMNS
                grouped = stats.groupby("outlet", sort=True)[metric]
                for suffix, values in (("_mean", grouped.mean()), ("_median", grouped.median())):
                    table[f"{metric}{suffix}"] = table["outlet"].map(values).to_numpy()
            self._outlet_stats[key] = table
        return self._outlet_stats[key]

    def outlet_order(self, metric: str | None = None, mode: str | None = None) -> list[str]:
        """Every outlet, as :func:`~toolkit.plots.plot_outlet_metric` orders them by
        default: highest mean first, outlets without a value last (then by name).

        Parameters
        ----------
        metric, mode : str, optional
            Default: the metric and the text mode selected.

        Returns
        -------
        list of str
        """
        self._ensure_built()
        metric = metric or self.metric.value
        mode = mode or self.text.value
        key = (mode, metric)
        if key not in self._orders:
            table = self._outlet_table(mode, metric)
            ranked = table.sort_values(
                [f"{metric}_mean", "outlet"], ascending=[False, True], kind="stable"
            )
            self._orders[key] = ranked["outlet"].astype(str).tolist()
        return self._orders[key]

    def _on_change(self, _change: Any = None) -> None:
        self.render()

    @property
    def article_table(self) -> pd.DataFrame:
        """The article statistics behind the current chart (text mode as selected)."""
        self._ensure_built()
        return self._article_stats(self.text.value)

    @_guarded
    def render(self) -> None:
        """Redraw the chart and the table for the current controls."""
        from toolkit.plots import plot_outlet_metric

        if not self.built:
            self.build()  # draws when done
            return
        chosen = set(self.outlets.value)
        if not chosen:
            self._say("Select at least one outlet.")
            return
        metric, mode = self.metric.value, self.text.value
        stats = self._article_stats(mode)
        table = self._outlet_table(mode, metric)
        order = self.outlet_order(metric, mode)
        outlets = [o for o in order if o in chosen]
        self._draw(
            lambda ax: plot_outlet_metric(
                stats,
                metric,
                outlet_stats=table,
                ax=ax,
                outlets=outlets,
                max_articles=self.max_articles,
            ),
            size=(7.0, max(2.8, 1.5 + 0.45 * len(outlets))),
        )
        cols = ["outlet", "n_articles"] + [
            c
            for c in (f"{metric}_mean", f"{metric}_median", f"{metric}_ci_low", f"{metric}_ci_high")
            if c in table.columns
        ]
        shown = table.set_index("outlet").loc[outlets].reset_index()[cols]
        small = shown["n_articles"] < schema.MIN_RELIABLE_ARTICLES
        shown["note"] = [
            f"too few articles to compare (n={n})" if few else ""
            for n, few in zip(shown["n_articles"].tolist(), small.tolist(), strict=True)
        ]
        self.last_table = shown
        self.table.value = _TABLE_CSS + _table_html(schema.display_table(shown))
        n = int(shown["n_articles"].sum())
        said = f"{schema.label(metric)} on the {mode} text: {n:,} articles, {len(outlets)} outlets."
        if small.any():
            names = ", ".join(
                f"{o} (n={k})"
                for o, k in zip(shown["outlet"][small], shown["n_articles"][small], strict=True)
            )
            said += (
                f" Too few articles to compare (fewer than {schema.MIN_RELIABLE_ARTICLES}): "
                f"{names}."
            )
        self._say(said)
        self._inspect_options(order, table)

    def _inspect_options(self, order: list[str], table: pd.DataFrame) -> None:
        """The outlets of the Inspect menu, in the chart's order, with their article counts."""
        sizes = table.set_index("outlet")["n_articles"]
        options = [(_NO_OUTLET, None)] + [
            (f"{o} (n={int(sizes[o]):,})", o) for o in order if o in sizes.index
        ]
        if list(self.inspect.options) == options:
            return
        keep = self.inspect.value
        self._updating = True
        try:
            self.inspect.options = options
            self.inspect.value = keep if keep in {v for _, v in options} else None
        finally:
            self._updating = False

    def _on_inspect(self, _change: Any) -> None:
        if not self._updating:
            self.show_outlet(self.inspect.value)

    @_guarded
    def show_outlet(self, outlet: str | None) -> None:
        """Open :attr:`inspector` on the articles of ``outlet`` (None closes it).

        The articles are those behind the outlet's row of the chart (raw or clean text
        as selected), highest value of the current metric first; each menu entry shows
        the article's value.
        """
        if outlet is None:
            self.inspector_box.children = []
            return
        self._ensure_built()
        metric, mode = self.metric.value, self.text.value
        stats = self._article_stats(mode)
        mine = stats.loc[stats["outlet"] == outlet, ["article_id", metric]]
        mine = mine.sort_values(metric, ascending=False, na_position="last", kind="stable")
        ids = mine["article_id"].astype(str).tolist()
        values = [schema.format_value(metric, v) for v in mine[metric].tolist()]
        notes = [f"{schema.label(metric)} {v}" for v in values]
        title = f"{outlet}, by {schema.label(metric).lower()} ({mode} text)"
        _open_inspector(self, ids, notes, title)

    @_guarded
    def export(self) -> list[Path]:
        """Save the current chart (PNG, SVG) and table (CSV) into ``export_dir``.

        The CSV keeps the column names and raw values (fractions in [0, 1]); the
        labels and percentages are only what the app shows.

        Returns
        -------
        list of pathlib.Path
            The written files; none when ``export_dir`` (or a file in it) lands inside
            the corpus once links are followed: ``status`` then says why.
        """
        from toolkit.export import (
            OutputInsideCorpusError,
            check_outside,
            method_note,
            save_figure,
            write_table,
        )

        if self.last_figure is None:
            self._say("Nothing to export yet.")
            return []
        metric, mode = self.metric.value, self.text.value
        stem = self.export_dir / f"outlets_{metric}_{mode}"
        # links may have changed since the app was built: checked again, before writing
        try:
            for path in (self.export_dir, *(stem.with_name(f"{stem.name}{e}") for e in _EXPORTED)):
                check_outside(path, self._corpus_roots, what="export folder")
        except OutputInsideCorpusError as exc:
            self._say(f"Not saved: {exc}. Pass export_dir= or set TOOLKIT_OUT.", colour="#b00020")
            return []
        note = method_note(
            corpus=self.corpus_name,
            n_articles=int(self._article_stats(mode)["outlet"].isin(self.outlets.value).sum()),
            statistic=(
                f"{schema.label(metric)} ({metric}, {mode} text), mean and bootstrap 95% interval"
            ),
        )
        self.export_dir.mkdir(parents=True, exist_ok=True)
        written = [
            *save_figure(self.last_figure, stem, formats=("png", "svg"), note=note),
            *write_table(self.last_table, stem, formats=("csv",), note=note),
        ]
        self._say("Saved: " + ", ".join(str(p) for p in written), colour="#1b5e20")
        return written


# --------------------------------------------------------------------------- one article


def render_lines_html(lines: pd.DataFrame) -> str:
    """Render labelled lines as coloured, escaped HTML, one block per line.

    Parameters
    ----------
    lines : pandas.DataFrame
        Labelled lines of one article (:func:`~toolkit.stats.summary.label_lines`):
        ``line_no, text`` and, when present, ``is_boilerplate, boilerplate_reason,
        is_repeat, repeat_of, repeat_similarity, stray_kind, stray_text``.

    Returns
    -------
    str
        HTML: each line with its number and label badges; all text escaped.

    Examples
    --------
    >>> import pandas as pd
    >>> lines = pd.DataFrame({"line_no": [1, 3], "text": ["Subscribe", "<b>Hi</b> there."],
    ...     "is_boilerplate": [True, False], "boilerplate_reason": ["ui vocabulary", None],
    ...     "is_repeat": [False, False], "repeat_of": [pd.NA, pd.NA],
    ...     "repeat_similarity": [float("nan")] * 2, "stray_kind": [None, "markup"],
    ...     "stray_text": [None, "<b>"]})
    >>> out = render_lines_html(lines)
    >>> "&lt;b&gt;Hi&lt;/b&gt;" in out, "<b>Hi" in out
    (True, False)
    >>> "boilerplate: ui vocabulary" in out
    True
    """
    blocks = []
    cols = set(lines.columns)
    for rec in lines.to_dict("records"):  # one article: a few dozen lines
        badges: list[str] = []
        kind = "clean"
        if "stray_kind" in cols and isinstance(rec.get("stray_kind"), str):
            kind = "stray"
            span = rec.get("stray_text")
            extra = f": “{span}”" if isinstance(span, str) and span else ""
            badges.append(f"stray {rec['stray_kind']}{extra}")
        if "is_repeat" in cols and bool(rec.get("is_repeat")):
            kind = "repeat"
            sim = rec.get("repeat_similarity")
            sim_txt = f", similarity {float(sim):.2f}" if pd.notna(sim) else ""
            of = rec.get("repeat_of")
            of_txt = f" of line {int(of)}" if pd.notna(of) else ""
            badges.append(f"repeat{of_txt}{sim_txt}")
        if "is_boilerplate" in cols and bool(rec.get("is_boilerplate")):
            kind = "boilerplate"
            reason = rec.get("boilerplate_reason")
            badges.append(f"boilerplate: {reason}" if isinstance(reason, str) else "boilerplate")
        bg, border = LABEL_COLOURS[kind]
        badge_html = "".join(
            '<span style="font-size:11px;background:#fff;border:1px solid '
            f'{border};border-radius:3px;padding:0 4px;margin-left:6px">{html.escape(b)}</span>'
            for b in badges
        )
        strike = "text-decoration:line-through;" if kind in ("boilerplate", "repeat") else ""
        blocks.append(
            f'<div style="background:{bg};border-left:4px solid {border};padding:2px 6px;'
            f'margin:1px 0;font-family:Georgia,serif;font-size:13px">'
            f'<span style="color:#999;font-family:monospace;font-size:11px">'
            f"{int(rec['line_no']):>3}</span> "
            f'<span style="{strike}">{html.escape(str(rec["text"]))}</span>{badge_html}</div>'
        )
    return "".join(blocks)


_LEGEND = (
    "<div style='font-size:12px;margin:4px 0'>"
    + " ".join(
        f"<span style='background:{bg};border-left:4px solid {border};padding:0 6px'>{name}</span>"
        for name, (bg, border) in LABEL_COLOURS.items()
    )
    + "</div>"
)


def _line_shares(lines: pd.DataFrame) -> pd.Series:
    """Share of an article's characters per label (clean, boilerplate, repeat, stray)."""
    n = lines["n_chars"].astype("float64")
    total = float(n.sum())
    boiler = lines["is_boilerplate"].astype(bool)
    repeat = lines["is_repeat"].astype(bool) & ~boiler
    stray = lines["stray_chars"].astype("float64")
    parts = {
        "clean": float(n[~boiler & ~repeat].sum()),
        "boilerplate": float(n[boiler].sum()),
        "repeat": float(n[repeat].sum()),
        "stray": float(stray.sum()),
    }
    return pd.Series({k: v / total if total else float("nan") for k, v in parts.items()})


def _plot_line_shares(lines: pd.DataFrame, ax: Axes) -> Axes:
    """Horizontal bars: the article's characters by label (stray overlaps the others)."""
    from matplotlib.ticker import PercentFormatter

    shares = _line_shares(lines)
    names = list(shares.index)
    colours = [LABEL_COLOURS[k][1] for k in names]
    ax.barh(range(len(names)), shares.fillna(0.0).to_numpy(), color=colours, height=0.6)
    ax.set_yticks(range(len(names)), labels=names)
    ax.set_ylim(len(names) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    ax.set_xlabel("% of the article's characters")
    return ax


class ArticleInspector(_App):
    """Show one article line by line, with what the detectors say about each line.

    Controls: ``outlet`` (Dropdown: an outlet, or the current selection of articles
    when there is one) and ``article`` (Dropdown; the article list follows the
    outlet or the selection). Output: ``view`` (HTML: each line coloured as clean,
    boilerplate with its reason, repeat with the line it repeats and the similarity,
    or stray string with its kind and span; all text escaped), ``numbers`` (HTML: the
    article's statistics, labelled, fractions as percentages) and ``chart`` (the share
    of the article's characters in each label). ``last_table`` holds the article's
    labelled lines.

    Other apps open an inspector on the articles behind what the user chose (an
    outlet of :class:`OutletComparer`, a cell of :class:`ReuseExplorer`) with
    :meth:`show`. Lines are labelled one article at a time, with a boilerplate
    detector fitted once on the whole corpus: the labels are those of
    :func:`~toolkit.stats.summary.label_lines` on the whole corpus, without labelling
    all of it first.

    Parameters
    ----------
    corpus : Corpus, pandas.DataFrame or path
        The articles.
    article_id : str, optional
        The article shown first.
    article_ids : sequence of str, optional
        A selection of articles to offer first, in this order (see :meth:`show`).
    labels : sequence of str, optional
        A note per article of ``article_ids`` for its menu entry.
    title : str, default "Selection"
        What the selection of ``article_ids`` is.
    detector : BoilerplateDetector, optional
        A detector fitted on this corpus (shared by an app that has one); by default
        one is fitted on the corpus when the first article is shown.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a1", "b1"], "outlet": ["A", "B"],
    ...     "text": ["Log in or register\\n\\nThe dam held.\\n\\nThe dam held.", "<script>x</script>"]})
    >>> app = ArticleInspector(arts)
    >>> list(app.last_table["line_no"])
    [1, 3, 5]
    >>> app.outlet.value = "B"
    >>> app.article.value, "&lt;script&gt;" in app.view.value, "<script>" in app.view.value
    ('b1', True, False)
    >>> app.show(["b1", "a1"], title="two articles")
    >>> app.outlet.label, [label for label, _ in app.article.options]
    ('Selection: two articles', ['b1', 'a1'])
    """

    def __init__(
        self,
        corpus: Any,
        *,
        article_id: str | None = None,
        article_ids: Sequence[str] | None = None,
        labels: Sequence[str] | None = None,
        title: str = "Selection",
        detector: Any = None,
    ) -> None:
        super().__init__(corpus)
        self._detector = detector
        self._updating = False
        self._selection: list[str] = []
        self._selection_labels: dict[str, str] = {}
        self._selection_title = "Selection"
        self._numbers: dict[str, pd.DataFrame] = {}
        first = self.articles
        if article_id is not None:
            first = self.articles[self.articles["article_id"] == article_id]
            if first.empty:
                raise KeyError(f"no article {article_id!r}")
        outlet = str(first["outlet"].iloc[0]) if len(first) else None
        self.outlet = w.Dropdown(options=self.outlet_names, value=outlet, description="Outlet")
        self.article = w.Dropdown(
            options=self._article_options(outlet),
            description="Article",
            layout=w.Layout(width="520px"),
        )
        if article_id is not None:
            self.article.value = article_id
        self.view = w.HTML()
        self.numbers = w.HTML()
        self.outlet.observe(self._on_outlet, names="value")
        self.article.observe(self._on_article, names="value")
        self.children = [
            w.HBox([self.outlet, self.article]),
            w.HTML(_LEGEND),
            w.HBox([w.VBox([self.numbers], layout=w.Layout(width="320px")), self.chart]),
            self.view,
            self.status,
            self.messages,
        ]
        if article_ids is not None and article_id is None:
            self.show(article_ids, labels=labels, title=title)
        else:
            self.render()

    def _article_options(self, outlet: str | None) -> list[tuple[str, str]]:
        if outlet == _SELECTION:
            arts = self.articles.set_index("article_id").reindex(self._selection)
            ids = pd.Series(self._selection, dtype=object)
            titles = arts["title"].fillna("").astype(str).str.slice(0, 50).reset_index(drop=True)
            extra = pd.Series([self._selection_labels.get(i, "") for i in self._selection])
        else:
            arts = self.articles[self.articles["outlet"] == outlet]
            ids = arts["article_id"].astype(str).reset_index(drop=True)
            titles = arts["title"].fillna("").astype(str).str.slice(0, 60).reset_index(drop=True)
            extra = pd.Series([""] * len(ids), dtype=object)
        labels = (
            ids
            + titles.where(titles == "", " · " + titles)
            + extra.where(extra == "", " · " + extra)
        )
        return list(zip(labels.tolist(), ids.tolist(), strict=True))

    def _outlet_options(self) -> list[tuple[str, str]]:
        options = [(o, o) for o in self.outlet_names]
        if self._selection:
            options.insert(0, (f"Selection: {self._selection_title}", _SELECTION))
        return options

    @_guarded
    def show(
        self,
        article_ids: Sequence[str],
        *,
        labels: Sequence[str] | None = None,
        title: str = "Selection",
    ) -> None:
        """Offer these articles, in this order, and show the first.

        Parameters
        ----------
        article_ids : sequence of str
            The articles behind what was chosen elsewhere (ids not in the corpus are
            left out).
        labels : sequence of str, optional
            A note per article for its menu entry (e.g. its value of a metric).
        title : str, default "Selection"
            What the selection is, shown in the ``outlet`` menu.
        """
        known = set(self.articles["article_id"].astype(str))
        pairs = list(
            zip(article_ids, labels if labels is not None else [""] * len(article_ids), strict=True)
        )
        pairs = [(str(a), str(note)) for a, note in pairs if str(a) in known]
        self._selection = list(dict.fromkeys(a for a, _ in pairs))
        self._selection_labels = dict(pairs)
        self._selection_title = title
        self._updating = True
        try:
            self.outlet.options = self._outlet_options()
            self.outlet.value = _SELECTION if self._selection else self.outlet_names[0]
            self.article.options = self._article_options(self.outlet.value)
            self.article.value = self.article.options[0][1] if self.article.options else None
        finally:
            self._updating = False
        self.render()

    def _on_outlet(self, change: Any) -> None:
        if self._updating:
            return
        self._updating = True
        try:
            self.article.options = self._article_options(change["new"])
        finally:
            self._updating = False
        self.render()

    def _on_article(self, _change: Any) -> None:
        if not self._updating:
            self.render()

    def _numbers_of(self, article_id: str, lines: pd.DataFrame) -> pd.DataFrame:
        """The article's row of :func:`~toolkit.stats.summary.article_stats` (from its lines)."""
        if article_id not in self._numbers:
            from toolkit.stats.summary import article_stats

            one = self.articles[self.articles["article_id"] == article_id]
            self._numbers[article_id] = article_stats(one, lines=lines)
        return self._numbers[article_id]

    @_guarded
    def render(self) -> None:
        """Show the selected article."""
        article_id = self.article.value
        if article_id is None:
            self._say("This outlet has no articles.")
            return
        mine = self._lines_of(article_id)
        self.last_table = mine
        self.view.value = render_lines_html(mine)
        row = self._numbers_of(article_id, mine)
        keep = [
            "n_chars",
            "n_words",
            "n_lines",
            "repetition_rate",
            "boilerplate_ratio",
            "stray_chr_fraction",
            "n_stray_lines",
            "dominant_script",
            "latin_chr_fraction",
            "cyrillic_chr_fraction",
            "clean_chr_fraction",
        ]
        keep = [c for c in keep if c in row.columns]
        numbers = pd.DataFrame(
            {
                "Statistic": [schema.label(c) for c in keep],
                "Value": [schema.format_value(c, row[c].iloc[0]) for c in keep],
            }
        )
        self.numbers.value = _TABLE_CSS + _table_html(numbers)
        self._draw(lambda ax: _plot_line_shares(mine, ax), size=(4.5, 2.2))
        self._say(f"{article_id}: {len(mine)} non-blank lines.")


# --------------------------------------------------------------------------- keywords


class KeywordExplorer(_App):
    """Which words set one outlet apart, and how it uses them.

    Controls: ``target`` (outlet), ``reference`` ("rest" or another outlet), ``stat``
    ("g2" or "log_ratio"), ``top_k`` (IntSlider), ``text`` ("raw" or "clean"), ``term``
    (Dropdown filled with the top terms of the chart). Output: ``chart`` (keyness bars
    from :func:`toolkit.plots.plot_keyness`), ``concordance`` (HTML: the chosen term in
    context, escaped). ``last_table`` is the keyness table (top rows by the chosen
    statistic), ``last_concordance`` the concordance lines.

    Parameters
    ----------
    corpus : Corpus, pandas.DataFrame or path
        The articles.
    target : str, optional
        The outlet shown first (default: the first outlet).
    text : {"raw", "clean"}, default "clean"
        The text mode shown first.
    top_k : int, default 15
        Terms per side of the chart shown first (5 to 40).
    """

    def __init__(
        self,
        corpus: Any,
        *,
        target: str | None = None,
        text: str = "clean",
        top_k: int = 15,
    ) -> None:
        super().__init__(corpus)
        self._keyness: dict[tuple[str, str, str], pd.DataFrame] = {}
        self._counts: dict[str, Any] = {}
        self._updating = False
        self.target = w.Dropdown(
            options=self.outlet_names,
            value=target if target is not None else self.outlet_names[0],
            description="Target",
        )
        self.reference = w.Dropdown(
            options=[("the rest of the corpus", "rest"), *((o, o) for o in self.outlet_names)],
            value="rest",
            description="Reference",
        )
        self.stat = w.ToggleButtons(
            options=_menu(("g2", "log_ratio")),
            value="g2",
            description="Statistic",
            style={"button_width": "130px"},
        )
        self.top_k = w.IntSlider(value=top_k, min=5, max=40, step=1, description="Top terms")
        self.text = _toggle("Text", text)
        self.term = w.Dropdown(options=[], description="Term")
        self.concordance = w.HTML()
        self.last_concordance: pd.DataFrame = pd.DataFrame()
        for control in (self.target, self.reference, self.stat, self.top_k, self.text):
            control.observe(self._on_change, names="value")
        self.term.observe(self._on_term, names="value")
        self.children = [
            w.HBox([self.target, self.reference]),
            w.HBox([self.stat, self.text]),
            self.top_k,
            self.chart,
            self.term,
            self.concordance,
            self.status,
            self.messages,
        ]
        self.render()

    def _table(self, target: str, reference: str, mode: str) -> pd.DataFrame:
        key = (target, reference, mode)
        if key not in self._keyness:
            from toolkit.stats.keywords import keyness, term_counts

            if mode not in self._counts:  # tokenize the corpus once per text mode
                self._counts[mode] = term_counts(self._texts(mode), text="raw")
            self._keyness[key] = keyness(self._counts[mode], target=target, reference=reference)
        return self._keyness[key]

    def _on_change(self, _change: Any = None) -> None:
        self.render()

    def _on_term(self, _change: Any) -> None:
        if not self._updating:
            self.show_term()

    @_guarded
    def render(self) -> None:
        """Redraw the keyness chart and refill the term list."""
        from toolkit.plots import plot_keyness

        target, reference = self.target.value, self.reference.value
        if reference == target:
            self._say("Choose a reference other than the target.")
            return
        stat, top = self.stat.value, int(self.top_k.value)
        table = self._table(target, reference, self.text.value)
        height = max(3.0, 1.4 + 0.2 * 2 * top)  # up to ``top`` bars on each side
        self._draw(lambda ax: plot_keyness(table, stat=stat, top=top, ax=ax), size=(6.5, height))
        positive = table[table["log_ratio"] > 0] if "log_ratio" in table.columns else table
        shown = positive.sort_values(stat, ascending=False).head(top).reset_index(drop=True)
        self.last_table = shown
        terms = shown["term"].astype(str).tolist()
        self._updating = True
        try:
            self.term.options = terms
            self.term.value = terms[0] if terms else None
        finally:
            self._updating = False
        self._say(
            f"{len(table)} terms compared; {target} against "
            f"{'the rest of the corpus' if reference == 'rest' else reference} on the "
            f"{self.text.value} text."
        )
        self.show_term()

    @_guarded
    def show_term(self) -> None:
        """Show the concordance of the chosen term in the target outlet."""
        from toolkit.stats.keywords import concordance

        term = self.term.value
        if not term:
            self.concordance.value = "<i>No term to show.</i>"
            self.last_concordance = pd.DataFrame()
            return
        arts = self._texts(self.text.value)
        arts = arts[arts["outlet"] == self.target.value]
        conc = concordance(arts, term, text="raw")
        self.last_concordance = conc
        rows = conc.head(30)
        body = "".join(
            "<tr>"
            f'<td style="color:#777">{html.escape(str(aid))}</td>'
            f'<td style="text-align:right;white-space:nowrap">{html.escape(str(left))}</td>'
            f'<td style="text-align:center"><b>{html.escape(str(match))}</b></td>'
            f'<td style="text-align:left;white-space:nowrap">{html.escape(str(right))}</td>'
            "</tr>"
            for aid, left, match, right in zip(
                rows["article_id"], rows["left"], rows["match"], rows["right"], strict=True
            )
        )
        head = "".join(
            f"<th style='text-align:{align};color:#555'>{html.escape(schema.label(col))}</th>"
            for col, align in (
                ("article_id", "left"),
                ("left", "right"),
                ("match", "center"),
                ("right", "left"),
            )
        )
        self.concordance.value = (
            f"<div style='font-size:12px'>{len(conc)} occurrences of "
            f"<b>{html.escape(str(term))}</b> in {html.escape(str(self.target.value))} "
            f"(first 30):</div>"
            f"<table style='font-family:monospace;font-size:12px'><tr>{head}</tr>{body}</table>"
        )


# --------------------------------------------------------------------------- reuse

_TOKEN_SPLIT = r"(\s+)"


def _word_key(word: str) -> str:
    """Matching key of a word: case-folded, punctuation and quotes stripped."""
    return "".join(ch for ch in word.casefold() if ch.isalnum())


def shared_word_mask(a: str, b: str, *, min_words: int = 4) -> tuple[list[bool], list[bool]]:
    """Mark the words of two texts that belong to a passage both texts share.

    The texts are split on whitespace; words are compared case-folded and without
    punctuation, and :class:`difflib.SequenceMatcher` finds the longest common runs of
    words (in order). Runs of at least ``min_words`` words count as shared.

    Parameters
    ----------
    a, b : str
        The two texts.
    min_words : int, default 4
        Shortest run of words that counts as a shared passage.

    Returns
    -------
    tuple of two lists of bool
        One flag per whitespace-separated word of ``a`` and of ``b``.

    Examples
    --------
    >>> a = "Police said the bridge will stay closed until Friday."
    >>> b = "The bridge will stay closed until Friday, police said on Monday."
    >>> ma, mb = shared_word_mask(a, b)
    >>> [w for w, m in zip(a.split(), ma) if m]
    ['the', 'bridge', 'will', 'stay', 'closed', 'until', 'Friday.']
    """
    words_a, words_b = a.split(), b.split()
    keys_a = [_word_key(x) for x in words_a]
    keys_b = [_word_key(x) for x in words_b]
    mask_a, mask_b = [False] * len(words_a), [False] * len(words_b)
    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    for block in matcher.get_matching_blocks():
        if block.size >= min_words:
            mask_a[block.a : block.a + block.size] = [True] * block.size
            mask_b[block.b : block.b + block.size] = [True] * block.size
    return mask_a, mask_b


def _marked_html(text: str, mask: Sequence[bool]) -> str:
    """Escaped text with ``<mark>`` around the flagged words; newlines kept as <br>."""
    import re

    pieces = re.split(_TOKEN_SPLIT, text)
    out: list[str] = []
    open_mark = False
    i = 0
    for piece in pieces:
        if not piece:
            continue
        if piece.isspace():
            ws = "<br>" * piece.count("\n") if "\n" in piece else " "
            nxt_marked = i < len(mask) and mask[i]
            if open_mark and not nxt_marked:
                out.append("</mark>")
                open_mark = False
            out.append(ws)
            continue
        marked = i < len(mask) and mask[i]
        if marked and not open_mark:
            out.append("<mark>")
            open_mark = True
        elif not marked and open_mark:
            out.append("</mark>")
            open_mark = False
        out.append(html.escape(piece))
        i += 1
    if open_mark:
        out.append("</mark>")
    return "".join(out)


def highlight_shared(a: str, b: str, *, min_words: int = 4) -> tuple[str, str, float]:
    """Two texts as escaped HTML with their shared passages in ``<mark>``.

    Parameters
    ----------
    a, b : str
        The two texts.
    min_words : int, default 4
        Shortest shared run of words that is highlighted (see :func:`shared_word_mask`).

    Returns
    -------
    tuple of (str, str, float)
        HTML of ``a``, HTML of ``b``, and the share of the shorter text's words that
        are highlighted (NaN when a text has no words).

    Examples
    --------
    >>> ha, hb, share = highlight_shared("<b>Rain</b> fell on the old town all night.",
    ...                                  "Rain fell on the old town, again.")
    >>> ha
    '&lt;b&gt;Rain&lt;/b&gt; <mark>fell on the old town</mark> all night.'
    >>> round(share, 2)
    0.71
    """
    mask_a, mask_b = shared_word_mask(a, b, min_words=min_words)
    shorter = min((mask_a, mask_b), key=len)
    share = sum(shorter) / len(shorter) if shorter else float("nan")
    return _marked_html(a, mask_a), _marked_html(b, mask_b), share


def _open_inspector(
    app: OutletComparer | ReuseExplorer, ids: list[str], notes: list[str], title: str
) -> None:
    """Show ``ids`` in the app's inspector (made on first use, with the app's fitted
    detector; later selections reuse it)."""
    if app.inspector is None:
        app.inspector = ArticleInspector(
            app.articles,
            detector=app._fitted_detector(),
            article_ids=ids,
            labels=notes,
            title=title,
        )
    else:
        app.inspector.show(ids, labels=notes, title=title)
    app.inspector_box.children = [app.inspector]


class ReuseExplorer(_App):
    """Articles shared between outlets, side by side, shared passages highlighted.

    Controls: ``threshold`` (FloatSlider: minimum shingle similarity of a pair),
    ``text`` ("raw" or "clean"), ``cell`` (Dropdown over the cells of the chart that
    hold pairs, "source → republisher: k pairs", most pairs first; choosing one keeps
    only its pairs and opens ``inspector``, an :class:`ArticleInspector` on the articles
    behind the cell), ``pair`` (Dropdown over the pairs of
    :func:`~toolkit.stats.repetition.near_duplicates`, most similar first). Output:
    ``chart`` (how many articles each pair of outlets shares,
    :func:`toolkit.plots.plot_reuse_matrix`), ``view`` (HTML: the two texts side by side,
    escaped, shared passages in ``<mark>``). ``last_table`` is the pairs table (of the
    cell, when one is chosen).

    Parameters
    ----------
    corpus : Corpus, pandas.DataFrame or path
        The articles.
    threshold : float, default 0.5
        The first similarity threshold.
    text : {"raw", "clean"}, default "clean"
        The text compared and shown first.
    """

    def __init__(self, corpus: Any, *, threshold: float = 0.5, text: str = "clean") -> None:
        super().__init__(corpus)
        self._pairs: dict[tuple[str, float], pd.DataFrame] = {}
        self._updating = False
        self.threshold = w.FloatSlider(
            value=threshold, min=0.1, max=0.95, step=0.05, description="Similarity ≥"
        )
        self.text = _toggle("Text", text)
        self.cell = w.Dropdown(
            options=[(_ALL_PAIRS, None)],
            value=None,
            description="Cell",
            layout=w.Layout(width="640px"),
        )
        self.pair = w.Dropdown(options=[], description="Pair", layout=w.Layout(width="640px"))
        self.view = w.HTML()
        self.inspector: ArticleInspector | None = None
        self.inspector_box = w.VBox([])
        self.shared_share: float = float("nan")
        self._all_pairs: pd.DataFrame = pd.DataFrame()
        self._cells: dict[tuple[str, str], list[int]] = {}
        for control in (self.threshold, self.text):
            control.observe(self._on_change, names="value")
        self.cell.observe(self._on_cell, names="value")
        self.pair.observe(self._on_pair, names="value")
        self.children = [
            w.HBox([self.threshold, self.text]),
            self.chart,
            self.cell,
            self.pair,
            self.view,
            self.inspector_box,
            self.status,
            self.messages,
        ]
        self.render()

    def _pairs_for(self, mode: str, threshold: float) -> pd.DataFrame:
        key = (mode, round(float(threshold), 4))
        if key not in self._pairs:
            from toolkit.stats.reuse import near_duplicates

            self._pairs[key] = near_duplicates(
                self.articles, threshold=float(threshold), text=cast(Literal["clean", "raw"], mode)
            ).reset_index(drop=True)
        return self._pairs[key]

    def _on_change(self, _change: Any = None) -> None:
        self.render()

    def _on_pair(self, _change: Any) -> None:
        if not self._updating:
            self.show_pair()

    @_guarded
    def render(self) -> None:
        """Recompute the pairs (cached) and redraw the outlet-by-outlet chart."""
        from toolkit.plots import plot_reuse_matrix, reuse_edges

        pairs = self._pairs_for(self.text.value, self.threshold.value)
        self._all_pairs = pairs
        self._draw(
            lambda ax: plot_reuse_matrix(pairs, outlets=self.outlet_names, ax=ax), size=(5.5, 4.5)
        )
        edges = reuse_edges(pairs)
        cells = edges.groupby(["source_outlet", "republishing_outlet"], sort=True)["pair"]
        sized = sorted(cells, key=lambda item: (-len(item[1]), str(item[0])))
        self._cells = {
            (str(key[0]), str(key[1])): list(dict.fromkeys(group.tolist())) for key, group in sized
        }
        keep = self.cell.value
        self._updating = True
        try:
            self.cell.options = [(_ALL_PAIRS, None)] + [
                (f"{src} → {dst}: {len(ids)} pair{'s' if len(ids) != 1 else ''}", (src, dst))
                for (src, dst), ids in self._cells.items()
            ]
            self.cell.value = keep if keep in self._cells else None
        finally:
            self._updating = False
        self._say(
            f"{len(pairs)} pairs of articles from different outlets with similarity ≥ "
            f"{self.threshold.value:.2f} ({self.text.value} text)."
        )
        self.show_cell(self.cell.value)

    def _on_cell(self, _change: Any) -> None:
        if not self._updating:
            self.show_cell(self.cell.value)

    @_guarded
    def show_cell(self, cell: tuple[str, str] | None) -> None:
        """Keep the pairs of one cell of the chart (None: all pairs) and open
        :attr:`inspector` on their articles (source side first)."""
        pairs = self._all_pairs
        if cell is not None and cell in self._cells:
            pairs = pairs.iloc[self._cells[cell]]
        self.last_table = pairs.reset_index(drop=True)
        self._fill_pairs(self.last_table)
        if cell is None or pairs.empty:
            self.inspector_box.children = []
            return
        source, target = cell
        ids, notes = [], []
        for aid_a, out_a, aid_b, out_b, similarity in zip(  # a cell holds a few pairs
            pairs["article_id_a"],
            pairs["outlet_a"],
            pairs["article_id_b"],
            pairs["outlet_b"],
            pd.to_numeric(pairs["similarity"]).to_numpy(dtype=float),
            strict=True,
        ):
            sides = [(aid_a, out_a), (aid_b, out_b)]
            sides.sort(key=lambda side: side[1] != source)  # the source's article first
            for aid, outlet in sides:
                ids.append(str(aid))
                notes.append(f"{outlet}, similarity {similarity:.2f}")
        _open_inspector(self, ids, notes, f"{source} → {target}")

    def _fill_pairs(self, pairs: pd.DataFrame) -> None:
        options = [
            (
                f"{a} ({oa}) ↔ {b} ({ob}) · similarity {s:.2f}",
                i,
            )
            for i, (a, oa, b, ob, s) in enumerate(
                zip(
                    pairs["article_id_a"],
                    pairs["outlet_a"],
                    pairs["article_id_b"],
                    pairs["outlet_b"],
                    pairs["similarity"],
                    strict=True,
                )
            )
        ]
        self._updating = True
        try:
            self.pair.options = options
            self.pair.value = 0 if options else None
        finally:
            self._updating = False
        self.show_pair()

    @_guarded
    def show_pair(self) -> None:
        """Show the chosen pair side by side."""
        idx = self.pair.value
        pairs = self.last_table
        if idx is None or pairs.empty:
            self.view.value = "<i>No shared articles at this threshold.</i>"
            self.shared_share = float("nan")
            return
        row = pairs.iloc[int(idx)]
        texts = self._texts(self.text.value).set_index("article_id")["text"]
        a, b = str(texts[row["article_id_a"]]), str(texts[row["article_id_b"]])
        html_a, html_b, share = highlight_shared(a, b)
        self.shared_share = share
        source = row.get("source_outlet")
        src = (
            f"Published first by <b>{html.escape(str(source))}</b>."
            if isinstance(source, str)
            else "Which came first is unknown (dates missing or equal)."
        )

        def column(aid: Any, outlet: Any, body: str) -> str:
            return (
                "<div style='flex:1;min-width:0;padding:6px;border:1px solid #ddd;"
                "font-family:Georgia,serif;font-size:13px'>"
                f"<div style='font-family:sans-serif;color:#555'><b>{html.escape(str(outlet))}"
                f"</b> · {html.escape(str(aid))}</div>{body}</div>"
            )

        self.view.value = (
            "<style>mark{background:#ffe066;padding:0}</style>"
            f"<div style='font-size:12px;margin:4px 0'>Shingle similarity "
            f"{float(row['similarity']):.2f}; highlighted: {share:.0%} of the shorter text's "
            f"words. {src}</div>"
            "<div style='display:flex;gap:8px'>"
            + column(row["article_id_a"], row["outlet_a"], html_a)
            + column(row["article_id_b"], row["outlet_b"], html_b)
            + "</div>"
        )
