"""Load a corpus of scraped articles from folders, tables, zips, HTML pages or frames.

:func:`load_corpus` turns whatever holds the articles into a :class:`Corpus`: an
articles table (one row per article, the columns of
:data:`toolkit.schema.ARTICLE_COLUMNS`) plus an errors table (one row per problem:
an empty, binary, oversized or undecodable file, a malformed table row, a zip over its
limits...). Bad input never stops a load; ``errors="raise"`` turns the first problem
into a :class:`LoadError` instead. The loader only reads: it never writes, extracts or
moves anything.

Each format has one small adapter that maps its records onto the canonical row:

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

import codecs
import contextlib
import csv
import errno
import hashlib
import html
import io
import itertools
import json
import os
import posixpath
import re
import stat
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Literal, overload
from urllib.parse import urlparse

import numpy as np
import pandas as pd
import pyarrow as pa

from toolkit._progress import progress, want_progress
from toolkit.schema import (
    ARTICLE_COLUMNS,
    ERROR_COLUMNS,
    as_articles,
    empty_articles,
    empty_errors,
)
from toolkit.text import normalize_text

if TYPE_CHECKING:
    from toolkit.scale import DaskCorpus

__all__ = ["Corpus", "LoadError", "load_corpus"]

#: File suffixes read as one article each inside a folder or zip.
ARTICLE_SUFFIXES: frozenset[str] = frozenset({".txt", ".html", ".htm"})
#: File suffixes read as tables (one article per row).
TABLE_SUFFIXES: frozenset[str] = frozenset(
    {".csv", ".tsv", ".tab", ".jsonl", ".ndjson", ".json", ".parquet", ".pq"}
)
#: File names (lower case) read as a manifest of a folder.
MANIFEST_NAMES: frozenset[str] = frozenset({"manifest.csv", "manifest.jsonl", "manifest.tsv"})
#: Name prefixes (lower case) of files in a folder that are never articles.
_SKIP_PREFIXES: tuple[str, ...] = (
    "readme",
    "license",
    "licence",
    "changelog",
    "labels",
    "manifest",
)

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
_PATH_GUESSES: tuple[str, ...] = ("path", "file", "filename", "file_name", "filepath", "relpath")

_Errors = Literal["collect", "raise"]


# --------------------------------------------------------------------------- public types


class LoadError(Exception):
    """A problem met while loading with ``errors="raise"``.

    Attributes
    ----------
    source_path : str
        The file (or ``archive.zip!member``) the problem is about.
    error : str
        Short kind, the same as in :attr:`Corpus.errors` (``"empty"``, ``"binary"``...).
    message : str
        Human-readable explanation.
    """

    def __init__(self, source_path: str, error: str, message: str) -> None:
        super().__init__(f"{error}: {source_path}: {message}")
        self.source_path = source_path
        self.error = error
        self.message = message


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
        return Corpus(self.articles.copy(), self.errors.copy(), self.source)

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
            f"<tbody>{rows}</tbody></table></div>"
        )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# --------------------------------------------------------------------------- problems


class _Problem(Exception):
    """Internal: one bad file/row, turned into an errors row (or a LoadError)."""

    def __init__(self, error: str, message: str) -> None:
        super().__init__(message)
        self.error = error
        self.message = message


class _Sink:
    """Collects errors rows, or raises on the first one."""

    def __init__(self, mode: _Errors) -> None:
        self.mode = mode
        self.rows: list[dict[str, str]] = []

    def __call__(self, source_path: str, error: str, message: str) -> None:
        if self.mode == "raise":
            raise LoadError(source_path, error, message)
        self.rows.append({"source_path": source_path, "error": error, "message": message})

    def frame(self) -> pd.DataFrame:
        if not self.rows:
            return empty_errors()
        return pd.DataFrame(self.rows, columns=list(ERROR_COLUMNS), dtype=object)


# --------------------------------------------------------------------------- decoding

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_CYR = re.compile(r"[\u0400-\u04ff]")
_CYR_LOWER = re.compile(r"[\u0430-\u045f]")
_WESTERN_LETTERS = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿŒœŠšŽžŸƒ"
)
_WESTERN_PUNCT = frozenset("\u00a0‘’‚“”„–—…•€™©®°«»·§¶£¥¢±×÷¿¡ªº´¨¸¹²³¼½¾¬¦¤µ†‡‰‹›ˆ˜\u00ad")
_PUNCT_INSIDE_WORD = re.compile(
    r"[^\W\d_][\u00a0‚“”„–—…•€™©®°«»§¶£¥¢±×÷¿¡ªº¨¸¹²³¼½¾¬¦¤µ†‡‰‹›ˆ˜][^\W\d_]"
)
_ENCODING_NAMES = {"iso8859-1": "latin-1", "latin_1": "latin-1", "windows-1251": "cp1251"}


def _encoding_name(name: str) -> str:
    """Normalise a codec name: ``"windows-1251"`` -> ``"cp1251"``, ``"latin_1"`` -> ``"latin-1"``.

    Examples
    --------
    >>> [_encoding_name(n) for n in ["UTF_8", "utf_8_sig", "windows-1251", "iso-8859-1"]]
    ['utf-8', 'utf-8-sig', 'cp1251', 'latin-1']
    """
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return name.lower()
    return _ENCODING_NAMES.get(canonical, canonical)


def _cyrillic_plausible(text: str) -> bool:
    """Whether ``text`` reads like real Cyrillic prose (not mojibake of another code page)."""
    letters = _LETTER_RUN.findall(text)
    n_letters = sum(map(len, letters))
    n_cyr = len(_CYR.findall(text))
    if n_cyr < 3 or n_cyr < 0.3 * n_letters:
        return False
    cyr_words = [w for w in letters if _CYR.search(w)]
    mixed = sum(1 for w in cyr_words if len(_CYR.findall(w)) != len(w))
    if mixed > 0.1 * len(cyr_words):
        return False
    # a wrong Cyrillic code page swaps upper and lower case (koi8-r read as cp1251)
    return n_cyr < 20 or len(_CYR_LOWER.findall(text)) >= 0.5 * n_cyr


def _western_plausible(text: str) -> bool:
    """Whether ``text`` (decoded as cp1252) reads like Western European prose."""
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if not non_ascii:
        return True
    if any(ch not in _WESTERN_LETTERS and ch not in _WESTERN_PUNCT for ch in non_ascii):
        return False
    if _PUNCT_INSIDE_WORD.search(text):
        return False
    n_letters = sum(map(len, _LETTER_RUN.findall(text)))
    n_accented = sum(1 for ch in non_ascii if ch in _WESTERN_LETTERS)
    return n_letters < 20 or n_accented <= 0.25 * n_letters


def _check_text(text: str, encoding: str) -> tuple[str, str]:
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise _Problem("empty", "the file holds only whitespace")
    if _CONTROL.search(text) is not None:
        n_ctrl = len(_CONTROL.findall(text))
        if n_ctrl > max(2, 0.01 * len(text)):
            raise _Problem(
                "binary",
                f"{n_ctrl} control characters in {len(text)} (decoded as {encoding}): not text",
            )
    return text, encoding


def _bomless_utf16(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    half = len(data) // 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    # UTF-16 puts the NULs of ASCII characters (or of spaces in other scripts) on one side
    if odd >= 0.1 * half and even <= 0.02 * odd:
        return "utf-16-le"
    if even >= 0.1 * half and odd <= 0.02 * even:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Decode the bytes of a text file and name the encoding used.

    Strict UTF-8 is tried first (with or without BOM), then UTF-16/32 byte-order marks,
    a declared charset (HTML ``<meta charset>``), plausibility checks for cp1251 /
    KOI8-R Cyrillic and cp1252 / Latin-1 Western text (short texts that
    charset-normalizer tends to misread), and finally
    ``charset_normalizer.from_bytes(data).best()``.

    Parameters
    ----------
    data : bytes
    declared : str, optional
        A charset declared by the document itself; used when it decodes cleanly.

    Returns
    -------
    tuple of (str, str)
        The text (BOM removed, not yet normalised) and the normalised encoding name
        (``"utf-8"``, ``"utf-8-sig"``, ``"utf-16"``, ``"cp1251"``, ``"latin-1"``...).

    Raises
    ------
    _Problem
        ``empty``, ``binary`` or ``undecodable`` (internal; the loader turns it into
        an errors row).

    Examples
    --------
    >>> decode_bytes("Привет, мир! Как дела?".encode("cp1251"))
    ('Привет, мир! Как дела?', 'cp1251')
    >>> decode_bytes("\\ufeffCafé".encode("utf-8"))
    ('Café', 'utf-8-sig')
    >>> decode_bytes("Le café est très bon.".encode("latin-1"))
    ('Le café est très bon.', 'latin-1')
    """
    if not data:
        raise _Problem("empty", "the file is empty (0 bytes)")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data.decode(codec), codec)
            except UnicodeDecodeError as exc:
                raise _Problem(
                    "undecodable", f"starts with a {codec} byte-order mark but {exc.reason}"
                ) from None
    if b"\x00" in data:
        guess = _bomless_utf16(data)
        n_nul = data.count(0)
        if guess is None and n_nul > max(2, 0.01 * len(data)):
            raise _Problem("binary", f"{n_nul} NUL bytes: not a text file")
        if guess is not None:
            try:
                return _check_text(data.decode(guess), guess)
            except UnicodeDecodeError:
                raise _Problem("binary", f"{n_nul} NUL bytes: not a text file") from None
        # a few stray NUL bytes in a text (one bad cell of a big table): kept and decoded
        # like any other control character, so the rest of the file is not lost
    try:
        return _check_text(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    # many control bytes: not a single-byte code page (perhaps UTF-16 without BOM)
    legacy = len(_CONTROL_BYTES.findall(data)) <= 0.01 * len(data)
    if declared and legacy:
        with contextlib.suppress(LookupError, UnicodeDecodeError):
            name = _encoding_name(declared)
            if name not in {"utf-8", "utf-8-sig"}:
                return _check_text(data.decode(name), name)
    for codec in ("cp1251", "koi8-r") if legacy else ():
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _cyrillic_plausible(text):
            return _check_text(text, codec)
    try:
        text = data.decode("cp1252") if legacy else ""
    except UnicodeDecodeError:
        text = ""
    if text and _western_plausible(text):
        latin1 = not any(0x80 <= b <= 0x9F for b in data)
        return _check_text(text, "latin-1" if latin1 else "cp1252")
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise _Problem("undecodable", "no character encoding decodes this file")
    return _check_text(str(best), _encoding_name(best.encoding))


# --------------------------------------------------------------------------- HTML

_HTML_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object"})
_HTML_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "caption", "dd",
        "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
        "html", "legend", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "option", "head",
    }
)  # fmt: skip
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


