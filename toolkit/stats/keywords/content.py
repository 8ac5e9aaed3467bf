"""Content terms: what the keyword tables leave out by default, and why.

Keyness and frequency lists of scraped news are led by artifacts unless they are left
out: an outlet's own name (``meridian``, ``dispatch``), its domain, the words of its
page template, numbers and dates (``2024``, ``mar``, ``4``), and fragments (``c``).
:func:`~toolkit.stats.keywords.keyness` and
:func:`~toolkit.stats.keywords.keyword_frequencies` leave out, by default, every term
(word or n-gram) one of whose words is, in this order of precedence:

==============  ===========================================================================
reason          the word
==============  ===========================================================================
``number``      starts with a digit (``2024``, ``1,250``, ``3rd``, ``5.9m``; ``covid-19``
                and ``g7`` stay)
``short``       has fewer than two letters and no digit (``c``, ``ð``, ``x``; ``g7`` stays)
``date``        is a month or weekday name or abbreviation, English or Russian, in any
                case form (``mar``, ``march``, ``tuesday``, ``марта``, ``вторник``), or a
                time-zone mark (``utc``, ``gmt``, ``мск``)
``outlet name`` is a word of an outlet's name, or the name written as one word
                (``The Daily Clarion``: ``daily``, ``clarion``, ``dailyclarion``); the
                names of every outlet of the counts, not only the target's
``domain``      is a part of the host name of an article's ``url`` (``vestnik-severa``,
                ``vestnik``, ``severa``, ``example``), or ``www`` / ``http`` / ``https``
``template``    is template vocabulary of the target (or of a named reference outlet):
                a word (not a stop word) of the outlet's template lines (the lines its
                :class:`~toolkit.stats.boilerplate.BoilerplateDetector` learned, e.g.
                "Purchase licensing rights", "By Ruth Amadi") used at least
                :data:`TEMPLATE_RATIO` (4) times as often in those lines (the lines'
                article counts) as in the outlet's body
``excluded``    is one of the words the caller passed as ``exclude``
==============  ===========================================================================

:func:`excluded_terms` lists what was left out, with the reason and where it comes from.
The words of the names are left out even where they are also ordinary words
(``daily``, ``севера``): pass ``keep_artifacts=True`` to see everything.

Examples
--------
>>> word_reasons(["2024", "c", "mar", "harbour", "марта", "covid-19"]).tolist()
['number', 'short', 'date', None, 'date', None]
>>> sorted(name_words(["The Daily Clarion"]))
['clarion', 'daily', 'dailyclarion', 'thedailyclarion']
>>> sorted(domain_words(["www.vestnik-severa.example"]))
['example', 'http', 'https', 'severa', 'vestnik', 'vestnik-severa', 'vestnik-severa.example', 'www']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from toolkit.stats.keywords.tokens import stopwords, tokenize

__all__ = [
    "ARTIFACT_REASONS",
    "DATE_WORDS",
    "REASON_CODE",
    "TEMPLATE_RATIO",
    "domain_words",
    "hosts_of",
    "name_words",
    "word_codes",
    "word_reasons",
]

#: Why a term is left out, in order of precedence (code ``i + 1`` is reason ``i``; 0 is
#: a content term).
ARTIFACT_REASONS: tuple[str, ...] = (
    "number",
    "short",
    "date",
    "outlet name",
    "domain",
    "template",
    "excluded",
)
REASON_CODE = {reason: i + 1 for i, reason in enumerate(ARTIFACT_REASONS)}
#: A word is template vocabulary of an outlet when it is used at least this many times
#: as often in the outlet's template lines as in its body.
TEMPLATE_RATIO = 4
_NONE = np.int8(len(ARTIFACT_REASONS) + 1)  # above every code: "no reason" in a minimum

_MONTHS_EN = (
    "january february march april june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)  # "may" is a stop word; "sun" and "sat" stay words
_WEEKDAYS_EN = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri"
)
_MONTHS_RU = (
    " ".join(
        f"{stem}{end}"
        for stem, ends in (
            ("январ", "ь я е ём"),
            ("феврал", "ь я е ём"),
            ("март", " а е ом"),
            ("апрел", "ь я е ем"),
            ("ма", "й я е ем"),
            ("июн", "ь я е ем"),
            ("июл", "ь я е ем"),
            ("август", " а е ом"),
            ("сентябр", "ь я е ём"),
            ("октябр", "ь я е ём"),
            ("ноябр", "ь я е ём"),
            ("декабр", "ь я е ём"),
        )
        for end in ends.split(" ")
    )
    + " янв фев февр мар апр авг сен сент окт ноя нояб дек"
)
_WEEKDAYS_RU = (
    "понедельник понедельника понедельнику понедельнике вторник вторника вторнику вторнике "
    "среду четверг четверга четвергу четверге пятница пятницы пятнице пятницу субботы "
    "суббота субботе субботу воскресенье воскресенья воскресенью"
)  # "среда" / "среды" / "среде" also mean "environment": kept
_TIME_ZONES = "utc gmt bst cet cest est edt pst msk мск"

#: Month and weekday names and abbreviations (English, Russian) and time-zone marks.
DATE_WORDS: frozenset[str] = frozenset(
    " ".join((_MONTHS_EN, _WEEKDAYS_EN, _MONTHS_RU, _WEEKDAYS_RU, _TIME_ZONES)).split()
)
_WEB_WORDS = ("www", "http", "https")
_GENERIC_LABELS = frozenset({"news", "m", "amp", "mobile"})  # host labels that name no outlet


def word_codes(words: Sequence[str] | np.ndarray) -> np.ndarray:
    """The reason code (0: none) of each word for the reasons that need no outlet:
    ``number``, ``short``, ``date`` (see the module docstring).

    Examples
    --------
    >>> word_codes(["2024", "c", "mar", "harbour"]).tolist()
    [1, 2, 3, 0]
    """
    s = pd.Series(np.asarray(words, dtype=object), dtype=object)
    if s.empty:
        return np.zeros(0, dtype=np.int8)
    lowered = s.str.lower()
    out = np.zeros(len(s), dtype=np.int8)
    out[lowered.isin(DATE_WORDS).to_numpy()] = REASON_CODE["date"]
    few_letters = (s.str.count(r"[^\W\d_]") < 2) & ~s.str.contains(r"\d")
    out[few_letters.to_numpy(dtype=bool)] = REASON_CODE["short"]
    out[s.str.match(r"\d").fillna(False).to_numpy(dtype=bool)] = REASON_CODE["number"]
    return out


def word_reasons(words: Sequence[str] | np.ndarray) -> np.ndarray:
    """The reason (or None) of each word for ``number``, ``short`` and ``date``.

    Examples
    --------
    >>> word_reasons(["3rd", "g7", "UTC"]).tolist()
    ['number', None, 'date']
    """
    names = np.array([None, *ARTIFACT_REASONS], dtype=object)
    return names[word_codes(words)]


def _with_parts(words: Iterable[str]) -> set[str]:
    """The words and their parts between hyphens and dots, with at least two letters."""
    out: set[str] = set()
    for w in words:
        out.add(w)
        out.update(p for p in re.split(r"[-.]", w) if p)
    return {w for w in out if sum(ch.isalpha() for ch in w) >= 2}


def name_words(names: Iterable[str], *, lower: bool = True) -> dict[str, str]:
    """The words of outlet names: each word but the stop words, the parts of hyphenated
    words, and the name written as one word (with and without its stop words).

    Returns
    -------
    dict
        word -> the name it comes from (the first one).

    Examples
    --------
    >>> name_words(["Вестник Севера"])
    {'вестник': 'Вестник Севера', 'вестниксевера': 'Вестник Севера', 'севера': 'Вестник Севера'}
    """
    stop = stopwords("all")
    out: dict[str, str] = {}
    for name in names:
        if not isinstance(name, str):
            continue
        tokens = tokenize(name, lower=lower)
        content = [t for t in tokens if t.lower() not in stop]
        words = _with_parts(content) | {"".join(content), "".join(tokens)}
        for w in sorted(_with_parts(words)):
            out.setdefault(w, name)
    return out


def domain_words(hosts: Iterable[str]) -> dict[str, str]:
    """The words of host names: the host, its labels and their hyphenated parts (but
    generic labels such as ``news`` or ``m``), and ``www``, ``http``, ``https``.

    Returns
    -------
    dict
        word -> the host it comes from (the first one).

    Examples
    --------
    >>> sorted(domain_words(["news.rbc.ru"]))
    ['http', 'https', 'news.rbc.ru', 'rbc', 'rbc.ru', 'ru', 'www']
    """
    out: dict[str, str] = {}
    for host in hosts:
        if not isinstance(host, str) or not host:
            continue
        host = host.lower().removeprefix("www.")
        labels = [label for label in host.split(".") if label]
        words = {host, ".".join(labels[1:])} if len(labels) > 2 else {host}
        words |= {label for label in labels if label not in _GENERIC_LABELS}
        for w in sorted(_with_parts(w for w in words if w) - _GENERIC_LABELS):
            out.setdefault(w, host)
    for w in _WEB_WORDS:
        out.setdefault(w, "web address")
    return out


def hosts_of(urls: pd.Series) -> pd.Series:
    """The host name of each URL, lower-cased, without ``www.`` (NaN where none).

    Examples
    --------
    >>> hosts_of(pd.Series(["https://www.Example.org/a?b", "no url", None])).tolist()
    ['example.org', nan, nan]
    """
    found = urls.astype(object).where(urls.notna(), "").astype(str)
    hosts = found.str.extract(r"^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/]*@)?([^/?#:]+)", expand=False)
    return hosts.str.lower().str.replace(r"^www\.", "", regex=True)
