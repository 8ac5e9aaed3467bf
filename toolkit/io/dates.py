"""Publication dates recovered from the text of a scraped page.

A scraped page prints its date in many ways: a byline (``March 4, 2024 6:40 AM UTC``),
a label (``Published: 18:30, 5 Mar 2024``, ``Опубликовано 19 января 2016``), a wire
dateline (``PORT HALDEN, March 4 (Northbridge Wire) -``), an ISO timestamp left over from
the page's metadata (``2016-01-19T12:45:00+03:00``), and, deeper down, dates that belong
to the story rather than to the page (``On January 6 the council...``).

:func:`find_dates` finds every candidate with one linear scan of each text (one compiled
pattern of bounded alternatives: no quantifier spans a whole line), classifies each by
its context, and keeps the best by kind, then by position:

=========== =================================================================== ====
source      what it is                                                          rank
=========== =================================================================== ====
published   preceded by a label: Published, Posted, Опубликовано, ...           1
byline      a date that makes up most of a short line (a byline or date line)    2
iso         an ISO 8601 timestamp with a time (``2016-01-19T12:45``)            2
dateline    a wire dateline ``PLACE, Month D (Agency) -``; the year, when       3
            missing, comes from another date on the page
updated     preceded by Updated, Modified, Обновлено, ...                       4
body        a full date inside running text                                     5
url         (only with ``urls=``) a date in the page's address, when the text   6
            has none; see :func:`date_from_url`
=========== =================================================================== ====

Months are read from a fixed table of English and Russian names (every grammatical
case: ``января``, ``январь``, ``январе``, ``янв.``). Numeric dates: ``19.01.2016`` is
day-first, ``2016-01-19`` and ``2016/01/19`` year-first, ``01/19/2016`` month-first
unless the first number is over 12. Printed time zones are honoured (``UTC``, ``GMT``,
``MSK`` = +03:00, ``EST``/``EDT``/``CET``/..., numeric offsets); times without one are
read in ``default_tz``. Relative dates (``2 hours ago``, ``вчера``) are not dates: the
row stays NaT with the reason.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

__all__ = [
    "DATE_COLUMNS",
    "DATE_SOURCES",
    "DateFound",
    "date_from_url",
    "find_date",
    "find_dates",
]

#: Columns of the frame returned by :func:`find_dates`, in order.
DATE_COLUMNS: tuple[str, ...] = ("published_at", "date_source", "date_raw", "date_reason")
#: The values of ``date_source``, best first.
DATE_SOURCES: tuple[str, ...] = (
    "published",
    "byline",
    "iso",
    "dateline",
    "updated",
    "body",
    "url",
)
_RANK = {
    "published": 1,
    "byline": 2,
    "iso": 2,
    "dateline": 3,
    "updated": 4,
    "body": 5,
    "url": 6,
}
_MIN_YEAR, _MAX_YEAR = 1900, 2100
#: At most this many candidates are read from one text (a page of a million dates
#: costs no more than one of a thousand).
_MAX_CANDIDATES = 1000
#: Look-back / look-ahead on a candidate's line; a longer line counts as running text.
_LINE_WINDOW = 200

# ----------------------------------------------------------------------------- tables

_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "января", "январь", "январе", "янв"),
    2: ("february", "febr", "feb", "февраля", "февраль", "феврале", "февр", "фев"),
    3: ("march", "mar", "марта", "март", "марте", "мар"),
    4: ("april", "apr", "апреля", "апрель", "апреле", "апр"),
    5: ("may", "мая", "май", "мае"),
    6: ("june", "jun", "июня", "июнь", "июне", "июн"),
    7: ("july", "jul", "июля", "июль", "июле", "июл"),
    8: ("august", "aug", "августа", "август", "августе", "авг"),
    9: ("september", "sept", "sep", "сентября", "сентябрь", "сентябре", "сент", "сен"),
    10: ("october", "oct", "октября", "октябрь", "октябре", "окт"),
    11: ("november", "nov", "ноября", "ноябрь", "ноябре", "нояб", "ноя"),
    12: ("december", "dec", "декабря", "декабрь", "декабре", "дек"),
}
_MONTH_OF = {word: month for month, words in _MONTHS.items() for word in words}

_TZ_HOURS: dict[str, float] = {
    "UTC": 0, "UT": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 1, "BST": 1, "CET": 1,
    "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3, "МСК": 3, "MSD": 4, "IST": 5.5,
    "SGT": 8, "HKT": 8, "AWST": 8, "JST": 9, "KST": 9, "ACST": 9.5, "AEST": 10,
    "AEDT": 11, "NZST": 12, "NZDT": 13, "HST": -10, "AKST": -9, "AKDT": -8,
    "PST": -8, "PDT": -7, "MST": -7, "MDT": -6, "CST": -6, "CDT": -5, "EST": -5,
    "EDT": -4,
}  # fmt: skip
#: US zones printed without standard/daylight: their region's rule decides.
_TZ_REGIONS: dict[str, str] = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}

# ---------------------------------------------------------------------------- pattern

_SP = r"[ \t\u00a0]"
_MON = "|".join(sorted(_MONTH_OF, key=len, reverse=True))
_TZ_NAMES = "|".join(sorted([*_TZ_HOURS, *_TZ_REGIONS], key=len, reverse=True))
# A printed zone: a name, a name with an offset, or a bare 4-digit offset.
_TZ = (
    rf"(?-i:(?:UTC|GMT)[ ]?[+\-−]\d{{1,2}}(?::?\d\d)?(?!\d)|[+\-−][01]\d:?[0-5]\d(?!\d)"
    rf"|(?:{_TZ_NAMES})(?![\w]))"
)
_AMPM = r"[ap]\.?[ \t]?m\.?(?!\w)|[ap](?![\w])"
_POST_TIME = (
    rf"(?:(?:{_SP}{{0,3}}(?:,|at|в|-|–|—|·|\||@|//){_SP}{{0,3}}|{_SP}{{1,3}})"
    rf"(?P<H>[0-2]?\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d)(?:[.,]\d{{1,9}})?)?(?!\d)"
    rf"(?:{_SP}{{0,2}}(?P<ap>{_AMPM}))?"
    rf"(?:{_SP}{{0,2}}\(?(?P<tz>{_TZ})\)?)?)?"
)
_PRE_TIME = (
    rf"(?:(?<![\d:])(?P<pH>[0-2]?\d):(?P<pM>[0-5]\d)(?!\d)(?:{_SP}{{0,2}}(?P<pap>{_AMPM}))?"
    rf"(?:{_SP}{{1,2}}(?P<ptz>{_TZ}))?,?{_SP}{{1,3}}(?:on{_SP}{{1,3}})?)?"
)
_YEAR_SUFFIX = rf"(?:{_SP}?(?:г\.|года|год)(?!\w))?"
_DAY = r"(?P<{}>[0-3]?\d)(?!\d)(?:st|nd|rd|th)?"
_DMY = (
    rf"(?<![\w.:/\-]){_DAY.format('d1')}(?:{_SP}{{1,3}}|-)(?:of{_SP}{{1,3}})?"
    rf"(?P<mon1>{_MON})(?!\w)\.?"
    rf"(?:(?:,{_SP}{{0,3}}|{_SP}{{1,3}}|-)(?P<y1>\d{{4}})(?!\d){_YEAR_SUFFIX})?"
)
_MDY = (
    rf"(?<![\w.])(?P<mon2>{_MON})(?!\w)\.?(?:{_SP}{{1,3}}|-){_DAY.format('d2')}"
    rf"(?:(?:,{_SP}{{0,3}}|{_SP}{{1,3}})(?P<y2>\d{{4}})(?!\d))?"
)
_YMD = (
    r"(?<![\w.:/\-+])(?P<y3>\d{4})(?P<sep3>[\-/.])(?P<m3>[01]?\d)(?P=sep3)(?P<d3>[0-3]?\d)(?!\d)"
    r"(?:(?P<T>T)(?P<H3>[0-2]\d):(?P<M3>[0-5]\d)(?::(?P<S3>[0-5]\d)(?:[.,]\d{1,9})?)?"
    r"(?P<tz3>Z|[+\-][01]\d:?[0-5]\d)?)?(?![\w:])"
)
_NUM_DMY = r"(?<![\w.,:/\-])(?P<d4>[0-3]?\d)\.(?P<m4>[01]?\d)\.(?P<y4>\d{4})(?!\d|[.,:/\-]\d)"
_NUM_MDY = r"(?<![\w.,:/\-])(?P<a5>[0-3]?\d)/(?P<b5>[0-3]?\d)/(?P<y5>\d{4}|\d\d)(?!\d|[.,:/\-]\d)"
# Every date starts with a digit or a month name at a word start: the leading look-ahead
# rejects all other positions at once, which keeps hostile lines (``x - x - x ...``) cheap.
_STARTS = sorted({word[:3] for word in _MONTH_OF})
_FIRST = "".join(sorted({word[0] for word in _MONTH_OF}))
_DATE_RE = re.compile(
    rf"(?=[\d{_FIRST}])(?:(?<!\d)(?=\d)|(?<!\w)(?={'|'.join(_STARTS)}))"
    rf"{_PRE_TIME}(?:{_DMY}|{_MDY}|{_YMD}|{_NUM_DMY}|{_NUM_MDY}){_POST_TIME}",
    re.IGNORECASE,
)
_RELATIVE_RE = re.compile(
    r"\b(?:(?:\d{1,3}|an?|one)[ \t]{1,3}(?:sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|days?"
    r"|weeks?|months?)[ \t]{1,3}ago|yesterday|just now|\d{1,3}[ \t]{1,3}(?:секунд\w{0,2}"
    r"|минут\w{0,2}|час\w{0,2}|дн(?:я|ей)|день|недел\w{0,2}|месяц\w{0,2})[ \t]{1,3}назад"
    r"|вчера|позавчера|только что)\b",
    re.IGNORECASE,
)
_LABEL_RE = re.compile(
    r"\b(?:(?P<pub>published|posted|first[ ]published|publication[ ]date|date[ ]published"
    r"|released|опубликован[оа]?|дата[ ]публикации|публикация|размещено)"
    r"|(?P<upd>updated|last[ ]updated|last[ ]update|modified|last[ ]modified|revised|обновлен[оа]?"
    r"|обновл[её]н|изменено|дата[ ]изменения))\b",
    re.IGNORECASE,
)
_DATELINE_PREFIX_RE = re.compile(
    r"^[ \t\-–—•*]{0,3}[A-ZА-ЯЁ][\w'’.\-]{0,30}(?:[ \t/]{1,2}[A-ZА-ЯЁ(][\w'’.\-)]{0,30}){0,4}"
    r",[ \t]{0,2}$"
)
_SEPARATOR_RE = re.compile(r"[|·•]|//")
_DATELINE_SUFFIX_RE = re.compile(r"[ \t]{0,3}(?:\(|[\-–—:](?:[ \t]|$))")
_OFFSET_RE = re.compile(r"(?:UTC|GMT)?[ ]?([+\-])(\d{1,2}):?(\d\d)?")
_URL_HOST_RE = re.compile(r"^[a-z][a-z0-9+.\-]*://[^/]*", re.IGNORECASE)
_URL_DATE_RE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<sep>[/\-_]?)(?P<m>[01]\d)(?P=sep)(?P<d>[0-3]\d)(?!\d)"
)


# ---------------------------------------------------------------------------- results


@dataclass(frozen=True)
class DateFound:
    """The date chosen for one page: when, from which kind of place, and the text read.

    Attributes
    ----------
    published_at : pandas.Timestamp
        Tz-aware, in UTC.
    source : str
        One of :data:`DATE_SOURCES`.
    raw : str
        The matched text, as printed.
    """

    published_at: pd.Timestamp
    source: str
    raw: str


class _Cand(NamedTuple):
    rank: int
    before_title: bool
    distance: int
    pos: int
    when: dt.datetime
    source: str
    raw: str


class _Parsed(NamedTuple):
    year: int | None
    month: int
    day: int
    hour: int | None
    minute: int
    second: int
    ampm: str | None
    tz: str | None


# ---------------------------------------------------------------------------- parsing


def _int(value: str | None) -> int | None:
    return None if value is None else int(value)


def _parse_match(m: Any) -> _Parsed | None:
    """The fields of one match of :data:`_DATE_RE`; None when a month name is no month."""
    g = m.groupdict()
    hour, minute, second = _int(g["H"]), _int(g["M"]) or 0, _int(g["S"]) or 0
    ampm, tz = g["ap"], g["tz"]
    if g["mon1"] or g["mon2"]:
        word = g["mon1"] or g["mon2"]
        if word[0].isascii() and word[0].islower():  # "may 20 people", not a month
            return None
        month = _MONTH_OF[word.lower()]
        day = int(g["d1"] or g["d2"])
        year = _int(g["y1"] or g["y2"])
    elif g["y3"]:
        year, month, day = int(g["y3"]), int(g["m3"]), int(g["d3"])
        if g["T"]:
            hour, minute, second = int(g["H3"]), int(g["M3"]), _int(g["S3"]) or 0
            ampm, tz = None, g["tz3"] or tz
    elif g["y4"]:
        year, month, day = int(g["y4"]), int(g["m4"]), int(g["d4"])
    else:
        a, b, y = int(g["a5"]), int(g["b5"]), g["y5"]
        month, day = (b, a) if a > 12 else (a, b)
        year = int(y) if len(y) == 4 else (2000 + int(y) if int(y) < 70 else 1900 + int(y))
    if g["pH"] is not None and hour is None:  # "18:30, 5 Mar 2024", "6:05 PM on 09/21/2012"
        hour, minute, second, ampm, tz = int(g["pH"]), int(g["pM"]), 0, g["pap"], g["ptz"]
    return _Parsed(year, month, day, hour, minute, second, ampm, tz)


def _tz_offset(name: str) -> dt.tzinfo | None:
    """A printed zone: ``MSK`` -> +03:00, ``GMT+2``, ``-0500``, ``ET`` (New York, with DST)."""
    name = name.replace("−", "-")
    if name in _TZ_REGIONS:
        return ZoneInfo(_TZ_REGIONS[name])
    if name in _TZ_HOURS:
        return dt.timezone(dt.timedelta(hours=_TZ_HOURS[name]))
    m = _OFFSET_RE.fullmatch(name)
    if m is None:
        return None
    hours, minutes = int(m.group(2)), int(m.group(3) or 0)
    if hours > 14 or minutes > 59:
        return None
    sign = -1 if m.group(1) == "-" else 1
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


@functools.lru_cache(maxsize=64)
def _zone(name: str) -> dt.tzinfo:
    """``default_tz`` as a tzinfo: an IANA name (``Europe/Moscow``) or an offset."""
    fixed = _tz_offset(name.strip())
    if fixed is not None:
        return fixed
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {name!r}") from exc


def _to_utc(p: _Parsed, year: int, default: dt.tzinfo) -> tuple[dt.datetime | None, str]:
    """The parsed fields as an aware UTC datetime, or None with the reason."""
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None, "out of range"
    hour = p.hour or 0
    if p.ampm is not None:
        if not 1 <= hour <= 12:
            return None, "invalid time"
        hour = hour % 12 + (12 if p.ampm[0] in "pP" else 0)
    try:
        naive = dt.datetime(year, p.month, p.day, hour, p.minute, p.second)
    except ValueError:
        return None, "invalid date"
    zone = default if p.tz is None else _tz_offset(p.tz) or default
    return naive.replace(tzinfo=zone).astimezone(dt.UTC), ""


# ------------------------------------------------------------------------- classifying


def _context(text: str, start: int, end: int) -> tuple[str, str, bool]:
    """The candidate's line before and after it (capped), and whether the line is long."""
    lo = max(0, start - _LINE_WINDOW)
    nl = text.rfind("\n", lo, start)
    long_line = nl < 0 and lo > 0
    before = text[nl + 1 if nl >= 0 else lo : start]
    hi = min(len(text), end + _LINE_WINDOW)
    nr = text.find("\n", end, hi)
    long_line = long_line or (nr < 0 and hi < len(text))
    after = text[end : nr if nr >= 0 else hi]
    return before, after, long_line