class _PageParser(HTMLParser):
    """Visible text (one block per line) and metadata of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._buf: list[str] = []
        self._skip: Counter[str] = Counter()
        self._in_title = False
        self._title: list[str] = []
        self.meta: dict[str, str] = {}

    @property
    def title(self) -> str:
        return " ".join("".join(self._title).split())

    def _flush(self) -> None:
        if self._buf:
            line = " ".join("".join(self._buf).split())
            if line:
                self.lines.append(line)
            self._buf = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HTML_SKIP:
            self._skip[tag] += 1
            return
        if tag == "title":
            self._in_title = True
            return
        if tag == "meta":
            a = {k.lower(): (v or "") for k, v in attrs}
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and "content" in a and key not in self.meta:
                self.meta[key] = a["content"].strip()
            return
        if tag == "link":
            a = {k.lower(): (v or "") for k, v in attrs}
            if "canonical" in a.get("rel", "").lower().split() and a.get("href"):
                self.meta.setdefault("canonical", a["href"].strip())
            return
        if tag in _HTML_BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HTML_SKIP:
            if self._skip[tag]:
                self._skip[tag] -= 1
            return
        if tag == "title":
            self._in_title = False
            return
        if tag in _HTML_BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if any(self._skip.values()):
            return
        if self._in_title:
            self._title.append(data)
        else:
            self._buf.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_to_article(page: str) -> dict[str, Any]:
    """Extract the visible text and metadata of an HTML page.

    Parameters
    ----------
    page : str

    Returns
    -------
    dict
        ``text`` (one block element per line, scripts/styles dropped, whitespace
        collapsed), ``title`` (``og:title`` else ``<title>``), ``outlet``
        (``og:site_name``, else the ``<title>`` suffix, else the domain of the canonical
        URL; ``None`` if none), ``url`` (canonical else ``og:url``) and
        ``published_at`` (``article:published_time``; a string or ``None``).

    Examples
    --------
    >>> page = ('<html><head><title>Rain returns | The Courier</title>'
    ...         '<script>var x = "<p>no</p>";</script></head><body><h1>Rain returns</h1>'
    ...         '<p>It  rained\\n  all day.<br>Again.</p></body></html>')
    >>> art = html_to_article(page)
    >>> art["text"], art["outlet"], art["title"]
    ('Rain returns\\nIt rained all day.\\nAgain.', 'The Courier', 'Rain returns')
    """
    parser = _PageParser()
    parser.feed(page)
    parser.close()
    meta = parser.meta
    page_title = parser.title
    title = meta.get("og:title") or page_title or None
    url = meta.get("canonical") or meta.get("og:url") or None
    outlet = meta.get("og:site_name") or None
    if outlet is None and page_title:
        split = _split_title_suffix(page_title)
        if split is not None:
            head, outlet = split
            if title == page_title:
                title = head
    if outlet is None:
        for candidate in (meta.get("og:url"), meta.get("canonical")):
            host = urlparse(candidate).hostname if candidate else None
            if host:
                outlet = host.removeprefix("www.")
                break
    published = (
        meta.get("article:published_time")
        or meta.get("datepublished")
        or meta.get("pubdate")
        or meta.get("date")
        or None
    )
    return {
        "text": "\n".join(parser.lines),
        "title": title,
        "outlet": outlet,
        "url": url,
        "published_at": published,
    }


# --------------------------------------------------------------------------- outlet from text

_CONNECTORS = frozenset(
    "of the and & de del la le el di du des der die das for on in at y i und et da do".split()
)
_UI_WORDS = frozenset(
    "advertisement read more related share subscribe menu home search login log sign "
    "video photo photos image watch listen comments comment top latest trending opinion "
    "news click next previous back source sources credit".split()
)
_DOMAIN = re.compile(r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)+$", re.I)
_ALONE = re.compile(r"^[-–—|]\s+(?P<name>\S.*?)\s*$")
_SEPARATED = re.compile(r"^(?P<head>.+?)\s+(?P<sep>\||[-–—]|::|·)\s+(?P<name>[^|–—]+?)\s*$")


def _valid_outlet_name(name: str) -> bool:
    """Conservative check that a title suffix names an outlet (``Sputnik International``)."""
    name = name.strip()
    if not 2 <= len(name) <= 50 or not any(ch.isalpha() for ch in name):
        return False
    if _DOMAIN.match(name):
        return True
    if name[-1] in ".,;:!?-–—\"'“”«»)(" or any(ch in name for ch in '|"“”«»:;?!'):
        return False
    words = name.split()
    if len(words) > 5 or words[0].casefold() in _UI_WORDS:
        return False
    first = words[0][0]
    if not (first.isupper() or first.isdigit()):
        return False
    for word in words[1:]:
        lead = word[0]
        if not (lead.isupper() or lead.isdigit() or word.casefold() in _CONNECTORS):
            return False
    return True


def _split_title_suffix(line: str) -> tuple[str, str] | None:
    """Split ``"Headline | Outlet"`` into (headline, outlet) when the suffix looks like one."""
    match = _SEPARATED.match(line.strip())
    if match is None:
        return None
    head, name = match.group("head").strip(), match.group("name").strip()
    if len(head) <= len(name) or not _valid_outlet_name(name):
        return None
    segments = head.split(f" {match.group('sep')} ")
    if len(segments) > 1 and all(len(seg.split()) <= 3 for seg in segments):
        return None  # a breadcrumb or menu ("Home | World | Europe"), not a page title
    return head, name


def infer_outlet_from_text(text: str, *, max_lines: int = 30) -> tuple[str, str | None] | None:
    """Guess the outlet from the page-title suffix an article's text carries.

    Among the first ``max_lines`` non-blank lines, a line that is only ``- Name``
    (weight 2 in the first five lines, else 1) and lines ending in ``| Name`` or
    ``- Name`` (weight 2 in the first three lines, else 1; the part before the
    separator must be longer than the name) vote for ``Name``. Names must look like an
    outlet (at most five capitalised words, or a domain). The best name wins if its
    votes reach 2, so a lone photo credit deep in the text never names the outlet.

    Parameters
    ----------
    text : str
    max_lines : int

    Returns
    -------
    tuple of (str, str or None) or None
        ``(outlet, headline)`` where headline is the text before the suffix on the
        first line (or ``None``), or ``None`` when no outlet can be inferred.

    Examples
    --------
    >>> infer_outlet_from_text("- Daily Planet\\nWorld\\nStorms move east")
    ('Daily Planet', None)
    >>> infer_outlet_from_text("Storms move east | Metro Wire\\nRain fell all day.")
    ('Metro Wire', 'Storms move east')
    >>> infer_outlet_from_text("US - China Trade Talks Resume\\nThey met.") is None
    True
    """
    votes: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    headline: dict[str, str] = {}
    n = 0
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        n += 1
        if n > max_lines:
            break
        alone = _ALONE.match(line)
        if alone is not None and _valid_outlet_name(alone.group("name")):
            name = alone.group("name")
            votes[name] += 2 if n <= 5 else 1
            first_seen.setdefault(name, n)
            continue
        split = _split_title_suffix(line)
        if split is not None:
            head, name = split
            votes[name] += 2 if n <= 3 else 1
            first_seen.setdefault(name, n)
            if n == 1:
                headline[name] = head
    if not votes:
        return None
    name, count = min(votes.items(), key=lambda kv: (-kv[1], first_seen[kv[0]]))
    if count < 2:
        return None
    return name, headline.get(name)


# --------------------------------------------------------------------------- tables


def _resolve_columns(
    available: Iterable[Any], columns: dict[str, str] | None
) -> tuple[dict[str, Any], list[str]]:
    """Map canonical names to source columns; returns (mapping, problems)."""
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


def _check_columns(columns: dict[str, str] | None) -> None:
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


def _outlet_value(value: Any) -> Any:
    if isinstance(value, dict):
        for key in ("name", "title", "domain", "id"):
            if value.get(key):
                return value[key]
        return None
    return value


def _blank_to_none(series: pd.Series) -> pd.Series:
    s = series.astype(object)
    mask = s.isna() | s.map(lambda v: isinstance(v, str) and not v.strip())
    return s.where(~mask, None)


def _texts(values: np.ndarray) -> list[str]:
    """Normalised text of every cell (missing -> ``""``).

    A plain loop: turning millions of characters into an Arrow string column and back
    for each ``.str`` step costs several times more than :func:`normalize_text` itself.
    """
    out = []
    for value in values.tolist():
        if isinstance(value, str):
            out.append(normalize_text(value))
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


def _parse_dates(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse to UTC; returns (parsed, mask of non-empty values that failed)."""
    s = values
    if pd.api.types.is_datetime64_any_dtype(s):
        parsed = s.dt.tz_localize("UTC") if s.dt.tz is None else s.dt.tz_convert("UTC")
        return parsed, pd.Series(False, index=s.index)
    if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
        num = pd.to_numeric(s, errors="coerce")
        unit: Any = "ms" if num.abs().max() > 1e11 else "s"
        parsed = pd.to_datetime(num, unit=unit, utc=True, errors="coerce")
        return parsed, num.notna() & parsed.isna()
    s = _blank_to_none(s)
    present = s.notna()
    if not present.any():
        return pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns, UTC]"), present
    text = s.where(present, None).map(lambda v: v if v is None else str(v).strip())
    parsed = pd.to_datetime(text, format="mixed", utc=True, errors="coerce")
    return parsed, present & parsed.isna()


