"""The Dask engine: the same statistics on corpora larger than one machine.

``load_corpus(path, engine="dask")`` returns a :class:`DaskCorpus` whose ``articles``
is a :class:`dask.dataframe.DataFrame` partitioned over the files (each partition is a
run of consecutive files, read by the same per-file reader as the pandas engine, so
encodings, outlets, ids and load errors are identical). :func:`toolkit.article_stats`,
:func:`toolkit.outlet_stats`, :func:`toolkit.keyword_frequencies` and
:func:`toolkit.keyness` accept it and give the numbers the pandas engine gives.

Whatever Dask scheduler is active runs the work: the local threads by default, or a
cluster once a :class:`distributed.Client` is made (``Client("tcp://scheduler:8786")``
for a multi-machine cluster; see ``docs/dask.md``).

How each statistic is distributed
---------------------------------
* **Boilerplate detector** (:func:`fit_detector`): the corpus-wide line counts of the
  outlet-template signal, made by the pandas engine's functions (those of
  :meth:`BoilerplateDetector.fit_batches`) with a partition as a batch, in
  two aggregations, never by collecting the text: (1) per partition, articles per
  hashed line key (:func:`~toolkit.stats.boilerplate.hash_counts`), of which only the
  keys in at least ``min_template_share`` of their outlet's articles *in that
  partition* are kept (a template of the corpus is one in some partition; with
  ``min_template_share=0`` the full counts are summed); (2) per partition, the lines
  with one of the kept hashes counted again under their real ``(outlet, norm)``, with
  their first text (:func:`~toolkit.stats.boilerplate.line_counts`: a hash collision
  cannot change a number), summed in corpus order. :meth:`BoilerplateDetector.from_counts`
  builds the detector from them, equal to ``BoilerplateDetector().fit(lines)``.
* **Article statistics** (:func:`article_stats`): ``map_partitions`` of the pandas
  :func:`toolkit.stats.summary.article_stats` with that detector: near repeats, stray
  strings, scripts and the Gopher values only look inside one article. Lazy: a Dask
  DataFrame with the pandas columns and dtypes.
* **Outlet statistics**: the bootstrap intervals need every article's rates, so
  :func:`toolkit.outlet_stats` computes the numeric columns it reads (about 200 bytes
  per article, no text) and runs the pandas code (the same random draws).
* **Keywords** (:func:`term_counts`): per partition, the clean text (labelled with the
  same global detector) is counted into a :class:`~toolkit.stats.keywords.KeywordCounts`;
  the partial counts are summed in a tree (:func:`merge_term_counts`). Keyness and
  frequency tables read the summed counts.

Examples
--------
>>> import pathlib, tempfile, toolkit
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> for i in range(4):
...     _ = (folder / f"a{i}.txt").write_text(f"Subscribe\\n\\nStory {i} about the river.", "utf-8")
>>> dc = toolkit.load_corpus(folder, engine="dask", npartitions=2)
>>> dc
DaskCorpus(...): 4 files in 2 partitions
>>> with dask.config.set(scheduler="synchronous"):
...     stats = toolkit.article_stats(dc).compute()
>>> stats["boilerplate_ratio"].round(3).tolist()
[0.273, 0.273, 0.273, 0.273]
"""

from __future__ import annotations

import itertools
import os
import warnings
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
from dask.delayed import Delayed, delayed
from dask.utils import parse_bytes

from toolkit.corpus import ARTICLE_SUFFIXES, Corpus, Loader, register_engine
from toolkit.corpus import load_corpus as _load_pandas
from toolkit.io.errors import Problem
from toolkit.io.provenance import recover_page_metadata
from toolkit.schema import ERROR_COLUMNS, as_articles, empty_errors
from toolkit.stats.boilerplate import (
    BoilerplateDetector,
    TemplateCounts,
    hash_counts,
    line_counts,
    merge_template_counts,
    template_candidates,
)
from toolkit.stats.keywords import KeywordCounts, merge_counts
from toolkit.stats.keywords import term_counts as _term_counts_pandas
from toolkit.stats.repetition import REPEAT_THRESHOLD
from toolkit.stats.summary import (
    BATCH_CHARS,
    FRACTION_COLUMNS,
    HEADLINE_RATES,
    batch_bounds,
    strip_boilerplate,
)
from toolkit.stats.summary import article_stats as _article_stats_pandas
from toolkit.stats.summary import outlet_stats as _outlet_stats_pandas

__all__ = [
    "DEFAULT_PARTITION_SIZE",
    "DaskCorpus",
    "article_stats",
    "collect_article_stats",
    "fit_detector",
    "load_corpus_dask",
    "merge_term_counts",
    "outlet_stats",
    "term_counts",
]