def _kind(text: str, m: Any, has_year: bool) -> str:
    """published / updated / dateline / iso / byline / body, from the candidate's line."""
    before, after, long_line = _context(text, m.start(), m.end())
    segment = _SEPARATOR_RE.split(before[-80:])[-1]
    labels = list(_LABEL_RE.finditer(segment))
    if labels:
        return "published" if labels[-1].group("pub") else "updated"
    if (m.group("mon1") or m.group("mon2")) and _DATELINE_PREFIX_RE.match(before):
        if _DATELINE_SUFFIX_RE.match(after):
            return "dateline"
    if m.group("T"):
        return "iso"
    # The rest of the date's part of the line ("By Ann Lee" in "Home | By Ann Lee, May 2,
    # 2019 | 3 comments"): short means a byline or a date line, long means running text.
    rest = _SEPARATOR_RE.split(before)[-1].strip() + " " + _SEPARATOR_RE.split(after)[0].strip()
    if not long_line and len(rest) <= 60 and len(rest.split()) <= 10 and has_year:
        return "byline"
    return "body"


# ---------------------------------------------------------------------------- choosing


def _reason_text(kind: str, raw: str) -> str:
    return f"{kind} ({raw.strip()[:60]})"


def _candidates(
    text: str, title_pos: int, default: dt.tzinfo
) -> tuple[list[_Cand], list[tuple[Any, _Parsed, str]], str | None]:
    """Scan one text: dated candidates, yearless ones (with kind), first rejection reason."""
    found: list[_Cand] = []
    yearless: list[tuple[Any, _Parsed, str]] = []
    rejected: str | None = None
    for i, m in enumerate(_DATE_RE.finditer(text)):
        if i >= _MAX_CANDIDATES:
            break
        parsed = _parse_match(m)
        if parsed is None:
            continue
        kind = _kind(text, m, parsed.year is not None)
        if parsed.year is None:
            yearless.append((m, parsed, kind))
            continue
        when, why = _to_utc(parsed, parsed.year, default)
        if when is None:
            rejected = rejected or _reason_text(why, m.group())
            continue
        found.append(_cand(kind, m.start(), title_pos, when, m.group()))
    return found, yearless, rejected