def frame_to_articles(
    frame: pd.DataFrame,
    *,
    columns: dict[str, str] | None,
    outlet: str | None,
    source_path: str,
    locations: list[str] | None,
    report: Callable[[str, str, str], None],
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
    _Problem
        ``no_text_column`` / ``missing_column`` when the table cannot be mapped.
    """
    mapping, problems = _resolve_columns(frame.columns, columns)
    if problems:
        raise _Problem("missing_column", "; ".join(problems) + f"; it has: {_cols(frame)}")
    if "text" not in mapping:
        raise _Problem(
            "no_text_column",
            f"no text column (looked for {', '.join(COLUMN_GUESSES['text'])}; "
            f"pass columns={{'text': ...}}); it has: {_cols(frame)}",
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
        for other in fallbacks.get(name, []):
            if not values.isna().any():
                break
            more = _blank_to_none(
                pd.Series(frame[other].to_numpy(dtype=object), index=index, dtype=object)
            )
            values = values.where(values.notna(), more)
        return values

    text = pd.Series(_texts(col("text").to_numpy()), index=index, dtype=object)
    empty = pd.Series([not t.strip() for t in text.tolist()], index=index, dtype=bool)
    for i in np.flatnonzero(empty.to_numpy()):
        report(source_path, "empty", f"{where[i]}: the text is empty; row skipped")
    if outlet is not None:
        outlets = pd.Series([outlet] * n, index=index, dtype=object)
    else:
        outlets = col("outlet").map(_outlet_value)
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
        published, bad = _parse_dates(raw_dates)
    else:
        published, bad = _parse_dates(col("published_at"))
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
    for extra in frame.columns:
        if extra not in used and str(extra) not in out.columns:
            out[str(extra)] = frame[extra].to_numpy()
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


def _cols(frame: pd.DataFrame) -> str:
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


def read_delimited(text: str, delimiter: str) -> tuple[pd.DataFrame, list[str], list[str]]:
    """Parse CSV/TSV text, reporting malformed rows instead of dropping them silently.

    A row with the wrong number of fields, or broken quoting, is reported with its
    line number; parsing resumes on the next physical line, so an unclosed quote
    costs one row, not the rest of the file.

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
    lines = _split_physical_lines(text)
    header: list[str] | None = None
    rows: list[list[str]] = []
    where: list[str] = []
    problems: list[str] = []
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
                        problems.append(
                            f"line {start + 1}: expected {len(header)} fields, found {len(row)}"
                        )
                        if span > 1:
                            restart = start + 1
                            break
                        continue
                    rows.append(row)
                    where.append(f"line {start + 1}")
            except csv.Error as exc:
                start = i + consumed
                problems.append(f"line {start + 1}: malformed CSV: {exc}")
                restart = start + 1
            if restart is None:
                break
            i = restart
    names = _unique_names(header or [])
    return pd.DataFrame(rows, columns=names, dtype=object), where, problems


def _unique_names(names: list[str]) -> list[str]:
    seen: Counter[str] = Counter()
    out = []
    for name in names:
        name = name.strip() or "unnamed"
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name}.{seen[name] - 1}")
    return out


