"""Article- and outlet-level quality statistics, each explainable line by line.

The pipeline is the one in the house style::

    articles --split_lines--> lines --mark_repeats / BoilerplateDetector / mark_stray-->
        labelled lines --aggregate--> article_stats --bootstrap--> outlet_stats

Every article-level rate is an aggregation of :func:`label_lines`: a line's characters
count as *repeated* when the line repeats an earlier line of the same article, as
*boilerplate* when the detector says so (with a reason), as *stray* for the span the
stray-string detector names. The denominators are the characters of the article's
non-blank lines, so a user can recompute any rate from the line table.

Results are cached per content (article ids, outlets and texts) and settings, so a
notebook or widget that asks again for the same corpus gets the table at once.

A corpus with more than :data:`BATCH_CHARS` characters of text is labelled one batch
of whole articles at a time by :func:`article_stats` and :func:`strip_boilerplate`
(the boilerplate detector is fitted on the line counts of all batches first), so
their memory grows with the batch, not with the corpus; the numbers are those of one
:func:`label_lines` call on the whole corpus, which is still there to explain them.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import singledispatch
from itertools import pairwise
from typing import Any, Literal, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from toolkit._progress import progress, want_progress
from toolkit.schema import as_articles
from toolkit.stats.boilerplate import BoilerplateDetector
from toolkit.stats.intervals import outlet_mean_intervals
from toolkit.stats.repetition import REPEAT_THRESHOLD, gopher_and_words, repeats_and_words
from toolkit.stats.scripts import script_profile, stray_of_lines
from toolkit.text import (
    RUN_CHARS,
    char_runs,
    count_words,
    normalize_for_matching,
    split_line_lists,
)

__all__ = [
    "FRACTION_COLUMNS",
    "HEADLINE_RATES",
    "STRAY_KINDS",
    "article_stats",
    "article_texts",
    "label_lines",
    "outlet_stats",
    "strip_boilerplate",
]

#: The rates :func:`outlet_stats` gives a bootstrap interval for, the kinds of stray string
#: :func:`toolkit.stats.scripts.mark_stray` reports (in column order), the Gopher repetition
#: columns and every fraction column of :func:`article_stats` (in [0, 1] or NaN): defined
#: once, with their labels and units, in :mod:`toolkit.schema`.
from toolkit.schema import FRACTION_COLUMNS, GOPHER_COLUMNS, HEADLINE_RATES, STRAY_KINDS

# --------------------------------------------------------------------------- cache

_CACHE: OrderedDict[Hashable, Any] = OrderedDict()
_CACHE_SIZE = 16


#: The article columns the cached results read (the line labels read the title too:
#: an article's own headline is never template chrome); the cache key hashes all of them.
CACHE_COLUMNS: tuple[str, ...] = ("article_id", "outlet", "title", "text")


def _fingerprint(arts: pd.DataFrame) -> int:
    """A content hash of every column the cached results read (:data:`CACHE_COLUMNS`),
    in row order."""
    if arts.empty:
        return 0
    digest = hashlib.blake2b(str(len(arts)).encode(), digest_size=8)
    for col in CACHE_COLUMNS:
        streams = _string_digest(arts[col])
        if streams is None:  # not held in Arrow: hash the Python strings
            hashed = pd.util.hash_pandas_object(arts[col], index=False).to_numpy()
            streams = np.ascontiguousarray(hashed).tobytes()
        digest.update(streams)
    return int.from_bytes(digest.digest(), "little")


def _string_digest(values: pd.Series) -> bytes | None:
    """A digest of an Arrow-backed string column: its lengths, then its UTF-8 bytes.

    Read from the Arrow buffers, so no Python string is made (``hash_pandas_object``
    would make one per value: twice the text's size at once); the same for any
    chunking of the same strings. None when the column is not Arrow strings.
    """
    if not _is_arrow_str(values):
        return None
    arr = pa.array(values.array)
    lengths = hashlib.blake2b(digest_size=16)
    data = hashlib.blake2b(digest_size=16)
    for chunk in arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]:
        if chunk.null_count or not (
            pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)
        ):
            return None
        _, offsets_buf, data_buf = chunk.buffers()
        width = np.int32 if pa.types.is_string(chunk.type) else np.int64
        offsets = np.frombuffer(offsets_buf, dtype=width)[
            chunk.offset : chunk.offset + len(chunk) + 1
        ]
        lengths.update(np.diff(offsets).astype(np.int64).tobytes())
        if data_buf is not None and len(chunk):
            data.update(memoryview(data_buf)[int(offsets[0]) : int(offsets[-1])])
    return lengths.digest() + data.digest()


def _shallow(frame: Any) -> Any:
    """A copy of a cached frame or Series that cannot change the cached one.

    Under copy-on-write (always on from pandas 3) a shallow copy is enough: writing to
    it copies the column first. Without it, a deep copy.
    """
    cow = int(pd.__version__.split(".")[0]) >= 3 or pd.options.mode.copy_on_write is True
    return frame.copy(deep=not cow)


def _cached(key: Hashable) -> Any:
    hit = _CACHE.get(key)
    if hit is not None:
        _CACHE.move_to_end(key)
        return _shallow(hit)
    return None


def _store(key: Hashable, value: Any) -> None:
    _CACHE[key] = _shallow(value)
    _CACHE.move_to_end(key)
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)


@dataclass(frozen=True)
class LabelSettings:
    """The :func:`label_lines` settings that :func:`article_stats` and friends pass on."""

    detector: Any = None
    fit: bool = True
    repeat_threshold: float = REPEAT_THRESHOLD
    cache: bool = True

    def key(self, kind: str, fingerprint: int | None, *extra: Hashable) -> Hashable | None:
        """The cache key of a result of these settings (None: not cached)."""
        if not self.cache or self.detector is not None or fingerprint is None:
            return None
        return (kind, fingerprint, bool(self.fit), float(self.repeat_threshold), *extra)


def clear_cache() -> None:
    """Forget every cached result.

    Results of :func:`label_lines`, :func:`article_stats` and :func:`strip_boilerplate`
    are cached per content of :data:`CACHE_COLUMNS` and per setting (the 16 latest), so
    a notebook that asks again gets the table at once; ``cache=False`` skips the cache.

    Returns
    -------
    None

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": ["Rain."]})
    >>> article_stats(arts) is not article_stats(arts)  # a fresh copy of the cached table
    True
    >>> clear_cache()
    """
    _CACHE.clear()


# --------------------------------------------------------------------------- lines


def label_lines(
    data: Any,
    *,
    detector: Any = None,
    fit: bool = True,
    repeat_threshold: float = REPEAT_THRESHOLD,
    cache: bool = True,
) -> pd.DataFrame:
    """Split articles into lines and label every line.

    Parameters
    ----------
    data : Corpus or pandas.DataFrame
        Articles (at least ``article_id, outlet, text``).
    detector : BoilerplateDetector, optional
        A detector to use as it is (fitted or not). By default a new
        :class:`~toolkit.stats.boilerplate.BoilerplateDetector` is fitted on ``data``
        itself when ``fit`` is true (corpus mode: an outlet's template lines count), or
        used unfitted (single-page mode: shape and position only).
    fit : bool, default True
        Whether the default detector learns outlet templates from ``data``.
    repeat_threshold : float, default 0.45
        Word-shingle Jaccard similarity from which a line counts as a near repeat of an
        earlier line (see :func:`toolkit.stats.repetition.mark_repeats`).
    cache : bool, default True
        Reuse the table computed for the same content and settings.

    Returns
    -------
    pandas.DataFrame
        One row per non-blank line: ``article_id, outlet, line_no, para_id, text, norm,
        n_chars`` (see :func:`toolkit.text.split_lines`), then

        - ``is_repeat, repeat_of, repeat_similarity, repeat_kind``: the line repeats
          line ``repeat_of`` of the same article, exactly (after normalisation) or nearly;
        - ``is_boilerplate, boilerplate_reason, boilerplate_score``: site chrome, and why;
        - ``script, stray_kind, stray_chars, stray_text, repaired_text``: the line's
          script and the stray string it carries, if any;
        - ``n_letters, n_latin, n_cyrillic, article_script``: the line's letters (all,
          Latin, Cyrillic; outside URLs) and its article's script; summed over an
          article's lines they give the script columns of :func:`article_stats`;
        - ``is_clean``: neither boilerplate nor a repeat (the lines of the clean text).

    Examples
    --------
    >>> import pandas as pd
    >>> text = ("Subscribe\\n\\nThe council approved the new budget on Monday evening.\\n\\n"
    ...         "“The council approved the new budget on Monday evening.”\\n\\nПодписаться")
    >>> arts = pd.DataFrame({"article_id": ["a1"], "outlet": ["Herald"], "text": [text]})
    >>> lines = label_lines(arts)
    >>> lines[["line_no", "is_repeat", "repeat_of", "is_boilerplate"]].values.tolist()
    [[1, False, <NA>, True], [3, False, <NA>, False], [5, True, 3, False], [7, False, <NA>, True]]
    >>> lines.loc[3, "stray_kind"]
    'foreign_script'
    """
    arts = as_articles(data)
    opts = LabelSettings(detector, fit, repeat_threshold, cache)
    key = opts.key("label_lines", _fingerprint(arts) if opts.cache else None)
    if key is not None:
        hit = _cached(key)
        if hit is not None:
            return hit  # type: ignore[no-any-return]
    lines, _ = _label(arts, detector, fit, repeat_threshold)
    if key is not None:
        _store(key, lines)
    return lines


def _label(
    arts: pd.DataFrame, detector: Any, fit: bool, repeat_threshold: float
) -> tuple[pd.DataFrame, Any]:
    """:func:`label_lines` without the cache; also the lines' words when known
    (see :func:`toolkit.stats.repetition.repeats_and_words`), for the Gopher values."""

    # arts are validated already; the line strings are passed on as lists
    lines, texts, norms = split_line_lists(arts)
    lines, words = repeats_and_words(lines, repeat_threshold, 3, 4, texts, norms)
    if detector is None:
        detector = BoilerplateDetector()
        if fit:
            detector = detector.fit(lines)
    lines = detector.transform(lines)
    lines = _keep_own_title(lines, arts)
    lines = stray_of_lines(lines, raw=texts)
    lines["is_clean"] = ~(lines["is_boilerplate"].astype(bool) | lines["is_repeat"].astype(bool))
    return lines, words


def _keep_own_title(lines: pd.DataFrame, arts: pd.DataFrame) -> pd.DataFrame:
    """An article's own headline is body even when the outlet's teasers repeat it.

    When the articles carry a ``title`` (from a manifest, a table or the page), a
    line whose matching key equals the title's is the headline: outlet teaser lists
    repeat headlines on many pages, which the template signal would otherwise take for
    chrome.
    """
    titles = arts["title"].dropna()
    titles = titles[titles.astype(str).str.strip() != ""]
    if titles.empty or lines.empty:
        return lines
    keys = pd.Series(
        normalize_for_matching(titles.astype(str)).to_numpy(),
        index=arts.loc[titles.index, "article_id"].to_numpy(),
    )
    own = lines["norm"].to_numpy() == lines["article_id"].map(keys).to_numpy()
    template = lines["boilerplate_reason"].fillna("").str.startswith("template")
    fix = own & template.to_numpy() & lines["is_boilerplate"].to_numpy(dtype=bool)
    if not fix.any():
        return lines
    lines = lines.copy()
    lines.loc[fix, "is_boilerplate"] = False
    lines.loc[fix, "boilerplate_reason"] = None
    if "boilerplate_score" in lines.columns:
        lines.loc[fix, "boilerplate_score"] = 0.0
    return lines


# --------------------------------------------------------------------------- batches

#: Characters of article text that :func:`article_stats` and :func:`strip_boilerplate`
#: label at a time when they make the lines themselves (whole articles per batch).
BATCH_CHARS = RUN_CHARS
#: Batches from which a progress bar is drawn by default (a few seconds of work).
_PROGRESS_BATCHES = 4

_T = TypeVar("_T")


def batch_bounds(arts: pd.DataFrame, batch_chars: int | None) -> list[tuple[int, int]]:
    """Row ranges ``[start, stop)`` of consecutive articles with about ``batch_chars`` text.

    A batch ends before the article that would take it past ``batch_chars``; an article
    longer than that is a batch of its own. ``None``: one batch.
    """
    if len(arts) == 0:
        return [(0, 0)]
    if batch_chars is not None and int(batch_chars) < 1:
        raise ValueError(f"batch_chars must be a positive number or None, got {batch_chars!r}")
    return char_runs(arts["text"].str.len().to_numpy(dtype=np.int64), batch_chars)


def _map_batches(
    arts: pd.DataFrame,
    bounds: list[tuple[int, int]],
    opts: LabelSettings,
    func: Callable[[pd.DataFrame, pd.DataFrame, Any], _T],
    show_progress: bool | None = None,
) -> list[_T]:
    """``func(batch, labelled lines of the batch, their words)`` for every batch.

    The numbers equal those of one :func:`label_lines` call on all of ``arts``: the
    only corpus-wide signal, the boilerplate detector's outlet templates, is fitted on
    the line counts of all batches first
    (:meth:`~toolkit.stats.boilerplate.BoilerplateDetector.fit_batches`); everything
    else a line's labels depend on lies inside its article. Only the results of
    ``func`` are kept, never more than one batch's lines.
    """

    show = want_progress(show_progress, long=len(bounds) >= _PROGRESS_BATCHES)
    batches = [arts.iloc[start:stop] for start, stop in bounds]
    if opts.detector is not None:
        detector = opts.detector
    elif opts.fit:
        detector = BoilerplateDetector().fit_batches(batches, progress=show)
    else:
        detector = BoilerplateDetector()
    out = []
    desc = f"labelling the lines of {len(arts):,} articles"
    for batch in progress(batches, show=show, total=len(bounds), desc=desc, unit="batch"):
        lines, words = _label(batch, detector, opts.fit, opts.repeat_threshold)
        out.append(func(batch, lines, words))
    return out


def _lines_or_batches(
    arts: pd.DataFrame,
    batch_chars: int | None,
    opts: LabelSettings,
    fingerprint: int | None,
) -> tuple[pd.DataFrame | None, Any, list[tuple[int, int]]]:
    """The whole labelled line table when it is small or cached (and the words of its
    lines when they were just found), else None and the batches."""
    bounds = batch_bounds(arts, batch_chars)
    key = opts.key("label_lines", fingerprint)
    cached = _cached(key) if key is not None else None
    if cached is not None:
        return cached, None, bounds
    if len(bounds) > 1:
        return None, None, bounds
    lines, words = _label(arts, opts.detector, opts.fit, opts.repeat_threshold)
    if key is not None:
        _store(key, lines)
    return lines, words, bounds


def _as_compact(texts: pd.Series) -> pd.Series:
    """Strings held in Arrow (about their UTF-8 size) when possible, for the cache."""
    try:
        return texts.astype("string[pyarrow]")
    except (ImportError, TypeError, ValueError, UnicodeError):  # e.g. lone surrogates
        return texts


# --------------------------------------------------------------------------- clean text


def strip_boilerplate(
    data: Any,
    *,
    lines: pd.DataFrame | None = None,
    batch_chars: int | None = BATCH_CHARS,
    progress: bool | None = None,
    detector: Any = None,
    fit: bool = True,
    repeat_threshold: float = REPEAT_THRESHOLD,
    cache: bool = True,
) -> pd.DataFrame:
    """Return the articles with a ``clean_text`` column: no boilerplate, no repeats.

    The clean text keeps the lines :func:`label_lines` marks ``is_clean`` in their
    order (mojibake lines repaired by ftfy); lines of one paragraph are joined by
    ``"\\n"``, paragraphs by a blank line.
    The raw ``text`` column stays as it was.

    Parameters
    ----------
    data : Corpus or pandas.DataFrame
        Articles.
    lines : pandas.DataFrame, optional
        A labelled line table of these articles (from :func:`label_lines`), to avoid
        labelling twice.
    batch_chars : int or None, default 1_000_000
        Without ``lines``, a corpus with more text than this is labelled one batch of
        whole articles (about this many characters) at a time, after the boilerplate
        detector has been fitted on the line counts of all of them: the same clean
        text, without the line table of the whole corpus in memory. ``None``: one batch.
    progress : bool, optional
        Progress bars (tqdm, on stderr or as a notebook widget) over the batches.
        ``None`` shows them for four batches or more when someone watches: stderr is a
        terminal or the code runs in a Jupyter kernel, and ``CI`` is not set.
    detector, fit, repeat_threshold, cache
        As in :func:`label_lines`. The clean texts are cached like the line table.

    Returns
    -------
    pandas.DataFrame
        The articles table (see :func:`toolkit.schema.as_articles`) plus ``clean_text``
        (``""`` when nothing is left).

    Examples
    --------
    >>> import pandas as pd
    >>> text = "Log in or register\\n\\nRains flooded the valley.\\nRoads closed.\\n\\nRains flooded the valley."
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [text]})
    >>> print(strip_boilerplate(arts)["clean_text"][0])
    Rains flooded the valley.
    Roads closed.
    """
    opts = LabelSettings(detector, fit, repeat_threshold, cache)
    return _strip(as_articles(data), opts, lines=lines, batch_chars=batch_chars, progress=progress)


def _strip(
    arts: pd.DataFrame,
    opts: LabelSettings,
    *,
    lines: pd.DataFrame | None = None,
    batch_chars: int | None = BATCH_CHARS,
    progress: bool | None = None,
) -> pd.DataFrame:
    """:func:`strip_boilerplate` of a validated articles table of the caller's own."""
    if lines is not None:
        return _with_clean_text(arts, _clean_texts(arts, lines))
    fingerprint = _fingerprint(arts) if opts.cache else None
    key = opts.key("clean_text", fingerprint)
    clean = _cached(key) if key is not None else None
    if clean is None:
        whole, _, bounds = _lines_or_batches(arts, batch_chars, opts, fingerprint)
        if whole is not None:
            clean = _as_compact(_clean_texts(arts, whole))
        else:
            parts = _map_batches(
                arts,
                bounds,
                opts,
                lambda batch, lines, _: _batch_clean(batch, lines, int(batch.index[0])),
                progress,
            )
            clean = _clean_of_batches(arts, bounds, parts)
        if key is not None:
            _store(key, clean)
    return _with_clean_text(arts, _as_series(clean))


