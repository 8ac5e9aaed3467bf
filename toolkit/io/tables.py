"""Tables of records (CSV, TSV, JSON, JSONL, Parquet, DataFrames) mapped onto articles.

The columns of a table are guessed (:data:`COLUMN_GUESSES`) or given; each row becomes
one article; a malformed row is reported with its line number and the rest is read.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import itertools
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from toolkit.io.decode import decode_bytes, normalize_text
from toolkit.io.errors import Problem, Report
from toolkit.io.outlets import outlet_value
from toolkit.schema import dates_in_ns, replace_surrogates

__all__ = [
    "COLUMN_GUESSES",
    "PATH_GUESSES",
    "check_columns",
    "column_list",
    "frame_to_articles",
    "parse_dates",
    "read_delimited",
    "read_delimited_checked",
    "read_json_records",
    "read_table",
    "resolve_columns",
]

#: Candidate source columns for each canonical column, tried in order (case-insensitive).
COLUMN_GUESSES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "full_text", "fulltext", "article_text"),
    "outlet": ("outlet", "source", "media_name", "domain", "site", "publisher", "media"),
    "article_id": ("article_id", "id", "guid", "doc_id", "uid"),
    "title": ("title", "headline"),
    "published_at": (
        "published_at",
        "date",
        "publish_date",
        "published",
        "pub_date",
        "datetime",
        "publication_date",
    ),
    "url": ("url", "link", "source_url"),
}
PATH_GUESSES: tuple[str, ...] = ("path", "file", "filename", "file_name", "filepath", "relpath")


def resolve_columns(
    available: Iterable[Any], columns: dict[str, str] | None
) -> tuple[dict[str, Any], list[str]]:
    """Map canonical names to source columns: the given ones, then the guessed ones.

    Parameters
    ----------
    available : iterable
        The table's columns.
    columns : dict, optional
        Canonical name (or ``"id"``) -> source column, matched case-insensitively.

    Returns
    -------
    tuple of (dict, list of str)
        Canonical name -> source column, and one message per given column not found.

    Examples
    --------
    >>> resolve_columns(["Body", "site", "ID"], {"outlet": "site"})
    ({'outlet': 'site', 'text': 'Body', 'article_id': 'ID'}, [])
    """
    cols = list(available)
    by_lower: dict[str, Any] = {}
    for col in cols:
        by_lower.setdefault(str(col).strip().lower(), col)
    mapping: dict[str, Any] = {}
    problems: list[str] = []
    given = dict(columns or {})
    if "id" in given:
        given["article_id"] = given.pop("id")
    for canonical, src_name in given.items():
        src: Any = src_name
        if src in cols:
            mapping[canonical] = src
        elif str(src).strip().lower() in by_lower:
            mapping[canonical] = by_lower[str(src).strip().lower()]
        else:
            problems.append(f"column {src!r} (given for {canonical!r}) is not in the table")
    used = set(mapping.values())
    for canonical, guesses in COLUMN_GUESSES.items():
        if canonical in mapping or canonical in given:
            continue
        for guess in guesses:
            src = by_lower.get(guess)
            if src is not None and src not in used:
                mapping[canonical] = src
                used.add(src)
                break
    return mapping, problems


def check_columns(columns: dict[str, str] | None) -> None:
    """Raise for a ``columns=`` argument that is not a dict of canonical names.

    Raises
    ------
    TypeError, ValueError

    Examples
    --------
    >>> check_columns({"text": "body"})
    >>> check_columns({"body": "text"})
    Traceback (most recent call last):
    ...
    ValueError: unknown key(s) in columns: body; use canonical names: article_id, id, ...
    """
    allowed = {*COLUMN_GUESSES, "id"}
    if columns is None:
        return
    if not isinstance(columns, dict):
        raise TypeError(f"columns must be a dict like {{'text': 'body'}}, got {type(columns)}")
    unknown = sorted(set(columns) - allowed)
    if unknown:
        raise ValueError(
            f"unknown key(s) in columns: {', '.join(unknown)}; "
            f"use canonical names: {', '.join(sorted(allowed))}"
        )


def _blank_to_none(series: pd.Series) -> pd.Series:
    s = series.astype(object)
    mask = s.isna() | s.map(lambda v: isinstance(v, str) and not v.strip())
    return s.where(~mask, None)


def _utf8_only(column: pd.Series) -> bool:
    """True for an Arrow string column (Parquet, CSV read by Arrow): it holds valid UTF-8
    only, so it has no lone surrogates to look for."""
    return getattr(column.dtype, "storage", None) == "pyarrow" or (
        isinstance(column.dtype, pd.ArrowDtype) and pa.types.is_string(column.dtype.pyarrow_dtype)
    )


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")  # a C pass, several times faster than a regex search
    except UnicodeEncodeError:
        return True
    return False


def _decoded(data: bytes) -> str:
    """The text of a binary cell, decoded as a file's bytes are (empty if it is not text)."""
    try:
        return decode_bytes(data)[0]
    except Problem:
        return ""