_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _no_surrogates(value: str) -> str:
    """Replace lone UTF-16 surrogates (from ``"\\ud800"`` escapes) with U+FFFD."""
    if _SURROGATE.search(value) is None:
        return value
    return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _scrub_object(obj: dict[str, Any]) -> dict[str, Any]:
    return {
        (_no_surrogates(k) if isinstance(k, str) else k): (
            _no_surrogates(v) if isinstance(v, str) else v
        )
        for k, v in obj.items()
    }


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
            raise _Problem("bad_table", f"not valid JSON: {exc}") from None
        except (ValueError, RecursionError) as exc:  # nested too deep, a 5,000-digit number
            raise _Problem("bad_table", f"cannot read this JSON: {_json_reason(exc)}") from None
        if isinstance(data, dict):
            lists = [v for v in data.values() if isinstance(v, list)]
            if len(lists) == 1:
                data = lists[0]
            else:
                data = [data]
        if not isinstance(data, list):
            raise _Problem("bad_table", "JSON must hold a list of records (objects)")
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


# --------------------------------------------------------------------------- the loader


#: Characters of article text held as Python strings while a folder or zip is read;
#: each time this many have been read, they are moved into one chunk of the Arrow text
#: column (the articles table's storage), so the corpus text is held about once, not
#: as Python strings and Arrow data at the same time.
TEXT_CHUNK_CHARS = 1_000_000


def _arrow_texts(texts: list[str]) -> pa.Array:
    """Texts as an Arrow ``large_string`` array (the storage of pandas' ``str`` dtype).

    Lone UTF-16 surrogates, which no UTF-8 string can hold, become U+FFFD (as
    :func:`toolkit.schema.as_articles` replaces them).
    """
    try:
        encoded = [t.encode("utf-8") for t in texts]
    except UnicodeEncodeError:
        encoded = [_no_surrogates(t).encode("utf-8") for t in texts]
    # buffers of the exact size, each allocated once: Arrow's builder would grow them
    # by doubling, and the outgrown ones stay resident (fragments of the heap)
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(b) for b in encoded], out=offsets[1:])
    data = b"".join(encoded)
    return pa.LargeStringArray.from_buffers(len(encoded), pa.py_buffer(offsets), pa.py_buffer(data))


