"""Load a corpus of scraped articles from folders, tables, zips, HTML pages or frames.

:func:`load_corpus` turns whatever holds the articles into a :class:`Corpus`: an
articles table (one row per article, the columns of
:data:`toolkit.schema.ARTICLE_COLUMNS`) plus an errors table (one row per problem:
an empty, binary, oversized or undecodable file, a malformed table row, a zip over its
limits...). Bad input never stops a load; ``errors="raise"`` turns the first problem
into a :class:`LoadError` instead. The loader only reads: it never writes, extracts or
moves anything.

Each format has one small adapter in :mod:`toolkit.io` that maps its records onto the
canonical row; this module dispatches over them:

* a **folder** of ``.txt`` / ``.html`` / ``.htm`` files (searched recursively); the
  outlet comes from a ``manifest.csv`` / ``manifest.jsonl``, else the sub-folder that
  holds the file, else the page-title suffix the text carries (``- Outlet Name`` alone
  on a line, ``Headline | Outlet`` near the top), else ``"unknown"``;
* a **table**: CSV, TSV, JSONL / NDJSON, JSON (a list of records) or Parquet, whose
  columns are guessed (``text``/``body``/``content``..., ``outlet``/``source``/
  ``domain``...) or given by ``columns={"text": "body"}``;
* a **zip** holding any of the above, read in memory with size and member limits;
* an **HTML page**, reduced to its visible text, one block element per line;
* a pandas **DataFrame** or an existing :class:`Corpus`.

Examples
--------
>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> (folder / "Daily Planet").mkdir()
>>> _ = (folder / "Daily Planet" / "a1.txt").write_text("Storm hits the coast.\\n", "utf-8")
>>> _ = (folder / "Daily Planet" / "a2.txt").write_bytes("Дождь идёт.".encode("cp1251"))
>>> _ = (folder / "b1.txt").write_text("Markets rally | Metro Wire\\nShares rose.", "utf-8")
>>> _ = (folder / "empty.txt").write_bytes(b"")
>>> corpus = load_corpus(folder)
>>> corpus.articles[["article_id", "outlet", "encoding"]].values.tolist()
[['a1', 'Daily Planet', 'utf-8'], ['a2', 'Daily Planet', 'cp1251'], ['b1', 'Metro Wire', 'utf-8']]
>>> corpus.errors[["error", "message"]].values.tolist()
[['empty', 'the file is empty (0 bytes)']]
"""

from __future__ import annotations

import html
import os
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Any, Literal, overload

import numpy as np
import pandas as pd

from toolkit._progress import progress, want_progress
from toolkit.io.articles import article_from_bytes
from toolkit.io.decode import decode_bytes
from toolkit.io.errors import EmptyCorpusWarning, ErrorSink, LoadError, Problem
from toolkit.io.files import (
    ARTICLE_SUFFIXES,
    MANIFEST_NAMES,
    TABLE_SUFFIXES,
    FileEntry,
    article_ids,
    read_file,
    sort_entries,
    suffix_of,
    walk_folder,
)
from toolkit.io.html import html_to_article
from toolkit.io.manifests import read_manifests
from toolkit.io.outlets import folder_outlet, infer_outlet_from_text
from toolkit.io.provenance import (
    PROVENANCE_COLUMNS,
    add_known_sources,
    apply_outlets,
    provenance_summary,
    recover_metadata,
)
from toolkit.io.rows import ArticleRows
from toolkit.io.tables import (
    COLUMN_GUESSES,
    check_columns,
    frame_to_articles,
    parse_dates,
    read_delimited,
    read_json_records,
    read_table,
)
from toolkit.io.zips import open_zip, zip_entries
from toolkit.schema import (
    ARTICLE_COLUMNS,
    ERROR_COLUMNS,
    as_articles,
    empty_articles,
    empty_errors,
)

__all__ = [
    "ARTICLE_SUFFIXES",
    "COLUMN_GUESSES",
    "MANIFEST_NAMES",
    "PROVENANCE_COLUMNS",
    "TABLE_SUFFIXES",
    "TEXT_CHUNK_CHARS",
    "Corpus",
    "EmptyCorpusWarning",
    "LoadError",
    "Loader",
    "available_engines",
    "decode_bytes",
    "frame_to_articles",
    "html_to_article",
    "infer_outlet_from_text",
    "load_corpus",
    "read_delimited",
    "read_json_records",
    "register_engine",
    "unregister_engine",
]

#: Characters of article text held as Python strings while a folder or zip is read;
#: each time this many have been read, they are moved into one chunk of the Arrow text
#: column (the articles table's storage), so the corpus text is held about once, not
#: as Python strings and Arrow data at the same time.
TEXT_CHUNK_CHARS = 1_000_000

_Errors = Literal["collect", "raise"]


# --------------------------------------------------------------------------- the corpus