def _texts(values: np.ndarray) -> list[str]:
    """Normalised text of every cell (missing -> ``""``).

    A plain loop: turning millions of characters into an Arrow string column and back
    for each ``.str`` step costs several times more than :func:`normalize_text` itself.
    """
    out = []
    for value in values.tolist():
        if isinstance(value, str):
            out.append(normalize_text(value))
        elif isinstance(value, bytes | bytearray | memoryview):  # a binary column: a file
            out.append(normalize_text(_decoded(bytes(value))))
        elif value is None or (isinstance(value, float) and np.isnan(value)):
            out.append("")
        else:
            out.append(normalize_text(str(value)))
    return out


def _content_ids(outlets: pd.Series, texts: pd.Series) -> list[str]:
    return [
        hashlib.sha1(f"{o}\n{t}".encode(), usedforsecurity=False).hexdigest()[:16]
        for o, t in zip(outlets.tolist(), texts.tolist(), strict=True)
    ]


def _checked(parsed: pd.Series, bad: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``parsed`` in nanoseconds; a date it cannot hold (year 1, 9999) is NaT and bad."""
    ns, outside = dates_in_ns(parsed)
    return ns, (bad | outside).astype(bool)


def parse_dates(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse dates (strings, datetimes or epoch seconds/milliseconds) to UTC.

    Returns
    -------
    tuple of (pandas.Series, pandas.Series)
        The parsed values (``datetime64[ns, UTC]``, NaT where unknown) and the mask of
        the non-empty values that could not be parsed.

    Examples
    --------
    >>> parsed, bad = parse_dates(pd.Series(["2024-01-02T03:00:00+03:00", "soon", None]))
    >>> parsed.tolist()[0], bad.tolist()
    (Timestamp('2024-01-02 00:00:00+0000', tz='UTC'), [False, True, False])
    """
    s = values
    if pd.api.types.is_datetime64_any_dtype(s):
        parsed = s.dt.tz_localize("UTC") if s.dt.tz is None else s.dt.tz_convert("UTC")
        return _checked(parsed, pd.Series(False, index=s.index))
    if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
        num = pd.to_numeric(s, errors="coerce")
        size = num.abs().to_numpy(dtype="float64")
        # epoch seconds up to 1e11 (year 5138), milliseconds above (to year 2262); values
        # beyond (1e20, inf) would overflow the parser: they are bad dates
        secs = num.where(size <= 1e11)
        msecs = num.where((size > 1e11) & (size < 9.2e15))
        parsed = pd.to_datetime(secs, unit="s", utc=True, errors="coerce").fillna(
            pd.to_datetime(msecs, unit="ms", utc=True, errors="coerce")
        )
        return _checked(parsed, num.notna() & parsed.isna())
    s = _blank_to_none(s)
    present = s.notna()
    if not present.any():
        return pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns, UTC]"), present
    text = s.where(present, None).map(lambda v: v if v is None else str(v).strip())
    try:
        parsed = pd.to_datetime(text, format="mixed", utc=True, errors="coerce")
    except (OverflowError, ValueError):  # a value no parser can place: one at a time
        parsed = pd.Series(
            [pd.to_datetime(v, utc=True, errors="coerce") if v else pd.NaT for v in text],
            index=s.index,
            dtype="datetime64[us, UTC]",
        )
    return _checked(parsed, present & parsed.isna())