def _cand(kind: str, pos: int, title_pos: int, when: dt.datetime, raw: str) -> _Cand:
    before = title_pos >= 0 and pos < title_pos
    return _Cand(_RANK[kind], before, abs(pos - max(title_pos, 0)), pos, when, kind, raw.strip())


def _with_year(p: _Parsed, ref: dt.datetime) -> int:
    """The year that puts a yearless month and day nearest to a reference date."""
    year = ref.year
    if (p.month - ref.month) > 6:
        year -= 1
    elif (ref.month - p.month) > 6:
        year += 1
    return year


def _choose(text: str, title: str | None, default: dt.tzinfo) -> tuple[_Cand | None, str | None]:
    """The best candidate of one text, or None with the reason."""
    if not text or not text.strip():
        return None, "empty text"
    title_pos = -1
    if title and len(title.strip()) >= 8:
        title_pos = text.find(title.strip())
    found, yearless, rejected = _candidates(text, title_pos, default)
    ref = min(found).when if found else None
    no_year: str | None = None
    for m, parsed, kind in yearless:
        if kind != "dateline":
            no_year = no_year or _reason_text("no year", m.group())
            continue
        if ref is None:
            no_year = _reason_text("dateline without year", m.group())
            continue
        when, why = _to_utc(parsed, _with_year(parsed, ref), default)
        if when is None:
            rejected = rejected or _reason_text(why, m.group())
        else:
            found.append(_cand(kind, m.start(), title_pos, when, m.group()))
    if found:
        return min(found), None
    relative = _RELATIVE_RE.search(text)
    if relative is not None:
        return None, _reason_text("relative date only", relative.group())
    return None, rejected or no_year or "none found"