@dataclass(repr=False)
class Corpus:
    """A loaded corpus: the articles, the load problems, and where they came from.

    Parameters
    ----------
    articles : pandas.DataFrame
        One row per article (validated with :func:`toolkit.schema.as_articles`):
        ``article_id, outlet, title, text, published_at (UTC), url, source_path,
        encoding`` (plus any extra columns of a table source).
    errors : pandas.DataFrame, optional
        One row per load problem: ``source_path, error, message``.
    source : str
        What was loaded (a path, ``"<DataFrame>"``...).
    skipped : pandas.DataFrame, optional
        Files of a folder or zip that hold no data this loader reads (README*, images,
        PDFs...), counted by suffix: ``suffix, n_files``.

    Examples
    --------
    >>> import pandas as pd
    >>> c = Corpus.from_frame(pd.DataFrame({"site": ["A", "B", "A"],
    ...                                      "body": ["One.", "Two.", "Three."]}))
    >>> len(c), c.outlets
    (3, ['A', 'B'])
    >>> c
    Corpus('<DataFrame>'): 3 articles, 2 outlets (A: 2, B: 1), 0 errors
    >>> c.summary()[["outlet", "n_articles", "n_chars_total"]].values.tolist()
    [['A', 2, 10], ['B', 1, 4]]
    """

    articles: pd.DataFrame
    errors: pd.DataFrame = field(default_factory=empty_errors)
    source: str = "<memory>"
    skipped: pd.DataFrame = field(default_factory=lambda: _no_skipped())

    def __post_init__(self) -> None:
        self.articles = as_articles(self.articles, copy=False)
        if self.errors is None:
            self.errors = empty_errors()
        missing = [c for c in ERROR_COLUMNS if c not in self.errors.columns]
        if missing:
            raise ValueError(f"errors table lacks column(s) {', '.join(missing)}")
        self.source = str(self.source)

    # -- construction
    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        *,
        columns: dict[str, str] | None = None,
        outlet: str | None = None,
        source: str = "<DataFrame>",
    ) -> Corpus:
        """Build a corpus from a DataFrame, guessing its columns like a table file.

        Parameters
        ----------
        frame : pandas.DataFrame
            Needs a text column (``text``/``body``/``content``... or ``columns["text"]``).
        columns : dict, optional
            Canonical name -> column of ``frame``, e.g. ``{"text": "body"}``.
        outlet : str, optional
            Outlet given to every article.
        source : str
            Recorded as :attr:`source`.

        Returns
        -------
        Corpus

        Examples
        --------
        >>> import pandas as pd
        >>> Corpus.from_frame(pd.DataFrame({"content": ["Hi."]}), outlet="X").outlets
        ['X']
        """
        corpus = load_corpus(frame, columns=columns, outlet=outlet)
        corpus.source = source
        return corpus

    def copy(self) -> Corpus:
        """Return a deep copy (articles and errors copied).

        Returns
        -------
        Corpus
        """
        return Corpus(self.articles.copy(), self.errors.copy(), self.source, self.skipped.copy())

    # -- summaries
    def __len__(self) -> int:
        return len(self.articles)

    @property
    def outlets(self) -> list[str]:
        """Sorted unique outlet names."""
        return sorted(self.articles["outlet"].astype(str).unique().tolist())

    def summary(self) -> pd.DataFrame:
        """Return one row per outlet.

        Returns
        -------
        pandas.DataFrame
            Columns ``outlet, n_articles, n_chars_total, n_chars_mean, n_dated,
            first_published, last_published``, sorted by ``n_articles`` (descending)
            then outlet. ``n_chars`` counts code points of ``text``; ``n_dated`` is the
            number of articles with a known ``published_at``.

        Examples
        --------
        >>> import pandas as pd
        >>> c = Corpus.from_frame(pd.DataFrame({"outlet": ["A", "A"], "text": ["ab", "abcd"],
        ...                                     "date": ["2024-01-02", None]}))
        >>> c.summary().iloc[0].to_dict()  # doctest: +NORMALIZE_WHITESPACE
        {'outlet': 'A', 'n_articles': 2, 'n_chars_total': 6, 'n_chars_mean': 3.0,
         'n_dated': 1, 'first_published': Timestamp('2024-01-02 00:00:00+0000', tz='UTC'),
         'last_published': Timestamp('2024-01-02 00:00:00+0000', tz='UTC')}
        """
        arts = self.articles
        n_chars = arts["text"].str.len()
        frame = pd.DataFrame(
            {
                "outlet": arts["outlet"].astype(str),
                "n_chars": n_chars.astype("int64"),
                "published_at": arts["published_at"],
            }
        )
        grouped = frame.groupby("outlet", sort=True)
        out = pd.DataFrame(
            {
                "n_articles": grouped.size().astype("int64"),
                "n_chars_total": grouped["n_chars"].sum().astype("int64"),
                "n_chars_mean": grouped["n_chars"].mean().astype("float64"),
                "n_dated": grouped["published_at"].count().astype("int64"),
                "first_published": grouped["published_at"].min(),
                "last_published": grouped["published_at"].max(),
            }
        ).reset_index()
        out = out.sort_values(["n_articles", "outlet"], ascending=[False, True], kind="stable")
        return out.reset_index(drop=True)

    def provenance(self) -> pd.DataFrame:
        """How the outlets, dates and languages were found: articles per source.

        Returns
        -------
        pandas.DataFrame
            ``field, source, n_articles, share`` (:func:`toolkit.io.provenance.provenance_summary`):
            for ``field`` ``"outlet"`` the ``outlet_source`` values (``manifest``,
            ``folder``, ``title``, ``template``...), for ``"date"`` the ``date_source``
            values, for ``"language"`` the languages; ``"missing"`` counts the articles
            without one.

        Examples
        --------
        >>> import pandas as pd
        >>> c = load_corpus(pd.DataFrame({"outlet": ["A", None], "text": ["One.", "Two."],
        ...                               "date": ["2024-01-02", None]}), infer=False)
        >>> c.provenance()[["field", "source", "n_articles"]].values.tolist()
        [['outlet', 'column', 1], ['outlet', 'missing', 1], ['date', 'column', 1], ['date', 'missing', 1], ['language', 'missing', 2]]
        """
        return provenance_summary(self.articles)

    def _outlet_counts(self) -> list[tuple[str, int]]:
        counts = Counter(self.articles["outlet"].astype(str).tolist())
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    def __repr__(self) -> str:
        counts = self._outlet_counts()
        shown = ", ".join(f"{name}: {n}" for name, n in counts[:8])
        if len(counts) > 8:
            shown += f", ... {len(counts) - 8} more"
        n_err = len(self.errors)
        return (
            f"Corpus({self.source!r}): {_plural(len(self), 'article')}, "
            f"{_plural(len(counts), 'outlet')}{f' ({shown})' if shown else ''}, "
            f"{_plural(n_err, 'error')}"
        )

    def _repr_html_(self) -> str:
        esc = html.escape
        counts = self._outlet_counts()
        rows = "".join(
            f"<tr><td>{esc(name)}</td><td style='text-align:right'>{n}</td></tr>"
            for name, n in counts[:20]
        )
        if len(counts) > 20:
            rows += f"<tr><td colspan='2'>... {len(counts) - 20} more outlets</td></tr>"
        kinds = Counter(self.errors["error"].astype(str).tolist())
        err = ", ".join(f"{esc(k)}: {n}" for k, n in sorted(kinds.items()))
        return (
            "<div class='toolkit-corpus'>"
            f"<p><strong>Corpus</strong> <code>{esc(self.source)}</code>: "
            f"{_plural(len(self), 'article')}, {_plural(len(counts), 'outlet')}, "
            f"{_plural(len(self.errors), 'error')}{f' ({err})' if err else ''}</p>"
            "<table><thead><tr><th>outlet</th><th>n_articles</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>{self._provenance_html()}</div>"
        )

    def _provenance_html(self) -> str:
        """The load report: how outlets and dates were found (empty without the columns)."""
        if "outlet_source" not in self.articles.columns or not len(self):
            return ""
        table = self.provenance()
        table = table[table["field"] != "language"]
        cells = "".join(
            f"<tr><td>{html.escape(f)}</td><td>{html.escape(s)}</td>"
            f"<td style='text-align:right'>{n}</td><td style='text-align:right'>{p:.0%}</td></tr>"
            for f, s, n, p in table.itertuples(index=False)
        )
        return (
            "<p>How outlets and dates were found:</p><table><thead><tr><th>field</th>"
            "<th>source</th><th>n_articles</th><th>share</th></tr></thead>"
            f"<tbody>{cells}</tbody></table>"
        )