def _with_clean_text(arts: pd.DataFrame, clean: pd.Series) -> pd.DataFrame:
    values = clean.to_numpy(dtype=object)
    if not any(values):  # nothing left anywhere: a plain "" column, as always
        arts["clean_text"] = ""
    else:
        arts["clean_text"] = pd.Series(values, index=arts.index, dtype=object)
    return arts


def _clean_texts(arts: pd.DataFrame, lines: pd.DataFrame) -> pd.Series:
    """The clean text of every article (object strings on ``arts.index``)."""
    kept = lines.loc[lines["is_clean"].astype(bool), ["article_id", "para_id", "text"]]
    if "repaired_text" in lines.columns:  # mojibake lines enter the clean text repaired
        repaired = lines.loc[kept.index, "repaired_text"]
        kept = kept.assign(text=repaired.where(repaired.notna(), kept["text"]))
    if kept.empty:
        return pd.Series("", index=arts.index, dtype=object)
    ids = kept["article_id"].to_numpy(dtype=object)
    sep = _separators(ids, kept["para_id"].to_numpy())
    pieces = [_SEPS[k] + t for k, t in zip(sep.tolist(), kept["text"].tolist(), strict=True)]
    starts = np.flatnonzero(sep == 0)
    if len(pd.unique(ids[starts])) == len(starts):  # each article's lines in one run
        bounds = np.r_[starts, len(ids)].tolist()
        joined = pd.Series(
            ["".join(pieces[a:b]) for a, b in pairwise(bounds)], index=ids[starts], dtype=object
        )
    else:
        joined = pd.Series(pieces, dtype=object).groupby(ids, sort=False).agg("".join)
    return pd.Series(
        arts["article_id"].map(joined).fillna("").to_numpy(dtype=object),
        index=arts.index,
        dtype=object,
    )


