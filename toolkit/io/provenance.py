"""Where each article's outlet, date and language came from, and recovering the missing ones.

A loaded corpus says, per article, how its metadata was found (:data:`PROVENANCE_COLUMNS`):

* ``outlet_source``: ``"user"`` (``outlet=`` or ``outlets={...}``), ``"manifest"``,
  ``"folder"``, ``"column"`` (a table's own outlet column), ``"html-meta"`` (an HTML
  page's ``og:site_name``, title or address), or, recovered from the pages by
  :func:`toolkit.io.sites.infer_sites`, ``"title"``, ``"caption"``, ``"copyright"``,
  ``"dateline"``, ``"domain"`` or ``"template"`` (named by the other pages of its site,
  or an unnamed site's label ``site-03 (shares 14 template lines)``); None when nothing
  names it (the outlet is then ``"unknown"``);
* ``outlet_evidence`` (the line the name came from), ``outlet_confidence`` in [0, 1] (1.0
  for a decided outlet, NaN for an unknown one) and ``site_group``;
* ``date_source``: ``"manifest"``, ``"column"``, ``"html-meta"`` or, read from the text
  by :func:`toolkit.io.dates.find_dates`, ``"published"``, ``"byline"``, ``"iso"``,
  ``"dateline"``, ``"updated"``, ``"body"`` or ``"url"``; with ``date_raw`` (the printed
  text) and ``date_reason`` (why a date is missing: ``"relative date only (2 hours
  ago)"``...);
* ``language`` (ISO 639-1) and ``language_confidence``
  (:func:`toolkit.io.language.detect_language`).

A manifest, a folder, a table column or the user always decide; the text is only read
where they are silent. :func:`provenance_summary` counts the sources, for the load report.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from toolkit._progress import progress
from toolkit.io.dates import find_dates
from toolkit.io.language import detect_language
from toolkit.io.sites import infer_sites
from toolkit.schema import PROVENANCE_COLUMNS

__all__ = [
    "DECIDED_OUTLET_SOURCES",
    "PROVENANCE_COLUMNS",
    "ROW_SOURCE_COLUMNS",
    "SUMMARY_COLUMNS",
    "add_known_sources",
    "apply_outlets",
    "provenance_summary",
    "recover_metadata",
    "recover_page_metadata",
]

#: Of these, the ones an article file's reader fills in itself (the rest come later).
ROW_SOURCE_COLUMNS: tuple[str, ...] = ("outlet_source", "date_source")
#: Outlet sources that decide: the pages' own evidence never overrides them.
DECIDED_OUTLET_SOURCES: frozenset[str] = frozenset(
    {"user", "manifest", "folder", "column", "html-meta"}
)
#: At load, a page's language is judged on its first this many characters (a page's
#: language is settled long before, and the model's cost is linear in the length: on 852
#: real pages the first 1,000 characters name the language of the whole text for all).
LOAD_LANGUAGE_CHARS = 1_000
#: Columns of :func:`provenance_summary`.
SUMMARY_COLUMNS: tuple[str, ...] = ("field", "source", "n_articles", "share")
_FLOATS = frozenset({"outlet_confidence", "language_confidence"})


def _put(frame: pd.DataFrame, where: Any, name: str, values: Any) -> None:
    """``frame.loc[where, name] = values`` for a text column, which stays ``object``
    with None for missing values (a partial ``loc`` assignment may re-infer the dtype)."""
    column = frame[name].to_numpy(dtype=object, copy=True)
    column[np.asarray(where, dtype=bool)] = values
    frame[name] = pd.Series(column, index=frame.index, dtype="object")


def add_known_sources(frame: pd.DataFrame, *, user_outlet: bool) -> pd.DataFrame:
    """Add the provenance columns to loaded rows, from what the source itself said.

    Rows read from a table carry no ``outlet_source``/``date_source`` yet: a known outlet
    there came from the table's column (or from the user's ``outlet=``), a known date
    from its date column. Columns the frame already has (a folder's rows, a table that
    holds its own ``language`` column) are kept; missing values of a decided outlet get
    confidence 1.0.

    Parameters
    ----------
    frame : pandas.DataFrame
        Loaded articles (``outlet``, ``published_at`` and maybe some of
        :data:`PROVENANCE_COLUMNS`).
    user_outlet : bool
        Whether the user's ``outlet=`` named every article.

    Returns
    -------
    pandas.DataFrame
        ``frame`` (changed in place) with every column of :data:`PROVENANCE_COLUMNS`.

    Examples
    --------
    >>> import pandas as pd
    >>> rows = pd.DataFrame({"outlet": ["Metro Wire", "unknown"],
    ...                      "published_at": pd.to_datetime(["2024-01-02", None], utc=True)})
    >>> out = add_known_sources(rows, user_outlet=False)
    >>> out[["outlet_source", "outlet_confidence", "date_source"]].values.tolist()
    [['column', 1.0, 'column'], [None, nan, None]]
    """
    known = (frame["outlet"].notna() & (frame["outlet"].astype(str) != "unknown")).tolist()
    if "outlet_source" not in frame.columns:
        source = "user" if user_outlet else "column"
        values = [source if k else None for k in known]
        frame["outlet_source"] = pd.Series(values, index=frame.index, dtype="object")
    if "date_source" not in frame.columns:
        dated = frame["published_at"].notna().tolist()
        values = ["column" if d else None for d in dated]
        frame["date_source"] = pd.Series(values, index=frame.index, dtype="object")
    for name in PROVENANCE_COLUMNS:
        if name not in frame.columns:
            empty = pd.Series([None] * len(frame), index=frame.index, dtype="object")
            frame[name] = math.nan if name in _FLOATS else empty
        elif name in _FLOATS:
            frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
        elif frame[name].dtype != object:  # a table's own column, read as strings
            column = frame[name].astype(object)
            frame[name] = column.where(column.notna(), None)
    decided = frame["outlet_source"].isin(DECIDED_OUTLET_SOURCES)
    frame.loc[decided & frame["outlet_confidence"].isna(), "outlet_confidence"] = 1.0
    return frame


def _infer_outlets(frame: pd.DataFrame) -> None:
    """Name the undecided articles' outlets from the pages and the corpus (in place)."""
    decided = frame["outlet_source"].isin(DECIDED_OUTLET_SOURCES).to_numpy()
    if decided.all():
        return  # nothing to find (site groups are only formed where the outlet is unknown)
    pages = pd.DataFrame(
        {
            "article_id": frame["article_id"],
            "text": frame["text"],
            "title": frame["title"],
            "url": frame["url"],
            "outlet": frame["outlet"].where(decided, None),
            "outlet_source": frame["outlet_source"].where(decided, None),
        }
    )
    sites = infer_sites(pages)
    frame["site_group"] = pd.Series(sites["site_group"].tolist(), index=frame.index, dtype="object")
    name = sites["outlet"].to_numpy(dtype=object)
    group = sites["site_group"].to_numpy(dtype=object)
    unnamed = pd.isna(name) & pd.notna(group)
    name = np.where(unnamed, group, name)
    src = np.where(unnamed, "template", sites["outlet_source"].to_numpy(dtype=object))
    found = ~decided & pd.notna(name)
    # what the page-level reader guessed (a title suffix) stays where the corpus says nothing
    _put(frame, found, "outlet", name[found])
    _put(frame, found, "outlet_source", src[found])
    _put(frame, found, "outlet_evidence", sites["outlet_evidence"].to_numpy(dtype=object)[found])
    confidence = sites["outlet_confidence"].to_numpy(dtype="float64")
    frame.loc[found, "outlet_confidence"] = np.where(unnamed[found], math.nan, confidence[found])