# ----------------------------------------------------------------------------- public


def date_from_url(url: str | None) -> pd.Timestamp | None:
    """The date in a page's address (``/2016/01/19/``, ``-2016-01-19``, ``/20160119/``).

    Parameters
    ----------
    url : str or None
        The page's address.

    Returns
    -------
    pandas.Timestamp or None
        Midnight UTC of that day, or None when the address holds no valid
        year-month-day (years 1900..2099).

    Examples
    --------
    >>> date_from_url("https://example.org/world/2016/01/19/port-strike")
    Timestamp('2016-01-19 00:00:00+0000', tz='UTC')
    >>> date_from_url("https://example.org/economy/20240304/845994.html")
    Timestamp('2024-03-04 00:00:00+0000', tz='UTC')
    >>> date_from_url("https://example.org/story/2016/13/45/") is None
    True
    """
    if not url:
        return None
    path = _URL_HOST_RE.sub("", url)[:2000]
    for m in _URL_DATE_RE.finditer(path):
        try:
            day = dt.datetime(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        return pd.Timestamp(day, tz="UTC")
    return None


def find_date(text: str, *, title: str | None = None, default_tz: str = "UTC") -> DateFound | None:
    """The publication date of one page, or None (see :func:`find_dates` for why).

    Parameters
    ----------
    text : str
        The page's text.
    title : str, optional
        Its headline: dates at or after it are preferred over dates above it.
    default_tz : str
        Zone of times printed without one (IANA name or offset such as ``+03:00``).

    Returns
    -------
    DateFound or None

    Examples
    --------
    >>> find_date("Port strike ends\\nBy Ann Lee\\nMarch 4, 2024 6:40 AM UTC\\nText.")
    DateFound(published_at=Timestamp('2024-03-04 06:40:00+0000', tz='UTC'), source='byline', raw='March 4, 2024 6:40 AM UTC')
    >>> find_date("Updated 2 hours ago") is None
    True
    """
    best, _ = _choose(text, title, _zone(default_tz))
    if best is None:
        return None
    return DateFound(pd.Timestamp(best.when), best.source, best.raw)


def _per_row(value: Any, n: int, name: str) -> list[Any]:
    if value is None or isinstance(value, str):
        return [value] * n
    values = list(value)
    if len(values) != n:
        raise ValueError(f"{name} has {len(values)} values for {n} texts")
    return values


def find_dates(
    texts: Sequence[str] | pd.Series,
    *,
    titles: Sequence[str | None] | pd.Series | None = None,
    urls: Sequence[str | None] | pd.Series | None = None,
    default_tz: str | Sequence[str] | pd.Series = "UTC",
) -> pd.DataFrame:
    """Publication dates of scraped pages, read from their text, one row per text.

    Every text is scanned once, in linear time; the candidates are ranked by kind
    (published label, byline, ISO timestamp, dateline, updated label, body text) and
    then by position: the first (or, with ``titles``, the nearest one at or after the
    headline) of the best kind wins. Impossible dates (month 13, 30 February) and
    years outside 1900..2100 are skipped, never raised.

    Parameters
    ----------
    texts : sequence of str or pandas.Series
        The pages' text (None and NaN count as empty).
    titles : sequence of str, optional
        The headlines, aligned with ``texts``.
    urls : sequence of str, optional
        The pages' addresses: used (source ``"url"``, see :func:`date_from_url`) only
        where the text yields no date. Leave out to judge the text alone.
    default_tz : str or sequence of str
        Zone of times printed without one: an IANA name (``"Europe/Moscow"``) or an
        offset (``"+03:00"``); one for all texts or one per text (an outlet's zone).
        Date-only values are midnight in this zone.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``texts`` (a Series' index is kept), with columns

        - ``published_at``: ``datetime64[ns, UTC]``, NaT when no date was found;
        - ``date_source``: one of :data:`DATE_SOURCES`, or None;
        - ``date_raw``: the matched text, or None;
        - ``date_reason``: None when found, else why not: ``"empty text"``,
          ``"none found"``, ``"relative date only (2 hours ago)"``,
          ``"no year (On January 6)"``, ``"dateline without year (March 4)"``,
          ``"out of range (March 4, 1850)"``, ``"invalid date (30.02.2016)"``.

    Examples
    --------
    >>> pages = [
    ...     "Port strike ends\\nPublished: 18:30, 5 Mar 2024 | Updated: 21:32, 5 Mar 2024",
    ...     "Забастовка\\n19 января 2016, 12:45 МСК\\nВ 2005 году порт...",
    ...     "OSLO, March 4 (Wire) - Talks failed. On January 6, 2024 the union met.",
    ...     "Updated 2 hours ago",
    ...     "",
    ... ]
    >>> found = find_dates(pages)
    >>> found[["published_at", "date_source"]]
                   published_at date_source
    0 2024-03-05 18:30:00+00:00   published
    1 2016-01-19 09:45:00+00:00      byline
    2 2024-03-04 00:00:00+00:00    dateline
    3                       NaT        None
    4                       NaT        None
    >>> found["date_reason"].tolist()
    [None, None, None, 'relative date only (2 hours ago)', 'empty text']
    >>> str(found["published_at"].dtype)
    'datetime64[ns, UTC]'
    """
    index = texts.index if isinstance(texts, pd.Series) else pd.RangeIndex(len(texts))
    values = [t if isinstance(t, str) else "" for t in texts]
    n = len(values)
    title_list = _per_row(titles, n, "titles")
    url_list = _per_row(urls, n, "urls")
    zones = _per_row(default_tz, n, "default_tz")
    when: list[Any] = []
    source: list[str | None] = []
    raw: list[str | None] = []
    reason: list[str | None] = []
    for text, title, url, zone in zip(values, title_list, url_list, zones, strict=True):
        best, why = _choose(text, title if isinstance(title, str) else None, _zone(zone))
        if best is None and isinstance(url, str) and (day := date_from_url(url)) is not None:
            best, why = _cand("url", 0, -1, day.to_pydatetime(), url), None
        when.append(best.when if best is not None else None)
        source.append(best.source if best is not None else None)
        raw.append(best.raw if best is not None else None)
        reason.append(why)
    published = pd.to_datetime(pd.Series(when, index=index, dtype=object), utc=True)
    return pd.DataFrame(
        {
            "published_at": published.astype("datetime64[ns, UTC]"),
            "date_source": pd.Series(source, index=index, dtype=object),
            "date_raw": pd.Series(raw, index=index, dtype=object),
            "date_reason": pd.Series(reason, index=index, dtype=object),
        },
        index=index,
    )