#: What goes before a clean line: nothing (an article's first), a newline (the same
#: paragraph as the line before), a blank line (a new paragraph): codes 0, 1, 2.
_SEPS = ("", "\n", "\n\n")


def _separators(article: np.ndarray, para: np.ndarray) -> np.ndarray:
    """The :data:`_SEPS` code before each of consecutive clean lines (int8)."""
    sep = np.zeros(len(article), dtype=np.int8)
    if len(article) > 1:
        same_article = article[1:] == article[:-1]
        sep[1:] = np.where(same_article & (para[1:] == para[:-1]), 1, np.where(same_article, 2, 0))
    return sep


class _CleanText:
    """The clean texts of a corpus, held as its raw texts plus where the clean lines are.

    Per clean line, in order: its article's row, its ``line_no`` and the separator put
    before it (none, ``"\n"`` inside a paragraph, ``"\n\n"`` between paragraphs, as
    :func:`_clean_texts` joins them); mojibake lines keep their repaired text. About 9
    bytes per line instead of the clean text itself (most of the raw text): this is
    what :func:`article_stats` caches for the keyword statistics. The raw texts are
    the articles' own column, not a copy.
    """

    def __init__(
        self,
        raw: pd.Series,
        row: np.ndarray,
        line_no: np.ndarray,
        sep: np.ndarray,
        repaired: dict[int, str],
        size: np.ndarray,
    ) -> None:
        self.raw = raw.reset_index(drop=True)
        self.row = row.astype(np.int64)
        self.line_no = line_no.astype(np.int32)
        self.sep = sep.astype(np.int8)
        self.repaired = repaired
        self.size = size.astype(np.int32)  # characters each line adds, separator included

    @classmethod
    def of_batch(
        cls, batch: pd.DataFrame, lines: pd.DataFrame, offset: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[int, str], np.ndarray] | None:
        """The clean lines of one batch (rows counted from ``offset``), or None when its
        lines are not in article order (then keep the texts themselves)."""
        kept = lines.loc[lines["is_clean"].astype(bool)]
        rows = pd.Index(batch["article_id"]).get_indexer(kept["article_id"])
        if len(rows) and ((rows < 0).any() or (np.diff(rows) < 0).any()):
            return None
        sep = _separators(rows, kept["para_id"].to_numpy())
        repaired: dict[int, str] = {}
        n_chars = kept["n_chars"].to_numpy(dtype=np.int64)
        size = n_chars + sep  # the separator of code k has k characters
        if "repaired_text" in kept.columns:
            fixed = kept["repaired_text"].to_numpy(dtype=object)
            for i in np.flatnonzero(pd.notna(fixed)).tolist():
                repaired[i] = str(fixed[i])
                size[i] += len(repaired[i]) - int(n_chars[i])
        return rows + offset, kept["line_no"].to_numpy(), sep, repaired, size

    @classmethod
    def join(cls, raw: pd.Series, parts: list[Any]) -> _CleanText:
        """One :class:`_CleanText` from the :meth:`of_batch` parts of consecutive batches."""
        repaired: dict[int, str] = {}
        seen = 0
        for _, line_no, _, fixed, _ in parts:
            repaired.update({seen + i: t for i, t in fixed.items()})
            seen += len(line_no)
        return cls(
            raw,
            np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, np.int64),
            np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.int32),
            np.concatenate([p[2] for p in parts]) if parts else np.zeros(0, np.int8),
            repaired,
            np.concatenate([p[4] for p in parts]) if parts else np.zeros(0, np.int32),
        )

    def copy(self, deep: bool = False) -> _CleanText:
        """Itself: nothing in it changes (the cache's copy-on-read)."""
        return self

    def __len__(self) -> int:
        return len(self.raw)

    def lengths(self) -> np.ndarray:
        """Characters of every clean text (int64), without making the texts."""
        return np.bincount(self.row, weights=self.size, minlength=len(self.raw)).astype(np.int64)

    def texts(self, start: int = 0, stop: int | None = None) -> list[str]:
        """The clean texts of articles ``start`` to ``stop`` (positions), as strings."""
        stop = len(self.raw) if stop is None else stop
        a, b = np.searchsorted(self.row, [start, stop])
        out = [""] * (stop - start)
        raw = self.raw.iloc[start:stop].to_numpy(dtype=object)
        rows, nos, seps = self.row[a:b].tolist(), self.line_no[a:b].tolist(), self.sep[a:b].tolist()
        k = a
        while k < b:
            r = rows[k - a]
            split = str(raw[r - start]).split("\n")
            pieces = []
            while k < b and rows[k - a] == r:
                line = self.repaired.get(k)
                pieces.append(
                    _SEPS[seps[k - a]] + (split[nos[k - a] - 1] if line is None else line)
                )
                k += 1
            out[r - start] = "".join(pieces)
        return out

    def series(self) -> pd.Series:
        """All clean texts (object strings, on a RangeIndex)."""
        return pd.Series(self.texts(), dtype=object)