#: Rows read at once by the per-page steps (dates, languages): bounds the Python strings
#: made from a corpus whose texts are held as Arrow data.
_CHUNK_ROWS = 2_000


def _chunks(frame: pd.DataFrame, wanted: pd.Series) -> list[pd.DataFrame]:
    """The ``wanted`` rows of ``frame``, in pieces of at most :data:`_CHUNK_ROWS` rows.

    Each piece is cut from a positional slice of the frame (zero-copy for Arrow
    columns) and only then filtered: selecting scattered rows from the whole frame would
    have Arrow concatenate the whole text column first, a transient copy of the text.
    """
    mask = np.asarray(wanted, dtype=bool)
    pieces = []
    for start in range(0, len(frame), _CHUNK_ROWS):
        here = mask[start : start + _CHUNK_ROWS]
        if here.any():
            block = frame.iloc[start : start + _CHUNK_ROWS]
            pieces.append(block if here.all() else block[here])
    return pieces


def _find_missing_dates(frame: pd.DataFrame) -> None:
    """Read the dates the source did not give from the text (in place)."""
    missing = frame["published_at"].isna() & frame["date_source"].isna()
    if not missing.any():
        return
    rows = frame.index[missing]
    found = pd.concat(  # a chunk at a time: only its texts become Python strings at once
        [
            find_dates(part["text"], titles=part["title"], urls=part["url"])
            for part in _chunks(frame[["text", "title", "url"]], missing)
        ]
    )
    frame.loc[rows, "published_at"] = found["published_at"]
    for name in ("date_source", "date_raw", "date_reason"):
        _put(frame, missing, name, found[name].to_numpy(dtype=object))