def frame_to_articles(
    frame: pd.DataFrame,
    *,
    columns: dict[str, str] | None,
    outlet: str | None,
    source_path: str,
    locations: list[str] | None,
    report: Report,
    encoding: str | None = None,
) -> pd.DataFrame:
    """Map a table of records onto article rows (the table adapter).

    Parameters
    ----------
    frame : pandas.DataFrame
        The records, one article per row. Not mutated.
    columns : dict, optional
        Canonical name -> source column; the rest are guessed (:data:`COLUMN_GUESSES`).
    outlet : str, optional
        Overrides every row's outlet.
    source_path : str
        Stored in ``source_path`` of every row and of every errors row.
    locations : list of str, optional
        Where each row sits in the file (``"line 7"``), for errors rows.
    report : callable
        ``report(source_path, error, message)`` for each problem.
    encoding : str, optional
        Stored in ``encoding``.

    Returns
    -------
    pandas.DataFrame
        ``ARTICLE_COLUMNS`` (``published_at`` parsed to UTC) followed by the table's
        unmapped columns. Rows with empty text are reported (``empty``) and dropped;
        a missing id becomes ``sha1(outlet + "\\n" + text)[:16]``.

    Raises
    ------
    toolkit.io.errors.Problem
        ``no_text_column`` / ``missing_column`` when the table cannot be mapped.
    """
    mapping, problems = resolve_columns(frame.columns, columns)
    if problems:
        raise Problem("missing_column", "; ".join(problems) + f"; it has: {column_list(frame)}")
    if "text" not in mapping:
        raise Problem(
            "no_text_column",
            f"no text column (looked for {', '.join(COLUMN_GUESSES['text'])}; "
            f"pass columns={{'text': ...}}); it has: {column_list(frame)}",
        )
    n = len(frame)
    where = locations if locations is not None else [f"row {i}" for i in range(n)]
    index = pd.RangeIndex(n)
    fallbacks = _fallback_columns(frame.columns, mapping, columns)

    def col(name: str) -> pd.Series:
        src = mapping.get(name)
        if src is None:
            return pd.Series([None] * n, index=index, dtype=object)
        values = _blank_to_none(
            pd.Series(frame[src].to_numpy(dtype=object), index=index, dtype=object)
        )
        arrow = _utf8_only(frame[src])
        for other in fallbacks.get(name, []):
            if not values.isna().any():
                break
            more = _blank_to_none(
                pd.Series(frame[other].to_numpy(dtype=object), index=index, dtype=object)
            )
            values = values.where(values.notna(), more)
            arrow = arrow and _utf8_only(frame[other])
        return values if arrow else _repaired(values, name)

    def _repaired(values: pd.Series, name: str) -> pd.Series:
        """Lone surrogates (which no UTF-8 column can hold) become U+FFFD, reported once."""
        cells = values.tolist()
        strings = [v for v in cells if isinstance(v, str)]
        if not _has_surrogates("".join(strings)):  # one scan of the column, not one per cell
            return values
        fixed = [replace_surrogates(v) for v in cells]
        n_bad = sum(a is not b for a, b in zip(cells, fixed, strict=True))
        if not n_bad:
            return values
        report(
            source_path,
            "bad_text",
            f"{n_bad} {name} value(s) held lone surrogates (halves of UTF-16 pairs, which no "
            "file can store); each replaced by U+FFFD and loaded",
        )
        return pd.Series(fixed, index=index, dtype=object)

    text = pd.Series(_texts(col("text").to_numpy()), index=index, dtype=object)
    empty = pd.Series([not t.strip() for t in text.tolist()], index=index, dtype=bool)
    for i in np.flatnonzero(empty.to_numpy()):
        report(source_path, "empty", f"{where[i]}: the text is empty; row skipped")
    if outlet is not None:
        outlets = pd.Series([outlet] * n, index=index, dtype=object)
    else:
        outlets = col("outlet").map(outlet_value)
        outlets = _blank_to_none(outlets).map(lambda v: v if v is None else str(v).strip())
        outlets = outlets.where(outlets.notna(), "unknown")
    ids = col("article_id").map(lambda v: v if v is None else str(v).strip())
    missing_id = ids.isna()
    if missing_id.any():
        ids = ids.where(
            ~missing_id, pd.Series(_content_ids(outlets, text), index=index, dtype=object)
        )
    if "published_at" in mapping:
        raw_dates = frame[mapping["published_at"]].reset_index(drop=True)
        published, bad = parse_dates(raw_dates)
    else:
        published, bad = parse_dates(col("published_at"))
    if bad.any():
        first = int(np.flatnonzero(bad.to_numpy())[0])
        value = frame[mapping["published_at"]].iloc[first]
        report(
            source_path,
            "bad_date",
            f"{int(bad.sum())} published_at value(s) could not be parsed "
            f"(e.g. {value!r} at {where[first]}); left as NaT",
        )
    out = pd.DataFrame(
        {
            "article_id": ids,
            "outlet": outlets,
            "title": col("title").map(lambda v: v if v is None else str(v)),
            "text": text,
            "published_at": published,
            "url": col("url").map(lambda v: v if v is None else str(v)),
            "source_path": _passthrough(frame, "source_path", source_path, mapping),
            "encoding": _passthrough(frame, "encoding", encoding, mapping),
        },
        index=index,
    )
    used = set(mapping.values())
    extras: dict[str, Any] = {}
    for extra in frame.columns:
        name = str(extra)
        if extra not in used and name not in out.columns and name not in extras:
            extras[name] = frame[extra].to_numpy()
    if extras:  # one concat: inserting thousands of columns one by one is quadratic
        try:
            more = pd.DataFrame(extras, index=index)
        except UnicodeEncodeError:  # lone surrogates in some column of strings
            for name, values in extras.items():
                if values.dtype == object:
                    extras[name] = _repaired(pd.Series(values, index=index, dtype=object), name)
            more = pd.DataFrame(extras, index=index)
        out = pd.concat([out, more], axis=1)
    return out[~empty.to_numpy()].reset_index(drop=True)