def _clean_of_batches(
    arts: pd.DataFrame, bounds: list[tuple[int, int]], parts: list[Any]
) -> _CleanText | pd.Series:
    """The clean texts of a batched pass: each part is :meth:`_CleanText.of_batch`'s
    result, or the batch's clean texts themselves when its lines were out of order."""
    if all(p is not None and not isinstance(p, pd.Series) for p in parts):
        return _CleanText.join(arts["text"], parts)
    whole = [
        p
        if isinstance(p, pd.Series)
        else _CleanText.join(arts["text"].iloc[a:b], [(p[0] - a, *p[1:])]).series()
        for p, (a, b) in zip(parts, bounds, strict=True)
    ]
    return _as_compact(pd.concat(whole, ignore_index=True))


def _batch_clean(batch: pd.DataFrame, lines: pd.DataFrame, offset: int) -> Any:
    """The clean-text part of one batch for :func:`_clean_of_batches`."""
    part = _CleanText.of_batch(batch, lines, offset)
    return part if part is not None else _as_compact(_clean_texts(batch, lines))


def cached_clean_texts(arts: pd.DataFrame) -> _CleanText | pd.Series | None:
    """The clean texts of ``arts`` under the default settings, if the cache holds them
    (as :func:`article_stats` or :func:`strip_boilerplate` left them), else None.

    For the keyword statistics, which read them one chunk at a time.
    """
    key = LabelSettings().key("clean_text", _fingerprint(arts))
    hit = _cached(key) if key is not None else None
    return hit if isinstance(hit, _CleanText | pd.Series) else None