class _Rows:
    """The article rows of a loader, kept by column; texts moved to Arrow as they come.

    ``append`` takes one row (a dict with the keys of :data:`ARTICLE_COLUMNS`);
    :meth:`frame` makes the table, whose ``text`` column is the Arrow chunks, not a
    copy of them.
    """

    def __init__(self, chunk_chars: int) -> None:
        self.chunk_chars = chunk_chars
        self.columns: dict[str, list[Any]] = {c: [] for c in ARTICLE_COLUMNS if c != "text"}
        self._texts: list[str] = []
        self._chars = 0
        self._chunks: list[pa.Array] = []
        self._n = 0

    def __len__(self) -> int:
        return self._n

    def append(self, row: dict[str, Any]) -> None:
        for name, values in self.columns.items():
            values.append(row[name])
        text = row["text"]
        self._texts.append(text)
        self._chars += len(text)
        self._n += 1
        if self._chars >= self.chunk_chars:
            self._flush()

    def _flush(self) -> None:
        if self._texts:
            self._chunks.append(_arrow_texts(self._texts))
            self._texts, self._chars = [], 0

    def frame(self) -> pd.DataFrame:
        """The rows as a table (:data:`ARTICLE_COLUMNS`, ``text`` of dtype ``str``)."""
        self._flush()
        text = pa.chunked_array(self._chunks, type=pa.large_string())
        data: dict[str, Any] = {
            # the optional columns stay objects (what as_articles makes of them anyway)
            name: values if name in ("article_id", "outlet") else pd.Series(values, dtype=object)
            for name, values in self.columns.items()
        }
        data["text"] = pd.Series(pd.array(text, dtype="str"), copy=False)
        return pd.DataFrame(data, columns=list(ARTICLE_COLUMNS))


@dataclass(slots=True)
class _Entry:
    """A file of a folder or zip: its path relative to the root and how to read it."""

    rel: str
    source_path: str
    read: Callable[[int | None], bytes]


class _FileReader:
    """``read(limit)`` of a file of a folder (small: one per file of the folder)."""

    __slots__ = ("loader", "path")

    def __init__(self, loader: _Loader, path: str) -> None:
        self.loader = loader
        self.path = path

    def __call__(self, limit: int | None) -> bytes:
        return self.loader.read_file(Path(self.path), limit)


def _is_skipped_name(name: str) -> bool:
    low = name.lower()
    return low.startswith(".") or low.startswith(_SKIP_PREFIXES)