def _detect_languages(frame: pd.DataFrame, show: bool) -> None:
    """Fill ``language`` where the source gave none (in place)."""
    missing = frame["language"].isna()
    if not missing.any():
        return
    rows = frame.index[missing]
    pieces = _chunks(frame[["text"]], missing)
    parts = [
        detect_language(
            part["text"].str.slice(0, LOAD_LANGUAGE_CHARS).tolist(),
            max_chars=LOAD_LANGUAGE_CHARS,
        )
        for part in progress(
            pieces,
            show=show,
            total=len(pieces),
            desc=f"detecting the language of {len(rows):,} articles",
            unit="batch",
        )
    ]
    found = pd.concat(parts, ignore_index=True)
    _put(frame, missing, "language", found["language"].to_numpy(dtype=object))
    frame.loc[rows, "language_confidence"] = found["language_confidence"].to_numpy()


def apply_outlets(frame: pd.DataFrame, outlets: Mapping[str, str]) -> pd.DataFrame:
    """Rename or set outlets as the user says (in place): the user always decides.

    Parameters
    ----------
    frame : pandas.DataFrame
        Loaded articles with the :data:`PROVENANCE_COLUMNS`.
    outlets : mapping of str to str
        Keys are article ids, outlet names (as loaded) or unnamed site labels (the whole
        ``site-03 (shares 14 template lines)`` or just ``site-03``); values are the
        outlet to give. An article id wins over a name.

    Returns
    -------
    pandas.DataFrame
        ``frame``, with ``outlet_source`` ``"user"`` and confidence 1.0 where a key matched.

    Raises
    ------
    ValueError
        If a key matches no article, or a value is not a non-empty string.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a", "b", "c"],
    ...                      "outlet": ["site-01 (shares 4 template lines)", "Wire", "Wire"],
    ...                      "outlet_source": ["template", "title", "title"],
    ...                      "outlet_confidence": [float("nan"), 0.9, 0.9]})
    >>> apply_outlets(arts, {"site-01": "Harbour Herald", "c": "Metro"})["outlet"].tolist()
    ['Harbour Herald', 'Wire', 'Metro']
    """
    names = frame["outlet"].astype(str)
    labels = names.str.split(" (", n=1, regex=False).str[0]
    ids = frame["article_id"].astype(str)
    target = pd.Series(None, index=frame.index, dtype=object)
    unmatched = []
    for key, value in outlets.items():
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"outlets[{key!r}] must be a non-empty outlet name, got {value!r}")
        hit = (names == key) | (labels == key)
        if not hit.any():
            unmatched.append(key)
        target = target.where(~(hit & target.isna()), value)
    for key, value in outlets.items():  # article ids last, so that they win
        target = target.where(ids != key, value)
        if (ids == key).any() and key in unmatched:
            unmatched.remove(key)
    if unmatched:
        shown = ", ".join(repr(k) for k in unmatched[:5])
        raise ValueError(
            f"outlets= names {shown}, which is neither an article id nor a loaded outlet "
            "or site label (see corpus.articles['outlet'])"
        )
    hit = target.notna()
    _put(frame, hit, "outlet", target[hit].to_numpy(dtype=object))
    _put(frame, hit, "outlet_source", "user")
    frame.loc[hit, "outlet_confidence"] = 1.0
    return frame