def _as_series(clean: _CleanText | pd.Series) -> pd.Series:
    return clean.series() if isinstance(clean, _CleanText) else clean


def article_texts(
    data: Any,
    text: Literal["clean", "raw"] = "clean",
    *,
    detector: Any = None,
    fit: bool = True,
    repeat_threshold: float = REPEAT_THRESHOLD,
    cache: bool = True,
) -> pd.Series:
    """Return one text per article: the raw ``text`` or the clean text.

    Every statistic that reads article text takes ``text="clean" | "raw"`` and calls
    this function. A ``clean_text`` column already present in ``data`` is used as is.

    Parameters
    ----------
    data : Corpus or pandas.DataFrame
        Articles.
    text : {"clean", "raw"}, default "clean"
        ``"clean"``: boilerplate lines and repeated lines removed
        (:func:`strip_boilerplate`); ``"raw"``: the text as loaded.
    detector, fit, repeat_threshold, cache
        As in :func:`label_lines`, for the clean text.

    Returns
    -------
    pandas.Series
        Strings, on the index of :func:`toolkit.schema.as_articles` of ``data``.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"],
    ...                      "text": ["Share this\\n\\nVoters queued for hours in the rain."]})
    >>> article_texts(arts, "raw")[0]
    'Share this\\n\\nVoters queued for hours in the rain.'
    >>> article_texts(arts, "clean")[0]
    'Voters queued for hours in the rain.'
    """
    if text not in ("clean", "raw"):  # before validating a big table
        raise ValueError(f'text must be "clean" or "raw", not {text!r}')
    opts = LabelSettings(detector, fit, repeat_threshold, cache)
    return texts_of_articles(as_articles(data), text, opts)


