"""Text normalisation and line splitting: the step from articles to lines.

Nothing here removes content. :func:`normalize_text` only unifies Unicode composition
and newlines (the loader applies it); :func:`normalize_for_matching` builds the key
under which two lines count as "the same" (case, quote marks, dashes and spacing
folded); :func:`split_lines` turns an articles table into the lines table every
detector works on.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import chain
from typing import Any

import numpy as np
import pandas as pd

from toolkit.io.decode import normalize_text
from toolkit.schema import LINE_COLUMNS, as_articles

__all__ = [
    "RUN_CHARS",
    "char_runs",
    "fold_punctuation",
    "normalize_for_matching",
    "normalize_text",
    "split_lines",
]

#: Quote marks and dashes folded to ASCII before two lines are compared.
_FOLD_TABLE = str.maketrans(
    {
        **dict.fromkeys("“”„‟«»″〝〞＂", '"'),
        **dict.fromkeys("‘’‚‛′‹›`´", "'"),
        **dict.fromkeys("‐‑‒–—―−﹘﹣－", "-"),
        "\u00ad": None,  # soft hyphen
        "\u200b": None,  # zero width space
        "\u200c": None,
        "\u200d": None,
        "\ufeff": None,
    }
)


#: The characters of :data:`_FOLD_TABLE` and what each becomes: ``re.sub`` over them is
#: 4x faster than ``str.translate``, which looks every character up in the table.
_FOLD_TO = {chr(code): (new or "") for code, new in _FOLD_TABLE.items()}
_FOLD_RE = re.compile("[" + "".join(re.escape(ch) for ch in _FOLD_TO) + "]")


def _fold(text: str) -> str:
    return _FOLD_RE.sub(lambda m: _FOLD_TO[m.group()], text)


def fold_punctuation(text: str) -> str:
    """Fold typographic quote marks and dashes to ASCII and drop invisible characters.

    Examples
    --------
    >>> fold_punctuation("“I’m convinced” — he said")
    '"I\\'m convinced" - he said'
    """
    return _fold(text)


def normalize_for_matching(texts: Any) -> Any:
    """Return the matching key of a string or of every string in a Series.

    The key is: Unicode NFKC, quote marks and dashes folded
    (:func:`fold_punctuation`), runs of whitespace collapsed to one space, stripped,
    case folded. Two lines with the same key are exact repeats for the toolkit's
    repetition and boilerplate statistics.

    Parameters
    ----------
    texts : str or pandas.Series of str

    Returns
    -------
    str or pandas.Series
        Same type as the input.

    Examples
    --------
    >>> normalize_for_matching("  “We will  share”, LAVROV said ")
    '"we will share", lavrov said'
    >>> normalize_for_matching(pd.Series(["A\\u00a0B", "‘a’ – b"])).tolist()
    ['a b', "'a' - b"]
    """
    if isinstance(texts, str):
        return matching_key(texts)
    s = pd.Series(texts, dtype=object)
    # a comprehension over the column beats pandas' str accessors here (measured)
    return pd.Series([matching_key(t) for t in s.tolist()], index=s.index, dtype=object)


def matching_key(text: str) -> str:
    if text.isascii():  # NFKC keeps ASCII; of the folded characters only "`" is ASCII
        if "`" in text:
            text = text.replace("`", "'")
        # printable ASCII has no whitespace but " ": single inner spaces need no collapsing
        if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
            return text.lower()
        return " ".join(text.split()).lower()  # casefold() is lower() on ASCII
    if not unicodedata.is_normalized("NFKC", text):  # the check is cheaper than a copy
        text = unicodedata.normalize("NFKC", text)
    if _FOLD_RE.search(text):
        text = _fold(text)
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text.casefold()  # no whitespace but single inner spaces (as above)
    return " ".join(text.split()).casefold()


def split_lines(data: Any) -> pd.DataFrame:
    """Split every article into its non-empty lines.

    Parameters
    ----------
    data : Corpus or pandas.DataFrame
        Articles (at least ``article_id, outlet, text``).

    Returns
    -------
    pandas.DataFrame
        One row per line whose text is not blank, in article order then line order,
        with columns:

        - ``article_id``, ``outlet``: from the article;
        - ``line_no``: 1-based position of the line in ``text.split("\\n")``
          (blank lines are counted, so gold labels and editors agree);
        - ``para_id``: 0-based index of the paragraph (a block of lines separated
          by one or more blank lines) the line belongs to;
        - ``text``: the line as it stands in the article;
        - ``norm``: its matching key (:func:`normalize_for_matching`);
        - ``n_chars``: ``len(text)`` in code points.

    Examples
    --------
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"],
    ...                      "text": ["Title\\nSubscribe\\n\\nBody “one”.\\n"]})
    >>> split_lines(arts)[["line_no", "para_id", "text", "norm", "n_chars"]].values.tolist()
    [[1, 0, 'Title', 'title', 5], [2, 0, 'Subscribe', 'subscribe', 9], [4, 1, 'Body “one”.', 'body "one".', 11]]
    """
    return split_articles(as_articles(data))


def split_articles(arts: pd.DataFrame) -> pd.DataFrame:
    """:func:`split_lines` of a validated articles table (:func:`as_articles`)."""
    return split_line_lists(arts)[0]


def split_line_lists(arts: pd.DataFrame) -> tuple[pd.DataFrame, list[str], list[str]]:
    """:func:`split_articles`, and its ``text`` and ``norm`` columns as lists (the
    strings themselves, which later steps would otherwise read back from the frame)."""
    if arts.empty:
        frame = pd.DataFrame({c: pd.Series(dtype=object) for c in LINE_COLUMNS})
        frame = frame.astype({"line_no": "int64", "para_id": "int64", "n_chars": "int64"})
        return frame, [], []
    lines, row, line_no, para_id = _split(arts["text"].tolist())
    keys = [matching_key(t) for t in lines]
    columns = {  # `take` keeps the columns' dtype (no round trip through Python strings)
        "article_id": arts["article_id"].array.take(row),
        "outlet": arts["outlet"].array.take(row),
        "line_no": line_no,
        "para_id": para_id,
        "text": pd.Series(lines, dtype=_STR),
        "norm": pd.Series(keys, dtype=_STR),
        "n_chars": np.fromiter(map(len, lines), dtype=np.int64, count=len(lines)),
    }
    return pd.DataFrame({c: columns[c] for c in LINE_COLUMNS}), lines, keys


#: The dtype pandas gives a column of strings (``str`` from pandas 3, else object).
_STR = pd.Series(["a"]).dtype


def _split(texts: list[Any]) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """The non-blank lines of ``texts`` (missing texts count as ``""``), in order.

    Returns the lines and, per line, its text's position, its 1-based ``line_no`` in
    ``text.split("\\n")`` and the 0-based index of its paragraph (blocks of lines
    separated by blank lines; whitespace-only lines are blank).
    """
    parts = [t.split("\n") if isinstance(t, str) else [""] for t in texts]
    counts = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
    flat = list(chain.from_iterable(parts))
    n = len(flat)
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    line_no = np.arange(1, n + 1, dtype=np.int64) - starts
    blank = np.fromiter((not t or t.isspace() for t in flat), dtype=bool, count=n)
    prev_blank = np.ones(n, dtype=bool)  # a text's first line starts a paragraph
    prev_blank[1:] = blank[:-1]
    prev_blank[starts == np.arange(n)] = True
    opens = (~blank & prev_blank).astype(np.int64)
    cum = np.cumsum(opens)
    para_id = cum - (cum - opens)[starts] - 1
    keep = np.flatnonzero(~blank)
    row = np.repeat(np.arange(len(parts), dtype=np.int64), counts)
    return [flat[i] for i in keep.tolist()], row[keep], line_no[keep], para_id[keep]


def line_keys(texts: list[Any]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Per non-blank line of ``texts``: its text's position, ``line_no`` and matching key."""
    lines, row, line_no, _ = _split(texts)
    return row, line_no, [matching_key(t) for t in lines]