class _Loader:
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
    ) -> None:
        self.columns = columns
        self.outlet = outlet
        self.report = _Sink(errors)
        self.progress = progress
        self.max_file_bytes = max_file_bytes
        self.zip_max_total_bytes = zip_max_total_bytes
        self.zip_max_members = zip_max_members
        self.recursive = recursive
        self.parts: list[pd.DataFrame] = []
        self.rows = _Rows(TEXT_CHUNK_CHARS)

    # -- problems
    def problem(self, source_path: str, exc: _Problem) -> None:
        self.report(source_path, exc.error, exc.message)

    # -- progress
    def _progress(self, items: list[_Entry]) -> Iterable[_Entry]:
        show = want_progress(self.progress, long=len(items) > 200)
        return progress(items, show=show, total=len(items), unit="file", desc="loading")

    # -- single files
    def read_file(self, path: Path, limit: int | None) -> bytes:
        try:
            with open(path, "rb") as fh:
                if limit is None:
                    return fh.read()
                size = os.fstat(fh.fileno()).st_size
                # read what the file holds: fh.read(limit + 1) reserves limit + 1 bytes
                data = fh.read(size + 1) if 0 < size <= limit else b""
                if size <= limit and not 0 < len(data) <= size:  # no size (/proc), or grown
                    data += fh.read(limit + 1 - len(data))
                if size > limit or len(data) > limit:
                    size = os.fstat(fh.fileno()).st_size
                    raise _Problem(
                        "too_large", f"{size:,} bytes is over max_file_bytes={limit:,}; skipped"
                    )
        except PermissionError:
            raise _Problem("unreadable", "permission denied") from None
        except IsADirectoryError:
            raise _Problem("unreadable", "is a directory") from None
        except OSError as exc:
            kind = "symlink_loop" if exc.errno == errno.ELOOP else "unreadable"
            raise _Problem(kind, f"cannot read: {exc.strerror or exc}") from None
        return data

    def load_table(self, data: bytes, suffix: str, source_path: str) -> None:
        try:
            if suffix in {".parquet", ".pq"}:
                try:
                    frame = pd.read_parquet(io.BytesIO(data))
                except Exception as exc:  # pyarrow raises many types
                    raise _Problem("bad_table", f"cannot read Parquet: {exc}") from None
                where = [f"row {i}" for i in range(len(frame))]
                problems: list[str] = []
                encoding = None
            else:
                text, encoding = decode_bytes(data)
                if suffix in {".jsonl", ".ndjson"}:
                    frame, where, problems = read_json_records(text, lines=True)
                elif suffix == ".json":
                    frame, where, problems = read_json_records(text, lines=False)
                else:
                    delimiter = "\t" if suffix in {".tsv", ".tab"} else _sniff_delimiter(text)
                    frame, where, problems = read_delimited(text, delimiter)
            for message in problems:
                self.report(source_path, "bad_row", message)
            if len(frame) == 0:
                if not problems:
                    raise _Problem("empty", "the table holds no records")
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
        except _Problem as exc:
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
            declared = None
            if suffix in {".html", ".htm"}:
                found = _META_CHARSET.search(data[:4096])
                declared = found.group(1).decode("ascii", "replace") if found else None
            text, encoding = decode_bytes(data, declared=declared)
            page: dict[str, Any] = {}
            if suffix in {".html", ".htm"}:
                try:
                    page = html_to_article(text)
                except (AssertionError, ValueError) as exc:  # the stdlib parser's rare failures
                    raise _Problem("bad_html", f"cannot parse the HTML: {exc}") from None
                text = page["text"]
                if not text.strip():
                    raise _Problem("empty", "the page has no visible text")
            text = normalize_text(text)
        except _Problem as exc:
            self.problem(source_path, exc)
            return None
        meta = meta or {}
        title = meta.get("title") or page.get("title")
        outlet = self.outlet or meta.get("outlet") or outlet_hint or page.get("outlet")
        if not outlet:
            inferred = infer_outlet_from_text(text)
            if inferred is not None:
                outlet, headline = inferred
                title = title or headline
        return {
            "article_id": meta.get("article_id") or article_id,
            "outlet": outlet or "unknown",
            "title": title,
            "text": text,
            "published_at": meta.get("published_at") or page.get("published_at"),
            "url": meta.get("url") or page.get("url"),
            "source_path": source_path,
            "encoding": encoding,
        }

    # -- folders and zips
    def load_tree(self, entries: list[_Entry], *, tables: bool) -> None:
        """Load a folder-like list of files: manifests and articles, else its tables."""
        articles: list[_Entry] = []
        manifests: list[_Entry] = []
        table_entries: list[_Entry] = []
        for entry in entries:
            name = posixpath.basename(entry.rel)
            suffix = _suffix(name)
            if name.lower() in MANIFEST_NAMES:
                manifests.append(entry)
            elif _is_skipped_name(name):
                continue
            elif suffix in ARTICLE_SUFFIXES:
                articles.append(entry)
            elif suffix in TABLE_SUFFIXES:
                table_entries.append(entry)
        if tables and not articles:
            for entry in table_entries:
                try:
                    data = entry.read(None)
                except _Problem as exc:
                    self.problem(entry.source_path, exc)
                    continue
                self.load_table(data, _suffix(entry.rel), entry.source_path)
            return
        by_path, by_id = self._read_manifests(manifests)
        # stems shared by several files: the second and later get "stem@folder"
        shared = {k for k, n in Counter(_stem(e.rel) for e in articles).items() if n > 1}
        stem_seen: Counter[str] = Counter()
        outlet_names: dict[str, str] = {}  # one string per outlet, not one per file
        used_paths: set[str] = set()
        used_ids: set[str] = set()
        for entry in self._progress(articles):
            stem = _stem(entry.rel)
            meta = by_path.get(entry.rel)
            if meta is not None:
                used_paths.add(entry.rel)
            elif stem in by_id:
                meta = by_id[stem]
                used_ids.add(stem)
            article_id = stem
            if stem in shared:
                stem_seen[stem] += 1
                if stem_seen[stem] > 1:
                    parent = posixpath.dirname(entry.rel) or "."
                    article_id = f"{stem}@{parent}"
            top = _folder_outlet(entry.rel)
            outlet_hint = outlet_names.setdefault(top, top) if top is not None else None
            try:
                data = entry.read(self.max_file_bytes)
            except _Problem as exc:
                self.problem(entry.source_path, exc)
                continue
            row = self.article_row(
                data,
                suffix=_suffix(entry.rel),
                source_path=entry.source_path,
                article_id=article_id,
                outlet_hint=outlet_hint,
                meta=meta,
            )
            if row is not None:
                self.rows.append(row)
        for rel, meta in by_path.items():
            if rel not in used_paths:
                self.report(
                    meta["_manifest"],
                    "missing_file",
                    f"the manifest names {meta['_name']!r} but no such article file was found",
                )
        for key, meta in by_id.items():
            if key not in used_ids and meta.get("_path_key") is None:
                self.report(
                    meta["_manifest"],
                    "missing_file",
                    f"the manifest names article {key!r} but no file {key}.txt/.html was found",
                )

    def _read_manifests(
        self, manifests: list[_Entry]
    ) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
        by_path: dict[str, dict[str, Any]] = {}
        by_id: dict[str, dict[str, Any]] = {}
        for entry in manifests:
            try:
                text, _ = decode_bytes(entry.read(None))
                if entry.rel.lower().endswith(".jsonl"):
                    frame, where, problems = read_json_records(text, lines=True)
                else:
                    delim = "\t" if entry.rel.lower().endswith(".tsv") else _sniff_delimiter(text)
                    frame, where, problems = read_delimited(text, delim)
            except _Problem as exc:
                self.problem(entry.source_path, exc)
                continue
            for message in problems:
                self.report(entry.source_path, "bad_row", message)
            mapping, _ = _resolve_columns(frame.columns, None)
            lower = {str(c).strip().lower(): c for c in frame.columns}
            path_col = next((lower[g] for g in _PATH_GUESSES if g in lower), None)
            id_col = mapping.get("article_id")
            if path_col is None and id_col is None:
                self.report(
                    entry.source_path,
                    "bad_table",
                    f"a manifest needs a path or article_id/id column; it has: {_cols(frame)}",
                )
                continue
            base = PurePosixPath(entry.rel).parent
            fields = {k: v for k, v in mapping.items() if k in {"outlet", "title", "url"}}
            records = frame.to_dict("records")
            dates: pd.Series | None = None
            if "published_at" in mapping:
                dates, bad = _parse_dates(frame[mapping["published_at"]])
                for j in np.flatnonzero(bad.to_numpy()):
                    self.report(
                        entry.source_path,
                        "bad_date",
                        f"{where[j]}: published_at {records[j][mapping['published_at']]!r} "
                        "could not be parsed; left as NaT",
                    )
            for i, rec in enumerate(records):
                meta: dict[str, Any] = {"_manifest": entry.source_path}
                for key, src in fields.items():
                    value = _outlet_value(rec.get(src)) if key == "outlet" else rec.get(src)
                    if value is not None and not (isinstance(value, float) and np.isnan(value)):
                        value = str(value).strip()
                        if value:
                            meta[key] = value
                if dates is not None and not pd.isna(dates.iloc[i]):
                    meta["published_at"] = dates.iloc[i]
                ident = rec.get(id_col) if id_col is not None else None
                if ident is not None and str(ident).strip():
                    meta["article_id"] = str(ident).strip()
                raw_path = rec.get(path_col) if path_col is not None else None
                if raw_path is not None and str(raw_path).strip():
                    name = str(raw_path).strip().replace("\\", "/")
                    key = _join_rel(base, name)
                    meta["_name"] = name
                    meta["_path_key"] = key
                    by_path[key] = meta
                elif "article_id" in meta:
                    key = meta["article_id"]
                    if base != PurePosixPath("."):
                        meta["_base"] = str(base)
                    by_id[key] = meta
        return by_path, by_id

    def load_folder(self, root: Path, display: str) -> None:
        entries = _walk_folder(root, display, recursive=self.recursive, report=self.report)
        self.load_tree(
            [_Entry(rel, src, _FileReader(self, path)) for rel, src, path in entries],
            tables=True,
        )

    def load_zip(self, data_or_path: Path | bytes, display: str) -> None:
        try:
            handle: Any = (
                io.BytesIO(data_or_path) if isinstance(data_or_path, bytes) else data_or_path
            )
            archive = zipfile.ZipFile(handle)
        except PermissionError:
            self.report(display, "unreadable", "permission denied")
            return
        except (zipfile.BadZipFile, OSError) as exc:
            self.report(display, "unreadable", f"not a readable zip archive: {exc}")
            return
        with archive:
            infos = archive.infolist()
            if self.zip_max_members is not None and len(infos) > self.zip_max_members:
                self.report(
                    display,
                    "zip_limit",
                    f"{len(infos):,} members is over zip_max_members={self.zip_max_members:,}; "
                    "nothing loaded from this archive",
                )
                return
            total = sum(info.file_size for info in infos)
            limit = self.zip_max_total_bytes
            if limit is not None and total > limit:
                self.report(
                    display,
                    "zip_limit",
                    f"{total:,} bytes uncompressed is over zip_max_total_bytes={limit:,}; "
                    "nothing loaded from this archive",
                )
                return
            budget = {"left": limit}
            files: list[zipfile.ZipInfo] = []
            for info in infos:
                if info.is_dir():
                    continue
                name = info.filename
                source = f"{display}!{name}"
                unsafe = _unsafe_member(name)
                if unsafe:
                    self.report(source, "unsafe_path", f"member path {name!r} {unsafe}; refused")
                    continue
                parts = PurePosixPath(name.replace("\\", "/")).parts
                if any(p.startswith(".") or p == "__MACOSX" for p in parts):
                    continue
                files.append(info)
            rels = [info.filename.replace("\\", "/") for info in files]
            # a zipped folder: one top-level folder wrapping every member acts as the root
            firsts = {PurePosixPath(r).parts[0] for r in rels}
            strip = len(firsts) == 1 and all(len(PurePosixPath(r).parts) > 1 for r in rels)
            entries: list[_Entry] = []
            for info, rel in zip(files, rels, strict=True):
                if strip:
                    rel = str(PurePosixPath(*PurePosixPath(rel).parts[1:]))
                if rel.lower().endswith(".zip"):
                    self.report(
                        f"{display}!{info.filename}",
                        "unsupported",
                        "zip archives inside a zip are not read",
                    )
                    continue
                entries.append(
                    _Entry(
                        rel,
                        f"{display}!{info.filename}",
                        _zip_reader(archive, info, budget),
                    )
                )
            self.load_tree(entries, tables=True)

    # -- results
    def result(self, source: str) -> Corpus:
        frames = list(self.parts)
        if self.rows:
            rows = self.rows.frame()
            parsed, bad = _parse_dates(rows["published_at"])
            for i in np.flatnonzero(bad.to_numpy()):
                self.report(
                    rows["source_path"].iloc[i],
                    "bad_date",
                    f"published_at {self.rows.columns['published_at'][i]!r} could not be parsed; "
                    "left as NaT",
                )
            rows["published_at"] = parsed
            frames.insert(0, rows)
        frames = [f for f in frames if len(f)]
        if frames:
            for f in frames:
                f["published_at"] = f["published_at"].astype("datetime64[ns, UTC]")
            merged = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
            merged = self._unique_ids(merged)
        else:
            merged = empty_articles()
        return Corpus(merged, self.report.frame(), source)

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
        for i in np.flatnonzero(dup).tolist():
            base = new[i]
            k = 2
            while f"{base}~{k}" in taken:
                k += 1
            new[i] = f"{base}~{k}"
            taken.add(new[i])
            self.report(
                sources[i],
                "duplicate_id",
                f"article_id {base!r} is already used (by {first_of[base]}); "
                f"this article was loaded as {new[i]!r}",
            )
        out = frame.copy()
        out["article_id"] = new
        return out