def _fallback_columns(
    available: Iterable[Any], mapping: dict[str, Any], columns: dict[str, str] | None
) -> dict[str, list[Any]]:
    """Other guessed columns that fill a guessed column's gaps (records of mixed shape)."""
    by_lower: dict[str, Any] = {}
    for col in available:
        by_lower.setdefault(str(col).strip().lower(), col)
    given = set(columns or {}) | ({"article_id"} if "id" in (columns or {}) else set())
    used = set(mapping.values())
    out: dict[str, list[Any]] = {}
    for canonical, guesses in COLUMN_GUESSES.items():
        if canonical not in mapping or canonical in given or canonical == "published_at":
            continue
        extra = [by_lower[g] for g in guesses if g in by_lower and by_lower[g] not in used]
        if extra:
            out[canonical] = extra
    return out


def _passthrough(frame: pd.DataFrame, name: str, default: Any, mapping: dict[str, Any]) -> Any:
    """A frame's own ``source_path``/``encoding`` column (a reloaded articles table)."""
    if name not in frame.columns or name in mapping.values():
        return default
    values = pd.Series(frame[name].to_numpy(dtype=object), dtype=object)
    return values.where(values.notna(), default).to_numpy()


def column_list(frame: pd.DataFrame) -> str:
    """The columns of a table, for a message (``"a, b"`` or ``"no columns"``)."""
    return ", ".join(map(str, frame.columns)) or "no columns"


def _split_physical_lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = text.split("\n")
    if parts and parts[-1] == "":
        parts.pop()
    return [p + "\n" for p in parts]


