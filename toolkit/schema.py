"""Column names, dtypes and validation for the toolkit's tables.

Every table the toolkit passes around has one documented shape:

* **articles**: one row per article (:data:`ARTICLE_COLUMNS`);
* **errors**: one row per load problem (:data:`ERROR_COLUMNS`);
* **lines**: one row per non-empty line of an article (:data:`LINE_COLUMNS`),
  to which the detectors add their label columns.

:func:`as_articles` turns whatever a user hands to a statistic (a
:class:`~toolkit.corpus.Corpus`, a DataFrame with at least ``article_id, outlet, text``)
into a validated articles frame, without mutating the input.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

__all__ = [
    "ARTICLE_COLUMNS",
    "ERROR_COLUMNS",
    "LINE_COLUMNS",
    "REQUIRED_ARTICLE_COLUMNS",
    "SchemaError",
    "as_articles",
    "empty_articles",
    "empty_errors",
    "replace_surrogates",
]

#: Columns of the articles table, in order.
ARTICLE_COLUMNS: tuple[str, ...] = (
    "article_id",
    "outlet",
    "title",
    "text",
    "published_at",
    "url",
    "source_path",
    "encoding",
)
#: The columns a statistic needs; the others are filled in when missing.
REQUIRED_ARTICLE_COLUMNS: tuple[str, ...] = ("article_id", "outlet", "text")
#: Columns of the errors table of a :class:`~toolkit.corpus.Corpus`.
ERROR_COLUMNS: tuple[str, ...] = ("source_path", "error", "message")
#: Columns of the lines table made by :func:`toolkit.text.split_lines`.
LINE_COLUMNS: tuple[str, ...] = (
    "article_id",
    "outlet",
    "line_no",
    "para_id",
    "text",
    "norm",
    "n_chars",
)


class SchemaError(ValueError):
    """A table lacks a column the toolkit needs, or holds a value it cannot use."""


def empty_articles() -> pd.DataFrame:
    """Return an articles table with no rows and every column typed.

    Examples
    --------
    >>> list(empty_articles().columns) == list(ARTICLE_COLUMNS)
    True
    """
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in ARTICLE_COLUMNS})
    frame["published_at"] = pd.Series(dtype="datetime64[ns, UTC]")
    return _coerce(frame)


def empty_errors() -> pd.DataFrame:
    """Return an errors table with no rows.

    Examples
    --------
    >>> empty_errors().columns.tolist()
    ['source_path', 'error', 'message']
    """
    return pd.DataFrame({c: pd.Series(dtype=object) for c in ERROR_COLUMNS})


_TEXT_COLUMNS = ("article_id", "outlet", "title", "text", "url", "source_path", "encoding")


_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(value: Any) -> Any:
    """Replace lone UTF-16 surrogates in a string with U+FFFD (other values unchanged).

    No UTF-8 string (an Arrow or pandas ``str`` column, a file) can hold them; Python's
    JSON decoder makes them from ``"\\ud800"`` escapes.

    Examples
    --------
    >>> replace_surrogates("bad \\ud800 text"), replace_surrogates(3)
    ('bad \ufffd text', 3)
    """
    if isinstance(value, str) and _SURROGATE.search(value) is not None:
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return value


def _coerce(frame: pd.DataFrame) -> pd.DataFrame:
    try:
        return _coerce_once(frame)
    except UnicodeEncodeError:  # lone surrogates, which a pandas str column cannot hold
        for col in _TEXT_COLUMNS:
            frame[col] = frame[col].astype(object).map(replace_surrogates)
        return _coerce_once(frame)


def _is_complete_str(col: pd.Series) -> bool:
    """A pandas string column without missing values (nothing to coerce)."""
    return isinstance(col.dtype, pd.StringDtype) and not col.hasnans


def _coerce_once(frame: pd.DataFrame) -> pd.DataFrame:
    for col in _TEXT_COLUMNS:
        if col in ("article_id", "outlet", "text") and _is_complete_str(frame[col]):
            continue  # already what astype(str) below makes; a round trip copies it twice
        frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
    frame["article_id"] = frame["article_id"].astype(str)
    frame["outlet"] = frame["outlet"].fillna("unknown").astype(str)
    frame["text"] = frame["text"].fillna("").astype(str)
    dates = frame["published_at"]
    if not isinstance(dates.dtype, pd.DatetimeTZDtype):
        if pd.api.types.is_object_dtype(dates) or pd.api.types.is_string_dtype(dates):
            dates = pd.to_datetime(dates, utc=True, errors="coerce", format="mixed")
        else:
            dates = pd.to_datetime(dates, utc=True, errors="coerce")
    frame["published_at"] = dates.dt.tz_convert("UTC").dt.as_unit("ns")
    return frame


def as_articles(data: Any, *, copy: bool = True) -> pd.DataFrame:
    """Return a validated articles table from a Corpus or a DataFrame.

    Parameters
    ----------
    data : Corpus or pandas.DataFrame
        Anything with an ``articles`` attribute holding a DataFrame (a
        :class:`~toolkit.corpus.Corpus`), or a DataFrame with at least the columns
        ``article_id, outlet, text``.
    copy : bool, default True
        The input is never mutated; ``copy=False`` is only for callers that
        already hold a private copy.

    Returns
    -------
    pandas.DataFrame
        One row per article with every column of :data:`ARTICLE_COLUMNS` (missing
        optional columns are filled with ``None``/``NaT``) plus any extra columns
        of the input, on a fresh ``RangeIndex``. ``text`` is never missing (``""``),
        ``outlet`` defaults to ``"unknown"`` and ``published_at`` is UTC.

    Raises
    ------
    SchemaError
        If a required column is missing or ``article_id`` is not unique.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", None], "text": ["Hi.", None]})
    >>> arts = as_articles(df)
    >>> arts[["article_id", "outlet", "text"]].values.tolist()
    [['a', 'X', 'Hi.'], ['b', 'unknown', '']]
    >>> as_articles(pd.DataFrame({"text": ["x"]}))
    Traceback (most recent call last):
    ...
    toolkit.schema.SchemaError: articles table lacks column(s) article_id, outlet; it has: text
    """
    frame = getattr(data, "articles", data)
    if not isinstance(frame, pd.DataFrame):
        raise SchemaError(
            f"expected a Corpus or a pandas DataFrame of articles, got {type(data).__name__}"
        )
    missing = [c for c in REQUIRED_ARTICLE_COLUMNS if c not in frame.columns]
    if missing:
        raise SchemaError(
            f"articles table lacks column(s) {', '.join(missing)}; "
            f"it has: {', '.join(map(str, frame.columns)) or 'no columns'}"
        )
    out = frame.copy() if copy else frame
    out = out.reset_index(drop=True)
    for col in ARTICLE_COLUMNS:
        if col not in out.columns:
            out[col] = pd.NaT if col == "published_at" else None
    out = _coerce(out)
    dupes = out["article_id"][out["article_id"].duplicated()]
    if len(dupes):
        shown = ", ".join(dupes.unique()[:5].tolist())
        raise SchemaError(f"article_id must be unique; repeated: {shown}")
    extra = [c for c in out.columns if c not in ARTICLE_COLUMNS]
    return out[list(ARTICLE_COLUMNS) + extra]