#: Default bytes of article files per partition (40-50x that in memory while labelled).
DEFAULT_PARTITION_SIZE = "16MB"
#: Partial results merged per task in the tree reductions.
SPLIT_EVERY = 8


# --------------------------------------------------------------------------- the corpus


class DaskCorpus:
    """A corpus whose articles are a Dask DataFrame, partitioned over files.

    Made by ``load_corpus(..., engine="dask")`` or :meth:`from_corpus`. Nothing is read
    until a statistic or :meth:`compute` asks for it.

    Parameters
    ----------
    articles : dask.dataframe.DataFrame
        One row per article, the columns and dtypes of the pandas engine's
        :attr:`toolkit.Corpus.articles` (each partition on its own ``RangeIndex``).
    errors : callable returning pandas.DataFrame, or pandas.DataFrame
        The load problems (``source_path, error, message``), or a way to compute them.
    source : str
        What was loaded.
    n_files : int, optional
        Article files planned (for the repr).

    Examples
    --------
    >>> import pandas as pd
    >>> dc = DaskCorpus.from_corpus(pd.DataFrame({"outlet": ["A", "B"], "text": ["x", "y"]}),
    ...                             npartitions=2)
    >>> dc.npartitions, len(dc.compute())
    (2, 2)
    """

    def __init__(
        self,
        articles: dd.DataFrame,
        errors: Callable[[], pd.DataFrame] | pd.DataFrame | None = None,
        source: str = "<dask>",
        *,
        n_files: int | None = None,
        _error_parts: tuple[pd.DataFrame, list[Delayed], pd.DataFrame, list[Delayed]] | None = None,
    ) -> None:
        self.articles = articles
        self.source = str(source)
        self.n_files = n_files
        self._errors_value: pd.DataFrame | None = None
        self._errors_fn: Callable[[], pd.DataFrame] | None = None
        self._error_parts = _error_parts
        if isinstance(errors, pd.DataFrame):
            self._errors_value = errors
        elif errors is not None:
            self._errors_fn = errors
        self._detectors: dict[Hashable, BoilerplateDetector] = {}

    # -- construction
    @classmethod
    def from_corpus(
        cls,
        data: Any,
        *,
        npartitions: int | None = None,
        partition_size: int | str | None = None,
    ) -> DaskCorpus:
        """Partition an in-memory corpus (a :class:`toolkit.Corpus` or articles frame).

        Parameters
        ----------
        data : Corpus or pandas.DataFrame
            Articles (a frame's columns are guessed as by :func:`toolkit.load_corpus`).
        npartitions : int, optional
            Number of partitions.
        partition_size : int or str, optional
            Bytes of text per partition (``"16MB"``); used when ``npartitions`` is None.

        Returns
        -------
        DaskCorpus
        """
        corpus = data if isinstance(data, Corpus) else _load_pandas(data)
        arts, errors, source = corpus.articles, corpus.errors, corpus.source
        if npartitions is None:
            size = parse_bytes(partition_size or DEFAULT_PARTITION_SIZE)
            n_bytes = int(arts["text"].str.len().sum()) if len(arts) else 0
            npartitions = max(1, -(-n_bytes // max(size, 1)))
        npartitions = max(1, min(int(npartitions), max(len(arts), 1)))
        with dask.config.set({"dataframe.convert-string": False}):
            ddf = dd.from_pandas(arts, npartitions=npartitions, sort=False)
        return cls(ddf, errors.copy(), source, n_files=len(arts))

    # -- views
    @property
    def npartitions(self) -> int:
        """Number of partitions of :attr:`articles`."""
        return int(self.articles.npartitions)

    @property
    def errors(self) -> pd.DataFrame:
        """The load problems, computed on first access (the files are read for it)."""
        if self._errors_value is None:
            if self._error_parts is not None:
                before, reads, after, dates = self._error_parts
                read_frames, date_frames = dask.compute(reads, dates)
                self._errors_value = _concat_errors([before, *read_frames, after, *date_frames])
            elif self._errors_fn is not None:
                self._errors_value = self._errors_fn()
            else:
                self._errors_value = empty_errors()
        return self._errors_value.copy()

    def compute(self) -> Corpus:
        """Read everything into a pandas :class:`toolkit.Corpus` (errors included).

        Returns
        -------
        Corpus
            Equal to ``load_corpus(source)`` with the pandas engine.
        """
        if self._errors_value is None and self._error_parts is not None:
            before, reads, after, dates = self._error_parts
            # one graph: each partition's files are read once for articles and errors
            frames, read_frames, date_frames = dask.compute(
                self.articles.to_delayed(), reads, dates
            )
            self._errors_value = _concat_errors([before, *read_frames, after, *date_frames])
            arts = pd.concat(frames) if frames else self.articles._meta
        else:
            arts = self.articles.compute()
        return Corpus(arts.reset_index(drop=True), self.errors, self.source)

    def persist(self) -> DaskCorpus:
        """Return a copy whose articles are held in the cluster's memory.

        Returns
        -------
        DaskCorpus
        """
        out = DaskCorpus(
            self.articles.persist(),
            self._errors_fn if self._errors_value is None else self._errors_value,
            self.source,
            n_files=self.n_files,
            _error_parts=self._error_parts,
        )
        out._detectors = dict(self._detectors)
        return out

    def __repr__(self) -> str:
        files = "" if self.n_files is None else f"{self.n_files} files in "
        return f"DaskCorpus({self.source!r}): {files}{self.npartitions} partitions"


def _concat_errors(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return empty_errors()
    out = pd.concat(frames, ignore_index=True)
    return out[list(ERROR_COLUMNS)].astype(object)


def _as_dask_corpus(data: Any) -> DaskCorpus:
    if isinstance(data, DaskCorpus):
        return data
    if isinstance(data, dd.DataFrame):
        meta = as_articles(data._meta)
        with dask.config.set({"dataframe.convert-string": False}):
            arts = data.map_partitions(as_articles, meta=meta)
        return DaskCorpus(arts, empty_errors(), "<dask DataFrame>")
    raise TypeError(f"expected a DaskCorpus or a dask DataFrame, got {type(data).__name__}")


# --------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class _Planned:
    """One article file to read: where it is and what the pandas loader decided for it."""

    path: str
    suffix: str
    source_path: str
    article_id: str
    outlet_hint: str | None
    meta: dict[str, Any] | None
    size: int


@dataclass(frozen=True)
class _PlanChunk:
    """The planned files of one partition, packed into a few objects.

    A task's arguments stay in a ``distributed`` worker's memory while the task waits,
    runs and for a while after; as :class:`_Planned` objects they cost about 600 bytes
    per file (half the corpus's plan sat on one worker at 100,000 files). Packed, the
    strings of all files are one string (less their common prefix) with end offsets:
    about 70 bytes per file. Iterating unpacks them again, one file at a time.
    """

    prefix: str
    text: str
    ends: np.ndarray  # end offset of each field, _FIELDS per file
    no_hint: np.ndarray  # outlet_hint is None
    metas: dict[int, dict[str, Any]]

    _FIELDS = 5  # path, suffix, source_path, article_id, outlet_hint (prefix-less paths)

    @classmethod
    def pack(cls, planned: Sequence[_Planned]) -> _PlanChunk:
        paths = [p.path for p in planned] + [p.source_path for p in planned]
        # a plain string prefix, not a path: any shared characters may go
        prefix = os.path.commonprefix(paths) if paths else ""  # noqa: RUF071
        cut = len(prefix)
        fields: list[str] = []
        for p in planned:
            hint = p.outlet_hint or ""
            fields += [p.path[cut:], p.suffix, p.source_path[cut:], p.article_id, hint]
        lengths = np.fromiter((len(f) for f in fields), dtype=np.int64, count=len(fields))
        ends = np.cumsum(lengths)
        small = len(ends) == 0 or ends[-1] < 2**31
        return cls(
            prefix,
            "".join(fields),
            ends.astype(np.int32 if small else np.int64),
            np.fromiter((p.outlet_hint is None for p in planned), dtype=bool, count=len(planned)),
            {i: p.meta for i, p in enumerate(planned) if p.meta is not None},
        )

    def __len__(self) -> int:
        return len(self.no_hint)

    def __iter__(self) -> Iterator[_Planned]:
        ends = self.ends.tolist()
        start = 0
        k = self._FIELDS
        for i in range(len(self)):
            values = []
            for end in ends[i * k : (i + 1) * k]:
                values.append(self.text[start:end])
                start = end
            path, suffix, source_path, article_id, hint = values
            yield _Planned(
                self.prefix + path,
                suffix,
                self.prefix + source_path,
                article_id,
                None if self.no_hint[i] else hint,
                self.metas.get(i),
                0,  # the size only served to plan the partitions
            )


class _Planner(Loader):
    """Runs the pandas loader's folder logic without reading article files.

    ``load_tree`` decides every article's id, outlet hint and manifest metadata before
    it reads the file; this subclass records those decisions instead of decoding, so the
    partitions can read the files later with exactly the same settings.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.planned: list[_Planned] = []
        self.n_before: int | None = None
        self._current: tuple[str, int] | None = None

    def read_file(self, path: Path, limit: int | None) -> bytes:
        if path.suffix.lower() in ARTICLE_SUFFIXES:
            if self.n_before is None:
                self.n_before = len(self.report.rows)
            try:
                size = os.stat(path).st_size
            except OSError:
                size = 0
            self._current = (os.fspath(path), size)
            return b""
        return super().read_file(path, limit)

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
        assert self._current is not None
        path, size = self._current
        self.planned.append(
            _Planned(path, suffix, source_path, article_id, outlet_hint, meta, size)
        )
        return None


def _read_partition(
    planned: Iterable[_Planned], settings: dict[str, Any], source: str
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Read a run of files as the pandas loader does: (articles, read errors, date errors)."""
    loader = Loader(**settings)
    for item in planned:
        try:
            data = loader.read_file(Path(item.path), loader.max_file_bytes)
        except Problem as exc:
            loader.problem(item.source_path, exc)
            continue
        row = loader.article_row(
            data,
            suffix=item.suffix,
            source_path=item.source_path,
            article_id=item.article_id,
            outlet_hint=item.outlet_hint,
            meta=item.meta,
        )
        if row is not None:
            loader.rows.append(row)
    n_read = len(loader.report.rows)
    corpus = loader.result(source)
    recover_page_metadata(corpus.articles)  # dates and languages; outlets need the corpus
    errors = corpus.errors
    return corpus.articles, errors.iloc[:n_read], errors.iloc[n_read:]


def _bounds(
    sizes: Sequence[int], npartitions: int | None, partition_size: int | str | None
) -> list[tuple[int, int]]:
    """Split consecutive items into runs of about equal bytes (``[(start, end), ...]``)."""
    n = len(sizes)
    if n == 0:
        return [(0, 0)]
    cum = np.cumsum(np.maximum(np.asarray(sizes, dtype=np.int64), 1))
    total = int(cum[-1])
    if npartitions is None:
        size = parse_bytes(partition_size or DEFAULT_PARTITION_SIZE)
        npartitions = max(1, -(-total // max(int(size), 1)))
    k = max(1, min(int(npartitions), n))
    cuts = np.searchsorted(cum, total * np.arange(1, k) / k, side="left") + 1
    edges = np.unique(np.clip(np.r_[0, cuts, n], 0, n))
    return [(int(a), int(b)) for a, b in itertools.pairwise(edges) if b > a]


def load_corpus_dask(
    source: Any,
    *,
    npartitions: int | None = None,
    partition_size: int | str | None = None,
    columns: dict[str, str] | None = None,
    outlet: str | None = None,
    errors: Literal["collect", "raise"] = "collect",
    max_file_bytes: int | None = 50_000_000,
    zip_max_total_bytes: int | None = 500_000_000,
    zip_max_members: int | None = 100_000,
    recursive: bool = True,
) -> DaskCorpus:
    """Load a corpus as a Dask DataFrame partitioned over its files.

    ``toolkit.load_corpus(source, engine="dask", ...)`` calls this. A **folder of
    article files** is planned on the client (folder walk, manifests, ids, outlet
    hints: the pandas loader's own code, no article file opened) and each partition
    reads its run of files with the pandas loader's per-file reader. Tables, zips, a
    single file, a DataFrame or a Corpus are read with the pandas engine and then
    partitioned (they fit one machine by construction); so is a folder whose planned
    article ids collide (a manifest naming two files alike), to keep the pandas
    engine's renaming rule exact.

    Parameters
    ----------
    source : str, os.PathLike, pandas.DataFrame or Corpus
        As :func:`toolkit.load_corpus`.
    npartitions : int, optional
        Number of partitions (runs of consecutive files of about equal bytes).
    partition_size : int or str, optional
        Bytes of files per partition when ``npartitions`` is None; default
        :data:`DEFAULT_PARTITION_SIZE`.
    columns, outlet, errors, max_file_bytes, zip_max_total_bytes, zip_max_members, recursive
        As :func:`toolkit.load_corpus`. With ``errors="raise"`` the
        :class:`~toolkit.LoadError` of a bad file surfaces when it is computed.

    Returns
    -------
    DaskCorpus
        ``articles`` (lazy), ``errors`` (computed on first access), ``compute()``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("One.", "utf-8")
    >>> _ = (folder / "b.txt").write_bytes(b"")
    >>> dc = load_corpus_dask(folder)
    >>> dc.errors["error"].tolist(), len(dc.compute())
    (['empty'], 1)
    """
    settings: dict[str, Any] = {
        "columns": columns,
        "outlet": outlet,
        "errors": errors,
        "progress": False,
        "max_file_bytes": max_file_bytes,
        "zip_max_total_bytes": zip_max_total_bytes,
        "zip_max_members": zip_max_members,
        "recursive": recursive,
    }
    pandas_kwargs = {k: v for k, v in settings.items() if k != "progress"}
    if isinstance(source, str | os.PathLike) and Path(source).is_dir():
        if errors not in ("collect", "raise"):
            raise ValueError(f"errors must be 'collect' or 'raise', got {errors!r}")
        display = os.fspath(source)
        planner = _Planner(**settings)
        planner.load_folder(Path(source), display)
        ids = [p.meta.get("article_id") if p.meta else None for p in planner.planned]
        final_ids = [i or p.article_id for i, p in zip(ids, planner.planned, strict=True)]
        if planner.planned and len(set(final_ids)) == len(final_ids):
            return _plan_to_corpus(planner, settings, display, npartitions, partition_size)
        if planner.planned:
            warnings.warn(
                "planned article ids collide (see the pandas loader's duplicate_id rule); "
                "this folder is read with the pandas engine, then partitioned",
                UserWarning,
                stacklevel=3,
            )
    corpus = _load_pandas(source, progress=False, **pandas_kwargs)
    return DaskCorpus.from_corpus(corpus, npartitions=npartitions, partition_size=partition_size)


register_engine("dask", load_corpus_dask)  # also the "toolkit.engines" entry point "dask"


def _plan_to_corpus(
    planner: _Planner,
    settings: dict[str, Any],
    source: str,
    npartitions: int | None,
    partition_size: int | str | None,
) -> DaskCorpus:
    planned = planner.planned
    n_before = planner.n_before if planner.n_before is not None else len(planner.report.rows)
    plan_errors = planner.report.frame()
    before, after = plan_errors.iloc[:n_before], plan_errors.iloc[n_before:]
    bounds = _bounds([p.size for p in planned], npartitions, partition_size)
    meta = _read_partition([], settings, source)[0]
    read = delayed(_read_partition, nout=3, pure=True)
    parts = [read(_PlanChunk.pack(planned[a:b]), settings, source) for a, b in bounds]
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = dd.from_delayed([p[0] for p in parts], meta=meta, verify_meta=False)
    return DaskCorpus(
        ddf,
        None,
        source,
        n_files=len(planned),
        _error_parts=(before, [p[1] for p in parts], after, [p[2] for p in parts]),
    )


# --------------------------------------------------------------------------- reductions


def _tree_reduce(items: list[Any], func: Callable[[list[Any]], Any]) -> Any:
    """Combine delayed partial results ``SPLIT_EVERY`` at a time, in order."""
    if not items:
        return delayed(func)([])
    while len(items) > 1:
        items = [
            delayed(func, pure=True)(items[i : i + SPLIT_EVERY])
            for i in range(0, len(items), SPLIT_EVERY)
        ]
    return items[0]


# --------------------------------------------------------------------------- detector


def _partition_counts(
    part: pd.DataFrame, share: float, candidates: np.ndarray | None = None
) -> TemplateCounts:
    """One partition, a batch of whole articles at a time. Pass 1 (no ``candidates``):
    articles per key hash, pruned to the partition's frequent keys when ``share > 0``
    (so bounded by the partition; with 0 no key can be ruled out). Pass 2: exact
    counts and first texts of the candidate keys."""
    arts = as_articles(part)
    batches = [arts.iloc[start:stop] for start, stop in batch_bounds(arts, BATCH_CHARS)]
    if candidates is None:
        return merge_template_counts([hash_counts(b)[0] for b in batches], prune=share or None)
    return merge_template_counts([line_counts(b, candidates) for b in batches])


def fit_detector(data: Any, **params: Any) -> BoilerplateDetector:
    """Fit the boilerplate detector on a whole Dask corpus, without collecting its text.

    Equal to ``BoilerplateDetector(**params).fit(split_lines(corpus))`` on the pandas
    corpus (same template lines, shares, first texts and article counts). Cached on
    the :class:`DaskCorpus` per ``params``.

    Parameters
    ----------
    data : DaskCorpus or dask.dataframe.DataFrame
        Articles.
    **params
        Parameters of :class:`~toolkit.stats.boilerplate.BoilerplateDetector`.

    Returns
    -------
    BoilerplateDetector
        Fitted.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": list("abcd"), "outlet": ["X"] * 4,
    ...     "text": [f"Menu\\nStory {i} of the day." for i in range(4)]})
    >>> dc = DaskCorpus.from_corpus(arts, npartitions=2)
    >>> with dask.config.set(scheduler="synchronous"):
    ...     fit_detector(dc).template_lines_[["norm", "n_articles", "share"]].values.tolist()
    [['menu', 4, 1.0]]
    """
    dc = _as_dask_corpus(data)
    key = tuple(sorted(params.items()))
    hit = dc._detectors.get(key)
    if hit is not None:
        return hit
    proto = BoilerplateDetector(**params)
    share = float(proto.min_template_share)
    parts = dc.articles.to_delayed()
    first = [delayed(_partition_counts, pure=True)(p, share) for p in parts]
    (hashes,) = dask.compute(_tree_reduce(first, merge_template_counts))
    least = proto.min_template_articles
    wanted = template_candidates(hashes, min_template_share=share, min_template_articles=least)
    counts = merge_template_counts([])
    if len(wanted):
        second = [delayed(_partition_counts, pure=True)(p, share, wanted) for p in parts]
        (counts,) = dask.compute(_tree_reduce(second, merge_template_counts))
    det = BoilerplateDetector.from_counts(counts.lines, hashes.n_articles, **params)
    dc._detectors[key] = det
    return det


# --------------------------------------------------------------------------- article stats

_PROBE = pd.DataFrame(
    {"article_id": ["probe"], "outlet": ["probe"], "text": ["A line of text.\n\nAnother one."]}
)


def _stats_partition(
    part: pd.DataFrame,
    detector: BoilerplateDetector,
    repeat_threshold: float,
    gopher: bool,
    meta: pd.DataFrame | None,
) -> pd.DataFrame:
    if len(part) == 0 and meta is not None:
        return meta.copy()
    # the pandas engine's own batches: a worker's memory grows with the batch, not
    # with the partition
    return _article_stats_pandas(
        part,
        gopher=gopher,
        batch_chars=BATCH_CHARS,
        progress=False,
        detector=detector,
        repeat_threshold=repeat_threshold,
        cache=False,
    )


def _detector_for(dc: DaskCorpus, detector: Any, fit: bool) -> BoilerplateDetector:
    if detector is not None:
        return detector  # type: ignore[no-any-return]
    return fit_detector(dc) if fit else BoilerplateDetector()


def article_stats(
    data: Any,
    *,
    lines: Any = None,
    gopher: bool = True,
    batch_chars: int | None = BATCH_CHARS,
    progress: bool | None = None,
    detector: BoilerplateDetector | None = None,
    fit: bool = True,
    repeat_threshold: float = REPEAT_THRESHOLD,
    cache: bool = True,
) -> dd.DataFrame:
    """:func:`toolkit.article_stats` of a Dask corpus, lazily, partition by partition.

    The boilerplate detector is fitted on the whole corpus first (:func:`fit_detector`,
    two distributed aggregations), then every partition is labelled with it; the
    numbers equal the pandas engine's.

    Parameters
    ----------
    data : DaskCorpus or dask.dataframe.DataFrame
        Articles.
    lines : None
        Not supported on Dask (the labelled lines are made per partition).
    gopher, detector, fit, repeat_threshold
        As :func:`toolkit.stats.summary.article_stats` / :func:`~toolkit.label_lines`.
    batch_chars, progress, cache
        Not used (accepted for the pandas signature: each partition is labelled in
        batches of :data:`~toolkit.stats.summary.BATCH_CHARS` characters, Dask has its
        own dashboard, and partitions are never cached).

    Returns
    -------
    dask.dataframe.DataFrame
        The columns of :func:`toolkit.stats.summary.article_stats`; ``.compute()`` it
        (each partition keeps its own ``RangeIndex``: ``reset_index(drop=True)``).

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "X"],
    ...                      "text": ["Rain fell.\\n\\nRain fell.", "Sun."]})
    >>> dc = DaskCorpus.from_corpus(arts, npartitions=2)
    >>> with dask.config.set(scheduler="synchronous"):
    ...     article_stats(dc)[["article_id", "repetition_rate"]].compute().values.tolist()
    [['a', 0.5], ['b', 0.0]]
    """
    if lines is not None:
        raise ValueError("lines= is not supported with a Dask corpus (labelled per partition)")
    dc = _as_dask_corpus(data)
    det = _detector_for(dc, detector, fit)
    meta = _stats_partition(_PROBE, det, repeat_threshold, gopher, None).iloc[:0]
    with dask.config.set({"dataframe.convert-string": False}):
        return dc.articles.map_partitions(
            _stats_partition, det, repeat_threshold, gopher, meta, meta=meta
        )


def _distributed_client() -> Any:
    """The ``distributed.Client`` that ``dask.compute`` would use now, or None."""
    try:
        from distributed import Client
    except ImportError:  # pragma: no cover - distributed comes with the dask extra
        return None
    owner = getattr(dask.base.get_scheduler(), "__self__", None)
    return owner if isinstance(owner, Client) else None


def _gather_partitions(parts: Sequence[Any]) -> list[Any]:
    """Compute delayed partitions into a list, in order.

    On a ``distributed`` cluster each result is fetched as soon as its task ends and then
    released, so the workers never hold the whole result at once (``dask.compute`` keeps
    every partition's result in worker memory until the last one is done).
    """
    client = _distributed_client()
    if client is None:
        return list(dask.compute(*parts))
    from distributed import as_completed

    futures: list[Any] = client.compute(list(parts))
    position = {f.key: i for i, f in enumerate(futures)}
    out: list[Any] = [None] * len(futures)
    for future in as_completed(futures):
        i = position[future.key]
        out[i] = future.result()
        futures[i] = None  # drop the last reference: the cluster forgets the result
        future.release()
    return out


def collect_article_stats(stats: Any, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Compute the (numeric) columns of a Dask article-stats frame into pandas.

    :func:`toolkit.outlet_stats` calls this for a Dask input: its bootstrap needs every
    article's rates, which are a few hundred bytes per article (no text). On a cluster,
    use it rather than ``stats.compute()``: that first concatenates the whole table on
    one worker (about 90 MB more worker memory at 100,000 articles), where this brings
    each partition to the client and concatenates there.

    Parameters
    ----------
    stats : dask.dataframe.DataFrame
        The output of :func:`article_stats`.
    columns : sequence of str, optional
        Columns to keep (those present); all by default.

    Returns
    -------
    pandas.DataFrame
        On a fresh ``RangeIndex``, in corpus order.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X"] * 3,
    ...                      "text": ["Rain fell.\\n\\nRain fell.", "Sun.", "Snow."]})
    >>> with dask.config.set(scheduler="synchronous"):
    ...     stats = article_stats(DaskCorpus.from_corpus(arts, npartitions=2))
    ...     collect_article_stats(stats, ["article_id", "repetition_rate"]).values.tolist()
    [['a', 0.5], ['b', 0.0], ['c', 0.0]]
    """
    if columns is not None:
        keep = [c for c in stats.columns if c in set(columns)]
        stats = stats[keep]
    # each partition comes to the client on its own and is concatenated here:
    # ``stats.compute()`` would first concatenate the whole table on one worker
    parts = _gather_partitions(stats.to_delayed())
    full = [p for p in parts if len(p)] or list(parts[:1]) or [stats._meta]
    return pd.concat(full, ignore_index=True)


# --------------------------------------------------------------------------- keywords


def _counts_partition(
    part: pd.DataFrame,
    detector: BoilerplateDetector | None,
    by: str | None,
    ngram: Any,
    text: str,
    lower: bool,
    dispersion: bool = True,
    templates: BoilerplateDetector | None = None,
) -> KeywordCounts:
    if text == "clean" and "clean_text" not in part.columns:
        assert detector is not None  # labelled in batches of whole articles
        part = strip_boilerplate(
            part, detector=detector, cache=False, progress=False, batch_chars=BATCH_CHARS
        )
    return _term_counts_pandas(
        part,
        by=by,
        ngram=ngram,
        text=text,  # type: ignore[arg-type]
        lower=lower,
        dispersion=dispersion,
        templates=templates if templates is not None else False,
    )


def merge_term_counts(parts: Sequence[KeywordCounts]) -> KeywordCounts:
    """Sum term counts made on disjoint sets of articles into one :class:`KeywordCounts`.

    The Dask engine's name for :func:`toolkit.stats.keywords.merge_counts` (the one
    implementation): occurrences, article counts, word tokens and documents of each
    (group, term) are added, so every table read from the result equals the one-pass
    count.

    Parameters
    ----------
    parts : sequence of KeywordCounts
        Same ``by``, ``ngram``, ``text`` and ``lower``; no article in two parts.

    Returns
    -------
    KeywordCounts

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.stats.keywords import term_counts as tc, keyword_frequencies
    >>> a = pd.DataFrame({"article_id": ["1"], "outlet": ["A"], "text": ["Rain and wind."]})
    >>> b = pd.DataFrame({"article_id": ["2"], "outlet": ["A"], "text": ["Rain again."]})
    >>> merged = merge_term_counts([tc(a, text="raw"), tc(b, text="raw")])
    >>> keyword_frequencies(merged)[["term", "n", "n_articles"]].values.tolist()
    [['rain', 2, 2], ['wind', 1, 1]]
    """
    return merge_counts(parts)


def term_counts(
    data: Any,
    *,
    by: str | None = "outlet",
    ngram: int | tuple[int, int] = 1,
    text: Literal["clean", "raw"] = "clean",
    lower: bool = True,
    dispersion: bool = True,
    templates: Any = True,
) -> KeywordCounts:
    """:func:`toolkit.stats.keywords.term_counts` of a Dask corpus: per partition, then summed.

    The clean text of each partition is made with the detector fitted on the whole
    corpus (:func:`fit_detector`), and the template vocabulary learned from it, so the
    counts equal the pandas engine's.
    :func:`toolkit.keyword_frequencies` and :func:`toolkit.keyness` call this for a Dask
    input; pass the result to them to count once for many tables.

    Parameters
    ----------
    data : DaskCorpus or dask.dataframe.DataFrame
        Articles.
    by, ngram, text, lower, dispersion, templates
        As :func:`toolkit.stats.keywords.term_counts` (``templates``: a bool or
        ``"auto"``; a detector given is used for the template vocabulary only).

    Returns
    -------
    KeywordCounts
        Computed (small: one entry per group and term).

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["1", "2"], "outlet": ["A", "B"],
    ...                      "text": ["Rain, rain.", "Rain and sun."]})
    >>> with dask.config.set(scheduler="synchronous"):
    ...     c = term_counts(DaskCorpus.from_corpus(arts, npartitions=2), text="raw")
    >>> c.n_words.tolist(), int(c.total_n[c.term_index("rain")])
    ([2, 3], 3)
    """
    if text not in ("clean", "raw"):
        raise ValueError(f'text must be "clean" or "raw", not {text!r}')
    dc = _as_dask_corpus(data)
    if by is not None and by not in dc.articles.columns:
        raise ValueError(f"no column {by!r} in the articles table")
    need_clean = text == "clean" and "clean_text" not in dc.articles.columns
    given = templates if hasattr(templates, "template_lines_") else None
    learn = (
        by == "outlet"
        and given is None
        and (templates is True or (templates == "auto" and text == "clean"))
    )
    det = fit_detector(dc) if need_clean or learn else None
    vocab = (given if given is not None else det if learn else None) if by == "outlet" else None
    partials = [
        delayed(_counts_partition, pure=True)(p, det, by, ngram, text, lower, dispersion, vocab)
        for p in dc.articles.to_delayed()
    ]
    (merged,) = dask.compute(_tree_reduce(partials, merge_term_counts))
    return merged  # type: ignore[no-any-return]


def outlet_stats(
    article_stats: dd.DataFrame,
    *,
    n_boot: int = 1000,
    level: float = 0.95,
    seed: int | None = 0,
    rates: tuple[str, ...] = HEADLINE_RATES,
) -> pd.DataFrame:
    """:func:`toolkit.outlet_stats` of a Dask article-stats frame.

    The bootstrap needs every article's rates: the numeric columns it reads (no text,
    a few hundred bytes per article) are collected (:func:`collect_article_stats`),
    then the pandas code runs on them, with the same random draws.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "X"],
    ...                      "text": ["Rain fell.\\n\\nRain fell.", "Sun."]})
    >>> with dask.config.set(scheduler="synchronous"):
    ...     out = outlet_stats(article_stats(DaskCorpus.from_corpus(arts, npartitions=2)))
    >>> out[["outlet", "n_articles", "repetition_rate_mean"]].values.tolist()
    [['X', 2, 0.25]]
    """
    wanted = ("outlet", "n_chars", "n_words", *FRACTION_COLUMNS, *rates)
    stats = collect_article_stats(article_stats, wanted)
    return _outlet_stats_pandas(stats, n_boot=n_boot, level=level, seed=seed, rates=rates)  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- registration
# The statistics dispatch on the type of their input (functools.singledispatch): the
# Dask engine registers its own types here; the statistics never import this module.
for _cls in (DaskCorpus, dd.DataFrame):
    _article_stats_pandas.register(_cls, article_stats)  # type: ignore[arg-type]
    _term_counts_pandas.register(_cls, term_counts)
_outlet_stats_pandas.register(dd.DataFrame, outlet_stats)
