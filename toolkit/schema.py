"""Column names, dtypes and validation for the toolkit's tables.

Every table the toolkit passes around has one documented shape:

* **articles**: one row per article (:data:`ARTICLE_COLUMNS`);
* **errors**: one row per load problem (:data:`ERROR_COLUMNS`);
* **lines**: one row per non-empty line of an article (:data:`LINE_COLUMNS`),
  to which the detectors add their label columns.

:func:`as_articles` turns whatever a user hands to a statistic (a
:class:`~toolkit.corpus.Corpus`, a DataFrame with at least ``article_id, outlet, text``)
into a validated articles frame, without mutating the input.

The vocabulary of the statistics is named here too, once: every column of
:func:`~toolkit.stats.summary.article_stats`, :func:`~toolkit.stats.summary.outlet_stats`
and the keyword, keyness, fingerprint and near-duplicate tables is a :class:`Metric` in
:data:`METRICS`, with its human label, its unit and its kind (a ``"fraction"`` in
[0, 1] is shown as a percentage). Charts, widgets and the report read their axis labels,
menu entries, table headers and captions from :func:`label` and :func:`axis_label`;
:data:`STRAY_KINDS`, :data:`GOPHER_COLUMNS`, :data:`HEADLINE_RATES` and
:data:`FRACTION_COLUMNS` are defined here and re-exported by the statistics modules.

The three headline character fractions have consistent aliases
(:data:`METRIC_ALIASES`): ``repeated_chr_fraction`` is ``repetition_rate`` and
``boilerplate_chr_fraction`` is ``boilerplate_ratio`` (with ``stray_chr_fraction``).
The columns keep their names; :func:`resolve_metric` turns an alias (or an alias with
an ``outlet_stats`` suffix such as ``_mean``) into the column name, and every function
that takes a metric name accepts the aliases.
"""

from __future__ import annotations

import numbers
import re
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