def _most_first(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


def _no_skipped() -> pd.DataFrame:
    return pd.DataFrame({"suffix": pd.Series(dtype=object), "n_files": pd.Series(dtype="int64")})


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# --------------------------------------------------------------------------- engines

#: Entry-point group in which a package offers an engine (``dask = toolkit.scale:...``).
ENGINE_GROUP = "toolkit.engines"
_ENGINES: dict[str, Callable[..., Any]] = {}


def register_engine(name: str, loader: Callable[..., Any]) -> None:
    """Make ``load_corpus(..., engine=name)`` return ``loader(source, ...)``.

    Engines are also found in the ``toolkit.engines`` entry-point group (that is how
    ``engine="dask"`` finds :func:`toolkit.scale.load_corpus_dask`, as pandas finds
    its plotting backends); a registered engine wins over an entry point of its name.

    Parameters
    ----------
    name : str
        Any name but ``"pandas"`` (built in).
    loader : callable
        Called as ``loader(source, npartitions=..., partition_size=..., columns=...,
        outlet=..., errors=..., max_file_bytes=..., zip_max_total_bytes=...,
        zip_max_members=..., recursive=...)`` with the arguments of :func:`load_corpus`.

    Returns
    -------
    None

    Examples
    --------
    >>> register_engine("head", lambda source, **kwargs: load_corpus(source).articles[:1])
    >>> len(load_corpus(pd.DataFrame({"text": ["One.", "Two."]}), engine="head"))
    1
    >>> unregister_engine("head")
    """
    if name == "pandas":
        raise ValueError("the pandas engine is built in and cannot be replaced")
    if not callable(loader):
        raise TypeError(f"an engine must be callable, got {type(loader).__name__}")
    _ENGINES[name] = loader


def unregister_engine(name: str) -> None:
    """Forget an engine given to :func:`register_engine` (entry points stay available).

    Returns
    -------
    None

    Examples
    --------
    >>> unregister_engine("not-registered")  # nothing to forget: no error
    """
    _ENGINES.pop(name, None)


def _entry_points() -> dict[str, EntryPoint]:
    found: dict[str, EntryPoint] = {}
    for point in entry_points(group=ENGINE_GROUP):
        found.setdefault(point.name, point)
    return found


def available_engines() -> list[str]:
    """The names ``load_corpus(engine=...)`` accepts (nothing is imported to list them).

    Returns
    -------
    list of str
        Sorted: ``"pandas"``, the registered engines and the entry points.

    Examples
    --------
    >>> "pandas" in available_engines()
    True
    """
    return sorted({"pandas", *_ENGINES, *_entry_points()})


def _engine(name: Any) -> Callable[..., Any]:
    if isinstance(name, str) and name in _ENGINES:
        return _ENGINES[name]
    point = _entry_points().get(name) if isinstance(name, str) else None
    if point is None:
        raise ValueError(
            f"unknown engine {name!r}; available engines: {', '.join(available_engines())}"
        )
    try:
        loader: Callable[..., Any] = point.load()
    except ImportError as exc:
        hint = f'pip install "toolkit[{name}]"' if point.value.startswith("toolkit.") else ""
        raise ImportError(
            f"the {name!r} engine ({point.value}) cannot be imported: {exc}"
            + (f"; install it with {hint}" if hint else "")
        ) from exc
    return loader


# --------------------------------------------------------------------------- the loader


class _FileReader:
    """``read(limit)`` of a file of a folder (small: one per file of the folder)."""

    __slots__ = ("loader", "path")

    def __init__(self, loader: Loader, path: str) -> None:
        self.loader = loader
        self.path = path

    def __call__(self, limit: int | None) -> bytes:
        return self.loader.read_file(Path(self.path), limit)


class Loader:
    """The pandas engine: reads sources with the :mod:`toolkit.io` adapters into a Corpus.

    Problems go to ``report`` (an :class:`~toolkit.io.errors.ErrorSink`); article rows
    to ``rows``, table parts to ``parts``; :meth:`result` makes the corpus. The Dask
    engine subclasses it to plan a folder (overriding :meth:`read_file` and
    :meth:`article_row`) and reads each partition with it.

    Examples
    --------
    >>> loader = Loader(columns=None, outlet="X", errors="collect", progress=False,
    ...                 max_file_bytes=None, zip_max_total_bytes=None, zip_max_members=None,
    ...                 recursive=True)
    >>> row = loader.article_row(b"One.", suffix=".txt", source_path="a.txt", article_id="a",
    ...                          outlet_hint=None, meta=None)
    >>> loader.rows.append(row)
    >>> loader.article_row(b"", suffix=".txt", source_path="b.txt", article_id="b",
    ...                    outlet_hint=None, meta=None) is None
    True
    >>> loader.result("<memory>")
    Corpus('<memory>'): 1 article, 1 outlet (X: 1), 1 error
    """

    def __init__(
        self,
        *,
        columns: dict[str, str] | None,
        outlet: str | None,
        errors: _Errors,
        progress: bool | None,
        max_file_bytes: int | None,
        zip_max_total_bytes: int | None,
        zip_max_members: int | None,
        recursive: bool,
        follow_links: bool = False,
        max_table_bytes: int | None = None,
    ) -> None:
        self.columns = columns
        self.follow_links = follow_links
        self.max_table_bytes = max_table_bytes
        self.outlet = outlet
        self.report = ErrorSink(errors)
        self.progress = progress
        self.max_file_bytes = max_file_bytes
        self.zip_max_total_bytes = zip_max_total_bytes
        self.zip_max_members = zip_max_members
        self.recursive = recursive
        self.parts: list[pd.DataFrame] = []
        self.rows = ArticleRows(TEXT_CHUNK_CHARS)
        self.skipped: Counter[str] = Counter()

    def note_skipped(self, entries: list[FileEntry]) -> None:
        """Count files that are not data this loader reads, by suffix (:attr:`skipped`)."""
        for entry in entries:
            self.skipped[suffix_of(entry.rel) or "(none)"] += 1

    def read_table_file(self, entry: FileEntry) -> bytes:
        """The bytes of a table file, at most ``max_table_bytes`` of them."""
        try:
            return entry.read(self.max_table_bytes)
        except Problem as exc:
            if exc.error != "too_large":
                raise
            message = exc.message.replace("max_file_bytes", "max_table_bytes")
            raise Problem("too_large", f"{message} (max_table_bytes=None reads it)") from None

    def problem(self, source_path: str, exc: Problem) -> None:
        """Report a problem raised by an adapter."""
        self.report(source_path, exc.error, exc.message)

    def _progress(self, items: list[FileEntry]) -> Iterable[FileEntry]:
        show = want_progress(self.progress, long=len(items) > 200)
        return progress(items, show=show, total=len(items), unit="file", desc="loading")

    # -- single files
    def read_file(self, path: Path, limit: int | None) -> bytes:
        """The bytes of a file (:func:`toolkit.io.files.read_file`)."""
        return read_file(path, limit)

    def load_table(self, data: bytes, suffix: str, source_path: str) -> None:
        """Read a table file's records into :attr:`parts`."""
        try:
            frame, where, problems, encoding = read_table(data, suffix)
            for message in problems:
                self.report(source_path, "bad_row", message)
            if len(frame) == 0:
                if not problems:
                    raise Problem("empty", "the table holds no records")
                return
            part = frame_to_articles(
                frame,
                columns=self.columns,
                outlet=self.outlet,
                source_path=source_path,
                locations=where,
                report=self.report,
                encoding=encoding,
            )
            self.parts.append(part)
        except Problem as exc:
            self.problem(source_path, exc)

    def article_row(
        self,
        data: bytes,
        *,
        suffix: str,
        source_path: str,
        article_id: str,
        outlet_hint: str | None,
        meta: dict[str, Any] | None,
    ) -> dict[str, Any] | None:
        """Decode one .txt/.html file into a row (None and a report if it is bad)."""
        try:
            return article_from_bytes(
                data,
                suffix=suffix,
                source_path=source_path,
                article_id=article_id,
                outlet=self.outlet,
                outlet_hint=outlet_hint,
                meta=meta,
            )
        except Problem as exc:
            self.problem(source_path, exc)
            return None

    def load_article(
        self,
        entry: FileEntry,
        *,
        suffix: str,
        article_id: str,
        outlet_hint: str | None,
        meta: dict[str, Any] | None,
    ) -> None:
        """Read one article file into :attr:`rows` (or report why not)."""
        try:
            data = entry.read(self.max_file_bytes)
        except Problem as exc:
            self.problem(entry.source_path, exc)
            return
        row = self.article_row(
            data,
            suffix=suffix,
            source_path=entry.source_path,
            article_id=article_id,
            outlet_hint=outlet_hint,
            meta=meta,
        )
        if row is not None:
            self.rows.append(row)

    # -- folders and zips
    def load_tree(self, entries: list[FileEntry], *, tables: bool) -> None:
        """Load a folder-like list of files: manifests and articles, else its tables."""
        found = sort_entries(entries)
        articles = found.articles
        self.note_skipped(found.other)
        for entry in found.archives:
            self.report(
                entry.source_path,
                "skipped",
                "a zip inside a folder is not opened; load it on its own: "
                f"load_corpus({entry.source_path!r})",
            )
        if articles and tables:
            for entry in found.tables:
                self.report(
                    entry.source_path,
                    "skipped",
                    "a table beside article files is not loaded (the folder's articles are); "
                    f"load it on its own: load_corpus({entry.source_path!r})",
                )
        if tables and not articles:
            for entry in found.tables:
                try:
                    data = self.read_table_file(entry)
                except Problem as exc:
                    self.problem(entry.source_path, exc)
                    continue
                self.load_table(data, suffix_of(entry.rel), entry.source_path)
            return
        index = read_manifests(found.manifests, self.report)
        ids = article_ids([entry.rel for entry in articles])
        outlet_names: dict[str, str] = {}  # one string per outlet, not one per file
        for entry, article_id in zip(self._progress(articles), ids, strict=True):
            top = folder_outlet(entry.rel)
            self.load_article(
                entry,
                suffix=suffix_of(entry.rel),
                article_id=article_id,
                outlet_hint=outlet_names.setdefault(top, top) if top is not None else None,
                meta=index.lookup(entry.rel),
            )
        index.report_missing(self.report)

    def load_folder(self, root: Path, display: str) -> None:
        """Load every file below ``root`` (:func:`toolkit.io.files.walk_folder`)."""
        found = walk_folder(
            root,
            display,
            recursive=self.recursive,
            report=self.report,
            follow_links=self.follow_links,
        )
        self.load_tree(
            [FileEntry(rel, src, _FileReader(self, path)) for rel, src, path in found],
            tables=True,
        )

    def load_zip(self, data_or_path: Path | bytes, display: str) -> None:
        """Load a zip archive like a folder, within the zip limits."""
        archive = open_zip(data_or_path, display, self.report)
        if archive is None:
            return
        with archive:
            entries = zip_entries(
                archive,
                display,
                self.report,
                max_members=self.zip_max_members,
                max_total_bytes=self.zip_max_total_bytes,
            )
            if entries is not None:
                self.load_tree(entries, tables=True)

    # -- sources
    def load_frame(self, frame: pd.DataFrame) -> Corpus:
        """The corpus of a DataFrame (``ValueError`` if it cannot be mapped)."""
        try:
            part = frame_to_articles(
                frame,
                columns=self.columns,
                outlet=self.outlet,
                source_path="<DataFrame>",
                locations=None,
                report=self.report,
                encoding=None,
            )
        except Problem as exc:
            raise ValueError(f"cannot load this DataFrame: {exc.message}") from None
        self.parts.append(part)
        return self.result("<DataFrame>")

    def load_path(self, source: Any) -> Corpus:
        """The corpus of a folder, zip, table or article file, by its kind."""
        if isinstance(source, bytes | bytearray) or not isinstance(source, str | os.PathLike):
            raise TypeError(
                "source must be a path (str or os.PathLike) to a folder, table, zip, .txt or "
                f".html file, a pandas DataFrame or a Corpus; got {type(source).__name__}"
            )
        path = Path(source)
        display = os.fspath(source)
        if not os.path.lexists(path):
            raise FileNotFoundError(f"no such file or folder: {display!r}")
        if not path.exists():
            raise FileNotFoundError(f"{display!r} is a broken symbolic link")
        suffix = path.suffix.lower()
        entry = FileEntry(path.name, display, _FileReader(self, os.fspath(path)))
        if path.is_dir():
            self.load_folder(path, display)
        elif suffix == ".zip":
            self.load_zip(path, display)
        elif suffix in TABLE_SUFFIXES:
            try:
                data = self.read_table_file(entry)
            except Problem as exc:
                self.problem(display, exc)
            else:
                self.load_table(data, suffix, display)
        elif suffix in ARTICLE_SUFFIXES:
            self.load_article(
                entry, suffix=suffix, article_id=path.stem, outlet_hint=None, meta=None
            )
        else:
            known = sorted(ARTICLE_SUFFIXES | TABLE_SUFFIXES | {".zip"})
            raise ValueError(
                f"unsupported file type {suffix or '(no suffix)'!r} for {display!r}; "
                f"load a folder or one of: {', '.join(known)}"
            )
        return self.result(display)

    # -- results
    def result(self, source: str) -> Corpus:
        frames = list(self.parts)
        if self.rows:
            rows = self.rows.frame()
            parsed, bad = parse_dates(rows["published_at"])
            for i in np.flatnonzero(bad.to_numpy()):
                self.report(
                    rows["source_path"].iloc[i],
                    "bad_date",
                    f"published_at {self.rows.columns['published_at'][i]!r} could not be parsed; "
                    "left as NaT",
                )
            rows["published_at"] = parsed
            known = rows["date_source"].astype(object).where(parsed.notna(), None)
            rows["date_source"] = known  # a bad date is looked for in the text instead
            frames.insert(0, rows)
        frames = [f for f in frames if len(f)]
        if frames:
            for f in frames:
                f["published_at"] = f["published_at"].astype("datetime64[ns, UTC]")
                add_known_sources(f, user_outlet=self.outlet is not None)
            merged = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
            merged = self._unique_ids(merged)
        else:
            merged = add_known_sources(empty_articles(), user_outlet=False)
        first = [*ARTICLE_COLUMNS, *PROVENANCE_COLUMNS]
        merged = merged[first + [c for c in merged.columns if c not in first]]
        counts: list[tuple[str, int]] = sorted(self.skipped.items(), key=_most_first)
        skipped = pd.DataFrame(
            {
                "suffix": pd.Series([k for k, _ in counts], dtype=object),
                "n_files": pd.Series([n for _, n in counts], dtype="int64"),
            }
        )
        return Corpus(merged, self.report.frame(), source, skipped=skipped)

    def _unique_ids(self, frame: pd.DataFrame) -> pd.DataFrame:
        ids = frame["article_id"].astype(str)
        dup = ids.duplicated(keep="first").to_numpy()
        if not dup.any():
            return frame
        new = ids.tolist()
        taken = set(new)
        first_of: dict[str, str] = {}
        sources = frame["source_path"].astype(str).tolist()
        for ident, src in zip(new, sources, strict=True):
            first_of.setdefault(ident, src)
        next_k: dict[str, int] = {}  # per base, the first suffix not yet tried: O(n) overall
        renamed: dict[tuple[str, str], list[str]] = {}  # (source, base) -> new ids, in order
        for i in np.flatnonzero(dup).tolist():
            base = new[i]
            k = next_k.get(base, 2)
            while f"{base}~{k}" in taken:
                k += 1
            next_k[base] = k + 1
            new[i] = f"{base}~{k}"
            taken.add(new[i])
            renamed.setdefault((sources[i], base), []).append(new[i])
        for (source, base), names in renamed.items():  # one row per id and file, not per row
            loaded = (
                f"this article was loaded as {names[0]!r}"
                if len(names) == 1
                else f"{len(names):,} more articles were loaded as {names[0]!r} ... {names[-1]!r}"
            )
            self.report(
                source,
                "duplicate_id",
                f"article_id {base!r} is already used (by {first_of[base]}); {loaded}",
            )
        out = frame.copy()
        out["article_id"] = new
        return out


# --------------------------------------------------------------------------- entry point


def _check_arguments(
    errors: Any,
    columns: Any,
    outlets: Any,
    limits: dict[str, Any],
    partitions: tuple[Any, Any],
) -> None:
    """Raise for arguments of the pandas engine that cannot be right."""
    if partitions != (None, None):
        raise ValueError("npartitions and partition_size only apply to engine='dask'")
    if errors not in ("collect", "raise"):
        raise ValueError(f"errors must be 'collect' or 'raise', got {errors!r}")
    check_columns(columns)
    if outlets is not None and (
        not isinstance(outlets, Mapping) or not all(isinstance(k, str) for k in outlets)
    ):
        raise ValueError(
            "outlets must be a dict of article id, outlet name or site label -> outlet, "
            f"got {type(outlets).__name__}"
        )
    for name, value in limits.items():
        if value is not None and (not isinstance(value, int) or value < 0):
            raise ValueError(f"{name} must be a non-negative int or None, got {value!r}")


@overload
def load_corpus(
    source: Any,
    *,
    columns: dict[str, str] | None = None,
    outlet: str | None = None,
    errors: Literal["collect", "raise"] = "collect",
    progress: bool | None = None,
    max_file_bytes: int | None = 50_000_000,
    zip_max_total_bytes: int | None = 500_000_000,
    zip_max_members: int | None = 100_000,
    max_table_bytes: int | None = 2_000_000_000,
    recursive: bool = True,
    outlets: Mapping[str, str] | None = None,
    infer: bool = True,
    follow_links: bool = False,
    engine: Literal["pandas"] = "pandas",
    npartitions: None = None,
    partition_size: None = None,
) -> Corpus: ...


@overload
def load_corpus(
    source: Any,
    *,
    columns: dict[str, str] | None = None,
    outlet: str | None = None,
    errors: Literal["collect", "raise"] = "collect",
    progress: bool | None = None,
    max_file_bytes: int | None = 50_000_000,
    zip_max_total_bytes: int | None = 500_000_000,
    zip_max_members: int | None = 100_000,
    max_table_bytes: int | None = 2_000_000_000,
    recursive: bool = True,
    outlets: Mapping[str, str] | None = None,
    infer: bool = True,
    follow_links: bool = False,
    engine: str,
    npartitions: int | None = None,
    partition_size: int | str | None = None,
) -> Any: ...


def load_corpus(
    source: Any,
    *,
    columns: dict[str, str] | None = None,
    outlet: str | None = None,
    errors: Literal["collect", "raise"] = "collect",
    progress: bool | None = None,
    max_file_bytes: int | None = 50_000_000,
    zip_max_total_bytes: int | None = 500_000_000,
    zip_max_members: int | None = 100_000,
    max_table_bytes: int | None = 2_000_000_000,
    recursive: bool = True,
    outlets: Mapping[str, str] | None = None,
    infer: bool = True,
    follow_links: bool = False,
    engine: str = "pandas",
    npartitions: int | None = None,
    partition_size: int | str | None = None,
) -> Corpus | Any:
    """Load articles from a folder, a table file, a zip, an HTML page or a DataFrame.

    Parameters
    ----------
    source : str, os.PathLike, pandas.DataFrame or Corpus
        What to load; the kind is detected:

        - a **folder**: every ``.txt``/``.html``/``.htm`` file below it (README*,
          LICENSE*, CHANGELOG*, labels*, manifest* and hidden files skipped) is one
          article whose ``article_id`` is the file stem (``stem@sub/folder`` when
          stems collide). A folder without such files loads its tables instead.
          The outlet comes from a ``manifest.csv``/``manifest.jsonl`` (columns
          ``path`` or ``article_id``/``id``, plus any of ``outlet, title,
          published_at, url``; paths relative to the manifest's folder), else the
          top-level sub-folder holding the file, else (HTML) the page's
          ``og:site_name`` / title suffix / domain, else the page-title suffix in the
          text (:func:`infer_outlet_from_text`), else ``"unknown"``;
        - a **table** (``.csv``, ``.tsv``, ``.jsonl``/``.ndjson``, ``.json``,
          ``.parquet``): one article per row, columns guessed
          (:data:`COLUMN_GUESSES`) or given by ``columns``; a missing id becomes a
          content hash (``sha1(outlet + "\\n" + text)[:16]``);
        - a **.zip** of any of the above, read in memory like a folder (one top-level
          folder wrapping every member acts as the root); ``source_path`` is
          ``"archive.zip!member"``; members with absolute or ``..`` paths are refused;
        - an **.html/.htm** page or a **.txt** file: one article;
        - a **DataFrame** (columns guessed as for tables) or a **Corpus** (copied).
    columns : dict, optional
        Canonical name -> source column, e.g. ``{"text": "body", "outlet": "site"}``.
    outlet : str, optional
        Outlet given to every article, overriding any inference.
    errors : {"collect", "raise"}
        ``"collect"`` (default) records each problem in :attr:`Corpus.errors` and loads
        the rest; ``"raise"`` raises :class:`LoadError` at the first one.
    progress : bool, optional
        tqdm progress bar over files (on stderr, or a notebook widget); ``None`` shows
        it for more than 200 files when someone watches: stderr is a terminal or the
        code runs in a Jupyter kernel, and ``CI`` is not set.
    max_file_bytes : int or None
        Article files (``.txt``/``.html``) above this size are skipped (``too_large``).
        ``None`` for no limit. Tables have their own limit, ``max_table_bytes``.
    max_table_bytes : int or None
        Table files (CSV, JSONL, Parquet...) above this size are not read
        (``too_large``; 2 GB by default). ``None`` for no limit.
    zip_max_total_bytes, zip_max_members : int or None
        A zip whose declared uncompressed size or member count exceeds these is not
        loaded at all (``zip_limit``); the bytes actually inflated are capped too.
    recursive : bool
        Search sub-folders of a folder.
    follow_links : bool, default False
        Follow symbolic links that lead out of the folder. By default they are not
        followed and each is reported (``outside_link``); links inside it are followed.
    outlets : dict, optional
        The user's outlets, which win over everything: keys are article ids, outlet
        names as loaded, or unnamed site labels (``"site-03"``); values the outlet to
        give (``outlet_source`` ``"user"``). A key that matches nothing raises.
    infer : bool, default True
        Where the source is silent, read the outlet, the date and the language from
        the pages (:func:`toolkit.io.provenance.recover_metadata`): outlets from title
        lines, captions, copyright lines, datelines, domains and the template lines a
        site's pages share (:func:`toolkit.io.sites.infer_sites`), dates from
        datelines, bylines and "Published" lines (:func:`toolkit.io.dates.find_dates`),
        languages with an offline model (:func:`toolkit.io.language.detect_language`).
        A manifest, a folder name, a table column or ``outlet=`` always decide.
        ``False`` keeps only what the source said (and a page's own title suffix).
    engine : str, default "pandas"
        ``"dask"`` (with ``pip install "toolkit[dask]"``) returns a
        :class:`toolkit.scale.DaskCorpus`: a Dask DataFrame partitioned over the files
        (read lazily, by the same per-file reader), which :func:`toolkit.article_stats`,
        :func:`toolkit.outlet_stats`, :func:`toolkit.keyword_frequencies` and
        :func:`toolkit.keyness` accept (see ``docs/dask.md``). ``progress`` is not used
        there (Dask has its own dashboard). Other engines come from
        :func:`register_engine` or the ``toolkit.engines`` entry points
        (:func:`available_engines`).
    npartitions, partition_size : optional
        Dask engine only: the number of partitions, or the bytes of files per partition
        (int or ``"16MB"``; default ``toolkit.scale.DEFAULT_PARTITION_SIZE``).

    Returns
    -------
    Corpus
        (A :class:`toolkit.scale.DaskCorpus` with ``engine="dask"``.)
        ``articles``: ``article_id, outlet, title, text, published_at (UTC, NaT if
        unknown), url, source_path, encoding`` (text is NFC with ``\\n`` newlines,
        nothing removed; table sources keep their other columns after these);
        then how each article's metadata was found (:data:`PROVENANCE_COLUMNS`:
        ``outlet_source, outlet_evidence, outlet_confidence, site_group, date_source,
        date_raw, date_reason, language, language_confidence``; counted by
        :meth:`Corpus.provenance`);
        ``errors``: ``source_path, error, message`` where ``error`` is one of
        ``empty, binary, too_large, unreadable, undecodable, bad_row, bad_table,
        bad_date, no_text_column, missing_column, zip_limit, unsafe_path,
        missing_file, duplicate_id, symlink_loop, unsupported, bad_html, special_file,
        outside_link, bad_name, skipped``.
        The article of a ``duplicate_id`` row is loaded (renamed ``id~2``), that of a
        ``bad_date`` row too (with ``NaT``), that of a ``bad_name`` row too (its name's
        undecodable bytes written ``\\xNN``); the others are not. ``skipped`` names
        data files a folder holds but this load does not read (a zip inside a folder, a
        table beside article files); :attr:`Corpus.skipped` counts every other file
        that was not read, by suffix. ``bad_row`` and
        ``bad_date`` messages name the line.

    Raises
    ------
    FileNotFoundError
        If ``source`` is a path that does not exist.
    ValueError
        For an unsupported file type, bad ``errors``/``columns`` arguments, a
        DataFrame without a text column, or an unknown ``engine``.
    ImportError
        If the engine's packages are not installed (``dask``).
    TypeError
        If ``source`` is neither a path, a DataFrame nor a Corpus.
    LoadError
        With ``errors="raise"``, at the first bad file or row.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"site": ["rt.com", "tass.ru"], "body": ["Text one.", "Text two."],
    ...                       "date": ["2024-03-01T10:00:00+03:00", "not a date"]})
    >>> corpus = load_corpus(frame, columns={"outlet": "site", "text": "body"})
    >>> corpus.articles[["article_id", "outlet", "published_at"]]
             article_id   outlet              published_at
    0  ...  rt.com 2024-03-01 07:00:00+00:00
    1  ...  tass.ru                       NaT
    >>> corpus.errors["error"].tolist()
    ['bad_date']
    """
    if engine != "pandas" and max_table_bytes != 2_000_000_000:
        raise ValueError("max_table_bytes applies to the pandas engine")
    limits = {
        "max_file_bytes": max_file_bytes,
        "zip_max_total_bytes": zip_max_total_bytes,
        "zip_max_members": zip_max_members,
    }
    if engine != "pandas":
        if outlets is not None or not infer or follow_links:
            raise ValueError(
                "outlets=, infer= and follow_links= apply to the pandas engine; other engines "
                "read outlets from manifests, folders and title lines only, and never follow "
                "links out of the corpus folder"
            )
        return _engine(engine)(
            source,
            npartitions=npartitions,
            partition_size=partition_size,
            columns=columns,
            outlet=outlet,
            errors=errors,
            recursive=recursive,
            **limits,
        )
    _check_arguments(
        errors,
        columns,
        outlets,
        {**limits, "max_table_bytes": max_table_bytes},
        (npartitions, partition_size),
    )
    if isinstance(source, Corpus):
        corpus = source.copy()
        if outlets:
            add_known_sources(corpus.articles, user_outlet=False)
            apply_outlets(corpus.articles, outlets)
        return corpus
    loader = Loader(
        columns=columns,
        outlet=outlet,
        errors=errors,
        progress=progress,
        recursive=recursive,
        follow_links=follow_links,
        max_table_bytes=max_table_bytes,
        **limits,
    )
    if isinstance(source, pd.DataFrame):
        corpus = loader.load_frame(source)
    else:
        corpus = loader.load_path(source)
    show = want_progress(progress, long=len(corpus) > 2_000)
    recover_metadata(corpus.articles, outlets=outlets, infer=infer, show_progress=show)
    if not len(corpus):
        warnings.warn(_empty_message(corpus), EmptyCorpusWarning, stacklevel=2)
    return corpus


def _empty_message(corpus: Corpus) -> str:
    """Why a load found no article: the kinds of problems and of files skipped."""
    kinds = Counter(corpus.errors["error"].astype(str).tolist())
    parts = [f"{n} {kind}" for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))]
    why = f"; problems: {', '.join(parts)} (see corpus.errors)" if parts else ""
    n_skipped = int(corpus.skipped["n_files"].sum()) if len(corpus.skipped) else 0
    if n_skipped:
        why += f"; {n_skipped} file(s) of other types skipped (see corpus.skipped)"
    return (
        f"no articles were loaded from {corpus.source}{why}. A folder needs .txt or .html "
        "files, or tables (.csv, .jsonl, .parquet...) with a text column."
    )