@contextlib.contextmanager
def _csv_field_limit(limit: int) -> Iterator[None]:
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, limit))
    try:
        yield
    finally:
        csv.field_size_limit(old)


_QUOTE = re.compile('"')


def _well_quoted(text: str, delimiter: str, start: int) -> bool:
    """True when every quote of ``text[start:]`` opens a field at its start or closes it
    at its end (``""`` inside a quoted field being one quote): then Arrow's reader sees
    the rows :mod:`csv` would see."""
    edges = (delimiter, "\n")
    inside = False
    skip = -1
    for match in _QUOTE.finditer(text, start):
        at = match.start()
        if at == skip:
            continue
        after = text[at + 1 : at + 2]
        if inside:
            if after == '"':
                skip = at + 1  # an escaped quote
                continue
            if after and after not in edges:
                return False
        elif at > start and text[at - 1] not in edges:
            return False
        inside = not inside
    return not inside


def _read_delimited_fast(
    text: str, delimiter: str
) -> tuple[pd.DataFrame, list[str], list[str]] | None:
    """:func:`read_delimited` by Arrow's CSV reader, or None where it might differ.

    None (the checking parser decides) for anything unusual: carriage returns or NULs,
    a quoted header, one column, quotes that do not open or close fields, a row of the
    wrong width, or blank lines between rows (the physical lines must add up).
    """
    end = text.find("\n")
    if end < 0 or "\r" in text or "\0" in text or '"' in text[:end]:
        return None
    header = text[:end].split(delimiter)
    if len(header) < 2 or text.isspace() or not _well_quoted(text, delimiter, end + 1):
        return None
    data = pa.py_buffer(text.encode("utf-8"))
    body = data.slice(len(text[: end + 1].encode("utf-8")))
    names = [f"f{i}" for i in range(len(header))]
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(body),
            read_options=pa_csv.ReadOptions(column_names=names),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if table.num_rows == 0:
        return None
    lines = np.ones(table.num_rows, dtype=np.int64)
    for column in table.columns:
        lines += pc.count_substring(column, "\n").to_numpy(zero_copy_only=False)
    n_lines = text.count("\n", end + 1) + (0 if text.endswith("\n") else 1)
    if int(lines.sum()) != n_lines:
        return None  # blank lines, which the checking parser skips
    first = 2 + np.concatenate([[0], np.cumsum(lines[:-1])])
    frame = table.to_pandas()
    frame.columns = pd.Index(_unique_names(header), dtype=object)
    return frame, [f"line {n}" for n in first.tolist()], []


def read_delimited(text: str, delimiter: str) -> tuple[pd.DataFrame, list[str], list[str]]:
    """Parse CSV/TSV text, reporting malformed rows instead of dropping them silently.

    A row with the wrong number of fields, or broken quoting, is reported with its
    line number; parsing resumes on the next physical line, so an unclosed quote
    costs one row, not the rest of the file. A well-formed table (quotes only around
    fields, every row as wide as the header, no blank lines) is read by Arrow's CSV
    reader; anything else by :func:`read_delimited_checked`, with the same results.

    Parameters
    ----------
    text : str
    delimiter : str

    Returns
    -------
    tuple
        ``(frame, locations, problems)``: the good rows (all columns as ``object``),
        ``"line N"`` for each of them, and one message per bad row.

    Examples
    --------
    >>> frame, where, bad = read_delimited('id,text\\n1,"ok"\\n2,"broken\\n3,fine\\n', ",")
    >>> frame.values.tolist(), where, bad
    ([['1', 'ok'], ['3', 'fine']], ['line 2', 'line 4'], ['line 3: malformed CSV: unexpected end of data'])
    """
    fast = _read_delimited_fast(text, delimiter)
    return fast if fast is not None else read_delimited_checked(text, delimiter)