__all__ = [
    "ARTICLE_COLUMNS",
    "ARTICLE_STATS_COLUMNS",
    "ERROR_COLUMNS",
    "FRACTION_COLUMNS",
    "GOPHER_COLUMNS",
    "HEADLINE_RATES",
    "LINE_COLUMNS",
    "METRICS",
    "METRIC_ALIASES",
    "PROVENANCE_COLUMNS",
    "REQUIRED_ARTICLE_COLUMNS",
    "STAT_SUFFIXES",
    "STRAY_KINDS",
    "STRAY_KIND_LABELS",
    "STRAY_KIND_PRIORITY",
    "Metric",
    "MetricKind",
    "SchemaError",
    "as_articles",
    "axis_label",
    "dates_in_ns",
    "display_table",
    "empty_articles",
    "empty_errors",
    "format_value",
    "is_fraction",
    "label",
    "label_columns",
    "metric",
    "replace_surrogates",
    "resolve_metric",
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
#: Columns a loaded corpus carries after :data:`ARTICLE_COLUMNS`: how each article's
#: outlet, date and language were found (:mod:`toolkit.io.provenance`).
PROVENANCE_COLUMNS: tuple[str, ...] = (
    "outlet_source",
    "outlet_evidence",
    "outlet_confidence",
    "site_group",
    "date_source",
    "date_raw",
    "date_reason",
    "language",
    "language_confidence",
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
#: Fewer articles than this in an outlet is a small sample: findings say so in words and
#: charts grey the outlet out (its intervals are too wide, or undefined, to compare).
MIN_RELIABLE_ARTICLES: int = 5


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
    frame["published_at"] = dates_in_ns(dates.dt.tz_convert("UTC"))[0]
    return frame


def dates_in_ns(parsed: pd.Series) -> tuple[pd.Series, pd.Series]:
    """UTC dates as ``datetime64[ns, UTC]``; those a nanosecond column cannot hold are NaT.

    pandas parses ``0001-01-01`` or ``9999-12-31`` at a coarser resolution; cast to the
    articles table's nanoseconds they would raise ``OutOfBoundsDatetime`` (about
    1677-09-22 to 2262-04-11 fit).

    Parameters
    ----------
    parsed : pandas.Series
        Timezone-aware UTC datetimes of any resolution.

    Returns
    -------
    tuple of (pandas.Series, pandas.Series)
        The dates in nanoseconds, and the mask of the dates that were out of range.

    Examples
    --------
    >>> import pandas as pd
    >>> raw = pd.to_datetime(pd.Series(["0001-01-01", "2024-05-06"]), utc=True, format="mixed")
    >>> ns, outside = dates_in_ns(raw)
    >>> ns.tolist(), outside.tolist()
    ([NaT, Timestamp('2024-05-06 00:00:00+0000', tz='UTC')], [True, False])
    >>> str(ns.dtype)
    'datetime64[ns, UTC]'
    """
    low, high = _NS_RANGE
    outside = parsed.notna() & ((parsed < low) | (parsed > high))
    if outside.any():
        parsed = parsed.where(~outside)
    return parsed.astype("datetime64[ns, UTC]"), outside.astype(bool)


#: Dates a ``datetime64[ns]`` column can hold.
_NS_RANGE = (pd.Timestamp.min.tz_localize("UTC"), pd.Timestamp.max.tz_localize("UTC"))


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


# --------------------------------------------------------------------------- vocabulary

#: What a column holds: ``"fraction"`` (in [0, 1] or NaN, shown as a percentage),
#: ``"count"`` (a whole number of things), ``"number"`` (any other number: a mean, a
#: score, a rate per 10,000 words), ``"category"`` (a name: outlet, script, term),
#: ``"key"`` (an identifier), ``"text"`` or ``"date"``.
MetricKind = Literal["fraction", "count", "number", "category", "key", "text", "date"]


@dataclass(frozen=True)
class Metric:
    """One column of a statistics table: its name, its human label, its unit, its kind.

    Parameters
    ----------
    name : str
        The column name, as the statistics write it (``"repetition_rate"``).
    label : str
        What a reader sees in a menu, a legend or a table header (``"Repetition rate"``).
    unit : str
        What one unit of the value is, as shown after the label on an axis
        (``"% of characters in repeated lines"``); ``""`` when the value has none.
        Fractions are stored in [0, 1] and shown as percentages, so their unit reads
        "% of ...".
    kind : MetricKind
        ``"fraction"``, ``"count"``, ``"number"``, ``"category"``, ``"key"``,
        ``"text"`` or ``"date"``.

    Examples
    --------
    >>> m = METRICS["boilerplate_ratio"]
    >>> m.label, m.kind
    ('Boilerplate ratio', 'fraction')
    >>> m.axis_label
    'Boilerplate ratio (% of characters in boilerplate lines)'
    >>> METRICS["dominant_script"].axis_label
    'Dominant script'
    """

    name: str
    label: str
    unit: str
    kind: MetricKind

    @property
    def axis_label(self) -> str:
        """The label with its unit in parentheses (the label alone when there is none)."""
        return f"{self.label} ({self.unit})" if self.unit else self.label


#: Human labels of the kinds of stray string, in the order of the ``n_stray_<kind>``
#: columns of :func:`~toolkit.stats.summary.article_stats` (and of chart legends).
STRAY_KIND_LABELS: dict[str, str] = {
    "foreign_script": "foreign-script UI text",
    "mixed_script_word": "mixed-script word",
    "mojibake": "mojibake",
    "markup": "markup",
    "control": "control characters",
}
#: The kinds of stray string :func:`toolkit.stats.scripts.mark_stray` reports, in column order.
STRAY_KINDS: tuple[str, ...] = tuple(STRAY_KIND_LABELS)
#: The same kinds from the highest priority to the lowest: when a line is stray in
#: several ways, :func:`toolkit.stats.scripts.mark_stray` reports the first of them.
STRAY_KIND_PRIORITY: tuple[str, ...] = (
    "mojibake",
    "foreign_script",
    "control",
    "markup",
    "mixed_script_word",
)
#: The rates :func:`~toolkit.stats.summary.outlet_stats` gives a bootstrap interval for.
HEADLINE_RATES: tuple[str, ...] = ("repetition_rate", "boilerplate_ratio", "stray_chr_fraction")
#: Gopher repetition columns (see :func:`toolkit.stats.repetition.gopher_repetition`).
GOPHER_COLUMNS: tuple[str, ...] = (
    "duplicate_line_fraction",
    "duplicate_paragraph_fraction",
    "duplicate_line_chr_fraction",
    "duplicate_paragraph_chr_fraction",
    *(f"top_ngram_chr_fraction_{n}" for n in (2, 3, 4)),
    *(f"duplicate_ngram_chr_fraction_{n}" for n in range(5, 11)),
)
#: The fraction columns :func:`~toolkit.stats.summary.article_stats` summarises per
#: outlet, all in [0, 1] or NaN (``clean_chr_fraction`` is a fraction too, but not one of
#: them).
FRACTION_COLUMNS: tuple[str, ...] = (
    *HEADLINE_RATES,
    "latin_chr_fraction",
    "cyrillic_chr_fraction",
    "other_script_chr_fraction",
    *GOPHER_COLUMNS,
)
#: The columns of :func:`~toolkit.stats.summary.article_stats`, in order (the Gopher
#: columns only with ``gopher=True``, the default).
ARTICLE_STATS_COLUMNS: tuple[str, ...] = (
    "article_id",
    "outlet",
    "n_chars",
    "n_words",
    "n_lines",
    *HEADLINE_RATES,
    "n_stray_lines",
    *(f"n_stray_{kind}" for kind in STRAY_KINDS),
    "dominant_script",
    "latin_chr_fraction",
    "cyrillic_chr_fraction",
    "other_script_chr_fraction",
    "clean_chr_fraction",
    *GOPHER_COLUMNS,
)

_CHARS = "% of characters"


def _registry() -> dict[str, Metric]:
    m = Metric
    entries = [
        # keys and names
        m("article_id", "Article", "", "key"),
        m("outlet", "Outlet", "", "category"),
        m("published_at", "Published", "", "date"),
        m("title", "Title", "", "text"),
        m("language", "Language", "", "category"),
        # article_stats
        m("n_chars", "Characters", "code points", "count"),
        m("n_words", "Words", "word tokens", "count"),
        m("n_lines", "Lines", "non-blank lines", "count"),
        m("repetition_rate", "Repetition rate", f"{_CHARS} in repeated lines", "fraction"),
        m("boilerplate_ratio", "Boilerplate ratio", f"{_CHARS} in boilerplate lines", "fraction"),
        m("stray_chr_fraction", "Stray-string share", f"{_CHARS} that are stray", "fraction"),
        m("n_stray_lines", "Stray lines", "lines", "count"),
        *(
            m(f"n_stray_{kind}", f"Stray lines: {text}", "lines", "count")
            for kind, text in STRAY_KIND_LABELS.items()
        ),
        m("dominant_script", "Dominant script", "", "category"),
        m("latin_chr_fraction", "Latin letters", "% of letters", "fraction"),
        m("cyrillic_chr_fraction", "Cyrillic letters", "% of letters", "fraction"),
        m("other_script_chr_fraction", "Letters of other scripts", "% of letters", "fraction"),
        m("clean_chr_fraction", "Clean-text share", f"{_CHARS} in clean lines", "fraction"),
        m("duplicate_line_fraction", "Duplicate lines", "% of lines", "fraction"),
        m("duplicate_paragraph_fraction", "Duplicate paragraphs", "% of paragraphs", "fraction"),
        m("duplicate_line_chr_fraction", "Characters in duplicate lines", _CHARS, "fraction"),
        m(
            "duplicate_paragraph_chr_fraction",
            "Characters in duplicate paragraphs",
            _CHARS,
            "fraction",
        ),
        *(
            m(f"top_ngram_chr_fraction_{n}", f"Most frequent word {n}-gram", _CHARS, "fraction")
            for n in (2, 3, 4)
        ),
        *(
            m(f"duplicate_ngram_chr_fraction_{n}", f"Duplicate word {n}-grams", _CHARS, "fraction")
            for n in range(5, 11)
        ),
        # outlet_stats (the <metric>_mean, ... columns are derived, see metric())
        m("n_articles", "Articles", "articles", "count"),
        # keyword frequencies and trends
        m("term", "Term", "", "category"),
        m("n", "Occurrences", "occurrences", "count"),
        m("per_10k_words", "Frequency", "per 10,000 words", "number"),
        m("period", "Period", "", "date"),
        # keyness
        m("target", "Target", "", "category"),
        m("reference", "Reference", "", "category"),
        m("n_target", "Occurrences in the target", "occurrences", "count"),
        m("n_reference", "Occurrences in the reference", "occurrences", "count"),
        m("g2", "Log-likelihood G²", "", "number"),
        m("log_ratio", "Log Ratio", "log₂ of the ratio of relative frequencies", "number"),
        m("p_value", "p-value", "", "number"),
        m("n_target_articles", "Target articles with the term", "articles", "count"),
        m("dp", "Dispersion (Gries' DP)", "0: spread evenly, 1: in one article", "number"),
        m("stem", "Stem", "", "category"),
        m("forms", "Forms counted", "", "text"),
        # boilerplate fingerprint
        m("text", "Text", "", "text"),
        m("norm", "Matching key", "", "text"),
        m("share", "Share of the outlet's articles", "% of the outlet's articles", "fraction"),
        # near-duplicate pairs
        *(
            entry
            for side in ("a", "b")
            for entry in (
                m(f"article_id_{side}", f"Article {side.upper()}", "", "key"),
                m(f"outlet_{side}", f"Outlet {side.upper()}", "", "category"),
                m(f"published_at_{side}", f"Published {side.upper()}", "", "date"),
            )
        ),
        m("similarity", "Jaccard similarity", "", "number"),
        m("shared_share", "Shared shingles", "% of the shorter article's shingles", "fraction"),
        m("source_article_id", "Source article", "", "key"),
        m("source_outlet", "Source outlet", "", "category"),
        # reuse matrix (toolkit.plots.reuse_matrix): its columns
        m("republishing_outlet", "Republishing outlet", "", "category"),
        # concordance (keyword in context)
        m("left", "Left context", "", "text"),
        m("match", "Match", "", "text"),
        m("right", "Right context", "", "text"),
        m("offset", "Character offset", "characters from the start of the text", "count"),
        # what a displayed table says about a row (a small sample, ...)
        m("note", "Note", "", "text"),
        # load errors
        m("source_path", "Source file", "", "text"),
        m("error", "Error", "", "category"),
        m("message", "Message", "", "text"),
    ]
    return {entry.name: entry for entry in entries}


#: Every named column of the statistics tables, by name. Columns of
#: :func:`~toolkit.stats.summary.outlet_stats` that summarise a metric
#: (``<metric>_mean``, ``_median``, ``_ci_low``, ``_ci_high``, ``_total``) are not
#: listed: :func:`metric` derives them (see :data:`STAT_SUFFIXES`).
METRICS: dict[str, Metric] = _registry()

#: Other names of metrics, accepted wherever a metric name is: the three headline
#: character fractions named alike (``stray_chr_fraction`` already is). The columns
#: keep their names (``repetition_rate``, ``boilerplate_ratio`` are a public contract);
#: :func:`resolve_metric` maps an alias onto its column.
METRIC_ALIASES: dict[str, str] = {
    "repeated_chr_fraction": "repetition_rate",
    "boilerplate_chr_fraction": "boilerplate_ratio",
}

#: Suffixes of the summary columns of :func:`~toolkit.stats.summary.outlet_stats`
#: (``<metric><suffix>``) and what they add to the metric's label.
STAT_SUFFIXES: dict[str, str] = {
    "_mean": "mean",
    "_median": "median",
    "_ci_low": "CI low",
    "_ci_high": "CI high",
    "_total": "total",
}


def _split_suffix(name: str) -> tuple[str, str] | None:
    """``(base, suffix)`` when ``name`` is a known metric (or alias) plus a summary suffix."""
    for suffix in STAT_SUFFIXES:
        base = name.removesuffix(suffix)
        if base != name and (base in METRICS or base in METRIC_ALIASES):
            return METRIC_ALIASES.get(base, base), suffix
    return None


def resolve_metric(name: str) -> str:
    """Return the column name behind a metric name or alias.

    Parameters
    ----------
    name : str
        A column name, an alias of :data:`METRIC_ALIASES`, or either with a summary
        suffix of :data:`STAT_SUFFIXES` (``"repeated_chr_fraction_mean"``).

    Returns
    -------
    str
        The column name; a name the schema does not know is returned unchanged (so a
        column of the user's own is accepted as it is).

    Examples
    --------
    >>> resolve_metric("repeated_chr_fraction"), resolve_metric("boilerplate_chr_fraction")
    ('repetition_rate', 'boilerplate_ratio')
    >>> resolve_metric("repeated_chr_fraction_ci_low")
    'repetition_rate_ci_low'
    >>> resolve_metric("stray_chr_fraction"), resolve_metric("my_score")
    ('stray_chr_fraction', 'my_score')
    """
    if name in METRICS:
        return name
    if name in METRIC_ALIASES:
        return METRIC_ALIASES[name]
    split = _split_suffix(name)
    return name if split is None else split[0] + split[1]


def metric(name: str) -> Metric:
    """Return the :class:`Metric` of a column name or alias, derived ones included.

    Parameters
    ----------
    name : str
        A name of :data:`METRICS`, an alias (:data:`METRIC_ALIASES`), or an
        ``outlet_stats`` summary column ``<metric><suffix>`` (:data:`STAT_SUFFIXES`),
        whose label is the metric's label with the suffix's text and whose unit is the
        metric's unit (the mean or median of a count is a ``"number"``, a total a
        ``"count"``).

    Returns
    -------
    Metric
        Its ``name`` is the column name (aliases resolved).

    Raises
    ------
    KeyError
        For a name the schema does not know.

    Examples
    --------
    >>> metric("repeated_chr_fraction").name
    'repetition_rate'
    >>> m = metric("repetition_rate_ci_high")
    >>> m.label, m.unit, m.kind
    ('Repetition rate, CI high', '% of characters in repeated lines', 'fraction')
    >>> metric("n_words_mean").kind, metric("n_chars_total").label
    ('number', 'Characters, total')
    """
    column = resolve_metric(name)
    if column in METRICS:
        return METRICS[column]
    split = _split_suffix(column)
    if split is None:
        raise KeyError(f"no metric named {name!r}; see toolkit.schema.METRICS")
    base = METRICS[split[0]]
    kind = base.kind
    if base.kind == "count":
        kind = "count" if split[1] == "_total" else "number"
    return Metric(column, f"{base.label}, {STAT_SUFFIXES[split[1]]}", base.unit, kind)


def _known(name: str) -> Metric | None:
    try:
        return metric(name)
    except KeyError:
        return None


def label(name: str) -> str:
    """Return the human label of a column (for menus, legends, table headers).

    Parameters
    ----------
    name : str
        A column name or alias (see :func:`metric`).

    Returns
    -------
    str
        The label; a name the schema does not know is returned unchanged.

    Examples
    --------
    >>> label("repetition_rate"), label("duplicate_ngram_chr_fraction_7")
    ('Repetition rate', 'Duplicate word 7-grams')
    >>> label("boilerplate_chr_fraction_mean"), label("my_score")
    ('Boilerplate ratio, mean', 'my_score')
    """
    known = _known(name)
    return name if known is None else known.label


def axis_label(name: str) -> str:
    """Return the axis label of a column: its human label and its unit.

    Parameters
    ----------
    name : str
        A column name or alias (see :func:`metric`).

    Returns
    -------
    str
        ``"<label> (<unit>)"``, the label alone when the column has no unit, and a
        name the schema does not know unchanged.

    Examples
    --------
    >>> axis_label("repetition_rate")
    'Repetition rate (% of characters in repeated lines)'
    >>> axis_label("n_stray_markup")
    'Stray lines: markup (lines)'
    >>> axis_label("outlet"), axis_label("my_score")
    ('Outlet', 'my_score')
    """
    known = _known(name)
    return name if known is None else known.axis_label


def is_fraction(name: str) -> bool:
    """Whether a column is a fraction in [0, 1] (drawn and shown as a percentage).

    Parameters
    ----------
    name : str
        A column name or alias (see :func:`metric`).

    Returns
    -------
    bool
        False for a name the schema does not know.

    Examples
    --------
    >>> is_fraction("stray_chr_fraction"), is_fraction("n_words"), is_fraction("my_score")
    (True, False, False)
    """
    known = _known(name)
    return known is not None and known.kind == "fraction"


def label_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of a table with its column names replaced by their labels (for display).

    Parameters
    ----------
    frame : pandas.DataFrame
        A statistics table; it is not modified.

    Returns
    -------
    pandas.DataFrame
        The same values; every column the schema knows is renamed to :func:`label`,
        the others keep their names.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"outlet": ["A"], "n_articles": [3], "repetition_rate_mean": [0.1]})
    >>> label_columns(t).columns.tolist()
    ['Outlet', 'Articles', 'Repetition rate, mean']
    """
    return frame.rename(columns=lambda c: label(c) if isinstance(c, str) else c)


def format_value(name: str, value: Any) -> str:
    """Return a value of a column as a reader should see it (tables, status lines).

    Parameters
    ----------
    name : str
        The column name or alias (see :func:`metric`).
    value : object
        One value of that column.

    Returns
    -------
    str
        A fraction as a percentage with one decimal (``0.116`` -> ``"11.6%"``), a count
        as a whole number with thousands separators, another number with three
        significant digits (one decimal from 10 up), ``"–"`` for a missing value, and
        anything else as ``str``.

    Examples
    --------
    >>> format_value("boilerplate_ratio", 0.116), format_value("boilerplate_ratio_ci_low", 0.0)
    ('11.6%', '0.0%')
    >>> format_value("n_articles", 12000), format_value("n_words_mean", 412.25)
    ('12,000', '412.2')
    >>> format_value("g2", 3.14159), format_value("repetition_rate", float("nan"))
    ('3.14', '–')
    >>> format_value("outlet", "Вестник")
    'Вестник'
    """
    if isinstance(value, str):
        return value
    try:
        missing = bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array: not one value
        missing = False
    if missing:
        return "–"
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        return str(value)
    known = _known(name)
    kind = known.kind if known is not None else None
    number = float(value)
    if kind == "fraction":
        return f"{number:.1%}"
    if kind == "count" and number == int(number):
        return f"{int(number):,}"
    if abs(number) >= 10:
        return f"{number:,.1f}"
    return f"{number:.3g}"


def display_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a table as a reader should see it: labelled headers, formatted values.

    The statistics tables (and their CSV or Parquet exports) keep the column names and
    the raw values; what a widget or a report shows goes through this function (the
    headers from :func:`label`, every value from :func:`format_value`, so fractions read
    as percentages).

    Parameters
    ----------
    frame : pandas.DataFrame
        A statistics table; it is not modified.

    Returns
    -------
    pandas.DataFrame
        The same rows, every cell a string, the columns renamed to their labels.

    Examples
    --------
    >>> t = pd.DataFrame({"outlet": ["A"], "n_articles": [1200], "repetition_rate_mean": [0.116]})
    >>> display_table(t).to_dict("records")
    [{'Outlet': 'A', 'Articles': '1,200', 'Repetition rate, mean': '11.6%'}]
    """
    shown = pd.DataFrame(
        {
            col: [format_value(col, v) for v in frame[col].tolist()]
            if isinstance(col, str)
            else frame[col].astype(str).tolist()
            for col in frame.columns
        },
        index=frame.index,
        columns=frame.columns,
    )
    return label_columns(shown)