def texts_of_articles(
    arts: pd.DataFrame, text: str, opts: LabelSettings | None = None
) -> pd.Series:
    """:func:`article_texts` of a validated articles table of the caller's own
    (:func:`toolkit.schema.as_articles`), under the default settings unless ``opts``."""
    if text not in ("clean", "raw"):
        raise ValueError(f'text must be "clean" or "raw", not {text!r}')
    if text == "raw":
        return arts["text"].astype(object)
    if "clean_text" in arts.columns:
        return arts["clean_text"].fillna("").astype(object)
    return _strip(arts, opts or LabelSettings())["clean_text"]


# --------------------------------------------------------------------------- articles


def _share(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    """part / whole, NaN where whole is 0, clipped to [0, 1]."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.clip(part / np.where(whole > 0, whole, np.nan), 0.0, 1.0)


@singledispatch
def article_stats(
    data: Any,
    *,
    lines: pd.DataFrame | None = None,
    gopher: bool = True,
    batch_chars: int | None = BATCH_CHARS,
    progress: bool | None = None,
    detector: Any = None,
    fit: bool = True,
    repeat_threshold: float = REPEAT_THRESHOLD,
    cache: bool = True,
) -> pd.DataFrame:
    """Compute the quality statistics of every article.

    Parameters
    ----------
    data : Corpus or pandas.DataFrame
        Articles (at least ``article_id, outlet, text``). Other engines register their
        corpus types with this function (``article_stats.register``): the Dask engine
        (:mod:`toolkit.scale`) accepts a ``DaskCorpus`` or a Dask DataFrame.
    lines : pandas.DataFrame, optional
        The labelled lines of these articles (:func:`label_lines`), if already computed.
    gopher : bool, default True
        Add the 13 Gopher repetition columns
        (:func:`toolkit.stats.repetition.gopher_repetition`, computed on the raw text).
    batch_chars : int or None, default 1_000_000
        Without ``lines``, a corpus with more text than this is labelled one batch of
        whole articles (about this many characters) at a time, after the boilerplate
        detector has been fitted on the line counts of all of them: the same numbers,
        in memory that grows with the batch, not with the corpus (the clean texts of
        the pass are cached for :func:`strip_boilerplate`). ``None``: one batch.
    progress : bool, optional
        Progress bars over the batches, as in :func:`strip_boilerplate` (``None``: for
        four batches or more, in a terminal or a notebook).
    detector, fit, repeat_threshold, cache
        As in :func:`label_lines`. The table is cached like the line table.

    Returns
    -------
    pandas.DataFrame
        One row per article, in input order:

        - ``article_id, outlet``;
        - ``n_chars`` (code points of the raw text), ``n_words`` (its words, as
          :func:`toolkit.text.words` defines them: the word tokens the keyword tables
          count in the raw text, before any filtering), ``n_lines`` (non-blank lines);
        - ``repetition_rate``: characters of lines that repeat an earlier line of the
          article (exactly after normalisation, or nearly) / characters of all
          non-blank lines;
        - ``boilerplate_ratio``: characters of boilerplate lines / characters of all
          non-blank lines;
        - ``stray_chr_fraction``: stray characters / characters of all non-blank lines;
        - ``n_stray_lines`` and ``n_stray_<kind>`` for each kind of
          :data:`STRAY_KINDS`;
        - ``dominant_script``, ``latin_chr_fraction``, ``cyrillic_chr_fraction``,
          ``other_script_chr_fraction`` (shares of the article's letters outside URLs,
          summed from the lines' letter counts; ``dominant_script`` is the lines'
          ``article_script``);
        - ``clean_chr_fraction``: characters of clean lines / characters of all lines;
        - the Gopher repetition columns (when ``gopher``).

        Fractions are in [0, 1] and NaN for an article without any non-blank line.

    Examples
    --------
    >>> import pandas as pd
    >>> para = "Firefighters contained the blaze near the old mill by Sunday night."
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "X"],
    ...                      "text": [f"{para}\\n\\n{para}", ""]})
    >>> st = article_stats(arts)
    >>> st[["article_id", "n_lines", "repetition_rate", "boilerplate_ratio"]]
      article_id  n_lines  repetition_rate  boilerplate_ratio
    0          a        2              0.5                0.0
    1          b        0              NaN                NaN
    """
    arts = as_articles(data)
    if lines is not None:
        return _stats_of(arts, lines, gopher)
    opts = LabelSettings(detector, fit, repeat_threshold, cache)
    fingerprint = _fingerprint(arts) if opts.cache else None
    key = opts.key("article_stats", fingerprint, bool(gopher))
    hit = _cached(key) if key is not None else None
    if hit is not None:
        return hit  # type: ignore[no-any-return]
    whole, words, bounds = _lines_or_batches(arts, batch_chars, opts, fingerprint)
    if whole is not None:
        out = _stats_of(arts, whole, gopher, words)
    else:
        # the clean text of the same pass, for keyword statistics (when it is cached)
        clean_key = opts.key("clean_text", fingerprint)

        def both(batch: pd.DataFrame, lines: pd.DataFrame, words: Any) -> tuple[pd.DataFrame, Any]:
            stats = _stats_of(batch, lines, gopher, words)
            clean = None if clean_key is None else _batch_clean(batch, lines, int(batch.index[0]))
            return stats, clean

        parts = _map_batches(arts, bounds, opts, both, progress)
        out = pd.concat([p[0] for p in parts])
        if clean_key is not None:
            _store(clean_key, _clean_of_batches(arts, bounds, [p[1] for p in parts]))
    if key is not None:
        _store(key, out)
    return out


#: The dtype pandas infers for a column of strings (``str`` from pandas 3, else object).
_STR = pd.Series(["a"]).dtype


def _stats_of(
    arts: pd.DataFrame, lines: pd.DataFrame, gopher: bool, words: Any = None
) -> pd.DataFrame:
    """:func:`article_stats` of articles whose labelled lines are given (and the words
    of those lines, in the lines' order, when known: the Gopher values reuse them)."""
    ids = arts["article_id"]
    n_art = len(ids)
    # each line's article (-1: a line of an article not in `arts`, ignored)
    row_of = _positions(ids, lines["article_id"])
    known = row_of >= 0
    row = row_of[known]

    def total(values: Any) -> np.ndarray:  # per article, in input order; NaN counts as 0
        weights = np.nan_to_num(np.asarray(values, dtype=np.float64)[known], nan=0.0)
        return np.bincount(row, weights=weights, minlength=n_art)

    def count(mask: Any) -> np.ndarray:
        return np.bincount(row[np.asarray(mask)[known]], minlength=n_art).astype(np.int64)

    n = lines["n_chars"].to_numpy(dtype=np.float64)
    every = total(n)
    kind_codes, kinds = pd.factorize(lines["stray_kind"].to_numpy(dtype=object))
    kind_of = {k: i for i, k in enumerate(kinds.tolist())}
    gop, n_words = None, None
    if gopher:
        known_words = _article_words(ids, words, row_of)
        # the lines are then those of the articles in order: the Gopher line values use them
        known_lines = (words.texts, row_of) if known_words is not None else None
        gop, n_words = gopher_and_words(arts["text"], known_words, known_lines)
    columns: dict[str, Any] = {
        "article_id": ids.to_numpy(),
        "outlet": arts["outlet"].to_numpy(),
        "n_chars": arts["text"].str.len().to_numpy(dtype=np.int64),
        "n_words": (n_words if n_words is not None else count_words(arts["text"])).astype(np.int64),
        "n_lines": np.bincount(row, minlength=n_art).astype(np.int64),
        "repetition_rate": _share(total(n * lines["is_repeat"].to_numpy(dtype=bool)), every),
        "boilerplate_ratio": _share(total(n * lines["is_boilerplate"].to_numpy(dtype=bool)), every),
        "stray_chr_fraction": _share(total(lines["stray_chars"].to_numpy(np.float64)), every),
        "n_stray_lines": count(kind_codes >= 0),
        **{f"n_stray_{kind}": count(kind_codes == kind_of.get(kind, -2)) for kind in STRAY_KINDS},
    }
    # the letter counts mark_stray keeps per line give the script profile for free
    if {"n_letters", "n_latin", "n_cyrillic", "article_script"} <= set(lines.columns):
        first = np.zeros(len(row), dtype=bool)
        first[np.unique(row, return_index=True)[1]] = True
        dominant = np.full(n_art, None, dtype=object)
        dominant[row[first]] = lines["article_script"].to_numpy(dtype=object)[known][first]
        n_letters = total(lines["n_letters"].to_numpy(np.float64))
        latin = total(lines["n_latin"].to_numpy(np.float64))
        cyrillic = total(lines["n_cyrillic"].to_numpy(np.float64))
        with np.errstate(invalid="ignore", divide="ignore"):
            denom = np.where(n_letters > 0, n_letters, np.nan)
            fractions = {
                "latin_chr_fraction": latin / denom,
                "cyrillic_chr_fraction": cyrillic / denom,
                "other_script_chr_fraction": (n_letters - latin - cyrillic) / denom,
            }
    else:
        profile = script_profile(arts).set_index("article_id")
        dominant = ids.map(profile["dominant_script"]).to_numpy(dtype=object)
        fractions = {
            col: ids.map(profile[col]).to_numpy()
            for col in ("latin_chr_fraction", "cyrillic_chr_fraction", "other_script_chr_fraction")
        }
    # the dtype pandas gives a text column, whatever the values: a batch or a Dask
    # partition without letters (all None) must not come out as another dtype
    columns["dominant_script"] = pd.Series(dominant, index=arts.index, dtype=_STR)
    columns.update(fractions)
    columns["clean_chr_fraction"] = _share(total(n * lines["is_clean"].to_numpy(dtype=bool)), every)
    if gop is not None:
        for col in GOPHER_COLUMNS:
            columns[col] = gop[col].to_numpy()
    out = pd.DataFrame(columns, index=arts.index)
    for col in ("article_id", "outlet"):  # keep the input's dtypes
        out[col] = arts[col]
    return out


def _is_arrow_str(values: pd.Series) -> bool:
    return isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow"


def _positions(ids: pd.Series, line_ids: pd.Series) -> np.ndarray:
    """Each line's position in the (unique) article ids ``ids``, -1 where absent: by
    Arrow's hash lookup when both columns hold Arrow strings, else by pandas."""
    if _is_arrow_str(ids) and _is_arrow_str(line_ids):
        values = pa.array(ids)
        if isinstance(values, pa.ChunkedArray):
            values = values.combine_chunks()
        found = pc.index_in(pa.array(line_ids), value_set=values)
        return np.asarray(pc.fill_null(found, -1).to_numpy(zero_copy_only=False), dtype=np.int64)
    return np.asarray(pd.Index(ids.to_numpy()).get_indexer(line_ids.to_numpy()), dtype=np.int64)


def _article_words(ids: pd.Series, words: Any, rows: np.ndarray) -> Any:
    """The words of the articles ``ids`` from the words of their lines, or None.

    ``rows``: each line's position in ``ids`` (-1 when absent, see :func:`_positions`).
    An article's words are those of its non-blank lines in order (a word never spans
    a newline), so the line words serve when the lines come in the articles' order.
    """
    if words is None or len(words.counts) != len(rows):
        return None
    if len(rows) and ((rows < 0).any() or (np.diff(rows) < 0).any()):
        return None
    counts = np.bincount(rows, weights=words.counts, minlength=len(ids)).astype(np.int64)
    return words.raw, words.length, counts


# --------------------------------------------------------------------------- outlets


@singledispatch
def outlet_stats(
    article_stats: pd.DataFrame,
    *,
    n_boot: int = 1000,
    level: float = 0.95,
    seed: int | None = 0,
    rates: tuple[str, ...] = HEADLINE_RATES,
) -> pd.DataFrame:
    """Summarise article statistics per outlet, with bootstrap intervals.

    Parameters
    ----------
    article_stats : pandas.DataFrame
        The output of :func:`article_stats` (at least ``outlet`` and the rate columns).
    n_boot : int, default 1000
        Bootstrap resamples of the outlet's articles.
    level : float, default 0.95
        Coverage of the percentile bootstrap interval of the mean.
    seed : int or None, default 0
        Seed of the resampling (``None``: fresh randomness). Each interval has its own
        random stream (:func:`toolkit.stats.intervals.outlet_mean_intervals`, the one
        :func:`toolkit.plots.plot_outlet_metric` draws too), so it depends only on that
        rate, that outlet and the seed.
    rates : tuple of str
        Columns that get an interval (the headline rates by default).

    Returns
    -------
    pandas.DataFrame
        One row per outlet, sorted by outlet: ``outlet, n_articles, n_chars_total,
        n_words_mean``, then ``<col>_mean`` and ``<col>_median`` for every fraction
        column present, and ``<rate>_ci_low, <rate>_ci_high`` for each of ``rates``.
        Means and medians skip NaN (articles without text); an outlet whose values are
        all NaN gets NaN.

    Examples
    --------
    >>> import pandas as pd
    >>> st = pd.DataFrame({"outlet": ["A", "A", "B"], "n_chars": [10, 20, 5],
    ...                    "n_words": [2, 4, 1], "repetition_rate": [0.0, 0.5, float("nan")]})
    >>> out = outlet_stats(st, rates=("repetition_rate",))
    >>> out[["outlet", "n_articles", "repetition_rate_mean", "repetition_rate_median"]]
      outlet  n_articles  repetition_rate_mean  repetition_rate_median
    0      A           2                  0.25                    0.25
    1      B           1                   NaN                     NaN
    >>> bool(out.loc[0, "repetition_rate_ci_low"] >= 0.0)
    True
    """
    if "outlet" not in article_stats.columns:
        raise ValueError("article_stats needs an 'outlet' column (use toolkit.article_stats)")
    stats = article_stats
    fractions = [c for c in FRACTION_COLUMNS if c in stats.columns]
    grouped = stats.groupby("outlet", sort=True)
    out = pd.DataFrame({"n_articles": grouped.size()})
    if "n_chars" in stats.columns:
        out["n_chars_total"] = grouped["n_chars"].sum()
    if "n_words" in stats.columns:
        out["n_words_mean"] = grouped["n_words"].mean()
    if fractions:
        means = grouped[fractions].mean().add_suffix("_mean")
        medians = grouped[fractions].median().add_suffix("_median")
        for col in fractions:
            out[f"{col}_mean"] = means[f"{col}_mean"]
            out[f"{col}_median"] = medians[f"{col}_median"]
    for rate in rates:
        if rate not in stats.columns:
            continue
        ci = outlet_mean_intervals(stats, rate, n_boot=n_boot, level=level, seed=seed)
        ci = ci.set_index("outlet").reindex(out.index)
        out[f"{rate}_ci_low"] = ci["ci_low"].to_numpy()
        out[f"{rate}_ci_high"] = ci["ci_high"].to_numpy()
    out.index.name = "outlet"
    return out.reset_index()