def read_delimited_checked(text: str, delimiter: str) -> tuple[pd.DataFrame, list[str], list[str]]:
    """:func:`read_delimited` by Python's :mod:`csv`, one physical line at a time after a
    bad row: the reader of every table that Arrow's fast reader declines."""
    lines = _split_physical_lines(text)
    header: list[str] | None = None
    rows: list[list[str]] = []
    where: list[str] = []
    problems = _BadRows()
    i, n = 0, len(lines)
    with _csv_field_limit(2**31 - 1):
        while i < n:
            reader = csv.reader(itertools.islice(lines, i, None), delimiter=delimiter, strict=True)
            consumed = 0
            restart: int | None = None
            try:
                for row in reader:
                    start = i + consumed
                    span = reader.line_num - consumed
                    consumed = reader.line_num
                    if not row or (len(row) == 1 and not row[0].strip() and header is not None):
                        continue
                    if header is None:
                        header = row
                        continue
                    if len(row) != len(header):
                        problems.add(
                            start + 1, "width", f"expected {len(header)} fields, found {len(row)}"
                        )
                        if span > 1:
                            restart = start + 1
                            break
                        continue
                    rows.append(row)
                    where.append(f"line {start + 1}")
                    problems.good()
            except csv.Error as exc:
                start = i + consumed
                problems.add(start + 1, "malformed", f"malformed CSV: {exc}")
                restart = start + 1
            if restart is None:
                break
            i = restart
    names = _unique_names(header or [])
    return pd.DataFrame(rows, columns=names, dtype=object), where, problems.messages()


class _BadRows:
    """The problems of a CSV, one message per run of bad rows with no good row between
    (an unclosed quote before a long text makes every line of that text a bad row).

    >>> bad = _BadRows()
    >>> for line in (3, 4, 6):
    ...     bad.add(line, "width", "expected 2 fields, found 1")
    >>> bad.good()
    >>> bad.add(9, "width", "expected 2 fields, found 3")
    >>> bad.messages()
    ['lines 3-6: 3 rows of the wrong width (expected 2 fields, found 1); an unclosed quote?', 'line 9: expected 2 fields, found 3']
    """

    def __init__(self) -> None:
        self.done: list[str] = []
        self.run: list[tuple[int, str, str]] = []  # (line, kind, message)

    def add(self, line: int, kind: str, message: str) -> None:
        if self.run and self.run[-1][1] != kind:
            self.good()
        self.run.append((line, kind, message))

    def good(self) -> None:
        if len(self.run) == 1:
            self.done.append(f"line {self.run[0][0]}: {self.run[0][2]}")
        elif self.run:
            (first, kind, message), last = self.run[0], self.run[-1][0]
            what = "rows of the wrong width" if kind == "width" else "malformed rows"
            self.done.append(
                f"lines {first}-{last}: {len(self.run)} {what} ({message}); an unclosed quote?"
            )
        self.run = []

    def messages(self) -> list[str]:
        self.good()
        return self.done


def _unique_names(names: list[str]) -> list[str]:
    seen: Counter[str] = Counter()
    out = []
    for name in names:
        name = name.strip() or "unnamed"
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name}.{seen[name] - 1}")
    return out


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _scrub_object(obj: dict[str, Any]) -> dict[str, Any]:
    return {replace_surrogates(k): replace_surrogates(v) for k, v in obj.items()}


def _json_loader(text: str) -> Callable[[str], Any]:
    """``json.loads``, scrubbing lone surrogates when the text has surrogate escapes.

    Python's JSON decoder turns ``"\\ud800"`` into a lone surrogate, which no string
    column (Arrow, UTF-8 files) can hold; strings in lists end up as their ``repr``.
    """
    if _SURROGATE_ESCAPE.search(text) is None:
        return json.loads
    return lambda s: json.loads(s, object_hook=_scrub_object)


def _json_reason(exc: BaseException) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return exc.msg
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc).split(";")[0]  # int digit limit: drop the advice about sys.set_int_...