def _suffix(name: str) -> str:
    """Lower-case suffix of the last path component (``"a/b.TXT"`` -> ``".txt"``)."""
    base = name.rpartition("/")[2]
    dot = base.rfind(".")
    return base[dot:].lower() if dot > 0 else ""


def _stem(name: str) -> str:
    base = name.rpartition("/")[2]
    dot = base.rfind(".")
    return base[:dot] if dot > 0 else base


def _sniff_delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] and counts[","] == 0 else ","


def _join_rel(base: PurePosixPath, name: str) -> str:
    parts: list[str] = [p for p in base.parts if p != "."]
    for part in PurePosixPath(name).parts:
        if part in {".", "/"}:
            continue
        if part == "..":
            if parts:
                parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)


def _folder_outlet(rel: str) -> str | None:
    """Outlet of a file from the top-level sub-folder holding it (top files get none).

    Examples
    --------
    >>> _folder_outlet("Daily Planet/2024/a1.txt"), _folder_outlet("b1.txt")
    ('Daily Planet', None)
    """
    top, sep, _ = rel.partition("/")
    return top if sep else None


def _unsafe_member(name: str) -> str | None:
    norm = name.replace("\\", "/")
    if norm.startswith("/") or re.match(r"^[A-Za-z]:", norm):
        return "is absolute"
    if ".." in norm.split("/"):
        return "climbs out of the archive with '..'"
    if "\x00" in norm:
        return "contains a NUL byte"
    return None


def _zip_reader(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: dict[str, int | None]
) -> Callable[[int | None], bytes]:
    def read(limit: int | None) -> bytes:
        if info.flag_bits & 0x1:
            raise _Problem("unreadable", "the member is encrypted")
        if limit is not None and info.file_size > limit:
            raise _Problem(
                "too_large", f"{info.file_size:,} bytes is over max_file_bytes={limit:,}; skipped"
            )
        left = budget["left"]
        cap = info.file_size + 1
        if left is not None:
            cap = min(cap, left + 1)
        try:
            with archive.open(info) as fh:
                data = fh.read(cap)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
            raise _Problem("unreadable", f"cannot read this member: {exc}") from None
        if len(data) > info.file_size:
            raise _Problem(
                "zip_limit",
                f"the member inflates past the {info.file_size:,} bytes its header declares; "
                "refused",
            )
        if left is not None:
            if len(data) > left:
                raise _Problem("zip_limit", "the archive inflates past zip_max_total_bytes")
            budget["left"] = left - len(data)
        return data

    return read