#: Characters of text that a pass holds at once (see :func:`char_runs`): the hash
#: tables and token lists of about 1 MB of text stay small and in cache, and a batch of
#: labelled lines takes some 40-50x that in memory.
RUN_CHARS = 1_000_000


def char_runs(
    lengths: np.ndarray | list[int],
    limit: int | None,
    *,
    starts: np.ndarray | None = None,
    block: int | None = None,
) -> list[tuple[int, int]]:
    """Cut consecutive items into runs of about ``limit`` characters: the one chunker.

    Every pass that works a run at a time (labelling batches of articles, hashing the
    words of a chunk of texts, scanning scripts, tokenizing keywords) cuts its input
    with this function. A run ends before the item that would take it past ``limit``
    characters; an item longer than ``limit`` is a run of its own.

    Parameters
    ----------
    lengths : array-like of int
        Characters of each item, in order.
    limit : int or None
        Characters per run; ``None``: one run of everything.
    starts : numpy.ndarray, optional
        Sorted positions where a run may begin (say, the first line of each article,
        so that a run holds whole articles); any position by default.
    block : int, optional
        A run never crosses a multiple of ``block`` items.

    Returns
    -------
    list of (int, int)
        ``[start, stop)`` ranges covering ``0 .. len(lengths)`` in order (``[]`` for no
        items).

    Examples
    --------
    >>> char_runs([3, 2, 0, 5, 1, 1], 5)
    [(0, 3), (3, 4), (4, 6)]
    >>> char_runs([3, 2, 0, 5, 1, 1], 5, starts=np.array([0, 2, 4]))
    [(0, 2), (2, 4), (4, 6)]
    >>> char_runs([1, 1, 1], None), char_runs([], 10)
    ([(0, 3)], [])
    """
    ends = np.cumsum(np.asarray(lengths, dtype=np.int64))
    n = len(ends)
    if n == 0:
        return []
    if limit is None:
        return [(0, n)]
    if int(limit) < 1:
        raise ValueError(f"the characters per run must be a positive number or None, got {limit!r}")
    runs = []
    start = 0
    while start < n:
        before = int(ends[start - 1]) if start else 0
        stop = max(int(np.searchsorted(ends, before + int(limit), side="right")), start + 1)
        if block is not None:
            stop = min(stop, (start // block + 1) * block)
        if starts is not None and stop < n:
            at = int(np.searchsorted(starts, stop, side="right")) - 1  # last start <= stop
            if at < 0 or int(starts[at]) <= start:  # a single item too long: up to the next
                at = int(np.searchsorted(starts, start, side="right"))
                stop = int(starts[at]) if at < len(starts) else n
            else:
                stop = int(starts[at])
        stop = min(stop, n)
        runs.append((start, stop))
        start = stop
    return runs