def read_json_records(text: str, *, lines: bool) -> tuple[pd.DataFrame, list[str], list[str]]:
    """Parse JSONL (``lines=True``) or a JSON list of records.

    Returns
    -------
    tuple
        ``(frame, locations, problems)`` like :func:`read_delimited`.

    Examples
    --------
    >>> frame, where, bad = read_json_records('{"text": "a"}\\n{oops\\n[1]\\n{"text": "b"}', lines=True)
    >>> frame["text"].tolist(), where, [b.split(":")[0] for b in bad]
    (['a', 'b'], ['line 1', 'line 4'], ['line 2', 'line 3'])
    """
    records: list[dict[str, Any]] = []
    where: list[str] = []
    problems: list[str] = []
    loads = _json_loader(text)
    if not lines:
        try:
            data = loads(text)
        except json.JSONDecodeError as exc:
            if text.count("\n") >= 1:
                return read_json_records(text, lines=True)
            raise Problem("bad_table", f"not valid JSON: {exc}") from None
        except (ValueError, RecursionError) as exc:  # nested too deep, a 5,000-digit number
            raise Problem("bad_table", f"cannot read this JSON: {_json_reason(exc)}") from None
        if isinstance(data, dict):
            lists = [v for v in data.values() if isinstance(v, list)]
            if len(lists) == 1:
                data = lists[0]
            else:
                data = [data]
        if not isinstance(data, list):
            raise Problem("bad_table", "JSON must hold a list of records (objects)")
        for i, item in enumerate(data):
            if isinstance(item, dict):
                records.append(item)
                where.append(f"record {i}")
            else:
                problems.append(f"record {i}: expected an object, found {type(item).__name__}")
    else:
        for no, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                item = loads(line)
            except (ValueError, RecursionError) as exc:
                problems.append(f"line {no}: not valid JSON: {_json_reason(exc)}")
                continue
            if not isinstance(item, dict):
                problems.append(f"line {no}: expected an object, found {type(item).__name__}")
                continue
            records.append(item)
            where.append(f"line {no}")
    frame = pd.DataFrame.from_records(records) if records else pd.DataFrame()
    return frame.astype(object) if len(frame.columns) else frame, where, problems


def _sniff_delimiter(text: str) -> str:
    end = text.find("\n")
    header = text if end < 0 else text[:end]
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] and counts[","] == 0 else ","


def read_table(data: bytes, suffix: str) -> tuple[pd.DataFrame, list[str], list[str], str | None]:
    """Read the records of a table file, chosen by its suffix.

    Parameters
    ----------
    data : bytes
    suffix : str
        Lower case, with the dot: ``".csv"`` (delimiter sniffed from the header),
        ``".tsv"``/``".tab"``, ``".jsonl"``/``".ndjson"``, ``".json"``, ``".parquet"``/``".pq"``.

    Returns
    -------
    tuple
        ``(frame, locations, problems, encoding)`` as :func:`read_delimited`, plus the
        encoding of a text table (``None`` for Parquet).

    Raises
    ------
    toolkit.io.errors.Problem
        ``bad_table`` for an unreadable Parquet or JSON file, or what
        :func:`~toolkit.io.decode.decode_bytes` raises.

    Examples
    --------
    >>> frame, where, bad, encoding = read_table(b"id;text\\n1;Hello\\n", ".csv")
    >>> frame.values.tolist(), where, bad, encoding
    ([['1', 'Hello']], ['line 2'], [], 'utf-8')
    """
    if suffix in {".parquet", ".pq"}:
        try:
            frame = pd.read_parquet(io.BytesIO(data))
        except Exception as exc:  # pyarrow raises many types
            raise Problem("bad_table", f"cannot read Parquet: {exc}") from None
        return frame, [f"row {i}" for i in range(len(frame))], [], None
    text, encoding = decode_bytes(data)
    if suffix in {".jsonl", ".ndjson"}:
        return (*read_json_records(text, lines=True), encoding)
    if suffix == ".json":
        return (*read_json_records(text, lines=False), encoding)
    delimiter = "\t" if suffix in {".tsv", ".tab"} else _sniff_delimiter(text)
    return (*read_delimited(text, delimiter), encoding)