def recover_metadata(
    frame: pd.DataFrame,
    *,
    outlets: Mapping[str, str] | None = None,
    infer: bool = True,
    show_progress: bool = False,
) -> pd.DataFrame:
    """Recover the outlets, dates and languages the source did not give, from the text.

    Parameters
    ----------
    frame : pandas.DataFrame
        Loaded articles with :data:`PROVENANCE_COLUMNS` (:func:`add_known_sources`).
    outlets : mapping, optional
        The user's outlets, applied last (:func:`apply_outlets`).
    infer : bool, default True
        Read outlets (:func:`~toolkit.io.sites.infer_sites`), dates
        (:func:`~toolkit.io.dates.find_dates`) and languages
        (:func:`~toolkit.io.language.detect_language`) from the text where the source
        is silent. ``False`` keeps only what the source said.
    show_progress : bool
        Draw a progress bar over the language detection (the longest step).

    Returns
    -------
    pandas.DataFrame
        ``frame``, changed in place.

    Examples
    --------
    >>> import pandas as pd
    >>> chrome = ("Harbour Herald: news from the bay\\nSign up for the morning tide letter\\n"
    ...           "Send your pictures to our photo desk\\n")
    >>> arts = pd.DataFrame({
    ...     "article_id": list("abcd"), "outlet": ["unknown"] * 4, "title": [None] * 4,
    ...     "url": [None] * 4, "published_at": pd.to_datetime([None] * 4, utc=True),
    ...     "text": ["Storm hits coast - Harbour Herald\\nMarch 4, 2024\\n" + chrome + "Rain.",
    ...              chrome + "Published: 5 March 2024\\nFerries were late again today.",
    ...              chrome + "The tide was high.", "A page of its own."]})
    >>> out = recover_metadata(add_known_sources(arts, user_outlet=False))
    >>> out[["outlet", "outlet_source", "date_source"]].values.tolist()
    [['Harbour Herald', 'title', 'byline'], ['Harbour Herald', 'template', 'published'],
     ['Harbour Herald', 'template', None], ['unknown', None, None]]
    >>> out["published_at"].dt.strftime("%Y-%m-%d").tolist()
    ['2024-03-04', '2024-03-05', nan, nan]
    >>> out["language"].tolist()
    ['en', 'en', 'en', 'en']
    """
    if infer and len(frame):
        _infer_outlets(frame)
        recover_page_metadata(frame, show_progress=show_progress)
    if outlets:
        apply_outlets(frame, outlets)
    return frame


def recover_page_metadata(frame: pd.DataFrame, *, show_progress: bool = False) -> pd.DataFrame:
    r"""The part of :func:`recover_metadata` that reads each page alone: dates, languages.

    Outlets need the whole corpus (pages of one site are grouped); dates and languages
    do not, so a corpus read in partitions (the Dask engine) gets them per partition,
    equal to a whole-corpus load.

    Parameters
    ----------
    frame : pandas.DataFrame
        Loaded articles with :data:`PROVENANCE_COLUMNS`.
    show_progress : bool
        Draw a progress bar over the language detection.

    Returns
    -------
    pandas.DataFrame
        ``frame``, changed in place.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "title": [None],
    ...                      "url": [None], "published_at": pd.to_datetime([None], utc=True),
    ...                      "text": ["Published: 5 March 2024\nFerries were late again."]})
    >>> out = recover_page_metadata(add_known_sources(arts, user_outlet=False))
    >>> out[["date_source", "date_raw", "language"]].values.tolist()
    [['published', '5 March 2024', 'en']]
    """
    if len(frame):
        _find_missing_dates(frame)
        _detect_languages(frame, show_progress)
    return frame


def provenance_summary(frame: pd.DataFrame) -> pd.DataFrame:
    """How the outlets, dates and languages of a corpus were found: counts per source.

    Parameters
    ----------
    frame : pandas.DataFrame
        Loaded articles with :data:`PROVENANCE_COLUMNS`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SUMMARY_COLUMNS`: ``field`` (``"outlet"``, ``"date"``,
        ``"language"``), ``source`` (an ``outlet_source`` / ``date_source`` value, a
        language code, or ``"missing"``), ``n_articles`` and ``share`` (of all articles),
        sorted by field, then most articles first (``"missing"`` last).

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"outlet_source": ["manifest", "title", None],
    ...                      "date_source": ["byline", None, None],
    ...                      "language": ["en", "en", None]})
    >>> provenance_summary(arts).values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['outlet', 'manifest', 1, 0.3333333333333333], ['outlet', 'title', 1, 0.3333333333333333],
     ['outlet', 'missing', 1, 0.3333333333333333], ['date', 'byline', 1, 0.3333333333333333],
     ['date', 'missing', 2, 0.6666666666666666], ['language', 'en', 2, 0.6666666666666666],
     ['language', 'missing', 1, 0.3333333333333333]]
    """
    rows: list[tuple[str, str, int, float]] = []
    n = len(frame)
    for field_name, column in (
        ("outlet", "outlet_source"),
        ("date", "date_source"),
        ("language", "language"),
    ):
        values = frame[column] if column in frame.columns else pd.Series([None] * n, dtype=object)
        counts = values.fillna("missing").astype(str).value_counts(sort=False)
        order = sorted(counts.items(), key=lambda kv: (kv[0] == "missing", -kv[1], kv[0]))
        rows.extend((field_name, str(src), int(k), k / n) for src, k in order)
    return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS)).astype({"n_articles": "int64"})