def _walk_folder(
    root: Path, display: str, *, recursive: bool, report: Callable[[str, str, str], None]
) -> list[tuple[str, str, str]]:
    """List the files under ``root``: (relative posix path, display path, path).

    Paths are strings (a :class:`~pathlib.Path` per file of a big folder costs several
    times more memory).

    Symbolic links are followed, but never into a folder already visited (a loop or a
    second link to the same folder: reported as ``symlink_loop``). Hidden files and
    folders (``.name``) are skipped. Sorted by relative path.
    """
    out: list[tuple[str, str, str]] = []
    st = os.stat(root)
    visited = {(st.st_dev, st.st_ino): ""}
    stack: list[tuple[Path, str]] = [(root, "")]
    while stack:
        folder, rel = stack.pop()
        try:
            with os.scandir(folder) as it:
                items = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            report(_display(display, rel), "unreadable", f"cannot list folder: {exc.strerror}")
            continue
        subdirs: list[tuple[Path, str]] = []
        for item in items:
            if item.name.startswith("."):
                continue
            child_rel = f"{rel}/{item.name}" if rel else item.name
            shown = _display(display, child_rel)
            try:
                info = os.stat(item.path)  # follows symlinks
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    report(shown, "symlink_loop", "a symbolic link that points to itself")
                elif item.is_symlink():
                    report(shown, "unreadable", "a broken symbolic link")
                else:
                    report(shown, "unreadable", f"cannot stat: {exc.strerror}")
                continue
            if stat.S_ISDIR(info.st_mode):
                if not recursive:
                    continue
                key = (info.st_dev, info.st_ino)
                if key in visited:
                    report(
                        shown,
                        "symlink_loop",
                        f"links to a folder already read ({visited[key] or 'the root'}); "
                        "not read twice",
                    )
                    continue
                visited[key] = child_rel
                subdirs.append((Path(item.path), child_rel))
            elif stat.S_ISREG(info.st_mode):
                out.append((child_rel, shown, item.path))
        stack.extend(reversed(subdirs))
    out.sort(key=lambda t: t[0])
    return out


def _display(display: str, rel: str) -> str:
    if not rel:
        return display
    return f"{display.rstrip('/')}/{rel}" if display else rel


# --------------------------------------------------------------------------- entry point


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
    recursive: bool = True,
    engine: Literal["pandas"] = "pandas",
    npartitions: int | None = None,
    partition_size: int | str | None = None,
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
    recursive: bool = True,
    engine: Literal["dask"],
    npartitions: int | None = None,
    partition_size: int | str | None = None,
) -> DaskCorpus: ...


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
    recursive: bool = True,
    engine: Literal["pandas", "dask"] = "pandas",
    npartitions: int | None = None,
    partition_size: int | str | None = None,
) -> Corpus | DaskCorpus:
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
        ``None`` for no limit. Tables are not limited by it.
    zip_max_total_bytes, zip_max_members : int or None
        A zip whose declared uncompressed size or member count exceeds these is not
        loaded at all (``zip_limit``); the bytes actually inflated are capped too.
    recursive : bool
        Search sub-folders of a folder.
    engine : {"pandas", "dask"}, default "pandas"
        ``"dask"`` returns a :class:`toolkit.scale.DaskCorpus`: a Dask DataFrame
        partitioned over the files (read lazily, by the same per-file reader), which
        :func:`toolkit.article_stats`, :func:`toolkit.outlet_stats`,
        :func:`toolkit.keyword_frequencies` and :func:`toolkit.keyness` accept (see
        ``docs/dask.md``). ``progress`` is not used there (Dask has its own dashboard).
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
        ``errors``: ``source_path, error, message`` where ``error`` is one of
        ``empty, binary, too_large, unreadable, undecodable, bad_row, bad_table,
        bad_date, no_text_column, missing_column, zip_limit, unsafe_path,
        missing_file, duplicate_id, symlink_loop, unsupported, bad_html``.
        The article of a ``duplicate_id`` row is loaded (renamed ``id~2``), that of a
        ``bad_date`` row too (with ``NaT``); the others are not. ``bad_row`` and
        ``bad_date`` messages name the line.

    Raises
    ------
    FileNotFoundError
        If ``source`` is a path that does not exist.
    ValueError
        For an unsupported file type, bad ``errors``/``columns`` arguments, or a
        DataFrame without a text column.
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
    if engine == "dask":
        from toolkit.scale import load_corpus_dask

        return load_corpus_dask(
            source,
            npartitions=npartitions,
            partition_size=partition_size,
            columns=columns,
            outlet=outlet,
            errors=errors,
            max_file_bytes=max_file_bytes,
            zip_max_total_bytes=zip_max_total_bytes,
            zip_max_members=zip_max_members,
            recursive=recursive,
        )
    if engine != "pandas":
        raise ValueError(f"engine must be 'pandas' or 'dask', got {engine!r}")
    if npartitions is not None or partition_size is not None:
        raise ValueError("npartitions and partition_size only apply to engine='dask'")
    if errors not in ("collect", "raise"):
        raise ValueError(f"errors must be 'collect' or 'raise', got {errors!r}")
    _check_columns(columns)
    for name, value in (
        ("max_file_bytes", max_file_bytes),
        ("zip_max_total_bytes", zip_max_total_bytes),
        ("zip_max_members", zip_max_members),
    ):
        if value is not None and (not isinstance(value, int) or value < 0):
            raise ValueError(f"{name} must be a non-negative int or None, got {value!r}")
    if isinstance(source, Corpus):
        return source.copy()
    loader = _Loader(
        columns=columns,
        outlet=outlet,
        errors=errors,
        progress=progress,
        max_file_bytes=max_file_bytes,
        zip_max_total_bytes=zip_max_total_bytes,
        zip_max_members=zip_max_members,
        recursive=recursive,
    )
    if isinstance(source, pd.DataFrame):
        try:
            part = frame_to_articles(
                source,
                columns=columns,
                outlet=outlet,
                source_path="<DataFrame>",
                locations=None,
                report=loader.report,
                encoding=None,
            )
        except _Problem as exc:
            raise ValueError(f"cannot load this DataFrame: {exc.message}") from None
        loader.parts.append(part)
        return loader.result("<DataFrame>")
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
    if path.is_dir():
        loader.load_folder(path, display)
        return loader.result(display)
    suffix = path.suffix.lower()
    if suffix == ".zip":
        loader.load_zip(path, display)
    elif suffix in TABLE_SUFFIXES:
        try:
            data = loader.read_file(path, None)
        except _Problem as exc:
            loader.problem(display, exc)
        else:
            loader.load_table(data, suffix, display)
    elif suffix in ARTICLE_SUFFIXES:
        try:
            data = loader.read_file(path, max_file_bytes)
        except _Problem as exc:
            loader.problem(display, exc)
        else:
            row = loader.article_row(
                data,
                suffix=suffix,
                source_path=display,
                article_id=path.stem,
                outlet_hint=None,
                meta=None,
            )
            if row is not None:
                loader.rows.append(row)
    else:
        known = sorted(ARTICLE_SUFFIXES | TABLE_SUFFIXES | {".zip"})
        raise ValueError(
            f"unsupported file type {suffix or '(no suffix)'!r} for {display!r}; "
            f"load a folder or one of: {', '.join(known)}"
        )
    return loader.result(display)
